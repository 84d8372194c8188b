"""Read LinkedIn data exports: connections, messages and invitations.

LinkedIn's "Get a copy of your data" archive holds ``Connections.csv``,
``messages.csv`` and ``Invitations.csv``.  Their layout has changed over the
years, so every reader here matches headers *by name* (any case, any order),
finds the header row even below the "Notes:" preamble, accepts a UTF-8 BOM,
blank names (hidden profiles), a missing ``URL`` column, several recipients in
one message row and every date format LinkedIn has used.  Unknown extra
columns are kept.  What a file holds is read from its header, so a file may
have any name.  A file that cannot be read raises
:class:`~workbench.errors.DataError` naming the file, the row (header = row 1),
the column and the line of the file (below the preamble, row 3 is line 6).

People are keyed on their profile URL (``in/<slug>``), or on their name when
the export has no URL.  A whole export (a folder or LinkedIn's zip) is read by
:func:`workbench.network.exports.read_linkedin`.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "Connections.csv").write_text(
...     "Notes:\\n\\"When exporting...\\"\\n\\n"
...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
...     "Amina,Rahman,https://www.linkedin.com/in/amina-rahman,,Orion,CFO,08 Feb 2026\\n",
...     encoding="utf-8-sig")
>>> read_connections(folder / "Connections.csv")[["person", "name", "company", "connected_on"]].to_dict("records")
[{'person': 'in/amina-rahman', 'name': 'Amina Rahman', 'company': 'Orion', 'connected_on': Timestamp('2026-02-08 00:00:00')}]
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, InputError
from ..i18n.messages import _
from ..text import fold

# canonical column -> accepted header spellings (compared lower-case, spaces/underscores removed)
CONNECTION_COLUMNS = {
    "first_name": ("first name", "firstname", "first"),
    "last_name": ("last name", "lastname", "last"),
    "url": ("url", "profile url", "linkedin url", "profileurl"),
    "email": ("email address", "email", "e-mail address"),
    "company": ("company", "organization", "current company"),
    "position": ("position", "title", "job title"),
    "connected_on": ("connected on", "connectedon", "connected at", "connected"),
}
MESSAGE_COLUMNS = {
    "conversation_id": ("conversation id",),
    "conversation_title": ("conversation title",),
    "from_name": ("from", "sender"),
    "from_url": ("sender profile url", "sender url"),
    "to_names": ("to", "recipients"),
    "to_urls": ("recipient profile urls", "recipient profile url", "recipient urls"),
    "date": ("date", "sent at", "timestamp"),
    "subject": ("subject",),
    "content": ("content", "body", "message"),
    "folder": ("folder",),
    "is_draft": ("is message draft", "is draft"),
}
INVITATION_COLUMNS = {
    "from_name": ("from",),
    "to_name": ("to",),
    "sent_at": ("sent at", "date", "sent"),
    "message": ("message",),
    "direction": ("direction",),
    "from_url": ("inviterprofileurl", "inviter profile url"),
    "to_url": ("inviteeprofileurl", "invitee profile url"),
}
KINDS = {"connections": CONNECTION_COLUMNS, "messages": MESSAGE_COLUMNS, "invitations": INVITATION_COLUMNS}
REQUIRED = {
    "connections": ("first_name", "last_name", "connected_on"),
    "messages": ("from_name", "date"),
    "invitations": ("from_name", "to_name", "sent_at", "direction"),
}
FILE_NAMES = {"connections": "Connections.csv", "messages": "messages.csv", "invitations": "Invitations.csv"}
# LinkedIn's own spelling of each required column, for messages
DISPLAY = {"connections": {"first_name": "First Name", "last_name": "Last Name", "connected_on": "Connected On"},
           "messages": {"from_name": "FROM", "date": "DATE"},
           "invitations": {"from_name": "From", "to_name": "To", "sent_at": "Sent At", "direction": "Direction"}}

# Formats LinkedIn has used, tried in order on the whole column before a per-value fallback.
DATE_FORMATS = ("%d %b %Y", "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%m/%d/%y, %I:%M %p",
                "%m/%d/%Y, %I:%M %p", "%Y-%m-%d", "%b %d, %Y", "%d/%m/%Y", "%m/%d/%y", "%d %B %Y")

_SLUG = re.compile(r"linkedin\.com/(in|pub|company)/([^/?#\s]+)", re.I)


def _norm_header(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text).replace("\ufeff", "")).strip().lower()


def person_key(url=None, name=None) -> str | None:
    """The key a person is known by: ``in/<slug>`` from a profile URL, else ``name:<name>``.

    >>> person_key("https://www.linkedin.com/in/Amina-Rahman/?trk=x")
    'in/amina-rahman'
    >>> person_key(None, "  Karim  Haddad ")
    'name:karim haddad'
    >>> person_key(None, "Hélène Dupont") == person_key(None, "HELENE DUPONT")
    True
    >>> person_key("", "") is None
    True
    """
    if url is not None and not (isinstance(url, float) and url != url):
        text = str(url).strip()
        m = _SLUG.search(text)
        if m:
            return f"{m.group(1).lower()}/{m.group(2).rstrip('/').lower()}"
        if text.lower().startswith(("in/", "name:", "contact:", "rep:")):
            return text.lower()
    if name is not None and not (isinstance(name, float) and name != name):
        clean = fold(name)
        if clean:
            return f"name:{clean}"
    return None


def parse_dates(values: pd.Series, *, file: str, column: str, first_row: int = 2) -> pd.Series:
    """Parse a column of export dates, whatever LinkedIn format they use.

    Blank values become ``NaT``; a value no format reads raises
    :class:`DataError` with its row (``first_row`` is the row of the first value).

    >>> parse_dates(pd.Series(["08 Feb 2026", "", "1/29/26, 2:37 PM", "2025-06-01 14:03:22 UTC"]),
    ...             file="x.csv", column="Date").tolist()
    [Timestamp('2026-02-08 00:00:00'), NaT, Timestamp('2026-01-29 14:37:00'), Timestamp('2025-06-01 14:03:22')]
    """
    text = values.astype("string").str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    todo = text.notna() & (text != "")
    sample = text[todo].iloc[0] if todo.any() else ""
    # the format of the first date first: a whole column usually shares one
    for fmt in sorted(DATE_FORMATS, key=lambda f: pd.isna(pd.to_datetime(sample, format=f, errors="coerce"))):
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = parsed.notna()
        out.loc[parsed.index[ok]] = parsed[ok].astype("datetime64[ns]")
        todo.loc[parsed.index[ok]] = False
    if todo.any():  # anything else pandas can read unambiguously (ISO with zone, ...)
        for idx in text.index[todo]:
            try:
                value = pd.Timestamp(str(text[idx]).replace(" UTC", ""))
                if value.tzinfo is not None:
                    value = value.tz_convert("UTC").tz_localize(None)
                out.loc[idx] = value
            except (ValueError, TypeError):
                row = first_row + values.index.get_loc(idx)
                raise DataError(_('{text!r} is not a date').format(text=text[idx]), file=file, row=row, column=column,
                                fix=_("write dates as LinkedIn does, e.g. '08 Feb 2026' or '2026-02-08'")) from None
    return out


def _cells(line: str) -> list[str]:
    try:
        return next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return []


def _matched(cells: list[str], columns: dict) -> set:
    """The canonical columns that some cell of a header line names."""
    names = {_norm_header(c) for c in cells}
    return {col for col, spellings in columns.items() if any(a in names for a in spellings)}


def detect_kind(header_cells) -> str | None:
    """Which export file a header line belongs to: ``connections``, ``messages``, ``invitations`` or ``None``.

    The kind whose required columns are all there and which names the most known columns wins.

    >>> detect_kind("From,To,Sent At,Message,Direction".split(","))
    'invitations'
    >>> detect_kind("CONVERSATION ID,FROM,TO,DATE,CONTENT".split(","))
    'messages'
    >>> detect_kind(["Name", "Phone"]) is None
    True
    """
    best, score = None, 0
    for kind, columns in KINDS.items():
        found = _matched(list(header_cells), columns)
        if set(REQUIRED[kind]) <= found and len(found) > score:
            best, score = kind, len(found)
    return best


def _split_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them (CRLF, LF or CR), unlike ``str.splitlines``
    which also breaks on the Unicode line separators a message may contain."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@dataclass
class _Layout:
    """Where a table sits in its file, to turn a record number into a file line number."""

    file: str
    lines: list[str]
    header: int  # index of the header line in ``lines``

    def records(self):
        """``(file line where it starts, cells)`` of each record below the header; blank lines are
        skipped, as pandas skips them, and a quoted field may span lines."""
        reader = csv.reader(self.lines[self.header + 1:])
        start = 1
        for cells in reader:
            if any(c.strip() for c in cells) or len(cells) > 1:
                yield self.header + 1 + start, cells
            start = reader.line_num + 1

    def line(self, record: int) -> int:
        """The file line (1 = first line) where record ``record`` (0 = first after the header) starts."""
        return next((line for i, (line, _) in enumerate(self.records()) if i == record), len(self.lines))

    def ragged(self, width: int) -> tuple[int, int, int] | None:
        """The first record whose field count is not ``width``: (record number, file line, fields)."""
        return next(((i, line, len(cells)) for i, (line, cells) in enumerate(self.records()) if len(cells) != width),
                    None)

    @contextmanager
    def lines_in_errors(self):
        """Add the file line to any :class:`DataError` naming a row raised inside the block."""
        try:
            yield
        except DataError as err:
            if err.row is None or err.row < 2:
                raise
            line = self.line(err.row - 2)
            raise DataError(_('{what} (line {line} of the file)').format(what=err.what, line=line), file=err.file, row=err.row,
                            column=err.column, fix=err.fix) from None


def _find_header(lines: list[str], kind: str, file: str) -> int:
    """Index of the first line (of the first 50) naming every required column of ``kind``.

    Without one, the error names the first required column missing from the
    line that looks most like a header, with the closest cell as a suggestion.
    """
    columns, required = KINDS[kind], REQUIRED[kind]
    best, best_found = None, set()
    for i, line in enumerate(lines[:50]):
        found = _matched(_cells(line), columns)
        if set(required) <= found:
            return i
        if len(found) > len(best_found):
            best, best_found = i, found
    display = DISPLAY[kind]
    need = ", ".join(display[c] for c in required)
    if best is None:
        raise DataError(_('no header row with the columns {need} in the first 50 lines').format(need=need), file=file, row=1,
                        column=display[required[0]],
                        fix=_('export the file again from LinkedIn, or add a header line with {need}').format(need=need))
    missing = next(c for c in required if c not in best_found)
    cells = [c for c in _cells(lines[best]) if c.strip()]
    unused = {_norm_header(c): c for c in cells
              if not any(_norm_header(c) in columns[m] for m in best_found)}
    close = difflib.get_close_matches(columns[missing][0], list(unused), n=1, cutoff=0.7)
    hint = f"; did you mean {unused[close[0]]!r}?" if close else ""
    raise DataError(_("the header (line {best} of the file) has no '{display}' column{hint}").format(best=best + 1, display=display[missing], hint=hint),
                    file=file, row=1, column=display[missing],
                    fix=_("name the column '{display}' (the header needs {need})").format(display=display[missing], need=need))


def _read_table(path, kind: str, name: str | None) -> tuple[pd.DataFrame, _Layout]:
    file = name or (Path(path).name if not hasattr(path, "read") else "export.csv")
    if hasattr(path, "read"):
        text = path.read()
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as err:
            raise DataError(_('cannot read the file ({strerror})').format(strerror=err.strerror), file=path,
                            fix=_("check the path of the LinkedIn export")) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff")
    lines = _split_lines(text)
    if not any(line.strip() for line in lines):
        raise DataError(_("the file is empty"), file=file, fix=_("export the file again from LinkedIn"))
    start = _find_header(lines, kind, file)
    layout = _Layout(file, lines, start)
    body = "\n".join(lines[start:])
    try:
        df = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False, skip_blank_lines=True,
                         engine="c")
    except pd.errors.ParserError as err:
        width = len(_cells(lines[start]))
        bad = layout.ragged(width)
        if bad is not None:
            record, line, saw = bad
            raise DataError(_('the row has {saw} fields, the header has {width} (line {line} of the file)').format(saw=saw, width=width, line=line),
                            file=file, row=record + 2,
                            fix=_("quote values that contain commas, or export the file again")) from None
        raise DataError(_('the file is not valid CSV ({err})').format(err=err), file=file,
                        fix=_("export the file again from LinkedIn")) from None
    columns = KINDS[kind]
    rename = {}
    normalised = {c: _norm_header(c) for c in df.columns}
    for canonical, spellings in columns.items():
        for col, norm in normalised.items():
            if norm in spellings and col not in rename:
                rename[col] = canonical
                break
    df = df.rename(columns=rename)
    for canonical in columns:
        if canonical not in df.columns:
            df[canonical] = ""
    return df, layout


def read_table(path, kind: str, *, name: str | None = None) -> pd.DataFrame:
    """Read one export CSV of ``kind`` (``connections``, ``messages`` or ``invitations``).

    It finds the header (below any preamble), maps columns by name and keeps
    extra columns; canonical columns missing from the file are added blank.
    Row numbers in errors count records as a spreadsheet does (header = row 1),
    and the message adds the line of the file.

    >>> read_table(io.StringIO("\\ufeffConnected On,Last Name,First Name,Shoe Size\\n08 Feb 2026,Rahman,Amina,38\\n"),
    ...            "connections").columns.tolist()
    ['connected_on', 'last_name', 'first_name', 'Shoe Size', 'url', 'email', 'company', 'position']
    """
    if kind not in KINDS:
        raise InputError(_('unknown kind of export file {kind!r}').format(kind=kind), where="read_table(kind)",
                         fix=_("use connections, messages or invitations"))
    return _read_table(path, kind, name)[0]


def read_connections(path, *, name: str = "Connections.csv", owner: str = "me") -> pd.DataFrame:
    """``Connections.csv`` as a table: one row per connection.

    Columns: ``person`` (key), ``name``, ``first_name``, ``last_name``, ``url``,
    ``email``, ``company``, ``position``, ``connected_on`` (datetime), ``hidden``
    (a profile whose name the export hides), then any extra columns.  A hidden
    profile is keyed ``hidden:<owner>:<row>``: nothing tells whether two reps'
    hidden profiles are the same person, so each stays its own.

    >>> df = read_connections(io.StringIO("First Name,Last Name,Email Address,Company,Position,Connected On\\n"
    ...                                   ",,,,,12 Mar 2024\\nKarim,Haddad,,Atlas,CTO,1 Jan 2020\\n"), owner="in/sam")
    >>> df[["person", "name", "hidden"]].values.tolist()
    [['hidden:in/sam:2', '', True], ['name:karim haddad', 'Karim Haddad', False]]
    """
    df, layout = _read_table(path, "connections", name)
    with layout.lines_in_errors():
        df["connected_on"] = parse_dates(df["connected_on"], file=name, column="Connected On")
    first = df["first_name"].str.strip()
    last = df["last_name"].str.strip()
    df["name"] = (first + " " + last).str.strip()
    keys = [person_key(u, n) for u, n in zip(df["url"].tolist(), df["name"].tolist())]
    df["hidden"] = [k is None for k in keys]
    df["person"] = keys
    df["person"] = hidden_keys(df, owner)
    front = ["person", "name", "first_name", "last_name", "url", "email", "company", "position",
             "connected_on", "hidden"]
    return df[front + [c for c in df.columns if c not in front]]


def hidden_keys(connections: pd.DataFrame, owner: str) -> list:
    """The ``person`` column with each hidden profile keyed on the export's owner and its row."""
    return [f"hidden:{owner}:{row}" if hidden else person
            for row, (person, hidden) in enumerate(zip(connections["person"].tolist(), connections["hidden"].tolist()),
                                                    start=2)]


@lru_cache(maxsize=200_000)
def _split(value: str) -> list[str]:
    if not value:
        return []
    if '"' not in value:
        return [v.strip() for v in value.split(",") if v.strip()]
    return [v.strip() for v in next(csv.reader([value], skipinitialspace=True)) if v.strip()]


@lru_cache(maxsize=200_000)
def _key(url, name):
    return person_key(url, name)


def read_messages(path, *, name: str = "messages.csv", names_to_keys: dict | None = None) -> pd.DataFrame:
    """``messages.csv`` as a table: one row per message *and recipient*.

    Several recipients in ``TO`` / ``RECIPIENT PROFILE URLS`` (comma-joined)
    give several rows.  Columns: ``conversation_id``, ``sender`` and
    ``recipient`` (keys), ``sender_name``, ``recipient_name``, ``date``
    (datetime), ``n_recipients``, ``subject``, ``content``, ``folder``, then
    extra columns.  Drafts are dropped, and so are messages whose sender is
    blank (a deleted or hidden member: nobody to tie them to).
    ``names_to_keys`` maps a name to a key for old exports without URLs.

    >>> csv_text = ("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\\n"
    ...             'c1,Sam Lee,https://www.linkedin.com/in/sam,"Ana B, Bo C",'
    ...             '"https://www.linkedin.com/in/ana,https://www.linkedin.com/in/bo",2025-06-01 14:03:22 UTC,hi\\n')
    >>> read_messages(io.StringIO(csv_text))[["sender", "recipient", "n_recipients"]].values.tolist()
    [['in/sam', 'in/ana', 2], ['in/sam', 'in/bo', 2]]
    """
    df, layout = _read_table(path, "messages", name)
    with layout.lines_in_errors():
        df["date"] = parse_dates(df["date"], file=name, column="DATE")
    names_to_keys = names_to_keys or {}
    drafts = df["is_draft"].str.strip().str.lower().isin(["true", "yes", "1"]).tolist()
    extra = [c for c in df.columns if c not in MESSAGE_COLUMNS]
    cols = {c: df[c].tolist() for c in ("from_name", "from_url", "to_names", "to_urls")}
    keep, senders, sender_names, recipients, recipient_names, counts = [], [], [], [], [], []
    for i in range(len(df)):
        if drafts[i]:
            continue
        sender_name = cols["from_name"][i].strip()
        sender = _key(cols["from_url"][i], None) or names_to_keys.get(sender_name.lower()) \
            or _key(None, sender_name)
        if sender is None:  # a deleted or hidden member: nobody to tie the message to
            continue
        names = _split(cols["to_names"][i])
        urls = _split(cols["to_urls"][i])
        n = max(len(names), len(urls))
        for j in range(n):
            rname = names[j] if j < len(names) else ""
            recipient = _key(urls[j] if j < len(urls) else None, None) or names_to_keys.get(rname.lower()) \
                or _key(None, rname)
            if recipient is None or recipient == sender:
                continue
            keep.append(i)
            senders.append(sender)
            sender_names.append(sender_name)
            recipients.append(recipient)
            recipient_names.append(rname)
            counts.append(n)
    picked = df.iloc[keep]
    out = pd.DataFrame({"conversation_id": picked["conversation_id"].to_numpy(),
                        "conversation_title": picked["conversation_title"].to_numpy(),
                        "sender": senders, "sender_name": sender_names, "recipient": recipients,
                        "recipient_name": recipient_names, "date": picked["date"].to_numpy(),
                        "n_recipients": np.asarray(counts, dtype="int64"),
                        "subject": picked["subject"].to_numpy(), "content": picked["content"].to_numpy(),
                        "folder": picked["folder"].to_numpy(), "row": np.asarray(keep, dtype="int64") + 2})
    for c in extra:
        out[c] = picked[c].to_numpy()
    out["date"] = pd.to_datetime(out["date"])
    return out


def read_invitations(path, *, name: str = "Invitations.csv", owner: str = "me",
                     names_to_keys: dict | None = None) -> pd.DataFrame:
    """``Invitations.csv`` as a table: ``sender``, ``recipient`` (keys), names, ``sent_at``, ``direction``.

    ``owner`` is the key of the export's owner; old exports without profile URLs
    use it for the owner's side of each invitation.  An invitation whose other
    side is blank (a deleted member) is dropped.

    >>> df = read_invitations(io.StringIO('From,To,Sent At,Message,Direction\\nSam Lee,Ana B,"1/29/26, 2:37 PM",,OUTGOING\\n'),
    ...                       owner="in/sam")
    >>> df[["sender", "recipient", "sent_at", "direction"]].values.tolist()
    [['in/sam', 'name:ana b', Timestamp('2026-01-29 14:37:00'), 'OUTGOING']]
    """
    df, layout = _read_table(path, "invitations", name)
    with layout.lines_in_errors():
        df["sent_at"] = parse_dates(df["sent_at"], file=name, column="Sent At")
        direction = df["direction"].str.strip().str.upper()
        bad = ~direction.isin(["INCOMING", "OUTGOING"])
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(_('direction {iat!r} is neither INCOMING nor OUTGOING').format(iat=df['direction'].iat[i]), file=name,
                            row=i + 2, column="Direction", fix=_("write INCOMING or OUTGOING"))
    names_to_keys = names_to_keys or {}

    def key(url, nm, mine):
        if mine:
            return person_key(url, None) or owner
        return person_key(url, None) or names_to_keys.get(str(nm).strip().lower()) or person_key(None, nm)

    out = df.rename(columns={"from_name": "sender_name", "to_name": "recipient_name"}).copy()
    out["direction"] = direction
    out["sender"] = [key(u, n, d == "OUTGOING") for u, n, d in zip(df["from_url"], df["from_name"], direction)]
    out["recipient"] = [key(u, n, d == "INCOMING") for u, n, d in zip(df["to_url"], df["to_name"], direction)]
    out = out[out["sender"].notna() & out["recipient"].notna()]  # a deleted member on the other side
    front = ["sender", "recipient", "sender_name", "recipient_name", "sent_at", "direction", "message"]
    return out[front + [c for c in out.columns if c not in front]].reset_index(drop=True)


def file_kind(path, *, by_name: bool = True) -> str | None:
    """What an export file holds (``connections``, ``messages``, ``invitations``), ``None`` if neither.

    Read from its header, whatever the file is called; with ``by_name`` the
    name decides when no header is recognised (so a damaged header still gets
    a precise error).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "from-sam.csv"
    >>> _ = p.write_text("From,To,Sent At,Message,Direction\\n")
    >>> file_kind(p)
    'invitations'
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return None
    for line in _split_lines(head.decode("utf-8-sig", errors="replace"))[:50]:
        kind = detect_kind(_cells(line))
        if kind is not None:
            return kind
    low = Path(path).name.lower()
    return next((kind for kind in KINDS if kind in low), None) if by_name else None
