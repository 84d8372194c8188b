"""Every registered exercise, three ways: the reference passes, the blank stub fails, each
plausible mistake fails with the hint its author promised. No check may raise at a trainee."""

import ast
import time
from pathlib import Path

import pytest

from workbench.exercises import all_exercises, check, checks
from workbench.exercises.check import Context

EXERCISES = all_exercises()


@pytest.fixture(scope="module")
def ctx():
    return Context()


def test_there_are_exercises():
    assert len(EXERCISES) >= 5


CLOSED = [e for e in EXERCISES if not e.is_open]
OPEN = [e for e in EXERCISES if e.is_open]  # texts a trainer marks: handed in, never passed by a check


@pytest.mark.parametrize("ex", CLOSED, ids=lambda e: e.id)
def test_reference_solution_passes(ex, ctx):
    result = check(ex.id, ex.reference(ctx), ctx=ctx, record=False)
    assert result.passed, result.text()


@pytest.mark.parametrize("ex", OPEN, ids=lambda e: e.id)
def test_open_reference_is_handed_in_for_marking_with_its_rubric(ex, ctx):
    result = check(ex.id, ex.reference(ctx), ctx=ctx, record=False)
    assert result.to_mark and not result.passed and result.points == 0, result.text()
    assert result.max_points == ex.open_task.rubric.max_points
    assert all(c.name in result.message for c in ex.open_task.rubric.criteria), result.message
    assert "waiting for a mark" in result.text()


def test_every_track_has_open_exercises():
    assert {e.id.split(".")[0] for e in OPEN} >= {"crm", "network", "editorial", "superusers"}


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_blank_stub_fails_with_a_hint(ex, ctx):
    result = check(ex.id, ..., ctx=ctx, record=False)
    assert not result.passed and not result.to_mark and result.points == 0
    assert result.hint


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_plausible_wrong_answers_get_the_right_hint(ex, ctx):
    """A declared mistake gets its own message and hint; a short-form one, a hint with its words."""
    for mistake in ex.wrong:
        answer = mistake.make(ctx)
        result = check(ex.id, answer, ctx=ctx, record=False)
        assert not result.passed and not result.to_mark, f"{ex.id} accepted a wrong answer: {result.text()}"
        if mistake.known:
            assert result == mistake.recognise(answer, ctx, ex.max_points), f"{ex.id}: {result.text()}"
        else:
            assert mistake.words.lower() in " ".join(result.hints).lower(), \
                f"{ex.id}: hint lacks {mistake.words!r}: {result.text()}"


def _tested_names(fn) -> set[str]:
    """The functions a check body calls in the condition of an ``if``: where a ladder would test for a mistake."""
    tests = [node.test for node in ast.walk(ast.Module(body=fn.body, type_ignores=[])) if isinstance(node, ast.If)]
    return {n.func.id for test in tests for n in ast.walk(test)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}


def test_no_check_body_tests_again_for_a_mistake_it_declares():
    """A mistake declared with its message is recognised by the engine: the body does not make it again."""
    ladders = []
    for path in sorted((Path(checks.__file__).parent).rglob("*.py")):
        for fn in ast.parse(path.read_text(encoding="utf-8")).body:
            for deco in getattr(fn, "decorator_list", []):
                wrong = next((k.value for k in getattr(deco, "keywords", []) if k.arg == "wrong"), None)
                declared = {arg.id for call in ast.walk(wrong) if isinstance(call, ast.Call)
                            and getattr(call.func, "id", "") == "Mistake"
                            for arg in call.args[:1] if isinstance(arg, ast.Name)} if wrong else set()
                ladders += [f"{path.name}: {fn.name} tests for {name}" for name in declared & _tested_names(fn)]
    assert not ladders


@pytest.mark.parametrize("ex", [e for e in EXERCISES if e.answer is not None], ids=lambda e: e.id)
def test_answer_form_builds_and_reads(ex, ctx):
    widget = ex.answer.widget(ctx)
    ex.answer.read(widget)  # an untouched form reads without error


def test_check_answers_fast(ctx):
    """Check feedback must feel instant; measured here, reported, never asserted on time."""
    ex = next(e for e in EXERCISES if e.id == "crm.intro.count-contacts")
    answer = ex.reference(ctx)
    check(ex.id, answer, ctx=ctx)  # warm: data already loaded by the notebook's start()
    started = time.perf_counter()
    for _ in range(5):
        assert check(ex.id, answer, ctx=ctx).passed
    print(f"check feedback: {(time.perf_counter() - started) / 5 * 1000:.1f} ms per check")


def test_declared_mistakes_answer_in_order_and_never_override_a_pass(ctx):
    from workbench.exercises import Exercise, Mistake, Result

    def body(answer, ctx):
        return Result.right(1, "Right.") if answer == 3 else Result.wrong(1, "Not that.", "Count again.")

    def broken(ctx):
        raise ValueError("this mistake cannot be made on this data")

    ex = Exercise(id="t.t.t", title="t", check=body, wrong=(
        Mistake(broken, "never", "never"), Mistake(lambda ctx: 3, "Three is a mistake?", "No."),
        Mistake(lambda ctx: 4, "{answer} counts the header.", "Leave out row {mistake}."),
        Mistake(lambda ctx: 4, "second", "second"), Mistake(lambda ctx: 5, words="five")))
    assert ex.mark(3, ctx).passed  # right on this data: the "mistake" gives way
    assert (ex.mark(4, ctx).message, ex.mark(4, ctx).hint) == ("4 counts the header.", "Leave out row 4.")
    assert ex.mark(5, ctx).message == "Not that."  # a short-form mistake is the body's to recognise
    assert ex.mark("4", ctx).message == "Not that."  # text is not the number 4
