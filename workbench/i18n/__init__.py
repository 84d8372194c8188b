"""The workbench in other languages: English is the source, catalogues hold the rest.

Lessons are translated cell by cell (:mod:`workbench.i18n.lesson_catalogues`): each
lesson has one gettext catalogue per language under ``workbench/locale/<lang>/lessons/``,
whose message ids are the English markdown cells and the title and goals in the
lesson's metadata. A changed English cell no longer matches its entry, so it shows up as
untranslated instead of silently stale. The practice sets (``exercises/``) are translated the same
way, from ``workbench/locale/<lang>/practice/``.

The package's own words (checks, forms, screens, reports, errors) go through gettext
(:mod:`workbench.i18n.messages`), catalogue ``workbench/locale/<lang>/LC_MESSAGES/workbench.po``,
in the language :mod:`workbench.i18n.language` says (``WORKBENCH_LANG``). Numbers and dates are
written and read per locale by :mod:`workbench.i18n.numbers`; HTML gets its ``lang``, ``dir`` and
left-to-right islands from :mod:`workbench.i18n.html`.
"""

#: The languages the course is written in, English first (the source).
LANGUAGES = ("en", "fr", "ar", "fa", "bn")
#: The languages written right to left.
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
#: The languages whose catalogues (package and lessons) are declared complete: a test fails on any
#: missing or fuzzy entry in them. Add a language here once its translators have finished.
COMPLETE: tuple[str, ...] = ("fr", "ar", "fa", "bn")
