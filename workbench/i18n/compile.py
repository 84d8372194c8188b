"""The package's catalogues compiled: ``workbench/locale/<lang>/LC_MESSAGES/workbench.po`` to ``.mo``.

``python -m workbench.i18n.compile`` writes every ``.mo`` beside its ``.po``; the install (the
Makefile's stamp, the wheel build) runs it, and ``.mo`` files are not committed. A ``.mo`` that
is missing or older than its ``.po`` (an edited catalogue, an install that skipped this step) is
not trusted: :func:`compiled` compiles the ``.po`` again into the user's cache
(``$XDG_CACHE_HOME/workbench/locale``, ``~/.cache`` by default), or in memory when no cache can
be written, so a trainee never silently reads English where a translation exists.

>>> mo_file("fr").relative_to(LOCALE).as_posix()
'fr/LC_MESSAGES/workbench.mo'
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from . import LANGUAGES

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "workbench"


def po_file(lang: str, locale: Path = LOCALE) -> Path:
    """The catalogue translators edit for ``lang``."""
    return locale / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str, locale: Path = LOCALE) -> Path:
    """The compiled catalogue the install writes for ``lang``."""
    return po_file(lang, locale).with_suffix(".mo")


def mo_bytes(po: Path) -> bytes:
    """The ``.mo`` for the catalogue at ``po``: its translated, non-fuzzy entries.

    >>> mo_bytes(po_file("fr"))[:4] in (b"\\xde\\x12\\x04\\x95", b"\\x95\\x04\\x12\\xde")
    True
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalogue = read_po(handle, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def cache_folder() -> Path:
    """Where catalogues compiled on demand are kept for the next time."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "workbench" / "locale"


def _fresh(mo: Path, po: Path) -> bool:
    return mo.is_file() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns


def compiled(lang: str, locale: Path = LOCALE) -> bytes | None:
    """The compiled catalogue of ``lang``, compiling its ``.po`` when no ``.mo`` is as new; ``None`` without a ``.po``."""
    import hashlib

    po, mo = po_file(lang, locale), mo_file(lang, locale)
    if not po.is_file():
        return mo.read_bytes() if mo.is_file() else None
    if _fresh(mo, po):
        return mo.read_bytes()
    cached = cache_folder() / hashlib.sha1(str(po.resolve()).encode()).hexdigest()[:16] / f"{lang}.mo"
    if _fresh(cached, po):
        return cached.read_bytes()
    data = mo_bytes(po)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(cached)
    except OSError:
        pass  # a read-only home: compiled in memory each time, still translated
    return data


def compile_all(locale: Path = LOCALE) -> list[Path]:
    """Write the ``.mo`` of every language beside its ``.po``; the files written."""
    written = []
    for lang in LANGUAGES[1:]:
        po = po_file(lang, locale)
        if po.is_file():
            mo_file(lang, locale).write_bytes(mo_bytes(po))
            written.append(mo_file(lang, locale))
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.i18n.compile``: compile the package's catalogues (run at install)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--locale", type=Path, default=LOCALE, help="the locale folder (default: the package's)")
    args = parser.parse_args(argv)
    for path in compile_all(args.locale):
        print(f"compiled {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
