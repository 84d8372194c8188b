"""workbench.site: the demo site built from executed lessons (``make demo``)."""

import contextlib
import io
import re

import nbformat
import pytest

from workbench.errors import WorkbenchError
from workbench.lessons import NOTEBOOKS, TRACK_TITLES, in_course_order, read_lesson
from workbench.site import PLOTLY_ASSET, build_demo, plotly_html, static_outputs


def write_lesson(path, title, track, code, goals=("Read a chart",), minutes=5):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["workbench"] = {"title": title, "track": track, "order": 1, "duration_minutes": minutes,
                                "goals": list(goals), "sources": ["a test"], "exercises": []}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}")] + [nbformat.v4.new_code_cell(c) for c in code]
    nbformat.write(nb, path)
    return path


USER_HOME = "/nowhere/the-users-own-workbench-home"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site of four lessons: the real start-here, a chart lesson, one that fails, one after it.

    Built from a shell whose settings point at the user's own home, data and variant: the
    lessons must not see them.
    """
    src = tmp_path_factory.mktemp("lessons")
    chart = write_lesson(src / "01-chart.ipynb", "A chart", "network", [
        "import plotly.express as px\n"
        "px.bar(x=['a', 'b'], y=[3, 5], title='Two bars </script> safe')",
        "import plotly.graph_objects as go\ngo.Figure(go.Scatter(y=[1, 4, 2])).show()",
        f"import os\nprint('settings seen:', os.environ['WORKBENCH_HOME'] == {USER_HOME!r},\n"
        "      os.environ.get('WORKBENCH_DATA'), os.environ.get('WORKBENCH_SEED'))"],
        goals=("Read a bar chart", "Spot the tallest bar"), minutes=7)
    broken = write_lesson(src / "02-broken.ipynb", "A broken lesson", "network",
                          ["raise ValueError('boom on purpose')"])
    after = write_lesson(src / "03-after.ipynb", "After the broken one", "network", ["1 + 1"])
    out = tmp_path_factory.mktemp("demo") / "site"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), pytest.MonkeyPatch.context() as env:
        env.setenv("WORKBENCH_HOME", USER_HOME)
        env.setenv("WORKBENCH_DATA", "/nowhere/the-users-export")
        env.setenv("WORKBENCH_SEED", "7")
        built = build_demo(out, lessons=[NOTEBOOKS / "00-start-here.ipynb", chart, broken, after], progress=False)
    return built, stderr.getvalue()


def test_lessons_are_ordered_by_track():
    found = in_course_order()
    assert found[0].path.name == "00-start-here.ipynb"
    ranks = [list(TRACK_TITLES).index(lesson.track) for lesson in found if lesson.track in TRACK_TITLES]
    assert ranks == sorted(ranks)


def test_read_lesson_names_a_broken_file(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("not json")
    with pytest.raises(WorkbenchError, match="bad.ipynb"):
        read_lesson(bad)


def test_plotly_html_cannot_close_its_script():
    page = plotly_html({"data": [{"type": "bar", "name": "</script><b>x"}], "layout": {"height": 300}}, "f")
    assert page.count("</script>") == 1 and "<\\/script>" in page and "height:300px" in page


def test_index_lists_lessons_by_track_with_goals_and_duration(site):
    index = site[0].index
    text = index.read_text(encoding="utf-8")
    assert text.index("<h2>Start here</h2>") < text.index("<h2>Network track</h2>")
    assert '<a href="lessons/network-01-chart.html">A chart</a>' in text
    assert "7 minutes" in text and "<li>Read a bar chart</li>" in text and "<li>Spot the tallest bar</li>" in text
    assert "Run a cell and read a table of the sample company" in text  # start-here's own goal


def test_a_failing_lesson_is_reported_not_fatal(site):
    built, stderr = site
    index = built.index
    text = index.read_text(encoding="utf-8")
    assert "A broken lesson <b>(could not be run: ValueError: boom on purpose)</b>" in text
    assert "1 lesson could not be run" in text
    assert not (index.parent / "lessons" / "network-02-broken.html").exists()
    assert "02-broken.ipynb could not be run: ValueError: boom on purpose" in stderr
    assert [p.name for p in built.failed] == ["02-broken.ipynb"]


def test_figures_are_interactive_and_offline(site):
    index = site[0].index
    asset = index.parent / PLOTLY_ASSET
    assert asset.stat().st_size > 1_000_000  # plotly.js itself, written once for every page
    page = (index.parent / "lessons" / "network-01-chart.html").read_text(encoding="utf-8")
    assert page.count(f'<script src="../{PLOTLY_ASSET}"></script>') == 1
    assert page.count("Plotly.newPlot(") == 2  # the returned figure and the one from .show()
    assert "Two bars <\\/script> safe" in page
    # Nothing is fetched from the internet: no script or stylesheet from another site.
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page)


def test_widgets_become_notes(site):
    index = site[0].index
    page = (index.parent / "lessons" / "start-00-start-here.html").read_text(encoding="utf-8")
    assert "How many people work in Acme&#x27;s sales team?" in page or \
        "How many people work in Acme's sales team?" in page
    assert page.count('class="workbench-widget-note"') == 2
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "Traceback" not in page


def test_lessons_run_apart_from_the_users_settings(site):
    page = (site[0].index.parent / "lessons" / "network-01-chart.html").read_text(encoding="utf-8")
    assert "settings seen: False None None" in page


def test_lesson_pages_link_to_the_index_and_the_next_lesson(site):
    lessons_dir = site[0].index.parent / "lessons"
    start = (lessons_dir / "start-00-start-here.html").read_text(encoding="utf-8")
    assert start.count('<a href="../index.html">← All lessons</a>') == 2  # top and bottom
    assert '<a href="network-01-chart.html" rel="next">Next: A chart →</a>' in start
    # The broken lesson has no page, so the chart lesson leads to the one after it.
    chart = (lessons_dir / "network-01-chart.html").read_text(encoding="utf-8")
    assert 'href="network-03-after.html" rel="next">Next: After the broken one' in chart
    last = (lessons_dir / "network-03-after.html").read_text(encoding="utf-8")
    assert "../index.html" in last and 'rel="next"' not in last


def test_a_widget_note_names_the_widget_and_where_to_use_it():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("from workbench.widgets.network import explorer\n\nexplorer(net)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "1", "version_major": 2, "version_minor": 0},
        "text/plain": "VBox()"})]
    nb.cells = [cell]
    static_outputs(nb, lesson="network/03-warm-introductions-and-referrals.ipynb")
    note = cell.outputs[0]["data"]["text/html"]
    assert "an interactive screen (<bdi dir=\"ltr\">network explorer</bdi>)" in note
    assert '<bdi dir="ltr">network/03-warm-introductions-and-referrals.ipynb</bdi> in JupyterLab' in note


def test_the_notes_for_widgets_and_exercises_are_in_the_site_s_language(english_runs_left):
    """A Bengali page says in Bengali where to answer an exercise or use a widget; the notebook's path, the
    exercise id and the command stay left to right."""
    nb = nbformat.v4.new_notebook()
    widget = nbformat.v4.new_code_cell("from workbench.widgets.network import explorer\n\nexplorer(net)")
    exercise = nbformat.v4.new_code_cell("wb.ask('crm.intro.count-contacts')",
                                         metadata={"workbench": {"exercise": "crm.intro.count-contacts"}})
    unnamed = nbformat.v4.new_code_cell("screen")  # nothing in its code names it
    for cell in (widget, exercise, unnamed):
        cell.outputs = [nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "1", "version_major": 2, "version_minor": 0}})]
    nb.cells = [widget, exercise, unnamed]
    static_outputs(nb, lesson="crm/01-what-a-crm-is.ipynb", lang="bn")
    notes = [cell.outputs[0]["data"]["text/html"] for cell in nb.cells]
    assert "ইন্টারঅ্যাকটিভ পর্দা" in notes[0] and "অনুশীলনী: Acme-এর" in notes[1]
    assert '<bdi dir="ltr">crm/01-what-a-crm-is.ipynb</bdi>' in notes[1]
    assert '<bdi dir="ltr">crm.intro.count-contacts</bdi>' in notes[1]
    assert "এখানে পাঠটি একটি ইন্টারঅ্যাকটিভ পর্দা দেখায়, যা" in notes[2] and "interactive widget" not in notes[2]
    assert all(english_runs_left(note) == [] for note in notes)


def test_demo_command_fails_when_a_lesson_fails(tmp_path, capsys):
    from workbench.cli import main

    broken = write_lesson(tmp_path / "01-broken.ipynb", "Broken", "crm", ["1 / 0"])
    assert main(["demo", "--out", str(tmp_path / "site"), str(broken)]) == 1
    assert "1 lesson(s) could not be run" in capsys.readouterr().err


@pytest.mark.slow
def test_a_lesson_of_each_track_builds(tmp_path):
    """The real first lesson of every track: listed on the index, linked in order, charts from the local asset."""
    first = {}
    for lesson in in_course_order():
        first.setdefault(lesson.track, lesson)
    built = build_demo(tmp_path / "site", lessons=[lesson.path for lesson in first.values()], progress=False)
    assert built.failed == {}
    text = built.index.read_text(encoding="utf-8")
    pages = [f"lessons/{lesson.slug}.html" for lesson in first.values()]
    for lesson, page in zip(first.values(), pages):
        assert f'<a href="{page}">{lesson.title}</a>' in text
        assert f"<h2>{TRACK_TITLES[lesson.track]}</h2>" in text
    for page, following in zip(pages, pages[1:] + [None]):
        body = (built.index.parent / page).read_text(encoding="utf-8")
        assert '<a href="../index.html">' in body
        if following:
            assert f'<a href="{following.removeprefix("lessons/")}" rel="next">' in body
        if "Plotly.newPlot(" in body:
            assert f'<script src="../{PLOTLY_ASSET}"></script>' in body
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', body)
    charted = [p for p in pages if "Plotly.newPlot(" in (built.index.parent / p).read_text(encoding="utf-8")]
    assert charted, "no first lesson draws a chart: the asset would go untested"


def test_demo_command_line_builds_one_lesson(tmp_path):
    """`workbench demo --out DIR LESSON` is what `make demo` runs, on every lesson."""
    from workbench.cli import main

    lesson = write_lesson(tmp_path / "01-tiny.ipynb", "Tiny", "crm", ["1 + 1"])
    out = tmp_path / "site"
    with contextlib.redirect_stdout(io.StringIO()) as said:
        main(["demo", "--out", str(out), str(lesson)])
    assert "demo site written" in said.getvalue()
    assert (out / "lessons" / "crm-01-tiny.html").exists()


def test_a_site_in_arabic_is_marked_right_to_left_and_runs_in_arabic(tmp_path, english_runs_left):
    """`workbench demo --lang ar`: every page says its language and direction, the lesson's text is laid
    out right to left, its kernel runs with WORKBENCH_LANG=ar, and collapsed code stays collapsed."""
    from workbench.cli import main

    lesson = write_lesson(tmp_path / "01-lang.ipynb", "Language", "crm",
                          ["import os\nprint('kernel language:', os.environ.get('WORKBENCH_LANG'))"])
    nb = nbformat.read(lesson, as_version=4)
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    nbformat.write(nb, lesson)
    assert main(["demo", "--lang", "ar", "--out", str(tmp_path / "site"), str(lesson)]) == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert index.startswith('<!doctype html><html lang="ar" dir="rtl">')
    assert "make lab WORKBENCH_LANG=ar" in index
    page = (tmp_path / "site" / "lessons" / "crm-01-lang.html").read_text(encoding="utf-8")
    assert '<html lang="ar">' in page and '<div class="workbench-page" dir="rtl" lang="ar">' in page
    assert "kernel language: ar" in page
    assert '<details class="workbench-code"><summary>اعرض الشيفرة</summary>' in page
    assert '<a href="../index.html">كل الدروس →</a>' in page
    # every word the site itself writes is Arabic: headings, the lesson's duration and count, the notes
    assert "<title>دروس CRM Workbench</title>" in index and "<h1>CRM Workbench: الدروس</h1>" in index
    assert "<h2>مسار CRM</h2>" in index and "CRM track" not in index
    assert english_runs_left(index) == [] and english_runs_left(page) == []
