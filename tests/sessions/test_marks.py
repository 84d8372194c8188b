"""A trainer's marks for open answers: the marking sheet filled in and applied, refused when wrong, kept on
re-grading while the text is unchanged.

The round trip is real: trainees hand in through the real check (their lab's progress log) or in their
notebook, the class is graded in the sandbox, the sheet is filled with openpyxl as a trainer's spreadsheet
would, and the command applies it."""

import hashlib
import json
import zipfile
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from workbench.cli import main
from workbench.exercises import check, get
from workbench.exercises.check import Context
from workbench.sessions.grade import grade
from workbench.sessions.marking_sheet import MarkingSheetError
from workbench.sessions.marks import MARKS, OPEN_ANSWERS, answer_id, apply_marks, record_marks, validate
from workbench.sessions.release import release
from workbench.sessions.report import report
from workbench.settings import Settings

PLAN = "superusers.session.session-plan"  # an open exercise that needs no data
ORDER = "superusers.session.command-order"
MODEL = get(PLAN).reference(None)
INJECTED = '=HYPERLINK("http://evil.example/steal","Click for your grade") ' + MODEL
CRITERIA = [c.name for c in get(PLAN).open_task.rubric.criteria]  # 1, 2, 1, 1 points


def practice_set(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook(metadata={"workbench": {"title": "Demo", "track": "demo",
                                                          "exercises": [ORDER, PLAN]}})
    nb.cells = [nbformat.v4.new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import workbench as wb")]
    for id in (ORDER, PLAN):
        nb.cells.append(nbformat.v4.new_code_cell(f"answer = ...\nwb.check({id!r}, answer)",
                                                  metadata={"workbench": {"exercise": id}}))
    path = folder / "demo" / "01-demo.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)
    return path


def hand_in_from_the_lab(folder: Path, learner: str, text: str):
    """What the Check button under the form does: the real check, logged in the trainee's own progress log."""
    ctx = Context(Settings(learner=learner, home=folder / ".workbench"))
    return check(PLAN, text, ctx=ctx)


def answer_in_the_notebook(folder: Path, text: str) -> None:
    path = folder / "01-demo.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("workbench", {}).get("exercise") == PLAN)
    cell.source = f"answer = {text!r}\nwb.check({PLAN!r}, answer)"
    nbformat.write(nb, path)


def sheet_rows(path: Path) -> tuple[list, dict]:
    book = openpyxl.load_workbook(path)
    rows = list(book.active.iter_rows(values_only=True))
    header = list(rows[0])
    return header, {(r[0], r[2]): (number, r) for number, r in enumerate(rows[1:], start=2)}


def fill(path: Path, marks: dict, out: Path | None = None) -> Path:
    """Type marks into the sheet as a trainer would: ``{(trainee, exercise): ([values...], comment)}``."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for number in range(2, sheet.max_row + 1):
        key = (sheet.cell(number, 1).value, sheet.cell(number, 3).value)
        if key in marks:
            values, comment = marks[key]
            for name, value in zip(CRITERIA, values):
                sheet.cell(number, header.index(name) + 1).value = value
            sheet.cell(number, header.index("comment") + 1).value = comment
    book.save(out or path)
    return out or path


def checksums_hold(out: Path) -> bool:
    for line in (out / "checksums.sha256").read_text().splitlines():
        digest, name = line.split("  ", 1)
        if hashlib.sha256((out / name).read_bytes()).hexdigest() != digest:
            return False
    return True


def row(grades, trainee, exercise=PLAN):
    found = grades[(grades["trainee"] == trainee) & (grades["exercise"] == exercise)]
    assert len(found) == 1, found
    return found.iloc[0]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("open-answers")
    subs = root / "class"
    release([practice_set(root / "src")], subs, trainees=["amina", "reza", "omar", "lea"], build_data=False,
            progress=False)
    handed = {"amina": hand_in_from_the_lab(subs / "amina", "amina", "Too short to mark."),  # then a real text
              "amina-2": hand_in_from_the_lab(subs / "amina", "amina", MODEL),
              "reza": hand_in_from_the_lab(subs / "reza", "reza", INJECTED)}
    answer_in_the_notebook(subs / "omar", MODEL.replace("eight", "ten"))  # handed in by the graded run itself
    out = root / "grades"  # lea hands in nothing
    grades = grade(subs, out, jobs=2, cell_timeout=20, notebook_timeout=120, progress=False)
    return grades, out, subs, handed


@pytest.mark.slow
def test_check_hands_in_through_the_lab_and_grading_says_to_mark(graded):
    grades, out, _, handed = graded
    assert not handed["amina"].to_mark and handed["amina"].hint  # too short: a message and a hint, not handed in
    assert handed["amina-2"].to_mark and handed["reza"].to_mark
    for trainee in ("amina", "reza", "omar"):
        assert row(grades, trainee)["status"] == "to mark" and row(grades, trainee)["points"] == 0
    assert row(grades, "lea")["status"] != "to mark"
    assert row(grades, "amina", ORDER)["status"] != "to mark"  # closed exercises graded as before
    on_disk = pd.read_csv(out / "grades.csv", keep_default_na=False)
    assert (on_disk[on_disk["exercise"] == PLAN]["status"] == "to mark").sum() == 3
    assert checksums_hold(out)


@pytest.mark.slow
def test_the_marking_sheet_holds_question_rubric_and_last_text(graded):
    _, out, _, _ = graded
    header, rows = sheet_rows(out / "marking-sheet.xlsx")
    assert header[:7] == ["trainee", "lesson", "exercise", "question", "rubric", "answer", "answer id"]
    assert header[7:11] == CRITERIA and header[-2:] == ["comment", "note"]
    assert set(rows) == {("amina", PLAN), ("reza", PLAN), ("omar", PLAN)}
    _, amina = rows[("amina", PLAN)]
    assert amina[5] == MODEL  # the last text handed in, not the first
    assert amina[3] == get(PLAN).open_task.question and "Agenda with times (0 to 2)" in amina[4]
    assert "ten colleagues" not in amina[5] and "ten" in rows[("omar", PLAN)][1][5].split()
    csv_rows = pd.read_csv(out / "marking-sheet.csv", keep_default_na=False, encoding="utf-8-sig")
    assert list(csv_rows.columns) == header and len(csv_rows) == 3


@pytest.mark.slow
def test_a_formula_in_an_answer_never_becomes_a_formula(graded):
    _, out, _, _ = graded
    _, rows = sheet_rows(out / "marking-sheet.xlsx")
    number, reza = rows[("reza", PLAN)]
    assert reza[5] == INJECTED  # shown as the text it is
    with zipfile.ZipFile(out / "marking-sheet.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no cell of the workbook holds a formula
    cell = openpyxl.load_workbook(out / "marking-sheet.xlsx").active.cell(number, 6)
    assert cell.data_type == "s" and cell.quotePrefix
    csv_text = (out / "marking-sheet.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in csv_text and ',"=HYPERLINK(' not in csv_text and "\n=HYPERLINK" not in csv_text


@pytest.mark.slow
def test_bad_marks_are_all_named_and_nothing_is_applied(graded, tmp_path):
    _, out, _, _ = graded
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = fill(out / "marking-sheet.xlsx", {("amina", PLAN): ([1, "three", 1, 1], "ok"),
                                            ("reza", PLAN): ([1, 3, 1, -1], ""),
                                            ("omar", PLAN): ([1, None, 1, 1], "half done")}, tmp_path / "bad.xlsx")
    with pytest.raises(MarkingSheetError) as caught:
        record_marks(out, bad)
    problems = caught.value.problems
    header, _ = sheet_rows(bad)
    agenda = chr(ord("A") + header.index("Agenda with times"))
    assert any(p.startswith(f"row 2, column {agenda} (Agenda with times): 'three' is not a mark between 0 and 2")
               for p in problems), problems
    assert any("3 is not a mark between 0 and 2" in p for p in problems)
    assert any("-1 is not a mark between 0 and 1" in p for p in problems)
    assert any("Agenda with times not marked; mark every criterion of the row, or none" in p for p in problems)
    assert len(problems) == 4 and str(bad) in str(caught.value)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


@pytest.mark.slow
def test_a_sheet_from_another_class_is_refused(graded, tmp_path, capsys):
    _, out, _, _ = graded
    renamed = tmp_path / "renamed.xlsx"
    book = openpyxl.load_workbook(out / "marking-sheet.xlsx")
    book.active.cell(2, 1).value = "someone-else"
    book.active.cell(3, 7).value = "text-0123456789ab"  # an answer id from another grading run, with a mark
    book.active.cell(3, 8).value = 1
    book.save(renamed)
    with pytest.raises(MarkingSheetError) as caught:
        record_marks(out, renamed)
    text = str(caught.value)
    assert "row 2: 'someone-else'" in text and "is not an open answer of these grades" in text
    assert "row 3, column G (answer id): this is not the text graded last" in text
    assert main(["session", "marks", str(out), "--sheet", str(renamed)]) == 2
    said = capsys.readouterr().err
    assert "Traceback" not in said and "no mark was applied" in said and "row 2:" in said


@pytest.mark.slow
def test_marks_flow_into_grades_feedback_and_report_then_regrading_keeps_them(graded, tmp_path, capsys):
    _, out, subs, _ = graded
    fill(out / "marking-sheet.xlsx", {("amina", PLAN): ([1, 2, 1, 1], "A clear plan, well timed."),
                                      ("reza", PLAN): ([1, 1, 0, 0], "Say how you will grade.")})
    assert main(["session", "marks", str(out)]) == 0
    assert "2 open answer(s) marked, 1 still waiting" in capsys.readouterr().out
    grades = pd.read_csv(out / "grades.csv", keep_default_na=False)
    amina, reza, omar = row(grades, "amina"), row(grades, "reza"), row(grades, "omar")
    assert (amina["points"], amina["status"], amina["source"], amina["message"]) == \
        (5, "passed", "trainer", "A clear plan, well timed.")
    assert "Agenda with times 2/2" in amina["reason"]
    assert (reza["points"], reza["status"], reza["source"]) == (2, "partial", "trainer")
    assert omar["status"] == "to mark"
    assert "A clear plan, well timed." in (out / "feedback" / "amina.html").read_text()
    assert checksums_hold(out) and MARKS in (out / "checksums.sha256").read_text()
    page = report(out, tmp_path / "report.html").read_text()
    assert "Open answers marked by the trainer" in page and "Say how you will grade." in page
    assert "1 open answer(s) still wait for a mark" in page

    # a correction: run again with another mark for reza
    fill(out / "marking-sheet.xlsx", {("reza", PLAN): ([1, 2, 0, 0], "Better agenda.")})
    record_marks(out)
    assert row(pd.read_csv(out / "grades.csv", keep_default_na=False), "reza")["points"] == 3

    # reza rewrites the text, amina does not: grading again keeps amina's mark, flags reza's
    hand_in_from_the_lab(subs / "reza", "reza", MODEL + " I will also send a short survey afterwards.")
    again = grade(subs, out, jobs=2, cell_timeout=20, notebook_timeout=120, progress=False)
    assert (row(again, "amina")["points"], row(again, "amina")["source"]) == (5, "trainer")
    assert row(again, "reza")["status"] == "to mark" and "changed after your trainer marked it" in \
        row(again, "reza")["reason"]
    assert any("reza" in note and "changed" in note for note in again.attrs["notes"])
    _, rows = sheet_rows(out / "marking-sheet.xlsx")
    amina_row, reza_row = rows[("amina", PLAN)][1], rows[("reza", PLAN)][1]
    assert amina_row[7:11] == (1, 2, 1, 1) and amina_row[-1] == "marked"  # prefilled: applying it again is safe
    assert reza_row[7:11] == (None,) * 4 and "mark it again" in reza_row[-1]
    assert not list(out.glob("marking-sheet-before-*"))  # every mark in the old sheet had been applied
    entries = {e["trainee"]: e for e in json.loads((out / OPEN_ANSWERS).read_text())}
    assert entries["reza"]["answer_id"] == answer_id(reza_row[5]) and reza_row[5].endswith("survey afterwards.")


@pytest.mark.slow
def test_regrading_keeps_a_sheet_whose_marks_were_not_applied(graded):
    _, out, subs, _ = graded
    fill(out / "marking-sheet.xlsx", {("omar", PLAN): ([1, 1, 1, 1], "not applied yet")})
    again = grade(subs, out, jobs=2, cell_timeout=20, notebook_timeout=120, progress=False)
    kept = list(out.glob("marking-sheet-before-*.xlsx"))
    assert len(kept) == 1 and any(kept[0].name in note for note in again.attrs["notes"])
    assert sheet_rows(kept[0])[1][("omar", PLAN)][1][-2] == "not applied yet"
    record_marks(out, kept[0])  # the kept sheet still applies: same texts
    assert row(pd.read_csv(out / "grades.csv", keep_default_na=False), "omar")["points"] == 4


ENTRY = {"trainee": "amina", "lesson": "demo/01", "exercise": PLAN, "question": "q", "text": "t",
         "answer_id": answer_id("t"), "criteria": [{"name": "Tone", "points": 1.0, "earns": "polite"},
                                                   {"name": "Agenda", "points": 2.0, "earns": "times"}]}


def sheet(*rows):
    header = ["trainee", "exercise", "answer id", "Tone", "Agenda", "comment"]
    return [{"row": n, "cells": {h: (v, chr(65 + i)) for i, (h, v) in enumerate(zip(header, values))}}
            for n, values in enumerate(rows, start=2)]


def test_validate_reads_numbers_as_trainers_type_them():
    given = validate(Path("s.csv"), sheet(["amina", PLAN, ENTRY["answer_id"], "1", "1,5", " fine "]), [ENTRY])
    assert given[("amina", PLAN)]["scores"] == {"Tone": 1.0, "Agenda": 1.5}
    assert given[("amina", PLAN)]["comment"] == "fine"
    assert validate(Path("s.csv"), sheet(["amina", PLAN, ENTRY["answer_id"], None, "", ""]), [ENTRY]) == \
        {("amina", PLAN): None}  # an empty row: not marked yet


@pytest.mark.parametrize("tone, agenda, expected", [
    (True, 1, "row 2, column D (Tone): True is not a mark"), ("=1+1", 1, "column D (Tone): '=1+1' is not a mark"),
    ("nan", 1, "column D (Tone): 'nan' is not a mark"), (1, "inf", "column E (Agenda): 'inf' is not a mark"),
    (2, 1, "row 2, column D (Tone): 2 is not a mark between 0 and 1; type a number from 0 to 1")])
def test_validate_refuses_what_is_not_a_mark(tone, agenda, expected):
    with pytest.raises(MarkingSheetError) as caught:
        validate(Path("s.csv"), sheet(["amina", PLAN, ENTRY["answer_id"], tone, agenda, ""]), [ENTRY])
    assert expected in str(caught.value) and str(caught.value).startswith("s.csv: 1 problem(s)")


def test_an_unmarked_row_of_an_older_sheet_is_left_alone_a_marked_one_refused():
    older = ["amina", PLAN, "text-000000000000", None, None, ""]
    assert validate(Path("s.csv"), sheet(older), [ENTRY]) == {}
    with pytest.raises(MarkingSheetError, match="row 2, column C \\(answer id\\): this is not the text graded last"):
        validate(Path("s.csv"), sheet(older[:3] + [1, 2, ""]), [ENTRY])


def test_validate_refuses_a_row_twice():
    row_ = ["amina", PLAN, ENTRY["answer_id"], 1, 1, ""]
    with pytest.raises(MarkingSheetError, match="row 3: amina, superusers.session.session-plan appears twice"):
        validate(Path("s.csv"), sheet(row_, row_), [ENTRY])


def test_apply_marks_writes_the_row_and_flags_a_changed_text():
    grades = pd.DataFrame([{"trainee": "amina", "exercise": PLAN, "points": 0.0, "max_points": 3.0,
                            "status": "to mark", "message": "", "reason": "", "source": "grader", "hint": "",
                            "first_points": 0.0, "best_points": 0.0}])
    mark = {"answer_id": ENTRY["answer_id"], "scores": {"Tone": 1.0, "Agenda": 2.0}, "comment": ""}
    marked, changed = apply_marks(grades, [ENTRY], {("amina", PLAN): mark})
    assert (marked.loc[0, "points"], marked.loc[0, "status"], marked.loc[0, "message"]) == \
        (3.0, "passed", "Marked by your trainer.") and changed == []
    stale, changed = apply_marks(grades, [{**ENTRY, "answer_id": "other"}], {("amina", PLAN): mark})
    assert stale.loc[0, "status"] == "to mark" and changed == [f"amina, {PLAN}"]
