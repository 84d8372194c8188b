"""workbench.lessons: the catalogue, and the one way a notebook is given its parameters."""

import nbformat
import pytest

from workbench.errors import InputError
from workbench.lessons import INJECTED, NOTEBOOKS, in_course_order, lesson_paths, resolve, with_parameters


def notebook(*cells):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source, metadata={"tags": tags})
                                           for source, tags in cells])


def test_parameters_go_right_after_the_parameters_cell_and_replace_earlier_injections():
    nb = notebook(("import x", []), ("data_dir = None", ["parameters"]),
                  ("data_dir = '/old'", [INJECTED]), ("x.go()", []))
    with_parameters(nb, data_dir="/tmp/company")
    assert [c.source.splitlines()[-1] for c in nb.cells] == [
        "import x", "data_dir = None", "data_dir = '/tmp/company'  # the data this notebook works on", "x.go()"]
    assert nb.cells[2].metadata.tags == [INJECTED]
    nbformat.validate(nb)


def test_without_a_parameters_cell_the_values_come_first():
    nb = with_parameters(notebook(("x = 1", [])), data_seed=1001)
    assert nb.cells[0].source.endswith("data_seed = 1001  # your own variant of the sample company")


def test_the_course_lists_every_lesson_notebook_once():
    assert sorted(lesson.path for lesson in in_course_order()) == lesson_paths(NOTEBOOKS)


def test_an_unknown_lesson_id_names_known_ones():
    with pytest.raises(InputError, match="no lesson notebook called 'crm/nope'.*crm/"):
        resolve("crm/nope")
