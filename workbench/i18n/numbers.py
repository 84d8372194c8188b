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


def read_number(text: str, lang: str | None = None) -> float:
    """The number in ``text``, typed in any digits with ``lang``'s separators (or Latin ones); ValueError if none.

    >>> read_number("۱٬۲۵۰"), read_number("0,5", "fr"), read_number("1,250", "en"), read_number("12%")
    (1250.0, 0.5, 1250.0, 12.0)
    """
    lang = _lang(lang)
    decimal, group = symbols(lang)
    cleaned = latin_digits(str(text)).strip().rstrip("%").strip()
    cleaned = cleaned.replace("٫", ".").replace("٬", "").replace("−", "-")
    for space in _SPACES + (group if group in _SPACES else ""):
        cleaned = cleaned.replace(space, "")
    if decimal == "," and "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    return float(cleaned)
