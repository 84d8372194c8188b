"""What a trainee hands in besides notebooks: their progress log and their practice CRM.

A released trainee folder has a settings file (``.workbench.json``) naming the
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
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import CONFIG_NAME, safe_name
from .copies import fingerprint

DEFAULT_HOME = ".workbench"


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
    notes: list[str] = field(default_factory=list)


def _practice_database(home: Path, learner: str, notes: list[str]) -> Path | None:
    folder = home / "practice"
    mine = folder / f"{safe_name(learner)}.sqlite"
    if mine.is_file():
        return mine
    others = sorted(p for p in folder.glob("*.sqlite") if p.is_file())
    if len(others) == 1:
        notes.append(f"the practice CRM handed in is {others[0].name}, not {mine.name}")
        return others[0]
    if others:
        notes.append(f"{len(others)} practice CRMs handed in and none is {mine.name}: none was checked")
    return None


def snapshot(folder: Path, learner: str, dest: Path) -> HandedIn:
    """Read ``folder``'s progress logs and copy its practice CRM under ``dest``."""
    from ..exercises.progress import ProgressLog

    home = trainee_home(folder, read_config(folder))
    found = HandedIn()
    for log in sorted((home / "progress").glob("*.jsonl")):
        records, problems = ProgressLog(log).read()
        found.records += records
        found.notes += problems
    database = _practice_database(home, learner, found.notes)
    if database is not None:
        target = Path(dest) / "practice"
        target.mkdir(parents=True, exist_ok=True)
        name = f"{safe_name(learner)}.sqlite"
        shutil.copyfile(database, target / name)
        wal = database.with_name(database.name + "-wal")
        if wal.is_file():  # the write-ahead log holds the latest changes until SQLite folds them in
            shutil.copyfile(wal, target / f"{name}-wal")
        found.practice, found.practice_fingerprint = target, fingerprint(target)
    return found
