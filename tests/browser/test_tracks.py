"""A lesson of each track, and each track's main widget, used in JupyterLab in a real browser.

The lessons are discovered when the tests run (tracks are still being written): a lesson of every
track folder (the one with the track's main widget when there is one, else the first), the first
lesson that shows each main widget (the contact explorer, the network explorer, the editorial
calendar planner, the practice CRM's main screen) and the first lesson that draws a chart. Each is
run with
Run > Run All Cells; no cell may show an error, every plotly figure must be drawn, every widget
and chart must fit a laptop screen, and the main widget must answer when a trainee uses it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbench.site import NOTEBOOKS, lessons

pytestmark = pytest.mark.browser

# The main widget of each track, found by the call that shows it in a lesson's code.
MAIN_WIDGETS = {
    "contact explorer": re.compile(r"contact_?explorer|ContactExplorer", re.I),
    "network explorer": re.compile(r"network_?explorer|NetworkExplorer|widgets\.network import explorer", re.I),
    "calendar planner": re.compile(r"calendar_?planner|CalendarPlanner", re.I),
    "practice CRM screen": re.compile(r"practice\.screen\("),
}


def _code(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def main_widget_calls() -> dict[str, tuple[str, str]]:
    """For each main widget, the first lesson that shows it and the call that does."""
    found = {}
    for lesson in lessons():
        for source in _code(lesson.path):
            for name, pattern in MAIN_WIDGETS.items():
                if name not in found and pattern.search(source):
                    found[name] = (lesson.path.relative_to(NOTEBOOKS).as_posix(), pattern.search(source).group(0))
    return found


def lesson_of_each_track() -> list:
    """One lesson per track folder: the one with the track's main widget, else the first.

    Picking the widget's lesson lets both tests of a track share one run of the notebook.
    """
    widget_lessons = {path for path, _ in main_widget_calls().values()}
    chosen = {}
    for lesson in lessons():
        path = lesson.path.relative_to(NOTEBOOKS).as_posix()
        if lesson.track == "start":
            continue
        if lesson.track not in chosen or (path in widget_lessons and chosen[lesson.track] not in widget_lessons):
            chosen[lesson.track] = path
    return [pytest.param(path, id=track) for track, path in chosen.items()]


def main_widget_lessons() -> list:
    found = main_widget_calls()
    return [pytest.param(name, *found[name], id=name.replace(" ", "-")) if name in found else
            pytest.param(name, None, None, id=name.replace(" ", "-"),
                         marks=pytest.mark.skip(reason=f"no lesson shows the {name} yet"))
            for name in MAIN_WIDGETS]


def first_lesson_with_a_chart() -> list:
    for lesson in lessons():
        if any(re.search(r"\bplot|px\.|go\.Figure", source) for source in _code(lesson.path)):
            return [lesson.path.relative_to(NOTEBOOKS).as_posix()]
    return [pytest.param(None, marks=pytest.mark.skip(reason="no lesson draws a chart yet"))]


@pytest.fixture(scope="module")
def run_lesson(lab_pages):
    """Open and run a lesson once per module; later calls for the same lesson reuse the page."""
    opened, pages = {}, []

    def run(notebook: str):
        if notebook not in opened:
            page = lab_pages()
            lab = page.__enter__()
            pages.append(page)
            lab.open(notebook)
            lab.run_all()
            opened[notebook] = lab
        return opened[notebook]

    yield run
    for page in reversed(pages):
        page.__exit__(None, None, None)


def slug(notebook: str) -> str:
    return notebook.removesuffix(".ipynb").replace("/", "-")


@pytest.mark.parametrize("notebook", lesson_of_each_track())
def test_track_lesson_runs_clean(run_lesson, notebook):
    """Run All Cells: no error anywhere, every plotly figure drawn, everything fits 1366 px."""
    lab = run_lesson(notebook)
    lab.notebook.locator(".jp-Cell").first.scroll_into_view_if_needed()
    lab.shot(f"{slug(notebook)}-top")
    assert lab.errors() == []
    figures = lab.plotly_figures()
    assert all(f["drawn"] and f["width"] > 100 and f["height"] > 100 for f in figures), figures
    assert lab.too_wide() == []


@pytest.mark.parametrize("notebook", first_lesson_with_a_chart())
def test_plotly_figures_render_and_are_interactive(run_lesson, notebook):
    """The first lesson with a chart draws it with plotly.js in the browser, with its mode bar."""
    lab = run_lesson(notebook)
    figures = lab.plotly_figures()
    assert figures, f"{notebook} shows no plotly figure"
    assert all(f["drawn"] for f in figures), figures
    figure = lab.notebook.locator(".js-plotly-plot").first
    lab.shot(f"{slug(notebook)}-figure", figure)
    figure.hover()
    expect(figure.locator(".modebar")).to_have_count(1)  # zoom, pan, download: it is live
    assert lab.errors() == []


def use_widget(lab, widget) -> None:
    """Use a widget as a trainee would: type in its search box, pick in its lists, press a button."""
    text_boxes = widget.locator('input[type="text"]:visible, input:not([type]):visible')
    if text_boxes.count():
        box = text_boxes.first
        # A combobox offers its choices in a <datalist>: take the first, as a trainee would.
        suggestions = box.evaluate("el => el.list ? [...el.list.options].map(o => o.value) : []")
        box.fill(suggestions[0] if suggestions else "a")
        box.press("Enter")
        lab.wait_idle()
    for select in widget.locator("select:visible").all()[:2]:
        options = select.locator("option").all()
        if len(options) > 1:
            select.select_option(index=1)
            lab.wait_idle()
    buttons = widget.locator("button:visible:not([disabled])").filter(has_not_text=re.compile(r"^\s*Check\s*$"))
    if buttons.count():
        buttons.first.focus()
        lab.page.keyboard.press("Enter")  # by keyboard, as the design asks of every widget
        lab.wait_idle()
    lab.settle()


@pytest.mark.parametrize("widget_name, notebook, call", main_widget_lessons())
def test_main_widget_is_usable(run_lesson, widget_name, notebook, call):
    """The track's main widget renders, fits the screen and answers when used."""
    lab = run_lesson(notebook)
    cell = lab.cell_with(call)
    widget = cell.locator(".jp-OutputArea-output .jupyter-widgets").first
    expect(widget).to_be_visible()
    name = f"{slug(notebook)}-{widget_name.replace(' ', '-').lower()}"
    lab.shot(f"{name}-before", cell)
    before = widget.inner_text()
    box = widget.bounding_box()
    assert box and box["width"] <= 1366, box

    use_widget(lab, widget)
    lab.shot(f"{name}-after", cell)
    assert widget.inner_text() != before, f"the {widget_name} did not change when used"
    assert lab.errors() == []
    assert lab.too_wide() == []
