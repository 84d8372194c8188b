"""Code out of a trainee's way: every lesson code cell starts collapsed, one click shows it.

JupyterLab hides a cell's code when its metadata holds ``"jupyter": {"source_hidden": true}``;
outputs, forms and charts stay on screen. Run ``python -m workbench.code_cells`` after adding or
editing lessons (the parameters cells are collapsed too); a test fails while a lesson code cell
shows its code. Analysts who want to read the code use JupyterLab's *View > Expand All Code*.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("data = 1"), nbformat.v4.new_markdown_cell("x")])
>>> collapse(nb), collapse(nb)
(True, False)
>>> nb.cells[0].metadata
{'jupyter': {'source_hidden': True}}
"""

from __future__ import annotations

import sys
from pathlib import Path


def is_collapsed(cell) -> bool:
    """True when a code cell's source is hidden (markdown cells are never collapsed)."""
    return cell.get("cell_type") != "code" or bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def collapse(nb, path: Path | None = None) -> bool:
    """Mark every code cell of ``nb`` collapsed; True if any was not."""
    changed = False
    for cell in nb.cells:
        if not is_collapsed(cell):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            changed = True
    return changed


def main(argv: list[str] | None = None) -> int:
    """Collapse the code cells of the given notebooks (default: every lesson); say which changed."""
    from .lesson_files import rewrite_named

    changed, paths = rewrite_named(argv, collapse)
    print(f"code collapsed in {len(changed)} of {len(paths)} notebook(s)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
