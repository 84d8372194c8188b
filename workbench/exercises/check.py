"""``check(id, answer)``: mark an answer, show a short message, log the attempt.

A check never raises at a trainee: an unknown id, an answer that breaks the
check, or a progress file that cannot be written all become a message.  In
*strict* mode (``WORKBENCH_STRICT=1``, used when the solution notebooks are
run in tests) an answer that is not fully right (nor an open answer handed in
for marking) raises ``AssertionError``.

>>> print(check("crm.nope.x", 3).text())
0/1 · There is no exercise called 'crm.nope.x'. Hint: Copy the id shown above the exercise.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import replace
from functools import cached_property

from ..errors import WorkbenchError
from ..i18n.messages import _
from .result import Result


class Context:
    """What a check may look at besides the answer: the learner's settings and data."""

    def __init__(self, settings=None):
        from .. import settings as settings_module

        self.settings = settings or settings_module.current()

    @cached_property
    def data(self):
        from ..data import active

        return active()


def sentence(text: str) -> str:
    """``text`` with a capital first letter and a final full stop.

    >>> sentence("copy the id")
    'Copy the id.'
    """
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def unwrap(answer):
    """The value behind a widget (``.value``), or the answer itself."""
    module = type(answer).__module__ or ""
    if module.startswith("ipywidgets") and hasattr(answer, "value"):
        return answer.value
    return answer


def is_blank(answer) -> bool:
    """True for the stub a released notebook leaves: ``None`` or ``...``."""
    return answer is None or answer is Ellipsis


def run_check(exercise, answer, ctx) -> Result:
    """Run one exercise's check, turning any failure into a :class:`Result`."""
    answer = unwrap(answer)
    if is_blank(answer):
        return Result.wrong(exercise.max_points, _("No answer yet."),
                            _("Replace the ... (or None) with your answer, or use the form, then check again."))
    # an answer typed as text, read as its form reads it: a number in the trainee's digits and separators,
    # an option typed as its label in any language (see workbench.exercises.forms)
    stable = getattr(exercise.answer, "stable", None)
    try:
        if stable is not None:
            answer = stable(answer, ctx)
        result = exercise.mark(answer, ctx)
    except WorkbenchError as err:
        return Result.wrong(exercise.max_points,
                            _("Your answer could not be checked: {problem}").format(problem=sentence(err.what)),
                            (_("Look at the example above the exercise: it shows the kind of answer expected."),
                             sentence(err.fix or _("give an answer of that kind and check again"))))
    except Exception:  # the trainee's answer broke the check: explain, never a traceback
        logging.getLogger(__name__).debug("check of %s failed on %r", exercise.id, answer, exc_info=True)
        return unusable(exercise, answer, ctx)
    if not isinstance(result, Result):
        raise TypeError(f"check of {exercise.id} returned {type(result).__name__}, not Result")
    return result


def unusable(exercise, answer, ctx) -> Result:
    """What to tell a trainee whose answer broke the check: what the exercise expects, what they gave.

    >>> from workbench.exercises import get
    >>> print(unusable(get("start.tour.pick-a-track"), [1, 2], Context()).text())
    0/1 · Your answer could not be checked: the exercise expects one of the options ('CRM track', ...), and you gave a list of 2 items. Hint: Pick one option in the form; in code, copy one option exactly, in quotes.
    """
    from .forms import describe, expectation

    spec = expectation(exercise, ctx)
    given = describe(answer)
    if spec is None:
        return Result.wrong(exercise.max_points, _("Your answer ({given}) could not be checked.").format(given=given),
                            _("Give the kind of answer the question asks for, as in the example above it."))
    if spec.accepts(answer, ctx):  # the right kind of answer, in a form the check cannot read
        return Result.wrong(exercise.max_points, _("Your answer ({given}) could not be checked.").format(given=given),
                            spec.how(ctx))
    return Result.wrong(exercise.max_points,
                        _("Your answer could not be checked: the exercise expects {expected}, and you gave {given}.")
                        .format(expected=spec.expects(ctx), given=given), spec.how(ctx))


def check(id: str, answer, *, ctx: Context | None = None, record: bool = True) -> Result:
    """Mark ``answer`` for exercise ``id`` and log the attempt in the learner's progress.

    ``answer`` may be a value, a DataFrame, a graph, a figure or a widget.  The attempt is
    logged with the answer itself, written down as data (or why it cannot be), so that a
    grader can check it again on the learner's own data.
    """
    from ..sessions.answers import written_down
    from . import registry
    from .progress import ProgressLog

    started = time.perf_counter()
    ctx = ctx or Context()
    try:
        exercise = registry.get(id)
    except WorkbenchError as err:
        return Result.wrong(1, sentence(err.what), sentence(err.fix or _("copy the id shown above the exercise")))
    given = written_down(unwrap(answer)) if record else {}  # before the check, which may change a table
    result = run_check(exercise, answer, ctx)
    if record:
        try:
            ProgressLog(ctx.settings.progress_file).append({
                "exercise": id, "learner": ctx.settings.learner, "points": result.points,
                "max_points": result.max_points, "passed": result.passed,
                "hint": None if result.passed else result.hint,
                **({"to_mark": True} if result.to_mark else {}),
                "seconds": round(time.perf_counter() - started, 4), **given})
        except OSError as err:
            result = replace(result, message=_("{message} (Progress not saved: {reason}.)").format(
                message=result.message, reason=err.strerror))
    if os.environ.get("WORKBENCH_STRICT") == "1" and not (result.passed or result.to_mark):
        raise AssertionError(f"{id}: {result.text()}")
    return result
