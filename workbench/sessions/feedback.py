"""Pages a grading run writes, rendered from the Jinja2 templates in ``sessions/templates``.

:func:`render` fills a template (autoescaped: a trainee's name or answer is shown,
never run in the browser); :func:`write_feedback` writes a trainee's feedback page.

>>> print(render("feedback.html.j2", trainee="<Amina>", lessons=[]).split("<h1>")[1].split("</h1>")[0])
Feedback for &lt;Amina&gt;
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..i18n.language import current_language, use_language
from ..i18n.numbers import localise
from .verdict import SELF_REPORTED, SOURCES

#: The ``exercise`` key of a grades row about a notebook as a whole (a program reads it: it stays English);
#: its feedback page says "the whole notebook" in the trainee's language.
WHOLE = "(whole notebook)"


@cache
def _environment(lang: str):
    import jinja2

    from ..i18n.html import environment

    env = environment(jinja2.PackageLoader("workbench.sessions", "templates"), lang,
                      trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["points"] = lambda x: localise(f"{float(x):g}", float(x), lang)
    return env


def render(template: str, *, lang: str | None = None, **context) -> str:
    """The template ``template`` filled with ``context``, in ``lang`` (the current language by default).

    >>> 'dir="rtl"' in render("feedback.html.j2", lang="fa", trainee="Amina", lessons=[])
    True
    """
    return _environment(lang or current_language()).get_template(template).render(**context)


def write_feedback(trainee: str, grades, path: Path, *, lang: str = "en") -> Path:
    """A trainee's feedback page (``grades``: their rows of ``grades.csv``) in ``lang``: a total per lesson, then
    one line per exercise: points, attempts, what the check said, what to do next, and where the grade comes from."""
    lessons = [{"name": str(lesson), "points": rows["points"].sum(), "max_points": rows["max_points"].sum(),
                "rows": rows.to_dict("records")} for lesson, rows in grades.groupby("lesson", sort=True)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with use_language(lang):
        page = render("feedback.html.j2", trainee=trainee, lessons=lessons, self_reported=SELF_REPORTED,
                      sources=SOURCES, whole=WHOLE)
    path.write_text(page, encoding="utf-8")
    return path
