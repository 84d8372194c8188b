"""Checks for notebooks/superusers/02-choosing-a-training-format (the three training formats)."""

from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number
from workbench.i18n.messages import _

from ..patterns import tick_exercise

FORMATS = ["face-to-face", "e-learning", "in-house"]


@exercise("superusers.formats.match-format",
          title="Forty sales reps in six cities, with full diaries, must learn a simple CRM screen. "
                "Which format fits best?",
          answer=Choice(FORMATS, label="Format"), solution=lambda ctx: "e-learning",
          wrong=[Mistake(lambda ctx: "face-to-face", "Gathering forty people from six cities is the costliest option here.",
                         "Count the travel and the lost working day; the process is simple enough to learn alone.")])
def _match_format(answer, ctx):
    if answer == "e-learning":
        return Result.right(1, _("Yes: spread out, busy, and a simple process: self-paced e-learning fits."))
    if answer == "in-house":
        return Result.wrong(1, _("A superuser would have to visit six cities or teach remotely in many slots."),
                            _("With many people spread out and a simple process, self-paced learning costs least."))
    return Result.wrong(1, _('{answer!r} is not one of the three formats.').format(answer=answer), _("Choose one of the three formats."))


IN_HOUSE = {
    "quality depends on how skilled the superuser is": True,
    "the superuser needs time to learn the CRM before teaching it": True,
    "travel costs for every trainee": False,
    "learners are left without anyone to ask": False,
    "it is the most expensive of the three": False,
}


@exercise("superusers.formats.in-house-risks", title="Which are the weak points of in-house training by superusers?",
          answer=MultiChoice(list(IN_HOUSE)), solution=lambda ctx: [k for k, v in IN_HOUSE.items() if v],
          wrong=[(lambda ctx: ["travel costs for every trainee"], "face-to-face"),
                 (lambda ctx: ["quality depends on how skilled the superuser is"], "time")])
def _in_house_risks(answer, ctx):
    chosen = set(answer or [])
    should = {k for k, v in IN_HOUSE.items() if v}
    if chosen == should:
        return Result.right(1, _("Right: quality and time are the two risks of in-house training."))
    if "travel costs for every trainee" in chosen:
        return Result.wrong(1, _("Travel is a cost of face-to-face training with an outside trainer."),
                            _("That is a face-to-face weak point; in-house training happens where people work."))
    if "learners are left without anyone to ask" in chosen:
        return Result.wrong(1, _("Being alone is the weak point of e-learning; the superuser is a colleague at hand."),
                            _("Keep only what depends on the superuser: their skill and their time."))
    if "it is the most expensive of the three" in chosen:
        return Result.wrong(1, _("In-house training is usually the cheapest format."),
                            _("Its weak points are not cost but the superuser's skill and time."))
    return Result.wrong(1, _("You left out '{sorted}'.").format(sorted=sorted(should - chosen)[0]),
                        _("Two things: the superuser's skill, and the time they need to learn the system first."))


PROCESS_HEAVY = {"e-learning": True, "in-house": True, "face-to-face": False}


tick_exercise(
    "superusers.formats.process-heavy",
    title="The after-sales team follows a strict, detailed case process. Which formats does the course material "
          "call less effective for a process-heavy system? Tick each one.",
    options=PROCESS_HEAVY, max_points=1,
    right="Yes: e-learning and in-house training both lose effectiveness when the process is detailed: there are "
          "many points of failure, and nobody expert enough watching each step.",
    extra=("'{option}' is the format that keeps an experienced trainer beside the learners.",
           "Keep only the formats where learners are alone, or taught by a colleague who is still learning the "
           "system: an outside trainer in the room catches mistakes step by step."),
    missed=("You left out '{option}'.",
            "Two formats share the weakness: learners alone at their screen, and a colleague who must first master "
            "every step of a detailed process before teaching it."),
    wrong=[(["e-learning"], "colleague"), (list(FORMATS), "trainer"), (["in-house"], "alone")])


def _day(ctx):
    from workbench.sessions.plan import total_minutes

    return total_minutes(["crm/01-what-a-crm-is"], "face-to-face")


@exercise("superusers.formats.session-length",
          title="With agenda(['crm/01-what-a-crm-is'], 'face-to-face'), how many minutes does the session last?",
          answer=Number("Minutes", integer=True), solution=_day,
          wrong=[(lambda ctx: 30, "welcome")])
def _session_length(answer, ctx):
    expected = _day(ctx)
    if answer == expected:
        return Result.right(1, _('Yes: {expected} minutes, welcome, practice and wrap-up included.').format(expected=expected))
    from workbench.sessions.plan import planned

    lesson = planned(["crm/01-what-a-crm-is"])[0].lesson.duration_minutes
    if answer == lesson:
        return Result.wrong(1, _('{answer} minutes is the lesson alone.').format(answer=answer),
                            _("Add the welcome, the supervised practice and the wrap-up: sum the minutes column."))
    return Result.wrong(1, _("{answer} is not the agenda's total.").format(answer=answer), _("Sum the agenda's minutes column."))
