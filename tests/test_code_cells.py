"""Lesson code stays out of a trainee's way: every code cell of every lesson starts collapsed."""

import re

import nbformat
import pytest

from workbench.code_cells import collapse, is_collapsed
from workbench.lessons import NOTEBOOKS, lesson_paths


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_every_lesson_code_cell_is_collapsed(path):
    nb = nbformat.read(path, as_version=4)
    shown = [n for n, cell in enumerate(nb.cells, start=1) if not is_collapsed(cell)]
    assert not shown, f"code shown in cells {shown}: run python -m workbench.code_cells"


def test_collapse_keeps_the_other_metadata():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})])
    assert collapse(nb)
    assert nb.cells[0].metadata == {"tags": ["parameters"], "jupyter": {"source_hidden": True}}


def test_the_demo_site_shows_collapsed_code_collapsed(tmp_path):
    from workbench.site import build_demo

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Two cells"),
                                         nbformat.v4.new_code_cell("hidden_total = 40 + 2\nhidden_total"),
                                         nbformat.v4.new_code_cell("shown = 'visible code'\nshown")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["workbench"] = {"title": "Two cells", "track": "crm", "order": 1, "duration_minutes": 5}
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    nbformat.write(nb, tmp_path / "01-two-cells.ipynb")
    site = build_demo(tmp_path / "site", lessons=[tmp_path / "01-two-cells.ipynb"], progress=False)
    page = (site.index.parent / "lessons" / "crm-01-two-cells.html").read_text(encoding="utf-8")
    folded = re.findall(r'<details class="workbench-code"><summary>Show the code</summary>(.*?)</details>', page, re.S)
    assert len(folded) == 1 and "hidden_total" in folded[0]
    assert "visible" in page.split("</details>", 1)[1] and "42" in page  # the other cell, and the outputs, stay
