"""docs/coverage.md maps every topic of the source documents to lessons and exercises that exist."""

import re
from pathlib import Path

import pytest

from workbench.exercises import get

ROOT = Path(__file__).resolve().parents[1]
COVERAGE = ROOT / "docs" / "coverage.md"
DOCUMENTS = ("000", "001", "002", "003", "004")
LESSON = re.compile(r"`((?:crm|network|editorial|superusers)/[\w-]+)`")
EXERCISE = re.compile(r"`([a-z-]+\.[a-z-]+\.[a-z0-9-]+)`")


def _rows():
    """(document, topic, lessons cell, exercises cell) for every row of the coverage tables."""
    document, rows = None, []
    for line in COVERAGE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            document = line[3:].split(":")[0].strip()
        elif line.startswith("|") and document and not set(line) <= set("|- "):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[0] != "topic":
                rows.append((document, *cells))
    return rows


ROWS = _rows()


def test_every_document_has_topics():
    documents = {row[0] for row in ROWS}
    assert documents == set(DOCUMENTS), f"documents without a table: {set(DOCUMENTS) - documents}"
    assert len(ROWS) >= 80


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}: {r[1][:50]}")
def test_topic_names_existing_lessons_and_exercises(row):
    document, topic, lessons, exercises = row
    status = re.sub(r"`[^`]*`", "", f"{lessons} {exercises}")  # the words outside the names
    assert "missing" not in status.lower(), f"{topic}: marked missing"
    named_lessons = LESSON.findall(lessons)
    named_exercises = EXERCISE.findall(exercises)
    assert named_lessons, f"{topic}: no lesson named"
    assert named_exercises, f"{topic}: no exercise named"
    for lesson in named_lessons:
        assert (ROOT / "notebooks" / f"{lesson}.ipynb").exists(), f"{topic}: no lesson notebooks/{lesson}.ipynb"
    for id in named_exercises:
        get(id)  # raises ExerciseError for an id that is not registered
