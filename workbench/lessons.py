"""The lesson catalogue: where lessons and practice sets are, what their metadata says, which exercises they hold.

A lesson is named by its track folder and file stem, ``crm/01-what-a-crm-is``.
It may exist twice: as a *lesson* (``notebooks/``: explanations, widget
exercises, tasks in the practice CRM) and as a *practice set* (``exercises/``:
the longer code exercises, with the solution regions a release strips).
:func:`resolve` is the one place that decides which of the two a session plans,
releases and grades (``source="practice-sets"``, this module's default, or ``"lessons"``; the
``workbench session`` commands plan and release ``--from lessons`` unless told otherwise).

A lesson's ``workbench`` metadata (title, track, order, duration, goals, sources,
exercises) is read into a :class:`Lesson`; :func:`in_course_order` lists them as the
course runs. Exercises are found by id, never by cell position: in a cell's metadata
(``workbench.exercise``) or in the code (``wb.check("<id>", ...)``,
``wb.ask("<id>")``).  A released copy carries its lesson id in its metadata
(``workbench.lesson``), so a renamed file is still recognised.

The values a notebook runs with (``data_dir``, ``data_seed``) are given to it one way,
:func:`with_parameters`, following papermill's convention.

>>> cell = {"cell_type": "code", "metadata": {}, "source": 'answer = 3\\nwb.check("crm.intro.count-contacts", answer)'}
>>> cell_exercises(cell)
['crm.intro.count-contacts']
>>> lesson_id(Path("exercises/crm/01-what-a-crm-is.ipynb"))
'crm/01-what-a-crm-is'
>>> [lesson.track for lesson in in_course_order()][:1]
['start']
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .course_files import course_root
from .errors import InputError, WorkbenchError
from .i18n.messages import N_, _

ROOT = course_root()
NOTEBOOKS = ROOT / "notebooks"
PRACTICE_SETS = ROOT / "exercises"
#: Where each ``--from`` choice looks a lesson id up.
SOURCES = {"practice-sets": PRACTICE_SETS.name, "lessons": NOTEBOOKS.name}
DEFAULT_SOURCE = "practice-sets"
#: The tracks in course order, with the titles the course shows.
TRACK_TITLES = {"start": N_("Start here"), "crm": N_("CRM track"), "network": N_("Network track"),
                "editorial": N_("Editorial track"), "superusers": N_("For superusers")}  # English message ids
ID_IN_CODE = re.compile(r"""\b(?:wb\.)?(?:ask|check|check_button)\(\s*["']([\w-]+\.[\w-]+\.[\w-]+)["']""")
PARAMETERS, INJECTED = "parameters", "injected-parameters"
NOTES = {"data_seed": "your own variant of the sample company", "data_dir": "the data this notebook works on"}


# ---------------------------------------------------------------- lessons and their metadata

@dataclass(frozen=True)
class Lesson:
    """A lesson notebook and what its metadata says about it."""

    path: Path
    title: str
    track: str
    order: int
    duration_minutes: int
    goals: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    exercises: tuple[str, ...] = field(default=())
    assessment: bool = False  # the end-of-track assessment, scored on first attempts
    pass_mark: float = 0.7  # the share of its points an assessment asks for

    @property
    def slug(self) -> str:
        return f"{self.track}-{self.path.stem}"


def read_lesson(path: str | Path) -> Lesson:
    """The :class:`Lesson` described by a notebook's ``workbench`` metadata.

    >>> read_lesson(NOTEBOOKS / "00-start-here.ipynb").track
    'start'
    """
    path = Path(path)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("workbench", {})
    except (OSError, ValueError, KeyError) as err:
        raise WorkbenchError(_('cannot read the notebook ({err})').format(err=err), where=str(path),
                             fix=_("open it in JupyterLab and save it again")) from None
    track = meta.get("track") or (path.parent.name if path.parent != NOTEBOOKS else "start")
    return Lesson(path=path, title=meta.get("title", path.stem), track=track,
                  order=int(meta.get("order", 0)), duration_minutes=int(meta.get("duration_minutes", 0)),
                  goals=tuple(meta.get("goals", ())), sources=tuple(meta.get("sources", ())),
                  exercises=tuple(meta.get("exercises", ())), assessment=bool(meta.get("assessment", False)),
                  pass_mark=float(meta.get("pass_mark", 0.7)))


def lesson_paths(root: Path = NOTEBOOKS) -> list[Path]:
    """Every notebook under ``root`` (the lessons, the start page and the glossary), sorted.

    >>> any(p.name == "00-start-here.ipynb" for p in lesson_paths())
    True
    """
    return sorted(p for p in Path(root).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def in_course_order(root: Path = NOTEBOOKS) -> list[Lesson]:
    """Every lesson under ``root``, ordered by track (as :data:`TRACK_TITLES` lists them) then lesson order."""
    order = list(TRACK_TITLES)
    found = [read_lesson(p) for p in lesson_paths(root)]
    return sorted(found, key=lambda lesson: (order.index(lesson.track) if lesson.track in order else len(order),
                                             lesson.order, lesson.path.name))


def notebooks_folder(path: Path) -> Path:
    """The ``notebooks/`` folder a lesson lives under (its parent when it is not under one).

    >>> notebooks_folder(NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb") == NOTEBOOKS
    True
    """
    path = Path(path).resolve()
    return next((p for p in path.parents if p.name == NOTEBOOKS.name), path.parent)


def lesson_id(path: Path) -> str:
    """``track/stem`` for a notebook under ``notebooks/`` or ``exercises/`` (else its stem)."""
    path = Path(path)
    parent = path.parent.name
    if parent in (*SOURCES.values(), ""):
        return path.stem
    return f"{parent}/{path.stem}"


# ---------------------------------------------------------------- the exercises a notebook holds

def cell_exercises(cell) -> list[str]:
    """Exercise ids a cell answers: its metadata id first, then ids named in its code.

    A cell whose metadata or source a trainee mangled simply names fewer ids.
    """
    if not isinstance(cell, dict):
        return []
    found = []
    meta = cell.get("metadata")
    meta = meta.get("workbench") if isinstance(meta, dict) else None
    if isinstance(meta, dict) and isinstance(meta.get("exercise"), str):
        found.append(meta["exercise"])
    if cell.get("cell_type") == "code":
        source = cell.get("source") or ""
        text = "".join(s for s in source if isinstance(s, str)) if isinstance(source, list) else str(source)
        found += ID_IN_CODE.findall(text)
    return list(dict.fromkeys(found))


def notebook_exercises(nb) -> list[str]:
    """Every exercise id of a notebook, in the order the cells name them (metadata list first).

    >>> nb = {"metadata": {"workbench": {"exercises": ["a.b.c"]}},
    ...       "cells": [{"cell_type": "code", "metadata": {}, "source": 'wb.check("a.b.d", 1)'}]}
    >>> notebook_exercises(nb)
    ['a.b.c', 'a.b.d']
    """
    if not isinstance(nb, dict):
        return []
    meta = nb.get("metadata")
    meta = meta.get("workbench") if isinstance(meta, dict) else None
    listed = meta.get("exercises") if isinstance(meta, dict) else None
    found = [e for e in listed if isinstance(e, str)] if isinstance(listed, list) else []
    cells = nb.get("cells")
    for cell in cells if isinstance(cells, list) else []:
        found += cell_exercises(cell)
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- lesson ids: which notebook, which exercises

def check_source(source: str) -> str:
    """``source`` if it is one of :data:`SOURCES`, else an :class:`InputError` naming them.

    >>> check_source("slides")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: --from: unknown notebook source 'slides'. Fix: use one of: practice-sets, lessons.
    """
    if source not in SOURCES:
        raise InputError(_('unknown notebook source {source!r}').format(source=source), where="--from",
                         fix=_('use one of: {sources}').format(sources=', '.join(SOURCES)))
    return source


def resolve(spec: str | Path, source: str = DEFAULT_SOURCE) -> Path:
    """The notebook a session plans, releases and grades for a lesson argument.

    ``spec`` is a notebook path (used as it is) or a lesson id.  An id is looked up
    according to ``source``:

    - ``"practice-sets"`` (the default): the practice set, ``exercises/<id>.ipynb``, whose
      code answers the grader executes and checks again on each trainee's own data; a
      lesson that has no practice set (``00-start-here``, the superusers' lessons) is
      used itself;
    - ``"lessons"``: the lesson, ``notebooks/<id>.ipynb``, answered with widgets and in the
      practice CRM; grades come from the trainee's practice CRM and progress log.

    >>> resolve("crm/02-accounts-contacts-and-consent").relative_to(ROOT).as_posix()
    'exercises/crm/02-accounts-contacts-and-consent.ipynb'
    >>> resolve("crm/02-accounts-contacts-and-consent", "lessons").relative_to(ROOT).as_posix()
    'notebooks/crm/02-accounts-contacts-and-consent.ipynb'
    >>> resolve("superusers/01-running-a-session").relative_to(ROOT).as_posix()
    'notebooks/superusers/01-running-a-session.ipynb'
    """
    folders = [SOURCES[check_source(source)]] + ([NOTEBOOKS.name] if source == "practice-sets" else [])
    path = Path(spec)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    name = str(spec).removesuffix(".ipynb")
    for folder in folders:
        candidate = ROOT / folder / f"{name}.ipynb"
        if candidate.is_file():
            return candidate
    known = ", ".join(sorted(lesson_id(p) for p in lesson_paths(ROOT / folders[0]))[:3])
    raise InputError(_('no lesson notebook called {spec!r} in {folders}/').format(spec=str(spec), folders=folders[0]), where="lessons",
                     fix=_('give a notebook path or a lesson id such as {value}').format(value=known or 'crm/01-what-a-crm-is'))


def describe_source(path: Path) -> str:
    """What kind of notebook ``path`` is, for a facilitator: ``practice set``, ``lesson`` or ``notebook``.

    >>> describe_source(resolve("crm/01-what-a-crm-is"))
    'practice set'
    """
    try:
        folder = Path(path).resolve().relative_to(ROOT).parts[0]
    except ValueError:
        return "notebook"
    return {PRACTICE_SETS.name: "practice set", NOTEBOOKS.name: "lesson"}.get(folder, "notebook")


@cache
def _catalog(source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    ids = sorted({lesson_id(p) for folder in SOURCES.values() for p in lesson_paths(ROOT / folder)})
    found = []
    for lesson in ids:
        try:
            nb = json.loads(resolve(lesson, source).read_text(encoding="utf-8"))
        except (InputError, OSError, ValueError):  # not in this source, or a broken file in the repository
            continue
        found.append((lesson, tuple(notebook_exercises(nb))))
    return tuple(found)


def catalog(source: str = DEFAULT_SOURCE) -> dict[str, list[str]]:
    """Every lesson id of the repository and the exercise ids of the notebook :func:`resolve` picks for it.

    >>> "crm.contacts.opt-in-list" in catalog()["crm/02-accounts-contacts-and-consent"]
    True
    >>> "crm.practice.record-consent-revocation" in catalog("lessons")["crm/02-accounts-contacts-and-consent"]
    True
    """
    return {lesson: list(ids) for lesson, ids in _catalog(check_source(source))}


def exercise_lessons() -> dict[str, str]:
    """Exercise id -> the lesson id it belongs to (the lesson's own list first, then the practice sets').

    >>> exercise_lessons()["crm.intro.count-contacts"]
    'crm/01-what-a-crm-is'
    """
    found: dict[str, str] = {}
    for source in ("lessons", "practice-sets"):
        for lesson, ids in catalog(source).items():
            for exercise in ids:
                found.setdefault(exercise, lesson)
    return found


# ---------------------------------------------------------------- the values a notebook runs with

def _tags(cell) -> list:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    tags = meta.get("tags") if isinstance(meta, dict) else None
    return tags if isinstance(tags, list) else []


def parameters_source(values: dict) -> str:
    """The injected cell's code for ``values`` (a Python literal per name).

    >>> print(parameters_source({"data_dir": "/tmp/company", "data_seed": None}))
    # Parameters
    data_dir = '/tmp/company'  # the data this notebook works on
    data_seed = None
    """
    lines = ["# Parameters"]
    for name, value in values.items():
        note = f"  # {NOTES[name]}" if value is not None and name in NOTES else ""
        lines.append(f"{name} = {value!r}{note}")
    return "\n".join(lines)


def with_parameters(nb, /, **values):
    """Put ``values`` in a fresh ``injected-parameters`` cell of ``nb``, after its ``parameters`` cell.

    A lesson's first code cell is tagged ``parameters`` and holds the defaults
    (``data_dir = None``, ``data_seed = None``).  Following papermill's convention,
    the values of one run go in a cell tagged ``injected-parameters`` right after
    it.  Every injected cell already there is removed first, so the values a grader
    injects replace whatever a trainee wrote in theirs.  Without a ``parameters``
    cell (a trainee deleted it) the values go first, as papermill does.  Works on a
    plain notebook dict and on an ``nbformat`` notebook alike; returns ``nb``.

    >>> nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "data_seed = None"},
    ...                 {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]}, "source": "data_seed = 7"}]}
    >>> nb = with_parameters(nb, data_seed=1001)
    >>> len(nb["cells"])
    2
    >>> print(nb["cells"][1]["source"])
    # Parameters
    data_seed = 1001  # your own variant of the sample company
    """
    cells = [c for c in nb["cells"] if INJECTED not in _tags(c)]
    where = next((i + 1 for i, c in enumerate(cells) if PARAMETERS in _tags(c)), 0)
    cell = {"cell_type": "code", "execution_count": None, "id": uuid.uuid4().hex[:8],
            "metadata": {"tags": [INJECTED]}, "outputs": [], "source": parameters_source(values)}
    if hasattr(nb, "cells"):  # an nbformat notebook: its cells are nbformat nodes too
        import nbformat

        cell = nbformat.from_dict(cell)
    cells.insert(where, cell)
    nb["cells"] = cells
    return nb
