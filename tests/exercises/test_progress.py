"""A learner's progress report in their language: the headline, the table's headings, the notes on skipped lines."""

from __future__ import annotations

from workbench.exercises.progress import ProgressLog, ProgressReport
from workbench.i18n.language import use_language


def _report(tmp_path, torn=False):
    log = ProgressLog(tmp_path / "amina.jsonl")
    log.append({"exercise": "crm.intro.count-contacts", "points": 1, "max_points": 1})
    log.append({"exercise": "crm.intro.what-a-crm-records", "points": 0, "max_points": 2})
    if torn:
        with log.path.open("a") as fh:
            fh.write("{torn\n")
    return ProgressReport.of(log, "amina")


def test_the_headline_and_table_are_french(tmp_path):
    report = _report(tmp_path)
    with use_language("fr"):
        text = report.text()
    assert text.splitlines()[0] == "amina : 1 exercices réussis sur 2 (1 points sur 3)"
    assert "meilleurs points" in text and "oui" in text and "non" in text
    assert list(report.table.columns)[:3] == ["exercise", "attempts", "best_points"]  # keys programs read


def test_a_skipped_line_is_explained_in_arabic_right_to_left(tmp_path, english_words_left):
    with use_language("ar"):
        report = _report(tmp_path, torn=True)
        notes, page = report.notes(), report._repr_html_()
    assert notes[0].startswith("تعذّرت قراءة سطر واحد من ") and "JSON" in notes[1]
    assert english_words_left("\n".join(notes), str(report.path), report.path.name, "JSON") == []
    assert "ملاحظة: " in page


def test_nothing_checked_yet_is_said_in_bengali(tmp_path, english_words_left):
    with use_language("bn"):
        headline = ProgressReport.of(ProgressLog(tmp_path / "x.jsonl"), "amina").headline()
    assert headline.startswith("amina: এখনও কোনো যাচাই হয়নি") and english_words_left(headline, "amina") == []
