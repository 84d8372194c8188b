"""Each trainee's progress against the whole course, for the class report: "N of M" per track and overall.

The class report's results (one row per trainee and exercise, from ``grades.csv`` or progress
logs) are read against the course's lessons as ``workbench progress`` reads one learner's log
(:class:`workbench.exercises.course.CourseProgress`): an exercise is done once its best attempt
earned all its points, and what comes next is the first lesson of a track not finished yet.

>>> from workbench.lessons import Lesson
>>> from pathlib import Path
>>> lessons = [Lesson(Path("a.ipynb"), "Leads", "crm", 1, 20, exercises=("crm.a.x", "crm.a.y")),
...            Lesson(Path("b.ipynb"), "Pipeline", "crm", 2, 20, exercises=("crm.b.z",))]
>>> results = pd.DataFrame({"trainee": ["Amina", "Amina", "Omar"], "exercise": ["crm.a.x", "crm.a.y", "crm.a.x"],
...                         "points": [1.0, 1.0, 0.0], "max_points": [1.0, 1.0, 1.0]})
>>> table = course_table(results, lessons)
>>> table.to_dict("records")[0]
{'Trainee': 'Amina', 'CRM track': '2 of 3', 'Whole course': '2 of 3', 'Next': 'CRM track: Pipeline'}
>>> table["Next"].tolist()
['CRM track: Pipeline', 'CRM track: Leads']
"""

from __future__ import annotations

import pandas as pd

from ..i18n.messages import _


def _records(rows: pd.DataFrame) -> list[dict]:
    """Progress records standing for a trainee's result rows: the first attempt, then the best one."""
    records = []
    for row in rows.itertuples(index=False):
        best = getattr(row, "best_points", row.points)
        first = getattr(row, "first_points", best)
        records += [{"exercise": row.exercise, "points": first, "max_points": row.max_points},
                    {"exercise": row.exercise, "points": best, "max_points": row.max_points}]
    return records


def course_table(results: pd.DataFrame, lessons=None) -> pd.DataFrame:
    """One row per trainee: exercises done of the course's per track, over the whole course, and what is next.

    ``results`` has the class report's columns (``trainee``, ``exercise``, ``points``,
    ``max_points``, optionally ``first_points`` and ``best_points``); ``lessons`` defaults to every
    lesson of the course. Rows for exercises never tried count as not done.
    """
    from ..exercises.course import CourseProgress
    from ..i18n.lesson_build import lesson_in_language

    rows = []
    for trainee, mine in results.groupby("trainee", sort=True):
        progress = CourseProgress.of(_records(mine), str(trainee), lessons=lessons)
        row = {_("Trainee"): str(trainee)}
        for track in progress.tracks:
            row[_(track.title)] = _("{done} of {total}").format(done=track.done, total=track.total)
        done, total = sum(t.done for t in progress.tracks), sum(t.total for t in progress.tracks)
        row[_("Whole course")] = _("{done} of {total}").format(done=done, total=total)
        following = next(((t, t.next_lesson()) for t in progress.tracks if t.next_lesson()), None)
        row[_("Next")] = (_("{track}: {lesson}").format(track=_(following[0].title),
                                                         lesson=lesson_in_language(following[1].lesson).title)
                          if following else _("course finished"))
        rows.append(row)
    return pd.DataFrame(rows)
