"""The learner's progress: an append-only JSON Lines file, one line per attempt.

Appends are atomic (one ``write`` on a file opened in append mode, under an
advisory lock), so two notebooks checking at once never interleave lines; a
record written after a torn line (a write cut short) starts a line of its own.
A corrupt line (not JSON, or a record with a field missing or of the wrong type) is
reported and skipped, never fatal.

>>> import tempfile, pathlib
>>> log = ProgressLog(pathlib.Path(tempfile.mkdtemp()) / "amina.jsonl")
>>> _ = log.append({"exercise": "crm.intro.count-contacts", "points": 1, "max_points": 1})
>>> _ = log.path.open("a").write("{not json\\n")
>>> _ = log.append({"exercise": "crm.intro.count-contacts", "points": 0, "max_points": 1})
>>> records, problems = log.read()
>>> [r["attempt"] for r in records], problems
([1, 2], ['amina.jsonl, line 2: not valid JSON, skipped'])
"""

from __future__ import annotations

import html
import json
import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..i18n.messages import N_, _, ngettext

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; appends stay single writes
    fcntl = None


def _ends_torn(fd: int) -> bool:
    """True when the open file ``fd`` is not empty and does not end with a newline."""
    if os.fstat(fd).st_size == 0:
        return False
    os.lseek(fd, -1, os.SEEK_END)
    return os.read(fd, 1) != b"\n"


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def record_problem(record) -> str:
    """What makes ``record`` (one line of a progress file, parsed) unusable, or ``""`` when it is fine.

    >>> record_problem({"exercise": "a.b.c", "points": 1, "max_points": 1})
    ''
    >>> record_problem({"exercise": "a.b.c", "points": "1", "max_points": 1})
    "field 'points' is not a number"
    >>> record_problem(["a.b.c"])
    'not a record (a JSON object)'
    """
    if not isinstance(record, dict):
        return _("not a record (a JSON object)")
    if not isinstance(record.get("exercise"), str):
        return _("field 'exercise' is missing or not a text")
    for name in ("points", "max_points"):
        if not _number(record.get(name)):
            return (_("field {name!r} is missing") if name not in record
                    else _("field {name!r} is not a number")).format(name=name)
    if not isinstance(record.get("at", ""), str):
        return _("field 'at' is not a date text")
    return ""


class ProgressLog:
    """One learner's progress file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def read(self) -> tuple[list[dict], list[str]]:
        """All valid records, and a note for each line that could not be read."""
        if not self.path.exists():
            return [], []
        records, problems = [], []
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    problems.append(_("{file}, line {number}: not valid JSON, skipped").format(
                        file=self.path.name, number=number))
                    continue
                wrong = record_problem(record)
                if wrong:
                    problems.append(_("{file}, line {number}: {problem}, skipped").format(
                        file=self.path.name, number=number, problem=wrong))
                    continue
                records.append(record)
        return records, problems

    def attempts(self, exercise_id: str) -> int:
        return sum(1 for r in self.read()[0] if r.get("exercise") == exercise_id)

    def wrong_attempts(self, exercise_id: str) -> int:
        """How many attempts at ``exercise_id`` fell short of full marks (what decides the hint step)."""
        return sum(1 for r in self.read()[0] if r.get("exercise") == exercise_id and r["points"] < r["max_points"]
                   and r.get("to_mark") is not True)

    def append(self, record: dict) -> dict:
        """Add one attempt; fills in ``attempt`` and ``at`` when missing."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if fcntl:
                fcntl.flock(fd, fcntl.LOCK_EX)
            record = dict(record)
            record.setdefault("attempt", self.attempts(record["exercise"]) + 1)
            record.setdefault("at", datetime.now(UTC).isoformat(timespec="seconds"))
            line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
            if _ends_torn(fd):  # a write cut short (a crash, a full disk): keep this record off its line
                line = "\n" + line
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        return record

    def summary(self):
        """One row per exercise: attempts, best points, max points, passed, waiting for a trainer's mark
        (an open answer handed in), last attempt.

        Returns a pandas DataFrame sorted by exercise id.
        """
        return _summary(self.read()[0])


#: The summary's columns in words (English message ids), for the reader.
SUMMARY_WORDS = {"exercise": N_("exercise"), "attempts": N_("attempts"), "best_points": N_("best points"),
                 "max_points": N_("max points"), "passed": N_("passed"), "waiting_for_mark": N_("waiting for a mark"),
                 "last_at": N_("last attempt")}


def _summary(records: list[dict]):
    """The table of :meth:`ProgressLog.summary` for records already read."""
    import pandas as pd

    columns = ["exercise", "attempts", "best_points", "max_points", "passed", "waiting_for_mark", "last_at"]
    if not records:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(records)
    for column, default in (("at", None), ("to_mark", False)):
        if column not in df.columns:
            df[column] = default
    df["to_mark"] = df["to_mark"].eq(True)  # an open answer handed in (see workbench.exercises.open_answers)
    out = df.groupby("exercise").agg(attempts=("exercise", "size"), best_points=("points", "max"),
                                     max_points=("max_points", "max"), handed_in=("to_mark", "any"),
                                     last_at=("at", "max"))
    out["passed"] = out["best_points"] >= out["max_points"]
    out["waiting_for_mark"] = out["handed_in"] & ~out["passed"]
    return out.reset_index()[columns]


def skipped_lines(path, problems: list[str]) -> list[str]:
    """What a reader should know about the lines of progress file ``path`` that were skipped: how many,
    and the first five with their reason (``problems`` as :meth:`ProgressLog.read` gives them).

    >>> skipped_lines("amina.jsonl", ["amina.jsonl, line 2: not valid JSON, skipped"])[1]
    'amina.jsonl, line 2: not valid JSON, skipped'
    >>> skipped_lines("amina.jsonl", [])
    []
    """
    if not problems:
        return []
    return [ngettext("{n} line of {path} could not be read and was skipped (an attempt cut short, or an edited "
                     "file); every other attempt is counted.",
                     "{n} lines of {path} could not be read and were skipped (an attempt cut short, or an edited "
                     "file); every other attempt is counted.", len(problems)).format(n=len(problems), path=path),
            *problems[:5], *(["..."] if len(problems) > 5 else [])]


@dataclass(frozen=True)
class ProgressReport:
    """A learner's progress as a notebook or the command line shows it.

    The summary table (:meth:`ProgressLog.summary`), a note for each line of the file that was
    skipped, or "no checks yet" before the first Check.

    >>> import tempfile, pathlib
    >>> log = ProgressLog(pathlib.Path(tempfile.mkdtemp()) / "amina.jsonl")
    >>> print(ProgressReport.of(log, "amina").text())
    amina: no checks yet. Press Check under an exercise, then look here again.
    >>> _ = log.append({"exercise": "crm.intro.count-contacts", "points": 1, "max_points": 1})
    >>> _ = log.path.open("a").write("{torn")
    >>> print(ProgressReport.of(log, "amina").text().splitlines()[0])
    amina: 1 of 1 exercises passed (1 of 1 points)
    >>> ProgressReport.of(log, "amina").problems
    ['amina.jsonl, line 2: not valid JSON, skipped']
    """

    learner: str
    table: Any  # pandas DataFrame, one row per exercise
    problems: list[str]
    path: Path

    @classmethod
    def of(cls, log: ProgressLog, learner: str) -> ProgressReport:
        records, problems = log.read()  # read once: the table and the notes describe the same file
        return cls(learner=learner, table=_summary(records), problems=problems, path=log.path)

    def headline(self) -> str:
        if self.table.empty:
            return _("{learner}: no checks yet. Press Check under an exercise, then look here again.").format(
                learner=self.learner)
        passed, waiting = int(self.table["passed"].sum()), int(self.table["waiting_for_mark"].sum())
        said = (_("{learner}: {passed} of {n} exercises passed, {waiting} handed in, waiting for a mark "
                  "({points:g} of {most:g} points)") if waiting else
                _("{learner}: {passed} of {n} exercises passed ({points:g} of {most:g} points)"))
        return said.format(learner=self.learner, passed=passed, n=len(self.table), waiting=waiting,
                           points=float(self.table["best_points"].sum()), most=float(self.table["max_points"].sum()))

    def shown(self):
        """The summary table as a reader reads it: headings and yes/no in their language (the table itself
        keeps its column keys, which programs read)."""
        yes_no = {True: _("yes"), False: _("no")}
        table = self.table.assign(**{c: self.table[c].map(yes_no) for c in ("passed", "waiting_for_mark")})
        return table.rename(columns={key: _(words) for key, words in SUMMARY_WORDS.items()})

    def notes(self) -> list[str]:
        """What a reader should know about the file: the lines skipped and why."""
        return skipped_lines(self.path, self.problems)

    def text(self) -> str:
        lines = [self.headline()]
        if not self.table.empty:
            lines.append(self.shown().to_string(index=False))
        return "\n".join(lines + self.notes())

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        parts = [f"<p><b>{html.escape(self.headline())}</b></p>"]
        if not self.table.empty:
            parts.append(self.shown().to_html(index=False))
        notes = self.notes()
        if notes:
            items = "".join(f"<li><code>{html.escape(n)}</code></li>" for n in notes[1:])
            note = html.escape(_("Note: {note}").format(note=notes[0]))
            parts.append(f'<p style="color:#a15c00">{note}</p><ul>{items}</ul>')
        return "".join(parts)


def my_progress() -> ProgressReport:
    """The current learner's progress: one row per exercise, and a note on any line skipped."""
    from ..settings import current

    settings = current()
    return ProgressReport.of(ProgressLog(settings.progress_file), settings.learner)
