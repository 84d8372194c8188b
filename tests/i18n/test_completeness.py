"""Every language complete or the tests fail: the catalogues are current, their placeholders kept, and a
language declared complete has no missing or fuzzy entry in any catalogue (the package's and the lessons')."""

from __future__ import annotations

import pytest

from workbench.i18n import COMPLETE, LANGUAGES
from workbench.i18n.compile import LOCALE, po_file
from workbench.i18n.completeness import catalogues, placeholder_mismatches, untranslated
from workbench.i18n.extract import TEMPLATE, template
from workbench.i18n.lesson_catalogues import read


def _ids(catalogue) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalogue if m.id}


@pytest.fixture(scope="module")
def extracted():
    return template()


def test_the_committed_template_holds_every_string_of_the_package(extracted):
    committed = _ids(read(TEMPLATE))
    fresh = _ids(extracted)
    assert not fresh - committed, ("strings not in workbench.pot yet: run python -m workbench.i18n.extract",
                                   sorted(fresh - committed)[:5])
    assert not committed - fresh, ("entries the package no longer has: run python -m workbench.i18n.extract",
                                   sorted(committed - fresh)[:5])


def test_every_exercise_s_declared_texts_are_in_the_template(extracted):
    from workbench.exercises.registry import CHECKS_PACKAGE, all_exercises

    ids = {m.id for m in extracted}
    for exercise in all_exercises():
        if not exercise.check.__module__.startswith(CHECKS_PACKAGE):
            continue  # registered by another test, not part of the package
        assert exercise.title in ids, exercise.id
        for mistake in exercise.wrong:
            if mistake.known:
                assert mistake.message in ids, exercise.id


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_each_language_s_catalogue_has_the_template_s_entries(lang):
    assert _ids(read(po_file(lang))) == _ids(read(TEMPLATE)), "run python -m workbench.i18n.extract"


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_translations_keep_the_english_placeholders(lang):
    wrong = [(path.relative_to(LOCALE).as_posix(), m.id) for path in catalogues(lang)
             for m in placeholder_mismatches(read(path))]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("lang", COMPLETE or [pytest.param(None, marks=pytest.mark.skip("no language declared "
                                                                                         "complete yet"))])
def test_a_language_declared_complete_has_no_missing_or_fuzzy_entry(lang):
    missing = [(path.relative_to(LOCALE).as_posix(), m.id) for path in catalogues(lang) for m in untranslated(read(path))]
    assert not missing, f"{len(missing)} entries missing or fuzzy, e.g. {missing[:3]}"


def test_an_incomplete_catalogue_is_found(catalogue):
    from babel.messages.catalog import Catalog

    fr = read(po_file("fr", catalogue))
    assert not list(untranslated(fr))
    fr.add("Next hint:", "")
    fr.add("Check again", "Vérifier encore", flags=["fuzzy"])
    assert [m.id for m in untranslated(fr)] == ["Next hint:", "Check again"]
    broken = Catalog(locale="fr")
    broken.add("{n} deals", "{nombre} affaires")
    assert [m.id for m in placeholder_mismatches(broken)] == ["{n} deals"]


def test_no_message_is_written_inside_an_f_string():
    """Babel cannot see ``_("...")`` inside an f-string's braces (Python 3.11 tokenises an f-string whole), so such a
    message never reaches the catalogue and stays English: write it outside the f-string."""
    import ast

    from workbench.i18n.extract import PACKAGE

    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [f"{path.relative_to(PACKAGE.parent)}:{call.lineno}" for call in ast.walk(node)
                           if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                           and call.func.id in {"_", "N_", "ngettext", "pgettext"}
                           and any(isinstance(arg, ast.Constant) for arg in call.args)]
    assert not hidden, f"messages inside f-strings, never extracted: {hidden}"
