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

The lessons and their metadata come from :mod:`workbench.lessons`. ``build_demo(out, lang="ar")``
builds the site of one language: the lessons built from its catalogues
(:mod:`workbench.i18n.lesson_build`), run with ``WORKBENCH_LANG`` set, every page marked with
its ``lang`` and, for Arabic and Persian, ``dir="rtl"``. The pages are Jinja2 templates
(``workbench/templates/site/``): ``lesson.html.j2`` extends nbconvert's lab template,
``index.html.j2`` is the index, ``parts.html.j2`` holds the navigation and the notes.

>>> widget_name("contact_explorer(data)")
'contact explorer'
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import RIGHT_TO_LEFT
from .i18n.messages import _
from .lessons import NOTEBOOKS, TRACK_TITLES, Lesson, in_course_order, read_lesson, with_parameters
from .sources import cited_documents, in_plain_words

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_ASSET = "assets/plotly.min.js"

NAV_MARK = "<!--workbench-nav-->"
UNNAMED_WIDGET = "interactive widget"  # what widget_name says of a widget its code does not name
TEMPLATES = Path(__file__).resolve().parent / "templates" / "site"


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
        return UNNAMED_WIDGET
    *owners, name = call.group(1).split(".")
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").lower().split()
    if len(words) == 1:  # a bare verb-less name ("explorer", "screen"): say whose it is
        imported = re.search(rf"from\s+([\w.]+)\s+import\s+.*\b{re.escape(name)}\b", source)
        owner = owners[-1] if owners else (imported.group(1).rsplit(".", 1)[-1] if imported else "")
        words = [owner, *words] if owner else words
    return " ".join(words)


@functools.cache
def _templates(lang: str = "en"):
    """The site's Jinja2 templates in ``lang``, HTML-escaped unless a template says otherwise."""
    import jinja2

    from .i18n.html import environment

    return environment(jinja2.FileSystemLoader(TEMPLATES), lang)


def _parts(lang: str = "en"):
    return _templates(lang).get_template("parts.html.j2").module


def static_outputs(nb, lesson: str = "the lesson", lang: str = "en") -> int:
    """Rewrite outputs a static page cannot show as they are; returns how many figures it drew.

    Plotly figures become :func:`plotly_html`. A widget (an exercise form, an explorer) needs
    the lesson's Python kernel to answer, so it becomes a note naming it (the exercise, or the
    widget read from the cell's code) and saying to open ``lesson`` in JupyterLab to use it, in ``lang``.
    """
    figures = 0
    parts = _parts(lang)
    for cell in nb.cells:
        exercise = cell.get("metadata", {}).get("workbench", {}).get("exercise")
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                figures += 1
                output["data"] = {"text/html": plotly_html(data[PLOTLY_MIME], f"figure-{figures}")}
            elif WIDGET_MIME in data and exercise:
                output["data"] = {"text/html": str(parts.exercise_note(_exercise_title(exercise), exercise, lesson))}
            elif WIDGET_MIME in data:
                name = widget_name(cell.get("source", ""))
                output["data"] = {"text/html": str(parts.widget_note(None if name == UNNAMED_WIDGET else name, lesson))}
            output.get("metadata", {}).pop(WIDGET_MIME, None)
    nb.metadata.pop("widgets", None)
    return figures


def _exporter(lang: str = "en"):
    """nbconvert's lab exporter with the site's lesson template, its words (``_()``) in ``lang``."""
    import jinja2
    from nbconvert import HTMLExporter

    from .i18n.messages import translations

    exporter = HTMLExporter(template_name="lab", template_file="lesson.html.j2", language_code=lang,
                            extra_loaders=[jinja2.FileSystemLoader(TEMPLATES)])
    exporter.environment.add_extension("jinja2.ext.i18n")
    exporter.environment.install_gettext_translations(translations(lang), newstyle=True)
    return exporter


def _error_text(err: Exception) -> str:
    """One line saying why a lesson failed: the cell's exception when nbclient gives it."""
    if getattr(err, "ename", None):
        return f"{err.ename}: {err.evalue}".strip()
    first = str(err).strip().splitlines()
    return f"{type(err).__name__}: {first[0]}" if first else type(err).__name__


def _lesson_entry(lesson: Lesson, page: str, error: str, lang: str = "en") -> dict:
    """What the index shows of a lesson; its sources in English words, or in ``lang`` the documents' names."""
    if lang == "en":
        sources = [in_plain_words(s) for s in lesson.sources]
    else:
        from .i18n.language import use_language

        with use_language(lang):
            sources = list(dict.fromkeys(_(name) for s in lesson.sources for name in cited_documents(s)))
    return {"lesson": lesson, "page": page, "error": error, "sources": sources}


@dataclass(frozen=True)
class Site:
    """A built demo site: its index page, and the lessons that could not be run (path: why)."""

    index: Path
    failed: dict[Path, str] = field(default_factory=dict)


def _nav(next_lesson: tuple[str, str] | None, lang: str = "en") -> str:
    """The links at the top and bottom of a lesson page, in ``lang``: the index, and the next lesson if any."""
    return str(_parts(lang).nav(*(next_lesson or ())))


def _in_language(lang: str, lessons: list | None, folder: Path) -> list[Lesson]:
    """The lessons to run (``lessons``, notebook paths, or all), in ``lang``: built from its catalogues into ``folder``.

    A notebook outside ``notebooks/`` (an author's draft) is translated from the catalogue of its own lesson id.
    """
    import nbformat

    from .i18n.lesson_build import build, in_language
    from .lessons import lesson_id

    if lessons is None:
        build(lang, folder)
        return in_course_order(folder)
    chosen = []
    for path in map(Path, lessons):
        nb, _ = in_language(path, lesson_id(path), lang)
        inside = path.resolve().is_relative_to(NOTEBOOKS)
        target = folder / (path.resolve().relative_to(NOTEBOOKS) if inside else path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        chosen.append(read_lesson(target))
    return chosen


def build_demo(out: Path, *, lessons: list | None = None, progress: bool = True, timeout: int = 300,
               lang: str = "en") -> Site:
    """Execute the lessons and write the site; returns it, with the lessons that failed.

    ``lessons`` is a list of notebook paths (default: every lesson under ``notebooks/``). A lesson
    that fails to run is listed on the index with its error, and named on stderr, instead of
    stopping the build. Each lesson page links back to the index and on to the next lesson.
    ``lang``: the site's language (module docstring).

    The lessons run on the committed sample company, in a workbench home of their own that is
    thrown away afterwards: the build never reads or changes the user's progress or practice
    CRM, and ``WORKBENCH_DATA`` / ``WORKBENCH_SEED`` of the calling shell do not apply.
    """
    import tempfile

    from plotly.offline import get_plotlyjs
    from tqdm.auto import tqdm

    out = Path(out)
    (out / "lessons").mkdir(parents=True, exist_ok=True)
    (out / PLOTLY_ASSET).parent.mkdir(parents=True, exist_ok=True)
    (out / PLOTLY_ASSET).write_text(get_plotlyjs(), encoding="utf-8")
    exporter = _exporter(lang)
    direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    pages: dict[Lesson, str] = {}  # built pages, in order, their navigation still to fill in
    failed: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="workbench-demo-") as home, \
            _environment(WORKBENCH_HOME=home, WORKBENCH_LEARNER="demo", WORKBENCH_DATA=None,
                         WORKBENCH_SEED=None, WORKBENCH_STRICT=None, WORKBENCH_LANG=lang):
        root = NOTEBOOKS if lang == "en" else Path(home) / "lessons"
        if lang == "en":
            chosen = [read_lesson(p) for p in lessons] if lessons else in_course_order()
        else:
            chosen = _in_language(lang, lessons or None, root)
        for lesson in tqdm(chosen, desc="lessons", unit="lesson", disable=not progress):
            try:
                nb = execute(lesson.path, timeout=timeout)
                static_outputs(nb, lesson=_lab_path(lesson.path, root), lang=lang)
                pages[lesson] = exporter.from_notebook_node(
                    nb, resources={"metadata": {"name": lesson.title}, "plotly_js": f"../{PLOTLY_ASSET}",
                                   "lang": lang, "dir": direction})[0]
            except Exception as err:  # one broken lesson is reported, the rest are built
                failed[lesson.path] = _error_text(err)
                print(_("workbench demo: {path} could not be run: {error}").format(path=lesson.path,
                                                                                    error=failed[lesson.path]),
                      file=sys.stderr)
    built = list(pages)
    for lesson, following in zip(built, [*built[1:], None]):
        nav = _nav((f"{following.slug}.html", following.title) if following else None, lang)
        (out / _page_path(lesson)).write_text(pages[lesson].replace(NAV_MARK, nav), encoding="utf-8")
    sections: dict[str, list[dict]] = {}
    for lesson in chosen:
        sections.setdefault(TRACK_TITLES.get(lesson.track, lesson.track), []).append(
            _lesson_entry(lesson, _page_path(lesson), failed.get(lesson.path, ""), lang))
    index = out / "index.html"
    index.write_text(_templates(lang).get_template("index.html.j2").render(
        failed=len(failed), sections=list(sections.items())), encoding="utf-8")
    return Site(index=index, failed=failed)


def _page_path(lesson: Lesson) -> str:
    return f"lessons/{lesson.slug}.html"


def _lab_path(path: Path, root: Path = NOTEBOOKS) -> str:
    """A notebook's path as the lab's file browser shows it (relative to ``root``, the lessons' folder)."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).name
