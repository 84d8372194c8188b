"""The editorial JSON files (personas, a saved editorial line): read with a clear error, written whole.

>>> import tempfile, pathlib
>>> path = write_json([{"theme": "Hybrid work"}], pathlib.Path(tempfile.mkdtemp()) / "line.json")
>>> read_json(path, missing="no editorial line here", find="save the line first", fix="save the line again")
[{'theme': 'Hybrid work'}]
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import DataError
from ..i18n.messages import _


def read_json(path: str | Path, *, missing: str, find: str, fix: str):
    """The content of the JSON file ``path``; a :class:`~workbench.errors.DataError` naming it when it cannot be read.

    ``missing`` is the whole sentence the error says when there is no such file
    (``"personas file not found"``, already in the reader's language), ``find``
    says how to get one and ``fix`` how to repair one that is not valid JSON.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "personas.json"
    >>> _ = path.write_text("not json", encoding="utf-8")
    >>> read_json(path, missing="personas file not found", find="give its path", fix="save the personas as a JSON list")
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: personas.json: not valid JSON (Expecting value: line 1 column 1 (char 0)). Fix: save the personas as a JSON list.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(missing, file=path, fix=find)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise DataError(_('not valid JSON ({err})').format(err=err), file=path, fix=fix) from None


def write_json(data, path: str | Path) -> Path:
    """Write ``data`` to ``path`` as indented UTF-8 JSON and return the path.

    The text goes to a temporary file first, then replaces ``path`` in one
    step, so an interrupted save leaves the previous file whole.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
