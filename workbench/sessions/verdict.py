"""The one place that decides a grade: the evidence for a (trainee, exercise), a policy, a row.

The grader first gathers the :class:`Evidence` for each exercise a trainee should
have answered: the attempts it checked again itself (from the trainee's own lab and
from the graded run, in order), the practice CRM task it checked in the database
handed in, and what the trainee reports without the grader being able to check it
(a notebook's own points for an answer that could not be written down, a progress
log's points with no answer).  :func:`decide` then turns the evidence into the row
of ``grades.csv``, by the superuser's :class:`Policy`:

- only points the grader computed count; self-reported points are shown apart
  (``self_reported``) and score 0 unless ``trust_self_reported``;
- of the attempts the grader checked, the ``first`` (default), ``best`` or ``last``
  scores, among the first ``max_attempts`` (all when ``None``); first-attempt and
  best-attempt points and the number of attempts are always shown;
- an open answer (a text a trainer marks) is ``to mark``: its last handed-in text goes
  to the marking sheet (:mod:`workbench.sessions.marking_sheet`) and the trainer's marks
  replace the row (:mod:`workbench.sessions.marks`).

>>> tries = [{"points": 0.0, "max_points": 1.0, "hint": "Count again.", "message": "No."},
...          {"points": 1.0, "max_points": 1.0, "hint": None, "message": "Yes."}]
>>> row = decide(Evidence("a.b.c", 1.0, attempts=tries), Policy())
>>> row["points"], row["first_points"], row["best_points"], row["attempts"], row["status"]
(0.0, 0.0, 1.0, 2, 'failed')
>>> decide(Evidence("a.b.c", 1.0, attempts=tries), Policy(score="best"))["points"]
1.0
>>> claimed = Evidence("a.b.c", 1.0, logged=[{"points": 99}])
>>> [decide(claimed, p)["points"] for p in (Policy(), Policy(trust_self_reported=True))]
[0.0, 1.0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..i18n import LANGUAGES
from ..i18n.messages import N_, _, joined, translations

#: The hint a blank stub gets (workbench.exercises.check), in any of the languages a trainee may use.
BLANK_HINT = N_("Replace the ... (or None) with your answer, or use the form, then check again.")
SCORES = ("first", "best", "last")
#: Where a grade comes from (English message ids, translated where shown); the grader computes all but the :data:`SELF_REPORTED` ones.
SOURCES = {"grader": N_("checked again by the grader on your own data"),
           "practice CRM": N_("checked by the grader in the practice CRM you handed in"),
           "notebook": N_("your notebook's own check (this answer could not be checked again)"),
           "progress log": N_("your own progress log (points with no answer, not checked again)"),
           "trainer": N_("marked by your trainer against the exercise's rubric")}
TO_MARK = "to mark"  # the status of an open answer handed in, until the trainer marks it
HANDED_IN = N_("Handed in: waiting for your trainer's mark.")
SELF_REPORTED = ("notebook", "progress log")  # the sources the grader did not check again
HINTS = {
    "missing": N_("The cell for this exercise is gone (deleted, or its id was edited). "
               "Copy it back from a fresh copy of the lesson."),
    "error": N_("Your cell stopped with an error before the check ran. Run the cells above it first, "
             "then fix the line the error names."),
    "timeout": N_("This cell never finished (an endless loop?). Make sure every loop ends."),
    "input": N_("A graded notebook cannot wait for typed input: put the value in the code instead of input()."),
    "not run": N_("The notebook stopped before this cell (time limit or crash); fix the problem named."),
    "kernel died": N_("Python crashed while running your notebook; fix the problem named."),
    "unreadable": N_("The file is no longer a valid notebook. Open your last checkpoint "
                  "(File > Revert) or copy your answers into a fresh copy."),
    "not attempted": N_("The check for this exercise never ran: answer it and press Check (or run its cell)."),
    "not checked": N_("The grader could not check this exercise (the reason says why): ask your trainer."),
    "no submission": N_("No notebook for this lesson was handed in."),
}


def exercise_status(points: float, max_points: float, hint: str | None) -> str:
    """``passed``, ``partial``, ``not answered`` (the blank stub) or ``failed``.

    >>> exercise_status(2, 2, None)
    'passed'
    >>> exercise_status(0, 1, "Replace the ... (or None) with your answer, or use the form, then check again.")
    'not answered'
    """
    if points >= max_points:
        return "passed"
    if points > 0:
        return "partial"
    if isinstance(hint, str) and hint in {translations(lang).gettext(BLANK_HINT) for lang in LANGUAGES}:
        return "not answered"
    return "failed"


def clamp(value, max_points: float) -> float:
    """A number some untrusted record gives, as points between 0 and ``max_points`` (0 when not a number).

    >>> clamp("99", 2), clamp(-3, 2), clamp("many", 2)
    (2.0, 0.0, 0.0)
    """
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return min(max(number, 0.0), float(max_points)) if math.isfinite(number) else 0.0


@dataclass(frozen=True)
class Policy:
    """How the superuser scores: which attempt counts, how many may, and whether self-reports count."""

    score: str = "first"
    max_attempts: int | None = None
    trust_self_reported: bool = False


@dataclass
class Evidence:
    """Everything known about one (trainee, exercise) before anything is decided."""

    exercise: str
    max_points: float
    attempts: list[dict] = field(default_factory=list)  # checked again by the grader, in the order they were made
    unchecked: list[dict] = field(default_factory=list)  # answers not written down: the notebook's own points
    logged: list[dict] = field(default_factory=list)  # progress-log records without an answer: their points
    practice: dict | None = None  # the practice CRM task, checked in the database handed in
    failed: str = ""  # the grader's own re-check failed, and why
    unanswered: tuple[str, str] = ("not attempted", "")  # status and reason when nothing answered it


def decide(evidence: Evidence, policy: Policy) -> dict:
    """The grade of one exercise: points, status, hint, message, reason, source and attempt figures."""
    ev, most = evidence, evidence.max_points
    claims = [(a.get("notebook_points"), "notebook", a.get("unsupported")) for a in ev.unchecked] + \
             [(r.get("points"), "progress log", None) for r in ev.logged]
    if ev.practice is not None:
        return _practice(ev.practice, most)
    if any(a.get("to_mark") for a in ev.attempts):
        return _handed_in(ev.attempts)
    if ev.attempts:  # what the trainee reported besides is still shown, apart
        return {**_attempts(ev.attempts, policy), "self_reported": max((clamp(c[0], most) for c in claims), default=0.0)}
    if claims:
        return _self_reported(claims, most, policy)
    if ev.failed:
        return _row(0.0, most, "not checked", HINTS["not checked"], reason=_("the grader's check failed: {why}").format(why=ev.failed))
    status, reason = ev.unanswered
    return _row(0.0, most, status, HINTS.get(status, ""), reason=reason)


def _row(points: float, most: float, status: str, hint: str, *, message: str = "", reason: str = "",
         source: str = "", attempts: int = 0, first: float = 0.0, best: float = 0.0, claimed: float = 0.0) -> dict:
    return {"points": points, "max_points": most, "status": status, "hint": hint or "", "message": message or "",
            "reason": reason, "source": source, "attempts": attempts, "first_points": first, "best_points": best,
            "self_reported": claimed}


def _practice(found: dict, most: float) -> dict:
    if "error" in found:
        return _row(0.0, most, "not checked", HINTS["not checked"], reason=found["error"], source="practice CRM")
    points, most = found["points"], found["max_points"]
    return _row(points, most, exercise_status(points, most, found["hint"]), found["hint"], message=found["message"],
                reason=found.get("note", ""), source="practice CRM", attempts=1, first=points, best=points)


def _attempts(attempts: list[dict], policy: Policy) -> dict:
    counted = attempts[:policy.max_attempts] if policy.max_attempts else attempts
    chosen = {"first": counted[0], "last": counted[-1],
              "best": max(counted, key=lambda a: a["points"])}[policy.score]
    disagreeing = [(n, _disagreement(a)) for n, a in enumerate(counted, start=1) if _disagreement(a)]
    reasons = [_("attempt {n}: {why}").format(n=n, why=why) if len(counted) > 1 else why
               for n, why in disagreeing[:1]]
    if len(counted) < len(attempts):
        reasons.append(_("only the first {n} of {total} attempts count").format(n=len(counted), total=len(attempts)))
    if policy.score != "best" and max(a["points"] for a in counted) > chosen["points"]:
        reasons.append(_("the first attempt counts; a later answer got more points") if policy.score == "first"
                       else _("the last attempt counts; another answer got more points"))
    return _row(chosen["points"], chosen["max_points"],
                exercise_status(chosen["points"], chosen["max_points"], chosen["hint"]), chosen["hint"],
                message=chosen["message"], reason=joined(r for r in reasons if r), source="grader",
                attempts=len(attempts), first=counted[0]["points"], best=max(a["points"] for a in counted))


def _handed_in(attempts: list[dict]) -> dict:
    """An open answer: the last text handed in waits for the trainer's mark, whatever the scoring policy
    (a trainer marks what the trainee finally wrote); the text travels with the row for the marking sheet."""
    last = [a for a in attempts if a.get("to_mark")][-1]
    return {**_row(0.0, last["max_points"], TO_MARK, "", message=HANDED_IN,
                   source="grader", attempts=len(attempts)), "text": last.get("text", "")}


def _self_reported(claims: list[tuple], most: float, policy: Policy) -> dict:
    points, source, why = max(claims, key=lambda c: clamp(c[0], most))
    claimed = clamp(points, most)
    scored = claimed if policy.trust_self_reported else 0.0
    reason = (_("not checked again: {why}").format(why=why) if source == "notebook" and why
              else _("not checked again: an answer of an unknown kind") if source == "notebook"
              else _("points in your progress log with no answer the grader could check"))
    if not policy.trust_self_reported:
        reason = _("{reason}; self-reported {claimed:g}/{most:g} scores 0 (the superuser did not choose to trust "
                   "it)").format(reason=reason, claimed=claimed, most=most)
    hint = "" if scored >= most else (N_("Give the answer as a number, a text, a list or a table so the grader can "
                                         "check it.") if source == "notebook" else N_("Answer it again and press Check."))
    return _row(scored, most, exercise_status(scored, most, None), hint, reason=reason, source=source,
                attempts=len(claims), claimed=claimed)


def _disagreement(attempt: dict) -> str:
    """Why the grader's points differ from what the trainee's notebook showed, if they do."""
    shown = attempt.get("notebook_points")
    if shown is None or math.isclose(float(shown), attempt["points"]):
        return ""
    return _("your notebook showed {shown:g}/{most:g} for this answer; checked again on your own data it gets "
             "{points:g}: the notebook used other data, or changed the check").format(
        shown=float(shown), most=attempt["max_points"], points=attempt["points"])
