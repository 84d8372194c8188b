"""Trainees never read a source document's file number ("seed 003"): lessons, check texts and the demo
site name the document in plain words."""

import json
import re
from pathlib import Path

import pytest

from workbench.exercises import registry
from workbench.lessons import Lesson
from workbench.site import _lesson_entry

ROOT = Path(__file__).resolve().parents[1]
CITATION = re.compile(r"\bseeds?\s?\d{3}\b", re.I)
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises") for p in (ROOT / folder).rglob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_lesson_text_names_no_seed_file(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    cited = [i for i, c in enumerate(cells, start=1)
             if c["cell_type"] == "markdown" and CITATION.search("".join(c["source"]))]
    assert not cited, f"{path.name}: cells {cited} cite a seed file; name the document in plain words"


def test_exercise_texts_name_no_seed_file():
    texts = {ex.id: " ".join([ex.title] + [f"{m.message} {m.hint}" for m in ex.wrong])
             for ex in registry.all_exercises()}
    assert not {eid for eid, text in texts.items() if CITATION.search(text)}


def test_the_demo_site_shows_sources_in_plain_words():
    lesson = Lesson(path=ROOT / "x.ipynb", title="T", track="crm", order=1, duration_minutes=10,
                    sources=("seed 004: the three database models",))
    shown = " ".join(_lesson_entry(lesson, "x.html", "")["sources"])
    assert "customer-database software" in shown and not CITATION.search(shown)
