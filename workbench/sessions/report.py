"""The class report: who finished, what was hard, who needs help, what to re-explain.

Its input is either the grader's ``grades.csv`` or the learners' own progress
logs (JSON Lines, one file per learner), for trainees who work on their own.
:func:`load_results` reads either into one table, :func:`summarise` turns it
into the tables the report shows, and :func:`report` writes the HTML page
with plotly charts.

>>> grades = sample_class(seed=7)
>>> tables = summarise(grades)
>>> sorted(tables)
['attempts', 'completion', 'hints', 'most_failed', 'needs_help', 'open_answers', 'reexplain', 'time']
>>> tables["attempts"].columns.tolist()
['lesson', 'exercise', 'trainees', 'first_attempt', 'best_attempt', 'mean_attempts']
>>> tables["completion"].columns.tolist()
['lesson', 'trainees', 'exercises', 'completion', 'average_score']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n.messages import N_, _
from ..i18n.numbers import format_number
from .verdict import TO_MARK

COLUMNS = ["trainee", "lesson", "exercise", "points", "max_points", "status", "hint", "attempts", "minutes"]
IDLE_MINUTES = 15  # a gap longer than this between two attempts is a pause, not work
HELP_SCORE = 0.6  # below this share of the points, a trainee is flagged
REEXPLAIN_SHARE = 1 / 3  # an exercise failed by at least this share of the class is re-explained
NOT_DONE = ("not attempted", "missing", "no submission", "not answered")
#: What a superuser reads above each column of the report's tables (the tables' own keys stay English).
HEADERS = {"trainee": N_("trainee"), "lesson": N_("lesson"), "exercise": N_("exercise"), "trainees": N_("trainees"),
           "exercises": N_("exercises"), "completion": N_("passed"), "average_score": N_("average score"),
           "score": N_("score"), "passed": N_("exercises passed"), "to_review": N_("to review"),
           "first_attempt": N_("full points at the first attempt"), "best_attempt": N_("full points at the best attempt"),
           "mean_attempts": N_("attempts on average"), "hint": N_("hint"), "shown_to": N_("shown to (trainees)"),
           "times_shown": N_("times shown"), "mark": N_("mark"), "comment": N_("comment"), "minutes": N_("minutes")}


def _read_logs(paths) -> pd.DataFrame:
    """Every valid record of the progress logs at ``paths``, with ``learner`` and ``at`` filled in."""
    from ..exercises.progress import ProgressLog

    records = []
    for path in paths:
        for r in ProgressLog(path).read()[0]:
            if isinstance(r.get("exercise"), str):
                records.append({"learner": Path(path).stem, **r})
    df = pd.DataFrame(records, columns=None if records else ["learner", "exercise", "at"])
    for column, default in (("points", 0.0), ("max_points", 1.0), ("hint", None), ("at", None), ("to_mark", False)):
        if column not in df.columns:
            df[column] = default
    df["learner"] = df["learner"].astype(str)
    df["at"] = pd.to_datetime(df["at"], errors="coerce", utc=True, format="ISO8601")
    return df


def from_progress(paths) -> pd.DataFrame:
    """Results from learners' progress logs: the best attempt per learner and exercise.

    Each exercise is counted in the lesson whose notebook holds it (``crm/01-what-a-crm-is``,
    as in ``grades.csv``); its points come from the log, which the learner could edit, so
    they are clamped to the exercise's points.  Exercises of a lesson the learner never
    tried are added as ``not attempted``; ``minutes`` is the time between attempts in that
    lesson, pauses longer than 15 minutes left out.
    """
    from ..lessons import exercise_lessons
    from .submissions import exercise_points
    from .verdict import clamp, exercise_status

    df = _read_logs(paths)
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    lessons = exercise_lessons()
    df["lesson"] = [lessons.get(e) or e.rsplit(".", 1)[0] for e in df["exercise"]]
    rows = []
    for (learner, exercise), group in df.groupby(["learner", "exercise"], sort=True):
        registered = exercise_points(exercise)
        max_points = registered if registered is not None else clamp(group["max_points"].iloc[0], float("inf")) or 1.0
        points = [clamp(p, max_points) for p in group["points"]]
        best = int(np.argmax(points))
        hints = group["hint"].dropna()
        hints = hints[hints.astype(str) != ""]
        last_hint = str(hints.iloc[-1]) if len(hints) else ""
        handed_in = group["to_mark"].eq(True).any() and points[best] < max_points  # an open answer, not marked
        rows.append({"trainee": learner, "lesson": group["lesson"].iloc[best], "exercise": exercise,
                     "points": points[best], "max_points": max_points,
                     "status": TO_MARK if handed_in else exercise_status(points[best], max_points, last_hint or None),
                     "hint": "" if points[best] >= max_points else last_hint, "attempts": len(group),
                     "hints_shown": len(hints)})
    out = pd.DataFrame(rows)
    minutes = {key: _active_minutes(g["at"]) for key, g in df.groupby(["learner", "lesson"])}
    out["minutes"] = [minutes.get(key, np.nan) for key in zip(out["trainee"], out["lesson"])]
    return _add_untried(out)


def _active_minutes(times: pd.Series) -> float:
    times = times.dropna().sort_values()
    if len(times) < 2:
        return np.nan
    gaps = times.diff().dropna().dt.total_seconds() / 60
    return round(float(gaps.clip(upper=IDLE_MINUTES).sum()), 1)


def _add_untried(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for the registered exercises of a started lesson that a learner never tried."""
    from ..lessons import catalog
    from .submissions import exercise_points

    lists = {**catalog("practice-sets"), **catalog("lessons")}  # a lesson's own list wins over its practice set's
    extra = []
    for (trainee, lesson), group in df.groupby(["trainee", "lesson"]):
        tried = set(group["exercise"])
        for exercise in lists.get(lesson, []):
            max_points = exercise_points(exercise)
            if exercise not in tried and max_points is not None:
                extra.append({"trainee": trainee, "lesson": lesson, "exercise": exercise, "points": 0.0,
                              "max_points": max_points, "status": "not attempted", "hint": "",
                              "attempts": 0, "hints_shown": 0, "minutes": group["minutes"].iloc[0]})
    return pd.concat([df, pd.DataFrame(extra)], ignore_index=True) if extra else df


def load_results(source) -> pd.DataFrame:
    """One row per trainee and exercise from ``grades.csv``, a progress log, or a folder of either.

    A folder may hold ``grades.csv`` (from ``workbench session grade``), progress logs
    (``*.jsonl``, also under ``progress/``), or released trainee folders with their logs
    (``<trainee>/.workbench/progress/*.jsonl``).  With grades and logs, the logs add the
    time spent per lesson.
    """
    if isinstance(source, pd.DataFrame):
        return _normalise(source)
    path = Path(source)
    if path.is_file() and path.suffix == ".csv":
        return _normalise(pd.read_csv(path, keep_default_na=False, na_values={"minutes": [""]}))
    if path.is_file() and path.suffix == ".jsonl":
        return _normalise(from_progress([path]))
    if not path.is_dir():
        raise InputError(_('no grades or progress logs at {path!r}').format(path=str(path)), where="report(source)",
                         fix=_("give grades.csv, a progress .jsonl file, or a folder holding them"))
    logs = sorted({*path.glob("*.jsonl"), *path.glob("progress/*.jsonl"),
                   *path.glob("*/.workbench/progress/*.jsonl")})
    if (path / "grades.csv").is_file():
        grades = _normalise(pd.read_csv(path / "grades.csv", keep_default_na=False))
        if logs:
            grades["minutes"] = _minutes_per_lesson(grades, _read_logs(logs))
        return grades
    if logs:
        return _normalise(from_progress(logs))
    raise InputError(_('{path} holds neither grades.csv nor progress logs (*.jsonl)').format(path=path), where="report(source)",
                     fix=_("run `workbench session grade` first, or collect the trainees' .workbench/progress files"))


def _minutes_per_lesson(grades: pd.DataFrame, live: pd.DataFrame) -> list[float]:
    """For each grade, the minutes its trainee spent on the exercises of that row's lesson (from the logs)."""
    spent = {}
    for (trainee, lesson), group in grades.groupby(["trainee", "lesson"]):
        mine = live[(live["learner"] == trainee) & live["exercise"].isin(set(group["exercise"]))]
        spent[(trainee, lesson)] = _active_minutes(mine["at"])
    return [spent.get(key, np.nan) for key in zip(grades["trainee"], grades["lesson"])]


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("trainee", "exercise", "points", "max_points") if c not in df.columns]
    if missing:
        raise InputError(_("column '{missing}' is missing").format(missing=missing[0]), where="report(source)",
                         fix=_("give the grades.csv written by `workbench session grade`"))
    df = df.copy()
    for column, default in (("lesson", ""), ("status", ""), ("hint", ""), ("attempts", 0),
                            ("minutes", np.nan), ("hints_shown", np.nan)):
        if column not in df.columns:
            df[column] = default
    df["points"] = pd.to_numeric(df["points"], errors="coerce").fillna(0.0)
    df["max_points"] = pd.to_numeric(df["max_points"], errors="coerce").fillna(0.0)
    df["minutes"] = pd.to_numeric(df["minutes"], errors="coerce")
    for column in ("first_points", "best_points"):  # grades without them (progress logs): the points themselves
        df[column] = pd.to_numeric(df[column], errors="coerce") if column in df.columns else np.nan
        df[column] = df[column].fillna(df["points"])
    df["attempts"] = pd.to_numeric(df["attempts"], errors="coerce").fillna(0)
    df["hint"] = df["hint"].fillna("").astype(str)
    df["status"] = df["status"].fillna("").astype(str)
    if df["hints_shown"].isna().all():
        df["hints_shown"] = (df["hint"] != "").astype(int)
    df = df[df["exercise"] != "(whole notebook)"]
    return df.reset_index(drop=True)


def summarise(results: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The report's tables: completion, most_failed, hints, time, needs_help, reexplain, attempts."""
    df = _normalise(results)
    df["passed"] = df["status"].eq("passed") | ((df["max_points"] > 0) & (df["points"] >= df["max_points"]))
    completion = (df.groupby("lesson", sort=True)
                  .agg(trainees=("trainee", "nunique"), exercises=("exercise", "nunique"),
                       completion=("passed", "mean"), points=("points", "sum"), max_points=("max_points", "sum"))
                  .reset_index())
    possible = completion["max_points"].where(completion["max_points"] > 0)
    completion["average_score"] = (completion["points"] / possible).round(3)
    completion["completion"] = completion["completion"].round(3)
    completion = completion[["lesson", "trainees", "exercises", "completion", "average_score"]]

    waiting = df["status"].eq(TO_MARK)  # an open answer handed in is not failed: it waits for the trainer
    failed = df.assign(failed=~df["passed"] & ~waiting, tried=~df["status"].isin(NOT_DONE))
    most_failed = (failed.groupby(["lesson", "exercise"], sort=True)
                   .agg(trainees=("trainee", "nunique"), failed=("failed", "sum"), tried=("tried", "sum"),
                        attempts=("attempts", "sum"))
                   .reset_index())
    most_failed["failed_share"] = (most_failed["failed"] / most_failed["trainees"]).round(3)
    most_failed = most_failed.sort_values(["failed_share", "attempts", "exercise"],
                                          ascending=[False, False, True], kind="stable").reset_index(drop=True)

    shown = df[(df["hint"] != "") & ~df["passed"]]
    hints = (shown.groupby(["exercise", "hint"], sort=True)
             .agg(shown_to=("trainee", "nunique"), times_shown=("hints_shown", "sum")).reset_index()
             .sort_values(["shown_to", "times_shown", "exercise"], ascending=[False, False, True], kind="stable")
             .reset_index(drop=True))

    time = (df.dropna(subset=["minutes"]).groupby(["trainee", "lesson"], sort=True)["minutes"].first()
            .reset_index())

    per = (df.groupby("trainee", sort=True)
           .agg(points=("points", "sum"), max_points=("max_points", "sum"), passed=("passed", "sum"),
                exercises=("exercise", "size")).reset_index())
    per["score"] = (per["points"] / per["max_points"].where(per["max_points"] > 0)).fillna(0).round(3)
    weak = (df[~df["passed"]].groupby("trainee")["exercise"]
            .agg(lambda s: ", ".join(sorted(s)[:3]) + (" ..." if len(s) > 3 else "")))
    per["to_review"] = [weak.get(t, "") for t in per["trainee"]]
    needs_help = (per[per["score"] < HELP_SCORE].sort_values(["score", "trainee"], kind="stable")
                  [["trainee", "score", "passed", "exercises", "to_review"]].reset_index(drop=True))

    top_hint = hints.drop_duplicates("exercise").set_index("exercise")["hint"]
    again = most_failed[most_failed["failed_share"] >= REEXPLAIN_SHARE].copy()
    again["title"] = again["exercise"].map(_title)
    again["what_they_were_told"] = again["exercise"].map(top_hint).fillna("")
    reexplain = again[["lesson", "exercise", "title", "failed_share", "what_they_were_told"]].reset_index(drop=True)
    full = df["max_points"] > 0
    attempts = (df.assign(first=full & (df["first_points"] >= df["max_points"]),
                          best=full & (df["best_points"] >= df["max_points"]))
                .groupby(["lesson", "exercise"], sort=True)
                .agg(trainees=("trainee", "nunique"), first_attempt=("first", "mean"), best_attempt=("best", "mean"),
                     mean_attempts=("attempts", "mean"))
                .round(3).reset_index())
    column = {name: df[name] if name in df.columns else pd.Series("", index=df.index) for name in ("source", "message")}
    rows = df[waiting | column["source"].eq("trainer")]
    open_answers = pd.DataFrame({
        "trainee": rows["trainee"], "exercise": rows["exercise"],
        "mark": [f"{p:g} / {m:g}" if s != TO_MARK else _("waiting for a mark")
                 for p, m, s in zip(rows["points"], rows["max_points"], rows["status"])],
        "comment": column["message"][rows.index].where(rows["status"].ne(TO_MARK), "").astype(str)},
        columns=["trainee", "exercise", "mark", "comment"]).sort_values(["exercise", "trainee"], kind="stable")
    open_answers = open_answers.reset_index(drop=True)
    return {"completion": completion, "most_failed": most_failed, "hints": hints, "time": time,
            "needs_help": needs_help, "reexplain": reexplain, "attempts": attempts, "open_answers": open_answers}


def _title(exercise: str) -> str:
    from ..errors import WorkbenchError
    from ..exercises.registry import get

    if exercise in SAMPLE_EXERCISES:
        return SAMPLE_EXERCISES[exercise][0]
    try:
        return get(exercise).title
    except WorkbenchError:
        return exercise


def _table(df: pd.DataFrame, percent: tuple = ()) -> str:
    if df.empty:
        return "<p><i>" + _("Nothing to show.") + "</i></p>"
    shown = df.copy()
    for column in percent:
        shown[column] = ["" if pd.isna(value) else format_number(value * 100, decimals=0) + " %"
                         for value in shown[column]]
    if "hint" in shown:  # grades hold a hint as its English message id
        shown["hint"] = shown["hint"].map(lambda hint: str(_(hint)) if hint else hint, na_action="ignore")
    shown = shown.rename(columns={key: _(words) for key, words in HEADERS.items()})
    return shown.to_html(index=False, escape=True, border=0, classes="data")


def figures(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """The report's plotly figures, built from :func:`summarise`'s tables."""
    import plotly.express as px

    figs = {}
    words = {key: _(words) for key, words in HEADERS.items()}
    c = tables["completion"]
    figs["completion"] = px.bar(c, x="lesson", y="completion", range_y=[0, 1], text_auto=".0%",
                                title=_("Exercises passed, per lesson"), labels={**words, "completion": _("share passed")})
    m = tables["most_failed"].head(10)
    figs["most_failed"] = px.bar(m.iloc[::-1], x="failed_share", y="exercise", orientation="h", range_x=[0, 1],
                                 title=_("Most often failed exercises"),
                                 labels={**words, "failed_share": _("share of trainees not passing")})
    h = tables["hints"].head(8)
    h = h.assign(hint=h["hint"].map(lambda hint: str(_(hint)), na_action="ignore"))
    h = h.assign(hint_short=h["hint"].astype(str).str.slice(0, 70))
    figs["hints"] = px.bar(h.iloc[::-1], x="shown_to", y="hint_short", orientation="h", hover_data=["exercise", "hint"],
                           title=_("Hints shown most often"), labels={**words, "shown_to": _("trainees"), "hint_short": ""})
    t = tables["time"]
    if not t.empty:
        figs["time"] = px.box(t, x="lesson", y="minutes", points="all", hover_data=["trainee"], labels=words,
                              title=_("Time spent per lesson (minutes, from the progress logs)"))
    for fig in figs.values():
        fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10}, height=380)
    return figs


def report(source, out, *, title: str | None = None) -> Path:
    """Write the class report for ``source`` (grades.csv, progress logs or a folder) to ``out``; ``title`` by
    default "Class report" in the current language."""
    from markupsafe import Markup

    from .class_progress import course_table
    from .feedback import render
    from .verdict import SELF_REPORTED

    results = load_results(source)
    if results.empty:
        raise InputError(_("no results to report on"), where="report(source)",
                         fix=_("grade the submissions first, or wait until trainees have checked an exercise"))
    tables = summarise(results)
    figs = figures(tables)
    html_of = {}
    first = True
    for name, fig in figs.items():
        html_of[name] = fig.to_html(full_html=False, include_plotlyjs=first, config={"displaylogo": False})
        first = False
    self_reported = int(results["source"].isin(SELF_REPORTED).sum()) if "source" in results else 0
    page = render("class_report.html.j2", title=title or _("Class report"), trainees=results["trainee"].nunique(),
                  lessons=results["lesson"].nunique(), exercises=results["exercise"].nunique(), rows=len(results),
                  help_score=HELP_SCORE, reexplain_share=REEXPLAIN_SHARE, self_reported=self_reported,
                  reexplain=tables["reexplain"].to_dict("records"),
                  figures={name: Markup(text) for name, text in html_of.items()},
                  needs_help=Markup(_table(tables["needs_help"], ("score",))),
                  course=Markup(_table(course_table(results))),
                  completion=Markup(_table(tables["completion"], ("completion", "average_score"))),
                  attempts=Markup(_table(tables["attempts"], ("first_attempt", "best_attempt"))),
                  hints=Markup(_table(tables["hints"].head(10))),
                  waiting=int(results["status"].eq(TO_MARK).sum()),
                  open_answers=Markup(_table(tables["open_answers"])) if len(tables["open_answers"]) else "")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


# A fictional class for the superusers' lesson on reading the report: exercise -> (title, difficulty, hint)
# Titles and hints are English message ids, as in grades.csv: the report translates them when it shows them.
SAMPLE_EXERCISES = {
    "crm.sample.count-contacts": (N_("Count the contacts"), -1.5, N_("Count the rows of the contacts table.")),
    "crm.sample.overdue-deals": (N_("List the deals past their close date"), 0.8,
                                 N_("Compare close_date with the data's today (data.as_of), not the real date.")),
    "crm.sample.weighted-forecast": (N_("Weighted pipeline forecast"), 1.2,
                                     N_("Multiply each amount by its stage probability before adding up.")),
    "crm.sample.merge-duplicates": (N_("Merge two duplicate contacts"), 0.2,
                                    N_("Keep the record with the most activities and move the others' history to it.")),
    "crm.sample.log-a-call": (N_("Log a call and set a follow-up"), -0.6,
                              N_("Set the reminder on the follow-up, not on the call.")),
}
SAMPLE_NAMES = ["Amina", "Reza", "Nusrat", "Léa", "Omar", "Tom", "Sara", "Karim", "Mina", "Yusuf",
                "Chloé", "Farid", "Rahim", "Zoe", "Hadi", "Ines"]


def sample_class(seed: int = 7, trainees: int = 12) -> pd.DataFrame:
    """A fictional class's grades (same columns as ``grades.csv``, plus minutes), for practice.

    >>> df = sample_class(seed=1, trainees=4)
    >>> len(df), df["trainee"].nunique()
    (20, 4)
    """
    if not 1 <= trainees <= len(SAMPLE_NAMES):
        raise InputError(_('trainees must be between 1 and {n_SAMPLE_NAMES}').format(n_SAMPLE_NAMES=len(SAMPLE_NAMES)), where="sample_class(trainees)")
    rng = np.random.default_rng(seed)
    skill = rng.normal(0.6, 1.0, trainees)
    rows = []
    for name, s in zip(SAMPLE_NAMES[:trainees], skill):
        minutes = float(np.round(rng.normal(35, 8) - 6 * s, 1))
        for exercise, (_title, difficulty, hint) in SAMPLE_EXERCISES.items():
            p = 1 / (1 + np.exp(-(s - difficulty) * 1.7))
            attempts = int(rng.integers(1, 4))
            passed = rng.random() < p
            partial = not passed and rng.random() < 0.3
            points = 1.0 if passed else (0.5 if partial else 0.0)
            rows.append({"trainee": name, "lesson": "crm.sample", "exercise": exercise, "points": points,
                         "max_points": 1.0, "status": "passed" if passed else ("partial" if partial else "failed"),
                         "hint": "" if passed else hint, "attempts": attempts,
                         "hints_shown": 0 if passed else attempts, "minutes": max(minutes, 8.0)})
    return pd.DataFrame(rows)
