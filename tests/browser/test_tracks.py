"""A lesson of each track, and each track's main widget, used in JupyterLab in a real browser.

The lessons are discovered when the tests run (tracks are still being written): a lesson of every
track folder (the one with the track's main widget when there is one, else the first), the first
lesson that shows each main widget (the contact explorer, the network explorer, the editorial
calendar planner, the practice CRM's main screen) and, for each track that draws charts, a lesson
with a chart. Each is run with Run > Run All Cells; no cell may show an error, every plotly figure
must be drawn, every widget and chart must fit a laptop screen.

Each main widget is then used as a trainee would, mostly from the keyboard (click into it, type,
Tab to the next control, Enter), in one scripted scenario whose result is known from the sample
data: the widget must show exactly that.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbench.data import load_sample
from workbench.lessons import NOTEBOOKS, in_course_order

pytestmark = pytest.mark.browser

# The main widget of each track, found by the call that shows it in a lesson's code.
MAIN_WIDGETS = {
    "contact explorer": re.compile(r"contact_?explorer|ContactExplorer", re.I),
    "network explorer": re.compile(r"network_?explorer|NetworkExplorer|widgets\.network import explorer", re.I),
    "calendar planner": re.compile(r"calendar_?planner|CalendarPlanner", re.I),
    "practice CRM screen": re.compile(r"practice_crm\(|PracticeCRM\("),
}
# A code cell that draws a plotly chart.
CHART = re.compile(r"\bplot_\w*\(|\.plot\(|\bpx\.|go\.Figure|_figure\(|_chart\(|network_map\(|dashboard\(")


def _code(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def _relative(lesson) -> str:
    return lesson.path.relative_to(NOTEBOOKS).as_posix()


def main_widget_calls() -> dict[str, tuple[str, str]]:
    """For each main widget, the first lesson that shows it and the call that does."""
    found = {}
    for lesson in in_course_order():
        for source in _code(lesson.path):
            for name, pattern in MAIN_WIDGETS.items():
                if name not in found and pattern.search(source):
                    found[name] = (_relative(lesson), pattern.search(source).group(0))
    return found


def lesson_of_each_track() -> list:
    """One lesson per track folder: the one with the track's main widget, else the first.

    Picking the widget's lesson lets both tests of a track share one run of the notebook.
    """
    widget_lessons = {path for path, _ in main_widget_calls().values()}
    chosen = {}
    for lesson in in_course_order():
        path = _relative(lesson)
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


def chart_lesson_of_each_track() -> list:
    """For each track that draws charts: the lesson already run for the track if it draws one
    (no extra run), else the track's first lesson that does."""
    already = {p.id: p.values[0] for p in lesson_of_each_track()}
    chosen = {}
    for lesson in in_course_order():
        if lesson.track == "start" or not any(CHART.search(source) for source in _code(lesson.path)):
            continue
        path = _relative(lesson)
        if lesson.track not in chosen or path == already.get(lesson.track):
            chosen[lesson.track] = path
    return [pytest.param(path, id=track) for track, path in chosen.items()] or \
        [pytest.param(None, marks=pytest.mark.skip(reason="no lesson draws a chart yet"))]


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


@pytest.fixture(scope="module")
def sample():
    return load_sample()


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


@pytest.mark.parametrize("notebook", chart_lesson_of_each_track())
def test_plotly_figures_render_and_are_interactive(run_lesson, notebook):
    """A lesson of each track with charts draws them with plotly.js, each with its mode bar."""
    lab = run_lesson(notebook)
    figures = lab.plotly_figures()
    assert figures, f"{notebook} shows no plotly figure"
    assert all(f["drawn"] for f in figures), figures
    figure = lab.notebook.locator(".js-plotly-plot").first
    lab.shot(f"{slug(notebook)}-figure", figure)
    figure.hover()
    expect(figure.locator(".modebar")).to_have_count(1)  # zoom, pan, download: it is live
    assert lab.errors() == []


# --- one scenario per main widget ---------------------------------------------------------------

def press_tab_until(lab, target, most: int = 12) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user moves through a form."""
    for _ in range(most):
        if target.evaluate("el => el === document.activeElement"):
            return
        lab.page.keyboard.press("Tab")
    expect(target).to_be_focused()


def type_and_enter(lab, box, text: str) -> None:
    """Click into a text box, type as a person does and press Enter (which sends the value)."""
    box.click()
    box.press("Control+A")
    lab.page.keyboard.type(text)
    lab.page.keyboard.press("Enter")
    lab.wait_idle()


def use_contact_explorer(lab, widget, data) -> None:
    """Search the name of a planted duplicate without its accent: both records come up, as in the
    explorer built here on the same data; the first opens with its record, consent and timeline,
    and picking the second in the result list opens it."""
    from workbench.text import search_key
    from workbench.widgets.contacts import ContactExplorer

    contacts = data.contacts.set_index("contact_id")
    names = {cid: search_key([f"{contacts.at[cid, 'first_name']} {contacts.at[cid, 'last_name']}"])[0]
             for pair in data.meta["planted"]["duplicate_pairs"] for cid in pair}
    pair = next(p for p in data.meta["planted"]["duplicate_pairs"] if names[p[0]] == names[p[1]])
    query = names[pair[0]]
    expected = ContactExplorer(data.contacts, data.consents, data.activities, data.accounts)
    expected.search.value = query
    ids = expected.matches["contact_id"].tolist()
    labels = [label for label, _ in expected.results.options]
    assert set(pair) <= set(ids)

    type_and_enter(lab, widget.locator("input[type=text]").first, query)
    expect(widget.get_by_role("status").first).to_have_text(re.sub("<[^>]+>", "", expected.count.value))
    detail = widget.locator(".workbench-contact-detail")
    expect(detail).to_contain_text(f"{ids[0]} ·")
    expect(detail).to_contain_text("Timeline (newest first)")
    expect(detail).to_contain_text("Consent in force")

    results = widget.locator("select[size]").first  # the result list, under the three filters
    press_tab_until(lab, results)
    expect(results.locator("option")).to_have_text(labels)
    results.select_option(label=labels[1])  # the arrow keys would move the notebook: see the last test
    lab.wait_idle()
    expect(detail).to_contain_text(f"{ids[1]} ·")


def use_network_explorer(lab, widget, data) -> None:
    """Type the lesson's target account and press Enter: the explorer says how many warm paths
    lead into it (the same count as the explorer built here), lists them and maps the best one."""
    from workbench import network as nw
    from workbench.exercises.check import Context
    from workbench.exercises.checks.network.lesson_data import lesson_target
    from workbench.widgets.network import NetworkExplorer

    ctx = Context()
    ctx.data = data  # the sample the lab's kernel loads, whatever another test made active in this process
    target = lesson_target(ctx)["account"]
    expected = NetworkExplorer(nw.team_network(data), show_map=False)
    expected.target.value = target
    said = re.sub("<[^>]+>", "", expected.message.value)
    assert f"into {target}" in said

    type_and_enter(lab, widget.locator("input[type=text]").first, target)
    expect(widget.get_by_role("status")).to_have_text(said)
    expect(widget.locator("table").first).to_contain_text(expected.paths["who_to_ask"].iloc[0])
    expect(widget.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)


def use_calendar_planner(lab, widget, data) -> None:
    """Set six weeks, Tab to Plan and press Enter: the plan covers six weeks and breaks no hard
    constraint."""
    weeks = widget.locator("input[type=number]").first
    weeks.click()
    weeks.press("Control+A")
    lab.page.keyboard.type("6")
    plan = widget.get_by_role("button", name="Plan")
    press_tab_until(lab, plan)  # weeks, posts, reactions, hours, theme gap, content mix, Plan
    lab.page.keyboard.press("Enter")
    lab.wait_idle()
    expect(widget).to_contain_text("over 6 weeks; hard-constraint breaches: 0;")


def use_practice_crm(lab, widget, data) -> None:
    """Search the contact with the longest history by email, pick it in the list, Tab to Open and
    press Enter: its record opens with its activities in the timeline."""
    busiest = data.activities["contact_id"].value_counts().index[0]
    contact = data.contacts.set_index("contact_id").loc[busiest]
    logged = int((data.activities["contact_id"] == busiest).sum())

    type_and_enter(lab, widget.locator("input[type=text]:visible").first, contact["email"])
    expect(widget).to_contain_text(re.compile(r"(?<!\d)1 contacts? found"))
    results = widget.locator("select:visible").first
    press_tab_until(lab, results)
    results.select_option(index=0)  # the arrow keys would move the notebook: see the last test
    lab.wait_idle()
    press_tab_until(lab, widget.get_by_role("button", name="Open"))
    lab.page.keyboard.press("Enter")
    lab.wait_idle()
    record = widget.locator("h4", has_text=f"{contact['first_name']} {contact['last_name']}")
    expect(record).to_be_visible()
    heading = widget.locator(".widget-html", has=lab.page.locator("b", has_text=re.compile("^Timeline$")))
    timeline = heading.locator("xpath=following-sibling::*[1]").locator("tbody tr")
    expect(timeline).to_have_count(min(logged, TIMELINE_ROWS))


TIMELINE_ROWS = 20  # a record's timeline shows the newest 20 activities


SCENARIOS = {"contact explorer": use_contact_explorer, "network explorer": use_network_explorer,
             "calendar planner": use_calendar_planner, "practice CRM screen": use_practice_crm}


@pytest.mark.parametrize("widget_name, notebook, call", main_widget_lessons())
def test_main_widget_does_its_job(run_lesson, sample, widget_name, notebook, call):
    """The track's main widget renders, fits the screen and gives the known answer when used."""
    lab = run_lesson(notebook)
    cell = lab.cell_with(call)
    widget = cell.locator(".jp-OutputArea-output .jupyter-widgets").first
    expect(widget).to_be_visible()
    name = f"{slug(notebook)}-{widget_name.replace(' ', '-').lower()}"
    lab.shot(f"{name}-before", cell)
    box = widget.bounding_box()
    assert box and box["width"] <= 1366, box

    with lab.shot_on_failure(f"FAILED-{name}"):
        SCENARIOS[widget_name](lab, widget, sample)
    lab.settle()
    lab.shot(f"{name}-after", cell)
    assert lab.errors() == []
    assert lab.too_wide() == []


def test_arrow_keys_move_in_a_widget_list(run_lesson):
    """In the contact explorer's result list, ArrowDown picks the next contact (not the next cell).

    JupyterLab binds these keys to notebook commands (jupyter-widgets/ipywidgets#3912); the
    settings override of :mod:`workbench.labsettings`, installed by ``make``, leaves them to widgets.
    """
    notebook, call = main_widget_calls().get("contact explorer", (None, None))
    if notebook is None:
        pytest.skip("no lesson shows the contact explorer yet")
    lab = run_lesson(notebook)
    results = lab.cell_with(call).locator(".jp-OutputArea-output .jupyter-widgets select[size]").first
    results.select_option(index=0)
    lab.wait_idle()
    cells = lab.page.locator(".jp-Notebook .jp-Cell")
    before = cells.count()
    results.focus()
    lab.page.keyboard.press("ArrowDown")
    lab.wait_idle()
    assert results.evaluate("el => el.selectedIndex") == 1
    for key in ("b", "a", "d", "d", "x"):  # notebook shortcuts that would add, delete or cut a cell
        lab.page.keyboard.press(key)
    lab.wait_idle()
    assert cells.count() == before, "keys typed in a widget list reached the notebook"


def test_calendar_planner_draws_its_calendar(run_lesson):
    """After Plan, the planner shows the plan as a calendar chart under its summary."""
    notebook, call = main_widget_calls().get("calendar planner", (None, None))
    if notebook is None:
        pytest.skip("no lesson shows the calendar planner yet")
    lab = run_lesson(notebook)
    widget = lab.cell_with(call).locator(".jp-OutputArea-output .jupyter-widgets").first
    widget.get_by_role("button", name="Plan").click()
    lab.wait_idle()
    expect(widget.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=10_000)


def test_connector_ranking_reads_in_plain_words(run_lesson, sample):
    """Lesson network/02's ranking: rank, person, company and a reason each; the measures, with units,
    open under "Measures"; ranking by betweenness (picked by its words) puts its best person first."""
    from workbench.network import rank_connectors, team_network

    lab = run_lesson("network/02-connectors.ipynb")
    cell = lab.cell_with("connectors_view(net")
    widget = cell.locator(".jp-OutputArea-output .jupyter-widgets").first
    table = widget.locator("table.workbench-table")
    expect(table).to_be_visible()
    assert [h.strip() for h in table.locator("th").all_inner_texts()] == ["Rank", "Person", "Company", "Why them"]
    rows = table.locator("tbody tr")
    assert rows.count() == 8
    reasons = [r.split("Measures")[0].strip() for r in rows.locator("td:nth-child(4)").all_inner_texts()]
    assert len(set(reasons)) == len(reasons), "the same reason for several people"
    measures = rows.first.locator("details")
    expect(measures.locator("summary")).to_have_text("Measures")
    measures.locator("summary").click()
    expect(measures).to_contain_text("people")
    lab.shot("network-02-connector-ranking", cell)
    widget.locator("select").first.select_option(label="who lies between others (betweenness)")
    lab.wait_idle()
    best = rank_connectors(team_network(sample), by="betweenness", top=1)["name"].iloc[0]
    expect(rows.first.locator("td:nth-child(2)")).to_have_text(best, timeout=15_000)
    assert lab.errors() == []
