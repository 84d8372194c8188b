"""The marking sheet: the open answers of a class, for a trainer to mark in a spreadsheet.

``workbench session grade`` writes ``marking-sheet.xlsx`` (and the same table as
``marking-sheet.csv``) beside ``grades.csv``: one row per trainee and open
exercise, with the question, the rubric, the trainee's last handed-in text, a
column per criterion for the marks, a comment column and a note (a text that
changed since it was marked).  ``workbench session marks`` reads the filled
sheet back with :func:`read_sheet` (:mod:`workbench.sessions.marks` applies it).

A trainee's text is data, never a formula: in the workbook every text cell is
stored as a string with Excel's quote prefix, and in the CSV a text that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe (OWASP's advice against CSV injection).

>>> escape_csv("=HYPERLINK(\\"http://evil\\")"), escape_csv("Dear Ms Jahan"), unescape_csv("'=1+1")
('\\'=HYPERLINK("http://evil")', 'Dear Ms Jahan', '=1+1')
>>> column_letter(1), column_letter(28)
('A', 'AB')
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import WorkbenchError
from ..i18n.messages import N_, _

XLSX, CSV = "marking-sheet.xlsx", "marking-sheet.csv"
# The columns' keys, English; the header row shows each in the trainer's language and reads back in any.
FIXED = [N_("trainee"), N_("lesson"), N_("exercise"), N_("question"), N_("rubric"), N_("answer"), N_("answer id")]
AFTER = [N_("comment"), N_("note")]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


class MarkingSheetError(WorkbenchError):
    """A filled marking sheet that cannot be applied: every problem, each with its row and column."""

    def __init__(self, path, problems: list[str], fix: str):
        self.problems = problems
        listing = "".join(f"\n  - {p}" for p in problems[:20]) + (
            _("\n  ... ({n} in all)").format(n=len(problems)) if len(problems) > 20 else "")
        super().__init__(_("{n} problem(s), so no mark was applied:{listing}").format(n=len(problems), listing=listing),
                         where=str(path), fix=fix)

    def _sentences(self) -> list[str]:
        problem, *fix = super()._sentences()
        return [problem, *("\n" + f for f in fix)]  # the fix on a line of its own, after the list


def escape_csv(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet reads as a formula."""
    return "'" + text if isinstance(text, str) and text.startswith(_DANGEROUS) else text


def unescape_csv(text: str) -> str:
    """The text :func:`escape_csv` was given."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_DANGEROUS) else text


def column_letter(number: int) -> str:
    """The spreadsheet name of column ``number`` (1 is A)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetRow:
    """One row to mark: the open answer (an entry of ``open-answers.json``), the marks already given, a note."""

    entry: dict
    scores: dict  # criterion name -> mark already given (prefilled), empty when not marked
    comment: str = ""
    note: str = ""


def criteria_columns(entries: list[dict]) -> list[str]:
    """The criterion columns of a sheet: every criterion of the exercises in it, in order of first appearance.

    >>> criteria_columns([{"criteria": [{"name": "Tone"}, {"name": "Next step"}]}, {"criteria": [{"name": "Tone"}]}])
    ['Tone', 'Next step']
    """
    names: list[str] = []
    for entry in entries:
        names += [c["name"] for c in entry["criteria"] if c["name"] not in names]
    return names


def rubric_text(entry: dict) -> str:
    return "\n".join(_("{name} (0 to {points:g}): {earns}").format(name=_(c["name"]), points=c["points"],
                                                                   earns=_(c["earns"])) for c in entry["criteria"])


def _cells(row: SheetRow, criteria: list[str]) -> list:
    entry = row.entry
    marks = [row.scores.get(name, "") for name in criteria]
    return [entry["trainee"], entry["lesson"], entry["exercise"], _(entry["question"]), rubric_text(entry),
            entry["text"], entry["answer_id"], *marks, row.comment, _(row.note) if row.note else ""]


def write_sheet(folder: Path, rows: list[SheetRow]) -> list[Path]:
    """Write ``marking-sheet.xlsx`` and ``marking-sheet.csv`` in ``folder``, each whole; the paths written."""
    criteria = criteria_columns([r.entry for r in rows])
    header = FIXED + criteria + AFTER
    table = [_cells(r, criteria) for r in rows]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([_(name) for name in header])
    writer.writerows([[escape_csv(c) if isinstance(c, str) else c for c in cells] for cells in table])
    _replace(folder / CSV, text.getvalue().encode("utf-8-sig"))  # the BOM: Excel then reads the CSV as UTF-8
    buffer = io.BytesIO()
    _workbook(header, criteria, rows, table).save(buffer)
    _replace(folder / XLSX, buffer.getvalue())
    return [folder / XLSX, folder / CSV]


def _replace(path: Path, data: bytes) -> None:
    fd, staged = tempfile.mkstemp(prefix=".writing-", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(staged, path)


def _workbook(header: list[str], criteria: list[str], rows: list[SheetRow], table: list[list]):
    """The workbook: one sheet, texts as strings (never formulas), marks checked by Excel as they are typed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = _("marks")
    grey = PatternFill("solid", fgColor="DDDDDD")
    for col, name in enumerate(header, start=1):
        cell = sheet.cell(1, col)
        _text(cell, _(name))
        cell.font = Font(bold=True)
    first_mark = len(FIXED) + 1
    wrapped = Alignment(wrap_text=True, vertical="top")
    checked: dict[float, list[str]] = {}  # a criterion's points -> the cells marked out of them
    for r, (row, cells) in enumerate(zip(rows, table), start=2):
        own = {c["name"]: c["points"] for c in row.entry["criteria"]}
        for col, value in enumerate(cells, start=1):
            cell = sheet.cell(r, col)
            if isinstance(value, str):
                _text(cell, value)
            else:
                cell.value = value
            cell.alignment = wrapped
            name = header[col - 1]
            if col >= first_mark and name in criteria:
                if name not in own:
                    cell.fill = grey  # not a criterion of this exercise: leave it empty
                    continue
                checked.setdefault(float(own[name]), []).append(cell.coordinate)
    for points, cells in checked.items():  # given whole: adding cells one by one takes quadratic time
        sheet.add_data_validation(DataValidation(
            type="decimal", operator="between", formula1="0", formula2=f"{points:g}", allow_blank=True,
            showErrorMessage=True, error=_("Type a number between 0 and {points:g}.").format(points=points), sqref=" ".join(cells)))
    widths = {"question": 40, "rubric": 45, "answer": 60, "comment": 40, "note": 30}
    for col, name in enumerate(header, start=1):
        sheet.column_dimensions[column_letter(col)].width = widths.get(name, 14)
    sheet.freeze_panes = "D2"
    return book


def _text(cell, value: str) -> None:
    """Store ``value`` as text: a string cell with the quote prefix, so that ``=...`` is never run as a formula."""
    cell.value = value
    cell.data_type = "s"
    cell.quotePrefix = True


def column_keys(criteria=()) -> dict[str, str]:
    """The words a header row may hold, in any of the workbench's languages, each to its column's key: a sheet
    written in French reads back the same as one written in English.

    >>> keys = column_keys(["Tone"])
    >>> keys["answer id"], keys["Tone"], keys["stagiaire"]
    ('answer id', 'Tone', 'trainee')
    """
    from ..i18n import LANGUAGES
    from ..i18n.language import use_language

    keys = {}
    for lang in LANGUAGES:
        with use_language(lang):
            keys.update({str(_(name)): name for name in [*FIXED, *criteria, *AFTER]})
    return keys


def read_sheet(path: Path, criteria=()) -> list[dict]:
    """The rows of a filled sheet: ``{"row": n, "cells": {key: (value, column)}}``, ``n`` as the spreadsheet
    counts (the header is row 1), each column by its key whatever language its header is in (``criteria``: the
    criterion columns to recognise).  Texts come back as written (the CSV's escaping undone); a formula typed
    in the workbook comes back as its text starting with ``=``."""
    path = Path(path)
    if not path.is_file():
        raise WorkbenchError(_("there is no marking sheet at {path!r}").format(path=str(path)), where="session marks",
                             fix=_("give the marking-sheet.xlsx (or .csv) that `workbench session grade` wrote"))
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh))
        lines = [[unescape_csv(c) for c in line] for line in lines]
    elif path.suffix.lower() == ".xlsx":
        lines = _workbook_lines(path)
    else:
        raise WorkbenchError(_("{name} is neither a .xlsx nor a .csv file").format(name=path.name), where="session marks",
                             fix=_("give the marking sheet as the .xlsx or .csv file `workbench session grade` wrote"))
    if not lines:
        raise MarkingSheetError(path, [_("the sheet is empty: it has no header row")],
                                fix=_("use the marking sheet `workbench session grade` wrote"))
    keys = column_keys(criteria)
    header = [keys.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in lines[0]]
    missing = [name for name in FIXED[:3] + ["answer id", "comment"] if name not in header]
    if missing:
        raise MarkingSheetError(path, [_("row 1: the column {name!r} is missing").format(name=missing[0])],
                                fix=_("keep the header row and the columns of the sheet as they were written"))
    out = []
    for number, line in enumerate(lines[1:], start=2):
        if not any(v not in (None, "") for v in line):
            continue  # an empty row
        cells = {name: (line[i] if i < len(line) else None, column_letter(i + 1))
                 for i, name in enumerate(header) if name}
        out.append({"row": number, "cells": cells})
    return out


def _workbook_lines(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as err:  # noqa: BLE001 - a damaged or foreign file: say so, no traceback
        raise WorkbenchError(_("{name} could not be opened as a workbook ({error})").format(
            name=path.name, error=type(err).__name__),
            where=str(path), fix=_("save the sheet again from your spreadsheet as .xlsx")) from None
    sheet = book.active
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return lines
