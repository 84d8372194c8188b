"""The learner's progress: an append-only JSON Lines file, one line per attempt.

Appends are atomic (one ``write`` on a file opened in append mode, under an
advisory lock), so two notebooks checking at once never interleave lines.  A
corrupt line is reported and skipped, never fatal.

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

import json
import os
from datetime import datetime, timezone
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; appends stay single writes
    fcntl = None


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
                    if not isinstance(record, dict) or "exercise" not in record:
                        raise ValueError
                except ValueError:
                    problems.append(f"{self.path.name}, line {number}: not valid JSON, skipped")
                    continue
                records.append(record)
        return records, problems

    def attempts(self, exercise_id: str) -> int:
        return sum(1 for r in self.read()[0] if r.get("exercise") == exercise_id)

    def append(self, record: dict) -> dict:
        """Add one attempt; fills in ``attempt`` and ``at`` when missing."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if fcntl:
                fcntl.flock(fd, fcntl.LOCK_EX)
            record = dict(record)
            record.setdefault("attempt", self.attempts(record["exercise"]) + 1)
            record.setdefault("at", datetime.now(timezone.utc).isoformat(timespec="seconds"))
            line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        return record

    def summary(self):
        """One row per exercise: attempts, best points, max points, passed, last attempt.

        Returns a pandas DataFrame sorted by exercise id.
        """
        import pandas as pd

        records, _ = self.read()
        columns = ["exercise", "attempts", "best_points", "max_points", "passed", "last_at"]
        if not records:
            return pd.DataFrame(columns=columns)
        df = pd.DataFrame(records)
        out = df.groupby("exercise").agg(attempts=("exercise", "size"), best_points=("points", "max"),
                                         max_points=("max_points", "max"), last_at=("at", "max"))
        out["passed"] = out["best_points"] >= out["max_points"]
        return out.reset_index()[columns]


def my_progress():
    """The current learner's progress, one row per exercise (see :meth:`ProgressLog.summary`)."""
    from ..settings import current

    return ProgressLog(current().progress_file).summary()
