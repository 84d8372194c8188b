"""Exercise forms in a real lab: the hint comes in two steps, and a form whose kernel was restarted
says so and how to recover instead of going dead without a word."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "crm/01-what-a-crm-is.ipynb"
EXERCISE = 'wb.ask("crm.intro.count-contacts")'


def test_a_wrong_answer_gets_the_first_hint_step_then_the_second(lab_pages):
    with lab_pages() as lab:
        lab.open(LESSON)
        lab.run_all()
        form = lab.cell_with(EXERCISE).locator(".jp-OutputArea-output")
        form.locator("input").first.fill("1")
        check = form.get_by_role("button", name="Check")
        feedback = form.locator(".workbench-feedback")
        check.click()
        expect(feedback).to_contain_text("Hint:")
        first = feedback.inner_text()
        check.click()
        expect(feedback).to_contain_text("Next hint:")
        assert feedback.inner_text() != first
        lab.shot("stepped-hint", form)


def test_a_form_after_a_kernel_restart_says_how_to_recover(lab_pages):
    with lab_pages() as lab:
        lab.open(LESSON)
        lab.run_all()
        form = lab.cell_with(EXERCISE).locator(".jp-OutputArea-output")
        note = form.locator(".workbench-kernel-lost")
        expect(note).to_be_hidden()
        form.locator("input").first.fill("1")
        form.get_by_role("button", name="Check").click()
        expect(form.locator(".workbench-feedback")).to_contain_text(re.compile("[Hh]int:"))  # a step of the hint
        lab.menu("Kernel", "Restart Kernel…")
        lab.page.locator(".jp-Dialog button", has_text="Restart").click()
        expect(note).to_be_visible(timeout=30_000)
        expect(note).to_contain_text("lost its connection to Python")
        expect(form.locator(".workbench-feedback")).to_be_hidden()  # no stale verdict beside a new answer
        lab.shot("form-after-kernel-restart", form)
        lab.wait_idle()  # the restarted kernel is up again before the page closes its session


def test_an_open_answer_is_handed_in_and_waits_for_the_trainers_mark(lab_pages):
    from workbench.exercises import get

    email = "crm.activities.follow-up-email"
    with lab_pages() as lab:
        lab.open("crm/04-activities-and-follow-ups.ipynb")
        lab.run_all()
        form = lab.cell_with(f'wb.ask("{email}")').locator(".jp-OutputArea-output")
        expect(form).to_contain_text("Your trainer marks this out of 5 points")  # the rubric above the box
        box = form.locator("textarea")
        check = form.get_by_role("button", name="Check")
        feedback = form.locator(".workbench-feedback")
        box.fill("Thanks for the call.")
        check.click()
        expect(feedback).to_contain_text("Hint:")
        box.fill(get(email).reference(None))
        check.click()
        expect(feedback).to_contain_text("handed in, waiting for a mark")
        lab.shot("open-answer-handed-in", form)
