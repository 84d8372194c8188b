"""The marking sheet as a file: written whole, texts never formulas, read back from .xlsx or .csv with rows and
columns as a spreadsheet names them."""

import zipfile

import openpyxl
import pytest

from workbench.errors import WorkbenchError
from workbench.sessions.marking_sheet import CSV, XLSX, MarkingSheetError, SheetRow, read_sheet, write_sheet
from workbench.sessions.marking_sheet import criteria_columns as columns_of

ATTACKS = ['=HYPERLINK("http://evil.example","grade")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "=1+1\nsecond line"]


def entry(trainee, text, criteria=(("Tone", 1.0), ("Agenda", 2.0)), exercise="superusers.session.session-plan"):
    return {"trainee": trainee, "lesson": "superusers/01", "exercise": exercise, "question": "Plan a session.",
            "text": text, "answer_id": f"id-{trainee}",
            "criteria": [{"name": n, "points": p, "earns": f"what earns {n}"} for n, p in criteria]}


@pytest.fixture
def written(tmp_path):
    rows = [SheetRow(entry(f"t{i}", text), {}) for i, text in enumerate(ATTACKS)]
    rows.append(SheetRow(entry("=cmd|' /C calc'!A0", "A plain text."), {"Tone": 1.0, "Agenda": 2.0}, "Good.", "marked"))
    rows.append(SheetRow(entry("omar", "Another text.", (("Persona", 2.0),), "editorial.calendar.post-draft"), {}))
    write_sheet(tmp_path, rows)
    return tmp_path


def test_no_cell_of_the_workbook_is_a_formula(written):
    with zipfile.ZipFile(written / XLSX) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    sheet = openpyxl.load_workbook(written / XLSX).active
    texts = [sheet.cell(r, 6).value for r in range(2, 2 + len(ATTACKS))]
    assert texts == ATTACKS  # shown exactly as the trainee wrote it
    assert all(sheet.cell(r, 6).data_type == "s" for r in range(2, sheet.max_row + 1))
    assert sheet.cell(2 + len(ATTACKS), 1).value == "=cmd|' /C calc'!A0"  # a name is text too


def test_no_cell_of_the_csv_starts_a_formula(written):
    import csv

    with (written / CSV).open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for line in csv.reader(fh) for c in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + ATTACKS[0] in cells


@pytest.mark.parametrize("name", [XLSX, CSV])
def test_the_sheet_reads_back_as_written(written, name):
    rows = read_sheet(written / name)
    assert [r["row"] for r in rows] == list(range(2, 2 + len(ATTACKS) + 2))
    texts = [r["cells"]["answer"][0] for r in rows[:len(ATTACKS)]]
    assert texts == ATTACKS
    marked = rows[len(ATTACKS)]["cells"]
    assert marked["trainee"][0] == "=cmd|' /C calc'!A0" and marked["comment"] == ("Good.", "K")
    assert float(marked["Tone"][0]) == 1 and marked["Tone"][1] == "H"


def test_criteria_of_other_exercises_are_greyed(written):
    sheet = openpyxl.load_workbook(written / XLSX).active
    header = [c.value for c in sheet[1]]
    assert header[7:10] == columns_of([entry("a", ""), entry("b", "", (("Persona", 2.0),))])
    omar = sheet.max_row
    assert sheet.cell(omar, header.index("Tone") + 1).fill.fgColor.rgb.endswith("DDDDDD")
    assert sheet.cell(2, header.index("Persona") + 1).fill.fgColor.rgb.endswith("DDDDDD")
    validations = {str(v.sqref): v.formula2 for v in sheet.data_validations.dataValidation}
    assert set(validations.values()) == {"1", "2"}  # Excel itself refuses a mark above the criterion's points


def test_a_sheet_that_is_not_one_is_refused(tmp_path):
    with pytest.raises(WorkbenchError, match="there is no marking sheet"):
        read_sheet(tmp_path / "nothing.xlsx")
    (tmp_path / "marks.txt").write_text("x")
    with pytest.raises(WorkbenchError, match="neither a .xlsx nor a .csv"):
        read_sheet(tmp_path / "marks.txt")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(WorkbenchError, match="could not be opened as a workbook"):
        read_sheet(tmp_path / "broken.xlsx")
    (tmp_path / "cut.csv").write_text("trainee,lesson\namina,x\n")
    with pytest.raises(MarkingSheetError, match="row 1: the column 'exercise' is missing"):
        read_sheet(tmp_path / "cut.csv")


def test_a_sheet_written_in_french_reads_back_by_its_columns_keys(tmp_path):
    """The trainer reads the header and the rubric in their language; `session marks` reads the sheet back
    whatever language its header is in."""
    from workbench.i18n.language import use_language

    with use_language("fr"):
        write_sheet(tmp_path, [SheetRow(entry("amina", "Dear Ms Jahan"), {"Tone": 1.0}, "Bien.", "marked")])
    sheet = openpyxl.load_workbook(tmp_path / XLSX).active
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["stagiaire", "leçon", "exercice", "question", "grille", "réponse",
                          "identifiant de la réponse"]
    assert header[-2:] == ["commentaire", "remarque"] and sheet.title == "notes"
    assert sheet.cell(2, len(header)).value == "noté"
    for name in (XLSX, CSV):
        cells = read_sheet(tmp_path / name, ["Tone", "Agenda"])[0]["cells"]  # read back in English
        assert cells["answer id"][0] == "id-amina" and cells["comment"][0] == "Bien."
        assert float(cells["Tone"][0]) == 1
