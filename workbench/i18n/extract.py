"""The package's catalogue, extracted: ``workbench/locale/workbench.pot`` and each language's ``.po``.

``python -m workbench.i18n.extract`` gathers every string a trainee or superuser reads:

- ``_("...")``, ``ngettext(...)`` and ``N_("...")`` in the package's Python (Babel's extractor);
- ``{% trans %}`` and ``_()`` in its Jinja2 templates (Jinja2's extractor);
- what each registered exercise declares (:func:`exercise_messages`): its title, the
  message and hint steps of its mistakes, its answer form's label, placeholder and fixed
  options. Declarations stay English and the exercise engine translates them when it shows them.

It then refreshes ``workbench/locale/<lang>/LC_MESSAGES/workbench.po`` for fr, ar, fa and bn,
keeping every translation whose English is unchanged. There is no fuzzy matching: a changed
English sentence arrives empty, so a stale translation never passes for a current one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import LANGUAGES
from .compile import DOMAIN, LOCALE, po_file
from .lesson_catalogues import read

PACKAGE = LOCALE.parent
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "lazy": None,
            "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2), "lazy_in": ((1, "c"), 2)}
METHODS = [("locale/**", "ignore"), ("**/templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
HEADER = ("# CRM Workbench: the package's own words (checks, forms, screens, reports, errors).\n"
          "# Refresh with: python -m workbench.i18n.extract; compile with: python -m workbench.i18n.compile")


def source_messages(package: Path = PACKAGE) -> Iterator[tuple[str | tuple[str, str], str, int, list[str], str | None]]:
    """``(message, file, line, comments, context)`` for every marked string of the package's code and templates."""
    from babel.messages.extract import extract_from_dir

    options = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
    for filename, line, message, comments, context in extract_from_dir(
            package, METHODS, options_map=options, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        yield message, f"workbench/{filename}", line, comments, context


def _texts(value) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)


def form_texts(form) -> Iterator[str]:
    """What an answer form shows a trainee: its label, placeholder, fixed options and their labels.

    >>> from workbench.exercises.forms import Choice
    >>> list(form_texts(Choice(["network", "relational"], label="Model")))
    ['Model', 'network', 'relational']
    """
    for name in ("label", "placeholder"):
        yield from _texts(getattr(form, name, None))
    options = getattr(form, "options", None)
    if options is not None and not callable(options):
        yield from (option for option in options if isinstance(option, str) and option.strip())
    yield from _texts(list(getattr(form, "labels", {}).values()))


def exercise_messages(exercises: Iterable) -> Iterator[tuple[str, str]]:
    """``(text, exercise id)`` for every text an exercise declares.

    >>> from workbench.exercises import get
    >>> texts = [text for text, _ in exercise_messages([get("crm.intro.count-contacts")])]
    >>> texts[:2]
    ['How many contacts does Acme have?', 'Contacts']
    """
    for exercise in exercises:
        yield exercise.title, exercise.id
        if exercise.answer is not None:
            for text in form_texts(exercise.answer):
                yield text, exercise.id
        for mistake in exercise.wrong:
            for text in _texts([mistake.message, mistake.hint]):
                yield text, exercise.id
        for text in _texts(list(exercise.texts)):
            yield text, exercise.id


def schema_words() -> Iterator[str]:
    """The words of every column of the data model, as tables and forms show them (``close date``).

    >>> "close date" in set(schema_words())
    True
    """
    from ..data.schema import TABLES
    from ..widgets.tables import column_words

    for table in TABLES:
        for column in table.columns:
            yield column_words(column.name)


def template(created=None):
    """The catalogue template: every message of the package, every translation empty."""
    from babel.messages.catalog import Catalog

    from ..exercises.registry import CHECKS_PACKAGE, all_exercises

    catalogue = Catalog(project="CRM Workbench", version="1", copyright_holder="the CRM Workbench authors",
                        msgid_bugs_address="the superuser of your class", creation_date=created,
                        revision_date=created, last_translator="CRM Workbench translators", fuzzy=False,
                        header_comment=HEADER)
    for message, filename, line, comments, context in source_messages():
        catalogue.add(message, locations=[(filename, line)], auto_comments=comments, context=context)
    package = [exercise for exercise in all_exercises() if exercise.check.__module__.startswith(CHECKS_PACKAGE)]
    for text, exercise_id in exercise_messages(package):
        catalogue.add(text, locations=[(_check_file(exercise_id), None)], auto_comments=[f"exercise {exercise_id}"])
    for words in schema_words():
        catalogue.add(words, locations=[("workbench/data/schema.py", None)], auto_comments=["a column's words"])
    return catalogue


def _check_file(exercise_id: str) -> str:
    track, lesson, _name = exercise_id.split(".")
    return f"workbench/exercises/checks/{track}/{lesson.replace('-', '_')}.py"


def write(catalogue, path: Path) -> None:
    """Store ``catalogue`` at ``path`` as the lesson catalogues are stored, but without line numbers: a string
    that moves in its file is no change to translate."""
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, ignore_obsolete=True, include_lineno=False)


def translated(pot, lang: str, kept=None):
    """The ``lang`` catalogue of ``pot``, with each translation of ``kept`` whose English is unchanged.

    >>> from babel.messages.catalog import Catalog
    >>> pot, old = Catalog(), Catalog(locale="fr")
    >>> _ = pot.add("Check"), pot.add("Next hint"), old.add("Check", "Vérifier"), old.add("Hint", "Indice")
    >>> [(m.id, m.string) for m in translated(pot, "fr", old) if m.id]
    [('Check', 'Vérifier'), ('Next hint', '')]
    """
    from babel.messages.catalog import Catalog

    catalogue = Catalog(locale=lang, project=pot.project, version=pot.version,
                        copyright_holder=pot.copyright_holder, msgid_bugs_address=pot.msgid_bugs_address,
                        creation_date=kept.creation_date if kept else pot.creation_date,
                        revision_date=pot.revision_date, last_translator=pot.last_translator,
                        language_team=f"CRM Workbench {lang}", fuzzy=False, header_comment=pot.header_comment)
    for message in pot:
        if not message.id:
            continue
        old = kept.get(message.id, context=message.context) if kept is not None else None
        keep = old is not None and not old.fuzzy and any(_texts(old.string))
        empty = ("",) * catalogue.num_plurals if isinstance(message.id, tuple) else ""
        catalogue.add(message.id, old.string if keep else empty, locations=message.locations,
                      auto_comments=message.auto_comments, context=message.context)
    return catalogue


def _entries(catalogue) -> set:
    return {(message.context, message.id if isinstance(message.id, str) else tuple(message.id))
            for message in catalogue if message.id}


def refresh(langs: Iterable[str] = LANGUAGES[1:], locale: Path = LOCALE) -> list[Path]:
    """Write the template and refresh the ``.po`` of each of ``langs``; the paths written."""
    pot, path = template(), locale / TEMPLATE.name
    if path.exists():  # dated when its entries last changed, not at every refresh (no churn for translators)
        old = read(path)
        if _entries(old) == _entries(pot):
            pot.creation_date = old.creation_date
    write(pot, path)
    written = [locale / TEMPLATE.name]
    for lang in langs:
        path = po_file(lang, locale)
        write(translated(pot, lang, read(path) if path.exists() else None), path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.i18n.extract``: refresh workbench.pot and the .po of every language."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--lang", action="append", choices=LANGUAGES[1:],
                        help="refresh only this language's .po (repeatable; default: all)")
    args = parser.parse_args(argv)
    for path in refresh(args.lang or LANGUAGES[1:]):
        print(f"refreshed {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
