"""Every check's words go through the catalogue: under a pseudo catalogue whose every entry is marked
⟦…⟧, a check's message and hints for its reference answer, each declared mistake and a stray answer hold
no English outside the marks (names, ids and numbers from the data aside)."""

from __future__ import annotations

from workbench.exercises import Context, all_exercises, check
from workbench.i18n.language import use_language


def _answers(exercise, ctx):
    answers = []
    for make in [exercise.reference, *(mistake.make for mistake in exercise.wrong)]:
        try:
            answers.append(make(ctx))
        except Exception:  # noqa: BLE001 - an answer this data cannot make: nothing to say with it
            continue
    return [*answers, "zz"]


def test_no_check_says_english_outside_the_catalogue(pseudo_messages, english_outside_marks):
    ctx = Context()
    with use_language("fr"):
        assert check("start.tour.pick-a-track", "CRM track", ctx=ctx, record=False).message.startswith("⟦")
    found = {}
    for exercise in all_exercises():
        if exercise.id.startswith("test."):
            continue
        for answer in _answers(exercise, ctx):
            with use_language("fr"):
                result = check(exercise.id, answer, ctx=ctx, record=False)
                said = " | ".join([result.message, *result.hints])
            left = english_outside_marks(said)
            if left:
                found.setdefault(exercise.id, set()).update(left)
    assert found == {}
