"""Whole sentences in the trainee's language across the checks: a verdict, a measure's name, a stage, an
option or a list is said inside the translated sentence, never an English fragment inserted into it; the
assessments' tables show translated headings and values while the checks read the English ones."""

from __future__ import annotations

import importlib

import pytest

from workbench.exercises import Context, check, get
from workbench.i18n.language import use_language


@pytest.fixture(scope="module")
def ctx():
    return Context()


def _reference(id, ctx, lang):
    with use_language(lang):
        return check(id, get(id).reference(ctx), ctx=ctx, record=False)


def test_the_a_b_verdict_is_a_whole_arabic_sentence(ctx, english_words_left):
    result = _reference("crm.campaigns.ab-verdict", ctx, "ar")
    assert result.passed and result.message.startswith("صحيح: النسخة ")
    assert english_words_left(result.message) == []


def test_the_lift_verdict_is_a_whole_french_sentence(ctx):
    result = _reference("crm.project.lift", ctx, "fr")
    assert result.passed and "Les deux produits" in result.message and "chance" not in result.message


@pytest.mark.parametrize("id", ["network.connectors.top-connector", "network.connectors.most-between"])
def test_a_connector_s_measure_is_named_in_bengali(ctx, english_words_left, id):
    result = _reference(id, ctx, "bn")
    best = get(id).reference(ctx)
    assert result.passed and english_words_left(result.message, best) == []


def test_a_board_move_names_the_won_stage_in_french(ctx):
    result = _reference("crm.pipeline.board-move", ctx, "fr")
    assert result.passed and "est à l'étape Gagnée." in result.message and "Closed Won" not in result.message


def test_a_wrong_track_is_named_in_its_arabic_label(ctx, english_words_left):
    with use_language("ar"):
        wrong = check("start.tour.pick-a-track", "CRM track", ctx=ctx, record=False)
        unknown = check("start.tour.pick-a-track", "Some track", ctx=ctx, record=False)
    assert english_words_left(wrong.text()) == []
    assert english_words_left(unknown.hints[-1]) == [] and "،" in unknown.hints[-1]


def test_an_option_named_in_a_wrong_answer_is_translated(ctx):
    from workbench.i18n.messages import translations

    with use_language("ar"):
        result = check("crm.segments.win-back", "Champions", ctx=ctx, record=False)
    assert not result.passed and translations("ar").gettext("Champions") in result.message


@pytest.mark.parametrize(("track", "heading", "value"), [
    ("crm", "Étape", "Gagnée"), ("network", "Lien", "oui"), ("superusers", "Canal préféré", "e-mail"),
    ("editorial", "Jour de la semaine", "lundi")])
def test_an_assessment_table_is_shown_in_french_and_checked_in_english(ctx, track, heading, value):
    module = importlib.import_module(f"workbench.exercises.checks.{track}.assessment")
    with use_language("fr"):
        shown = module.explorer(ctx.data).table
    assert heading in shown.columns
    assert value in set(shown.astype(str).to_numpy().ravel()) or track == "crm"  # no deal is won while open
    for id in [i for i in (e.id for e in _exercises(track)) if i.startswith(f"{track}.assessment.")][:3]:
        with use_language("fr"):
            assert check(id, get(id).reference(ctx), ctx=ctx, record=False).passed, id


def _exercises(track):
    from workbench.exercises import all_exercises

    return [e for e in all_exercises() if e.id.startswith(f"{track}.")]
