"""Session plans: agenda timings from lesson metadata, per format, and the facilitator guide."""

import pytest
from markupsafe import escape

from workbench.errors import InputError
from workbench.sessions.plan import FORMATS, agenda, get_format, plan, planned, total_minutes

LESSONS = ["00-start-here", "crm/01-what-a-crm-is"]


def durations():
    return {p.lesson.path.stem: p.lesson.duration_minutes for p in planned(LESSONS)}


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_lesson_appears_with_its_metadata_duration(name):
    df = agenda(LESSONS, name)
    lessons = df[df["kind"] == "lesson"]
    assert dict(zip(lessons["lesson"], lessons["minutes"])) == durations()
    assert df["kind"].iloc[0] == "opening" and df["kind"].iloc[-1] == "closing"
    assert total_minutes(LESSONS, name) == df["minutes"].sum()


def test_face_to_face_adds_supervised_practice_and_clock_times():
    df = agenda(["crm/01-what-a-crm-is"], "face-to-face", start="09:30")
    assert df["start"].iloc[0] == "09:30"
    practice = df[df["kind"] == "practice"]
    assert len(practice) == 1 and practice["minutes"].iloc[0] == 15  # half the lesson's 30 minutes
    # clock times follow the minutes
    assert df["start"].iloc[1] == "09:45"


def test_in_house_slots_stay_short_and_breaks_come_in_long_sittings():
    many = LESSONS * 3
    df = agenda(many, "in-house")
    assert df.groupby("block")["minutes"].sum().max() <= FORMATS["in-house"].block_limit
    assert df["block"].max() > 1
    f2f = agenda(many, "face-to-face")
    assert (f2f["kind"] == "break").any()


def test_e_learning_has_no_breaks_and_ends_with_a_check_in():
    df = agenda(LESSONS, "e-learning")
    assert not (df["kind"] == "break").any()
    assert "Check-in" in df["item"].iloc[-1]


def test_format_names_are_forgiving_and_unknown_ones_explained():
    assert get_format("Face to face").name == "face-to-face"
    assert get_format("elearning").name == "e-learning"
    with pytest.raises(InputError, match="face-to-face, e-learning, in-house"):
        get_format("webinar")
    with pytest.raises(InputError, match="no lessons"):
        agenda([], "in-house")
    with pytest.raises(InputError, match="HH:MM"):
        agenda(LESSONS, "in-house", start="9h")


def test_guide_holds_agenda_goals_exercises_and_checklist(tmp_path):
    from workbench.exercises import get

    path = plan(["crm/01-what-a-crm-is"], tmp_path / "guide.html", "in-house", title="Onboarding")
    text = path.read_text()
    chosen = planned(["crm/01-what-a-crm-is"])[0]
    assert "<h1>Onboarding</h1>" in text and "Slot 1" in text
    assert all(str(escape(goal)) in text for goal in chosen.lesson.goals)
    assert str(escape(get(chosen.exercises[0]).title)) in text
    assert "workbench session release crm/01-what-a-crm-is" in text
    assert "superuser" in text.lower() and 'type="checkbox"' in text


@pytest.mark.parametrize("source", ["practice-sets", "lessons"])
def test_the_guide_lists_exactly_the_exercises_of_the_notebook_released(tmp_path, source):
    import json
    import re

    import nbformat

    from workbench.lessons import notebook_exercises
    from workbench.sessions.release import release

    lesson = "crm/02-accounts-contacts-and-consent"
    text = plan([lesson], tmp_path / "guide.html", source=source).read_text()
    listed = re.findall(r'<code class="exercise"[^>]*>([^<]+)</code>', text)
    release([lesson], tmp_path / "s", trainees=1, source=source, build_data=False, progress=False)
    manifest = json.loads((tmp_path / "s" / "session.json").read_text())
    released = nbformat.read(tmp_path / "s" / "trainee-01" / manifest["lessons"][0]["file"], as_version=4)
    assert listed == manifest["lessons"][0]["exercises"] == notebook_exercises(released)
    assert manifest["from"] == source
    folder = {"lessons": "notebooks/", "practice-sets": "exercises/"}[source]
    assert manifest["lessons"][0]["notebook"].startswith(folder)
    # the practice CRM task is in the lesson, the opt-in list in the practice set: the guide says which is used
    assert ("crm.practice.record-consent-revocation" in listed) == (source == "lessons")
    assert ("crm.contacts.opt-in-list" in listed) == (source == "practice-sets")
    assert ("--from lessons" in text) == (source == "lessons")


def test_an_unknown_source_is_explained():
    with pytest.raises(InputError, match="practice-sets, lessons"):
        agenda(LESSONS, "in-house", source="slides")


@pytest.mark.parametrize("lang, words", [("fr", ["Programme", "Créneau 1", "Ce qu'est un CRM", "Points forts"]),
                                         ("ar", ["جدول الأعمال", "الحصة 1", "نقاط القوة"])])
def test_the_guide_is_written_whole_in_the_facilitator_s_language(tmp_path, lang, words, english_runs_left):
    """With WORKBENCH_LANG=fr or ar, every heading, agenda item, lesson title and goal, exercise and checklist
    line is in that language; the commands to run and the exercise ids stay as they are, left to right."""
    from workbench.i18n.language import use_language

    with use_language(lang):
        text = plan(["crm/01-what-a-crm-is"], tmp_path / "guide.html", "in-house").read_text(encoding="utf-8")
    assert all(str(escape(word)) in text for word in words)
    assert english_runs_left(text) == []
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in text
    assert '<bdi dir="ltr">workbench session release crm/01-what-a-crm-is' in text
    assert '<code class="exercise" dir="ltr">crm.intro.count-contacts</code>' in text
