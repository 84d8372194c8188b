"""Completeness, enforced: translated lessons are the English ones in other words, every language's
catalogues keep links, anchors and code, and the languages declared complete miss nothing."""

from __future__ import annotations

import copy

import nbformat
import pytest

from workbench.i18n import COMPLETE, LANGUAGES
from workbench.i18n.lesson_build import build
from workbench.i18n.lesson_catalogues import LOCALE, lesson_notebooks
from workbench.i18n.lesson_checks import catalogue_problems, entry_differences, notebook_differences
from workbench.lessons import NOTEBOOKS

LESSONS = lesson_notebooks(NOTEBOOKS)
TRANSLATED = LANGUAGES[1:]


@pytest.fixture(scope="module", params=TRANSLATED)
def built(request, tmp_path_factory):
    """Every lesson built from the repository's own catalogues of one language."""
    out = tmp_path_factory.mktemp(f"lessons-{request.param}")
    build(request.param, out)
    return request.param, out


def test_every_translated_lesson_is_the_english_one_but_its_text(built):
    lang, out = built
    found = {lesson: problems for lesson, path in LESSONS
             if (problems := notebook_differences(nbformat.read(path, 4), nbformat.read(out / f"{lesson}.ipynb", 4)))}
    assert found == {}, f"{lang}: translated lessons differ from the English ones beyond their text"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translation_keeps_links_anchors_and_code(lang):
    problems = catalogue_problems(lang, complete=False)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", sorted(COMPLETE) or [pytest.param(None, marks=pytest.mark.skip(
    reason="no language is declared complete yet (workbench.i18n.COMPLETE)"))])
def test_a_complete_language_has_every_entry_translated(lang):
    problems = catalogue_problems(lang, complete=True)
    assert problems == [], "\n".join(problems[:20])


def test_every_language_has_a_catalogue_per_lesson():
    missing = [f"{lang}/{lesson}" for lang in TRANSLATED for lesson, _ in LESSONS
               if not (LOCALE / lang / "lessons" / f"{lesson}.po").exists()]
    assert missing == [], "refresh with: python -m workbench.i18n.lesson_catalogues --lang LANG"


# --- the checks themselves catch what they must --------------------------------------------------

@pytest.fixture
def english():
    return nbformat.read(NOTEBOOKS / "00-start-here.ipynb", 4)


@pytest.mark.parametrize("change, said", [
    (lambda nb: nb.cells.pop(3), "cells are not the English ones"),
    (lambda nb: nb.cells.insert(1, nbformat.v4.new_markdown_cell("extra", id="extra")), "cells are not the English"),
    (lambda nb: setattr(nb.cells[2], "source", nb.cells[2].source + "\n1 + 1"), "its source differs"),
    (lambda nb: nb.cells[6].__setitem__("source", 'import workbench as wb\nwb.ask("start.tour.other")'),
     "its exercises differs"),
    (lambda nb: nb.metadata.workbench.__setitem__("exercises", ["start.tour.other"]), "metadata 'workbench'"),
    (lambda nb: nb.cells[0].__setitem__("cell_type", "raw"), "its type differs"),
])
def test_a_changed_structure_or_code_is_caught(english, change, said):
    translated = copy.deepcopy(english)
    change(translated)
    assert any(said in problem for problem in notebook_differences(english, translated))


def test_text_title_goals_and_language_may_change(english):
    translated = copy.deepcopy(english)
    translated.cells[0].source = "# Commencer ici"
    translated.metadata.workbench.update(title="Commencer ici", goals=["Lancer une cellule"], lang="fr")
    assert notebook_differences(english, translated) == []


@pytest.mark.parametrize("translation, said", [
    ("Voir les [pistes](../00-glossary.ipynb#piste).", "link targets ../00-glossary.ipynb#lead became"),
    ("Voir les pistes.", "link targets ../00-glossary.ipynb#lead became (none)"),
    ('<a id="piste"></a> Voir les [pistes](../00-glossary.ipynb#lead).', "anchors lead became piste"),
    ('<a id="lead"></a> Voir les [pistes](../00-glossary.ipynb#lead) et `wb.demander()`.', "code spans wb.ask()"),
])
def test_a_translation_that_breaks_a_link_anchor_or_code_is_caught(translation, said):
    english = '<a id="lead"></a> See [leads](../00-glossary.ipynb#lead) and `wb.ask()`.'
    if "wb." not in translation:
        english = english.replace(" and `wb.ask()`", "")
    assert any(problem.startswith(said) for problem in entry_differences(english, translation))


def test_missing_fuzzy_and_empty_entries_are_named(tmp_path, pseudo_locale):
    import shutil

    from workbench.i18n.lesson_catalogues import read, write

    locale = tmp_path / "locale"
    shutil.copytree(pseudo_locale / "fr", locale / "fr")
    path = locale / "fr" / "lessons" / "00-start-here.po"
    catalogue = read(path)
    messages = [m for m in catalogue if m.id]
    messages[0].flags.add("fuzzy")
    messages[1].string = ""
    catalogue.delete(messages[2].id, context=messages[2].context)
    write(catalogue, path)
    problems = catalogue_problems("fr", locale=locale)
    assert [p.split(": ")[-1] for p in problems] == ["fuzzy", "not translated", "missing"]
    assert all(str(path) in p for p in problems)
    assert catalogue_problems("fr", locale=locale, complete=False) == []
