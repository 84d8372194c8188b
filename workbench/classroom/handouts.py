"""Lessons into every trainee's home, their hand-ins back, their feedback pages to them: no file moved by hand.

- :func:`release_lessons` releases lessons with ``session release`` (no solutions, each
  trainee's own data variant) into the class folder's ``release/``, then into each trainee's
  lab as ``class/``: a lesson the trainee already has there is kept, never overwritten.
- :func:`collect` gathers every trainee's ``class/`` folder, read-only, in the layout
  ``session grade`` reads (``session.json``, ``roster.csv``, one folder per login).
- :func:`return_feedback` puts each trainee's page from a ``session grade`` output folder into
  their ``class/feedback.html``.

Every file in a trainee's home is written, and read, by a ``tar`` running as the trainee;
root only unpacks what it reads with Python's ``data`` filter (no links out, no devices, no
absolute paths), so a symbolic link a trainee planted leads nowhere.

>>> CLASS_FOLDER, FEEDBACK_PAGE
('class', 'feedback.html')
"""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

from ..accounts import find_account
from ..errors import InputError
from ..settings import safe_name
from .folder import ClassFolder
from .roster import Trainee, course_language
from .trainees import as_trainee, lab_folder

CLASS_FOLDER = "class"  # in each trainee's lab: what the superuser released to them, and their feedback
FEEDBACK_PAGE = "feedback.html"


def _accounts(folder: ClassFolder) -> list[tuple[Trainee, object]]:
    found = []
    for trainee in folder.trainees():
        account = find_account(trainee.login)
        if account is None:
            raise InputError(f"the trainee {trainee.login} has no account on this machine", where="classroom",
                             fix="start the class again (workbench classroom start ROSTER.csv) to create it")
        found.append((trainee, account))
    return found


def _unpack_as_trainee(trainee: Trainee, account, archive: bytes, into: Path, *, keep: bool) -> None:
    """Unpack ``archive`` into ``into`` as the trainee (``keep``: never replace a file they have)."""
    as_trainee(account, trainee, ["mkdir", "-p", str(into)])
    as_trainee(account, trainee, ["tar", "-x", "--no-same-owner", "--no-same-permissions", "-C", str(into),
                                  *(["--skip-old-files"] if keep else [])], input=archive)


def _pack(source: Path) -> bytes:
    """A tar of the folder ``source`` (made by root from the class folder, which trainees cannot reach)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for path in sorted(source.iterdir()):
            archive.add(path, arcname=path.name)
    return buffer.getvalue()


def release_lessons(folder: ClassFolder, lessons: list[str], *, source: str = "lessons") -> list[str]:
    """Release ``lessons`` to every trainee of the class; returns the logins served."""
    import pandas as pd

    from ..sessions.release import release

    people = _accounts(folder)
    roster = pd.DataFrame({"learner": [t.login for t, _ in people], "seed": [t.seed for t, _ in people],
                           "lang": [course_language(t.lang) for t, _ in people]})
    release(lessons, folder.release, trainees=roster, source=source, force=True, progress=False)
    for trainee, account in people:
        staged = folder.release / safe_name(trainee.login)
        _unpack_as_trainee(trainee, account, _pack(staged), lab_folder(account, trainee) / CLASS_FOLDER, keep=True)
    return [t.login for t, _ in people]


def collect(folder: ClassFolder, out) -> Path:
    """Gather every trainee's ``class/`` folder into ``out`` (read-only), as ``session grade`` reads it."""
    from ..sessions.manifest import MANIFEST

    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{str(out)!r} is not empty", where="classroom collect",
                         fix="give a new folder: hand-ins are collected whole, each time into a fresh one")
    if not (folder.release / MANIFEST).is_file():
        raise InputError("nothing was released to this class yet", where="classroom collect",
                         fix="release lessons first: workbench classroom release LESSON...")
    out.mkdir(parents=True, exist_ok=True)
    for name in (MANIFEST, "roster.csv"):
        shutil.copy2(folder.release / name, out / name)
    for trainee, account in _accounts(folder):
        handed_in = lab_folder(account, trainee) / CLASS_FOLDER
        target = out / safe_name(trainee.login)
        target.mkdir()
        done = as_trainee(account, trainee, ["sh", "-c", 'test -d "$1" && tar -c -C "$1" . || true', "-",
                                             str(handed_in)])
        if done.stdout:
            with tarfile.open(fileobj=io.BytesIO(done.stdout), mode="r") as archive:
                archive.extractall(target, filter="data")
    _read_only(out)
    return out


def _read_only(out: Path) -> None:
    for path in sorted(out.rglob("*"), reverse=True):
        if not path.is_symlink():
            path.chmod(0o555 if path.is_dir() else 0o444)
    out.chmod(0o555)


def return_feedback(folder: ClassFolder, grades) -> list[str]:
    """Put each trainee's feedback page from the ``session grade`` output ``grades`` into their ``class/``.

    Returns the logins that got a page; a trainee with none (not graded) is left as they are.
    """
    pages = Path(grades) / "feedback"
    if not pages.is_dir():
        raise InputError(f"no feedback pages in {str(grades)!r}", where="classroom return-feedback",
                         fix="give the --out folder of `workbench session grade`")
    served = []
    for trainee, account in _accounts(folder):
        page = pages / f"{safe_name(trainee.login)}.html"
        if not page.is_file():
            continue
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as archive:
            archive.add(page, arcname=FEEDBACK_PAGE)
        _unpack_as_trainee(trainee, account, buffer.getvalue(), lab_folder(account, trainee) / CLASS_FOLDER, keep=False)
        served.append(trainee.login)
    return served
