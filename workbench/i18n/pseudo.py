"""Pseudo-translations: see a language's layout (script, direction, fonts) before its translators finish.

:func:`pseudo_translate` turns an English entry into a sample sentence in the language's script that
keeps what a translation must keep (:mod:`workbench.i18n.lesson_checks`): the heading level, link
targets, anchors and code. :func:`fill` writes a language's lesson (or practice-set) catalogues with such entries
into a folder of your choice, never into the package's own catalogues, so that ``lessons build`` can be
tried (and the browser tests run) right to left, in Bengali script, with every cell "translated".
Each pseudo entry carries the comment ``pseudo-translation`` in its catalogue.

``python -m workbench.i18n.pseudo --lang ar --locale build/pseudo-locale`` then
``workbench lessons build`` with that locale (:func:`workbench.i18n.lesson_build.build`).

>>> print(pseudo_translate("## Leads\\n\\nSee [leads](../00-glossary.ipynb#lead) and `wb.ask()`.", "bn"))
## অনুবাদের আগে পাঠটি দেখার জন্য বাংলায় নমুনা লেখা। [leads](../00-glossary.ipynb#lead) `wb.ask()`
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from . import LANGUAGES
from .lesson_catalogues import KINDS, LOCALE, english_folder, lesson_notebooks, read, update, write

#: One sample sentence per language; the Arabic one carries an email and a phone number (LTR islands).
SAMPLES = {
    "fr": "Texte d'essai en français pour voir la leçon avant sa traduction.",
    "ar": "نص تجريبي بالعربية لمعاينة الدرس قبل ترجمته، للتواصل: amina@example.com أو +33 6 12 34 56 78.",
    "fa": "متن آزمایشی فارسی برای دیدن درس پیش از ترجمه.",
    "bn": "অনুবাদের আগে পাঠটি দেখার জন্য বাংলায় নমুনা লেখা।",
}
_KEPT = re.compile(r"^```.*?^```|!?\[[^\]\n]*\]\([^)\n]*\)|<a\s[^>\n]*>\s*</a>|(?<!`)`[^`\n]+`(?!`)",
                   re.DOTALL | re.MULTILINE)


def pseudo_translate(english: str, lang: str) -> str:
    """``lang``'s sample sentence under ``english``'s heading mark, followed by everything a translation keeps.

    >>> pseudo_translate('<a id="lead"></a>\\n\\n**lead**: a person', "fr")
    '<a id="lead"></a>\\n\\nTexte d\\'essai en français pour voir la leçon avant sa traduction.'
    """
    kept = [m.group(0) for m in _KEPT.finditer(english)]
    anchors = [k for k in kept if k.startswith("<a")]
    fences = [k for k in kept if k.startswith("```")]
    heading = re.match(r"#+ ", english)
    inline = [k for k in kept if k not in anchors and k not in fences]
    return "\n\n".join([*anchors, " ".join([(heading.group(0) if heading else "") + SAMPLES[lang], *inline]),
                         *fences])


def fill(lang: str, locale: Path, notebooks: Path | None = None, kind: str = "lessons") -> list[Path]:
    """Write ``lang``'s lesson catalogues (or practice-set ones, ``kind="practice"``) under ``locale``, every entry
    pseudo-translated; the paths written."""
    if Path(locale).resolve() == LOCALE.resolve():
        raise ValueError("pseudo-translations never go into the package's own catalogues: give another folder")
    written = update(lang, lesson_notebooks(Path(notebooks or english_folder(kind))), Path(locale), kind)
    for path in written:
        catalogue = read(path)
        for message in catalogue:
            if message.id:
                message.string = pseudo_translate(message.id, lang)
                message.auto_comments = ["pseudo-translation"]
        write(catalogue, path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.i18n.pseudo --lang ar --locale DIR``: pseudo-translated lesson and practice-set
    catalogues in DIR."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--lang", choices=LANGUAGES[1:], required=True)
    parser.add_argument("--locale", type=Path, required=True, help="a folder other than workbench/locale")
    args = parser.parse_args(argv)
    for kind in KINDS:
        written = fill(args.lang, args.locale, kind=kind)
        print(f"{len(written)} pseudo-translated catalogues written under {args.locale / args.lang / kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
