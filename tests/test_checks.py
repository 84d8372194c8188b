"""Every registered exercise, three ways: the reference passes, the blank stub fails, each
plausible mistake fails with the hint its author promised. No check may raise at a trainee."""

import time

import pytest

from workbench.exercises import all_exercises, check
from workbench.exercises.check import Context

EXERCISES = all_exercises()


@pytest.fixture(scope="module")
def ctx():
    return Context()


def test_there_are_exercises():
    assert len(EXERCISES) >= 5


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_reference_solution_passes(ex, ctx):
    result = check(ex.id, ex.reference(ctx), ctx=ctx, record=False)
    assert result.passed, result.text()


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_blank_stub_fails_with_a_hint(ex, ctx):
    result = check(ex.id, ..., ctx=ctx, record=False)
    assert not result.passed and result.points == 0
    assert result.hint


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_plausible_wrong_answers_get_the_right_hint(ex, ctx):
    for make_wrong, words in ex.wrong:
        result = check(ex.id, make_wrong(ctx), ctx=ctx, record=False)
        assert not result.passed, f"{ex.id} accepted a wrong answer: {result.text()}"
        assert words.lower() in (result.hint or "").lower(), f"{ex.id}: hint lacks {words!r}: {result.text()}"


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
