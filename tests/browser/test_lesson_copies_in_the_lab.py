"""`make lab` as a trainee first meets it: JupyterLab on their own copy of the lessons, with the
project's own lab defaults (no user settings): no news pop-up, whole file names in the side panel,
the practice sets beside the lessons, Next links that open the next lesson, outputs saved into the
copy and never into the repository."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbench.labsettings import install
from workbench.lesson_copies import WORKSPACES

from .conftest import REPO, LabServer, lab_default_url, pages_on

WORKBENCH = Path(sys.executable).with_name("workbench")


def make_lab_commands(home: Path) -> Path:
    """What the Makefile's lab target runs before JupyterLab: the copy, then the folder JupyterLab opens."""
    env = {"WORKBENCH_HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    subprocess.run([str(WORKBENCH), "lessons", "copy"], env=env, check=True, capture_output=True, cwd=REPO)
    folder = subprocess.run([str(WORKBENCH), "lessons", "folder"], env=env, check=True, capture_output=True,
                            text=True, cwd=REPO).stdout.strip()
    return Path(folder)


@pytest.fixture(scope="module")
def trainee_lab(tmp_path_factory, chromium):
    tmp = tmp_path_factory.mktemp("trainee-lab")
    home = tmp / "home"
    folder = make_lab_commands(home)
    install(sys.prefix, target=tmp / "config" / "labconfig" / "default_setting_overrides.json")
    server = LabServer(tmp, root=folder, home=home, quiet=False, workspaces=folder / WORKSPACES)  # as make lab
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture
def trainee(browser, trainee_lab, screenshots):
    return pages_on(browser, trainee_lab, screenshots)


def cut_file_names(lab) -> list[str]:
    return lab.page.evaluate("""() => [...document.querySelectorAll('.jp-DirListing-item .jp-DirListing-itemText')]
        .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent)""")


def open_folder(lab, name: str) -> None:
    """Open the folder ``name`` of the listing shown, by double-click, as a trainee would.

    The item is matched on its whole name (a notebook such as 01-what-a-crm-is.ipynb is not the
    folder crm); a double-click that lands while the listing is still being redrawn is tried again.
    """
    item = lab.page.locator(".jp-DirListing-item").filter(has=lab.page.get_by_text(name, exact=True)).first
    crumbs = lab.page.locator(".jp-BreadCrumbs")
    for _ in range(3):
        item.dblclick()
        try:
            expect(crumbs).to_contain_text(name, timeout=5_000)
            return
        except AssertionError:
            if name in crumbs.inner_text():  # it opened, just late
                return
    expect(crumbs).to_contain_text(name)


def test_the_first_run_opens_the_trainees_copy_quietly_with_whole_file_names(trainee, trainee_lab):
    repository_lesson = (REPO / "notebooks" / "00-start-here.ipynb").read_bytes()
    with trainee() as lab:
        lab.goto(lab_default_url())
        lab.wait_notebook("00-start-here.ipynb")
        listing = lab.page.locator(".jp-DirListing-content")
        for folder in ("crm", "editorial", "exercises", "network", "superusers"):
            expect(listing.locator(".jp-DirListing-item", has_text=folder).first).to_be_visible()
        lab.page.wait_for_timeout(3000)  # the news question comes a moment after the page
        expect(lab.page.locator(".Toastify__toast")).to_have_count(0)
        lab.shot("first-run-trainee-copy")

        for track, longest in (("editorial", "02-levels-of-action-and-weekly-means.ipynb"),
                               ("superusers", "03-adapting-lessons-to-your-data.ipynb"),
                               ("crm", "02-accounts-contacts-and-consent.ipynb")):
            open_folder(lab, track)
            expect(listing).to_contain_text(longest)
            assert cut_file_names(lab) == [], f"names cut in {track}/"
            lab.page.locator(".jp-BreadCrumbs-home").click()
        open_folder(lab, "crm")
        lab.shot("file-names-whole-in-the-side-panel")
        lab.page.locator(".jp-BreadCrumbs-home").click()
        open_folder(lab, "exercises")
        open_folder(lab, "crm")
        expect(listing).to_contain_text("04-activities-and-follow-ups.ipynb")  # the practice sets are reachable
        assert cut_file_names(lab) == []

        lab.run_all()
        assert lab.errors() == []  # the copy finds the sample company from the workbench home
        lab.page.keyboard.press("Control+s")
        copy = trainee_lab.root / "00-start-here.ipynb"
        lab.page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
        outputs = [c.get("outputs") for c in json.loads(copy.read_text(encoding="utf-8"))["cells"]]
        assert any(outputs), "the trainee's outputs were not saved into their copy"
    assert (REPO / "notebooks" / "00-start-here.ipynb").read_bytes() == repository_lesson


def test_next_is_a_link_that_opens_the_next_lesson(trainee):
    with trainee() as lab:
        lab.open("crm/04-activities-and-follow-ups.ipynb")
        link = lab.notebook.locator(".jp-RenderedMarkdown a", has_text="05-data-quality-and-duplicates.ipynb")
        expect(link).to_have_count(1)
        link.scroll_into_view_if_needed()
        lab.shot("next-lesson-link", link.locator("xpath=ancestor::div[contains(@class,'jp-Cell')][1]"))
        link.click()
        expect(lab.page.locator('.lm-TabBar-tab[data-type="document-title"].lm-mod-current')).to_contain_text(
            "05-data-quality-and-duplicates.ipynb")
