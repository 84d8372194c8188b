"""Fixtures for the browser tests: a real JupyterLab server driven by Debian's Chromium.

One server and one browser serve the whole session:

- ``chromium``: the path of ``/usr/bin/chromium``; it and a Bengali font are installed with
  ``apt-get`` when missing and the tests run as root or may use ``sudo -n`` (CI on a fresh
  machine); otherwise the tests are skipped with the reason, or fail when ``CI`` or
  ``WORKBENCH_REQUIRE_BROWSER=1`` is set.
- ``lab_server``: ``jupyter lab`` from the virtualenv on a free loopback port with a token, its
  root a temporary copy of ``notebooks/`` (nothing is written into the repository), its own
  ``WORKBENCH_HOME``, settings and workspaces; stopped at the end of the session.
- ``browser``: Playwright's Chromium, headless, on that binary (never ``playwright install``).
- ``lab_pages``: opens fresh 1366x768 pages (a laptop screen), each a :class:`Lab` with helpers
  to open a notebook, run it, read its outputs and save screenshots under ``build/screenshots/``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "build" / "screenshots"
LAPTOP = {"width": 1366, "height": 768}
# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# sandbox refuses; --no-sandbox because CI runs as root.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What a new trainee must never see: a Python error, a kernel that died, a widget that failed.
ERROR_OUTPUTS = ('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                 '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
BROKEN_WIDGET = re.compile(r"Error displaying widget|Failed to load model class|"
                           r"Loading widget\.\.\.|Error rendering output|No renderer could be found")


def pytest_collection_modifyitems(items):
    """Every test in this folder drives a browser; ``-m 'not browser'`` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --- Chromium ---------------------------------------------------------------------------------

# The sample company's Bengali names need a Bengali font, or they show as empty boxes; this is the
# smallest Debian package with one (fonts-noto-core has one too, at 40 MB).
BENGALI_FONT = "fonts-lohit-beng-bengali"
# The lessons in Arabic and Persian get a font made for the Arabic script (1 MB; DejaVu Sans only has
# its basic letters, drawn in a Latin designer's style).
ARABIC_FONT = "fonts-kacst"
BENGALI_LETTERS = r"[\u0995-\u09b9]"
ARABIC_LETTERS = r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]"
# On CI, or when asked, a missing browser fails the run instead of skipping the browser tests.
REQUIRE_BROWSER = bool(os.environ.get("CI")) or os.environ.get("WORKBENCH_REQUIRE_BROWSER") == "1"


def unavailable(reason: str):
    """Skip the browser tests with ``reason``, or fail them when a browser is required."""
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (the browser tests are required here: CI or WORKBENCH_REQUIRE_BROWSER=1)",
                    pytrace=False)
    pytest.skip(reason)


def has_bengali_font() -> bool:
    """True when fontconfig knows a font covering Bengali, which Chromium then uses."""
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=bn", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def has_font_package(package: str) -> bool:
    """True when the Debian font ``package`` is installed (or, without dpkg, when fontconfig knows fonts)."""
    if shutil.which("dpkg-query") is None:
        return shutil.which("fc-list") is not None
    found = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return found.stdout.strip() == "install ok installed"


def _missing_packages() -> list[str]:
    return [package for package, present in (("chromium", CHROMIUM.exists()), (BENGALI_FONT, has_bengali_font()),
                                              (ARABIC_FONT, has_font_package(ARABIC_FONT)))
            if not present]


def _apt_get() -> list[str] | None:
    """How to run apt-get here: directly as root, through password-less sudo, or not at all."""
    if shutil.which("apt-get") is None:
        return None
    if os.geteuid() == 0:
        return ["apt-get"]
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n", "apt-get"]
    return None


def _install(packages: list[str]) -> str | None:
    """Install Debian ``packages``, each on its own (a missing font must not stop Chromium);
    returns why one could not be installed, or None."""
    apt = _apt_get()
    if apt is None:
        return ("apt-get is not available, or needs root or a password-less sudo "
                f"(run: sudo apt-get install -y {' '.join(packages)})")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}

    def run(*args: str) -> str | None:
        cmd = [*apt, *args]
        try:
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"`{' '.join(cmd)}` failed: {err}"
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return f"`{' '.join(cmd)}` failed with status {done.returncode}: {' | '.join(tail)}" if done.returncode else None

    # Two pytest-xdist workers may both get here: only one runs apt-get, the other waits.
    with open(Path(tempfile.gettempdir()) / "workbench-chromium-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        failed, updated = [], False
        for package in (p for p in packages if p in _missing_packages()):
            why = run("install", "-y", "-q", package)
            if why and not updated:  # the package lists may be missing or stale: refresh them once
                updated = True
                why = run("update", "-q") or run("install", "-y", "-q", package)
            if why:
                failed.append(why)
    return "; ".join(failed) or None


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium and a Bengali font, installed when missing (as root or with sudo -n).

    Without Chromium the tests are skipped (failed on CI); without the font, only the test that
    looks for Bengali drawn as boxes.
    """
    missing = _missing_packages()
    why = _install(missing) if missing else None
    if not CHROMIUM.exists():
        unavailable(f"browser tests need {CHROMIUM}: {why or 'apt-get installed chromium but it is not there'}")
    return CHROMIUM


@pytest.fixture(scope="session")
def bengali_font(chromium) -> str:
    """The Debian package of the Bengali font; a test that needs it is skipped (failed on CI) without one."""
    if not has_bengali_font():
        unavailable(f"no Bengali font is installed, so Bengali names show as boxes: install {BENGALI_FONT}")
    return BENGALI_FONT


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for the session, driven by Playwright's Python API."""
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("browser tests need Playwright: pip install playwright (the [dev] extra)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# --- JupyterLab --------------------------------------------------------------------------------

def lab_default_url() -> str:
    """The page ``make lab`` opens first, read from the Makefile so the test checks the real flag."""
    found = re.search(r"--LabApp\.default_url=(\S+)", (REPO / "Makefile").read_text(encoding="utf-8"))
    if not found:
        pytest.fail("the Makefile's lab target no longer passes --LabApp.default_url")
    return found.group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(folder: Path) -> None:
    """Lab settings for a quiet, deterministic session: no news or update toasts, every cell in the DOM."""
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for name, value in settings.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


class LabServer:
    """A running ``jupyter lab``: its base URL, token, root folder and log."""

    def __init__(self, tmp: Path, root: Path | None = None, home: Path | None = None, quiet: bool = True,
                 workspaces: Path | None = None, lang: str | None = None):
        """Serve ``root`` (default: a copy of notebooks/) with ``home`` as the workbench home and ``workspaces``
        as JupyterLab's workspaces folder; ``quiet=False`` leaves out the user settings that silence news,
        to see what the project's own defaults do; ``lang`` is the kernels' ``WORKBENCH_LANG``, as
        ``make lab WORKBENCH_LANG=...`` sets it."""
        self.tmp = tmp
        self.root = root or tmp / "notebooks"
        if root is None:
            shutil.copytree(REPO / "notebooks", self.root,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.home = home or tmp / "workbench-home"
        self.workspaces = workspaces or tmp / "workspaces"
        self.port = _free_port()
        self.token = os.urandom(12).hex()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "jupyter.log"
        if quiet:
            _write_settings(tmp / "settings")
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
        if lang:
            env["WORKBENCH_LANG"] = lang
        env.update(WORKBENCH_HOME=str(self.home), WORKBENCH_LEARNER="browser-test",
                   JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.workspaces),
                   JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
                   JUPYTER_CONFIG_DIR=str(tmp / "config"),
                   PYTHONUNBUFFERED="1")
        jupyter = Path(sys.executable).with_name("jupyter")
        cmd = [str(jupyter) if jupyter.exists() else "jupyter", "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
               f"--LabApp.default_url={lab_default_url()}"]
        if os.geteuid() == 0:  # CI runs as root; jupyter refuses to without this flag
            cmd.append("--allow-root")
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=self._log, stderr=subprocess.STDOUT)

    def url(self, path: str = "/") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def sessions(self) -> list[dict]:
        with urllib.request.urlopen(self.url("/api/sessions"), timeout=10) as reply:
            return json.load(reply)

    def wait_kernel(self, notebook: str, timeout: float = 180) -> None:
        """Until the notebook's kernel has started, has a browser connected and is idle.

        The page's own indicator says "idle" before the kernel exists; running cells then
        would open the Select Kernel dialog.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for session in self.sessions():
                kernel = session.get("kernel") or {}
                if (session.get("path", "").endswith(notebook) and kernel.get("connections", 0) > 0
                        and kernel.get("execution_state") == "idle"):
                    return
            time.sleep(0.3)
        raise AssertionError(f"the kernel of {notebook} was not ready within {timeout:.0f} s; sessions: "
                             f"{json.dumps(self.sessions())}\nserver log:\n{self.log()[-2000:]}")

    def forget_workspaces(self) -> None:
        """Forget the tabs and layout earlier pages saved, as for a user opening the lab the first time."""
        folder = self.workspaces
        if folder.exists():
            for saved in folder.iterdir():
                saved.unlink()

    def shutdown_kernels(self) -> None:
        """End every notebook session, so the next test starts with fresh kernels."""
        for session in self.sessions():
            request = urllib.request.Request(self.url(f"/api/sessions/{session['id']}"), method="DELETE")
            urllib.request.urlopen(request, timeout=30).close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with status {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url("/api/status"), timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        # Ask the server to shut down (it stops its kernels), then make sure it is gone.
        try:
            request = urllib.request.Request(self.url("/api/shutdown"), method="POST")
            urllib.request.urlopen(request, timeout=5).close()
        except (urllib.error.URLError, OSError):
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """``jupyter lab`` on a free loopback port with a token, over a temporary copy of notebooks/."""
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


# One id for the whole test run: pytest-xdist gives its workers a shared one.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"{os.getpid()}-{time.time()}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """``build/screenshots/``, emptied once at the start of each test run so it shows that run only.

    Under pytest-xdist every worker asks; only the first one of the run empties the folder.
    """
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    with open(SCREENSHOTS.parent / ".screenshots.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = SCREENSHOTS / ".run"
        if not marker.exists() or marker.read_text(encoding="utf-8") != RUN_ID:
            shutil.rmtree(SCREENSHOTS, ignore_errors=True)
            SCREENSHOTS.mkdir(parents=True)
            marker.write_text(RUN_ID, encoding="utf-8")
    return SCREENSHOTS


class Lab:
    """A browser page on the lab server, with what the tests do to a notebook."""

    def __init__(self, page, server: LabServer, screenshots: Path):
        self.page = page
        self.server = server
        self.screenshots = screenshots

    # navigation
    def goto(self, path: str = "/") -> None:
        self.page.goto(self.server.url(path))
        self.page.locator(".jp-LabShell").wait_for(timeout=60_000)

    def open(self, notebook: str) -> None:
        """Open a notebook (path relative to the lab root) and wait for its kernel."""
        with self.shot_on_failure(f"FAILED-open-{notebook}"):
            self.goto(f"/lab/tree/{notebook}?reset")  # reset: no tabs restored from an earlier page
            self.wait_notebook(Path(notebook).name)

    @contextlib.contextmanager
    def shot_on_failure(self, name: str):
        """Save a screenshot of the window when the block fails, to see what went wrong."""
        try:
            yield
        except Exception:
            safe = re.sub(r"[^\w.-]+", "-", name)
            with contextlib.suppress(Exception):
                self.page.screenshot(path=str(self.screenshots / f"{safe}.png"))
            raise

    def wait_notebook(self, name: str) -> None:
        self.page.locator(f'.lm-TabBar-tab[data-type="document-title"]:has-text("{name}")'
                          ).first.wait_for(timeout=60_000)
        self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(timeout=60_000)
        self.server.wait_kernel(name)
        self.wait_idle()

    @property
    def notebook(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first

    # running
    def wait_idle(self, timeout: float = 120_000) -> None:
        """Until the kernel is idle and no cell waits to run (no ``[*]`` prompt)."""
        self.page.wait_for_function(
            """() => {
                const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                if (!panel) return false;
                const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
                if (!status || status.getAttribute('data-status') !== 'idle') return false;
                return ![...panel.querySelectorAll('.jp-InputArea-prompt')]
                    .some(p => p.textContent.includes('*'));
            }""", timeout=timeout, polling=250)

    def menu(self, menu: str, item: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(menu)}$")).click()
        self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()

    def run_all(self) -> None:
        """Run > Run All Cells, as a trainee does, and wait until every cell has run.

        A cell that raises stops the run (JupyterLab skips the cells after it): the wait ends
        there too, and :meth:`errors` tells what happened.
        """
        with self.shot_on_failure("FAILED-run-all"):
            self._run_all()

    def show_code(self) -> None:
        """View > Expand All Code, as an analyst does: lessons open with their code collapsed, and
        the tests that run a notebook find its cells by their code and its prompts by their numbers."""
        self.menu("View", "Expand All Code")

    def _run_all(self) -> None:
        self.show_code()
        self.menu("Run", "Run All Cells")
        self.page.wait_for_function(
            """selector => {
                const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
                const busy = prompts.some(p => p.textContent.includes('*'));
                return prompts.length > 0 && !busy && (prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
                                                       || panel.querySelector(selector) !== null);
            }""", arg=ERROR_OUTPUTS, timeout=240_000, polling=250)
        self.wait_idle()
        self.settle()

    def settle(self) -> None:
        """Give widgets and plotly a moment to draw after the kernel went idle."""
        self.page.wait_for_timeout(500)

    # reading
    def errors(self) -> list[str]:
        """The text of every error or stderr output and every widget that failed to render."""
        found = [t.strip()[:500] for t in self.notebook.locator(ERROR_OUTPUTS).all_inner_texts()]
        outputs = " ".join(self.notebook.locator(".jp-OutputArea-output").all_inner_texts())
        found += [f"widget problem: {m.group(0)}" for m in BROKEN_WIDGET.finditer(outputs)]
        return found

    def too_wide(self) -> list[str]:
        """Widgets and plotly charts that do not fit the window's width (they would need a scrollbar)."""
        return self.notebook.evaluate("""panel => {
            const width = window.innerWidth, found = [];
            for (const out of panel.querySelectorAll('.jp-OutputArea-output')) {
                const item = out.matches('.js-plotly-plot') ? out
                    : out.querySelector(':scope > .jupyter-widgets, .js-plotly-plot');
                if (!item) continue;
                const box = item.getBoundingClientRect();
                if (box.width > width || out.scrollWidth > out.clientWidth + 2)
                    found.push(`${item.className.split(' ')[0]} ${Math.round(box.width)}px wide ` +
                               `(output ${out.clientWidth}px, window ${width}px)`);
            }
            return found;
        }""")

    def plotly_figures(self) -> list[dict]:
        """Each plotly figure in the notebook: whether plotly.js drew it (an svg) and its size."""
        return self.notebook.evaluate("""panel => [...panel.querySelectorAll('.js-plotly-plot')]
            .filter(el => !el.parentElement.closest('.js-plotly-plot'))
            .map(el => ({drawn: !!el.querySelector('.plot-container svg.main-svg'),
                         width: Math.round(el.getBoundingClientRect().width),
                         height: Math.round(el.getBoundingClientRect().height)}))""")

    def cell_with(self, text: str):
        """The code cell whose source contains ``text``."""
        return self.notebook.locator(".jp-CodeCell").filter(
            has=self.page.locator(".jp-InputArea-editor", has_text=text)).first

    def letters_shown_as_boxes(self, locator, letters: str = BENGALI_LETTERS) -> dict:
        """Which letters of a script the element's font cannot draw (they would show as empty boxes).

        Each letter of ``letters`` (a character class: Bengali by default) in the element's text is
        drawn on a canvas in the element's own font, next to a code point no font has (U+0378): a
        letter drawn exactly like it is a box.
        """
        return locator.evaluate(r"""(el, pattern) => {
            const font = getComputedStyle(el).font;
            const letters = [...new Set(el.textContent.match(new RegExp(pattern, 'g')) || [])].slice(0, 8);
            const draw = ch => {
                const canvas = document.createElement('canvas');
                canvas.width = 64; canvas.height = 64;
                const g = canvas.getContext('2d');
                g.font = font.replace(/\d+(\.\d+)?px/, '40px');
                g.fillText(ch, 8, 48);
                return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
            };
            const box = draw('\u0378');
            return {font, letters, boxes: letters.filter(ch => draw(ch) === box)};
        }""", letters)

    def fonts_drawing(self, locator) -> dict[str, int]:
        """The fonts Chromium really drew the element's text with, and how many glyphs each (DevTools' CSS domain)."""
        session = self.page.context.new_cdp_session(self.page)
        try:
            session.send("DOM.enable")
            session.send("CSS.enable")
            marker = "data-fonts-probe"
            locator.evaluate(f"el => el.setAttribute('{marker}', '1')")
            root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
            node = session.send("DOM.querySelector", {"nodeId": root, "selector": f"[{marker}]"})["nodeId"]
            fonts = {}
            for child in [node, *session.send("DOM.querySelectorAll", {"nodeId": node, "selector": "*"})["nodeIds"]]:
                for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": child})["fonts"]:
                    fonts[font["familyName"]] = fonts.get(font["familyName"], 0) + font["glyphCount"]
            locator.evaluate(f"el => el.removeAttribute('{marker}')")
            return fonts
        finally:
            session.detach()

    def shot(self, name: str, locator=None) -> Path:
        """Save a screenshot: the window, or an element; one taller than the window is shown
        scrolled to its top in the window, as a trainee sees it on a laptop."""
        path = self.screenshots / f"{name}.png"
        if locator is not None:
            locator.scroll_into_view_if_needed()
            box = locator.bounding_box()
            if box and box["height"] <= LAPTOP["height"] - 120:
                locator.screenshot(path=str(path))
                return path
            locator.evaluate("el => el.scrollIntoView({block: 'start'})")
        self.page.screenshot(path=str(path))
        return path


def pages_on(browser, server: LabServer, screenshots: Path):
    """A function opening laptop-sized pages on ``server``: ``with open_page() as lab: ...``.

    Each page has its own cookies and storage; when it closes, the kernels it started are shut
    down so the next page starts fresh.
    """
    @contextlib.contextmanager
    def open_page():
        context = browser.new_context(viewport=LAPTOP)
        context.set_default_timeout(30_000)
        try:
            yield Lab(context.new_page(), server, screenshots)
        finally:
            context.close()
            server.shutdown_kernels()
    return open_page


@pytest.fixture(scope="session")
def lab_pages(browser, lab_server, screenshots):
    """Open laptop-sized pages on the lab server: ``with lab_pages() as lab: ...`` (see :func:`pages_on`)."""
    return pages_on(browser, lab_server, screenshots)
