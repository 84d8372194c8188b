"""The practice CRM in a real browser, as a salesperson uses it: a close date typed day first, a bad
one named in the form, and a task text whose Arabic company name leaves the English sentence whole."""

import json

import nbformat
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARABIC_COMPANY = "شركة الأدوات التبريزية"
ARABIC_CONTACT = "رضا کریمی"
SETUP = f"""import json, os
os.environ["WORKBENCH_DATE_ORDER"] = "DMY"  # what a trainee's .workbench.json or locale would say
from workbench.practice.database import sandbox, tiny_dataset
from workbench.practice import records
from workbench.widgets import practice as screens
db = sandbox(tiny_dataset())
records.update(db, "leads", "L001", {{"company": {ARABIC_COMPANY!r}}})
subject = json.loads(db.conn.execute("SELECT params FROM practice_tasks WHERE task_id = 'convert-lead'").fetchone()[0])
db.conn.execute("UPDATE practice_tasks SET params = ? WHERE task_id = 'convert-lead'",
                (json.dumps({{**subject, "company": {ARABIC_COMPANY!r}}}),))
db.conn.execute("UPDATE practice_tasks SET params = json_set(params, '$.name', ?) "
                "WHERE task_id = 'record-consent-revocation'", ({ARABIC_CONTACT!r},))"""


@pytest.fixture
def practice_notebook(lab_server):
    """A notebook in the lab showing the convert-lead task and its screen on a small practice CRM."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"display_name": "Python 3", "language": "python",
                                                           "name": "python3"}})
    nb.cells = [nbformat.v4.new_code_cell(SETUP),
                nbformat.v4.new_code_cell('screens.practice_task(db, "convert-lead")'),
                nbformat.v4.new_code_cell('screens.practice_task(db, "record-consent-revocation")'),
                nbformat.v4.new_code_cell("convert = screens.ConvertLeadScreen(db)\nconvert")]
    name = "practice-screens-check.ipynb"
    (lab_server.root / name).write_text(json.dumps(nb), encoding="utf-8")
    yield name
    (lab_server.root / name).unlink(missing_ok=True)


def _box(lab, label: str):
    return lab.notebook.locator(".widget-text", has=lab.page.locator("label", has_text=label)).locator("input")


def test_a_close_date_typed_day_first_is_saved_and_a_bad_one_is_named(lab_pages, practice_notebook):
    with lab_pages() as lab:
        lab.open(practice_notebook)
        lab.run_all()
        assert lab.errors() == []
        screen = lab.cell_with("ConvertLeadScreen").locator(".jp-OutputArea-output")
        _box(lab, "amount").fill("18000")
        _box(lab, "amount").press("Tab")
        close = _box(lab, "close date")
        close.click()
        lab.page.keyboard.type("31/02/2026")
        close.press("Tab")
        screen.get_by_role("button", name="Convert").click()
        expect(screen.locator('[role="alert"]')).to_contain_text("close date")
        expect(screen.locator('[role="alert"]')).to_contain_text("not a day of the calendar")
        lab.shot("practice-date-named-in-the-form", screen)
        close.click()
        close.fill("")
        lab.page.keyboard.type("30/09/2026")  # typed where the trainee clicked: no year 275760
        close.press("Tab")
        expect(close).to_have_value("30/09/2026")
        screen.get_by_role("button", name="Convert").click()
        expect(screen.locator('[role="status"]')).to_contain_text("Converted")
        lab.shot("practice-date-entered", screen)
        assert lab.errors() == []


PLACES = """(el, pieces) => pieces.map(text => {
    const walker = document.createTreeWalker(el.querySelector('[dir=auto]') || el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode()) && !node.textContent.includes(text)) {}
    const start = node.textContent.indexOf(text);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + text.length);
    const box = range.getBoundingClientRect();
    return {left: box.left, right: box.right};
})"""


def in_order_on_screen(locator, pieces) -> bool:
    """True when the pieces of one sentence are drawn left to right in the order they are written."""
    places = locator.evaluate(PLACES, pieces)
    return all(a["right"] <= b["left"] + 1 for a, b in zip(places, places[1:]))


def test_task_texts_with_arabic_names_read_in_order(lab_pages, practice_notebook):
    with lab_pages() as lab:
        lab.open(practice_notebook)
        lab.run_all()
        card = lab.cell_with('"convert-lead")').locator(".jp-OutputArea-output .widget-html").first
        expect(card).to_contain_text(ARABIC_COMPANY)
        assert in_order_on_screen(card, [" from ", ARABIC_COMPANY, "(L001)", "is qualified"])
        lab.shot("practice-task-arabic-company", card)
        # A sentence that starts with a right-to-left name stays an English sentence (left to right).
        card = lab.cell_with('"record-consent-revocation")').locator(".jp-OutputArea-output .widget-html").first
        expect(card).to_contain_text(ARABIC_CONTACT)
        assert in_order_on_screen(card, [ARABIC_CONTACT, "(C004)", "phoned to say"])
        lab.shot("practice-task-arabic-contact", card)
