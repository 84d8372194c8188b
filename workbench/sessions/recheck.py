"""Check a graded notebook's answers again, in a process of the grader's own, on the trainee's own data.

The grader never takes a trainee's kernel at its word.  Once a notebook's
kernel has ended, it starts ``python -P -m workbench.sessions.recheck JOB.json
RESULT.json`` (``-P``: nothing in the folder it runs in can be imported),
which:

- copies the trainee's data (their variant, the company export or the sample)
  into a folder of its own, checked against the fingerprint taken before any
  trainee code ran, and makes it the data every check reads;
- checks again each answer logged with its attempt (:mod:`workbench.sessions.answers`),
  in the trainee's own lab (``job["lab"]``, the progress log handed in) and in the graded
  run of the notebook (``job["run"]``), with a time limit per check;
- checks every practice CRM task of the lesson on a copy of the database the
  trainee handed in, against the task as it was set on *their* data, so a
  database built from someone else's data does not pass.

The answers and the database are the trainee's: they are read as data only
(no code is loaded from them) and each check only reads them.  A check that
fails on a strange answer gives 0 points and says so; it never stops the batch.

>>> slow = {"exercise": "x.y.z", "points": 0, "max_points": 1, "message": "The check took longer than 2 s "
...         "on this answer, so it was stopped.", "hint": "Give a smaller answer (a number, a name or a short table)."}
>>> _timed_out("x.y.z", 1, 2) == slow
True
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
from functools import partial
from pathlib import Path

from ..i18n.messages import N_, _
from .answers import MAX_BYTES, decode
from .copies import verified_copy

MAX_DISTINCT = 100  # distinct answers checked per exercise; more is a script trying every answer


class CheckTimeout(BaseException):
    """A check ran past its time limit (a BaseException, so no check's own ``except`` catches it)."""


def _alarm(_signum, _frame):
    raise CheckTimeout


def _timed_out(exercise: str, max_points: float, limit: float) -> dict:
    return {"exercise": exercise, "points": 0, "max_points": max_points,
            "message": _("The check took longer than {limit:g} s on this answer, so it was stopped.").format(limit=limit),
            "hint": _("Give a smaller answer (a number, a name or a short table).")}


def _limited(call, limit: float):
    """``call()`` interrupted after ``limit`` seconds (where the platform has alarms)."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        return call()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _outcome(exercise: str, result, answer=None) -> dict:
    """What the grader keeps of one check; for an open answer handed in, the text itself (for the marking sheet)."""
    marked = {"to_mark": True, "text": answer} if result.to_mark else {}
    return {"exercise": exercise, "points": float(result.points), "max_points": float(result.max_points),
            "message": result.message, "hint": result.hint, **marked}


def _context(job: dict, home: Path):
    """The checks' context: the trainee's settings, and their data, made when a check first reads it.

    The data is a copy of the original verified against its fingerprint, or, for a variant
    the release did not build, generated here from the seed.
    """
    from functools import cached_property

    from ..data.active import ensure_variant, start
    from ..exercises.check import Context
    from ..settings import Settings, variant_folder, variants_folder

    data = job["data"]
    seed = data.get("seed")
    dest = variant_folder(home, seed) if seed is not None else variants_folder(home) / "folder"

    class TraineeContext(Context):
        @cached_property
        def data(self):
            if data.get("source"):
                verified_copy(data["source"], dest, data["fingerprint"])
            return start(dest if data.get("source") else ensure_variant(seed, home))

    settings = Settings(learner=job["learner"], home=home, data_dir=None if seed is not None else dest, seed=seed)
    return TraineeContext(settings)


#: What the grader says of the answers it skipped, by where they come from (the trainee's lab or the graded run).
UNREADABLE = {"lab": N_("answer {n} in your progress log could not be read, so it was skipped"),
              "run": N_("answer {n} in the graded run of your notebook could not be read, so it was skipped")}
DAMAGED = {"lab": N_("answer {n} ({exercise}) in your progress log is damaged, so it was skipped"),
           "run": N_("answer {n} ({exercise}) in the graded run of your notebook is damaged, so it was skipped")}
CAPPED = {"lab": N_("{exercise}: only the first {most} different answers in your progress log were checked "
                    "({n} more skipped)"),
          "run": N_("{exercise}: only the first {most} different answers in the graded run of your notebook were "
                    "checked ({n} more skipped)")}


def _answers(path: str | None, exercises: list[str], ctx, limit: float, origin: str) -> tuple[list[dict], list[str]]:
    """One outcome per answer logged in the progress log at ``path`` for one of ``exercises``, in the log's order."""
    from ..errors import WorkbenchError
    from ..exercises.check import run_check
    from ..exercises.registry import get

    path = Path(path) if path else None
    if path is None or not path.is_file():
        return [], []
    wanted, done, seen, skipped, problems, out = set(exercises), {}, {}, {}, [], []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, text in enumerate(fh, start=1):
            try:
                if len(text) > MAX_BYTES + 1000:
                    raise ValueError("too large")
                record = json.loads(text)
                exercise = record["exercise"]
                if not isinstance(exercise, str):
                    raise ValueError("no exercise id")
            except (ValueError, KeyError, TypeError):
                problems.append(_(UNREADABLE[origin]).format(n=number))
                continue
            if exercise not in wanted:
                continue
            shown = record.get("points")
            noted = {"notebook_points": shown if isinstance(shown, (int, float)) else None, "origin": origin}
            if "answer" not in record:
                out.append({"exercise": exercise, "unsupported": str(record.get("unsupported", "")), **noted})
                continue
            key = (exercise, json.dumps(record["answer"], sort_keys=True))
            if key not in done:
                if seen.get(exercise, 0) >= MAX_DISTINCT:
                    skipped[exercise] = skipped.get(exercise, 0) + 1
                    continue
                seen[exercise] = seen.get(exercise, 0) + 1
                try:
                    item = get(exercise)
                    answer = decode(record["answer"])
                    done[key] = _outcome(exercise, _limited(partial(run_check, item, answer, ctx), limit), answer)
                except CheckTimeout:
                    done[key] = _timed_out(exercise, item.max_points, limit)
                except (WorkbenchError, ValueError, KeyError, TypeError, AttributeError):
                    problems.append(_(DAMAGED[origin]).format(n=number, exercise=exercise))
                    continue
            out.append({**done[key], **noted})
    problems += [_(CAPPED[origin]).format(exercise=e, most=MAX_DISTINCT, n=n) for e, n in skipped.items()]
    return out, problems


def _practice(job: dict, ctx, limit: float) -> list[dict]:
    """One outcome per practice CRM task of ``job["practice"]``, read from the handed-in database."""
    from .. import practice
    from ..errors import WorkbenchError
    from ..practice import tasks
    spec, settings = job["practice"], ctx.settings
    ids = list(spec["tasks"])
    try:
        verified_copy(spec["folder"], settings.practice_folder, spec["fingerprint"])
        db = practice.open(trainee=settings.learner, path=settings.practice_database)
    except WorkbenchError as err:
        return [{"exercise": e, "error": _("the practice CRM handed in could not be opened: {error}").format(error=err)}
                for e in ids]
    except Exception as err:  # noqa: BLE001 - a damaged SQLite file raises sqlite3 errors of many kinds
        return [{"exercise": e, "error": _("the practice CRM handed in is damaged ({error})").format(
            error=f"{type(err).__name__}: {err}")} for e in ids]
    reference = practice.sandbox(ctx.data, trainee=f"{settings.learner}-reference")

    def subject(database, exercise):
        try:
            return tasks.params(database, exercise)
        except WorkbenchError:
            return None

    out = []
    with db:
        for exercise in ids:
            expected = subject(reference, exercise)  # the task as it was set on this trainee's own data
            if expected is None:
                out.append({"exercise": exercise, "error": _("the trainee's data has nothing to do this task on")})
            elif subject(db, exercise) != expected:  # someone else's practice CRM, or one opened on other data
                most = float(_practice_exercise(exercise).max_points)
                out.append({"exercise": exercise, "points": 0.0, "max_points": most,
                            "message": _("This practice CRM was not built from your own data: its task is not the "
                                         "one you were set."),
                            "hint": _("Open your own practice CRM from your copy of the lesson "
                                      "(practice.open(data=data)) and do the task there."),
                            "note": _("the practice CRM handed in was not built from this trainee's own data")})
            else:
                out.append(recheck_practice_task(db, exercise, ctx, limit))
    return out


def recheck_practice_task(db, exercise: str, ctx, limit: float) -> dict:
    """The grader's check of the practice CRM task ``exercise`` in the handed-in database ``db``.

    The task's exercise in the registry (``crm.practice.<task>``) marks the database, as every
    other answer is marked: one grading path.
    """
    checked = _practice_exercise(exercise)
    try:
        return _outcome(exercise, _limited(lambda: checked.mark(db, ctx), limit))
    except CheckTimeout:
        return _timed_out(exercise, checked.max_points, limit)
    except Exception as err:  # noqa: BLE001 - a database edited by hand can break a check: report, never stop
        return {"exercise": exercise,
                "error": _("the check could not read the practice CRM ({error})").format(
                    error=f"{type(err).__name__}: {err}")}


def _practice_exercise(task: str):
    """The registered exercise that checks practice task ``task`` (a task id or its exercise id)."""
    from ..exercises.registry import get
    from ..practice.tasks import exercise_id

    return get(exercise_id(task))


def recheck(job: dict) -> dict:
    """Everything the grader needs from one notebook's re-check (see the module docstring).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> said = {"exercise": "superusers.formats.match-format", "answer": "e-learning", "points": 0}
    >>> _ = (folder / "amina.jsonl").write_text(json.dumps(said) + "\\n")
    >>> job = {"learner": "amina", "exercises": ["superusers.formats.match-format"],
    ...        "run": str(folder / "amina.jsonl"), "data": {"source": None, "fingerprint": "", "seed": 7}}
    >>> [(a["points"], a["notebook_points"]) for a in recheck(job)["attempts"]]  # the notebook had said 0
    [(1.0, 0)]
    """
    from ..i18n.language import use_language
    from .submissions import trainee_language

    limit = float(job.get("check_timeout", 30))
    out = {"attempts": [], "practice": [], "problems": []}
    with tempfile.TemporaryDirectory(prefix="workbench-recheck-") as private, \
            use_language(trainee_language(job.get("language"))):  # the checks speak the trainee's language
        ctx = _context(job, Path(private) / "home")
        for origin in ("lab", "run"):  # the lab's attempts came first, the graded run is the last
            attempts, problems = _answers(job.get(origin), job["exercises"], ctx, limit, origin)
            out["attempts"] += attempts
            out["problems"] += problems
        if job.get("practice"):
            out["practice"] = _practice(job, ctx, limit)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", type=Path)
    parser.add_argument("result", type=Path)
    args = parser.parse_args(argv)
    try:
        result = recheck(json.loads(args.job.read_text(encoding="utf-8")))
    except Exception as err:  # noqa: BLE001 - the grader reports it for this notebook and goes on
        result = {"failed": f"{type(err).__name__}: {err}"}
    args.result.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
