"""Every lesson of the CRM, network and editorial tracks follows the same template: what you will be
able to do, a business situation, then the lesson, a "What to remember" and a "Next"."""

import re
from pathlib import Path

import nbformat
import pytest

from workbench.lessons import read_lesson

ROOT = Path(__file__).resolve().parents[1]
TRACKS = ("crm", "network", "editorial")
LESSONS = sorted(p for track in TRACKS for p in (ROOT / "notebooks" / track).glob("*.ipynb")
                 if (lesson := read_lesson(p)).exercises and not lesson.assessment
                 and "tour" not in p.stem)  # the practice-CRM tour is a guided walk; an assessment teaches nothing

PARTS = {
    "goals": re.compile(r"\*\*After this (lesson|tour) you can\*\*"),
    "situation": re.compile(r"^(#+ |\*\*)The situation", re.M),
    "remember": re.compile(r"^#+ What to remember", re.M),
    "next": re.compile(r"\*\*Next:?\*\*|^Next lesson:", re.M),
}


def _markdown(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(ROOT)))
def test_lesson_has_every_part_in_order(path):
    cells = _markdown(path)
    where = {}
    for part, pattern in PARTS.items():
        found = [i for i, text in enumerate(cells) if pattern.search(text)]
        assert found, f"{path.name} has no {part!r} part"
        where[part] = found[0] if part in ("goals", "situation") else found[-1]
    assert where["goals"] <= where["situation"] < where["remember"] <= where["next"], \
        f"{path.name}: the parts are out of order {where}"
