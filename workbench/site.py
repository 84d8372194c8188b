"""Lessons as a static site: execute every lesson on the sample data and export HTML.

``build_demo(out)`` writes ``out/index.html`` (lessons by track, with their
goals and duration) and one HTML page per lesson with interactive plotly
figures, ready to send to trainees before a session.

>>> [lesson.track for lesson in lessons()][:1]
['start']
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import WorkbenchError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TRACK_TITLES = {"start": "Start here", "crm": "CRM track", "network": "Network track",
                "editorial": "Editorial track", "superusers": "For superusers"}


@dataclass(frozen=True)
class Lesson:
    """A lesson notebook and what its metadata says about it."""

    path: Path
    title: str
    track: str
    order: int
    duration_minutes: int
    goals: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    exercises: tuple[str, ...] = field(default=())

    @property
    def slug(self) -> str:
        return f"{self.track}-{self.path.stem}"


def read_lesson(path: str | Path) -> Lesson:
    """The :class:`Lesson` described by a notebook's ``workbench`` metadata."""
    path = Path(path)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("workbench", {})
    except (OSError, ValueError, KeyError) as err:
        raise WorkbenchError(f"cannot read the notebook ({err})", where=str(path),
                             fix="open it in JupyterLab and save it again") from None
    track = meta.get("track") or (path.parent.name if path.parent != NOTEBOOKS else "start")
    return Lesson(path=path, title=meta.get("title", path.stem), track=track,
                  order=int(meta.get("order", 0)), duration_minutes=int(meta.get("duration_minutes", 0)),
                  goals=tuple(meta.get("goals", ())), sources=tuple(meta.get("sources", ())),
                  exercises=tuple(meta.get("exercises", ())))


def lessons(root: Path = NOTEBOOKS) -> list[Lesson]:
    """Every lesson under ``root``, ordered by track then lesson order."""
    order = list(TRACK_TITLES)
    found = [read_lesson(p) for p in sorted(root.rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts]
    return sorted(found, key=lambda l: (order.index(l.track) if l.track in order else len(order),
                                        l.order, l.path.name))


def execute(path: Path, *, timeout: int = 300, data_dir: str | None = None):
    """Run a notebook top to bottom in a fresh kernel and return it with outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    if data_dir:
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source += f"\ndata_dir = {str(data_dir)!r}"
    os.environ.setdefault("PLOTLY_RENDERER", "notebook")
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>"
            "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
            "line-height:1.5;color:#1d1d1f}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}"
            ".lesson{margin:1em 0;padding:.6em 1em;border-left:4px solid #2f6fb3;background:#f6f8fb}"
            ".meta{color:#555;font-size:.9em}.failed{border-left-color:#b3261e}"
            "</style></head><body>" + body + "</body></html>")


def build_demo(out: Path, *, lessons: list | None = None, progress: bool = True) -> Path:
    """Execute the lessons and write the site; returns the index page's path.

    A lesson that fails to run is listed with its error instead of stopping the build.
    """
    from nbconvert import HTMLExporter
    from tqdm.auto import tqdm

    chosen = [read_lesson(p) for p in lessons] if lessons else globals()["lessons"]()
    out = Path(out)
    (out / "lessons").mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    sections: dict[str, list[str]] = {}
    for lesson in tqdm(chosen, desc="lessons", unit="lesson", disable=not progress):
        page = f"lessons/{lesson.slug}.html"
        error = ""
        try:
            nb = execute(lesson.path)
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": lesson.title}})
            (out / page).write_text(body, encoding="utf-8")
        except Exception as err:  # one broken lesson is reported, the rest are built
            error = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
        goals = "".join(f"<li>{html.escape(g)}</li>" for g in lesson.goals)
        sources = "; ".join(html.escape(s) for s in lesson.sources)
        link = (f'<a href="{page}">{html.escape(lesson.title)}</a>' if not error
                else f"{html.escape(lesson.title)} <b>(could not be run: {html.escape(error)})</b>")
        sections.setdefault(lesson.track, []).append(
            f'<div class="lesson{" failed" if error else ""}"><h3>{link}</h3>'
            f'<div class="meta">{lesson.duration_minutes} minutes · {len(lesson.exercises)} exercises'
            f'{" · sources: " + sources if sources else ""}</div><ul>{goals}</ul></div>')
    body = ["<h1>CRM Workbench: lessons</h1>",
            "<p>Every lesson below was run on the sample company, Acme. Charts are interactive.</p>"]
    for track, items in sections.items():
        body.append(f"<h2>{html.escape(TRACK_TITLES.get(track, track.title()))}</h2>" + "".join(items))
    index = out / "index.html"
    index.write_text(_page("CRM Workbench lessons", "\n".join(body)), encoding="utf-8")
    return index
