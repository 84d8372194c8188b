"""The demo site (``make demo``) opened in Chromium with no network: index, lesson, live chart."""

import pytest
from playwright.sync_api import expect

from workbench.lessons import NOTEBOOKS, read_lesson
from workbench.site import build_demo

pytestmark = pytest.mark.browser

LESSON = NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb"  # a real lesson with a plotly chart and exercises


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("demo") / "site", lessons=[LESSON], progress=False).index


@pytest.fixture
def offline_page(browser):
    """A laptop-sized page that may read local files only: any http(s) request is refused."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    requested, errors = [], []
    context.route("http*://**/*", lambda route: (requested.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page, requested, errors
    context.close()


def test_demo_site_works_offline(site, offline_page, screenshots):
    page, requested, errors = offline_page
    page.goto(site.as_uri())
    crm = read_lesson(LESSON)
    expect(page.get_by_role("heading", name="CRM track", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{crm.duration_minutes} minutes").first).to_be_visible()
    expect(page.get_by_text(crm.goals[0])).to_be_visible()
    page.screenshot(path=str(screenshots / "demo-index.png"))

    page.get_by_role("link", name=crm.title).click()
    page.wait_for_url("**/lessons/*.html")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof Plotly") == "object", (page.url, requested, errors)
    figure = page.locator(".js-plotly-plot").first
    expect(figure.locator("svg.main-svg").first).to_be_attached(timeout=30_000)
    figure.scroll_into_view_if_needed()
    figure.hover()
    expect(figure.locator(".modebar")).to_have_count(1)  # interactive: zoom, pan, download
    expect(page.locator(".workbench-widget-note").first).to_contain_text("Exercise:")
    page.screenshot(path=str(screenshots / "demo-lesson-crm-01.png"))
    figure.screenshot(path=str(screenshots / "demo-lesson-crm-01-figure.png"))
    assert requested == [] and errors == []
