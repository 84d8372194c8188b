"""Lessons as a static site: execute every lesson on the sample data and export HTML.

``build_demo(out)`` writes ``out/index.html`` (lessons by track, with their
goals and duration) and one HTML page per lesson under ``out/lessons/``, each
linking back to the index and on to the next lesson, ready to send to trainees
before a session. The site works offline: plotly.js is written once as
``out/assets/plotly.min.js`` and every chart is drawn from it, interactive
(zoom, hover, legend); no page loads anything from the internet.  Exercise
forms and other widgets answer through the lesson's Python kernel (a static
page has none, and ipywidgets' own static renderer would be fetched from a
CDN), so a page names the exercise or widget and says where to use it instead.

The lessons and their metadata come from :mod:`workbench.lessons`.

>>> widget_name("contact_explorer(data)")
'contact explorer'
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .lessons import NOTEBOOKS, TRACK_TITLES, Lesson, in_course_order, read_lesson, with_parameters
from .sources import in_plain_words

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_ASSET = "assets/plotly.min.js"

# The lab template without what it would fetch from a CDN (require.js, MathJax, Mermaid, the
# widget manager): plotly.js comes from the site's own asset file instead. A cell whose code the
# lab shows collapsed (``source_hidden``) shows it collapsed here too, one click away.
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}
<script src="{{ resources.plotly_js }}"></script>
{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}{{ super() }}<!--workbench-nav-->{%- endblock body_header -%}
{% block body_footer %}<!--workbench-nav-->{{ super() }}{% endblock body_footer %}
{% block input_group -%}
{%- if cell.metadata.get('jupyter', {}).get('source_hidden') -%}
<details class="workbench-code"><summary>Show the code</summary>{{ super() }}</details>
{%- else -%}{{ super() }}{%- endif -%}
{%- endblock input_group %}
"""
NAV_MARK = "<!--workbench-nav-->"


@contextlib.contextmanager
def _environment(**values: str | None):
    """Set (or, for ``None``, unset) environment variables for the kernels started inside the
    block, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def execute(path: Path, *, timeout: int = 300, data_dir: str | None = None):
    """Run a notebook top to bottom in a fresh kernel and return it with outputs.

    Plotly figures come out as plotly's own JSON (``application/vnd.plotly.v1+json``), which
    :func:`static_outputs` turns into charts drawn by the site's plotly.js.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    if data_dir:
        with_parameters(nb, data_dir=str(data_dir))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(path).parent)}})
    import subprocess

    with _environment(PLOTLY_RENDERER="plotly_mimetype"):
        # The kernel's own stderr only says that it talks over local TCP; a cell's output
        # (stderr included) reaches the notebook through the kernel's messages anyway.
        client.execute(stderr=subprocess.DEVNULL)
    return nb


def plotly_html(figure: dict, div_id: str) -> str:
    """A ``<div>`` and the script that draws ``figure`` (plotly's JSON) in it with plotly.js.

    >>> page = plotly_html({"data": [{"type": "bar", "y": [1, 2]}], "layout": {}}, "fig-1")
    >>> page.startswith('<div class="workbench-plotly" id="fig-1"') and "Plotly.newPlot" in page
    True
    """
    height = (figure.get("layout") or {}).get("height") or 450
    config = {"responsive": True, "displaylogo": False, **(figure.get("config") or {})}
    args = ", ".join(json.dumps(figure.get(k) or default).replace("</", "<\\/")
                     for k, default in (("data", []), ("layout", {})))
    return (f'<div class="workbench-plotly" id="{div_id}" style="width:100%;height:{int(height)}px"></div>'
            f'<script>Plotly.newPlot("{div_id}", {args}, {json.dumps(config)});</script>')


def _exercise_title(id: str) -> str:
    try:
        from .exercises import registry
        return registry.get(id).title
    except Exception:  # an unknown id still gets its note; the lesson's own test catches it
        return id


def widget_name(source: str) -> str:
    """What a code cell shows as a widget, in words, read from the call on its last line.

    >>> widget_name("from workbench.widgets.contacts import contact_explorer\\n\\ncontact_explorer(data)")
    'contact explorer'
    >>> widget_name("planner = CalendarPlanner(reps, line)\\nplanner")
    'calendar planner'
    >>> widget_name("from workbench.widgets.network import explorer\\n\\nexplorer(net)")
    'network explorer'
    >>> widget_name("practice.screen(db)"), widget_name("x = 1")
    ('practice screen', 'interactive widget')
    """
    lines = [line.strip() for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]
    last = lines[-1] if lines else ""
    if re.fullmatch(r"\w+", last):  # a variable: use the call assigned to it
        assigned = [m.group(1) for line in lines if (m := re.match(rf"{last}\s*=\s*(.+)", line))]
        last = assigned[-1] if assigned else last
    call = re.match(r"([\w.]+)\s*\(", last)
    if not call:
        return "interactive widget"
    *owners, name = call.group(1).split(".")
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").lower().split()
    if len(words) == 1:  # a bare verb-less name ("explorer", "screen"): say whose it is
        imported = re.search(rf"from\s+([\w.]+)\s+import\s+.*\b{re.escape(name)}\b", source)
        owner = owners[-1] if owners else (imported.group(1).rsplit(".", 1)[-1] if imported else "")
        words = [owner, *words] if owner else words
    return " ".join(words)


def _note(what: str) -> dict:
    return {"text/html": f'<div class="workbench-widget-note" style="border:1px dashed #2f6fb3;'
                         f'padding:.5em 1em;background:#f6f8fb">{what}</div>'}


def static_outputs(nb, lesson: str = "the lesson") -> int:
    """Rewrite outputs a static page cannot show as they are; returns how many figures it drew.

    Plotly figures become :func:`plotly_html`. A widget (an exercise form, an explorer) needs
    the lesson's Python kernel to answer, so it becomes a note naming it (the exercise, or the
    widget read from the cell's code) and saying to open ``lesson`` in JupyterLab to use it.
    """
    figures = 0
    where = f"open <code>{html.escape(lesson)}</code> in JupyterLab (<code>make lab</code>)"
    for cell in nb.cells:
        exercise = cell.get("metadata", {}).get("workbench", {}).get("exercise")
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                figures += 1
                output["data"] = {"text/html": plotly_html(data[PLOTLY_MIME], f"figure-{figures}")}
            elif WIDGET_MIME in data and exercise:
                output["data"] = _note(f"<b>Exercise:</b> {html.escape(_exercise_title(exercise))} "
                                       f"(<code>{html.escape(exercise)}</code>). To answer it with the form "
                                       f"and the Check button, {where}.")
            elif WIDGET_MIME in data:
                name = widget_name(cell.get("source", ""))
                output["data"] = _note(f"<b>Here the lesson shows the {html.escape(name)}</b>, an interactive "
                                       f"screen that answers as you use it. To use it, {where}.")
            output.get("metadata", {}).pop(WIDGET_MIME, None)
    nb.metadata.pop("widgets", None)
    return figures


def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="workbench-demo.html.j2",
                        extra_loaders=[jinja2.DictLoader({"workbench-demo.html.j2": _TEMPLATE})])


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>"
            "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
            "line-height:1.5;color:#1d1d1f}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}"
            ".lesson{margin:1em 0;padding:.6em 1em;border-left:4px solid #2f6fb3;background:#f6f8fb}"
            ".meta{color:#555;font-size:.9em}.failed{border-left-color:#b3261e}"
            "</style></head><body>" + body + "</body></html>")


def _error_text(err: Exception) -> str:
    """One line saying why a lesson failed: the cell's exception when nbclient gives it."""
    if getattr(err, "ename", None):
        return f"{err.ename}: {err.evalue}".strip()
    first = str(err).strip().splitlines()
    return f"{type(err).__name__}: {first[0]}" if first else type(err).__name__


def _lesson_entry(lesson: Lesson, page: str, error: str) -> str:
    goals = "".join(f"<li>{html.escape(g)}</li>" for g in lesson.goals)
    sources = "; ".join(html.escape(in_plain_words(s)) for s in lesson.sources)
    link = (f'<a href="{page}">{html.escape(lesson.title)}</a>' if not error
            else f"{html.escape(lesson.title)} <b>(could not be run: {html.escape(error)})</b>")
    return (f'<div class="lesson{" failed" if error else ""}"><h3>{link}</h3>'
            f'<div class="meta">{lesson.duration_minutes} minutes · {len(lesson.exercises)} exercises'
            f'{" · sources: " + sources if sources else ""}</div>'
            f'{"<p>After this lesson you can:</p><ul>" + goals + "</ul>" if goals else ""}</div>')


@dataclass(frozen=True)
class Site:
    """A built demo site: its index page, and the lessons that could not be run (path: why)."""

    index: Path
    failed: dict[Path, str] = field(default_factory=dict)


def _nav(next_lesson: tuple[str, str] | None) -> str:
    """The links at the top and bottom of a lesson page: the index, and the next lesson if any."""
    links = ['<a href="../index.html">← All lessons</a>']
    if next_lesson:
        page, title = next_lesson
        links.append(f'<a href="{html.escape(page)}" rel="next">Next: {html.escape(title)} →</a>')
    return ('<nav class="workbench-nav" style="display:flex;justify-content:space-between;gap:1em;'
            'padding:.5em 1em;font-family:system-ui,sans-serif">' + "".join(links) + "</nav>")


def build_demo(out: Path, *, lessons: list | None = None, progress: bool = True, timeout: int = 300) -> Site:
    """Execute the lessons and write the site; returns it, with the lessons that failed.

    ``lessons`` is a list of notebook paths (default: every lesson under ``notebooks/``). A lesson
    that fails to run is listed on the index with its error, and named on stderr, instead of
    stopping the build. Each lesson page links back to the index and on to the next lesson.

    The lessons run on the committed sample company, in a workbench home of their own that is
    thrown away afterwards: the build never reads or changes the user's progress or practice
    CRM, and ``WORKBENCH_DATA`` / ``WORKBENCH_SEED`` of the calling shell do not apply.
    """
    import tempfile

    from plotly.offline import get_plotlyjs
    from tqdm.auto import tqdm

    chosen = [read_lesson(p) for p in lessons] if lessons else in_course_order()
    out = Path(out)
    (out / "lessons").mkdir(parents=True, exist_ok=True)
    (out / PLOTLY_ASSET).parent.mkdir(parents=True, exist_ok=True)
    (out / PLOTLY_ASSET).write_text(get_plotlyjs(), encoding="utf-8")
    exporter = _exporter()
    pages: dict[Lesson, str] = {}  # built pages, in order, their navigation still to fill in
    failed: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="workbench-demo-") as home, \
            _environment(WORKBENCH_HOME=home, WORKBENCH_LEARNER="demo", WORKBENCH_DATA=None,
                         WORKBENCH_SEED=None, WORKBENCH_STRICT=None):
        for lesson in tqdm(chosen, desc="lessons", unit="lesson", disable=not progress):
            try:
                nb = execute(lesson.path, timeout=timeout)
                static_outputs(nb, lesson=_lab_path(lesson.path))
                pages[lesson], _ = exporter.from_notebook_node(
                    nb, resources={"metadata": {"name": lesson.title}, "plotly_js": f"../{PLOTLY_ASSET}"})
            except Exception as err:  # one broken lesson is reported, the rest are built
                failed[lesson.path] = _error_text(err)
                print(f"workbench demo: {lesson.path} could not be run: {failed[lesson.path]}", file=sys.stderr)
    built = list(pages)
    for lesson, following in zip(built, [*built[1:], None]):
        nav = _nav((f"{following.slug}.html", following.title) if following else None)
        (out / _page_path(lesson)).write_text(pages[lesson].replace(NAV_MARK, nav), encoding="utf-8")
    sections: dict[str, list[str]] = {}
    for lesson in chosen:
        sections.setdefault(lesson.track, []).append(
            _lesson_entry(lesson, _page_path(lesson), failed.get(lesson.path, "")))
    body = ["<h1>CRM Workbench: lessons</h1>",
            "<p>Every lesson below was run on the sample company, Acme. Charts are interactive: "
            "hover for values, drag to zoom, double-click to reset. To answer the exercises, open "
            "the lessons in JupyterLab (<code>make lab</code>).</p>"]
    if failed:
        body.append(f'<p class="failed"><b>{len(failed)} lesson(s) could not be run</b>; they are marked below.</p>')
    for track, items in sections.items():
        body.append(f"<h2>{html.escape(TRACK_TITLES.get(track, track.title()))}</h2>" + "".join(items))
    index = out / "index.html"
    index.write_text(_page("CRM Workbench lessons", "\n".join(body)), encoding="utf-8")
    return Site(index=index, failed=failed)


def _page_path(lesson: Lesson) -> str:
    return f"lessons/{lesson.slug}.html"


def _lab_path(path: Path) -> str:
    """A notebook's path as the lab's file browser shows it (relative to ``notebooks/``)."""
    try:
        return Path(path).resolve().relative_to(NOTEBOOKS).as_posix()
    except ValueError:
        return Path(path).name
