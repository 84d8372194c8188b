"""The class report: tables computed from grades or progress logs, and the HTML page."""

import json

import pandas as pd
import pytest

from workbench.errors import InputError
from workbench.sessions.report import from_progress, load_results, report, sample_class, summarise


def grades():
    rows = []
    for trainee, marks in {"amina": [1, 1, 1], "reza": [1, 0, 0.5], "lea": [1, 0, 0], "omar": [1, 1, 0]}.items():
        for exercise, points in zip(["l.x.a", "l.x.b", "l.x.c"], marks):
            rows.append({"trainee": trainee, "lesson": "l/x", "exercise": exercise, "points": points,
                         "max_points": 1, "status": "passed" if points == 1 else ("partial" if points else "failed"),
                         "hint": "" if points == 1 else f"hint for {exercise}"})
    return pd.DataFrame(rows)


def test_completion_and_average_score():
    c = summarise(grades())["completion"].iloc[0]
    assert (c["trainees"], c["exercises"]) == (4, 3)
    assert c["completion"] == round(7 / 12, 3)
    assert c["average_score"] == round(7.5 / 12, 3)


def test_most_failed_and_what_to_reexplain():
    t = summarise(grades())
    assert t["most_failed"]["exercise"].tolist()[:2] == ["l.x.c", "l.x.b"]
    assert t["most_failed"]["failed_share"].iloc[0] == 0.75
    assert t["reexplain"]["exercise"].tolist() == ["l.x.c", "l.x.b"]  # failed by >= a third
    assert t["reexplain"]["what_they_were_told"].iloc[0] == "hint for l.x.c"
    assert t["hints"]["shown_to"].iloc[0] == 3


def test_who_needs_help():
    help = summarise(grades())["needs_help"]
    assert help["trainee"].tolist() == ["lea", "reza"]  # 1/3 and 1.5/3, below 60 %
    assert help["to_review"].iloc[0] == "l.x.b, l.x.c"


def test_progress_logs_give_best_attempt_hints_and_time(tmp_path):
    logs = tmp_path / "progress"
    logs.mkdir()
    lines = [
        {"exercise": "crm.intro.count-contacts", "learner": "nusrat", "points": 0, "max_points": 1,
         "hint": "Count the rows", "at": "2026-06-01T09:00:00+00:00"},
        {"exercise": "crm.intro.count-contacts", "learner": "nusrat", "points": 1, "max_points": 1,
         "hint": None, "at": "2026-06-01T09:04:00+00:00"},
        {"exercise": "crm.intro.database-model", "learner": "nusrat", "points": 0, "max_points": 1,
         "hint": "a tree", "at": "2026-06-01T11:00:00+00:00"},  # two hours later: a pause, counted as 15 min
    ]
    (logs / "nusrat.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n{broken\n")
    df = from_progress(sorted(logs.glob("*.jsonl")))
    mine = df.set_index("exercise")
    assert set(mine["lesson"]) == {"crm/01-what-a-crm-is"}  # the lesson id, as grades.csv names it
    assert mine.loc["crm.intro.count-contacts", "status"] == "passed"
    assert mine.loc["crm.intro.count-contacts", "attempts"] == 2
    assert mine.loc["crm.intro.database-model", "hint"] == "a tree"
    assert mine.loc["crm.intro.count-contacts", "minutes"] == 4 + 15
    # exercises of the lesson never tried are listed as such
    assert mine.loc["crm.intro.widest-reach", "status"] == "not attempted"
    assert load_results(tmp_path)["trainee"].unique().tolist() == ["nusrat"]


def test_report_page_from_grades_csv(tmp_path):
    sample_class(seed=3).drop(columns=["minutes"]).to_csv(tmp_path / "grades.csv", index=False)
    page = report(tmp_path, tmp_path / "report.html", title="Tuesday class")
    text = page.read_text()
    for words in ("Tuesday class", "What to re-explain", "Who needs help", "Completion per lesson",
                  "Hints most often shown", "Time per lesson", "plotly"):
        assert words in text
    assert "progress logs as well" in text  # grades alone carry no time


def test_report_with_time_from_sample_class(tmp_path):
    text = report(sample_class(), tmp_path / "r.html").read_text()
    assert text.count("plotly-graph-div") >= 4


def test_bad_sources_are_explained(tmp_path):
    with pytest.raises(InputError, match="neither grades.csv nor progress logs"):
        load_results(tmp_path)
    with pytest.raises(InputError, match="no grades or progress logs"):
        load_results(tmp_path / "nope")
    with pytest.raises(InputError, match="column 'points'"):
        load_results(pd.DataFrame({"trainee": ["a"], "exercise": ["x"]}))


def test_grades_with_progress_logs_gain_time_per_lesson(tmp_path):
    pd.DataFrame([{"trainee": "nusrat", "lesson": "crm/01-what-a-crm-is", "exercise": "crm.intro.count-contacts",
                   "points": 1, "max_points": 1, "status": "passed", "hint": ""}]).to_csv(tmp_path / "grades.csv",
                                                                                         index=False)
    (tmp_path / "progress").mkdir()
    lines = [{"exercise": "crm.intro.count-contacts", "learner": "nusrat", "points": p, "max_points": 1,
              "at": f"2026-06-01T09:{m:02d}:00+00:00"} for p, m in ((0, 0), (1, 12))]
    (tmp_path / "progress" / "nusrat.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    results = load_results(tmp_path)
    assert results["minutes"].tolist() == [12.0]
    assert summarise(results)["time"]["lesson"].tolist() == ["crm/01-what-a-crm-is"]


def test_points_a_learner_wrote_in_their_own_log_are_clamped(tmp_path):
    lines = [{"exercise": "crm.intro.count-contacts", "learner": "forger", "points": 99, "max_points": 99},
             {"exercise": "crm.intro.database-model", "learner": "forger", "points": "all", "max_points": 1}]
    (tmp_path / "forger.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    mine = from_progress([tmp_path / "forger.jsonl"]).set_index("exercise")
    assert mine.loc["crm.intro.count-contacts", ["points", "max_points"]].tolist() == [1, 1]
    assert mine.loc["crm.intro.database-model", "points"] == 0


def test_report_names_the_grades_the_grader_did_not_check_again(tmp_path):
    graded = grades().assign(source="grader")
    graded.loc[0, "source"] = "progress log"
    text = report(graded, tmp_path / "r.html").read_text()
    assert "1 of 12 grades rest on the trainees' own records" in text
    assert "First attempt and best attempt" in text and "<th>full points at the first attempt</th>" in text


def test_report_shows_each_trainee_against_the_whole_course(tmp_path):
    from workbench.lessons import TRACK_TITLES, in_course_order

    course = [lesson for lesson in in_course_order() if lesson.exercises and not lesson.assessment]
    first, second = course[0], course[1]
    track = [lesson for lesson in in_course_order() if lesson.track == first.track]
    done = [{"trainee": "amina", "lesson": "", "exercise": e, "points": 1.0, "max_points": 1.0, "status": "passed"}
            for e in first.exercises]
    started = [{"trainee": "omar", "lesson": "", "exercise": first.exercises[0], "points": 0.0, "max_points": 1.0,
                "status": "failed"}]
    text = report(pd.DataFrame(done + started), tmp_path / "r.html").read_text()
    whole = sum(len(lesson.exercises) for lesson in in_course_order())
    track_total = sum(len(lesson.exercises) for lesson in track)
    assert "Progress through the whole course" in text
    assert f"<td>{len(first.exercises)} of {track_total}</td>" in text  # amina's first track
    assert f"<td>{len(first.exercises)} of {whole}</td>" in text  # amina's whole course
    assert f"<td>0 of {whole}</td>" in text  # omar has not passed any
    assert f"{TRACK_TITLES[second.track]}: {second.title}" in text  # amina goes on to the next lesson
    assert f"{TRACK_TITLES[first.track]}: {first.title}" in text  # omar finishes the first one
    assert "Who needs help" in text and "Completion per lesson" in text  # the report's content stays


def test_an_open_answer_handed_in_waits_for_a_mark_and_is_not_failed(tmp_path):
    email = "crm.activities.follow-up-email"
    (tmp_path / "amina.jsonl").write_text(json.dumps(
        {"exercise": email, "points": 0, "max_points": 5, "to_mark": True, "answer": "Dear Ms Jahan, ...",
         "at": "2026-06-01T09:00:00+00:00"}) + "\n")
    results = load_results(tmp_path)
    assert results.set_index("exercise").loc[email, "status"] == "to mark"
    tables = summarise(results)
    assert tables["most_failed"].set_index("exercise").loc[email, "failed"] == 0
    assert tables["open_answers"].to_dict("records") == [
        {"trainee": "amina", "exercise": email, "mark": "waiting for a mark", "comment": ""}]
    page = report(tmp_path, tmp_path / "report.html").read_text()
    assert "1 open answer(s) still wait for a mark" in page


def test_the_report_is_written_whole_in_french(tmp_path, english_runs_left):
    """Headings, table headers, the sample class's exercise titles and hints: all French; grades.csv's own
    column keys (trainee, first_attempt...) stay the program's and never show as headers."""
    from workbench.i18n.language import use_language

    with use_language("fr"):
        text = report(sample_class(seed=3, trainees=6), tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<title>Rapport de la classe</title>" in text and '<html lang="fr" dir="ltr">' in text
    assert "<th>tous les points au premier essai</th>" in text and "<th>first_attempt</th>" not in text
    assert "Comparez close_date avec" in text or "Multipliez chaque montant" in text  # a hint, translated
    assert "Pour commencer" in text  # the next lesson, named by its French title
    assert english_runs_left(text) == []
