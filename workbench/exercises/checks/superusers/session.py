"""Checks for notebooks/superusers/01-running-a-session."""

from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number
from workbench.exercises.open_answers import Criterion, Rubric, open_exercise
from workbench.i18n.messages import _

ORDERS = ["plan, release, grade, report", "release, plan, report, grade",
          "plan, grade, release, report", "report, plan, release, grade"]


@exercise("superusers.session.command-order", title="In which order do you run the four session commands?",
          answer=Choice(ORDERS, label="Order"), solution=lambda ctx: ORDERS[0],
          wrong=[(lambda ctx: ORDERS[2], "release")])
def _command_order(answer, ctx):
    if answer == ORDERS[0]:
        return Result.right(1, _("Yes: plan the day, release the copies, grade what comes back, then read the report."))
    if answer not in ORDERS:
        return Result.wrong(1, _('{answer!r} is not one of the orders offered.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick one of the four orders.")))
    if answer.startswith("plan, grade"):
        return Result.wrong(1, _("There is nothing to grade before the trainees have their copies."),
                            (_('Look at what each command needs before it can run.'), _("Trainees need their released copies before any grading: release comes second.")))
    if answer.startswith("report"):
        return Result.wrong(1, _("The report reads grades or progress logs, which do not exist yet at the start."),
                            (_('Look at what each command needs before it can run.'), _("The report summarises grades: it comes last.")))
    return Result.wrong(1, _("The plan decides which lessons to release, so it comes first."),
                        (_('Look at what each command needs before it can run.'), _("Start with the plan: it picks the lessons that release then copies.")))


def practice_exercises(lesson: str = "crm/01-what-a-crm-is") -> list[str]:
    """The exercise ids of a practice set, as the grader will look for them.

    The notebook is read as plain JSON: importing nbformat costs about 2 s, too slow for a Check.
    """
    import json

    from workbench.lessons import notebook_exercises, resolve

    return notebook_exercises(json.loads(resolve(lesson).read_text(encoding="utf-8")))


@exercise("superusers.session.grades-rows",
          title="You release the practice set crm/01-what-a-crm-is to 12 trainees. "
                "How many rows will grades.csv have once you grade it?",
          answer=Number("Rows", integer=True), solution=lambda ctx: 12 * len(practice_exercises()),
          wrong=[(lambda ctx: 12, "exercise"), (lambda ctx: len(practice_exercises()), "trainee")])
def _grades_rows(answer, ctx):
    n = len(practice_exercises())
    expected = 12 * n
    if answer == expected:
        return Result.right(1, _('Yes: 12 trainees × {n} exercises = {expected} rows, one per trainee and exercise.').format(n=n, expected=expected))
    if answer == 12:
        return Result.wrong(1, _("12 would be one row per trainee."),
                            (_('grades.csv has one row per trainee and per exercise; the practice set has {n} exercises.').format(n=n), _('Multiply the exercises by the number of trainees.')))
    if answer == n:
        return Result.wrong(1, _('{n} is the number of exercises in the practice set.').format(n=n),
                            (_('Look at the number of trainees and of exercises.'), _("Every trainee gets a row for every exercise: multiply by the number of trainees.")))
    return Result.wrong(1, _('{answer} is not the number of rows.').format(answer=answer),
                        (_('Look at the number of trainees and of exercises.'), _("Count one row per trainee and per exercise, including exercises a trainee skipped.")))


STATUSES = ["failed", "timeout", "error", "missing", "the whole batch stops"]


@exercise("superusers.session.loop-status",
          title="A trainee's cell runs forever (an endless loop). What does grading write for that exercise?",
          answer=Choice(STATUSES, label="Status"), solution=lambda ctx: "timeout",
          wrong=[Mistake(lambda ctx: "the whole batch stops", "One broken notebook never stops the batch.",
                         ('Look at what the grader does with a cell that runs too long.', "Each cell has a time limit; past it the grader interrupts the cell and carries on."))])
def _loop_status(answer, ctx):
    if answer == "timeout":
        return Result.right(1, _("Yes: the cell is interrupted after its time limit, marked timeout, and "
                               "grading goes on with the next cell and the next notebook."))
    if answer == "missing":
        return Result.wrong(1, _("missing means the exercise's cell is gone; here it is present."),
                            (_('Look at what the grader does with a cell that runs too long.'), _("The cell exists but never finishes: think of the time limit per cell.")))
    return Result.wrong(1, _('{answer!r} is used for other problems.').format(answer=answer),
                        (_('Look at what the grader does with a cell that runs too long.'), _("The cell never finishes: the grader stops it at the cell time limit and says so.")))


FOLDER = {
    "the lesson notebooks, with the solutions replaced by a stub": True,
    "a .workbench.json naming the trainee and their data seed": True,
    "the reference solutions, in a hidden cell": False,
    "the other trainees' seeds, so they can compare": False,
}


@exercise("superusers.session.trainee-folder", title="What does a released trainee folder hold?",
          answer=MultiChoice(list(FOLDER)), solution=lambda ctx: [k for k, v in FOLDER.items() if v],
          wrong=[(lambda ctx: list(FOLDER), "solution")])
def _trainee_folder(answer, ctx):
    chosen = set(answer or [])
    should = {k for k, v in FOLDER.items() if v}
    if chosen == should:
        return Result.right(1, _("Right: stripped notebooks and the trainee's own settings, nothing else."))
    wrongly = sorted(chosen - should)
    if wrongly:
        return Result.wrong(1, _("A trainee folder does not hold '{wrongly}'.").format(wrongly=wrongly[0]),
                            (_('Look at what a trainee needs to work, and nothing more.'), _("The answer key stays in the package: no solution and no other trainee's data "
                            "ever goes into a trainee folder.")))
    return Result.wrong(1, _("You left out '{sorted}'.").format(sorted=sorted(should - chosen)[0]),
                        (_('Look at what a trainee needs to work, and nothing more.'), _("Each folder has the stripped notebooks and a settings file with the trainee's name and seed.")))


open_exercise(
    "superusers.session.session-plan", title="Write the plan of a session for your colleagues",
    question="Your sales team (eight colleagues, half a day) starts using the CRM next month. Write the plan "
             "of the training session you would run for them with the workbench.",
    rubric=Rubric([Criterion("Audience and goal", 1, "who attends and what they can do at the end"),
                   Criterion("Agenda with times", 2, "the lessons in order, each with its time and its "
                                                     "supervised practice, breaks included"),
                   Criterion("Checking the learning", 1, "how the trainees' work is handed in and graded"),
                   Criterion("Follow-up", 1, "what happens afterwards: feedback, the class report, what to "
                                             "explain again")]),
    model="Audience: the eight sales reps, half a day, face to face. Goal: each can log calls, plan follow-ups "
          "and read their pipeline. 09:00 welcome; 09:15 lesson on what a CRM is with practice; 10:15 "
          "activities and follow-ups with the practice CRM; 11:00 break; 11:15 pipeline lesson and practice; "
          "12:15 wrap-up. Each trainee gets their own copy and data; I grade the hand-ins the same afternoon, "
          "send the feedback pages, and read the class report to re-explain what most missed at the next "
          "team meeting.",
    hints=("Reread the four steps of this lesson: plan, release, grade, report.",
           "Write at least 40 words: who attends and why, the agenda with times, how you grade, and what you "
           "do after the session."),
    label="Your session plan")
