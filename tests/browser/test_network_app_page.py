"""The rep's network page, served by Voila as ``workbench network app`` serves it, driven in Chromium.

A rep uploads the archive LinkedIn sends (a zip, untouched), presses one button and finds, without a
line of code: the connectors with a reason each, a warm path with the message to send, and their
level-1/level-2 reach.  Screenshots go to ``build/screenshots/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import zipfile

import pytest

LAPTOP = {"width": 1366, "height": 768}
PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
            'missing."\n\n')


def _linkedin_archive(folder):
    """One sample rep's export zipped as LinkedIn ships it: the three files among others, in the archive root."""
    from workbench.data import SAMPLE_FOLDER

    rep = SAMPLE_FOLDER / "social" / "joan-brennan"
    path = folder / "Basic_LinkedInDataExport_06-30-2026.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
            text = (rep / name).read_text(encoding="utf-8-sig")
            if name == "Connections.csv" and not text.startswith("Notes:"):
                text = PREAMBLE + text
            z.writestr(name, text)
        z.writestr("Profile.csv", "First Name,Last Name,Headline\nJoan,Brennan,Account executive\n")
        z.writestr("Skills.csv", "Name\nNegotiation\n")
    return path


@pytest.fixture(scope="module")
def voila_page(tmp_path_factory, chromium):
    """Voila serving the page notebook on a free loopback port, with its own workbench home."""
    yield from _served(tmp_path_factory, "en")


@pytest.fixture(scope="module")
def voila_page_arabic(tmp_path_factory, chromium):
    """The same page served with ``WORKBENCH_LANG=ar``."""
    yield from _served(tmp_path_factory, "ar")


def _served(tmp_path_factory, lang):
    """Serve the page in ``lang`` until the module's tests are done (see :func:`voila_page`)."""
    pytest.importorskip("voila", reason="the rep's page needs Voila (the [app] and [dev] extras)")
    from workbench.network.app import page_notebook, voila_command

    tmp = tmp_path_factory.mktemp(f"voila-{lang}")
    home = tmp / "home"
    notebook = page_notebook(tmp / "app")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(WORKBENCH_HOME=str(home), WORKBENCH_LEARNER="rep-browser-test", PYTHONUNBUFFERED="1", WORKBENCH_LANG=lang,
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"))
    log_path = tmp / "voila.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(voila_command(notebook, port=port, open_browser=False), env=env,
                                   cwd=notebook.parent, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise RuntimeError(f"voila exited:\n{log_path.read_text()[-3000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.3)
            yield {"url": f"http://127.0.0.1:{port}/", "home": home, "tmp": tmp, "log": log_path}
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_rep_uploads_the_linkedin_zip_and_reads_connectors_a_warm_path_and_reach(browser, voila_page,
                                                                                     screenshots):
    archive = _linkedin_archive(voila_page["tmp"])
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(voila_page["url"], timeout=180_000)
        page.get_by_text("Your network", exact=True).wait_for(timeout=180_000)
        assert page.locator("text=rep_page").count() == 0  # a page, not code
        page.screenshot(path=str(screenshots / "network-app-1-start.png"), full_page=True)

        with page.expect_file_chooser() as chooser:
            page.get_by_text("LinkedIn archive (.zip)").click()
        chooser.value.set_files(str(archive))
        page.get_by_text("Kept Basic_LinkedInDataExport_06-30-2026.zip").wait_for(timeout=60_000)
        kept = list((voila_page["home"] / "network").rglob("linkedin.zip"))
        assert len(kept) == 1 and zipfile.is_zipfile(kept[0])  # kept in the rep's home, as sent

        page.get_by_role("button", name="Show my network").click()
        page.locator(".wb-connectors li").first.wait_for(timeout=180_000)
        connectors = page.locator(".wb-connectors li")
        assert connectors.count() >= 10
        reasons = [connectors.nth(i).inner_text().split(":", 1)[1].split("details")[0].strip() for i in range(10)]
        assert len(set(reasons)) == 10  # one reason each, in words, no two alike

        path = page.locator(".wb-path")
        path.wait_for(timeout=60_000)
        assert "Joan Brennan" in path.inner_text() and "→" in path.inner_text()
        assert page.locator("blockquote").first.inner_text().strip()  # the message to send

        reach = page.locator(".wb-reach").first.inner_text()
        assert "level 1" in reach and "level 2" in reach
        level1 = int(reach.split("level 1")[1].split("people")[0].replace(",", "").strip())
        assert level1 > 100

        assert page.get_by_text("Download the report (HTML)").count() == 1
        assert page.get_by_text("Download the calendar (iCalendar)").count() == 1
        page.screenshot(path=str(screenshots / "network-app-2-results.png"), full_page=True)

        page.get_by_role("button", name="Delete my files").click()
        page.get_by_text("Your files are deleted from this computer.").wait_for(timeout=30_000)
        assert not list((voila_page["home"] / "network").rglob("linkedin.zip"))
    except Exception:
        page.screenshot(path=str(screenshots / "network-app-failure.png"), full_page=True)
        print(voila_page["log"].read_text()[-3000:])
        raise
    finally:
        page.close()


def test_the_page_in_arabic_reads_right_to_left(browser, voila_page_arabic, screenshots):
    archive = _linkedin_archive(voila_page_arabic["tmp"])
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(voila_page_arabic["url"], timeout=180_000)
        page.get_by_text("شبكتك", exact=True).wait_for(timeout=180_000)
        with page.expect_file_chooser() as chooser:
            page.get_by_text("أرشيف LinkedIn").click()
        chooser.value.set_files(str(archive))
        page.get_by_text("تم الاحتفاظ بـBasic_LinkedInDataExport_06-30-2026.zip", exact=False).wait_for(timeout=60_000)
        page.get_by_role("button", name="اعرض شبكتي").click()
        page.locator(".wb-connectors li").first.wait_for(timeout=180_000)
        block = page.locator("div[dir='rtl']", has=page.locator(".wb-connectors")).first
        assert block.evaluate("e => getComputedStyle(e).direction") == "rtl"
        show, delete = (page.get_by_role("button", name=name).bounding_box() for name in ("اعرض شبكتي", "احذف ملفاتي"))
        assert show["x"] > delete["x"]  # the controls run right to left too: a row's first button on the right
        assert page.locator("h2", has_text="هذا الأسبوع").count() == 1  # the sections' headings in Arabic
        assert "المستوى 1" in page.locator(".wb-reach").first.inner_text()
        page.screenshot(path=str(screenshots / "network-app-arabic.png"), full_page=True)
    except Exception:
        page.screenshot(path=str(screenshots / "network-app-arabic-failure.png"), full_page=True)
        print(voila_page_arabic["log"].read_text()[-3000:])
        raise
    finally:
        page.close()
