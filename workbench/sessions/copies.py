"""Copies of what a grading run shares between notebooks, each checked against a fingerprint.

The grader takes a fingerprint of every shared file or folder (a trainee's
data variant, the company's export, a handed-in practice database) before any
trainee code runs, then gives each notebook, and each re-check, a copy of its
own that must match it.  A notebook that changes its data changes only its
copy; a shared original changed during the run is noticed, never used.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "contacts.csv").write_text("contact_id\\nC001\\n")
>>> mark = fingerprint(folder)
>>> copy = verified_copy(folder, folder.parent / (folder.name + "-copy"), mark)
>>> _ = (folder / "contacts.csv").write_text("contact_id\\nC999\\n")
>>> verified_copy(folder, folder.parent / (folder.name + "-again"), mark)
Traceback (most recent call last):
...
workbench.errors.DataError: ...: it changed after grading started, so it is not used. Fix: ...
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ..errors import DataError
from ..i18n.messages import _


def fingerprint(path: str | Path) -> str:
    """A SHA-256 over a file's bytes, or over every file of a folder (names and bytes, in name order)."""
    path = Path(path)
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode("utf-8") if file != path else b"")
        digest.update(b"\0")
        with file.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def verified_copy(source: str | Path, dest: str | Path, expected: str) -> Path:
    """Copy the file or folder ``source`` to ``dest``; raise :class:`DataError` unless the copy matches ``expected``."""
    source, dest = Path(source), Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, dest)
    else:
        shutil.copyfile(source, dest)
    if fingerprint(dest) != expected:
        raise DataError(_("it changed after grading started, so it is not used"), file=str(source),
                        fix=_("grade again; if it happens again, a notebook is writing into the grader's files: "
                            "grade that trainee alone (--jobs 1) and look at their code"))
    return dest
