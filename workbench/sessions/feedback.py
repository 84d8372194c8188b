"""Pages a grading run writes, rendered from the Jinja2 templates in ``sessions/templates``.

:func:`render` fills a template (autoescaped: a trainee's name or answer is shown,
never run in the browser); :func:`write_feedback` writes a trainee's feedback page.

>>> print(render("feedback.html.j2", trainee="<Amina>", lessons=[]).split("<h1>")[1].split("</h1>")[0])
Feedback for &lt;Amina&gt;
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .verdict import SELF_REPORTED, SOURCES


@cache
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("workbench.sessions", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["points"] = lambda x: f"{float(x):g}"
    return env


def render(template: str, **context) -> str:
    """The template ``template`` filled with ``context``."""
    return _environment().get_template(template).render(**context)


def write_feedback(trainee: str, grades, path: Path) -> Path:
    """A trainee's feedback page (``grades``: their rows of ``grades.csv``): a total per lesson, then one line per
    exercise: points, attempts, what the check said, what to do next, and where the grade comes from."""
    lessons = [{"name": str(lesson), "points": rows["points"].sum(), "max_points": rows["max_points"].sum(),
                "rows": rows.to_dict("records")} for lesson, rows in grades.groupby("lesson", sort=True)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render("feedback.html.j2", trainee=trainee, lessons=lessons, self_reported=SELF_REPORTED,
                           sources=SOURCES), encoding="utf-8")
    return path
