"""What a trainee hands in besides notebooks: their progress log and their practice CRM.

A trainee hands back their folder, or a zip file of it (:func:`unpack`).  A
released trainee folder has a settings file (``.workbench.json``) naming the
trainee's workbench home, ``.workbench`` inside the folder.  Working in the
lessons fills it: ``progress/*.jsonl`` (every Check pressed) and
``practice/<trainee>.sqlite`` (the practice CRM, see
:func:`workbench.practice.database.default_path`).  :func:`snapshot` reads the
logs and copies the database, with its fingerprint, before any trainee code
runs in the grading run; a settings file pointing the home outside the
trainee's own folder is not followed.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / ".workbench.json").write_text('["not", "settings"]')
>>> read_config(folder)
{}
>>> trainee_home(folder, {"home": "../someone-else"}) == folder / ".workbench"
True
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..i18n.messages import _
from ..settings import CONFIG_NAME, practice_database, progress_folder
from .copies import fingerprint
from .diagnostics import note

DEFAULT_HOME = ".workbench"
MAX_UNPACKED = 500_000_000  # bytes a zip file may unpack to: far more than any trainee folder
MAX_MEMBERS = 10_000


def unpack(archive: Path, dest: Path) -> Path:
    """The trainee folder in the zip file ``archive``, unpacked under ``dest``.

    Only files with a relative name inside the archive are written (no absolute path, no
    ``..``), up to :data:`MAX_UNPACKED` bytes in all; a zip holding a single folder is that
    folder.  A damaged or oversized archive raises :class:`InputError` saying so.

    >>> import tempfile, zipfile
    >>> here = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(here / "amina.zip", "w") as zf:
    ...     zf.writestr("amina/01-what-a-crm-is.ipynb", "{}")
    ...     zf.writestr("../../escape.txt", "no")
    >>> folder = unpack(here / "amina.zip", here / "unpacked")
    >>> sorted(p.name for p in folder.iterdir()), (here / "escape.txt").exists()
    (['01-what-a-crm-is.ipynb'], False)
    """
    import zipfile
    from pathlib import PurePosixPath

    fix = "ask the trainee for their folder again, or unzip it yourself into the submissions folder"
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
                raise InputError(_('{name} unpacks to more than {max_unpacked} MB or {max_members} files').format(name=archive.name, max_unpacked=MAX_UNPACKED // 1_000_000, max_members=MAX_MEMBERS), where=str(archive), fix=fix)
            for member in members:
                parts = PurePosixPath(member.filename).parts
                if not parts or member.filename.startswith("/") or ".." in parts or ":" in parts[0]:
                    continue  # a name pointing outside the folder: not written
                target = Path(dest).joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, target.open("wb") as out:
                    shutil.copyfileobj(src, out)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise InputError(_('{name} is not a readable zip file ({err})').format(name=archive.name, err=err), where=str(archive), fix=fix) from None
    inside = list(Path(dest).iterdir()) if Path(dest).is_dir() else []
    return inside[0] if len(inside) == 1 and inside[0].is_dir() else Path(dest)


def copy_folder(source: Path, dest: Path) -> list[dict]:
    """Copy the folder (or file) ``source`` to ``dest`` without following any symlink; a note per thing left out
    (:func:`~workbench.sessions.diagnostics.note`, worded where a page is written).

    Only plain files and folders are copied: a symlink (to a file or a folder, inside the
    folder or not) or a device is left out, and the note says which, so a trainee's folder
    can never make the grader read someone else's files.

    >>> import os, tempfile
    >>> here = Path(tempfile.mkdtemp())
    >>> (here / "amina" / ".workbench").mkdir(parents=True)
    >>> _ = (here / "amina" / "01.ipynb").write_text("{}")
    >>> os.symlink("/etc", here / "amina" / ".workbench" / "progress")
    >>> copy_folder(here / "amina", here / "copy")
    [{'code': 'symlink-left-out', 'path': 'amina/.workbench/progress'}]
    >>> sorted(p.name for p in (here / "copy").rglob("*"))
    ['.workbench', '01.ipynb']
    """
    import stat

    source, dest = Path(source), Path(dest)
    notes, total = [], 0
    todo = [(source, dest)]
    while todo:
        src, dst = todo.pop()
        shown = source.name + ("/" + src.relative_to(source).as_posix() if src != source else "")
        mode = os.lstat(src).st_mode
        if stat.S_ISLNK(mode):
            notes.append(note("symlink-left-out", path=shown))
        elif stat.S_ISDIR(mode):
            dst.mkdir(parents=True, exist_ok=True)
            todo += [(child, dst / child.name) for child in sorted(src.iterdir(), reverse=True)]
        elif stat.S_ISREG(mode):
            total += os.lstat(src).st_size
            if total > MAX_UNPACKED:
                notes.append(note("too-big-left-out", path=shown, mb=MAX_UNPACKED // 1_000_000))
                break
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst, follow_symlinks=False)
        else:
            notes.append(note("not-plain-file", path=shown))
    return notes


def read_config(folder: Path) -> dict:
    """The folder's ``.workbench.json`` as a dict; ``{}`` when it is missing, unreadable or not an object."""
    try:
        config = json.loads((Path(folder) / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def trainee_home(folder: Path, config: dict) -> Path:
    """The workbench home the settings name, when it lies inside ``folder``; else ``folder/.workbench``."""
    folder = Path(folder)
    home = config.get("home")
    if isinstance(home, str) and home.strip():
        path = (folder / home).resolve()
        if path == folder.resolve() or folder.resolve() in path.parents:
            return path
    return folder / DEFAULT_HOME


@dataclass
class HandedIn:
    """A trainee's progress records and a snapshot of their practice CRM, taken when grading starts."""

    records: list[dict] = field(default_factory=list)
    practice: Path | None = None  # a folder holding <trainee>.sqlite (and its write-ahead log), as a home does
    practice_fingerprint: str = ""
    notes: list[dict | str] = field(default_factory=list)  # worded by diagnostics.describe


def _practice_database(home: Path, learner: str, notes: list[dict | str]) -> Path | None:
    mine = practice_database(home, learner)
    folder = mine.parent
    if mine.is_file():
        return mine
    others = sorted(p for p in folder.glob("*.sqlite") if p.is_file())
    if len(others) == 1:
        notes.append(note("other-practice-crm", found=others[0].name, expected=mine.name))
        return others[0]
    if others:
        notes.append(note("several-practice-crms", n=len(others), expected=mine.name))
    return None


def snapshot(folder: Path, learner: str, dest: Path) -> HandedIn:
    """Read ``folder``'s progress logs and copy its practice CRM under ``dest``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / ".workbench" / "progress").mkdir(parents=True)
    >>> _ = (folder / ".workbench" / "progress" / "amina.jsonl").write_text('{"exercise": "a.b.c", "points": 1, "max_points": 1}\\n')
    >>> found = snapshot(folder, "amina", folder.parent / (folder.name + "-snapshot"))
    >>> [r["exercise"] for r in found.records], found.practice
    (['a.b.c'], None)
    """
    from ..exercises.progress import ProgressLog

    home = trainee_home(folder, read_config(folder))
    found = HandedIn()
    for log in sorted(progress_folder(home).glob("*.jsonl")):
        records, problems = ProgressLog(log).read()
        found.records += records
        found.notes += problems
    database = _practice_database(home, learner, found.notes)
    if database is not None:
        copy = practice_database(dest, learner)
        target = copy.parent
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database, copy)
        wal = database.with_name(database.name + "-wal")
        if wal.is_file():  # the write-ahead log holds the latest changes until SQLite folds them in
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        found.practice, found.practice_fingerprint = target, fingerprint(target)
    return found
