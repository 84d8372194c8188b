"""A class on a real JupyterHub, in Chromium: trainees log in and work, the superuser releases, collects,
grades and returns feedback, and no trainee reaches another's files."""

from __future__ import annotations

import json
import re
import stat
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pandas as pd
import pytest
from playwright.sync_api import expect

from workbench.accounts import find_account
from workbench.classroom.hub import api
from workbench.classroom.trainees import lab_folder
from workbench.cli import main
from workbench.errors import WorkbenchError

NOTEBOOK = "00-start-here.ipynb"
EXERCISE = "start.tour.count-sales-team"
PASSWORD = "first-login-password"
LAPTOP = {"width": 1366, "height": 768}


def sales_team(trainee) -> int:
    """The right answer on this trainee's own data variant: the people in sales."""
    home = find_account(trainee.login).home
    users = pd.read_csv(home / ".workbench" / "data" / f"acme-seed-{trainee.seed}" / "users.csv")
    return int((users["team"] == "sales").sum())


def answer_in_class(trainee, exercise: str) -> None:
    """The trainee answers ``exercise`` right in their released lesson, as its Check records it."""
    from workbench.classroom.trainees import as_trainee

    account = find_account(trainee.login)
    contacts = pd.read_csv(account.home / ".workbench" / "data" / f"acme-seed-{trainee.seed}" / "contacts.csv")
    folder = lab_folder(account, trainee).relative_to(account.home.resolve()) / "class"
    code = (f"import os; os.chdir({str(folder)!r}); import workbench as wb; "
            f"assert wb.check({exercise!r}, {len(contacts)}).passed")
    as_trainee(account, trainee, [sys.executable, "-c", code])


def log_in(browser, hub, login: str):
    """A laptop-sized page logged in to the hub as ``login`` (the first login sets the password)."""
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", login)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    return page


def wait_idle(page, timeout: float = 180_000) -> None:
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            if (!panel) return false;
            const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
            if (!status || status.getAttribute('data-status') !== 'idle') return false;
            return ![...panel.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'));
        }""", timeout=timeout, polling=250)
    page.wait_for_timeout(500)


def wait_kernel(hub, login: str, timeout: float = 240) -> None:
    """Until the notebook's kernel has started, has the page connected and is idle (the page's own indicator
    says idle before the kernel exists: Run All would then run nothing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        request = urllib.request.Request(f"{hub.url}/user/{login}/api/sessions",
                                         headers={"Authorization": f"token {hub.folder.api_token()}"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            sessions = json.load(reply)
        if any(s.get("path", "").endswith(NOTEBOOK) and (s.get("kernel") or {}).get("connections", 0) > 0
               and s["kernel"].get("execution_state") == "idle" for s in sessions):
            return
        time.sleep(0.5)
    raise AssertionError(f"the kernel of {NOTEBOOK} was not ready within {timeout:.0f} s")


def wait_notebook(page, hub, login: str, screens) -> None:
    """Until the lab has opened 00-start-here and its kernel is idle (a dialog in the way fails, with a shot)."""
    page.locator(".jp-LabShell").wait_for(timeout=240_000)
    assert page.url.split("?")[0].endswith(f"/user/{login}/lab/tree/{NOTEBOOK}")
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(timeout=120_000)
    try:
        wait_kernel(hub, login)
        wait_idle(page)
    finally:
        dialogs = page.locator(".jp-Dialog")
        if dialogs.count():
            shot(page, screens, f"FAILED-dialog-{login}")
            pytest.fail(f"a dialog is in the way: {dialogs.first.inner_text()[:300]}")


def run_all(page) -> None:
    """Run > Run All Cells, as a trainee does, and wait until every code cell has run."""
    menu(page, "View", "Expand All Code")
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=240_000, polling=250)
    wait_idle(page)


def menu(page, name: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(name)}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def cell_with(page, text: str):
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
    return panel.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea-editor", has_text=text)).first


@pytest.fixture(scope="module")
def screens(screenshots):
    return screenshots


def shot(page, screens, name: str) -> None:
    page.screenshot(path=str(screens / f"classroom-{name}.png"))


def test_trainee_logs_in_checks_an_answer_and_sees_progress(browser, hub_class, screens):
    """First login sets the password, the lab opens 00-start-here on the trainee's own data; Check, progress."""
    amina = hub_class.trainees[0]
    page = log_in(browser, hub_class, amina.login)
    wait_notebook(page, hub_class, amina.login, screens)
    shot(page, screens, "trainee-start-here")
    try:
        run_all(page)
    finally:
        shot(page, screens, "trainee-start-here-run")
    widget = cell_with(page, f'wb.ask("{EXERCISE}")').locator(".jp-OutputArea-output .jupyter-widgets").first
    number, check = widget.locator('input[type="text"]').first, widget.get_by_role("button", name="Check")
    right = sales_team(amina)
    number.fill(str(right))
    number.press("Tab")
    wait_idle(page)
    check.click()
    expect(widget.locator(".workbench-feedback")).to_contain_text(f"Right: {right} people work in sales")
    progress = cell_with(page, "wb.course_progress()")
    progress.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    wait_idle(page)
    expect(progress.locator(".jp-OutputArea-output").first).to_contain_text("1 of")
    progress.scroll_into_view_if_needed()
    shot(page, screens, "trainee-progress")
    log = find_account(amina.login).home / ".workbench" / "progress" / f"{amina.login}.jsonl"
    record = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
    assert (record["exercise"], record["learner"], record["passed"]) == (EXERCISE, amina.login, True)
    assert log.stat().st_uid == find_account(amina.login).uid  # written by the trainee's own server
    page.context.close()


def test_a_trainee_cannot_open_another_ones_files(browser, hub_class, screens):
    """Reza, logged in (his lab in French, as the roster says), is refused Amina's lab (its contents API)
    and cannot read her home on disk."""
    from workbench.classroom.trainees import as_trainee

    amina, reza = hub_class.trainees
    page = log_in(browser, hub_class, reza.login)
    page.locator(".jp-LabShell").wait_for(timeout=240_000)
    expect(page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Fichier$"))).to_be_visible()
    shot(page, screens, "trainee-lab-in-french")
    own = page.request.get(f"{hub_class.url}/user/{reza.login}/api/contents/")
    assert own.status == 200 and NOTEBOOK in own.text()
    other = page.request.get(f"{hub_class.url}/user/{amina.login}/api/contents/{NOTEBOOK}", max_redirects=0)
    assert other.status in (302, 403, 404) and '"content"' not in other.text()
    followed = page.request.get(f"{hub_class.url}/user/{amina.login}/api/contents/{NOTEBOOK}")
    assert '"content"' not in followed.text() and '"cells"' not in followed.text()
    escape = page.request.get(f"{hub_class.url}/user/{reza.login}/api/contents/../../{amina.login}/.bashrc")
    assert escape.status in (400, 403, 404)
    page.context.close()
    amina_home = find_account(amina.login).home
    assert stat.S_IMODE(amina_home.stat().st_mode) == 0o700
    with pytest.raises(WorkbenchError, match="Permission denied"):
        as_trainee(find_account(reza.login), reza, ["cat", str(amina_home / ".workbench" / "lessons" / NOTEBOOK)])
    with pytest.raises(WorkbenchError, match="Permission denied"):
        as_trainee(find_account(reza.login), reza, ["ls", str(amina_home)])


def test_release_collect_grade_and_return_feedback(browser, hub_class, screens, tmp_path, capsys):
    """The superuser never copies a file: release, collect, grade (sandboxed), return; the trainee sees it."""
    amina, reza = hub_class.trainees
    class_dir = str(hub_class.folder.path)
    lesson = "crm/01-what-a-crm-is"
    assert main(["classroom", "release", lesson, "--class-dir", class_dir]) == 0
    for trainee in hub_class.trainees:
        handed_out = lab_folder(find_account(trainee.login), trainee) / "class" / "01-what-a-crm-is.ipynb"
        assert handed_out.stat().st_uid == find_account(trainee.login).uid
        assert json.loads(handed_out.read_text(encoding="utf-8"))["metadata"]["workbench"].get("lang", "en") == \
            (trainee.lang or "en")  # each in their own language
        config = json.loads((handed_out.parent / ".workbench.json").read_text(encoding="utf-8"))
        assert (config["learner"], config["seed"]) == (trainee.login, trainee.seed)
    answer_in_class(amina, "crm.intro.count-contacts")
    assert main(["classroom", "collect", "--out", str(tmp_path / "hand-ins"), "--class-dir", class_dir]) == 0
    collected = tmp_path / "hand-ins"
    assert sorted(p.name for p in collected.iterdir() if p.is_dir()) == sorted(t.login for t in hub_class.trainees)
    notebook = collected / amina.login / "01-what-a-crm-is.ipynb"
    assert not notebook.stat().st_mode & 0o222  # read-only
    assert main(["session", "grade", str(collected), "--out", str(tmp_path / "grades"), "--jobs", "1"]) == 0
    grades = pd.read_csv(tmp_path / "grades" / "grades.csv")
    assert set(grades["trainee"]) == {amina.login, reza.login}
    points = grades.set_index(["trainee", "exercise"])["points"]
    assert points[(amina.login, "crm.intro.count-contacts")] == 1  # her answer, checked again by the grader
    assert points[(reza.login, "crm.intro.count-contacts")] == 0
    assert main(["classroom", "return-feedback", str(tmp_path / "grades"), "--class-dir", class_dir]) == 0
    page = log_in(browser, hub_class, amina.login)
    page.locator(".jp-LabShell").wait_for(timeout=240_000)
    page.goto(f"{hub_class.url}/user/{amina.login}/files/class/feedback.html")
    expect(page.locator("h1")).to_contain_text("Feedback for")
    shot(page, screens, "trainee-feedback")
    page.context.close()
    capsys.readouterr()
    assert main(["classroom", "status", "--class-dir", class_dir]) == 0
    status = capsys.readouterr().out
    assert re.search(rf"{amina.login} .*yes .*1 of \d+ exercises", status), status
    admin = log_in(browser, hub_class, hub_class.admin)
    admin.goto(f"{hub_class.url}/hub/admin")
    expect(admin.get_by_text(amina.login).first).to_be_visible()
    shot(admin, screens, "superuser-admin-page")
    admin.context.close()


def test_hub_refuses_a_login_not_in_the_roster(hub_class):
    """Only the roster's logins (and the admin) may log in, even on first use."""
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{hub_class.url}/hub/login").read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    body = urllib.parse.urlencode({"username": "wbtest-intruder", "password": PASSWORD, "_xsrf": xsrf}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"{hub_class.url}/hub/login", data=body)
    assert refused.value.code == 403 and "Invalid username or password" in refused.value.read().decode()
    assert "wbtest-intruder" not in {u["name"] for u in api(hub_class.folder, "users")}
