"""Every lesson ends on a link to the next one, in course order, so a trainee never meets a dead end.

``python -m workbench.next_links [NOTEBOOK...]`` (default: every lesson) makes the last
"**Next:**" (or "Next lesson:") line of each lesson a markdown link to the lesson that follows it
(:func:`next_lesson`): a link already there is kept, a file name written as code
(`` `05-data-quality-and-duplicates.ipynb` ``, or just `` `06` ``) becomes the link, and any
other sentence is kept after a new link.  A lesson without a Next line gets one in a last cell.
A second run changes nothing.

>>> print(link_line("**Next:** `05-data-quality.ipynb`. For more practice, open the set.",
...                 "05-data-quality.ipynb", "Data quality"))
**Next:** [05-data-quality.ipynb](05-data-quality.ipynb). For more practice, open the set.
>>> print(link_line("Next lesson: turning all this into a calendar.", "03-calendar.ipynb", "Planning the calendar"))
**Next:** [Planning the calendar](03-calendar.ipynb). Turning all this into a calendar.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

START_HERE = "00-start-here.ipynb"
NEXT_LINE = re.compile(r"^(?:\*\*Next:\*\*|Next lesson:)[ \t]*(?P<rest>.*)$", re.MULTILINE)


def link_line(line: str, target: str, title: str) -> str:
    """A Next line that links ``target`` (a relative path), keeping what else the line says.

    >>> link_line("**Next:** [the next one](06-rfm.ipynb) groups customers.", "06-rfm.ipynb", "RFM")
    '**Next:** [the next one](06-rfm.ipynb) groups customers.'
    >>> link_line("**Next:** `06`, segments.", "06-rfm.ipynb", "RFM")
    '**Next:** [06-rfm.ipynb](06-rfm.ipynb), segments.'
    """
    if re.search(r"\]\(" + re.escape(target) + r"[)#]", line):
        return line
    name = target.rsplit("/", 1)[-1]
    number = name.split("-", 1)[0]
    named = re.compile("`(?:" + "|".join(map(re.escape, (name, name.removesuffix(".ipynb"), number))) + ")`")
    if named.search(line):
        return named.sub(lambda _: f"[{name}]({target})", line, count=1)
    rest = NEXT_LINE.match(line).group("rest").strip()
    return f"**Next:** [{title}]({target})." + (f" {rest[:1].upper()}{rest[1:]}" if rest else "")


@functools.lru_cache(maxsize=8)
def _course(notebooks: Path) -> tuple:
    from .lessons import in_course_order

    return tuple(in_course_order(notebooks))


def next_lesson(path: Path, notebooks: Path | None = None):
    """The lesson (:class:`workbench.lessons.Lesson`) a trainee opens after ``path``, or ``None``.

    The next lesson of the same track; after a track's last lesson, its assessment; after an
    assessment, the start page (progress, certificate, the other tracks); after the start page, the
    course's first lesson.  The glossary is a page to look things up in: it has no next lesson.

    >>> from workbench.lessons import NOTEBOOKS
    >>> next_lesson(NOTEBOOKS / "crm/13-cross-selling-and-crm-projects.ipynb").path.name
    '99-assessment.ipynb'
    >>> next_lesson(NOTEBOOKS / "crm/99-assessment.ipynb").path.name, next_lesson(NOTEBOOKS / START_HERE).track
    ('00-start-here.ipynb', 'crm')
    """
    from .glossary import GLOSSARY_NOTEBOOK
    from .lessons import notebooks_folder

    path = Path(path).resolve()
    course = _course(notebooks or notebooks_folder(path))
    here = next((n for n, lesson in enumerate(course) if lesson.path.resolve() == path), None)
    if here is None or path.name == GLOSSARY_NOTEBOOK:
        return None
    lesson = course[here]
    start = next(other for other in course if other.path.name == START_HERE)
    if lesson is start:
        return next((other for other in course if other.track != "start"), None)
    following = [other for other in course[here + 1:] if other.track == lesson.track]
    return following[0] if following and not lesson.assessment else start


def link_next(nb, path: Path) -> bool:
    """Make the lesson's last Next line a link to :func:`next_lesson` (add one if missing); True if it changed."""
    import nbformat

    following = next_lesson(path)
    if following is None:
        return False
    target = Path(os.path.relpath(following.path.resolve(), Path(path).resolve().parent)).as_posix()
    found = [(cell, match) for cell in nb.cells if cell.cell_type == "markdown"
             for match in NEXT_LINE.finditer(cell.source)]
    if not found:
        nb.cells.append(nbformat.v4.new_markdown_cell(link_line("**Next:**", target, following.title)))
        return True
    cell, match = found[-1]
    linked = link_line(match.group(0), target, following.title)
    if linked == match.group(0):
        return False
    cell.source = cell.source[:match.start()] + linked + cell.source[match.end():]
    return True


def main(argv: list[str] | None = None) -> int:
    """Link the Next lines of the given notebooks (default: every lesson); say how many changed."""
    from .lesson_files import rewrite_named

    changed, paths = rewrite_named(argv, link_next)
    print(f"Next links written in {len(changed)} of {len(paths)} notebook(s)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
