"""The package's own words in the trainee's language: gettext, with English as the source.

Every string a trainee or superuser reads is written in English and passed through
:func:`_` (plurals through :func:`ngettext`); a string with values is a template whose
placeholders are filled after translation, so translators see the whole sentence::

    _("{answer} is not the number of contacts.").format(answer=answer)

The result's :meth:`Text.format` writes numbers and dates the way the language does
(Persian and Bengali digits, French separators). English is the fallback for any entry
not translated yet. The language is :func:`~workbench.i18n.language.current_language`.

>>> from workbench.i18n.language import use_language
>>> _("{n:,} contacts").format(n=1250)
'1,250 contacts'
>>> ngettext("{n} deal", "{n} deals", 1).format(n=1), ngettext("{n} deal", "{n} deals", 3).format(n=3)
('1 deal', '3 deals')
>>> with use_language("fa"):
...     _("a sentence no catalogue holds, {n} times").format(n=12)
'a sentence no catalogue holds, ۱۲ times'
"""

from __future__ import annotations

import gettext as gettext_module
import io
import string
from pathlib import Path

from .compile import LOCALE, compiled
from .language import current_language
from .numbers import localise

_loaded: dict[tuple[str, Path], gettext_module.NullTranslations] = {}


class Text(str):
    """A translated message: a ``str`` whose :meth:`format` writes numbers and dates in the message's language."""

    lang = "en"

    def format(self, *args, **kwargs) -> str:
        """Fill the placeholders, numbers and dates written as the language writes them.

        >>> Text.of("{n:,.1f} %", "fr").format(n=1234.56)
        '1\\u202f234,6 %'
        """
        return _LocalisingFormatter(self.lang).vformat(self, args, kwargs)

    @classmethod
    def of(cls, text: str, lang: str) -> Text:
        """``text`` as a message in ``lang``."""
        out = cls(text)
        out.lang = lang
        return out


class _LocalisingFormatter(string.Formatter):
    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value, format_spec):
        return localise(super().format_field(value, format_spec), value, self.lang)


def translations(lang: str, locale: Path | None = None) -> gettext_module.NullTranslations:
    """The catalogue of ``lang`` (read once per process); English (the message ids) when it has none.

    >>> translations("en").gettext("Check")
    'Check'
    """
    locale = locale or LOCALE
    key = (lang, locale)
    if key not in _loaded:
        data = compiled(lang, locale) if lang != "en" else None
        _loaded[key] = gettext_module.GNUTranslations(io.BytesIO(data)) if data else gettext_module.NullTranslations()
    return _loaded[key]


def forget() -> None:
    """Read the catalogues again on next use (after a catalogue was refreshed or compiled)."""
    _loaded.clear()


def gettext(message: str) -> Text:
    """``message`` in the current language (itself while untranslated).

    >>> gettext("Check")
    'Check'
    """
    lang = current_language()
    return Text.of(translations(lang).gettext(message) if message else message, lang)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> Text:
    """The form of a message for ``n`` things, by the current language's plural rules (Arabic has six).

    >>> ngettext("{n} hint", "{n} hints", 2).format(n=2)
    '2 hints'
    """
    lang = current_language()
    return Text.of(translations(lang).ngettext(singular, plural, n), lang)


def pgettext(context: str, message: str) -> Text:
    """``message`` in the current language, as meant in ``context`` (a word a sentence names: a deal stage,
    an activity type); itself when the catalogue has no such entry (a company's own stage name).

    >>> pgettext("deal stage", "Proposal"), pgettext("deal stage", "Our own stage")
    ('Proposal', 'Our own stage')
    """
    lang = current_language()
    return Text.of(translations(lang).pgettext(context, message) if message else message, lang)


def joined(items) -> str:
    """``items`` as one list in the current language, each after the separator its readers expect: ``"; "``
    in English, a narrow space before the semicolon in French, the Arabic semicolon in Arabic and Persian.

    >>> joined(["3 calls", "2 meetings"])
    '3 calls; 2 meetings'
    """
    return pgettext("between two items of a list", "; ").join(items)


def lazy_in(context: str, message: str) -> str:
    """Mark ``message`` for the catalogue in ``context`` without translating it now (read later through
    :func:`pgettext`).

    >>> lazy_in("activity type", "call")
    'call'
    """
    return message


NC_ = lazy_in


def lazy(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (a declaration read later through :func:`_`).

    >>> lazy("Contacts")
    'Contacts'
    """
    return message


N_ = lazy
