"""Grade every trainee's notebooks in one command, never stopping on a broken one.

``grade(submissions_dir, out)`` copies what each trainee handed in
(``submissions_dir/<trainee>/``, as :func:`~workbench.sessions.release.release`
wrote it, or a zip of it), then runs each notebook in its own kernel, in its
own sandbox (:mod:`.sandbox`), several at a time, with a time limit per cell
and per notebook.  Exercises are matched by id (cell metadata or the
``wb.check`` call), never by position, and a notebook is recognised by its
lesson id, not its file name.

What a trainee may have done, and what the grader does about it:

=============================  =====================================================
handed in a zip of the folder  unpacked (safely) and graded like the folder
put symlinks in the folder     not followed: left out of the copy, with a note
deleted the exercise's cell    ``missing``, 0 points, hint: restore the cell
moved or duplicated cells      graded by id; every check is an attempt
a cell raises                  later cells still run; that exercise ``error`` + reason
an endless loop                the cell is interrupted after the cell time limit
``input()``                    stdin is off: ``input`` + reason
invalid JSON                   ``unreadable`` + where the JSON breaks
renamed the file               recognised by its lesson id or its exercise ids
edited ``data_seed``           the grader injects the trainee's own seed again
=============================  =====================================================

**What the grader trusts.**  Only points it computed itself.  Trainee code runs
only in the notebook's sandboxed kernel, as an account of its own, and nothing
it writes is taken at its word:

- every check logs the *answer* it was given (:mod:`.answers`), in the trainee's
  own lab and in the graded run; the grader checks each again in a process of
  its own, on a verified copy of the trainee's own data (:mod:`.recheck`):
  ``source`` ``grader``;
- practice CRM tasks are checked on a copy of the database the trainee handed
  in, against the task as set on their own data: ``source`` ``practice CRM``;
- points the grader could not check (an answer that cannot be written down,
  a progress log's points with no answer) are *self-reported*: shown apart
  (``self_reported``) and scoring 0 unless the superuser trusts them
  (:class:`~workbench.sessions.verdict.Policy`);
- of several attempts, the first scores by default (``best`` or ``last`` on
  request); ``grades.csv`` shows first-attempt and best-attempt points and the
  number of attempts, so looping over answers gains nothing.

The row of each exercise is decided in one place,
:func:`workbench.sessions.verdict.decide`, on the :func:`evidence` gathered here.

The practice CRM database is the trainee's answer: the grader reads it honestly,
but cannot tell records entered through the screens from records written with
an SQLite tool.

Writes ``grades.csv`` (one row per trainee and exercise), ``notebooks.csv``
(one row per notebook run), ``feedback/<trainee>.html`` and ``open-answers.json``
(the texts of open answers, ``to mark`` in the grades), each written whole at
the end with ``checksums.sha256`` over them; the marking sheet for those texts
(``marking-sheet.xlsx`` and ``.csv``, :mod:`.marks`: not under the checksums,
since the trainer fills it in); the trainees' progress logs under
``progress/`` (for the class report's time per lesson) and the executed copies
under ``executed/``.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import pandas as pd

from ..errors import InputError, WorkbenchError
from ..i18n.language import use_language
from ..i18n.messages import _, joined
from ..settings import progress_file, safe_name
from .diagnostics import describe, describe_all, note
from .execute import PRACTICE_PREFIX, Run, execute
from .feedback import WHOLE
from .gradebook import combine, write_outputs
from .marks import MARKS, OPEN_ANSWERS, apply_marks, open_answer_entries, recorded_marks, refresh_sheet
from .sandbox import open_sandbox
from .submissions import Submission, exercise_points, find_submissions, prepare, trainee_language
from .verdict import HINTS, SCORES, Evidence, Policy, decide

STATUS_ORDER = ["timeout", "input", "kernel died", "error", "not run", "ok"]


def _row(sub: Submission, exercise: str, **values) -> dict:
    return {"trainee": sub.trainee, "lesson": sub.lesson or "unknown", "exercise": exercise,
            "notebook": sub.path.name, "attempts": 0, "source": "", "message": "", "reason": "", **values}


def evidence(sub: Submission) -> list[Evidence]:
    """What is known about each exercise the submission should hold (and any other it answered)."""
    result, recheck = sub.result or {}, sub.recheck or {}
    cells = result.get("cells", [])
    problems = describe_all(result.get("problems", []) + recheck.get("problems", []))  # the notes: see _decided
    practice = {p["exercise"]: p for p in recheck.get("practice", [])}
    found = []
    for exercise in sub.wanted():
        mine = [a for a in recheck.get("attempts", []) if a.get("exercise") == exercise]
        status, reason = _unanswered(sub, cells, exercise)
        found.append(Evidence(
            exercise, exercise_points(exercise) or 1.0, attempts=[a for a in mine if "points" in a],
            unchecked=[a for a in mine if "points" not in a], practice=practice.get(exercise),
            logged=[r for r in sub.handed.records if r.get("exercise") == exercise
                    and "answer" not in r and "unsupported" not in r],
            failed=describe(recheck.get("failed", "")), unanswered=(status, reason or problems)))
    return found


def _notes(sub: Submission) -> list:
    """The notes on what the trainee handed in (left out, unreadable, another practice CRM), not yet worded."""
    return sub.notes + sub.handed.notes


def _graded(sub: Submission, policy: Policy) -> list[dict]:
    """One row per exercise of the submission, decided on its evidence; a row per exercise saying so should the
    grader itself fail on it. Its reasons are in the trainee's language, as their feedback page is."""
    with use_language(sub.language):
        return _decided(sub, policy)


def _decided(sub: Submission, policy: Policy) -> list[dict]:
    try:
        if not sub.wanted():  # nothing to match (an unreadable file of an unknown lesson): report the notebook itself
            result = sub.result or {}
            status = result.get("status") if result.get("status") in HINTS else "not attempted"
            problems = describe_all(_notes(sub) + result.get("problems", []))
            return [_row(sub, WHOLE, points=0.0, max_points=0.0, status=status, hint=HINTS[status],
                         reason=_("{notebook}: {problems}").format(notebook=sub.path.name, problems=problems)
                         if problems else _("{notebook}: no exercise found in it").format(notebook=sub.path.name))]
        rows = [_row(sub, ev.exercise, **decide(ev, policy)) for ev in evidence(sub)]
        left_out = describe_all(_notes(sub))  # what of the hand-in was left out: said beside each exercise
        return [{**row, "reason": joined(filter(None, [row["reason"], left_out]))} for row in rows]
    except Exception as err:  # noqa: BLE001 - one submission the grader cannot read never stops the batch
        reason = _("the grader could not grade this notebook ({error})").format(error=f"{type(err).__name__}: {err}")
        return [_row(sub, exercise, points=0.0, max_points=exercise_points(exercise) or 1.0, status="not checked",
                     hint=HINTS["not checked"], reason=reason) for exercise in sub.expected or [WHOLE]]


def _unanswered(sub: Submission, cells: list[dict], exercise: str) -> tuple[str, str]:
    result = sub.result or {}
    if exercise.startswith(PRACTICE_PREFIX) and sub.handed.practice is None:
        if sub.folder:
            return "not attempted", _("no practice CRM was handed in (looked in {folder})").format(
                folder=f"{sub.folder.name}/.workbench/practice/")
        return "not attempted", _("no practice CRM was handed in (looked in the trainee's folder)")
    if result.get("status") == "unreadable":
        return "unreadable", describe_all(result.get("problems", []))  # the notes follow (evidence)
    if result.get("status") == "failed":
        return "not run", describe_all(result.get("problems", []))
    mine = [c for c in cells if exercise in c.get("exercises", [])]
    if not mine:
        return "missing", _("no cell holds this exercise's id")
    worst = min(mine, key=lambda c: STATUS_ORDER.index(c["status"]) if c["status"] in STATUS_ORDER else 0)
    if worst["status"] == "ok":
        return "not attempted", _("its cell ran but no answer was checked (a form counts once its Check is pressed)")
    return worst["status"], _("cell {n}: {error}").format(n=worst["index"] + 1, error=describe(worst["error"]))


def write_progress(subs: list[Submission], out: Path) -> None:
    """Each trainee's handed-in progress records, in ``out/progress/<trainee>.jsonl`` (for the class report's
    time per lesson); several notebooks of one trainee share what the trainee handed in: it is written once."""
    logs: dict[str, list[dict]] = {}
    read = set()
    for sub in subs:
        if id(sub.handed) not in read:
            read.add(id(sub.handed))
            logs.setdefault(sub.trainee, []).extend(sub.handed.records)
    for trainee, records in logs.items():
        if records:
            log = progress_file(out, trainee)
            log.parent.mkdir(parents=True, exist_ok=True)
            lines = [json.dumps({**{k: v for k, v in r.items() if k != "answer"}, "learner": trainee},
                                ensure_ascii=False, default=str) for r in records]
            log.write_text("\n".join(lines) + "\n", encoding="utf-8")


def grade(submissions_dir: str | Path, out: str | Path, *, jobs: int | None = None,
          cell_timeout: float = 30, notebook_timeout: float = 300, cache: str | Path | None = None,
          source: str | None = None, progress: bool = True, unsafe: bool = False,
          policy: Policy | None = None) -> pd.DataFrame:
    """Execute and grade every submission; write ``grades.csv``, ``notebooks.csv`` and feedback pages.

    ``jobs`` notebooks run at once (default: the number of CPU cores).  Trainees' data
    variants come from their seeds in ``session.json`` (never from their folders) and are
    copied from ``cache``, by default the grader's own workbench home, where
    :func:`~workbench.sessions.release.release` built them (a variant missing there is
    generated by each run that needs it, which is slower).
    ``source`` picks the lessons' notebooks when there is no ``session.json`` (see
    :func:`~workbench.lessons.resolve`).  Each notebook runs in its
    :mod:`~workbench.sessions.sandbox`; without one, grading stops with
    :class:`~workbench.sessions.sandbox.NoSandbox` unless ``unsafe`` (trainee code then
    runs as the grader's own user).  ``policy`` says which attempt scores and whether
    self-reported points count (:class:`~workbench.sessions.verdict.Policy`; by default the
    first attempt, self-reports scoring 0).  Returns the grades.
    """
    from tqdm.auto import tqdm

    if jobs is not None and jobs < 1:
        raise InputError(_('jobs must be at least 1, got {jobs}').format(jobs=jobs), where="grade(jobs)", fix=_("use --jobs 1 or more"))
    for name, value in (("cell_timeout", cell_timeout), ("notebook_timeout", notebook_timeout)):
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
            raise InputError(_('{name} must be a positive number of seconds, got {value!r}').format(name=name, value=value),
                             where=f"grade({name})", fix=_('use --{replace} 30 or another positive number').format(replace=name.replace('_', '-')))
    jobs = jobs or os.cpu_count() or 1
    policy = policy or Policy()
    if policy.score not in SCORES:
        raise InputError(_('score must be one of {scores}, got {score!r}').format(scores=', '.join(SCORES), score=policy.score), where="grade(score)",
                         fix=_("use --score first, best or last"))
    if policy.max_attempts is not None and policy.max_attempts < 1:
        raise InputError(_('max_attempts must be at least 1, got {max_attempts}').format(max_attempts=policy.max_attempts), where="grade(max_attempts)",
                         fix=_("use --max-attempts 1 or more, or leave it out to count every attempt"))
    if cache is None:
        from ..settings import current

        cache = current().variants_folder
    submissions_dir, out = Path(submissions_dir).resolve(), Path(out).resolve()
    if out == submissions_dir or submissions_dir in out.parents:
        raise InputError(_('the output folder {out!r} is inside the class folder it grades').format(out=str(out)),
                         where="grade(out)", fix=_("write the grades to a folder outside the class folder, "
                                                 "e.g. --out grades/ next to it"))
    sandbox = None if unsafe else open_sandbox(jobs)
    rows: list[dict] = []
    runs = []
    with tempfile.TemporaryDirectory(prefix="workbench-grade-") as private:
        scratch_root = Path(tempfile.mkdtemp(prefix="scratch-", dir=private))
        os.chmod(private, 0o711)  # the notebooks' accounts pass through to their own scratch folder, no further
        os.chmod(scratch_root, 0o711)
        # every hand-in is copied before any trainee code runs; the notebooks see none of these
        subs, manifest = find_submissions(submissions_dir, source=source, copy_to=Path(private) / "handed-in")
        run = Run(cell_timeout, notebook_timeout, sandbox,
                  hidden=_hidden(submissions_dir, out, Path(private), Path(cache).parent))
        counts: dict[str, int] = {}
        tasks = []
        for sub in subs:
            key = safe_name(sub.trainee)
            counts[key] = counts.get(key, 0) + 1
            name = sub.path.name if counts[key] == 1 else f"{counts[key]}-{sub.path.name}"
            tasks.append((sub, scratch_root / key / str(counts[key]), out / "executed" / key / name))
        prepare(subs, Path(cache), Path(private))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(execute, sub, scratch, executed, run): sub for sub, scratch, executed in tasks}
            for future in tqdm(as_completed(futures), total=len(futures), desc="grading", unit="notebook",
                               disable=not progress):
                sub = futures[future]
                try:
                    future.result()
                except Exception as err:  # noqa: BLE001 - the grader's own step failed: report it, go on
                    sub.result = {"status": "failed", "cells": [], "seconds": 0.0,
                                  "problems": [note("grader-could-not-run", error=f"{type(err).__name__}: {err}")]}
                rows += _graded(sub, policy)
                runs.append({"trainee": sub.trainee, "notebook": sub.shown,
                             "lesson": sub.lesson or "unknown", "status": sub.result.get("status", "failed"),
                             "seconds": sub.result.get("seconds", 0.0), "total_seconds": sub.seconds,
                             "problems": describe_all(_notes(sub) + sub.result.get("problems", []))})
    write_progress(subs, out)
    rows += _not_handed_in(rows, manifest)
    entries, marks = open_answer_entries(rows), recorded_marks(out)
    grades, changed = apply_marks(combine(rows), entries, marks)  # a trainer's marks stay while the text does
    write_outputs(out, grades, pd.DataFrame(runs).sort_values(["trainee", "notebook"]),
                  extra={OPEN_ANSWERS: json.dumps(entries, ensure_ascii=False, indent=1)}, keep=[MARKS],
                  languages={sub.trainee: sub.language for sub in subs})
    grades.attrs["notes"] = refresh_sheet(out, entries, marks) + [
        _("{exercise}: the text changed since it was marked; it waits for a new mark").format(exercise=c)
        for c in changed]
    failed = [r for r in runs if r["status"] == "failed"]
    if runs and len(failed) == len(runs):
        raise WorkbenchError(_('none of the {n_runs} notebook(s) could be run, so no trainee was graded (first problem: {value})').format(n_runs=len(runs), value=failed[0]['problems'] or 'unknown'), where=str(out),
                             fix=_("fix the problem named (notebooks.csv lists every run), then grade again"))
    return grades


def _hidden(*paths: Path) -> list[Path]:
    """The folders among ``paths`` (and the grader's home folder), resolved: what no notebook may see."""
    return sorted({Path(p).resolve() for p in (*paths, Path.home()) if Path(p).is_dir()})


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
            with use_language(trainee_language(trainee.get("lang"))):
                reason = why["reason"] if why else _("no notebook of {lesson} found").format(lesson=lesson["id"])
            for exercise in lesson["exercises"]:
                extra.append({"trainee": trainee["learner"], "lesson": lesson["id"], "exercise": exercise,
                              "points": 0.0, "max_points": exercise_points(exercise) or 1.0, "message": "",
                              "status": status, "hint": HINTS[status], "reason": reason, "attempts": 0,
                              "source": "", "notebook": why["notebook"] if why else ""})
    return extra
