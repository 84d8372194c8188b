"""Papermill parameters: the values a released or graded notebook runs with.

A lesson's first code cell is tagged ``parameters`` and holds the defaults
(``data_dir = None``, ``data_seed = None``).  Following papermill's convention,
the values of one run go in a cell tagged ``injected-parameters`` right after
it.  :func:`inject` first removes every injected cell already there, so the
values a grader injects replace whatever a trainee wrote in theirs.

>>> nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "data_seed = None"},
...                 {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]}, "source": "data_seed = 7"}]}
>>> nb = inject(nb, {"data_seed": 1001})
>>> len(nb["cells"])
2
>>> print(nb["cells"][1]["source"])
# Parameters
data_seed = 1001  # your own variant of the sample company
"""

from __future__ import annotations

import uuid

PARAMETERS, INJECTED = "parameters", "injected-parameters"
NOTES = {"data_seed": "your own variant of the sample company", "data_dir": "the data this notebook works on"}


def _tags(cell) -> list:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    tags = meta.get("tags") if isinstance(meta, dict) else None
    return tags if isinstance(tags, list) else []


def source(values: dict) -> str:
    """The injected cell's code for ``values`` (a Python literal per name).

    >>> print(source({"data_dir": "/tmp/company", "data_seed": None}))
    # Parameters
    data_dir = '/tmp/company'  # the data this notebook works on
    data_seed = None
    """
    lines = ["# Parameters"]
    for name, value in values.items():
        note = f"  # {NOTES[name]}" if value is not None and name in NOTES else ""
        lines.append(f"{name} = {value!r}{note}")
    return "\n".join(lines)


def inject(nb, values: dict):
    """Put ``values`` in a fresh ``injected-parameters`` cell of ``nb`` (after its ``parameters`` cell).

    Works on a plain notebook dict and on an ``nbformat`` notebook alike; returns ``nb``.
    Without a ``parameters`` cell (a trainee deleted it) the values go first, as papermill does.
    """
    cells = [c for c in nb["cells"] if INJECTED not in _tags(c)]
    where = next((i + 1 for i, c in enumerate(cells) if PARAMETERS in _tags(c)), 0)
    cell = {"cell_type": "code", "execution_count": None, "id": uuid.uuid4().hex[:8],
            "metadata": {"tags": [INJECTED]}, "outputs": [], "source": source(values)}
    if hasattr(nb, "cells"):  # an nbformat notebook: its cells are nbformat nodes too
        import nbformat

        cell = nbformat.from_dict(cell)
    cells.insert(where, cell)
    nb["cells"] = cells
    return nb
