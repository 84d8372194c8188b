"""A validated load kept on disk, so that a fresh kernel's ``wb.start()`` does not read and check the CSV files again.

Reading and checking a variant of the sample company costs a kernel about a quarter of a second
of CPU; reading back the typed tables it gave last time, under two hundredths.  A class of
thirty trainees starts a kernel for every lesson, so the load is kept, one file per data
folder, in the learner's own workbench home (``settings.data_cache``).

A kept load is used only when it is sound to:

- it was made from this very folder (its resolved path), from files with the same contents
  (a SHA-256 of every table and of ``meta.json``), by the same loader code (a hash of the
  :mod:`workbench.data` modules and :mod:`workbench.errors`), Python, pandas and numpy, in
  the same language and catalogue (the warnings are worded in it); anything else, and the
  folder is loaded and checked again, and the file replaced;
- a file that cannot be read back (cut short, damaged, not a load) is loaded again, never an
  error;
- it is a pickle, which runs code when read, so it is read only by the account that owns it,
  from a folder that account owns and no one else may write to: a superuser's, grader's or
  root's process never reads a file a trainee could have written (a trainee cannot make a
  file another account owns).  A trainee's own kernel reading the trainee's own file risks
  nothing the trainee could not do in a cell.  The grader's re-checks never ask for a kept
  load at all (:func:`workbench.data.active.start` keeps only the data chosen by a seed or
  the settings, not a folder given to it).

>>> import tempfile
>>> from workbench.data.load import SAMPLE_FOLDER, Dataset, load_sample
>>> store = Path(tempfile.mkdtemp())
>>> first = cached(SAMPLE_FOLDER, store, load_sample, Dataset)      # loaded, checked, kept
>>> again = cached(SAMPLE_FOLDER, store, lambda: None, Dataset)     # read back: nothing is loaded
>>> again is first, again.folder == first.folder
(False, True)
>>> again.contacts.equals(first.contacts), [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
(True, True)
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .schema import TABLES

T = TypeVar("T")

#: Bumped when the layout of a kept file changes.
FORMAT = 1


def cached(folder: Path, store: Path, make: Callable[[], T], kind: type) -> T:
    """``make()``'s result for ``folder``: read back from ``store`` when it was kept from the same inputs, else made
    and kept (see the module docstring).  What is read back must be a ``kind``; a failure to keep it is ignored.
    """
    folder = Path(folder).resolve()
    inputs = fingerprint(folder)
    if not hasattr(os, "geteuid") or inputs["loader"] is None:  # no owners to check (Windows), or no loader source
        return make()
    header = json.dumps(inputs, sort_keys=True).encode()
    path = Path(store) / f"{hashlib.sha256(str(folder).encode()).hexdigest()[:32]}.pickle"
    found = _read(path, header)
    if found is not None and isinstance(found, kind):
        return found
    made = make()
    _write(path, header, made)
    return made


def fingerprint(folder: Path) -> dict:
    """What a load of ``folder`` depends on: the folder, its files' contents, the loader's code and the language.

    >>> from workbench.data.load import SAMPLE_FOLDER
    >>> inputs = fingerprint(SAMPLE_FOLDER)
    >>> sorted(inputs["files"])[:3], len(inputs["files"]["contacts.csv"]), inputs["language"]
    (['accounts.csv', 'activities.csv', 'campaign_members.csv'], 64, 'en')
    """
    import numpy
    import pandas

    from ..i18n.compile import mo_file, po_file
    from ..i18n.language import current_language

    folder = Path(folder)
    lang = current_language()
    return {"format": FORMAT, "folder": str(folder),
            "files": {name: _digest(folder / name) for name in [t.file for t in TABLES] + ["meta.json"]},
            "loader": _loader_digest(), "python": sys.version, "pandas": pandas.__version__,
            "numpy": numpy.__version__, "language": lang,
            "catalogue": [_stamp(po_file(lang)), _stamp(mo_file(lang))]}


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _loader_digest() -> str | None:
    """A hash of the code a load runs: every module of :mod:`workbench.data` (not the generator) and the errors;
    ``None`` when that source cannot be read (an install without it), so nothing is kept."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    try:
        for source in sorted(here.glob("*.py")) + [here.parent / "errors.py"]:
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _owned(info: os.stat_result) -> bool:
    """Owned by this account, and writable by no one else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path, header: bytes):
    """The object kept at ``path`` under ``header``, or ``None`` (missing, another header, not trusted, damaged)."""
    try:
        if not _owned(path.parent.stat()):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or not _owned(info) or fh.readline(len(header) + 1) != header + b"\n":
                return None
            return pickle.load(fh)
        except Exception:  # a damaged file can fail to unpickle in any way: load the folder again
            return None


def _write(path: Path, header: bytes, value) -> None:
    """Keep ``value`` at ``path`` (written whole, then renamed), readable by this account only; failures are ignored."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(header + b"\n")
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError):
        Path(temporary).unlink(missing_ok=True)


__all__ = ["FORMAT", "cached", "fingerprint"]
