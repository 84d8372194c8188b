"""One gettext catalogue per lesson (and per practice set) and language, extracted from the English notebook.

A lesson ``crm/01-what-a-crm-is`` in French is translated in
``workbench/locale/fr/lessons/crm/01-what-a-crm-is.po``, its practice set (``exercises/crm/...``)
in ``workbench/locale/fr/practice/crm/01-what-a-crm-is.po``: the two :data:`KINDS` of notebook
translated cell by cell, each with a catalogue folder of its own. Each markdown cell is one
entry (its context is the cell id, its message id the English text, kept whole:
links, anchors and emphasis included); the lesson's title and each goal in its
``workbench`` metadata are entries too (contexts ``title`` and ``goal``). Code cells
are never translated.

:func:`update` writes or refreshes a language's catalogues: a new English cell
arrives empty, a changed one arrives empty too (no fuzzy matching: a stale
translation must not pass for a current one), and one the English no longer has is
dropped. Translators fill the ``msgstr`` of each entry.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(metadata={"workbench": {"title": "Hello", "goals": ["Say hello"]}})
>>> nb.cells = [nbformat.v4.new_markdown_cell("# Hello", id="c00"), nbformat.v4.new_code_cell("1 + 1", id="c01")]
>>> [(message.context, message.id) for message in template(nb) if message.id]
[('title', 'Hello'), ('goal', 'Say hello'), ('c00', '# Hello')]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from . import LANGUAGES

PACKAGE = Path(__file__).resolve().parents[1]
LOCALE = PACKAGE / "locale"
#: The kinds of notebook translated cell by cell, each named as its catalogues' folder under
#: ``<locale>/<lang>/``: the lessons (``notebooks/``) and the practice sets (``exercises/``).
KINDS = ("lessons", "practice")


def catalogue_path(lesson: str, lang: str, locale: Path = LOCALE, kind: str = "lessons") -> Path:
    """Where the ``lang`` catalogue of ``lesson`` (``track/stem``, or a top-level stem) of ``kind`` lives.

    >>> catalogue_path("crm/01-what-a-crm-is", "fr", Path("loc")).as_posix()
    'loc/fr/lessons/crm/01-what-a-crm-is.po'
    >>> catalogue_path("crm/01-what-a-crm-is", "fr", Path("loc"), kind="practice").as_posix()
    'loc/fr/practice/crm/01-what-a-crm-is.po'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of notebook {kind!r}: choose one of {', '.join(KINDS)}")
    return locale / lang / kind / f"{lesson}.po"


def english_folder(kind: str = "lessons") -> Path:
    """The folder of the English notebooks of ``kind``: ``notebooks/`` for lessons, ``exercises/`` for practice.

    >>> english_folder("practice").name, english_folder("lessons").name
    ('exercises', 'notebooks')
    """
    from ..lessons import NOTEBOOKS, PRACTICE_SETS

    return {"lessons": NOTEBOOKS, "practice": PRACTICE_SETS}[kind]


def kind_of(path: Path) -> str | None:
    """The kind of the English notebook at ``path`` (``"lessons"`` or ``"practice"``); ``None`` outside both folders.

    >>> kind_of(english_folder("practice") / "crm" / "06-segmentation-rfm.ipynb"), kind_of(Path("/tmp/draft.ipynb"))
    ('practice', None)
    """
    path = Path(path).resolve()
    return next((kind for kind in KINDS if path.is_relative_to(english_folder(kind).resolve())), None)


def _entries(nb) -> Iterator[tuple[str, str]]:
    meta = nb.metadata.get("workbench", {})
    if meta.get("title"):
        yield "title", meta["title"]
    for goal in meta.get("goals", []):
        yield "goal", goal
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            yield cell.id, cell.source


def template(nb, created=None, kind: str = "lessons"):
    """The catalogue of what ``nb`` (an nbformat notebook of ``kind``) asks to translate, every translation empty."""
    from babel.messages.catalog import Catalog

    catalogue = Catalog(project="CRM Workbench", version="1", copyright_holder="the CRM Workbench authors",
                        msgid_bugs_address="the superuser of your class", creation_date=created,
                        revision_date=created, last_translator="CRM Workbench translators", fuzzy=False,
                        header_comment=f"# {'A lesson' if kind == 'lessons' else 'A practice set'} of CRM Workbench, "
                                       "one entry per markdown cell (context: the cell id).\n"
                                       "# Refresh with: python -m workbench.i18n.lesson_catalogues --lang LANG")
    for context, text in _entries(nb):
        catalogue.add(text, context=context)
    return catalogue


def lesson_notebooks(root: Path) -> list[tuple[str, Path]]:
    """Every notebook under ``root`` (``notebooks/``, or ``exercises/``), as ``(lesson, path)`` pairs.

    >>> from workbench.lessons import NOTEBOOKS
    >>> ("crm/01-what-a-crm-is", NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb") in lesson_notebooks(NOTEBOOKS)
    True
    """
    return [(path.relative_to(root).with_suffix("").as_posix(), path)
            for path in sorted(root.rglob("*.ipynb")) if ".ipynb_checkpoints" not in path.parts]


def read(path: Path):
    """The catalogue stored at ``path``."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def entry(lesson: str, text: str, context: str, lang: str, locale: Path = LOCALE) -> str:
    """``text``, an entry of ``lesson``'s catalogue (``context``: ``title``, ``goal`` or a cell id), in ``lang``;
    ``text`` itself when the entry is missing, empty or fuzzy. Each catalogue is read once per change.

    >>> entry("crm/01-what-a-crm-is", "Not a title of that lesson", "title", "fr")
    'Not a title of that lesson'
    """
    path = catalogue_path(lesson, lang, locale)
    if lang == LANGUAGES[0] or not path.is_file():
        return text
    message = _read_once(path, path.stat().st_mtime_ns).get(text, context=context)
    return message.string if message is not None and message.string and not message.fuzzy else text


@lru_cache(maxsize=64)
def _read_once(path: Path, _changed: int):
    return read(path)


def write(catalogue, path: Path) -> None:
    """Store ``catalogue`` at ``path`` (obsolete entries left out)."""
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False, ignore_obsolete=True, sort_output=False)


def update(lang: str, lessons: Iterable[tuple[str, Path]], locale: Path = LOCALE, kind: str = "lessons") -> list[Path]:
    """Write or refresh the ``lang`` catalogue of each lesson (or practice set, ``kind="practice"``); the paths written.

    Translations whose English is unchanged are kept; every other entry is empty.
    """
    import nbformat

    if lang not in LANGUAGES[1:]:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES[1:])}")
    written = []
    for lesson, notebook in lessons:
        path = catalogue_path(lesson, lang, locale, kind)
        kept = read(path) if path.exists() else None
        fresh = template(nbformat.read(notebook, as_version=4), created=kept.creation_date if kept else None,
                         kind=kind)
        if kept is not None:
            for message in fresh:
                if not message.id:
                    continue
                old = kept.get(message.id, context=message.context)
                if old is not None and old.string and not old.fuzzy:
                    message.string = old.string
        fresh.locale = lang
        fresh.language_team = f"CRM Workbench {lang}"
        write(fresh, path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.i18n.lesson_catalogues --lang fr``: refresh the lesson and practice-set catalogues."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--lang", action="append", choices=LANGUAGES[1:], required=True)
    args = parser.parse_args(argv)
    for lang in args.lang:
        for kind in KINDS:
            written = update(lang, lesson_notebooks(english_folder(kind)), kind=kind)
            print(f"{lang}: {len(written)} {kind} catalogues refreshed under {LOCALE / lang / kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
