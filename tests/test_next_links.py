"""No dead ends: every lesson's last "Next" line is a working relative link to the lesson that follows it."""

import re

import nbformat
import pytest

from workbench.lessons import NOTEBOOKS, lesson_paths
from workbench.next_links import NEXT_LINE, link_next, main, next_lesson

LINK = re.compile(r"\[[^\]\n]+\]\(([^)#\s]+\.ipynb)(?:#[\w-]*)?\)")


def lesson_ids():
    return [p for p in lesson_paths() if p.name != "00-glossary.ipynb"]


@pytest.mark.parametrize("path", lesson_ids(), ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_the_last_next_line_links_the_next_lesson(path):
    nb = nbformat.read(path, as_version=4)
    lines = [m.group(0) for cell in nb.cells if cell.cell_type == "markdown" for m in NEXT_LINE.finditer(cell.source)]
    assert lines, f"{path.name} has no Next line: run python -m workbench.next_links"
    targets = [(path.parent / target).resolve() for target in LINK.findall(lines[-1])]
    assert all(t.is_file() for t in targets), f"broken link in {lines[-1]!r}"
    assert next_lesson(path).path.resolve() in targets, \
        f"{lines[-1]!r} does not link {next_lesson(path).path.name}: run python -m workbench.next_links"


@pytest.mark.parametrize("lesson, following", [
    ("00-start-here.ipynb", "crm/01-what-a-crm-is.ipynb"),
    ("crm/04-activities-and-follow-ups.ipynb", "crm/05-data-quality-and-duplicates.ipynb"),
    ("crm/10-choosing-and-running-a-crm.ipynb", "crm/11-practice-crm-tour.ipynb"),
    ("crm/13-cross-selling-and-crm-projects.ipynb", "crm/99-assessment.ipynb"),
    ("editorial/99-assessment.ipynb", "00-start-here.ipynb"),
    ("superusers/04-reading-the-class-report.ipynb", "superusers/99-assessment.ipynb"),
])
def test_course_order(lesson, following):
    assert next_lesson(NOTEBOOKS / lesson).path.resolve() == (NOTEBOOKS / following).resolve()


def test_the_glossary_has_no_next_lesson():
    assert next_lesson(NOTEBOOKS / "00-glossary.ipynb") is None


def test_a_lesson_without_a_next_line_gets_one_and_a_second_run_changes_nothing(tmp_path, capsys):
    folder = tmp_path / "notebooks"
    for name in ("00-start-here.ipynb", "crm/01-what-a-crm-is.ipynb", "crm/02-accounts-contacts-and-consent.ipynb"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nb.cells = [c for c in nb.cells if not NEXT_LINE.search(c.source)]
        nbformat.write(nb, folder / name)
    first = folder / "crm/01-what-a-crm-is.ipynb"
    nb = nbformat.read(first, as_version=4)
    assert link_next(nb, first)
    assert nb.cells[-1].source == "**Next:** [Accounts, contacts and consent](02-accounts-contacts-and-consent.ipynb)."
    assert main([str(first)]) == 0 and main([str(first)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Next links written in 1 of 1 notebook(s)",
                                                    "Next links written in 0 of 1 notebook(s)"]
