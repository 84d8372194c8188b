"""The lesson notebooks of the repository, and rewriting them in place with an edit applied to each.

Author scripts (:mod:`workbench.glossary_links`, :mod:`workbench.code_cells`) edit every lesson
the same way: read it, apply the edit, write it back only when something changed, so a second
run changes nothing and git shows only real edits.

>>> any(p.name == "00-start-here.ipynb" for p in lesson_paths())
True
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def lesson_paths(root: Path = NOTEBOOKS) -> list[Path]:
    """Every notebook under ``root`` (the lessons, the start page and the glossary), sorted."""
    return sorted(p for p in Path(root).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def notebooks_folder(path: Path) -> Path:
    """The ``notebooks/`` folder a lesson lives under (its parent when it is not under one).

    >>> notebooks_folder(NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb") == NOTEBOOKS
    True
    """
    path = Path(path).resolve()
    return next((p for p in path.parents if p.name == "notebooks"), path.parent)


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
