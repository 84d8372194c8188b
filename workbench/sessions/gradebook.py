"""The grades table, ``grades.csv``: one row per trainee, lesson and exercise, and how the run's outputs are written.

>>> COLUMNS[:5]
['trainee', 'lesson', 'exercise', 'points', 'max_points']
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..settings import safe_name
from .feedback import write_feedback

COLUMNS = ["trainee", "lesson", "exercise", "points", "max_points", "status", "hint", "message", "reason",
           "attempts", "first_points", "best_points", "self_reported", "source", "notebook"]
NUMBERS = ("points", "max_points", "attempts", "first_points", "best_points", "self_reported")


def combine(rows: list[dict]) -> pd.DataFrame:
    """One row per trainee, lesson and exercise: the best of duplicates (two copies of a lesson).

    >>> combine([{"trainee": "a", "lesson": "l", "exercise": "x", "points": 0.0, "max_points": 1.0},
    ...          {"trainee": "a", "lesson": "l", "exercise": "x", "points": 1.0, "max_points": 1.0}])["points"].tolist()
    [1.0]
    """
    df = pd.DataFrame(rows)
    for column in COLUMNS:
        if column not in df.columns:
            df[column] = 0 if column in NUMBERS else ""
    df = df.sort_values(["trainee", "lesson", "exercise", "points"], ascending=[True, True, True, False],
                        kind="stable")
    return df.drop_duplicates(["trainee", "lesson", "exercise"])[COLUMNS].reset_index(drop=True)


def write_outputs(out: Path, grades: pd.DataFrame, runs: pd.DataFrame | None, *, extra: dict[str, str] | None = None,
                  keep: tuple[str, ...] | list[str] = (), languages: dict | None = None) -> None:
    """Write the grades, the runs and the feedback pages, each file whole (written aside, then renamed in), and
    ``checksums.sha256`` (``sha256sum -c`` format) over them.

    ``extra`` maps more file names to their text (``open-answers.json``, ``marks.json``); ``runs`` ``None`` keeps
    the ``notebooks.csv`` already there (marks applied after grading).  Files named in ``keep`` that are already
    in ``out`` are not rewritten but stay under the checksums.  ``languages`` gives a trainee's language for
    their feedback page (English for one it does not name).
    """
    out.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".writing-", dir=out))
    try:
        grades.to_csv(staged / "grades.csv", index=False)
        if runs is not None:
            runs.to_csv(staged / "notebooks.csv", index=False)
        for name, text in (extra or {}).items():
            (staged / name).write_text(text, encoding="utf-8")
        for trainee, mine in grades.groupby("trainee", sort=True):
            write_feedback(trainee, mine, staged / "feedback" / f"{safe_name(trainee)}.html",
                           lang=(languages or {}).get(trainee, "en"))
        files = sorted(p.relative_to(staged) for p in staged.rglob("*") if p.is_file())
        kept = sorted({Path(n) for n in (*keep, *(["notebooks.csv"] if runs is None else []))
                       if (out / n).is_file()} - set(files))
        sums = "".join(f"{hashlib.sha256(where.read_bytes()).hexdigest()}  {f.as_posix()}\n"
                       for f, where in sorted([(f, staged / f) for f in files] + [(f, out / f) for f in kept]))
        (staged / "checksums.sha256").write_text(sums, encoding="utf-8")
        for name in [*files, Path("checksums.sha256")]:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / name, out / name)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
