"""Grade every trainee's notebooks in one command, never stopping on a broken one.

``grade(submissions_dir, out)`` looks for notebooks in each trainee's folder
(``submissions_dir/<trainee>/*.ipynb``, as :func:`~workbench.sessions.release.release`
wrote them) and runs each in its own kernel, in a separate process, in a
scratch copy, several at a time, with a time limit per cell and per notebook.
Exercises are matched by id (cell metadata or the ``wb.check`` call), never by
position, and a notebook is recognised by its lesson id, not its file name.

What a trainee may have done, and what the grader does about it:

=============================  =====================================================
handed in a zip of the folder  unpacked (safely) and graded like the folder
deleted the exercise's cell    ``missing``, 0 points, hint: restore the cell
moved or duplicated cells      graded by id; duplicates count their best attempt
a cell raises                  later cells still run; that exercise ``error`` + reason
an endless loop                the cell is interrupted after the cell time limit
``input()``                    stdin is off: ``input`` + reason
invalid JSON                   ``unreadable`` + where the JSON breaks
renamed the file               recognised by its lesson id or its exercise ids
edited ``data_seed``           the grader injects the trainee's own seed again
=============================  =====================================================

**What the grader trusts.**  Trainee code runs only in the notebook's kernel,
never in the grader's process, and nothing it writes is taken at its word:

- the kernel records the *answers* its checks receive (:mod:`.answers`); the
  grader checks them again in a process of its own, on a verified copy of the
  trainee's own data (:mod:`.recheck`): ``source`` ``grader``;
- practice CRM tasks are checked on a copy of the database the trainee handed
  in, against the task as set on their own data: ``source`` ``practice CRM``;
- an answer that cannot be written down as data keeps the notebook's own verdict,
  and an exercise answered only in the lessons keeps the trainee's progress log:
  ``source`` ``notebook`` or ``progress log``.  These two are clamped to the
  exercise's points (from the registry) and named as such in ``grades.csv`` and on
  the feedback page;
- each notebook works on its own copy of its data, checked against a fingerprint
  taken before any trainee code ran, so no notebook can change another's.

The practice CRM database is the trainee's answer: the grader reads it honestly,
but cannot tell records entered through the screens from records written with
an SQLite tool.  Trainee code runs as the grader's own user, so a trainee who
*deliberately* writes code to find and alter the grader's files on the grading
machine is beyond what copies and fingerprints stop (they make it visible, not
impossible): when grades matter that much, run the grader in a container or
under an account of its own.

Writes ``grades.csv`` (one row per trainee and exercise), ``notebooks.csv``
(one row per notebook run), ``feedback/<trainee>.html``, the trainees'
progress logs under ``progress/`` (for the class report's time per lesson)
and the executed copies under ``executed/``.

>>> exercise_status(2, 2, None)
'passed'
>>> exercise_status(0, 1, "Replace the ... (or None) with your answer, or use the form, then check again.")
'not answered'
>>> clamp("99", 2), clamp(-3, 2), clamp("many", 2)
(2.0, 0.0, 0.0)
"""

from __future__ import annotations

import html
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError, WorkbenchError
from ..settings import CONFIG_NAME, safe_name
from .handin import HandedIn, read_config, unpack
from .lessons import DEFAULT_SOURCE, catalog, check_source, notebook_exercises

COLUMNS = ["trainee", "lesson", "exercise", "points", "max_points", "status", "hint", "message", "reason",
           "attempts", "source", "notebook"]
BLANK_HINT = "Replace the ..."
MANIFEST = "session.json"
WHOLE = "(whole notebook)"
PRACTICE_PREFIX = "crm.practice."
#: Where a grade comes from; the grader computes all but the :data:`SELF_REPORTED` ones.
SOURCES = {"grader": "checked again by the grader on your own data",
           "practice CRM": "checked by the grader in the practice CRM you handed in",
           "notebook": "your notebook's own check (this answer could not be checked again)",
           "progress log": "your own progress log (answered in the lesson, not checked again)"}
SELF_REPORTED = ("notebook", "progress log")  # the sources the grader did not check again
HINTS = {
    "missing": "The cell for this exercise is gone (deleted, or its id was edited). "
               "Copy it back from a fresh copy of the lesson.",
    "error": "Your cell stopped with an error before the check ran. Run the cells above it first, "
             "then fix the line the error names.",
    "timeout": "This cell never finished (an endless loop?). Make sure every loop ends.",
    "input": "A graded notebook cannot wait for typed input: put the value in the code instead of input().",
    "not run": "The notebook stopped before this cell (time limit or crash); fix the problem named.",
    "kernel died": "Python crashed while running your notebook; fix the problem named.",
    "unreadable": "The file is no longer a valid notebook. Open your last checkpoint "
                  "(File > Revert) or copy your answers into a fresh copy.",
    "not attempted": "The check for this exercise never ran: answer it and press Check (or run its cell).",
    "not checked": "The grader could not check this exercise (the reason says why): ask your trainer.",
    "no submission": "No notebook for this lesson was handed in.",
}
STATUS_ORDER = ["timeout", "input", "kernel died", "error", "not run", "ok"]


def exercise_status(points: float, max_points: float, hint: str | None) -> str:
    """``passed``, ``partial``, ``not answered`` (the blank stub) or ``failed``."""
    if points >= max_points:
        return "passed"
    if points > 0:
        return "partial"
    if isinstance(hint, str) and hint.startswith(BLANK_HINT):
        return "not answered"
    return "failed"


def clamp(value, max_points: float) -> float:
    """A number some untrusted record gives, as points between 0 and ``max_points`` (0 when not a number)."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return min(max(number, 0.0), float(max_points)) if math.isfinite(number) else 0.0


@dataclass(frozen=True)
class DataSource:
    """The data a trainee is graded on: a shared original and its fingerprint, taken before grading.

    A variant the release did not build has no original (``folder`` is ``None``): the
    notebook's kernel and the re-check each generate their own from the seed.
    """

    folder: Path | None
    fingerprint: str
    seed: int | None = None  # a variant of the sample company; None: a folder (export or sample)


@dataclass
class Submission:
    """One notebook handed in by one trainee."""

    trainee: str
    path: Path
    shown: str = ""  # the notebook as the superuser knows it: <folder or zip>/<path inside>
    folder: Path | None = None  # the trainee's folder (None: a notebook handed in on its own)
    lesson: str | None = None
    expected: list[str] = field(default_factory=list)
    seed: int | None = None
    data_dir: Path | None = None
    data: DataSource = field(default_factory=lambda: DataSource(None, ""))
    handed: HandedIn = field(default_factory=HandedIn)
    notes: list[str] = field(default_factory=list)
    result: dict = field(default_factory=dict)
    recheck: dict = field(default_factory=dict)
    seconds: float = 0.0


def identify(path: Path, lessons: dict[str, list[str]]) -> str | None:
    """The lesson a submitted notebook is: its metadata, else its exercise ids, else its file name.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "my work (final).ipynb"
    >>> _ = path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "wb.check('a.b.c', 1)"}]}))
    >>> identify(path, {"x/01-one": ["a.b.c"], "x/02-two": ["d.e.f"]})
    'x/01-one'
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        raw = None
    meta = raw.get("metadata") if isinstance(raw, dict) else None
    meta = meta.get("workbench") if isinstance(meta, dict) else None
    named = meta.get("lesson") if isinstance(meta, dict) else None
    if isinstance(named, str) and named in lessons:
        return named
    found = set(notebook_exercises(raw))
    overlap = {lesson: len(found & set(ids)) for lesson, ids in lessons.items()}
    best = max(overlap, key=overlap.get, default=None)
    if best and overlap[best]:
        return best
    stem = path.stem.lower()
    for lesson in lessons:
        name = lesson.split("/")[-1].lower()
        if stem == name or stem.startswith(name) or (len(stem) >= 6 and name.startswith(stem[:12])):
            return lesson
    return next(iter(lessons)) if len(lessons) == 1 else None  # a session of one lesson


def read_manifest(submissions_dir: Path) -> dict | None:
    """The release's ``session.json``, or ``None``; an :class:`InputError` when it is damaged.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> read_manifest(folder) is None
    True
    >>> _ = (folder / MANIFEST).write_text('{"lessons": "none"}')
    >>> read_manifest(folder)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: ...: session.json is not a release manifest (...). Fix: ...
    """
    path = Path(submissions_dir) / MANIFEST
    if not path.is_file():
        return None
    fix = "restore session.json from your copy of the release, or delete it to grade without it"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"session.json cannot be read ({err})", where=str(path), fix=fix) from None
    lessons, trainees = (manifest.get("lessons"), manifest.get("trainees")) if isinstance(manifest, dict) else (0, 0)
    if not (isinstance(lessons, list) and isinstance(trainees, list)
            and all(isinstance(x, dict) and "id" in x and isinstance(x.get("exercises"), list) for x in lessons)
            and all(isinstance(t, dict) and "folder" in t and "learner" in t for t in trainees)):
        raise InputError("session.json is not a release manifest (lessons and trainees are missing or damaged)",
                         where=str(path), fix=fix)
    return manifest


def _seed(value, notes: list[str]) -> int | None:
    """A seed from a trainee's own settings file, or ``None`` (with a note) when it is not a whole number."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        return int(value)
    except (TypeError, ValueError, OverflowError):
        notes.append(f"the seed in {CONFIG_NAME} ({str(value)[:40]!r}) is not a whole number: "
                     "graded on the sample company")
        return None


def find_submissions(submissions_dir: Path, *, source: str | None = None,
                     unpack_to: Path | None = None) -> tuple[list[Submission], dict | None]:
    """Every (trainee, notebook) pair under ``submissions_dir``, with the lesson each one is.

    A trainee hands in a folder (``<trainee>/``), a zip file of it (``<trainee>.zip``,
    unpacked under ``unpack_to``; without it zip files are left alone) or a single notebook.
    With the release's ``session.json``, its lessons, trainees and seeds are used; without
    it, the repository's lessons as :func:`~workbench.sessions.lessons.resolve` picks them for
    ``source`` and each folder's own settings (which a trainee can edit).
    """
    source = check_source(source or DEFAULT_SOURCE)
    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise InputError(f"no folder {str(submissions_dir)!r}", where="grade(submissions_dir)",
                         fix="give the folder holding one sub-folder per trainee")
    manifest = read_manifest(submissions_dir)
    if manifest:
        lessons = {lesson["id"]: [e for e in lesson["exercises"] if isinstance(e, str)]
                   for lesson in manifest["lessons"]}
    else:
        lessons = catalog(source)
    roster = {str(t["folder"]): t for t in (manifest or {}).get("trainees", [])}
    company = None
    if manifest and manifest.get("data"):
        company = (submissions_dir / str(manifest["data"])).resolve()
        if not company.is_dir():
            raise InputError(f"the company data folder {manifest['data']!r} named in session.json is missing",
                             where=str(submissions_dir), fix="copy the export back there, as the release wrote it")
    found = []
    for entry in sorted(submissions_dir.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        notes: list[str] = []
        name, folder = entry.stem, None
        if entry.is_dir() and entry.suffix != ".ipynb":
            name, folder = entry.name, entry
        elif entry.suffix == ".zip" and unpack_to is not None:
            if (submissions_dir / name).is_dir():
                continue  # the same trainee's folder is there too: it is the one graded
            try:
                folder = unpack(entry, Path(unpack_to) / str(len(found)))
            except InputError as err:
                notes.append(str(err))
        elif entry.suffix != ".ipynb":
            continue
        known, config = roster.get(name, {}), read_config(folder) if folder else {}
        own = config.get("learner")
        trainee = known.get("learner") or (own if isinstance(own, str) and own.strip() else name)
        seed = known.get("seed") if roster else _seed(config.get("seed"), notes)
        paths = [entry] if folder is None else sorted(
            p for p in folder.rglob("*.ipynb") if not any(part.startswith(".") for part in p.relative_to(folder).parts))
        for path in paths:
            shown = entry.name if folder is None else f"{entry.name}/{path.relative_to(folder).as_posix()}"
            lesson = identify(path, lessons)
            found.append(Submission(trainee=str(trainee), path=path, shown=shown, folder=folder, lesson=lesson,
                                    expected=list(lessons.get(lesson, [])), seed=seed, data_dir=company,
                                    notes=list(notes)))
    if not found:
        raise InputError(f"no notebooks in {submissions_dir}", where="grade(submissions_dir)",
                         fix="put each trainee's notebooks in a sub-folder named after the trainee")
    return found, manifest


def _prepare(subs: list[Submission], cache: Path, private: Path) -> None:
    """Before any trainee code runs: each submission's data (fingerprinted) and what its trainee handed in."""
    from ..data.active import variant_folder
    from ..data.load import SAMPLE_FOLDER
    from .copies import fingerprint
    from .handin import snapshot

    home = cache.parent  # variants live in <home>/data/acme-seed-<seed>
    sources: dict = {}
    for sub in subs:
        key = sub.data_dir or (sub.seed if sub.seed is not None else SAMPLE_FOLDER)
        if key not in sources:
            if sub.data_dir is None and sub.seed is not None:
                folder = variant_folder(sub.seed, home)
                folder = folder if (folder / "meta.json").is_file() else None  # not built: each run builds its own
                sources[key] = DataSource(folder, fingerprint(folder) if folder else "", sub.seed)
            else:
                folder = sub.data_dir or SAMPLE_FOLDER
                sources[key] = DataSource(folder, fingerprint(folder))
        sub.data = sources[key]
    handed: dict = {}
    for sub in subs:
        if sub.folder is None:
            continue
        if sub.folder not in handed:
            try:
                handed[sub.folder] = snapshot(sub.folder, sub.trainee, private / "handed-in" / str(len(handed)))
            except OSError as err:
                handed[sub.folder] = HandedIn(notes=[f"what you handed in could not be read ({err.strerror})"])
        sub.handed = handed[sub.folder]


def _wanted(sub: Submission) -> list[str]:
    """The lesson's exercises, plus any other registered exercise the notebook's cells name."""
    cells = (sub.result or {}).get("cells", [])
    in_notebook = list(dict.fromkeys(e for c in cells for e in c.get("exercises", [])))
    return list(dict.fromkeys(sub.expected + [e for e in in_notebook if _max_points(e) is not None]))


def _run(command: list[str], cwd: Path, env: dict, limit: float, kernel_pid: Path | None = None):
    """Run a helper process in a session of its own; ``(stderr, None)``, or ``(b"", why)`` when it overran."""
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.communicate()
        return b"", f"stopped after {limit:g} s"
    finally:
        if kernel_pid is not None:  # whatever the trainee's code left running in the kernel's session
            try:
                _kill_group(int(kernel_pid.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                pass
    return err, None


def _last_line(stderr: bytes) -> str:
    """The last line a helper process wrote to its error output: usually what went wrong."""
    lines = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:300] if lines else "no output"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _clean_env(**values: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(PLOTLY_RENDERER=env.get("PLOTLY_RENDERER", "json"), **values)
    return env


def _execute(sub: Submission, scratch: Path, executed: Path, *, cell_timeout: float,
             notebook_timeout: float) -> Submission:
    """Run one submission in a runner process on its own copy of its data, then check its answers again."""
    from ..data.active import variant_folder
    from .copies import verified_copy

    started = time.perf_counter()
    if scratch.exists():
        shutil.rmtree(scratch)
    home, work = scratch / "home", scratch / "work"
    (home / "progress").mkdir(parents=True)
    work.mkdir()
    if not sub.path.is_file() or sub.path.suffix != ".ipynb":
        why = "is a folder, not a notebook file" if sub.path.is_dir() else "is not a notebook file"
        sub.result = {"status": "unreadable", "cells": [], "seconds": 0.0,
                      "problems": [f"{sub.path.name} {why}"]}
    else:
        config = {"learner": sub.trainee, "home": str(home)}
        env = _clean_env(WORKBENCH_HOME=str(home), WORKBENCH_LEARNER=sub.trainee)
        if sub.data.seed is not None:
            if sub.data.folder is not None:
                verified_copy(sub.data.folder, variant_folder(sub.data.seed, home), sub.data.fingerprint)
            env["WORKBENCH_SEED"] = str(config.setdefault("seed", sub.data.seed))
            parameters = {"data_dir": None, "data_seed": sub.data.seed}
        else:
            folder = verified_copy(sub.data.folder, scratch / "data", sub.data.fingerprint)
            env["WORKBENCH_DATA"] = config["data_dir"] = str(folder)
            parameters = {"data_dir": str(folder), "data_seed": None}
        if sub.handed.practice is not None:  # the notebook's cells show the trainee's own practice CRM
            verified_copy(sub.handed.practice, home / "practice", sub.handed.practice_fingerprint)
        copy = work / sub.path.name
        shutil.copyfile(sub.path, copy)
        (work / CONFIG_NAME).write_text(json.dumps(config), encoding="utf-8")
        result_file = scratch / "result.json"
        command = [sys.executable, "-I", "-m", "workbench.sessions.runner", str(copy), str(result_file),
                   "--executed", str(executed), "--kernel-pid", str(scratch / "kernel.pid"),
                   "--cell-timeout", str(cell_timeout), "--notebook-timeout", str(notebook_timeout),
                   "--parameters", json.dumps(parameters), "--capture", str(scratch / "answers.jsonl")]
        err, why = _run(command, scratch, env, notebook_timeout + 60, scratch / "kernel.pid")
        if why is None:
            try:
                sub.result = json.loads(result_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                why = f"the runner failed: {_last_line(err)}"
        if why is not None:
            sub.result = {"status": "failed", "cells": [], "seconds": notebook_timeout, "problems": [why]}
    _recheck(sub, scratch, cell_timeout=cell_timeout, limit=notebook_timeout)
    sub.seconds = round(time.perf_counter() - started, 3)
    return sub


def _recheck(sub: Submission, scratch: Path, *, cell_timeout: float, limit: float) -> None:
    """Check the notebook's answers and the practice CRM again, in a process of the grader's own."""
    wanted = _wanted(sub)
    tasks = [e for e in wanted if e.startswith(PRACTICE_PREFIX)]
    answers = scratch / "answers.jsonl"
    practice = None
    if tasks and sub.handed.practice is not None:
        practice = {"folder": str(sub.handed.practice), "fingerprint": sub.handed.practice_fingerprint,
                    "tasks": tasks}
    if not answers.is_file() and practice is None:
        return
    job = {"learner": sub.trainee, "exercises": [e for e in wanted if e not in tasks],
           "answers": str(answers) if answers.is_file() else None, "practice": practice,
           "data": {"source": str(sub.data.folder) if sub.data.folder else None, "fingerprint": sub.data.fingerprint,
                    "seed": sub.data.seed},
           "check_timeout": cell_timeout}
    folder = Path(tempfile.mkdtemp(prefix="workbench-recheck-job-"))
    try:
        (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
        command = [sys.executable, "-I", "-m", "workbench.sessions.recheck", str(folder / "job.json"),
                   str(folder / "result.json")]
        err, why = _run(command, folder, _clean_env(), limit)
        try:
            sub.recheck = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            sub.recheck = {"failed": why or _last_line(err)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _max_points(exercise: str) -> float | None:
    """The exercise's points, or ``None`` when no such exercise is registered."""
    from ..exercises.registry import get

    try:
        return float(get(exercise).max_points)
    except WorkbenchError:
        return None


def _row(sub: Submission, exercise: str, **values) -> dict:
    return {"trainee": sub.trainee, "lesson": sub.lesson or "unknown", "exercise": exercise,
            "notebook": sub.path.name, "attempts": 0, "source": "", "message": "", "reason": "", **values}


def _rows(sub: Submission) -> list[dict]:
    """One row per exercise the submission should hold (and any other it answered)."""
    result, recheck = sub.result or {}, sub.recheck or {}
    cells = result.get("cells", [])
    wanted = _wanted(sub)
    problems = "; ".join(sub.notes + result.get("problems", []) + recheck.get("problems", []))
    if not wanted:  # nothing to match (an unreadable file of an unknown lesson): report the notebook itself
        status = result.get("status") if result.get("status") in HINTS else "not attempted"
        return [_row(sub, WHOLE, points=0.0, max_points=0.0, status=status, hint=HINTS[status],
                     reason=f"{sub.path.name}: {problems or 'no exercise found in it'}")]
    attempts: dict[str, list[dict]] = {}
    for attempt in recheck.get("attempts", []):
        attempts.setdefault(attempt["exercise"], []).append(attempt)
    practice = {p["exercise"]: p for p in recheck.get("practice", [])}
    rows = []
    for exercise in wanted:
        max_points = _max_points(exercise) or 1.0
        mine = attempts.get(exercise, [])
        checked = [a for a in mine if "points" in a]
        if exercise in practice:
            row = _practice_row(sub, exercise, practice[exercise], max_points)
        elif checked:
            best = max(checked, key=lambda a: a["points"])
            row = _row(sub, exercise, points=best["points"], max_points=best["max_points"], hint=best["hint"] or "",
                       message=best["message"], attempts=len(mine), source="grader",
                       status=exercise_status(best["points"], best["max_points"], best["hint"]),
                       reason=_disagreement(best))
        elif mine:  # answers the grader cannot write down as data: the notebook's own verdict, clamped
            best = max(mine, key=lambda a: clamp(a.get("notebook_points"), max_points))
            points = clamp(best.get("notebook_points"), max_points)
            row = _row(sub, exercise, points=points, max_points=max_points, attempts=len(mine), source="notebook",
                       status=exercise_status(points, max_points, None), hint="" if points >= max_points else
                       "Give the answer as a number, a text, a list or a table so the grader can check it.",
                       reason=f"not checked again: {best.get('unsupported') or 'an answer of an unknown kind'}")
        elif recheck.get("failed"):
            row = _row(sub, exercise, points=0.0, max_points=max_points, status="not checked",
                       hint=HINTS["not checked"], reason=f"the grader's check failed: {recheck['failed']}")
        else:
            status, reason = _unanswered(sub, cells, exercise)
            row = _row(sub, exercise, points=0.0, max_points=max_points, status=status, hint=HINTS.get(status, ""),
                       reason=reason or problems)
        rows.append(row)
    return rows


def _graded(sub: Submission) -> list[dict]:
    """:func:`_rows`, or, should the grader itself fail on this submission, a row per exercise saying so."""
    try:
        return _rows(sub)
    except Exception as err:  # noqa: BLE001 - one submission the grader cannot read never stops the batch
        reason = f"the grader could not grade this notebook ({type(err).__name__}: {err})"
        return [_row(sub, exercise, points=0.0, max_points=_max_points(exercise) or 1.0, status="not checked",
                     hint=HINTS["not checked"], reason=reason) for exercise in sub.expected or [WHOLE]]


def _disagreement(attempt: dict) -> str:
    """Why the grader's points differ from what the trainee's notebook showed, if they do."""
    shown = attempt.get("notebook_points")
    if shown is None or math.isclose(float(shown), attempt["points"]):
        return ""
    return (f"your notebook showed {shown:g}/{attempt['max_points']:g} for this answer; checked again on your "
            f"own data it gets {attempt['points']:g}: the notebook used other data, or changed the check")


def _practice_row(sub: Submission, exercise: str, found: dict, max_points: float) -> dict:
    if "error" in found:
        return _row(sub, exercise, points=0.0, max_points=max_points, status="not checked",
                    hint=HINTS["not checked"], reason=found["error"], source="practice CRM")
    return _row(sub, exercise, points=found["points"], max_points=found["max_points"], hint=found["hint"] or "",
                message=found["message"], source="practice CRM", attempts=1, reason=found.get("note", ""),
                status=exercise_status(found["points"], found["max_points"], found["hint"]))


def _unanswered(sub: Submission, cells: list[dict], exercise: str) -> tuple[str, str]:
    result = sub.result or {}
    if exercise.startswith(PRACTICE_PREFIX) and sub.handed.practice is None:
        where = f"{sub.folder.name}/.workbench/practice/" if sub.folder else "a trainee folder"
        return "not attempted", f"no practice CRM was handed in (looked in {where})"
    if result.get("status") == "unreadable":
        return "unreadable", "; ".join(sub.notes + result.get("problems", []))
    if result.get("status") == "failed":
        return "not run", "; ".join(result.get("problems", []))
    mine = [c for c in cells if exercise in c.get("exercises", [])]
    if not mine:
        return "missing", "no cell holds this exercise's id"
    worst = min(mine, key=lambda c: STATUS_ORDER.index(c["status"]) if c["status"] in STATUS_ORDER else 0)
    if worst["status"] == "ok":
        return "not attempted", "its cell ran but no answer was checked (a form counts once its Check is pressed)"
    return worst["status"], f"cell {worst['index'] + 1}: {worst['error']}"


def _merge_live(rows: list[dict], subs: list[Submission], out: Path) -> list[dict]:
    """Fill exercises the run left unanswered from the trainee's own progress log (widget answers).

    The log is the trainee's: its points are clamped to the exercise's and the row says
    ``progress log``.  A practice CRM task checked on the handed-in database keeps that result.
    Each trainee's records are written to ``out/progress/<trainee>.jsonl``, where the class
    report finds the time spent.
    """
    logs: dict[str, list[dict]] = {}
    read = set()
    for sub in subs:  # several notebooks of one trainee share what the trainee handed in: count it once
        if id(sub.handed) not in read:
            read.add(id(sub.handed))
            logs.setdefault(sub.trainee, []).extend(sub.handed.records)
    for trainee, records in logs.items():
        if records:
            (out / "progress").mkdir(parents=True, exist_ok=True)
            lines = [json.dumps({**r, "learner": trainee}, ensure_ascii=False, default=str) for r in records]
            (out / "progress" / f"{safe_name(trainee)}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for row in rows:
        max_points = _max_points(row["exercise"])
        if row["status"] == "passed" or row["source"] == "practice CRM" or max_points is None:
            continue
        mine = [r for r in logs.get(row["trainee"], []) if r.get("exercise") == row["exercise"]]
        if not mine:
            continue
        best = max(mine, key=lambda r: clamp(r.get("points"), max_points))
        points = clamp(best.get("points"), max_points)
        if points > row["points"] or row["status"] in HINTS:
            hint = best.get("hint") if isinstance(best.get("hint"), str) else ""
            row.update(points=points, max_points=max_points, hint=hint, message="",
                       status=exercise_status(points, max_points, hint), attempts=len(mine), source="progress log",
                       reason="answered in the lesson, not checked again by the grader"
                              + (f" ({row['reason']})" if row["reason"] else ""))
    return rows


def combine(rows: list[dict]) -> pd.DataFrame:
    """One row per trainee, lesson and exercise: the best of duplicates (two copies of a lesson).

    >>> combine([{"trainee": "a", "lesson": "l", "exercise": "x", "points": 0.0, "max_points": 1.0},
    ...          {"trainee": "a", "lesson": "l", "exercise": "x", "points": 1.0, "max_points": 1.0}])["points"].tolist()
    [1.0]
    """
    df = pd.DataFrame(rows)
    for column in COLUMNS:
        if column not in df.columns:
            df[column] = "" if column not in ("points", "max_points", "attempts") else 0
    df = df.sort_values(["trainee", "lesson", "exercise", "points"], ascending=[True, True, True, False],
                        kind="stable")
    return df.drop_duplicates(["trainee", "lesson", "exercise"])[COLUMNS].reset_index(drop=True)


def grade(submissions_dir: str | Path, out: str | Path, *, jobs: int | None = None,
          cell_timeout: float = 30, notebook_timeout: float = 300, cache: str | Path | None = None,
          source: str | None = None, progress: bool = True) -> pd.DataFrame:
    """Execute and grade every submission; write ``grades.csv``, ``notebooks.csv`` and feedback pages.

    ``jobs`` notebooks run at once (default: the number of CPU cores).  Trainees' data
    variants come from their seeds in ``session.json`` (never from their folders) and are
    copied from ``cache``, by default the grader's own workbench home, where
    :func:`~workbench.sessions.release.release` built them (a variant missing there is
    generated by each run that needs it, which is slower).
    ``source`` picks the lessons' notebooks when there is no ``session.json`` (see
    :func:`~workbench.sessions.lessons.resolve`).  Returns the grades.
    """
    from tqdm.auto import tqdm

    if jobs is not None and jobs < 1:
        raise InputError(f"jobs must be at least 1, got {jobs}", where="grade(jobs)", fix="use --jobs 1 or more")
    for name, value in (("cell_timeout", cell_timeout), ("notebook_timeout", notebook_timeout)):
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
            raise InputError(f"{name} must be a positive number of seconds, got {value!r}",
                             where=f"grade({name})", fix=f"use --{name.replace('_', '-')} 30 or another positive number")
    jobs = jobs or os.cpu_count() or 1
    if cache is None:
        from ..settings import current

        cache = current().home / "data"
    submissions_dir, out = Path(submissions_dir).resolve(), Path(out).resolve()
    if out == submissions_dir or submissions_dir in out.parents:
        raise InputError(f"the output folder {str(out)!r} is inside the class folder it grades",
                         where="grade(out)", fix="write the grades to a folder outside the class folder, "
                                                 "e.g. --out grades/ next to it")
    scratch_root = out / "_scratch"
    rows: list[dict] = []
    runs = []
    with tempfile.TemporaryDirectory(prefix="workbench-grade-") as private:
        subs, manifest = find_submissions(submissions_dir, source=source, unpack_to=Path(private) / "unpacked")
        if scratch_root.exists():
            shutil.rmtree(scratch_root)
        counts: dict[str, int] = {}
        tasks = []
        for sub in subs:
            key = safe_name(sub.trainee)
            counts[key] = counts.get(key, 0) + 1
            name = sub.path.name if counts[key] == 1 else f"{counts[key]}-{sub.path.name}"
            tasks.append((sub, scratch_root / key / str(counts[key]), out / "executed" / key / name))
        _prepare(subs, Path(cache), Path(private))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_execute, sub, scratch, executed, cell_timeout=cell_timeout,
                                   notebook_timeout=notebook_timeout): sub for sub, scratch, executed in tasks}
            for future in tqdm(as_completed(futures), total=len(futures), desc="grading", unit="notebook",
                               disable=not progress):
                sub = futures[future]
                try:
                    future.result()
                except Exception as err:  # noqa: BLE001 - the grader's own step failed: report it, go on
                    sub.result = {"status": "failed", "cells": [], "seconds": 0.0,
                                  "problems": [f"the grader could not run this notebook: {type(err).__name__}: {err}"]}
                rows += _graded(sub)
                runs.append({"trainee": sub.trainee, "notebook": sub.shown,
                             "lesson": sub.lesson or "unknown", "status": sub.result.get("status", "failed"),
                             "seconds": sub.result.get("seconds", 0.0), "total_seconds": sub.seconds,
                             "problems": "; ".join(sub.notes + sub.result.get("problems", []))})
    shutil.rmtree(scratch_root, ignore_errors=True)
    rows = _merge_live(rows, subs, out)
    rows += _not_handed_in(rows, manifest)
    grades = combine(rows)
    out.mkdir(parents=True, exist_ok=True)
    grades.to_csv(out / "grades.csv", index=False)
    pd.DataFrame(runs).sort_values(["trainee", "notebook"]).to_csv(out / "notebooks.csv", index=False)
    for trainee, mine in grades.groupby("trainee", sort=True):
        write_feedback(trainee, mine, out / "feedback" / f"{safe_name(trainee)}.html")
    failed = [r for r in runs if r["status"] == "failed"]
    if runs and len(failed) == len(runs):
        raise WorkbenchError(f"none of the {len(runs)} notebook(s) could be run, so no trainee was graded "
                             f"(first problem: {failed[0]['problems'] or 'unknown'})", where=str(out),
                             fix="fix the problem named (notebooks.csv lists every run), then grade again")
    return grades


def _not_handed_in(rows: list[dict], manifest: dict | None) -> list[dict]:
    if not manifest:
        return []
    have = {(r["trainee"], r["lesson"]) for r in rows}
    broken = {r["trainee"]: r for r in rows if r["exercise"] == WHOLE}
    extra = []
    for trainee in manifest.get("trainees", []):
        for lesson in manifest.get("lessons", []):
            if (trainee["learner"], lesson["id"]) in have:
                continue
            why = broken.get(trainee["learner"])  # an unreadable file is probably this lesson
            status = why["status"] if why else "no submission"
            reason = why["reason"] if why else f"no notebook of {lesson['id']} found"
            for exercise in lesson["exercises"]:
                extra.append({"trainee": trainee["learner"], "lesson": lesson["id"], "exercise": exercise,
                              "points": 0.0, "max_points": _max_points(exercise) or 1.0, "message": "",
                              "status": status, "hint": HINTS[status], "reason": reason, "attempts": 0,
                              "source": "", "notebook": why["notebook"] if why else ""})
    return extra


def write_feedback(trainee: str, grades: pd.DataFrame, path: Path) -> Path:
    """A trainee's feedback page: total, then one line per exercise: what the check said and what to do next."""
    from ..exercises.result import _fmt

    path.parent.mkdir(parents=True, exist_ok=True)
    colours = {"passed": "#1b7f3b", "partial": "#a15c00"}
    parts = [f"<h1>Feedback for {html.escape(trainee)}</h1>"]
    for lesson, rows in grades.groupby("lesson", sort=True):
        got, total = rows["points"].sum(), rows["max_points"].sum()
        parts.append(f"<h2>{html.escape(str(lesson))}: {_fmt(got)}/{_fmt(total)} points</h2><table>"
                     "<tr><th>exercise</th><th>points</th><th>status</th><th>what the check said, "
                     "what to do next</th></tr>")
        for row in rows.itertuples():
            colour = colours.get(row.status, "#b3261e")
            note = "".join(f"<p>{html.escape(str(text))}</p>" for text in (row.message, row.hint) if text)
            if row.reason:
                note += f'<p class="reason">{html.escape(str(row.reason))}</p>'
            if row.source in SELF_REPORTED:
                note += f'<p class="reason">Graded from {html.escape(SOURCES[row.source])}.</p>'
            parts.append(f"<tr><td><code>{html.escape(row.exercise)}</code></td>"
                         f"<td>{_fmt(row.points)}/{_fmt(row.max_points)}</td>"
                         f'<td style="color:{colour}"><b>{html.escape(row.status)}</b></td><td>{note}</td></tr>')
        parts.append("</table>")
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Feedback: {html.escape(trainee)}</title><style>body{{font-family:system-ui,sans-serif;"
            "max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;width:100%}"
            "td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}"
            "td p{margin:0 0 .3em}.reason{color:#555;font-size:.9em}</style></head><body>"
            + "".join(parts) + "</body></html>")
    path.write_text(page, encoding="utf-8")
    return path
