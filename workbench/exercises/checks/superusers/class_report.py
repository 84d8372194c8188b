"""Checks for notebooks/superusers/04-reading-the-class-report (on the fictional class of sample_class)."""

from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number
from workbench.i18n.messages import _

SEED = 7


def tables():
    """The report tables of the lesson's fictional class."""
    from workbench.sessions.report import sample_class, summarise

    return summarise(sample_class(seed=SEED))


def _exercises(ctx=None):
    from workbench.sessions.report import SAMPLE_EXERCISES

    return list(SAMPLE_EXERCISES)


def _trainees(ctx=None):
    from workbench.sessions.report import SAMPLE_NAMES

    return SAMPLE_NAMES[:12]


@exercise("superusers.class-report.reexplain-first",
          title="Which exercise should you re-explain first next time?",
          answer=Choice(_exercises, label="Exercise"),
          solution=lambda ctx: tables()["reexplain"]["exercise"].iloc[0],
          wrong=[(lambda ctx: tables()["most_failed"]["exercise"].iloc[-1], "share")])
def _reexplain_first(answer, ctx):
    again = tables()["reexplain"]
    first = again["exercise"].iloc[0]
    if answer == first:
        return Result.right(1, _('Yes: {first} was not passed by {share:.0%} of the class.').format(first=first, share=again['failed_share'].iloc[0]))
    if answer in set(again["exercise"]):
        return Result.wrong(1, _('{answer} is on the list, but not at the top.').format(answer=answer),
                            _("The list is sorted by the share of the class that did not pass: take the first one."))
    return Result.wrong(1, _('{answer} was passed by most of the class.').format(answer=answer),
                        _("Look at the 'what to re-explain' table: the highest share of trainees not passing comes first."))


@exercise("superusers.class-report.needs-help", title="Tick every trainee the report says needs help.",
          answer=MultiChoice(_trainees), solution=lambda ctx: sorted(tables()["needs_help"]["trainee"]),
          wrong=[(lambda ctx: [], "score")])
def _needs_help(answer, ctx):
    should = set(tables()["needs_help"]["trainee"])
    chosen = set(answer or [])
    if chosen == should:
        return Result.right(1, _('Right: {sorted}.').format(sorted=', '.join(sorted(should))))
    if chosen - should:
        name = sorted(chosen - should)[0]
        return Result.wrong(1, _('{name} scored enough not to be flagged.').format(name=name),
                            _("Only trainees in the 'who needs help' table, below the score threshold, are flagged."))
    return Result.wrong(1, _("Someone who needs help is missing."),
                        _("Tick every name in the 'who needs help' table: their score is below the threshold."))


def _completion(ctx=None):
    return round(float(tables()["completion"]["completion"].iloc[0]) * 100)


@exercise("superusers.class-report.completion",
          title="What share of the exercises did the class pass, in percent (a whole number)?",
          answer=Number("Percent", integer=True), solution=lambda ctx: _completion(),
          wrong=[Mistake(lambda ctx: round(float(tables()["completion"]["average_score"].iloc[0]) * 100),
                         "{mistake} % is the average score, which counts partial credit.",
                         "Completion counts only exercises fully passed: read the 'completion' column.")])
def _completion_check(answer, ctx):
    expected = _completion()
    if answer == expected:
        return Result.right(1, _('Yes: {expected} % of the trainee-exercise pairs were passed.').format(expected=expected))
    if 0 < answer <= 1:
        return Result.wrong(1, _("That looks like a share, not a percentage."), _("Multiply the share passed by 100."))
    return Result.wrong(1, _('{answer} % is not the completion.').format(answer=answer), _("Read the 'completion' column of the lesson's row."))
