"""Notebooks: committed clean, described by metadata, and every solution passes its checks.

The lessons themselves (trainee-facing, no solutions) and the released trainee copies of the
practice sets are executed by nbval in lax mode (see the Makefile's test target); here the
practice sets' *solutions* run under papermill with WORKBENCH_STRICT=1, so a check that does
not give full marks to its solution fails the suite.
"""

import json
import re
from pathlib import Path

import nbformat
import pytest

from workbench.exercises import get
from workbench.exercises.solutions import has_solution
from workbench.lessons import in_course_order, read_lesson

ROOT = Path(__file__).resolve().parents[1]
ALL = sorted(p for folder in ("notebooks", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
             if ".ipynb_checkpoints" not in p.parts)
LESSONS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
PRACTICE = sorted((ROOT / "exercises").rglob("*.ipynb"))
ID_IN_CODE = re.compile(r"""wb\.(?:ask|check|check_button)\(\s*["']([\w.-]+)["']""")


def rel(p):
    return str(p.relative_to(ROOT))


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_committed_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{rel(path)} has outputs: clear them before committing"
            assert cell.get("execution_count") is None, f"{rel(path)} has execution counts"
    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_exercise_ids_exist_and_are_tagged(path):
    nb = nbformat.read(path, as_version=4)
    listed = set(nb.metadata.get("workbench", {}).get("exercises", []))
    used = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for id in ID_IN_CODE.findall(cell.source):
            get(id)  # raises if unknown
            used.add(id)
            assert cell.metadata.get("workbench", {}).get("exercise") == id, \
                f"{rel(path)}: the cell using {id} lacks metadata workbench.exercise"
    assert used <= listed, f"{rel(path)}: exercises used but not listed in metadata: {used - listed}"


@pytest.mark.parametrize("path", LESSONS, ids=rel)
def test_lesson_metadata(path):
    lesson = read_lesson(path)
    assert lesson.title and lesson.goals and lesson.sources and lesson.duration_minutes > 0
    nb = nbformat.read(path, as_version=4)
    assert not any(has_solution(c.source) for c in nb.cells), "lessons hold no solutions"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert params and "data_dir" in params[0].source, "first code cell must be the tagged parameters cell"
    if lesson.track in ("crm", "network", "editorial"):
        assert 20 <= lesson.duration_minutes <= 40
        assert len(lesson.exercises) >= 3, "each lesson has three or more checked exercises"


def test_lessons_are_ordered_by_track():
    tracks = [lesson.track for lesson in in_course_order()]
    assert tracks[0] == "start"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", PRACTICE, ids=rel)
def test_solutions_pass_every_check(path, tmp_path, monkeypatch):
    import papermill

    monkeypatch.setenv("WORKBENCH_STRICT", "1")
    nb = nbformat.read(path, as_version=4)
    assert any(has_solution(c.source) for c in nb.cells), "a practice set has solution regions"
    papermill.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3",
                               cwd=str(path.parent), progress_bar=False)


def test_the_network_inventory_is_shown_as_a_trainee_reads_it():
    """Lesson network/01 shows the rep's inventory without row numbers, True/False or long decimals."""
    nb = nbformat.read(ROOT / "notebooks" / "network" / "01-inventory-of-your-network.ipynb", as_version=4)
    shown = [c.source for c in nb.cells if c.cell_type == "code" and "inv" in c.source and "wb.ask" not in c.source
             and "show_table(" in c.source]
    assert len(shown) == 2, "the inventory and its warm prospects go through wb.show_table"
    assert not any(re.search(r"^(inv|warm)\[\[", c.source, re.M) for c in nb.cells if c.cell_type == "code")
    assert '"strength (0 to 1)"' in shown[0] and "decimals=2" in shown[0]


def test_the_reach_table_names_its_levels_in_words():
    """Lesson network/04 shows each rep's reach under words, without the export's profile keys."""
    nb = nbformat.read(ROOT / "notebooks" / "network" / "04-reach-coverage-and-weekly-means.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code" and "reach_table(" in c.source]
    assert code and all("wb.show_table(" in c and '"level2": "level 2:' in c and '"who"' not in c for c in code)
