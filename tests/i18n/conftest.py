"""Fixtures for the translation tests: pseudo-translated lesson catalogues, and a small French and Arabic
message catalogue translated here, so that the tests do not depend on the state of the real catalogues."""

from __future__ import annotations

import pytest

#: (English, French, Arabic); a pair of tuples is a plural entry (Arabic has six forms).
ENTRIES = [
    ("Check", "Vérifier", "تحقّق"),
    ("Hint:", "Indice :", "تلميح:"),
    ("Hint: {hint}", "Indice : {hint}", "تلميح: {hint}"),
    ("{answer} is the number of accounts (companies), not of people.",
     "{answer} est le nombre de comptes (les entreprises), pas de personnes.",
     "{answer} هو عدد الحسابات (الشركات)، لا عدد الأشخاص."),
    ("You counted companies: look at the contacts table instead.",
     "Vous avez compté les entreprises : regardez plutôt la table des contacts.",
     "لقد عددت الشركات: انظر إلى جدول جهات الاتصال بدلًا من ذلك."),
    ("Count the rows of the contacts table: one row per person.",
     "Comptez les lignes de la table des contacts : une ligne par personne.",
     "عُدّ صفوف جدول جهات الاتصال: صف واحد لكل شخص."),
    ("Yes: {expected:,} contacts.", "Oui : {expected:,} contacts.", "نعم: {expected:,} جهة اتصال."),
    ("{missing} missing", "{missing} manquant", "{missing} مفقود"),
    ("Fix: {fix}.", "Solution : {fix}.", "الحل: {fix}."),
    ("error: {err}", "erreur : {err}", "خطأ: {err}"),
    ("feedback", "retour", "ملاحظات"),
    ("Feedback for %(trainee)s", "Retour pour %(trainee)s", "ملاحظات إلى %(trainee)s"),
    ("Certificate of completion", "Certificat de réussite", "شهادة إتمام"),
    (("{n} hint", "{n} hints"),
     ("{n} indice", "{n} indices", "{n} indices"),
     ("لا تلميحات", "تلميح واحد", "تلميحان", "{n} تلميحات", "{n} تلميحًا", "{n} تلميح")),
]


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """The package reads its fr and ar catalogues from a temporary locale folder holding :data:`ENTRIES`."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from workbench.i18n import compile as compiling
    from workbench.i18n import messages

    for column, lang in ((1, "fr"), (2, "ar")):
        catalogue = Catalog(locale=lang, fuzzy=False)
        for entry in ENTRIES:
            catalogue.add(entry[0], entry[column])
        path = compiling.po_file(lang, tmp_path)
        path.parent.mkdir(parents=True)
        with path.open("wb") as handle:
            write_po(handle, catalogue)
    monkeypatch.setattr(messages, "LOCALE", tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    messages.forget()
    yield tmp_path
    messages.forget()

@pytest.fixture(scope="session")
def pseudo_locale(tmp_path_factory):
    """A locale folder whose Arabic, Bengali and French lesson and practice-set catalogues are every entry
    pseudo-translated."""
    from workbench.i18n.lesson_catalogues import KINDS
    from workbench.i18n.pseudo import fill

    locale = tmp_path_factory.mktemp("pseudo-locale")
    for lang in ("ar", "bn", "fr"):
        for kind in KINDS:
            fill(lang, locale, kind=kind)
    return locale


@pytest.fixture(scope="session")
def arabic_lessons(tmp_path_factory, pseudo_locale):
    """Every lesson built in (pseudo-)Arabic, and the counts the build returned."""
    from workbench.i18n.lesson_build import build

    out = tmp_path_factory.mktemp("lessons-ar")
    return out, build("ar", out, locale=pseudo_locale)
