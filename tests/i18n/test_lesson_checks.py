"""Completeness, enforced: translated lessons are the English ones in other words, every language's
catalogues keep links, anchors and code, and the languages declared complete miss nothing."""

from __future__ import annotations

import copy

import nbformat
import pytest

from workbench.i18n import COMPLETE, LANGUAGES
from workbench.i18n.lesson_build import build
from workbench.i18n.lesson_catalogues import KINDS, LOCALE, lesson_notebooks
from workbench.i18n.lesson_checks import catalogue_problems, entry_differences, notebook_differences
from workbench.lessons import NOTEBOOKS, PRACTICE_SETS

LESSONS = lesson_notebooks(NOTEBOOKS)
PRACTICE = lesson_notebooks(PRACTICE_SETS)
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


@pytest.fixture(scope="module", params=TRANSLATED)
def built_practice(request, tmp_path_factory):
    """Every practice set built from the repository's own catalogues of one language."""
    out = tmp_path_factory.mktemp(f"practice-{request.param}")
    return request.param, out, build(request.param, out, kind="practice")


def test_every_translated_practice_set_keeps_its_code_solutions_and_exercise_ids(built_practice):
    lang, out, counts = built_practice
    assert [count.lesson for count in counts] == [lesson for lesson, _ in PRACTICE]
    found = {lesson: problems for lesson, path in PRACTICE
             if (problems := notebook_differences(nbformat.read(path, 4), nbformat.read(out / f"{lesson}.ipynb", 4)))}
    assert found == {}, f"{lang}: translated practice sets differ from the English ones beyond their text"
    if lang in COMPLETE:
        assert [count.lesson for count in counts if not count.complete] == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translation_keeps_links_anchors_and_code(lang, kind):
    problems = catalogue_problems(lang, complete=False, kind=kind)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", sorted(COMPLETE) or [pytest.param(None, marks=pytest.mark.skip(
    reason="no language is declared complete yet (workbench.i18n.COMPLETE)"))])
def test_a_complete_language_has_every_entry_translated(lang, kind):
    problems = catalogue_problems(lang, complete=True, kind=kind)
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("kind, notebooks", [("lessons", LESSONS), ("practice", PRACTICE)])
def test_every_language_has_a_catalogue_per_lesson_and_practice_set(kind, notebooks):
    missing = [f"{lang}/{kind}/{lesson}" for lang in TRANSLATED for lesson, _ in notebooks
               if not (LOCALE / lang / kind / f"{lesson}.po").exists()]
    assert missing == [], "refresh with: python -m workbench.i18n.lesson_catalogues --lang LANG"


def test_a_changed_english_practice_cell_shows_up_untranslated(tmp_path):
    """Editing a practice set's English text makes its translation stale: the build counts the cell and the
    completeness check names it, instead of showing the old translation."""
    import shutil

    english = tmp_path / "exercises"
    shutil.copytree(PRACTICE_SETS, english)
    path = english / "crm" / "06-segmentation-rfm.ipynb"
    nb = nbformat.read(path, 4)
    cell = next(cell for cell in nb.cells if cell.cell_type == "markdown" and cell.source.startswith("**2.**"))
    cell.source = cell.source.replace("Champions?", "Champions today?")
    nbformat.write(nb, path)
    counts = build("fr", tmp_path / "fr", notebooks=english, kind="practice")
    changed = next(count for count in counts if count.lesson == "crm/06-segmentation-rfm")
    assert changed.untranslated == [cell.id]
    assert nbformat.read(tmp_path / "fr" / "crm" / "06-segmentation-rfm.ipynb", 4).cells[
        [c.id for c in nb.cells].index(cell.id)].source == cell.source
    assert all(count.complete for count in counts if count is not changed)
    assert [p.split(": ")[-1] for p in catalogue_problems("fr", notebooks=english, kind="practice")] == ["missing"]


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
