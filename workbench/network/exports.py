"""A rep's LinkedIn export as a whole: its files found (a folder, some files, or the zip LinkedIn
sends), read together, its owner named; and a team's exports read at once.

Reading each file is :mod:`workbench.network.linkedin`'s job.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError
from ..i18n.messages import _
from .linkedin import FILE_NAMES, file_kind, hidden_keys, person_key, read_connections, read_invitations, read_messages


@dataclass
class LinkedInExport:
    """One person's LinkedIn export: who owns it and its three tables."""

    owner: str
    owner_name: str
    connections: pd.DataFrame
    messages: pd.DataFrame
    invitations: pd.DataFrame
    folder: Path | None = None
    rep_id: str | None = None
    extra: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)  # what the reader noticed that the rep should know

    def __repr__(self):
        return (f"LinkedInExport(owner={self.owner!r}, connections={len(self.connections)}, "
                f"messages={len(self.messages)}, invitations={len(self.invitations)})")


def _locate(path) -> dict:
    """Each export file found in ``path`` (a folder, files, or LinkedIn's zip), by kind."""
    paths = [Path(p) for p in (path if isinstance(path, (list, tuple)) else [path])]
    found: dict = {}
    for p in paths:
        if p.is_dir():
            for kind, fname in FILE_NAMES.items():
                for cand in sorted(p.iterdir()):
                    if cand.name.lower() == fname.lower() and kind not in found:
                        found[kind] = cand
        elif p.is_file() and p.suffix.lower() == ".zip":
            from .archive import archive_files

            for kind, member in archive_files(p, FILE_NAMES).items():
                found.setdefault(kind, member)
        elif p.is_file():
            kind = file_kind(p)
            if kind is None:
                raise DataError(_("this is not a LinkedIn Connections, messages or Invitations file"), file=str(p),
                                row=1, fix=_("give the CSV files of the LinkedIn export, its folder or its zip"))
            found[kind] = p
        else:
            raise DataError(_("no such file or folder"), file=str(p),
                            fix=_("give the LinkedIn archive (the zip) or the folder of the unzipped export"))
    if not found:
        raise DataError(_("no Connections.csv, messages.csv or Invitations.csv found"), file=str(paths[0]),
                        fix=_("give the archive LinkedIn sent (Basic_LinkedInDataExport_....zip) or its folder"))
    return found


def _name(source) -> str:
    """The file name an export file is known by in messages: its own, or archive/member."""
    return getattr(source, "name", None) if hasattr(source, "read") else Path(source).name


def _infer_owner(messages: pd.DataFrame, connections: set) -> str | None:
    """The person taking part in the most conversations of an export is its owner.

    On a tie, someone who is not among the connections wins: nobody is their own connection.
    """
    if messages.empty:
        return None
    both = pd.concat([messages[["conversation_id", "sender"]].rename(columns={"sender": "p"}),
                      messages[["conversation_id", "recipient"]].rename(columns={"recipient": "p"})])
    counts = both.drop_duplicates().groupby("p").size()
    return str(min(counts.index, key=lambda p: (-counts[p], p in connections, p)))


def read_linkedin(path, *, owner: str | None = None, owner_url: str | None = None,
                  rep_id: str | None = None) -> LinkedInExport:
    """Read a LinkedIn export: the zip LinkedIn sends, its unzipped folder, or a list of its CSV files.

    ``owner``/``owner_url`` name the export's owner (a LinkedIn export does not);
    without them the owner is whoever takes part in the most message threads,
    else ``"me"``.  Missing files give empty tables; a missing or empty
    ``Connections.csv`` is said in ``export.notes``, for the rep to read.

    >>> import tempfile, pathlib, zipfile
    >>> archive = pathlib.Path(tempfile.mkdtemp()) / "Basic_LinkedInDataExport_02-08-2026.zip"
    >>> with zipfile.ZipFile(archive, "w") as z:
    ...     z.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...                "Amina,Rahman,https://www.linkedin.com/in/amina,,Orion,CFO,08 Feb 2026\\n")
    ...     z.writestr("Profile.csv", "First Name,Last Name\\nSam,Lee\\n")
    >>> export = read_linkedin(archive, owner="Sam Lee")
    >>> export.connections["person"].tolist(), export.notes
    (['in/amina'], [])
    """
    files = _locate(path)
    notes = []
    if "connections" in files:
        connections = read_connections(files["connections"], name=_name(files["connections"]))
        if connections.empty:
            notes.append(_("{file} has a header and no connections: the network holds only the people of your "
                           "messages and invitations. Export your connections again from LinkedIn").format(
                file=_name(files["connections"])))
    else:
        connections = read_connections(io.StringIO(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"))
        notes.append(_("the export has no Connections.csv: the network holds only the people of your messages and "
                       "invitations. Give the whole archive LinkedIn sent, or add Connections.csv to the folder"))
    lookup = {n.lower(): k for n, k in zip(connections["name"].tolist(), connections["person"].tolist()) if n}
    messages = (read_messages(files["messages"], name=_name(files["messages"]), names_to_keys=lookup)
                if "messages" in files else read_messages(io.StringIO("FROM,DATE\n")))
    key = (person_key(owner_url, None) or _infer_owner(messages, set(connections["person"].tolist()))
           or (person_key(None, owner) if owner else None))
    key = key or "me"
    connections["person"] = hidden_keys(connections, key)
    if owner:
        lookup.setdefault(owner.lower(), key)
    invitations = (read_invitations(files["invitations"], name=_name(files["invitations"]), owner=key,
                                    names_to_keys=lookup)
                   if "invitations" in files else read_invitations(io.StringIO("From,To,Sent At,Direction\n"),
                                                                   owner=key))
    owner_name = owner or next((n for k, n in zip(messages["sender"], messages["sender_name"]) if k == key), key)
    first = files[next(iter(files))]
    folder = None if hasattr(first, "read") else first.parent
    return LinkedInExport(owner=key, owner_name=owner_name, connections=connections, messages=messages,
                          invitations=invitations, folder=folder, rep_id=rep_id, notes=notes)


def read_team(social, *, reps: pd.DataFrame | None = None) -> list[LinkedInExport]:
    """Several reps' exports at once (a team network, like TeamLink).

    ``social`` is a folder holding ``reps.csv`` (``rep_id, name, folder,
    linkedin_url``) and one sub-folder per rep, or a list of export folders.
    """
    if isinstance(social, (list, tuple)):
        return [read_linkedin(p) for p in social]
    social = Path(social)
    if reps is None:
        reps_file = social / "reps.csv"
        if not reps_file.exists():
            subfolders = sorted(p for p in social.iterdir() if p.is_dir())
            if not subfolders:
                raise DataError(_("no reps.csv and no export sub-folders"), file=str(social),
                                fix=_("put each rep's unzipped export in its own sub-folder"))
            return [read_linkedin(p) for p in subfolders]
        reps = pd.read_csv(reps_file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for col in ("rep_id", "name", "folder"):
            if col not in reps.columns:
                raise DataError(_("column '{col}' is missing").format(col=col), file=reps_file, row=1, column=col,
                                fix=_("reps.csv needs rep_id, name, folder and linkedin_url columns"))
    if "linkedin_url" not in reps.columns:
        reps = reps.assign(linkedin_url="")
    out = []
    for rec in reps.to_dict("records"):
        folder = social / rec["folder"]
        if not folder.is_dir():
            raise DataError(_('the export folder {folder!r} does not exist').format(folder=rec['folder']), file="reps.csv",
                            column="folder", fix=_("name the sub-folder that holds this rep's export"))
        out.append(read_linkedin(folder, owner=rec["name"], owner_url=rec["linkedin_url"] or None,
                                 rep_id=rec["rep_id"]))
    return out


def as_exports(source) -> list[LinkedInExport]:
    """Normalise what a function was given (an export, a list, a folder) to a list of exports."""
    if isinstance(source, LinkedInExport):
        return [source]
    if isinstance(source, (list, tuple)) and all(isinstance(e, LinkedInExport) for e in source):
        return list(source)
    if isinstance(source, (str, Path)):
        p = Path(source)
        if (p / "reps.csv").exists():
            return read_team(p)
        if (p / "social" / "reps.csv").exists():  # a data folder: its reps' exports
            return read_team(p / "social")
        return [read_linkedin(p)]
    raise InputError(_('expected a LinkedIn export or a folder, got {name__}').format(name__=type(source).__name__),
                     where="exports", fix=_("pass read_linkedin(folder), read_team(folder) or a folder path"))
