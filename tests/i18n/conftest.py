"""Fixtures for the translation tests: pseudo-translated catalogues, as the translators' are not all in yet."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pseudo_locale(tmp_path_factory):
    """A locale folder whose Arabic, Bengali and French lesson catalogues are every entry pseudo-translated."""
    from workbench.i18n.pseudo import fill

    locale = tmp_path_factory.mktemp("pseudo-locale")
    for lang in ("ar", "bn", "fr"):
        fill(lang, locale)
    return locale


@pytest.fixture(scope="session")
def arabic_lessons(tmp_path_factory, pseudo_locale):
    """Every lesson built in (pseudo-)Arabic, and the counts the build returned."""
    from workbench.i18n.lesson_build import build

    out = tmp_path_factory.mktemp("lessons-ar")
    return out, build("ar", out, locale=pseudo_locale)
