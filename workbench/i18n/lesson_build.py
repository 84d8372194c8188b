"""Translated lessons and practice sets: every English notebook written again with a language's catalogues.

``build("fr", out)`` writes each lesson of ``notebooks/`` under ``out`` with the same folders,
file names, cell ids, exercise ids and code: only the markdown cells and the title and goals in
the ``workbench`` metadata change, each to its entry's translation in
``workbench/locale/fr/lessons/`` (:mod:`workbench.i18n.lesson_catalogues`). ``build("fr", out,
kind="practice")`` does the same for the practice sets of ``exercises/`` from
``workbench/locale/fr/practice/``: their solution regions are kept (releasing strips them, as in
English), and the comments inside their code cells stay English, like all code. An entry with no
translation (missing, empty or fuzzy) leaves the English text in place and is counted, so a
half-translated course still runs. The notebook records its language in ``workbench.lang``.
Arabic and Persian text is laid out right to left (:mod:`workbench.i18n.rtl`); a cell still in
English stays left to right, as English reads.

>>> import nbformat
>>> from babel.messages.catalog import Catalog
>>> nb = nbformat.v4.new_notebook(metadata={"workbench": {"title": "Hello"}})
>>> nb.cells = [nbformat.v4.new_markdown_cell("# Hello", id="c00"), nbformat.v4.new_markdown_cell("Bye", id="c01"),
...             nbformat.v4.new_code_cell("1 + 1", id="c02")]
>>> catalogue = Catalog(locale="fr")
>>> _ = catalogue.add("# Hello", "# Bonjour", context="c00")
>>> translated, count = translate(nb, catalogue, "fr")
>>> [cell.source for cell in translated.cells], translated.metadata.workbench["lang"], count.text()
(['# Bonjour', 'Bye', '1 + 1'], 'fr', '1 of 2 cells translated; title untranslated')
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from . import LANGUAGES, RIGHT_TO_LEFT
from .lesson_catalogues import LOCALE, catalogue_path, english_folder, lesson_notebooks, read
from .messages import _
from .rtl import right_to_left


@dataclass
class Count:
    """How much of one lesson a language's catalogue translates: cells, and the title and goals apart."""

    lesson: str = ""
    cells: int = 0
    translated: int = 0
    untranslated: list[str] = field(default_factory=list)  # cell ids, "title", "goal 2"

    @property
    def complete(self) -> bool:
        return not self.untranslated

    def text(self) -> str:
        """One line for the terminal.

        >>> Count("crm/01", cells=3, translated=3).text()
        '3 of 3 cells translated'
        """
        goals = sum(what.startswith("goal ") for what in self.untranslated)
        title = "title" in self.untranslated
        said = (_("{done} of {cells} cells translated; title and {goals} goal(s) untranslated") if title and goals
                else _("{done} of {cells} cells translated; title untranslated") if title
                else _("{done} of {cells} cells translated; {goals} goal(s) untranslated") if goals
                else _("{done} of {cells} cells translated"))
        return said.format(done=self.translated, cells=self.cells, goals=goals)


def _translation(catalogue, text: str, context: str) -> str | None:
    message = catalogue.get(text, context=context) if catalogue is not None else None
    if message is None or message.fuzzy or not message.string:
        return None
    return message.string


def _in_language(catalogue, text: str, context: str, count: Count, name: str) -> str:
    """``text``'s translation, or ``text`` itself with ``name`` counted as untranslated."""
    found = _translation(catalogue, text, context)
    if found is None:
        count.untranslated.append(name)
    return found or text


def translate(nb, catalogue, lang: str):
    """``nb`` (an English nbformat notebook) in ``lang`` from ``catalogue``; returns it and its :class:`Count`.

    ``catalogue`` may be ``None`` (no catalogue yet: everything stays English). ``nb`` is not changed.
    """
    nb = copy.deepcopy(nb)
    count = Count()
    meta = nb.metadata.setdefault("workbench", {})
    if meta.get("title"):
        meta["title"] = _in_language(catalogue, meta["title"], "title", count, "title")
    if meta.get("goals"):
        meta["goals"] = [_in_language(catalogue, goal, "goal", count, f"goal {number}")
                         for number, goal in enumerate(meta["goals"], start=1)]
    meta["lang"] = lang
    rtl = lang in RIGHT_TO_LEFT
    for cell in nb.cells:
        if cell.cell_type != "markdown" or not cell.source.strip():
            continue
        count.cells += 1
        missing = len(count.untranslated)
        text = _in_language(catalogue, cell.source, cell.id, count, cell.id)
        translated = len(count.untranslated) == missing
        count.translated += translated
        cell.source = right_to_left(text, lang) if rtl and translated else text
    return nb, count


def in_language(path: Path, lesson: str, lang: str, locale: Path = LOCALE, kind: str = "lessons"):
    """The notebook at ``path`` (the English lesson ``lesson``, ``crm/01-what-a-crm-is``) in ``lang``, and its count.

    ``kind="practice"``: the notebook is that lesson's practice set, translated from its own catalogue.

    >>> from workbench.lessons import NOTEBOOKS, PRACTICE_SETS
    >>> nb, count = in_language(NOTEBOOKS / "00-start-here.ipynb", "00-start-here", "fa")
    >>> nb.metadata.workbench["lang"], count.lesson
    ('fa', '00-start-here')
    >>> nb, count = in_language(PRACTICE_SETS / "crm" / "01-what-a-crm-is.ipynb", "crm/01-what-a-crm-is", "fr",
    ...                         kind="practice")
    >>> nb.metadata.workbench["title"], count.complete
    ('Entraînement : ce qu’est un CRM', True)
    """
    import nbformat

    po = catalogue_path(lesson, lang, locale, kind)
    nb, count = translate(nbformat.read(path, as_version=4), read(po) if po.exists() else None, lang)
    count.lesson = lesson
    return nb, count


def lesson_in_language(lesson, lang: str | None = None):
    """``lesson`` (a :class:`workbench.lessons.Lesson`) with its title and goals in ``lang`` (the current
    language by default) from its catalogue, each left in English where untranslated: what a facilitator's
    guide or a class report names it by.

    >>> from workbench.lessons import NOTEBOOKS, read_lesson
    >>> lesson_in_language(read_lesson(NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb"), "fr").title
    "Ce qu'est un CRM"
    """
    import dataclasses

    from ..lessons import lesson_id
    from .language import choose, current_language

    lang = choose(lang) if lang else current_language()
    po = catalogue_path(lesson_id(lesson.path), lang) if lang != "en" else None
    if po is None or not po.exists():
        return lesson
    catalogue = read(po)
    return dataclasses.replace(lesson, title=_translation(catalogue, lesson.title, "title") or lesson.title,
                               goals=tuple(_translation(catalogue, goal, "goal") or goal for goal in lesson.goals))


def build(lang: str, out: Path, notebooks: Path | None = None, locale: Path = LOCALE,
          kind: str = "lessons") -> list[Count]:
    """Write every lesson under ``notebooks`` (default ``notebooks/``) in ``lang`` into ``out``; their counts.

    ``out`` gets the same tree as ``notebooks`` (``00-start-here.ipynb``, ``crm/01-...ipynb``), so links
    between lessons keep working. Files of ``out`` that are not lessons are left alone.
    ``kind="practice"``: the practice sets instead (``notebooks`` defaults to ``exercises/``); the lab
    and ``workbench lessons build`` put them in ``out``'s ``exercises/`` folder, beside the lessons.
    """
    import nbformat

    from ..errors import InputError

    if lang not in LANGUAGES[1:]:
        raise InputError(f"no lessons in the language {lang!r}", where="workbench lessons build --lang",
                         fix=f"choose one of {', '.join(LANGUAGES[1:])} (English is the lessons themselves)")
    counts = []
    for lesson, path in lesson_notebooks(Path(notebooks or english_folder(kind))):
        nb, count = in_language(path, lesson, lang, locale, kind)
        target = Path(out) / f"{lesson}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        counts.append(count)
    return counts
