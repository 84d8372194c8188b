"""A trainer's marks for open answers: from the filled marking sheet into the grades.

``workbench session grade`` keeps each open answer handed in (the last text, in
``open-answers.json``) and writes the marking sheet (:mod:`.marking_sheet`).
``workbench session marks GRADES_DIR`` (:func:`record_marks`) reads the filled
sheet back, checks every mark (a number between 0 and the criterion's points,
every criterion of a row or none), and only when every row is right records the
marks in ``marks.json`` and writes them into ``grades.csv`` (source ``trainer``,
the comment as message), the feedback pages and the checksums.  Run it again
after a correction: the sheet's rows replace what was recorded for them.

A mark belongs to a text: it is recorded with the text's id (:func:`answer_id`).
When grading again, a mark whose text is unchanged is applied again; one whose
text changed is flagged and the answer waits for a new mark.

>>> answer_id("Dear Ms Jahan")
'text-72557f49fbbb'
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..errors import WorkbenchError
from ..i18n.messages import N_, _, joined
from .gradebook import write_outputs
from .marking_sheet import (
    AFTER,
    CSV,
    FIXED,
    XLSX,
    MarkingSheetError,
    SheetRow,
    criteria_columns,
    read_sheet,
    write_sheet,
)
from .verdict import HANDED_IN, TO_MARK, exercise_status

OPEN_ANSWERS, MARKS = "open-answers.json", "marks.json"
MARKED = N_("Marked by your trainer.")  # the feedback of a mark given without a comment


def answer_id(text: str) -> str:
    """A short id of a text: the same text, the same id (never read as a number by a spreadsheet)."""
    return "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def open_answer_entries(rows: list[dict]) -> list[dict]:
    """The open answers among grading rows (those ``to mark``, with their text): one entry per trainee and
    exercise, with the question and rubric the trainer marks it by."""
    from ..exercises.registry import get

    found: dict[tuple, dict] = {}
    for row in rows:
        if row.get("status") != TO_MARK or not isinstance(row.get("text"), str):
            continue
        task = get(row["exercise"]).open_task
        found[(row["trainee"], row["exercise"])] = {
            "trainee": row["trainee"], "lesson": row["lesson"], "exercise": row["exercise"],
            "question": task.question, "text": row["text"], "answer_id": answer_id(row["text"]),
            "criteria": [{"name": c.name, "points": float(c.points), "earns": c.earns} for c in task.rubric.criteria]}
    return [found[k] for k in sorted(found)]


def read_json(folder: Path, name: str, default):
    path = Path(folder) / name
    if not path.is_file():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise WorkbenchError(_("{name} is damaged (not valid JSON)").format(name=name), where=str(path),
                             fix=_("grade the class again to write it afresh")) from None


def recorded_marks(folder: Path) -> dict[tuple, dict]:
    """The marks recorded in ``folder/marks.json``, by (trainee, exercise)."""
    return {(m["trainee"], m["exercise"]): m for m in read_json(folder, MARKS, {"marks": []})["marks"]}


def apply_marks(grades: pd.DataFrame, entries: list[dict], marks: dict[tuple, dict]) -> tuple[pd.DataFrame, list[str]]:
    """``grades`` with each open answer's row as marked (or back to ``to mark``); the answers whose text changed
    since their mark, named."""
    grades = grades.copy()
    changed = []
    for entry in entries:
        key = (entry["trainee"], entry["exercise"])
        where = (grades["trainee"] == key[0]) & (grades["exercise"] == key[1])
        most = sum(c["points"] for c in entry["criteria"])
        values = {"points": 0.0, "status": TO_MARK, "hint": "", "message": HANDED_IN, "reason": "",
                  "first_points": 0.0, "best_points": 0.0, "source": "grader"}
        mark = marks.get(key)
        if mark and mark["answer_id"] == entry["answer_id"]:
            points = float(sum(mark["scores"].values()))
            detail = joined(f"{c['name']} {mark['scores'][c['name']]:g}/{c['points']:g}" for c in entry["criteria"])
            values.update(points=points, status=exercise_status(points, most, None), source="trainer",
                          message=mark["comment"] or MARKED, reason=detail,
                          first_points=points, best_points=points)
        elif mark:
            was = sum(mark["scores"].values())
            values["reason"] = _("your text changed after your trainer marked it ({was:g}/{most:g}): "
                                 "the new text waits for a mark").format(was=was, most=most)
            changed.append(f"{key[0]}, {key[1]}")
        for column, value in values.items():
            grades.loc[where, column] = value
    return grades, changed


def sheet_rows(entries: list[dict], marks: dict[tuple, dict]) -> list[SheetRow]:
    """The marking sheet's rows: marks already given filled in, a note where the text changed since."""
    rows = []
    for entry in entries:
        mark = marks.get((entry["trainee"], entry["exercise"]))
        if mark and mark["answer_id"] == entry["answer_id"]:
            rows.append(SheetRow(entry, dict(mark["scores"]), mark["comment"], N_("marked")))
        elif mark:
            rows.append(SheetRow(entry, {}, "", _("the text changed since you marked it ({was:g}): mark it again").format(
                was=sum(mark['scores'].values()))))
        else:
            rows.append(SheetRow(entry, {}))
    return rows


def refresh_sheet(out: Path, entries: list[dict], marks: dict[tuple, dict]) -> list[str]:
    """Write the marking sheet for ``entries``; a sheet already there holding marks not yet applied is kept
    aside first (never overwritten).  Returns what the superuser should know."""
    notes = []
    existing = out / XLSX
    if existing.is_file() and _holds_unapplied_marks(existing, marks, criteria_columns(entries)):
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        for name in (XLSX, CSV):
            if (out / name).is_file():
                kept = out / name.replace("marking-sheet", f"marking-sheet-before-{stamp}")
                os.replace(out / name, kept)
                notes.append(_("{name} held marks not yet applied: kept as {kept} (apply them with "
                               "`workbench session marks {out} --sheet {path}`)").format(
                    name=name, kept=kept.name, out=out, path=kept))
    if entries:
        rows = sheet_rows(entries, marks)
        write_sheet(out, rows)
        waiting = sum(1 for r in rows if r.note != "marked")
        notes.append(_("{n} open answer(s) in {sheet}, {waiting} waiting for a mark: fill in the marks, then run "
                       "`workbench session marks {out}`").format(n=len(entries), sheet=out / XLSX, waiting=waiting,
                                                                 out=out))
    return notes


def _holds_unapplied_marks(path: Path, marks: dict[tuple, dict], criteria=()) -> bool:
    try:
        rows = read_sheet(path, criteria)
    except WorkbenchError:
        return True  # unreadable: keep it, the trainer may have typed into it
    for row in rows:
        cells = {name: value for name, (value, _column) in row["cells"].items()}
        mark = marks.get((str(cells.get("trainee")), str(cells.get("exercise"))))
        given = {name: value for name, value in cells.items() if name not in FIXED + AFTER and value not in (None, "")}
        comment = cells.get("comment") or ""
        if given and (mark is None or {k: _number(v) for k, v in given.items()} != mark["scores"]
                      or comment != mark["comment"]):
            return True
    return False


def _number(value) -> float | None:
    """A mark as typed: a number, or a text such as ``2`` or ``1,5``; ``None`` when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def validate(path: Path, rows: list[dict], entries: list[dict]) -> dict[tuple, dict | None]:
    """Each sheet row's marks, by (trainee, exercise): ``None`` for a row left empty.  Every problem found is
    raised at once (:class:`~workbench.sessions.marking_sheet.MarkingSheetError`), with its row and column."""
    known = {(e["trainee"], e["exercise"]): e for e in entries}
    all_criteria = set(criteria_columns(entries))
    problems, out = [], {}
    for row in rows:
        n, cells = row["row"], row["cells"]
        text = {name: "" if value is None else str(value).strip() for name, (value, _column) in cells.items()}
        key = (text.get("trainee", ""), text.get("exercise", ""))
        entry = known.get(key)
        if entry is None:
            problems.append(_("row {n}: {trainee!r}, {exercise!r} is not an open answer of these grades (a trainee or "
                              "exercise name was changed, or the row comes from another class)").format(
                n=n, trainee=key[0], exercise=key[1]))
            continue
        if key in out:
            problems.append(_("row {n}: {trainee}, {exercise} appears twice; keep one row per trainee and "
                              "exercise").format(n=n, trainee=key[0], exercise=key[1]))
            continue
        if text.get("answer id") != entry["answer_id"]:
            if any(text.get(c["name"]) for c in entry["criteria"]):  # marks for another text: never apply them
                problems.append(_("row {n}, column {column} (answer id): this is not the text graded last (the sheet "
                                  "comes from an earlier grading run, or the id was edited); mark this answer in "
                                  "the newest marking sheet, or empty this row's marks").format(
                    n=n, column=cells['answer id'][1]))
            continue  # an unmarked row of an older sheet: nothing to apply
        own = {c["name"]: c["points"] for c in entry["criteria"]}
        scores, missing = {}, []
        for name in sorted(all_criteria | set(own), key=lambda c: (c not in own, c)):
            value, letter = cells.get(name, (None, "?"))
            if name not in cells:
                problems.append(_("row {n}: the column {name!r} is missing; keep the sheet's columns as written"
                                  ).format(n=n, name=name))
                continue
            if value in (None, "") or (isinstance(value, str) and not value.strip()):
                if name in own:
                    missing.append(name)
                continue
            if name not in own:
                problems.append(_("row {n}, column {letter} ({name}): {name!r} is not a criterion of {exercise}; "
                                  "leave this cell empty").format(n=n, letter=letter, name=name,
                                                                  exercise=entry['exercise']))
                continue
            number = _number(value)
            if number is None or not 0 <= number <= own[name]:
                shown = f"{value!r}" if number is None else f"{number:g}"
                problems.append(_("row {n}, column {letter} ({name}): {shown} is not a mark between 0 and {most:g}; "
                                  "type a number from 0 to {most:g}").format(n=n, letter=letter, name=name,
                                                                             shown=shown, most=own[name]))
                continue
            scores[name] = number
        if scores and missing:
            problems.append(_("row {n}: {missing} not marked; mark every criterion of the row, or none to leave "
                              "the answer waiting").format(n=n, missing=", ".join(missing)))
        elif scores:
            out[key] = {"trainee": key[0], "exercise": key[1], "answer_id": entry["answer_id"], "scores": scores,
                        "comment": text.get("comment", "")}
        else:
            out[key] = None
    if problems:
        raise MarkingSheetError(path, problems, fix=_("correct the cells named (every other cell may stay as it is) "
                                                      "and run `workbench session marks` again"))
    return out


def record_marks(grades_dir: str | Path, sheet: str | Path | None = None) -> dict:
    """Apply the filled marking sheet (default: ``marking-sheet.xlsx`` in ``grades_dir``) to the grades.

    Returns how many open answers are now marked and how many still wait for a mark.
    """
    folder = Path(grades_dir)
    if not (folder / "grades.csv").is_file():
        raise WorkbenchError(_("{folder} holds no grades.csv").format(folder=folder), where="session marks",
                             fix=_("give the folder `workbench session grade` wrote (its --out)"))
    entries = read_json(folder, OPEN_ANSWERS, [])
    if not entries:
        raise WorkbenchError(_("the grades in {folder} hold no open answer to mark").format(folder=folder),
                             where="session marks",
                             fix=_("grade lessons with open exercises first; only their texts are marked"))
    path = Path(sheet) if sheet else next((folder / n for n in (XLSX, CSV) if (folder / n).is_file()), folder / XLSX)
    given = validate(path, read_sheet(path, criteria_columns(entries)), entries)
    marks = recorded_marks(folder)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    for key, mark in given.items():
        if mark is None:
            marks.pop(key, None)
        else:
            marks[key] = {**mark, "at": at}
    grades = pd.read_csv(folder / "grades.csv", keep_default_na=False)
    grades, _changed = apply_marks(grades, entries, marks)
    record = {"marks": [marks[k] for k in sorted(marks)]}
    write_outputs(folder, grades, None, extra={MARKS: json.dumps(record, ensure_ascii=False, indent=1)},
                  keep=[OPEN_ANSWERS])
    marked = sum(1 for e in entries if (m := marks.get((e["trainee"], e["exercise"])))
                 and m["answer_id"] == e["answer_id"])
    return {"marked": marked, "waiting": len(entries) - marked, "sheet": str(path)}
