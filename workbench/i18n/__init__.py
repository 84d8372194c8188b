"""The workbench in other languages: English is the source, catalogues hold the rest.

Lessons are translated cell by cell (:mod:`workbench.i18n.lesson_catalogues`): each
lesson has one gettext catalogue per language under ``workbench/locale/<lang>/lessons/``,
whose message ids are the English markdown cells and the title and goals in the
lesson's metadata. A changed English cell no longer matches its entry, so it shows up as
untranslated instead of silently stale.
"""

#: The languages the course is written in, English first (the source).
LANGUAGES = ("en", "fr", "ar", "fa", "bn")
#: The languages written right to left.
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
#: The languages whose translation is finished: a missing or fuzzy entry of theirs fails the tests.
COMPLETE: frozenset[str] = frozenset()
