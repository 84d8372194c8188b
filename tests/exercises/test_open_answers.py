"""Open answers in the lab: the text box and its rubric, Check hands the text in, progress says it waits for a
mark and counts it as done."""

import pytest

from workbench.exercises import all_exercises, ask, check, get
from workbench.exercises.check import Context
from workbench.exercises.course import CourseProgress
from workbench.exercises.open_answers import Criterion, Rubric
from workbench.exercises.progress import ProgressLog, ProgressReport
from workbench.lessons import in_course_order
from workbench.settings import Settings

EMAIL = "crm.activities.follow-up-email"


@pytest.fixture
def ctx(tmp_path):
    return Context(Settings(learner="amina", home=tmp_path))


def records(ctx):
    return ProgressLog(ctx.settings.progress_file).read()[0]


def test_every_open_exercise_sits_in_its_lesson():
    lessons = {id: lesson for lesson in in_course_order() for id in lesson.exercises}
    open_ids = {e.id for e in all_exercises() if e.is_open}
    assert open_ids == {EMAIL, "network.intros.request-message", "editorial.calendar.post-draft",
                        "superusers.session.session-plan"}
    where = {id: f"{lessons[id].track}/{lessons[id].path.stem}" for id in open_ids}
    assert where[EMAIL] == "crm/04-activities-and-follow-ups"
    assert where["network.intros.request-message"] == "network/03-warm-introductions-and-referrals"
    assert where["editorial.calendar.post-draft"].startswith(("editorial/03", "editorial/04"))
    assert where["superusers.session.session-plan"].startswith(("superusers/01", "superusers/02"))


def test_the_form_is_a_text_box_under_the_rubric(ctx):
    from workbench.data.active import start

    start(None)
    box = ask(EMAIL, ctx=ctx)
    form = box.children[0].children[1]
    intro, text_box = form.children
    assert type(text_box).__name__ == "Textarea"
    for criterion in get(EMAIL).open_task.rubric.criteria:
        assert criterion.name in intro.value
    text_box.value = get(EMAIL).reference(ctx)
    button = box.children[1].children[0]
    button.click()
    assert "handed in, waiting for a mark" in box.children[2].value
    assert records(ctx)[-1]["to_mark"] is True and records(ctx)[-1]["answer"] == text_box.value.strip()


@pytest.mark.parametrize("answer, said", [("", "Your text is empty."), ("Thanks for the call.", "has 4 words"),
                                          (42, "not a text")])
def test_an_empty_or_short_text_gets_a_message_and_two_hint_steps(ctx, answer, said):
    first = check(EMAIL, answer, ctx=ctx)
    assert not first.to_mark and not first.passed and said in first.message
    assert len(first.hints) == 2 and first.hints[0] in first.html(1) and first.hints[1] in first.html(2)
    assert "to_mark" not in records(ctx)[-1]


def test_handed_in_counts_as_done_and_waits_for_a_mark(ctx):
    check(EMAIL, "Too short.", ctx=ctx)
    result = check(EMAIL, get(EMAIL).reference(ctx), ctx=ctx)
    assert result.to_mark and "Next step (1), Tone (1)" in result.message
    log = ProgressLog(ctx.settings.progress_file)
    assert log.wrong_attempts(EMAIL) == 1  # the text handed in is not a wrong answer
    report = ProgressReport.of(log, "amina")
    assert "0 of 1 exercises passed, 1 handed in, waiting for a mark" in report.headline()
    course = CourseProgress.of(log.read()[0], "amina")
    lesson = next(p for p in course.track("crm").lessons if EMAIL in p.lesson.exercises)
    assert lesson.done == 1 and lesson.waiting_for_mark == 1
    assert "1 handed in, waiting for a mark" in lesson.status()
    assert course.track("crm").done == 1


def test_strict_mode_accepts_a_text_handed_in(ctx, monkeypatch):
    monkeypatch.setenv("WORKBENCH_STRICT", "1")
    assert check(EMAIL, get(EMAIL).reference(ctx), ctx=ctx, record=False).to_mark
    with pytest.raises(AssertionError):
        check(EMAIL, "short", ctx=ctx, record=False)


def test_a_rubric_needs_named_criteria_with_points():
    with pytest.raises(ValueError):
        Rubric([])
    with pytest.raises(ValueError):
        Rubric([Criterion("Tone", 1, "polite"), Criterion("Tone", 2, "again")])
    with pytest.raises(ValueError):
        Rubric([Criterion("Tone", 0, "nothing to earn")])
