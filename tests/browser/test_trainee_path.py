"""The trainee's path in a real browser: a lesson opens with its code collapsed, the course progress
shows "N of M" per track, and a certificate is one printable page."""

import json

import pytest
from playwright.sync_api import expect

from workbench.cli import main
from workbench.exercises.progress import ProgressLog
from workbench.lessons import NOTEBOOKS, in_course_order

pytestmark = pytest.mark.browser

LESSON = "crm/06-segmentation-rfm.ipynb"


def code_cells(notebook: str) -> int:
    nb = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code")


def test_a_lesson_opens_with_its_code_collapsed(lab_pages):
    with lab_pages() as lab:
        lab.open(LESSON)
        notebook = lab.notebook
        expect(notebook.locator(".jp-InputPlaceholder")).to_have_count(code_cells(LESSON))
        expect(notebook.locator(".jp-CodeCell .jp-InputArea-editor")).to_have_count(0)
        expect(notebook.locator("h1", has_text="Segmentation")).to_have_count(1)
        lab.shot("lesson-code-collapsed")
        lab.show_code()  # what the README tells analysts to do
        expect(notebook.locator(".jp-CodeCell .jp-InputArea-editor")).to_have_count(code_cells(LESSON))
        lab.shot("lesson-code-expanded")


def test_start_here_shows_n_of_m_per_track(lab_pages):
    with lab_pages() as lab:
        lab.open("00-start-here.ipynb")
        lab.run_all()
        cell = lab.cell_with("wb.course_progress()")
        output = cell.locator(".jp-OutputArea-output")
        expect(output).to_contain_text("CRM track: ")
        expect(output).to_contain_text(" exercises done · next: ")
        assert "best_points" not in output.inner_text() and "passed True" not in output.inner_text()
        lab.shot("start-here-course-progress", cell)


def test_the_certificate_is_one_page(browser, screenshots, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    assessment = next(lesson for lesson in in_course_order() if lesson.track == "editorial" and lesson.assessment)
    log = ProgressLog(tmp_path / "home" / "progress" / "Nusrat-Jahan.jsonl")
    for id in assessment.exercises:
        log.append({"exercise": id, "points": 1, "max_points": 1})
    assert main(["certificate", "--learner", "Nusrat Jahan", "--track", "editorial",
                 "--out", str(tmp_path / "certificate.html")]) == 0
    page = browser.new_page(viewport={"width": 1123, "height": 794})
    try:
        page.goto((tmp_path / "certificate.html").as_uri())
        expect(page.locator("bdi", has_text="Nusrat Jahan")).to_be_visible()
        expect(page.get_by_text("100 %")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollHeight") <= 794  # one page, no scrolling
        page.screenshot(path=str(screenshots / "certificate.png"))
    finally:
        page.close()


def test_an_assessment_number_is_found_with_the_table_filter(lab_pages):
    with lab_pages() as lab:
        lab.open("crm/99-assessment.ipynb")
        lab.run_all()
        # Tracebacks and broken widgets only: loading the data prints a pandas FutureWarning today.
        assert [e for e in lab.errors() if "FutureWarning" not in e] == []
        table = lab.cell_with("assessment.explorer(data)").locator(".jp-OutputArea-output .jupyter-widgets").first
        expect(table).to_contain_text("rows match")
        table.locator("select").nth(2).select_option("yes")  # Overdue: yes
        lab.wait_idle()
        expect(table).to_contain_text("Overdue")
        lab.shot("assessment-table-filter", lab.cell_with("assessment.explorer(data)"))
