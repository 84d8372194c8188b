"""Hints point the way without giving it away: no hint of any registered exercise holds the expected
answer (as the trainee would type it) or a piece of code, and every wrong answer's hint comes in two
steps (where to look, then how).

The hints looked at are those a trainee can meet: the check's hint for the blank answer and for each
plausible wrong answer its author declared, and the hint of every declared mistake (all run through the
same ``check`` the Check button calls, as tests/exercises/test_checks.py does). The hints a check body writes for
answers no author declared are read from the source of the checks: each must be given as a pair."""

import ast
import numbers
import re
from pathlib import Path

import pytest

from workbench.exercises import all_exercises, check
from workbench.exercises.check import Context

EXERCISES = [ex for ex in all_exercises() if ex.check.__module__.startswith("workbench.exercises.checks")]  # the course's, not a test's own
CHECKS = Path(__file__).resolve().parents[2] / "workbench" / "exercises" / "checks"

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


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_every_declared_mistake_gets_a_hint_in_two_steps(ex, ctx):
    """The blank answer's hint is the engine's own (replace the stub); every other wrong answer gets two steps."""
    one_step = [(mistake.make(ctx), result.hints) for mistake in ex.wrong
                if not (result := check(ex.id, mistake.make(ctx), ctx=ctx, record=False)).passed
                and len(result.hints) != 2]
    assert not one_step, f"{ex.id}: hints not in two steps (where to look, how): {one_step}"


def one_text(node) -> bool:
    """Whether ``node``, a hint in a check's source, is a single text rather than the pair (where, how).

    >>> one_text(ast.parse('_("Count the rows.")').body[0].value), one_text(ast.parse('"a" + b').body[0].value)
    (True, True)
    >>> one_text(ast.parse('(_("Look at the table."), _("Count its rows."))').body[0].value)
    False
    """
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp | ast.JoinedStr):
        return True
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "_":
            return True
        return isinstance(node.func, ast.Attribute) and node.func.attr == "format" and one_text(node.func.value)
    return False


def hints_written(tree) -> list:
    """The hints a check module writes: of ``Result.wrong``/``Result(...)``, ``Mistake``, a ``hint=``
    argument, ``for_ticks``'s ``extra``/``missed`` and an ``otherwise=`` pair (message, hint)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        keywords = {k.arg: k.value for k in node.keywords}
        position = {"wrong": 2, "Mistake": 2, "Result": 3}.get(name)
        if position is not None and len(node.args) > position:
            found.append(node.args[position])
        found += [keywords["hint"]] if "hint" in keywords else []
        found += [pair.elts[1] for key in ("extra", "missed", "otherwise")
                  if isinstance(pair := keywords.get(key), ast.Tuple) and len(pair.elts) == 2]
    return found


@pytest.mark.parametrize("module", sorted(CHECKS.rglob("*.py")), ids=lambda p: str(p.relative_to(CHECKS)))
def test_every_hint_a_check_writes_has_two_steps(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    one_step = [f"line {hint.lineno}: {ast.unparse(hint)[:80]}" for hint in hints_written(tree) if one_text(hint)]
    assert not one_step, (f"{module.name}: give these hints as the pair (where to look, how): "
                          + "; ".join(one_step))
