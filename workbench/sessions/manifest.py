"""The release's manifest, ``session.json``: the lessons, their exercises and the trainees with their seeds.

:func:`~workbench.sessions.release.release` writes it into the class folder; the grader
reads it (:func:`read_manifest`) to know whom and what to grade, and on which data
variant, never from the trainees' own folders.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..i18n.messages import _

MANIFEST = "session.json"


def read_manifest(submissions_dir: Path) -> dict | None:
    """The release's ``session.json``, or ``None``; an :class:`InputError` when it is damaged.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> read_manifest(folder) is None
    True
    >>> _ = (folder / MANIFEST).write_text('{"lessons": "none"}')
    >>> read_manifest(folder)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: ...: session.json is not a release manifest (...). Fix: ...
    """
    path = Path(submissions_dir) / MANIFEST
    if not path.is_file():
        return None
    fix = _("restore session.json from your copy of the release, or delete it to grade without it")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(_('session.json cannot be read ({err})').format(err=err), where=str(path), fix=fix) from None
    lessons, trainees = (manifest.get("lessons"), manifest.get("trainees")) if isinstance(manifest, dict) else (0, 0)
    if not (isinstance(lessons, list) and isinstance(trainees, list)
            and all(isinstance(x, dict) and "id" in x and isinstance(x.get("exercises"), list) for x in lessons)
            and all(isinstance(t, dict) and "folder" in t and "learner" in t for t in trainees)):
        raise InputError(_("session.json is not a release manifest (lessons and trainees are missing or damaged)"),
                         where=str(path), fix=fix)
    return manifest
