"""Digits in and out: numbers typed in Persian, Arabic-Indic or Bengali digits are read, and written per language."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.exercises import Context, check, get
from workbench.exercises.marking import as_number
from workbench.i18n.language import use_language
from workbench.i18n.numbers import format_date, format_number, read_number


@pytest.mark.parametrize("typed", ["1250", "۱۲۵۰", "١٢٥٠", "১২৫০", "۱٬۲۵۰", "1,250", " ১,২৫০ "])
def test_every_digit_set_reads_as_the_same_number(typed):
    assert read_number(typed, "en") == 1250 and as_number(typed) == 1250


def test_the_language_s_decimal_separator_is_read():
    assert read_number("12٫5", "fa") == read_number("12,5", "fr") == read_number("1 234,5", "fr") - 1222 == 12.5
    assert read_number("١٢٫٥", "ar") == 12.5
    with pytest.raises(ValueError):
        read_number("douze", "fr")


def test_numbers_and_dates_are_written_as_each_language_writes_them():
    assert format_number(1234.5, "fa") == "۱٬۲۳۴٫۵"
    assert format_number(1234.5, "bn") == "১,২৩৪.৫"
    assert format_number(1234.5, "ar") == "1,234.5"  # Latin digits, as business writes from the Maghreb to the Gulf
    assert format_number(1234.5, "fr") == "1\u202f234,5"
    assert format_date(dt.date(2026, 3, 5), "bn", format="short").startswith("৫")


def test_a_number_form_reads_persian_digits_and_the_check_passes():
    ctx = Context()
    exercise = get("crm.intro.count-contacts")
    box = exercise.answer.widget(ctx)
    persian = str(len(ctx.data.contacts)).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    box.value = persian
    with use_language("fa"):
        result = check(exercise.id, exercise.answer.read(box), ctx=ctx, record=False)
    assert result.passed, result.text()
    box.value = ""
    assert exercise.answer.read(box) is None  # an untouched box is no answer yet, not 0
