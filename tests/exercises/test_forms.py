"""Answers in the trainee's language: numbers typed with a decimal comma or another script's digits and
separators, ambiguous numbers explained, and choice answers typed as their translated labels."""

from __future__ import annotations

import pytest

from workbench.exercises import Context, check, get
from workbench.exercises.check import run_check
from workbench.exercises.forms import Choice, MultiChoice, Number, option_key
from workbench.i18n.language import use_language
from workbench.i18n.messages import translations


@pytest.mark.parametrize(("lang", "typed", "expected"), [
    ("en", "12,5", 12.5), ("en", "12.5", 12.5), ("en", "1,250", 1250), ("en", "1,234.5", 1234.5),
    ("fr", "12,5", 12.5), ("fr", "12.5", 12.5), ("fr", "1,250", 1.25), ("fr", "1 250,5", 1250.5),
    ("fr", "1\u202f250,5", 1250.5), ("fr", "1.234,5", 1234.5),
    ("ar", "١٢٫٥", 12.5), ("ar", "12٫5", 12.5), ("ar", "12,5", 12.5), ("ar", "١٬٢٥٠", 1250),
    ("fa", "۱۲٫۵", 12.5), ("fa", "12.5", 12.5), ("fa", "۱۲,۵", 12.5), ("fa", "۱٬۲۵۰", 1250),
    ("bn", "১২.৫", 12.5), ("bn", "১২,৫", 12.5), ("bn", "১,২৩,৪৫৬", 123456), ("bn", "0,250", 0.25),
])
def test_a_number_with_a_decimal_comma_or_point_is_read_in_every_language(lang, typed, expected):
    with use_language(lang):
        assert Number("Rate").stable(typed, None) == expected


def test_a_whole_number_form_gives_an_int_and_text_that_is_no_number_stays_text():
    assert Number("Deals", integer=True).stable("۱۲", None) == 12
    assert Number("Deals").stable("douze", None) == "douze"
    assert Number("Deals").stable(7, None) == 7


def _decimal_exercise():
    ctx = Context()
    exercise = get("crm.pipeline.win-rate")
    return ctx, exercise, exercise.reference(ctx)


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "fa", "bn"])
def test_the_right_number_typed_with_a_decimal_comma_passes_in_every_language(lang):
    ctx, exercise, expected = _decimal_exercise()
    typed = f"{expected:.1f}".replace(".", ",")
    assert typed.count(",") == 1 and len(typed.split(",")[1]) == 1  # one decimal: never a thousands group
    with use_language(lang):
        box = exercise.answer.widget(ctx)
        box.value = typed
        assert check(exercise.id, exercise.answer.read(box), ctx=ctx, record=False).passed
        assert check(exercise.id, typed, ctx=ctx, record=False).passed  # typed in code, or a recorded answer


def test_a_number_that_reads_two_ways_gets_a_clear_message_in_french():
    ctx, exercise, _ = _decimal_exercise()
    with use_language("fr"):
        box = exercise.answer.widget(ctx)
        box.value = "1.250"
        answer = exercise.answer.read(box)
        result = check(exercise.id, answer, ctx=ctx, record=False)
    assert answer == "1.250" and not result.passed
    assert "« 1.250 » se lit de deux façons : 1\u202f250 ou 1,25." in result.message
    assert "tapez 1250 sans séparateur de milliers, ou 1,25 avec la virgule décimale" in result.hints[-1].lower()


def test_a_number_that_reads_two_ways_in_persian_is_explained_in_persian_digits(english_words_left):
    ctx, exercise, _ = _decimal_exercise()
    with use_language("fa"):
        result = check(exercise.id, "1,250", ctx=ctx, record=False)
    assert "را می‌توان دو جور خواند: ۱٬۲۵۰ یا ۱٫۲۵" in result.message
    assert "۱۲۵۰" in result.hints[-1]
    assert english_words_left(result.text(), "1,250") == []


def test_in_english_one_thousand_two_hundred_and_fifty_is_not_ambiguous():
    ctx, exercise, _ = _decimal_exercise()
    with use_language("en"):
        result = check(exercise.id, "1,250", ctx=ctx, record=False)
    assert result.message == "1250.0 is not the win rate."


@pytest.mark.parametrize("lang", ["fr", "ar", "fa", "bn"])
def test_a_choice_typed_as_its_translated_label_is_marked_on_its_key(lang):
    label = translations(lang).gettext("Network track")
    assert label != "Network track"
    with use_language(lang):
        assert check("start.tour.pick-a-track", f"  {label.upper()} ", record=False).passed
        assert not check("start.tour.pick-a-track", translations(lang).gettext("CRM track"), record=False).passed


def test_a_recorded_label_is_marked_again_by_a_grader_who_speaks_another_language():
    exercise, ctx = get("start.tour.pick-a-track"), Context()
    recorded = translations("bn").gettext("Network track")
    with use_language("en"):  # the grader's own language
        assert run_check(exercise, recorded, ctx).passed
    with use_language("ar"):
        assert run_check(exercise, recorded, ctx).passed


def test_ticked_options_typed_as_arabic_labels_are_marked_on_their_keys():
    exercise, ctx = get("crm.intro.what-a-crm-records"), Context()
    right = exercise.reference(ctx)
    with use_language("ar"):
        labels = [translations("ar").gettext(option) for option in right]
        assert run_check(exercise, labels, ctx).passed


def test_an_unknown_option_is_left_as_typed_and_named_in_the_message():
    assert option_key(["network", "relational"], "star", None) == "star"
    assert Choice(["network"]).stable(3, None) == 3
    assert MultiChoice(["a", "b"]).stable("not a list", None) == "not a list"
    with use_language("fr"):
        result = check("start.tour.pick-a-track", "Parcours inconnu", record=False)
    assert not result.passed and "Parcours inconnu" in result.message
