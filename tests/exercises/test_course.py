"""Progress against the whole course: N of M per track, what is next, badges, first and best attempts."""

import html
import json
import os
import time

import pytest

from workbench.cli import main
from workbench.exercises.course import CourseProgress, course_progress
from workbench.exercises.progress import ProgressLog
from workbench.lessons import in_course_order

COURSE = in_course_order()
CRM = [lesson for lesson in COURSE if lesson.track == "crm" and not lesson.assessment]


def log(home, learner="tester"):
    return ProgressLog(home / "progress" / f"{learner}.jsonl")


def answer(progress_log, id, points, max_points=1):
    progress_log.append({"exercise": id, "points": points, "max_points": max_points})


def test_every_track_has_its_assessment():
    for track in ("crm", "network", "editorial", "superusers"):
        found = [lesson for lesson in COURSE if lesson.track == track and lesson.assessment]
        assert len(found) == 1 and len(found[0].exercises) >= 4 and found[0].pass_mark == 0.7, track
        assert all(".assessment." in id for id in found[0].exercises)


def test_nothing_done_names_the_first_lesson_next(workbench_home):
    crm = course_progress().track("crm")
    assert crm.done == 0 and crm.total == sum(len(lesson.exercises) for lesson in COURSE if lesson.track == "crm")
    assert crm.headline() == f"CRM track: 0 of {crm.total} exercises done · next: {CRM[0].title}"


def test_a_finished_lesson_earns_its_badge_and_the_next_one_is_named(workbench_home):
    first, second = CRM[0], CRM[1]
    progress_log = log(workbench_home)
    answer(progress_log, first.exercises[0], 0)  # wrong first, then right
    for id in first.exercises:
        answer(progress_log, id, 1)
    answer(progress_log, second.exercises[0], 1)
    crm = course_progress().track("crm")
    one, two = crm.lessons[0], crm.lessons[1]
    assert one.badge and one.status() == "done ★" and crm.badges == 1
    assert one.first_points == len(first.exercises) - 1 and one.best_points == len(first.exercises)
    assert not two.badge and two.status() == f"1 of {len(second.exercises)} done"
    assert crm.done == len(first.exercises) + 1
    assert crm.next_lesson().lesson == second


def test_the_assessment_counts_first_attempts_only(workbench_home):
    assessment = next(lesson for lesson in COURSE if lesson.track == "network" and lesson.assessment)
    progress_log = log(workbench_home)
    for id in assessment.exercises:  # every first try wrong, then right
        answer(progress_log, id, 0)
        answer(progress_log, id, 1)
    network = course_progress().track("network")
    assert network.assessment.best_points == len(assessment.exercises)
    assert network.assessment.score == 0 and not network.assessment.passed
    assert "0% at the first try, not passed" in network.assessment_line()


def test_records_of_the_wrong_shape_are_skipped_and_said(workbench_home):
    progress_log = log(workbench_home)
    progress_log.path.parent.mkdir(parents=True)
    first = CRM[0].exercises[0]
    lines = [{"exercise": first, "points": 1, "max_points": 1, "at": "2026-01-05T09:00:00+00:00"},
             {"exercise": first},  # no points
             {"exercise": first, "points": "1", "max_points": 1, "answer": [1, 2], "at": "garbage"},
             {"exercise": 42, "points": 1}]
    progress_log.path.write_text("".join(json.dumps(r) + "\n" for r in lines) + "{torn\n", encoding="utf-8")
    progress = course_progress()
    lesson = progress.track("crm").lessons[0]
    assert lesson.first_points == 1 and lesson.best_points == 1 and lesson.attempts[first].count == 1
    assert progress.notes and "4 lines" in progress.notes[0] and "skipped" in progress.notes[0]


@pytest.fixture
def in_paris():
    """The computer's clock set to Paris time for the test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_command_shows_titles_in_course_order_not_ids(workbench_home, capsys, in_paris):
    answer(log(workbench_home), CRM[0].exercises[0], 1)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tester: 1 of ") and "last Check " in out and ("(CET)" in out or "(CEST)" in out)
    assert "CRM track: 1 of " in out and f"next: {CRM[0].title}" in out
    positions = [out.index(f"  {lesson.title}:") for lesson in CRM]
    assert positions == sorted(positions)
    for developer_word in ("best_points", "passed True", "crm.", "UTC"):
        assert developer_word not in out


def test_the_start_page_view_is_html_with_badges(workbench_home):
    first = CRM[0]
    for id in first.exercises:
        answer(log(workbench_home), id, 1)
    page = course_progress()._repr_html_()
    assert "★" in page and first.title in page and "Points at first try" in page


def test_progress_of_given_lessons_only():
    lesson = CRM[0]
    records = [{"exercise": id, "points": 1, "max_points": 1} for id in lesson.exercises]
    progress = CourseProgress.of(records, "amina", lessons=[lesson])
    assert [t.track for t in progress.tracks] == ["crm"] and progress.track("crm").next_lesson() is None
    assert progress.track("crm").headline().endswith("finished")


def _translated_title(lesson, lang):
    from workbench.i18n.lesson_catalogues import entry

    return entry(f"{lesson.track}/{lesson.path.stem}", lesson.title, "title", lang)


def test_in_french_the_headline_and_lesson_titles_come_from_the_translated_lessons(workbench_home):
    from workbench.i18n.language import use_language

    answer(log(workbench_home), CRM[0].exercises[0], 1)
    french = [_translated_title(lesson, "fr") for lesson in CRM]
    assert all(f != lesson.title for f, lesson in zip(french, CRM))
    with use_language("fr"):
        crm = course_progress().track("crm")
        text, page, headline = crm.text(), crm._repr_html_(), crm.headline()
    assert headline.startswith("Parcours CRM\xa0: ") and f"suivant\xa0: {french[0]}" in headline
    assert all(title in text and html.escape(title) in page for title in french)
    assert not any(lesson.title in text for lesson in CRM)


def test_in_arabic_the_course_page_is_right_to_left_with_no_english_left(workbench_home, english_words_left):
    from workbench.i18n.language import use_language

    answer(log(workbench_home), CRM[0].exercises[0], 1)
    with use_language("ar"):
        progress = course_progress()
        page = progress._repr_html_()
    assert 'lang="ar" dir="rtl"' in page
    assert _translated_title(CRM[0], "ar") in page
    assert english_words_left(page, "tester", "CRM", "UTC") == []


def test_in_bengali_the_last_check_is_dated_in_bengali(workbench_home):
    from workbench.i18n.language import use_language

    answer(log(workbench_home), CRM[0].exercises[0], 1)
    with use_language("bn"):
        headline = course_progress().headline()
    assert "২০" in headline and not any(month in headline for month in ("Jan", "Feb", "Mar", "Dec", "Nov"))
