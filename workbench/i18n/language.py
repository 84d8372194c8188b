"""Which language the package speaks now: ``WORKBENCH_LANG``, or one chosen inside the process.

The language comes, first found first, from :func:`use_language` (a block of code, such as
the grader rendering one trainee's feedback), from :func:`set_language` (the whole process),
and from the settings (``WORKBENCH_LANG`` or ``"language"`` in ``.workbench.json``, read by
:mod:`workbench.settings`); English when none says.

>>> with use_language("fr"):
...     current_language(), direction()
('fr', 'ltr')
>>> choose("fa"), direction("fa")
('fa', 'rtl')
>>> choose("de")
Traceback (most recent call last):
...
workbench.i18n.language.LanguageError: 'de' is not a language of the workbench: choose one of en, fr, ar, fa, bn (WORKBENCH_LANG, or "language" in .workbench.json).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from . import LANGUAGES, RIGHT_TO_LEFT

_block: ContextVar[str | None] = ContextVar("workbench_language", default=None)
_process: list[str] = []  # the language set_language chose, if any
_from_settings: dict[tuple, str] = {}  # (WORKBENCH_LANG, working folder) -> the language the settings give


class LanguageError(ValueError):
    """A language the workbench is not written in: the message names the choices."""

    def _render_traceback_(self) -> list[str]:
        """What a notebook shows instead of a traceback: the message alone.

        >>> LanguageError("'de' is not a language of the workbench")._render_traceback_()
        ["\\x1b[1;31mLanguageError\\x1b[0m: 'de' is not a language of the workbench"]
        """
        return [f"\x1b[1;31m{type(self).__name__}\x1b[0m: {self}"]


def choose(lang: str) -> str:
    """``lang`` itself when the workbench speaks it (``"FR"`` and ``"fr_FR"`` read as ``"fr"``); a clear error otherwise.

    >>> choose("fr_FR"), choose(" AR ")
    ('fr', 'ar')
    """
    code = str(lang).strip().replace("-", "_").split("_")[0].lower()
    if code not in LANGUAGES:
        raise LanguageError(f"{lang!r} is not a language of the workbench: choose one of {', '.join(LANGUAGES)} "
                            f'(WORKBENCH_LANG, or "language" in .workbench.json).')
    return code


def current_language() -> str:
    """The language the package's messages are in now.

    >>> with use_language("bn"):
    ...     current_language()
    'bn'
    """
    lang = _block.get() or (_process[-1] if _process else None)
    if lang:
        return lang
    try:
        here = os.getcwd()
    except OSError:  # the working folder was removed: the environment alone decides
        here = ""
    key = (os.environ.get("WORKBENCH_LANG"), here)
    if key not in _from_settings:
        from ..settings import current

        _from_settings[key] = choose(current().language)
    return _from_settings[key]


def set_language(lang: str | None) -> None:
    """Speak ``lang`` in this whole process from now on; ``None`` goes back to the settings.

    >>> set_language("ar"); current_language()
    'ar'
    >>> set_language(None)
    """
    _process.clear()
    if lang is not None:
        _process.append(choose(lang))


@contextmanager
def use_language(lang: str) -> Iterator[str]:
    """Speak ``lang`` inside the ``with`` block only (this thread or task), then as before.

    >>> with use_language("fa") as lang:
    ...     lang
    'fa'
    """
    token = _block.set(choose(lang))
    try:
        yield _block.get()
    finally:
        _block.reset(token)


def direction(lang: str | None = None) -> str:
    """``"rtl"`` for a language written right to left (Arabic, Persian), else ``"ltr"``.

    >>> direction("ar"), direction("bn")
    ('rtl', 'ltr')
    """
    return "rtl" if (choose(lang) if lang else current_language()) in RIGHT_TO_LEFT else "ltr"
