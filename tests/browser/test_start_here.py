"""00-start-here.ipynb as a new trainee meets it, in JupyterLab in a real browser.

The first page ``make lab`` opens, the notebook run top to bottom with no error anywhere, and
the first exercise answered with the mouse and with the keyboard.
"""

import re

import pytest
from playwright.sync_api import expect

from workbench.data import load_sample
from workbench.lessons import NOTEBOOKS, in_course_order

pytestmark = pytest.mark.browser

NOTEBOOK = "00-start-here.ipynb"
EXERCISE = "start.tour.count-sales-team"


@pytest.fixture(scope="module")
def sales_team() -> tuple[int, int]:
    """The right answer and a tempting wrong one (everyone at Acme), from the sample data."""
    users = load_sample().users
    return int((users["team"] == "sales").sum()), len(users)


@pytest.fixture(scope="module")
def start_here(lab_pages):
    """What `make lab` shows first: the server's root URL, then Run > Run All Cells on it.

    Opened and run once for the whole module; ``landed`` records the first page before running.
    """
    with lab_pages() as lab:
        lab.server.forget_workspaces()  # a new user: no tabs left open by earlier tests
        lab.goto("/")
        lab.wait_notebook(NOTEBOOK)
        lab.landed = {"url": lab.page.url.split("?")[0], "dialogs": lab.page.locator(".jp-Dialog").count(),
                      "tabs": lab.page.locator('.lm-TabBar-tab[data-type="document-title"]').all_inner_texts()}
        lab.shot("00-first-page-make-lab")
        lab.run_all()
        yield lab


def exercise_form(lab):
    """The number box, the Check button and the feedback of the first exercise."""
    cell = lab.cell_with(f'wb.ask("{EXERCISE}")')
    widget = cell.locator(".jp-OutputArea-output .jupyter-widgets").first
    widget.wait_for()
    return (widget.locator('input[type="text"]').first,
            widget.get_by_role("button", name="Check"),
            widget.locator(".workbench-feedback"))


def type_answer(lab, number, value) -> None:
    """Type a value and leave the box with Tab, which sends it to the kernel.

    Then wait until the kernel has taken it: ipywidgets holds back a value while an earlier one
    is still on its way, and a Check pressed in that instant would read the old value.
    """
    number.fill(str(value))
    number.press("Tab")
    lab.wait_idle()
    lab.settle()


def test_make_lab_opens_start_here(start_here):
    """The server's root URL (what `make lab` opens) lands in 00-start-here, with a live kernel."""
    lab = start_here
    assert lab.landed["url"].endswith(f"/lab/tree/{NOTEBOOK}")
    assert lab.landed["dialogs"] == 0  # no kernel choice, no error dialog
    assert [t.strip() for t in lab.landed["tabs"]] == [NOTEBOOK]  # the one notebook open
    expect(lab.page.locator(".lm-TabBar-tab.lm-mod-current", has_text=NOTEBOOK).first).to_be_visible()
    expect(lab.notebook.locator("h1", has_text="Start here")).to_have_count(1)
    # The file browser shows the folder of every track.
    for track in ("crm", "network", "editorial", "superusers"):
        expect(lab.page.locator(".jp-DirListing-item", has_text=track).first).to_be_visible()


def test_start_here_runs_without_errors(start_here):
    """Every cell runs; no traceback, stderr or broken widget anywhere; the tour shows data."""
    lab = start_here
    assert lab.errors() == []
    prompts = lab.notebook.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    assert prompts and all("[" in p and "*" not in p for p in prompts)
    # The users table rendered as a table, the forms as widgets, the progress as output.
    assert lab.cell_with("data.users").locator("table").count() == 1
    assert lab.notebook.locator(".jp-OutputArea-output .jupyter-widgets").count() >= 2
    lab.shot("00-start-here-after-run-all")


def test_check_says_right_and_wrong(start_here, sales_team):
    """Type an answer, press Check, read the feedback: wrong first, then right."""
    lab = start_here
    right, everyone = sales_team
    number, check, feedback = exercise_form(lab)

    type_answer(lab, number, everyone)
    check.click()
    expect(feedback).to_contain_text(f"{everyone} is everyone at Acme")
    text = feedback.inner_text()
    assert "✘" in text and "0/1" in text and "Hint:" in text
    lab.shot("00-exercise-wrong", lab.cell_with(f'wb.ask("{EXERCISE}")'))

    type_answer(lab, number, right)
    check.click()
    expect(feedback).to_contain_text(f"Right: {right} people work in sales")
    text = feedback.inner_text()
    assert "✔" in text and "1/1" in text and "Hint" not in text
    lab.shot("00-exercise-right", lab.cell_with(f'wb.ask("{EXERCISE}")'))
    assert lab.errors() == []


def test_check_with_the_keyboard(start_here, sales_team):
    """Tab from the number box reaches Check; Enter and Space press it."""
    lab = start_here
    right, everyone = sales_team
    number, check, feedback = exercise_form(lab)
    wrong = everyone + 7  # a number no other test typed, so its feedback is new text

    type_answer(lab, number, wrong)
    expect(check).to_be_focused()
    lab.page.keyboard.press("Enter")
    expect(feedback).to_contain_text(f"{wrong} is not the size of the sales team")
    expect(feedback).to_contain_text("0/1")

    type_answer(lab, number, right)
    expect(check).to_be_focused()
    lab.page.keyboard.press("Space")
    expect(feedback).to_contain_text(f"Right: {right} people work in sales")
    expect(feedback).to_contain_text("1/1")
    lab.shot("00-exercise-keyboard", lab.cell_with(f'wb.ask("{EXERCISE}")'))


def test_forms_fit_a_laptop_screen(start_here):
    """At 1366x768 no exercise form needs a horizontal scrollbar."""
    assert start_here.too_wide() == []


def test_bengali_names_are_drawn_not_boxes(start_here, bengali_font):
    """Acme's staff include Bengali names: the users table must draw them with a real font."""
    lab = start_here
    cell = lab.cell_with("data.users").locator("td", has_text=re.compile("[\u0980-\u09ff]")).first
    expect(cell).to_be_visible()
    seen = lab.letters_shown_as_boxes(cell)
    lab.shot("00-users-table", lab.cell_with("data.users"))
    assert seen["letters"], seen
    assert seen["boxes"] == [], (f"Bengali letters {seen['boxes']} show as empty boxes in {seen['font']}, "
                                 f"although a Bengali font ({bengali_font}) is installed")


def test_the_track_table_opens_each_track_first_lesson(start_here):
    """Each track's first lesson is a link in start-here; clicking one opens it in a new tab.

    Last in this file: it leaves the CRM lesson open in front of start-here.
    """
    lab = start_here
    first = {}
    for lesson in in_course_order():
        if lesson.track != "start":
            first.setdefault(lesson.track, lesson.path.relative_to(NOTEBOOKS).as_posix())
    table = lab.notebook.locator(".jp-MarkdownOutput table", has_text="it starts at")
    for path in first.values():
        expect(table.get_by_role("link", name=path, exact=True)).to_have_count(1)
    table.get_by_role("link", name=first["crm"], exact=True).click()
    crm = first["crm"].rsplit("/", 1)[-1]
    expect(lab.page.locator('.lm-TabBar-tab.lm-mod-current[data-type="document-title"]', has_text=crm)
           ).to_be_visible(timeout=30_000)
    lab.wait_notebook(crm)
    expect(lab.notebook.locator("h1").first).to_contain_text("What a CRM is")
    lab.shot("00-track-link-opens-crm-01")
