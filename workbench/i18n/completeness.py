"""How complete each language is: entries missing or fuzzy, and translations whose placeholders differ.

A language is *declared* complete in :data:`workbench.i18n.COMPLETE`; the tests then fail on any
missing or fuzzy entry of its catalogues (the package's, every lesson's and every practice set's). In every language,
complete or not, a translation must keep the English placeholders (``{n}``, ``{answer!r}``,
``%(trainee)s``): one lost or renamed would break the message or show a raw brace.

``python -m workbench.i18n.completeness`` prints what remains to translate, per language.

>>> from babel.messages.catalog import Catalog
>>> c = Catalog(locale="fr")
>>> _ = c.add("{n} deals", "{n} affaires"), c.add("Check", ""), c.add("{answer} is wrong", "{réponse} est faux")
>>> [m.id for m in untranslated(c)], [m.id for m in placeholder_mismatches(c)]
(['Check'], ['{answer} is wrong'])
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from . import COMPLETE, LANGUAGES
from .compile import LOCALE, po_file

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][\w.]*(?:\[[^\]]*\])?)(![rsa])?(:[^{}]*)?\}(?!\})|%\((\w+)\)[sdfr]")


def placeholders(text: str) -> set[str]:
    """The placeholders in ``text`` (``{name}`` with its conversion and format, ``%(name)s``).

    >>> sorted(placeholders("{n:,} deals for {answer!r}, %(trainee)s, {{not one}}"))
    ['%(trainee)s', '{answer!r}', '{n:,}']
    """
    return {match.group(0) for match in _PLACEHOLDER.finditer(text)}


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, (tuple, list)) else (message.string,)


def untranslated(catalogue) -> Iterator:
    """The entries of ``catalogue`` with an empty translation (any plural form) or marked fuzzy."""
    for message in catalogue:
        if message.id and (message.fuzzy or not all(_strings(message))):
            yield message


def placeholder_mismatches(catalogue) -> Iterator:
    """The translated entries whose placeholders are not the English ones.

    A plural form may leave out the count (``{n}``): Arabic says "two deals" in one word.
    """
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        wanted = set().union(*map(placeholders, english))
        plural = len(english) > 1
        for text in _strings(message):
            if not text:
                continue
            found = placeholders(text)
            if found - wanted or (wanted - found) - ({"{n}"} if plural else set()):
                yield message
                break


def catalogues(lang: str, locale: Path = LOCALE) -> list[Path]:
    """Every catalogue of ``lang``: the package's, then each lesson's, then each practice set's."""
    from .lesson_catalogues import KINDS

    package = po_file(lang, locale)
    notebooks = [path for kind in KINDS for path in sorted((locale / lang / kind).rglob("*.po"))]
    return ([package] if package.is_file() else []) + notebooks


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.i18n.completeness``: what remains to translate in each language."""
    from .lesson_catalogues import read

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--lang", action="append", choices=LANGUAGES[1:])
    args = parser.parse_args(argv)
    for lang in args.lang or LANGUAGES[1:]:
        todo = bad = total = 0
        for path in catalogues(lang):
            catalogue = read(path)
            total += sum(1 for m in catalogue if m.id)
            todo += sum(1 for _ in untranslated(catalogue))
            bad += sum(1 for _ in placeholder_mismatches(catalogue))
        state = "declared complete" if lang in COMPLETE else "not declared complete"
        print(f"{lang}: {total - todo} of {total} entries translated, {bad} with wrong placeholders ({state})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
