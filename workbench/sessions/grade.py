"""Grade every trainee's notebooks in one command, never stopping on a broken one.

``grade(submissions_dir, out)`` looks for notebooks in each trainee's folder
(``submissions_dir/<trainee>/*.ipynb``, as :func:`~workbench.sessions.release.release`
wrote them), and runs each in its own kernel, in a separate process, in a
scratch copy, several at a time, with a time limit per cell and per notebook.
The checks the notebook calls write the trainee's progress log in a scratch
home; the best attempt per exercise is the grade.  Exercises are matched by
id (cell metadata or the ``wb.check`` call), never by position, and a notebook
is recognised by its lesson id, not its file name.

What a trainee may have done, and what the grader does about it:

=============================  =====================================================
deleted the exercise's cell    ``missing``, 0 points, hint: restore the cell
moved or duplicated cells      graded by id; duplicates count their best attempt
a cell raises                  later cells still run; that exercise ``error`` + reason
an endless loop                the cell is interrupted after the cell time limit
``input()``                    stdin is off: ``input`` + reason
invalid JSON                   ``unreadable`` + where the JSON breaks
renamed the file               recognised by its lesson id or its exercise ids
=============================  =====================================================

Writes ``grades.csv`` (one row per trainee and exercise), ``notebooks.csv``
(one row per notebook run), ``feedback/<trainee>.html`` and the executed
copies under ``executed/``.

>>> exercise_status(2, 2, None)
'passed'
>>> exercise_status(0, 1, "Replace the ... (or None) with your answer, or use the form, then check again.")
'not answered'
"""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..settings import CONFIG_NAME, safe_name
from .lessons import ROOT, lesson_id, notebook_exercises

COLUMNS = ["trainee", "lesson", "exercise", "points", "max_points", "status", "hint", "reason",
           "attempts", "source", "notebook"]
BLANK_HINT = "Replace the ..."
MANIFEST = "session.json"
WHOLE = "(whole notebook)"
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
    "no submission": "No notebook for this lesson was handed in.",
}
STATUS_ORDER = ["timeout", "input", "kernel died", "error", "not run", "ok"]


def exercise_status(points: float, max_points: float, hint: str | None) -> str:
    """``passed``, ``partial``, ``not answered`` (the blank stub) or ``failed``."""
    if points >= max_points:
        return "passed"
    if points > 0:
        return "partial"
    if hint and hint.startswith(BLANK_HINT):
        return "not answered"
    return "failed"


@dataclass
class Submission:
    """One notebook handed in by one trainee."""

    trainee: str
    path: Path
    lesson: str | None = None
    expected: list[str] = field(default_factory=list)
    seed: int | None = None
    data_dir: Path | None = None
    result: dict = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)


def _catalog(manifest: dict | None) -> dict[str, list[str]]:
    """Lesson id -> its exercise ids: from the release manifest, else from the repository."""
    if manifest and manifest.get("lessons"):
        return {lesson["id"]: list(lesson["exercises"]) for lesson in manifest["lessons"]}
    catalog = {}
    for folder in ("notebooks", "exercises"):  # practice sets win over lessons of the same id
        for path in sorted((ROOT / folder).rglob("*.ipynb")):
            try:
                catalog[lesson_id(path)] = notebook_exercises(json.loads(path.read_text(encoding="utf-8")))
            except Exception:  # noqa: BLE001 - a broken lesson in the repo is not the trainee's fault
                continue
    return catalog


def identify(path: Path, catalog: dict[str, list[str]]) -> str | None:
    """The lesson a submitted notebook is: its metadata, else its exercise ids, else its file name."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        meta = (raw.get("metadata") or {}).get("workbench") or {}
    except (OSError, ValueError, AttributeError):
        raw, meta = None, {}
    if isinstance(meta, dict) and meta.get("lesson") in catalog:
        return meta["lesson"]
    if isinstance(raw, dict):
        try:
            found = set(notebook_exercises(raw))
        except (TypeError, AttributeError):
            found = set()
        overlap = {lesson: len(found & set(ids)) for lesson, ids in catalog.items()}
        best = max(overlap, key=overlap.get, default=None)
        if best and overlap[best]:
            return best
    stem = path.stem.lower()
    for lesson in catalog:
        name = lesson.split("/")[-1].lower()
        if stem == name or stem.startswith(name) or (len(stem) >= 6 and name.startswith(stem[:12])):
            return lesson
    return next(iter(catalog)) if len(catalog) == 1 else None  # a session of one lesson


def find_submissions(submissions_dir: Path) -> tuple[list[Submission], dict | None]:
    """Every (trainee, notebook) pair under ``submissions_dir``, with the lesson each one is."""
    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise InputError(f"no folder {str(submissions_dir)!r}", where="grade(submissions_dir)",
                         fix="give the folder holding one sub-folder per trainee")
    manifest = None
    if (submissions_dir / MANIFEST).is_file():
        manifest = json.loads((submissions_dir / MANIFEST).read_text(encoding="utf-8"))
    catalog = _catalog(manifest)
    roster = {t["folder"]: t for t in (manifest or {}).get("trainees", [])}
    company = None
    if manifest and manifest.get("data"):
        company = (submissions_dir / manifest["data"]).resolve()
    found = []
    for entry in sorted(submissions_dir.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            known = roster.get(entry.name, {})
            trainee = known.get("learner") or _config(entry).get("learner") or entry.name
            seed = known.get("seed", _config(entry).get("seed") if not roster else None)
            paths = sorted(p for p in entry.rglob("*.ipynb")
                           if ".ipynb_checkpoints" not in p.parts and not any(
                               part.startswith(".") for part in p.relative_to(entry).parts))
        elif entry.suffix == ".ipynb":
            trainee, seed, paths = entry.stem, None, [entry]
        else:
            continue
        for path in paths:
            lesson = identify(path, catalog)
            found.append(Submission(trainee=str(trainee), path=path, lesson=lesson,
                                    expected=list(catalog.get(lesson, [])),
                                    seed=int(seed) if seed not in (None, "") else None,
                                    data_dir=company))
    if not found:
        raise InputError(f"no notebooks in {submissions_dir}", where="grade(submissions_dir)",
                         fix="put each trainee's notebooks in a sub-folder named after the trainee")
    return found, manifest


def _config(folder: Path) -> dict:
    try:
        return json.loads((folder / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _execute(sub: Submission, scratch: Path, cache: Path, executed: Path, *, cell_timeout: float,
             notebook_timeout: float) -> Submission:
    """Run one submission in a runner process; read the progress log the checks wrote."""
    if scratch.exists():
        shutil.rmtree(scratch)
    home = scratch / "home"
    (home / "progress").mkdir(parents=True)
    cache.mkdir(parents=True, exist_ok=True)
    (home / "data").symlink_to(cache.resolve(), target_is_directory=True)
    work = scratch / "work"
    work.mkdir()
    copy = work / sub.path.name
    shutil.copyfile(sub.path, copy)
    config = {"learner": sub.trainee, "home": str(home)}
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(WORKBENCH_HOME=str(home), WORKBENCH_LEARNER=sub.trainee, PYTHONUNBUFFERED="1",
               PLOTLY_RENDERER=env.get("PLOTLY_RENDERER", "json"))
    if sub.data_dir:
        env["WORKBENCH_DATA"] = config["data_dir"] = str(sub.data_dir)
    elif sub.seed is not None:
        env["WORKBENCH_SEED"] = str(sub.seed)
        config["seed"] = sub.seed
    (work / CONFIG_NAME).write_text(json.dumps(config), encoding="utf-8")
    result_file = scratch / "result.json"
    command = [sys.executable, "-m", "workbench.sessions.runner", str(copy), str(result_file),
               "--executed", str(executed), "--kernel-pid", str(scratch / "kernel.pid"),
               "--cell-timeout", str(cell_timeout),
               "--notebook-timeout", str(notebook_timeout)]
    proc = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=notebook_timeout + 60)
    except subprocess.TimeoutExpired:
        _kill(proc.pid, scratch / "kernel.pid")
        proc.communicate()
        err = b""
        sub.result = {"status": "failed", "cells": [], "seconds": notebook_timeout,
                      "problems": [f"stopped after {notebook_timeout:g} s"]}
    else:
        _kill_group(scratch / "kernel.pid")  # whatever the trainee's code left running in the kernel's session
        try:
            sub.result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            tail = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            sub.result = {"status": "failed", "cells": [], "seconds": 0.0,
                          "problems": [f"the runner failed: {tail[0][:300]}"]}
    from ..exercises.progress import ProgressLog

    sub.records = ProgressLog(home / "progress" / f"{safe_name(sub.trainee)}.jsonl").read()[0]
    return sub


def _kill(runner_pid: int, kernel_pid_file: Path) -> None:
    """Stop a runner that overran, and the kernel it started (in a session of its own)."""
    try:
        os.killpg(runner_pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    _kill_group(kernel_pid_file)


def _kill_group(kernel_pid_file: Path) -> None:
    try:
        os.killpg(int(kernel_pid_file.read_text(encoding="utf-8")), signal.SIGKILL)
    except (OSError, ValueError):
        pass


def _max_points(exercise: str) -> float | None:
    """The exercise's points, or ``None`` when no such exercise is registered."""
    from ..errors import WorkbenchError
    from ..exercises.registry import get

    try:
        return get(exercise).max_points
    except WorkbenchError:
        return None


def _rows(sub: Submission) -> list[dict]:
    """One row per exercise the submission should hold (and any other it answered)."""
    result = sub.result or {}
    cells = result.get("cells", [])
    answered = [r for r in sub.records if isinstance(r.get("exercise"), str)]
    in_notebook = list(dict.fromkeys(e for c in cells for e in c.get("exercises", [])))
    # the lesson's exercises, plus any other registered exercise the trainee answered in this notebook
    wanted = list(dict.fromkeys(sub.expected + [e for e in in_notebook if _max_points(e) is not None]))
    problems = "; ".join(result.get("problems", []))
    if not wanted:  # nothing to match (an unreadable file of an unknown lesson): report the notebook itself
        status = result.get("status") if result.get("status") in HINTS else "not attempted"
        return [{"trainee": sub.trainee, "lesson": sub.lesson or "unknown", "exercise": WHOLE,
                 "notebook": sub.path.name, "attempts": 0, "source": "executed", "points": 0.0,
                 "max_points": 0.0, "status": status, "hint": HINTS[status],
                 "reason": f"{sub.path.name}: {problems or 'no exercise found in it'}"}]
    rows = []
    for exercise in wanted:
        mine = [r for r in answered if r["exercise"] == exercise]
        row = {"trainee": sub.trainee, "lesson": sub.lesson or "unknown", "exercise": exercise,
               "notebook": sub.path.name, "attempts": len(mine), "source": "executed"}
        if mine:
            best = max(mine, key=lambda r: (float(r.get("points") or 0), -int(r.get("attempt") or 0)))
            points, max_points = float(best.get("points") or 0), float(best.get("max_points") or 1)
            row.update(points=points, max_points=max_points, hint=best.get("hint") or "",
                       status=exercise_status(points, max_points, best.get("hint")), reason="")
        else:
            status, reason = _unanswered(result, cells, exercise)
            row.update(points=0.0, max_points=float(_max_points(exercise) or 1), status=status,
                       hint=HINTS.get(status, ""), reason=reason or problems)
        rows.append(row)
    return rows


def _unanswered(result: dict, cells: list[dict], exercise: str) -> tuple[str, str]:
    if result.get("status") == "unreadable":
        return "unreadable", "; ".join(result.get("problems", []))
    if result.get("status") == "failed":
        return "not run", "; ".join(result.get("problems", []))
    mine = [c for c in cells if exercise in c.get("exercises", [])]
    if not mine:
        return "missing", "no cell holds this exercise's id"
    worst = min(mine, key=lambda c: STATUS_ORDER.index(c["status"]) if c["status"] in STATUS_ORDER else 0)
    if worst["status"] == "ok":
        return "not attempted", "its cell ran but the check was never called"
    return worst["status"], f"cell {worst['index'] + 1}: {worst['error']}"


def _merge_live(rows: list[dict], submissions_dir: Path, subs: list[Submission], out: Path) -> list[dict]:
    """Fill exercises the run left unanswered from the trainee's own progress log (widget answers).

    The logs are copied to ``out/progress/``, where the class report finds the time spent.
    """
    from ..exercises.progress import ProgressLog

    folders = {}
    for sub in subs:
        try:
            folders[sub.trainee] = sub.path.relative_to(submissions_dir).parts[0]
        except ValueError:
            continue
    for trainee, folder in folders.items():  # kept beside grades.csv: the class report reads time from them
        for log in (submissions_dir / folder).glob(".workbench/progress/*.jsonl"):
            (out / "progress").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(log, out / "progress" / f"{safe_name(trainee)}.jsonl")
    for row in rows:
        if row["status"] == "passed" or row["trainee"] not in folders:
            continue
        logs = (submissions_dir / folders[row["trainee"]]).glob(".workbench/progress/*.jsonl")
        mine = [r for log in logs for r in ProgressLog(log).read()[0] if r.get("exercise") == row["exercise"]]
        if not mine:
            continue
        best = max(mine, key=lambda r: float(r.get("points") or 0))
        if float(best.get("points") or 0) > row["points"] or row["status"] in HINTS:
            points, max_points = float(best.get("points") or 0), float(best.get("max_points") or 1)
            row.update(points=points, max_points=max_points, hint=best.get("hint") or "",
                       status=exercise_status(points, max_points, best.get("hint")),
                       attempts=len(mine), source="progress log",
                       reason=row["reason"] and f"answered in the lesson ({row['reason']})")
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
          progress: bool = True) -> pd.DataFrame:
    """Execute and grade every submission; write ``grades.csv``, ``notebooks.csv`` and feedback pages.

    ``jobs`` notebooks run at once (default: the number of CPU cores).  Trainees' data
    variants are built from their seeds (never taken from their folders) into ``cache``,
    by default the grader's own workbench home, where :func:`release` already built them.
    Returns the grades.
    """
    from tqdm.auto import tqdm

    submissions_dir, out = Path(submissions_dir).resolve(), Path(out)
    subs, manifest = find_submissions(submissions_dir)
    if jobs is not None and jobs < 1:
        raise InputError(f"jobs must be at least 1, got {jobs}", where="grade(jobs)", fix="use --jobs 1 or more")
    jobs = jobs or os.cpu_count() or 1
    if cache is None:
        from ..settings import current

        cache = current().home / "data"
    scratch_root, cache = out / "_scratch", Path(cache)
    if scratch_root.exists():
        shutil.rmtree(scratch_root)
    counts: dict[str, int] = {}
    tasks = []
    for sub in subs:
        key = safe_name(sub.trainee)
        counts[key] = counts.get(key, 0) + 1
        tasks.append((sub, scratch_root / key / str(counts[key]),
                      out / "executed" / key / sub.path.name if counts[key] == 1 else
                      out / "executed" / key / f"{counts[key]}-{sub.path.name}"))
    rows: list[dict] = []
    runs = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_execute, sub, scratch, cache, executed, cell_timeout=cell_timeout,
                               notebook_timeout=notebook_timeout) for sub, scratch, executed in tasks]
        for future in tqdm(as_completed(futures), total=len(futures), desc="grading", unit="notebook",
                           disable=not progress):
            sub = future.result()
            rows += _rows(sub)
            runs.append({"trainee": sub.trainee, "notebook": str(sub.path.relative_to(submissions_dir)),
                         "lesson": sub.lesson or "unknown", "status": sub.result.get("status", "failed"),
                         "seconds": sub.result.get("seconds", 0.0),
                         "problems": "; ".join(sub.result.get("problems", []))})
    shutil.rmtree(scratch_root, ignore_errors=True)
    rows = _merge_live(rows, submissions_dir, subs, out)
    rows += _not_handed_in(rows, manifest)
    grades = combine(rows)
    out.mkdir(parents=True, exist_ok=True)
    grades.to_csv(out / "grades.csv", index=False)
    pd.DataFrame(runs).sort_values(["trainee", "notebook"]).to_csv(out / "notebooks.csv", index=False)
    for trainee, mine in grades.groupby("trainee", sort=True):
        write_feedback(trainee, mine, out / "feedback" / f"{safe_name(trainee)}.html")
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
                              "points": 0.0, "max_points": float(_max_points(exercise) or 1),
                              "status": status, "hint": HINTS[status], "reason": reason, "attempts": 0,
                              "source": "", "notebook": why["notebook"] if why else ""})
    return extra


def write_feedback(trainee: str, grades: pd.DataFrame, path: Path) -> Path:
    """A trainee's feedback page: total, then one line per exercise with what to do next."""
    from ..exercises.result import _fmt

    path.parent.mkdir(parents=True, exist_ok=True)
    colours = {"passed": "#1b7f3b", "partial": "#a15c00"}
    parts = [f"<h1>Feedback for {html.escape(trainee)}</h1>"]
    for lesson, rows in grades.groupby("lesson", sort=True):
        got, total = rows["points"].sum(), rows["max_points"].sum()
        parts.append(f"<h2>{html.escape(str(lesson))}: {_fmt(got)}/{_fmt(total)} points</h2><table>"
                     "<tr><th>exercise</th><th>points</th><th>status</th><th>what to do next</th></tr>")
        for row in rows.itertuples():
            colour = colours.get(row.status, "#b3261e")
            note = html.escape(str(row.hint or ""))
            if row.reason:
                note += f'<br><span class="reason">{html.escape(str(row.reason))}</span>'
            parts.append(f"<tr><td><code>{html.escape(row.exercise)}</code></td>"
                         f"<td>{_fmt(row.points)}/{_fmt(row.max_points)}</td>"
                         f'<td style="color:{colour}"><b>{html.escape(row.status)}</b></td><td>{note}</td></tr>')
        parts.append("</table>")
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Feedback: {html.escape(trainee)}</title><style>body{{font-family:system-ui,sans-serif;"
            "max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;width:100%}"
            "td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}"
            ".reason{color:#555;font-size:.9em}</style></head><body>" + "".join(parts) + "</body></html>")
    path.write_text(page, encoding="utf-8")
    return path
