"""The trainee's own copies of the lessons, in their workbench home, so the repository's stay clean.

JupyterLab saves a notebook's outputs into the file it opened: run on the repository's lessons,
that makes every ``git pull`` conflict.  ``make lab`` therefore opens JupyterLab on
``<workbench home>/lessons/`` (:func:`~workbench.settings.lesson_copies`), which :func:`prepare` fills:

- the first time, with every lesson of ``notebooks/`` (the same tree, so relative links such as
  ``../00-glossary.ipynb`` keep working) and, under ``exercises/``, the practice sets of
  ``exercises/`` without their solutions;
- later, with the lessons that are new in the repository only.  A copy the trainee has opened is
  never overwritten; one whose repository version changed since it was copied is *outdated*, and
  the trainee is told so, with the command that replaces it (:func:`refresh`, which first keeps
  the old copy as a backup).  A copy never opened (still byte for byte what was copied) is simply
  brought up to date.

JupyterLab keeps the trainee's layout in ``lessons/.workspaces/`` (``make lab`` points it there);
the first run writes a layout whose side panel is wide enough for whole lesson names
(:func:`write_workspace`), and the trainee's own layout is never replaced.

In another language (``lang="fr"``, ``workbench lessons copy --lang fr``) the copies are the lessons
built in that language (:func:`workbench.i18n.lesson_build.build`), in a folder of their own
(``lessons-fr/``), kept up to date the same way; its ``exercises/`` hold the practice sets built in that
language too (``kind="practice"``), their solutions stripped as in English.

What was copied, and from which version, is kept in ``lessons/.copied.json``.  The lessons find
their data through the settings (:mod:`workbench.data.active`), never through their own folder.

>>> import tempfile
>>> home = Path(tempfile.mkdtemp())
>>> report = prepare(home)
>>> (lesson_copies(home) / "00-start-here.ipynb").exists(), len(report.added) > 20
(True, True)
>>> prepare(home).added, prepare(home).outdated
([], [])
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import InputError
from .i18n.messages import _
from .lessons import NOTEBOOKS, PRACTICE_SETS
from .settings import backups_folder, lesson_copies

LEDGER = ".copied.json"
WORKSPACES = ".workspaces"
# The share of the window's width the side panel (file browser) takes on the first run: on a
# 1366-pixel laptop screen it shows "02-levels-of-action-and-weekly-means.ipynb" whole.
SIDE_PANEL_SHARE = 0.3
REFRESH_COMMAND = ".venv/bin/workbench lessons refresh"


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _stripped(path: Path) -> bytes:
    """A practice set as a trainee receives it: solutions stubbed, outputs cleared."""
    import nbformat

    from .exercises.solutions import strip_notebook

    return nbformat.writes(strip_notebook(nbformat.read(path, as_version=4), path)).encode("utf-8") + b"\n"


def repository_files(notebooks: Path = NOTEBOOKS, practice_sets: Path = PRACTICE_SETS) -> dict[str, bytes]:
    """Each file a trainee gets, by its path in the copy (``crm/04-...ipynb``, ``exercises/crm/...``).

    >>> files = repository_files()
    >>> "00-start-here.ipynb" in files, "exercises/crm/01-what-a-crm-is.ipynb" in files
    (True, True)
    """
    def notebooks_in(root: Path) -> Iterator[Path]:
        return (p for p in sorted(root.rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts)

    files = {p.relative_to(notebooks).as_posix(): p.read_bytes() for p in notebooks_in(notebooks)}
    if practice_sets.is_dir():
        files.update({f"exercises/{p.relative_to(practice_sets).as_posix()}": _stripped(p)
                      for p in notebooks_in(practice_sets)})
    return files


def files_in(lang: str = "en") -> dict[str, bytes]:
    """:func:`repository_files` with the lessons and practice sets in ``lang`` (built from its catalogues;
    English: as they are).

    >>> files = files_in("ar")
    >>> [json.loads(files[name])["metadata"]["workbench"].get("lang")
    ...  for name in ("00-start-here.ipynb", "exercises/crm/01-what-a-crm-is.ipynb")]
    ['ar', 'ar']
    """
    if lang == "en":
        return repository_files()
    import tempfile

    from .i18n.lesson_build import build

    with tempfile.TemporaryDirectory(prefix=f"workbench-lessons-{lang}-") as built:
        lessons, practice_sets = Path(built) / NOTEBOOKS.name, Path(built) / PRACTICE_SETS.name
        build(lang, lessons)
        build(lang, practice_sets, kind="practice")
        return repository_files(lessons, practice_sets)


@dataclass
class Report:
    """What :func:`prepare` did: copies added or brought up to date, and those with a newer version."""

    folder: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    lang: str = "en"

    def text(self) -> str:
        """What to tell the trainee in the terminal.

        >>> print(Report(Path("/h/lessons"), outdated=["crm/04-activities.ipynb"]).text())
        Your lessons: /h/lessons
        A newer version of 1 lesson is in the repository; your copy is kept as it is:
          crm/04-activities.ipynb
        To take the new version, in the project folder (your copy is kept as a backup first):
          .venv/bin/workbench lessons refresh crm/04-activities.ipynb
        """
        lines = [f"Your lessons: {self.folder}"]
        if self.added:
            lines.append(f"{len(self.added)} lesson(s) copied in: {_listed(self.added)}")
        if self.updated:
            lines.append(f"{len(self.updated)} lesson(s) you had not opened yet brought up to date: "
                         f"{_listed(self.updated)}")
        if self.outdated:
            many = len(self.outdated) > 1
            lines.append(f"Newer versions of {len(self.outdated)} lessons are in the repository; your copies are kept"
                         " as they are:" if many else "A newer version of 1 lesson is in the repository; your copy"
                         " is kept as it is:")
            lines += [f"  {name}" for name in self.outdated]
            lines.append("To take the new version, in the project folder (your copy is kept as a backup first):")
            language = f" --lang {self.lang}" if self.lang != "en" else ""
            lines += [f"  {REFRESH_COMMAND}{language} {name}" for name in self.outdated]
        return "\n".join(lines)


def _listed(names: list[str], shown: int = 4) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _read_ledger(folder: Path) -> dict[str, dict]:
    try:
        ledger = json.loads((folder / LEDGER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return ledger if isinstance(ledger, dict) else {}


def _write_ledger(folder: Path, ledger: dict[str, dict]) -> None:
    (folder / LEDGER).write_text(json.dumps(ledger, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _put(folder: Path, name: str, content: bytes, ledger: dict[str, dict]) -> None:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    ledger[name] = {"repository": _digest(content)}


def write_workspace(folder: Path) -> Path | None:
    """JupyterLab's default workspace for ``folder`` (a lessons folder): the file browser open and wide.

    Returns the file written, or ``None`` when a workspace is there already (the trainee's layout).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> written = write_workspace(folder)
    >>> json.loads(written.read_text())["data"]["layout-restorer:data"]["relativeSizes"]
    [0.3, 0.7, 0]
    >>> write_workspace(folder) is None
    True
    """
    from jupyterlab_server.workspaces_handler import WORKSPACE_EXTENSION, slugify

    target = Path(folder) / WORKSPACES
    if target.is_dir() and any(target.glob(f"*{WORKSPACE_EXTENSION}")):
        return None
    layout = {"left": {"collapsed": False, "visible": True, "current": "filebrowser"},
              "relativeSizes": [SIDE_PANEL_SHARE, round(1 - SIDE_PANEL_SHARE, 6), 0]}
    workspace = {"data": {"layout-restorer:data": layout}, "metadata": {"id": "default"}}
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{slugify('default')}{WORKSPACE_EXTENSION}"
    path.write_text(json.dumps(workspace, indent=1) + "\n", encoding="utf-8")
    return path


def prepare(home: Path, files: dict[str, bytes] | None = None, lang: str = "en") -> Report:
    """Copy the lessons into ``home``'s lessons folder without touching the trainee's copies (module docstring).

    ``files`` (default: :func:`files_in` ``lang``) maps each path in the copy to its content; the copies
    of another language than English go to that language's folder.

    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> prepare(home, {"crm/01.ipynb": b"v1"}).added
    ['crm/01.ipynb']
    >>> _ = (lesson_copies(home) / "crm/01.ipynb").write_bytes(b"v1 with the trainee's outputs")
    >>> report = prepare(home, {"crm/01.ipynb": b"v2", "crm/02.ipynb": b"v1"})
    >>> report.added, report.outdated
    (['crm/02.ipynb'], ['crm/01.ipynb'])
    >>> (lesson_copies(home) / "crm/01.ipynb").read_bytes()
    b"v1 with the trainee's outputs"
    """
    files = files_in(lang) if files is None else files
    folder = lesson_copies(home, lang)
    folder.mkdir(parents=True, exist_ok=True)
    ledger = _read_ledger(folder)
    report = Report(folder, lang=lang)
    for name, content in sorted(files.items()):
        target = folder / name
        if not target.exists():
            _put(folder, name, content, ledger)
            report.added.append(name)
            continue
        copied_from = ledger.get(name, {}).get("repository")
        if copied_from == _digest(content):
            continue
        if target.read_bytes() == content:  # the same as the repository's (a ledger lost or written by hand)
            ledger[name] = {"repository": _digest(content)}
            continue
        if copied_from is not None and _digest(target.read_bytes()) == copied_from:
            _put(folder, name, content, ledger)  # never opened: nothing of the trainee's to keep
            report.updated.append(name)
        else:
            report.outdated.append(name)
    _write_ledger(folder, ledger)
    write_workspace(folder)
    return report


def refresh(home: Path, lesson: str, files: dict[str, bytes] | None = None,
            now: datetime | None = None, lang: str = "en") -> tuple[Path, Path]:
    """Replace the trainee's copy of ``lesson`` with the repository's version, the old copy kept first.

    Returns the new copy and the backup (``<home>/backups/lessons-<time>/<lesson>``).

    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> _ = prepare(home, {"crm/01.ipynb": b"v1"})
    >>> _ = (lesson_copies(home) / "crm/01.ipynb").write_bytes(b"mine")
    >>> copy, backup = refresh(home, "crm/01.ipynb", {"crm/01.ipynb": b"v2"}, now=datetime(2026, 1, 5, 9, 30))
    >>> copy.read_bytes(), backup.read_bytes(), backup.relative_to(home).as_posix()
    (b'v2', b'mine', 'backups/lessons-2026-01-05-093000/crm/01.ipynb')
    >>> refresh(home, "crm/99.ipynb", {"crm/01.ipynb": b"v2"})
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: workbench lessons refresh: no lesson crm/99.ipynb in the repository. Fix: name it as `workbench lessons copy` lists it, e.g. crm/01.ipynb.
    """
    files = files_in(lang) if files is None else files
    name = lesson.replace("\\", "/").removeprefix("./")
    if name not in files:
        import difflib

        like = difflib.get_close_matches(name, list(files), n=1, cutoff=0) or sorted(files)
        raise InputError(_('no lesson {lesson} in the repository').format(lesson=lesson), where="workbench lessons refresh",
                         fix=_('name it as `workbench lessons copy` lists it, e.g. {like}').format(like=like[0]))
    folder = lesson_copies(home, lang)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    backup = backups_folder(home) / f"lessons-{stamp}" / name
    if target.exists():
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup)
    ledger = _read_ledger(folder)
    _put(folder, name, files[name], ledger)
    _write_ledger(folder, ledger)
    return target, backup
