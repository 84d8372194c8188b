"""Hints point the way without giving it away: no hint of any registered exercise holds the expected
answer (as the trainee would type it) or a piece of code.

The hints looked at are those a trainee can meet: the check's hint for the blank answer and for each
plausible wrong answer its author declared, and the hint of every declared mistake (all run through the
same ``check`` the Check button calls, as tests/exercises/test_checks.py does)."""

import numbers
import re

import pytest

from workbench.exercises import all_exercises, check
from workbench.exercises.check import Context

EXERCISES = all_exercises()

CODE = {
    "a snake_case name": re.compile(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9]\b"),
    "'df.'": re.compile(r"\bdf\."),
    "'wb.'": re.compile(r"\bwb\."),
    "a call '()'": re.compile(r"\(\)"),
    "a backtick": re.compile(r"`"),
}


@pytest.fixture(scope="module")
def ctx():
    return Context()


def hints_met(ex, ctx) -> list[str]:
    """Every hint step a trainee of ``ex`` can read: for the blank answer and each declared mistake."""
    answers = [..., *(mistake.make(ctx) for mistake in ex.wrong)]
    return [step for answer in answers for step in check(ex.id, answer, ctx=ctx, record=False).hints]


def typed(reference) -> list[str]:
    """The expected answer as a trainee would type or pick it: a number, a choice label, ticked labels.

    >>> typed(1234), typed(0.25), typed("Qualify the lead"), typed(["email", "phone"]), typed(True)
    (['1,234', '1234'], ['0.25'], ['Qualify the lead'], ['email', 'phone'], [])
    """
    if isinstance(reference, bool):
        return []
    if isinstance(reference, numbers.Real):
        if float(reference).is_integer():
            return sorted({f"{int(reference)}", f"{int(reference):,}"})
        return sorted({f"{reference:g}", f"{round(reference, 2):g}"})
    if isinstance(reference, str):
        return [reference]
    if isinstance(reference, (list, tuple, set, frozenset)) and all(isinstance(x, str) for x in reference):
        return sorted(reference)
    return []


def gives_away(hint: str, answer: str) -> bool:
    """Whether ``hint`` holds ``answer`` as a whole number or whole words (not inside a longer one).

    >>> gives_away("Count the 12 rows.", "12"), gives_away("Count the 120 rows.", "12"), gives_away("1.5 is it", "1")
    (True, False, False)
    >>> gives_away("Pick the lead stage.", "Lead"), gives_away("Pick a leader.", "lead")
    (True, False)
    """
    return re.search(rf"(?<![\w.,]){re.escape(answer)}(?![\w]|[.,]\d)", hint, flags=re.IGNORECASE) is not None


def code_in(hint: str) -> list[str]:
    """What in ``hint`` reads as code.

    >>> code_in("Use df.groupby() on the deal_stage column."), code_in("Look at the stage column.")
    (['a snake_case name', "'df.'", "a call '()'"], [])
    """
    return [what for what, pattern in CODE.items() if pattern.search(hint)]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_no_hint_gives_the_answer_or_names_code(ex, ctx):
    answers = typed(ex.reference(ctx))
    offences = [f"{hint!r} holds the answer {answer!r}" for hint in hints_met(ex, ctx) for answer in answers
                if gives_away(hint, answer)]
    offences += [f"{hint!r} holds {what}" for hint in hints_met(ex, ctx) for what in code_in(hint)]
    assert not offences, f"{ex.id}: " + "; ".join(dict.fromkeys(offences))
