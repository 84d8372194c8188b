"""Lesson code stays out of a trainee's way: every code cell of every lesson starts collapsed."""

import nbformat
import pytest

from workbench.code_cells import collapse, is_collapsed
from workbench.lesson_files import NOTEBOOKS, lesson_paths


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_every_lesson_code_cell_is_collapsed(path):
    nb = nbformat.read(path, as_version=4)
    shown = [n for n, cell in enumerate(nb.cells, start=1) if not is_collapsed(cell)]
    assert not shown, f"code shown in cells {shown}: run python -m workbench.code_cells"


def test_collapse_keeps_the_other_metadata():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})])
    assert collapse(nb)
    assert nb.cells[0].metadata == {"tags": ["parameters"], "jupyter": {"source_hidden": True}}
