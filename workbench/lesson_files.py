"""Rewriting lesson notebooks in place with an edit applied to each.

Author scripts (:mod:`workbench.glossary_links`, :mod:`workbench.code_cells`) edit every lesson
the same way: read it, apply the edit, write it back only when something changed, so a second
run changes nothing and git shows only real edits. Which notebooks are lessons is
:mod:`workbench.lessons`' to say.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .lessons import lesson_paths


def rewrite(paths: Iterable[Path], edit: Callable[[object, Path], bool]) -> list[Path]:
    """Apply ``edit(notebook, path)`` to each notebook; save those it changed (it returns True). Returns them.

    >>> import tempfile, nbformat
    >>> path = Path(tempfile.mkdtemp()) / "a.ipynb"
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), path)
    >>> def tag(nb, path):
    ...     nb.cells[0].metadata["tags"] = ["x"]
    ...     return True
    >>> [p.name for p in rewrite([path], tag)]
    ['a.ipynb']
    """
    import nbformat

    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if edit(nb, path):
            nbformat.write(nb, path)
            changed.append(Path(path))
    return changed


def rewrite_named(argv: list[str] | None, edit: Callable[[object, Path], bool]) -> tuple[list[Path], list[Path]]:
    """:func:`rewrite` the notebooks named on a command line (``argv``; default ``sys.argv[1:]``), or every lesson
    when none is named. Returns the notebooks changed and those read."""
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or lesson_paths()
    return rewrite(paths, edit), paths
