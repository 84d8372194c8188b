"""Numbers and dates as each language writes them, and numbers read back whatever the digits.

Persian is written with Persian digits, Bengali with Bengali digits, Arabic with Latin
digits (business usage from the Maghreb to the Gulf), French with its own separators:

>>> [format_number(1234567.5, lang) for lang in ("en", "fr", "ar", "fa", "bn")]
['1,234,567.5', '1\\u202f234\\u202f567,5', '1,234,567.5', '۱٬۲۳۴٬۵۶۷٫۵', '১২,৩৪,৫৬৭.৫']

A trainee may type any of these digit sets and the locale's decimal separator:

>>> read_number("۱۲٫۵"), read_number("١٢٣"), read_number("১,২৩৪"), read_number("1 234,5", "fr")
(12.5, 123.0, 1234.0, 1234.5)
"""

from __future__ import annotations

import datetime as dt
import numbers
import unicodedata

from .language import choose, current_language

#: The digits each language writes (Latin where absent).
NATIVE_DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹", "bn": "০১২৩৪৫৬৭৮৯"}
#: The numbering system Babel is asked for: the separators that go with the digits.
NUMBERING = {"en": "latn", "fr": "latn", "ar": "latn", "fa": "arabext", "bn": "latn"}
_SPACES = "\u00a0\u202f\u2009 '’"


def _lang(lang: str | None) -> str:
    return choose(lang) if lang else current_language()


def native_digits(text: str, lang: str | None = None) -> str:
    """``text`` with its Latin digits written in ``lang``'s digits.

    >>> native_digits("2026-03-05", "fa"), native_digits("42", "ar")
    ('۲۰۲۶-۰۳-۰۵', '42')
    """
    digits = NATIVE_DIGITS.get(_lang(lang))
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def latin_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (Persian, Arabic-Indic, Bengali...) as a Latin one.

    >>> latin_digits("۱۲۳ ١٢٣ ১২৩")
    '123 123 123'
    """
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def symbols(lang: str | None = None) -> tuple[str, str]:
    """``(decimal separator, group separator)`` of ``lang``.

    >>> symbols("fr"), symbols("fa")
    ((',', '\\u202f'), ('٫', '٬'))
    """
    from babel.numbers import get_decimal_symbol, get_group_symbol

    lang = _lang(lang)
    system = NUMBERING[lang]
    return get_decimal_symbol(lang, numbering_system=system), get_group_symbol(lang, numbering_system=system)


def format_number(value, lang: str | None = None, *, decimals: int | None = None) -> str:
    """``value`` written as ``lang`` writes numbers (``decimals`` fixes the digits after the separator).

    >>> format_number(0.5, "fr", decimals=2), format_number(1250, "fa")
    ('0,50', '۱٬۲۵۰')
    """
    from babel.numbers import format_decimal

    lang = _lang(lang)
    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    text = format_decimal(value, format=pattern, locale=lang, numbering_system=NUMBERING[lang])
    return native_digits(text, lang)


def format_percent(value: float, lang: str | None = None) -> str:
    """A fraction as a percentage in ``lang``.

    >>> format_percent(0.25, "en"), format_percent(0.25, "bn")
    ('25%', '২৫%')
    """
    from babel.numbers import format_percent as babel_percent

    lang = _lang(lang)
    return native_digits(babel_percent(value, locale=lang, numbering_system=NUMBERING[lang]), lang)


def format_date(value: dt.date, lang: str | None = None, *, format: str = "medium") -> str:
    """A date as ``lang`` writes it (``format``: short, medium, long or full).

    >>> format_date(dt.date(2026, 3, 5), "fr"), format_date(dt.date(2026, 3, 5), "fa")
    ('5 mars 2026', '۵ مارس ۲۰۲۶')
    """
    from babel.dates import format_date as babel_date

    lang = _lang(lang)
    return native_digits(babel_date(value, format=format, locale=lang), lang)


def localise(formatted: str, value, lang: str | None = None) -> str:
    """A value Python already formatted (``f"{value:,.1f}"``), in ``lang``'s digits and separators.

    Numbers get the language's separators and digits, dates its digits; anything else is unchanged.

    >>> localise("1,234.5", 1234.5, "fr"), localise("2026-03-05", dt.date(2026, 3, 5), "bn"), localise("C12", "C12", "fa")
    ('1\\u202f234,5', '২০২৬-০৩-০৫', 'C12')
    """
    lang = _lang(lang)
    if lang == "en":
        return formatted
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        decimal, group = symbols(lang)
        formatted = formatted.translate(str.maketrans({",": group, ".": decimal}))
    elif not isinstance(value, (dt.date, dt.time)):
        return formatted
    return native_digits(formatted, lang)


class AmbiguousNumber(ValueError):
    """A number typed with one separator that reads two ways (``"1.250"`` in French: 1250 or 1.25).

    ``readings`` holds both: the separator read as a thousands separator, then as a decimal one.
    """

    def __init__(self, text: str, readings: tuple[float, float]):
        super().__init__(f"{text!r} reads as {readings[0]:g} or {readings[1]:g}")
        self.text, self.readings = text, readings


def read_number(text: str, lang: str | None = None) -> float:
    """The number in ``text``, typed in any digits with ``lang``'s separators (or Latin ones); ValueError if none.

    >>> read_number("۱٬۲۵۰"), read_number("0,5", "fr"), read_number("1,250", "en"), read_number("12%")
    (1250.0, 0.5, 1250.0, 12.0)

    A decimal comma or point is read in every language when it cannot be a thousands separator
    (not followed by exactly three digits); the language's own separators decide otherwise, and a
    separator that is neither of them, followed by three digits, is :class:`AmbiguousNumber`:

    >>> read_number("12,5", "en"), read_number("12.5", "fr"), read_number("1,250", "fr"), read_number("1.234,5", "en")
    (12.5, 12.5, 1.25, 1234.5)
    >>> read_number("1.250", "fr")
    Traceback (most recent call last):
    ...
    workbench.i18n.numbers.AmbiguousNumber: '1.250' reads as 1250 or 1.25
    """
    lang = _lang(lang)
    decimal, group = symbols(lang)
    typed = str(text).strip()
    cleaned = latin_digits(typed).rstrip("%").strip().replace("−", "-")
    for space in _SPACES + (group if group in _SPACES else ""):
        cleaned = cleaned.replace(space, "")
    if "٫" in cleaned:  # the Arabic decimal separator is never a thousands one
        return float(cleaned.replace("٬", "").replace(",", "").replace(".", "").replace("٫", "."))
    cleaned = cleaned.replace("٬", "")
    marks = [ch for ch in cleaned if ch in ",."]
    if not marks:
        return float(cleaned)
    if len(set(marks)) == 2:  # "1,234.5" or "1.234,5": the last separator is the decimal one
        point = marks[-1]
        return float(cleaned.replace("." if point == "," else ",", "").replace(point, "."))
    mark = marks[0]
    whole, _sep, tail = cleaned.rpartition(mark)
    if len(marks) > 1:  # "1,234,567" (or "1,23,456" in Bengali): thousands
        if not all(len(part) in (2, 3) for part in cleaned.split(mark)[1:]):
            raise ValueError(f"{typed!r} is not a number: its separators are misplaced")
        return float(cleaned.replace(mark, ""))
    as_decimal = float(f"{whole}.{tail}")
    if mark == decimal or len(tail) != 3 or whole.lstrip("-+") in ("", "0"):
        return as_decimal
    as_thousands = float(whole + tail)
    if mark == group:
        return as_thousands
    raise AmbiguousNumber(typed, (as_thousands, as_decimal))
