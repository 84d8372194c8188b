"""The lessons in Arabic and in Bengali, in JupyterLab in a real browser.

For each language a lab serves every lesson built in it (``workbench lessons build``), its kernels
running with ``WORKBENCH_LANG`` as ``make lab WORKBENCH_LANG=...`` sets it. The catalogues the
translators fill are not all in yet, so the lessons are built from pseudo-translated catalogues
(:mod:`workbench.i18n.pseudo`: a sentence in the language's script in every entry, links, anchors
and code kept); once the real catalogues are complete, build from them instead (``locale=None``).

Start-here and the first lesson of each track are opened and run (Run All Cells): no error, the
text laid out right to left in Arabic (the direction the browser computes, with email addresses
and phone numbers left to right inside it) and left to right in Bengali, every letter drawn with a
font that covers the language (DevTools says which fonts drew the text, fontconfig which fonts
cover the language; a letter drawn like a code point no font has would be an empty box). Start-here's first exercise is answered, wrong then right.
Screenshots go to ``build/screenshots/<lang>-*.png``.
"""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from workbench.data import load_sample
from workbench.lessons import in_course_order

from .conftest import ARABIC_FONT, ARABIC_LETTERS, BENGALI_FONT, BENGALI_LETTERS, LabServer, pages_on

pytestmark = pytest.mark.browser

START = "00-start-here.ipynb"
EXERCISE = "start.tour.count-sales-team"
SCRIPTS = {"ar": (ARABIC_LETTERS, ARABIC_FONT, "rtl"), "bn": (BENGALI_LETTERS, BENGALI_FONT, "ltr")}


def fonts_covering(lang: str) -> set[str]:
    """The font families fontconfig says cover ``lang`` (after the project's font packages are installed)."""
    listed = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True, text=True).stdout
    return {family.strip() for line in listed.splitlines() for family in line.split(",") if family.strip()}


def first_lesson_of_each_track() -> list[str]:
    first = {}
    for lesson in in_course_order():
        if lesson.track != "start":
            first.setdefault(lesson.track, f"{lesson.track}/{lesson.path.name}")
    return list(first.values())


@pytest.fixture(scope="module", params=list(SCRIPTS))
def translated_lab(request, tmp_path_factory, browser, screenshots):
    """A lab on every lesson built in one language, its kernels in that language: ``(lang, open_page)``."""
    from workbench.i18n.lesson_build import build
    from workbench.i18n.pseudo import fill

    lang = request.param
    tmp = tmp_path_factory.mktemp(f"lab-{lang}")
    fill(lang, tmp / "locale")
    build(lang, tmp / "lessons", locale=tmp / "locale")
    server = LabServer(tmp, root=tmp / "lessons", lang=lang)
    try:
        server.wait_ready()
        yield lang, pages_on(browser, server, screenshots)
    finally:
        server.stop()


def slug(lang: str, notebook: str) -> str:
    return f"{lang}-" + notebook.removesuffix(".ipynb").replace("/", "-")


def check_text_is_laid_out_and_drawn(lab, lang: str) -> None:
    """The first markdown cell: its direction as computed, its left-to-right islands, the fonts that drew it."""
    letters, package, direction = SCRIPTS[lang]
    text = lab.notebook.locator(f'.jp-MarkdownCell .jp-RenderedMarkdown [lang="{lang}"]').first \
        if direction == "rtl" else lab.notebook.locator(".jp-MarkdownCell .jp-RenderedMarkdown").first
    expect(text).to_be_visible()
    assert text.evaluate("el => getComputedStyle(el).direction") == direction
    if direction == "rtl":
        islands = lab.notebook.locator('.jp-RenderedMarkdown bdi[dir="ltr"]')
        expect(islands.first).to_be_visible()
        # Each island of the first cell (an email address, a phone number) reads left to right on the screen:
        # its first character is drawn left of its last one, although the sentence around runs right to left.
        order = text.evaluate("""el => [...el.querySelectorAll('bdi[dir="ltr"]')].map(island => {
            const walker = document.createTreeWalker(island, NodeFilter.SHOW_TEXT), node = walker.nextNode();
            const at = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                              return r.getBoundingClientRect().left; };
            return [node.textContent, getComputedStyle(island).direction,
                    node.textContent.length > 1 && at(0) < at(node.textContent.length - 1)];
        })""")
        assert order and all(direction == "ltr" and left_to_right for _, direction, left_to_right in order), order
    seen = lab.letters_shown_as_boxes(text, letters)
    assert seen["letters"], f"no {lang} letters in the first cell: {text.inner_text()[:200]}"
    assert seen["boxes"] == [], f"{seen['boxes']} show as empty boxes in {seen['font']} ({package} installed)"
    # The script's letters alone, in the element's own font: Latin letters, digits and spaces around them
    # are drawn by whatever font has them, which need not be the script's.
    text.evaluate("""(el, letters) => { const probe = document.createElement('span');
        probe.className = 'script-probe'; probe.textContent = letters.join(''); el.appendChild(probe); }""",
                  seen["letters"])
    probe = text.locator("span.script-probe")
    try:
        fonts = {family: count for family, count in lab.fonts_drawing(probe).items() if count}
    finally:
        probe.evaluate("el => el.remove()")
    covering = fonts_covering(lang)
    assert fonts and set(fonts) <= covering, \
        f"the {lang} text was drawn with {fonts}; the fonts covering {lang} are {sorted(covering)} ({package})"


@pytest.mark.parametrize("notebook", [START, *first_lesson_of_each_track()])
def test_a_translated_lesson_runs_laid_out_in_its_script(translated_lab, notebook):
    lang, open_page = translated_lab
    with open_page() as lab:
        lab.open(notebook)
        lab.run_all()
        lab.notebook.locator(".jp-Cell").first.scroll_into_view_if_needed()
        lab.shot(slug(lang, notebook))
        assert lab.errors() == []
        check_text_is_laid_out_and_drawn(lab, lang)


def test_start_here_exercise_is_answered_in_the_language(translated_lab):
    """Wrong, then right, with the form and its Check button (its label may be translated: found by its role)."""
    lang, open_page = translated_lab
    users = load_sample().users
    right, everyone = int((users["team"] == "sales").sum()), len(users)
    with open_page() as lab:
        lab.open(START)
        lab.run_all()
        cell = lab.cell_with(f'wb.ask("{EXERCISE}")')
        widget = cell.locator(".jp-OutputArea-output .jupyter-widgets").first
        number, check = widget.locator('input[type="text"]').first, widget.locator("button.mod-primary").first
        feedback = widget.locator(".workbench-feedback")
        for answer, mark in ((everyone, "✘"), (right, "✔")):
            number.fill(str(answer))
            number.press("Tab")
            lab.wait_idle()
            lab.settle()
            check.click()
            expect(feedback).to_contain_text(mark)
        lab.shot(f"{slug(lang, START)}-exercise", cell)
        assert lab.errors() == []
