"""Load a folder of CSV files into typed tables, checking them against the schema.

``load(folder)`` reads every table of :mod:`workbench.data.schema`, converts each
column to its kind and checks required values, keys, allowed values and
references.  The first problem raises :class:`~workbench.errors.DataError`
naming the file, the row (as a spreadsheet counts: the header is row 1) and
the column, how many rows share the problem, and how to fix it.
``validate(folder)`` collects every problem instead of stopping at the
first.  The checks themselves are in :mod:`workbench.data.validation`.

Values that load but break a rule of :mod:`workbench.data.rules` (an email
that is not an email address, a phone that is not a phone number, a preferred
channel without its address) do not stop the load: they are listed, with
file, row and column, in ``data.warnings`` (and by ``validate(folder,
warnings=[])``), since a company export, like the sample company, holds some.

>>> data = load_sample()
>>> data.contacts["created_at"].dtype.kind, data.contacts["lifecycle_stage"].dtype.name
('M', 'category')
>>> data.as_of
Timestamp('2026-06-30 00:00:00')
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..course_files import course_root
from ..errors import DataError
from ..i18n.messages import _
from . import formats, load_cache
from .schema import SCHEMA, TABLES, Table
from .validation import bad_values, empty_tables, key_problems, rule_warnings

SAMPLE_FOLDER = course_root() / "datasets" / "acme"
SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


@dataclass
class Dataset:
    """Every table of one company's data, typed, plus where it came from.

    ``data.contacts`` (one attribute per table), ``data.tables`` (a dict),
    ``data.as_of`` (the data's "today"), ``data.folder``, ``data.social`` and
    ``data.warnings`` (values that loaded but break a rule, as DataErrors).
    """

    tables: dict[str, pd.DataFrame]
    folder: Path
    meta: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table or attribute {name!r}; tables are: {', '.join(tables)}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.tables))

    @property
    def as_of(self) -> pd.Timestamp:
        """The data's "today": overdue, recency and reminders are measured against it."""
        if self.meta.get("as_of"):
            return pd.Timestamp(self.meta["as_of"])
        dates = [df[c.name].max() for t in TABLES if t.name in self.tables
                 for c in t.columns if c.kind in ("date", "datetime")
                 for df in [self.tables[t.name]] if df[c.name].notna().any()]
        return max(dates).normalize() if dates else pd.Timestamp.today().normalize()

    @property
    def social(self) -> Path:
        """The folder of social-selling files (LinkedIn exports, personas, posts)."""
        return self.folder / "social"

    @property
    def name(self) -> str:
        return self.meta.get("company", self.folder.name)

    def summary(self) -> pd.DataFrame:
        """Rows and columns per table.

        >>> int(load_sample().summary().loc["stages", "rows"])
        10
        """
        return pd.DataFrame({"rows": [len(df) for df in self.tables.values()],
                             "columns": [df.shape[1] for df in self.tables.values()]},
                            index=pd.Index(list(self.tables), name="table"))

    def __repr__(self) -> str:
        counts = ", ".join(f"{k} {len(v):,}" for k, v in self.tables.items())
        return f"<Dataset {self.name!r} as of {self.as_of.date()}: {counts}>"

    def _repr_html_(self) -> str:
        return (f"<b>{self.name}</b> (data as of {self.as_of.date()}, from <code>{self.folder}</code>)"
                + self.summary().to_html())


# ---------------------------------------------------------------- reading one file

def _read_csv(path: Path, table: Table) -> pd.DataFrame:
    if not path.exists():
        raise DataError(_("file is missing"), file=path,
                        fix=_('add {file} to {parent} ({description}); columns: {column_names}').format(file=table.file, parent=path.parent, description=table.description, column_names=', '.join(table.column_names)))
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(_("file is empty"), file=path,
                        fix=_('export the {name} table again with its header row: {column_names}').format(name=table.name, column_names=', '.join(table.column_names)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = raw[:err.start].count(b"\n") + 1
        raise DataError(_('text is not UTF-8 (byte 0x{raw:02x})').format(raw=raw[err.start]), file=path, row=row,
                        fix=formats.encoding_fix(raw, path.name)) from None
    header = (text.partition("\n")[0].splitlines() or [""])[0]  # the first line, without splitting them all
    if "," not in header:
        for sep, name in SEPARATORS.items():
            if sep in header:
                raise DataError(_('columns are separated by {name}, not commas').format(name=name), file=path, row=1,
                                fix=_("save the file as comma-separated CSV (in a spreadsheet: "
                                    "'CSV UTF-8 (comma delimited)')"))
    import io

    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.ParserError as err:
        raise DataError(_('the file is not valid CSV ({err})').format(err=err), file=path,
                        fix=_("check for a stray quote or an extra comma on that line")) from None
    df.columns = [str(c).strip() for c in df.columns]
    _check_columns(df, table, path)
    return df


def _check_columns(df: pd.DataFrame, table: Table, path: Path) -> None:
    present = set(df.columns)
    for column in table.columns:
        if column.name in present:
            continue
        extra = [c for c in df.columns if c not in table.column_names]
        near = difflib.get_close_matches(column.name, extra, n=1, cutoff=0.6)
        if near:
            raise DataError(_("column '{near}' looks like a misspelling of '{name}'").format(near=near[0], name=column.name),
                            file=path, row=1, column=near[0],
                            fix=_("rename the column header to '{name}'").format(name=column.name))
        if not column.required:
            df[column.name] = pd.NA
            continue
        raise DataError(_("required column '{name}' is missing").format(name=column.name), file=path, row=1,
                        fix=_("add a '{name}' column; the header should be: {column_names}").format(name=column.name, column_names=','.join(table.column_names)))


# ---------------------------------------------------------------- converting columns

def _convert(df: pd.DataFrame, table: Table, path: Path, problems: list | None) -> pd.DataFrame:
    """Type every schema column in place; record or raise each column's bad values (the first, and how many)."""
    def fail(err):
        if problems is None:
            raise err
        problems.append(err)

    out = {}
    for column in table.columns:
        s = df[column.name]
        present = s.notna()
        kind = column.kind
        if column.required and not present.all():
            fail(bad_values(path, s.fillna(""), ~present, column, _("a required value is blank"),
                      _("fill in '{column}' on every row").format(column=column.name)))
        if kind in ("date", "datetime"):
            fmt = formats.DATE_FORMAT if kind == "date" else None
            parsed = pd.to_datetime(s, format=fmt or "ISO8601", errors="coerce")
            if kind == "date" and (parsed.isna() & present).any():
                parsed = pd.to_datetime(s, format="ISO8601", errors="coerce").dt.normalize()
            bad = parsed.isna() & present
            if bad.any():
                example = "2026-06-30" if kind == "date" else "2026-06-30 14:05:00"
                what, fix = ((_("not a date"), _("write dates as YYYY-MM-DD, for example {example}")) if kind == "date"
                             else (_("not a date and time"),
                                   _("write datetimes as YYYY-MM-DD HH:MM:SS, for example {example}")))
                fail(bad_values(path, s, bad, column, what, fix.format(example=example)))
            out[column.name] = parsed.astype("datetime64[ns]")
        elif kind in ("int", "float"):
            joined = _joined(s, present) if s.dtype != float else ""
            grouped = joined is None or "," in joined
            parsed = pd.to_numeric(s.str.replace(",", "", regex=False) if grouped else s, errors="coerce")
            bad = parsed.isna() & present
            if kind == "int":
                bad |= present & parsed.notna() & (parsed % 1 != 0)
            if bad.any():
                fail(bad_values(path, s, bad, column, _("not a whole number") if kind == "int" else _("not a number"),
                          _("write plain numbers such as 1200 or 1200.50, without currency signs")))
                parsed = parsed.where(~bad)
            out[column.name] = parsed.round().astype("Int64") if kind == "int" else parsed.astype(float)
        elif kind == "bool":
            words = {value: _bool_or_bad(value) for value in s[present].unique()}  # each distinct value read once
            mapped = s.map(words)
            bad = present & mapped.eq("bad").fillna(False).astype(bool)
            if bad.any():
                fail(bad_values(path, s, bad, column, _("not a yes/no value"),
                          _("write true or false (yes/no and 1/0 are accepted too)")))
            out[column.name] = mapped.where(~bad).astype("boolean")
        else:
            text = s.str.strip() if _edged(_joined(s, present)) else s
            if column.choices:
                bad = present & ~text.isin(column.choices)
                if bad.any():
                    fail(bad_values(path, s, bad, column, _("not an allowed value"),
                              _("use one of: {choices}").format(choices=", ".join(column.choices))))
            if kind == "category":
                cats = list(column.choices) if column.choices else sorted(text.dropna().unique())
                # values outside the categories were reported above; they become missing, not a warning
                out[column.name] = pd.Categorical(text, categories=cats)
            else:
                out[column.name] = text.astype(object).where(present, None)
    typed = pd.DataFrame(out, index=df.index)
    extras = [c for c in df.columns if c not in typed.columns]
    for c in extras:  # unknown extra columns are kept, as text
        typed[c] = df[c]
    return typed


#: White space at the start of a value in a string made by :func:`_joined` (read backwards: at its end).
_EDGE_SPACE = re.compile(r"\0\s")


def _joined(s: pd.Series, present: pd.Series) -> str | None:
    """The filled values of text column ``s``, each between two ``\\0``, to search them all at once (in C) rather than
    value by value; ``None`` when a value is not text (a column a caller typed).

    >>> import pandas as pd
    >>> s = pd.Series(["1200", None, "1,500"])
    >>> _joined(s, s.notna()).split("\\0")
    ['', '1200', '1,500', '']
    """
    try:
        return "\0" + "\0".join(s.to_numpy(dtype=object)[present.to_numpy()].tolist()) + "\0"
    except TypeError:
        return None


def _edged(joined: str | None) -> bool:
    """Whether a value joined by :func:`_joined` starts or ends with white space (``True`` when they could not be
    joined: stripping every value is then the safe way).

    >>> import pandas as pd
    >>> s = pd.Series(["a", None, "b "])
    >>> _edged(_joined(s, s.notna())), _edged(_joined(s[:2], s[:2].notna())), _edged(None)
    (True, False, True)
    """
    return joined is None or _EDGE_SPACE.search(joined) is not None or _EDGE_SPACE.search(joined[::-1]) is not None


def _bool_or_bad(value):
    try:
        return formats.parse_bool(value)
    except ValueError:
        return "bad"


# ---------------------------------------------------------------- public API

def _read_meta(folder: Path) -> dict:
    meta_file = folder / "meta.json"
    if not meta_file.exists():
        return {}
    try:
        return json.loads(meta_file.read_text(encoding="utf-8"))
    except ValueError as err:
        raise DataError(_('meta.json is not valid JSON ({err})').format(err=err), file=meta_file,
                        fix=_("repair the file or delete it (it is optional)")) from None


def _read_all(folder: Path, problems: list | None, warnings: list) -> dict[str, pd.DataFrame]:
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(_("folder not found"), file=str(folder),
                        fix=_("give the path of a folder holding the CSV files (e.g. datasets/acme)"))
    tables = {}
    for table in TABLES:
        path = folder / table.file
        try:
            tables[table.name] = _convert(_read_csv(path, table), table, path, problems)
            warnings += rule_warnings(tables[table.name], table, path)
        except DataError as err:
            if problems is None:
                raise
            problems.append(err)
    found = key_problems(tables, folder) + empty_tables(tables, folder)
    if found and problems is None:
        raise found[0]
    if problems is not None:
        problems += found
    return tables


def export_files(folder: str | Path) -> list[str]:
    """The files of company data ``folder`` already holds (tables, ``meta.json``, ``social/``), sorted.

    >>> export_files(SAMPLE_FOLDER)[:3]
    ['accounts.csv', 'activities.csv', 'campaign_members.csv']
    >>> export_files("no/such/folder")
    []
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    names = [t.file for t in TABLES] + ["meta.json", "social"]
    return sorted(name for name in names if (folder / name).exists())


_CACHE: dict[tuple, Dataset] = {}


def load(folder: str | Path, *, kept_in: str | Path | None = None) -> Dataset:
    """Load and check a folder of CSV files shaped like the sample company.

    Raises :class:`DataError` at the first problem.  Loaded folders are cached
    per process (keyed by path and file times), so a second call is instant.
    With ``kept_in`` (a folder of the learner's own), the checked load is also
    kept there for the next process (:mod:`workbench.data.load_cache`).
    """
    folder = Path(folder).expanduser().resolve()
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.csv"))) \
        if folder.is_dir() else ()
    key = (str(folder), stamp)
    if key not in _CACHE:
        def fresh() -> Dataset:
            warnings: list[DataError] = []
            tables = _read_all(folder, None, warnings)
            return Dataset(tables, folder, _read_meta(folder), warnings)

        _CACHE[key] = load_cache.cached(folder, Path(kept_in), fresh, Dataset) if kept_in else fresh()
    return _CACHE[key]


def load_sample() -> Dataset:
    """The committed sample company, Acme (seed 42, scale 1)."""
    return load(SAMPLE_FOLDER)


def validate(folder: str | Path, *, warnings: list | None = None) -> list[DataError]:
    """Every problem in a folder (an empty list when it is clean).

    Problems stop a load; pass a list as ``warnings`` to receive, as well, the
    values that load but break a rule (bad email or phone formats, a preferred
    channel without its address), one per column with its count and first rows.

    >>> found = []
    >>> validate(SAMPLE_FOLDER, warnings=found)
    []
    >>> print(found[0])  # doctest: +ELLIPSIS
    contacts.csv, row ..., column 'preferred_channel': a preferred channel without its address: 'sms' (... rows: ...). Fix: ...
    """
    problems: list[DataError] = []
    try:
        _read_all(Path(folder), problems, warnings if warnings is not None else [])
    except DataError as err:
        problems.append(err)
    return problems


__all__ = ["Dataset", "SAMPLE_FOLDER", "SCHEMA", "export_files", "load", "load_sample", "validate"]
