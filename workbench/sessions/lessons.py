"""Which notebook a session uses for a lesson, and which exercises a notebook holds, whatever its file name.

A lesson is named by its track folder and file stem, ``crm/01-what-a-crm-is``.
It may exist twice: as a *lesson* (``notebooks/``: explanations, widget
exercises, tasks in the practice CRM) and as a *practice set* (``exercises/``:
the longer code exercises, with the solution regions a release strips).
:func:`resolve` is the one place that decides which of the two a session plans,
releases and grades (``source="practice-sets"``, this module's default, or ``"lessons"``; the
``workbench session`` commands plan and release ``--from lessons`` unless told otherwise).

Exercises are found by id, never by cell position: in a cell's metadata
(``workbench.exercise``) or in the code (``wb.check("<id>", ...)``,
``wb.ask("<id>")``).  A released copy carries its lesson id in its metadata
(``workbench.lesson``), so a renamed file is still recognised.

>>> cell = {"cell_type": "code", "metadata": {}, "source": 'answer = 3\\nwb.check("crm.intro.count-contacts", answer)'}
>>> cell_exercises(cell)
['crm.intro.count-contacts']
>>> lesson_id(Path("exercises/crm/01-what-a-crm-is.ipynb"))
'crm/01-what-a-crm-is'
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from ..errors import InputError

ROOT = Path(__file__).resolve().parents[2]
ID_IN_CODE = re.compile(r"""\b(?:wb\.)?(?:ask|check|check_button)\(\s*["']([\w-]+\.[\w-]+\.[\w-]+)["']""")
#: Where each ``--from`` choice looks a lesson id up.
SOURCES = {"practice-sets": "exercises", "lessons": "notebooks"}
DEFAULT_SOURCE = "practice-sets"


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


def lesson_id(path: Path) -> str:
    """``track/stem`` for a notebook under ``notebooks/`` or ``exercises/`` (else its stem)."""
    path = Path(path)
    parent = path.parent.name
    if parent in ("notebooks", "exercises", ""):
        return path.stem
    return f"{parent}/{path.stem}"


def check_source(source: str) -> str:
    """``source`` if it is one of :data:`SOURCES`, else an :class:`InputError` naming them.

    >>> check_source("slides")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: --from: unknown notebook source 'slides'. Fix: use one of: practice-sets, lessons.
    """
    if source not in SOURCES:
        raise InputError(f"unknown notebook source {source!r}", where="--from",
                         fix=f"use one of: {', '.join(SOURCES)}")
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
    folders = [SOURCES[check_source(source)]] + (["notebooks"] if source == "practice-sets" else [])
    path = Path(spec)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    name = str(spec).removesuffix(".ipynb")
    for folder in folders:
        candidate = ROOT / folder / f"{name}.ipynb"
        if candidate.is_file():
            return candidate
    known = ", ".join(sorted(lesson_id(p) for p in (ROOT / folders[0]).rglob("*.ipynb"))[:3])
    raise InputError(f"no lesson notebook called {str(spec)!r} in {folders[0]}/", where="lessons",
                     fix=f"give a notebook path or a lesson id such as {known or 'crm/01-what-a-crm-is'}")


def describe_source(path: Path) -> str:
    """What kind of notebook ``path`` is, for a facilitator: ``practice set``, ``lesson`` or ``notebook``.

    >>> describe_source(resolve("crm/01-what-a-crm-is"))
    'practice set'
    """
    try:
        folder = Path(path).resolve().relative_to(ROOT).parts[0]
    except ValueError:
        return "notebook"
    return {"exercises": "practice set", "notebooks": "lesson"}.get(folder, "notebook")


@cache
def _catalog(source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    ids = sorted({lesson_id(p) for folder in SOURCES.values() for p in (ROOT / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts})
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
