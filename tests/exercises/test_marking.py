"""Reading a typed number when marking: the decimal comma everywhere, a number that reads two ways refused clearly."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.exercises.marking import as_number, close
from workbench.i18n.language import use_language


def test_a_decimal_comma_is_a_decimal_in_every_language():
    for lang in ("en", "fr", "ar", "fa", "bn"):
        with use_language(lang):
            assert as_number("12,5") == 12.5 and close("49,9", 49.9, tolerance=0.01)


def test_a_number_that_reads_two_ways_names_both_readings_in_the_language():
    with use_language("fr"), pytest.raises(InputError) as raised:
        as_number("2.500")
    assert raised.value.what == "« 2.500 » se lit de deux façons : 2\u202f500 ou 2,5."
    with use_language("fa"), pytest.raises(InputError) as raised:
        as_number("2,500")
    assert "۲٬۵۰۰" in raised.value.what and "۲٫۵" in raised.value.what


def test_text_that_is_no_number_is_still_refused():
    with pytest.raises(InputError):
        as_number("douze")
