"""Checks for notebooks/editorial/03-planning-the-calendar and exercises/editorial/02-plan-and-measure."""

from functools import partial

import pandas as pd

from workbench.editorial.audit import check_plan, mix_report
from workbench.editorial.planner import plan_calendar
from workbench.editorial.rules import InfeasiblePlan, PlanRules, Rep
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, option_label
from workbench.exercises.marking import as_table, close
from workbench.exercises.open_answers import Criterion, Rubric, open_exercise
from workbench.i18n.messages import _

from ._data import inputs, lesson_plan, line, plan_start, reps

CONSTRAINTS = ["cadence", "author load", "theme spacing", "personas", "formats"]
APPROVERS = ["the author", "the editorial manager", "any colleague", "the publishing tool"]


def _failing(ctx):
    """Which constraint fails when one rep posts 4 a week with a 3-week theme gap on the 10 themes."""
    try:
        plan_calendar([Rep("X", posts_per_week=4)], line(ctx), inputs(ctx).personas, weeks=4,
                      start=plan_start(ctx), rules=PlanRules(theme_gap_weeks=3))
    except InfeasiblePlan as err:
        return err.constraint
    return "none"


@exercise("editorial.calendar.infeasible",
          title="A rep wants 4 posts a week, no theme again within 3 weeks, on the 10 themes. Which constraint breaks?",
          answer=Choice(CONSTRAINTS), solution=_failing,
          wrong=[(lambda ctx: "cadence", "themes"), (lambda ctx: "author load", "themes")])
def _infeasible(answer, ctx):
    expected = _failing(ctx)
    if answer == expected:
        return Result.right(1, _("Yes: 4 posts a week for 3 weeks need 12 different themes; the line has 10."))
    return Result.wrong(1, _("'{answer}' holds here.").format(answer=option_label(answer)),
                        (_("Look at the rule on how soon a rep may repeat a theme, and at the line's list of themes."), _("Count: how many different themes does a rep need in 3 weeks at 4 posts a week, "
                        "and how many themes does the line have?")))


@exercise("editorial.calendar.approver", title="Who moves a produced post from 'in review' to 'approved'?",
          answer=Choice(APPROVERS), solution=lambda ctx: APPROVERS[1],
          wrong=[(lambda ctx: APPROVERS[0], "voice"), (lambda ctx: APPROVERS[3], "voice")])
def _approver(answer, ctx):
    if answer == APPROVERS[1]:
        return Result.right(1, _("Yes: the editorial manager validates, which keeps the voice consistent."))
    return Result.wrong(1, _('Not {answer}.').format(answer=answer), (_("Look at the roles in the lesson's editorial workflow: who answers "
                                              "for the line?"),
                                              _("One person keeps the voice consistent across every author: that role "
                                              "validates each produced post.")))


def _deviation(ctx):
    return mix_report(lesson_plan(ctx, mix="80-20")).attrs["mix_deviation"]


@exercise("editorial.calendar.mix-deviation",
          title="Plan 8 weeks with the 80-20 rule (other settings as in the lesson). By how many points does the plan deviate?",
          answer=Number("Deviation (points)"), solution=_deviation,
          wrong=[Mistake(lambda ctx: mix_report(lesson_plan(ctx, mix="4-1-1")).attrs["mix_deviation"],
                         "That is the deviation under 4-1-1.", ('Look at the mix rule the planner used.', "Choose the 80-20 rule in the planner, then plan again."),
                         compare=partial(close, tolerance=0.2)),
                 (lambda ctx: 20.0 if abs(_deviation(ctx) - 20) > 0.2 else 0.0, "deviation")])
def _mix(answer, ctx):
    expected = _deviation(ctx)
    if close(answer, expected, tolerance=0.2):
        return Result.right(1, _('Yes: {expected:g} points. The quotas (one produced post a week) keep own content above 20%: a soft rule '
                                  'gives way, and the plan says by how much.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the deviation.').format(answer=answer),
                        (_("Look under the plan: the planner reports how far the mix strays from its rule."),
                         _("Plan with the 80-20 rule and read the content-mix deviation under the plan.")))


def _bad_plan(ctx):
    plan = lesson_plan(ctx)
    plan.loc[plan["level"] == "produce", "format"] = "testimonial"
    return plan


@exercise("editorial.calendar.plan-weeks",
          title="Plan the 8 weeks after the data's date for every rep, with no hard-constraint breach",
          solution=lambda ctx: lesson_plan(ctx),
          wrong=[(lambda ctx: lesson_plan(ctx, weeks=4), "8 weeks"), (_bad_plan, "formats varied")],
          max_points=2)
def _plan(answer, ctx):
    plan = as_table(answer, ["rep_id", "week", "planned_on", "level", "format", "theme_id", "persona_id"],
                    "plan_calendar(...) or the planner widget's .plan")
    weeks = int(plan["week"].max()) if len(plan) else 0
    if weeks != 8:
        return Result.wrong(2, _('The plan covers {weeks} weeks.').format(weeks=weeks), (_('Look at the length of your plan: the task asks for a set number of weeks.'), _("Plan 8 weeks: set weeks to 8 and plan again.")))
    if pd.Timestamp(plan["planned_on"].min()) < plan_start(ctx):
        return Result.wrong(2, _("The plan starts before the data's date."),
                            (_("Look at the plan's first date: the task says when it starts."), _("Start on {date}, the Monday after the data's date.").format(date=plan_start(ctx).date())))
    wanted = set(inputs(ctx).reps["rep_id"])
    missing = sorted(wanted - set(plan["rep_id"]))
    if missing:
        return Result.wrong(2, _('Rep {missing} has nothing planned.').format(missing=missing[0]), (_('Look at the reps in your plan: some of the team are missing.'), _("Plan for every rep of reps.csv.")))
    team = reps(ctx)
    by_id = {r.rep_id: r for r in team}
    rules = plan.attrs.get("rules") or PlanRules()
    # audit against the reps as they were planned: cadence is the planner's setting
    cadence = plan[plan["level"] != "react"].groupby(["rep_id", "week"]).size().groupby("rep_id").max()
    react = plan[plan["level"] == "react"].groupby(["rep_id", "week"]).size().groupby("rep_id").max()
    audited = [Rep(r, by_id[r].name if r in by_id else r, posts_per_week=int(cadence.get(r, 1)),
                   react_per_week=int(react.get(r, 0)), hours_per_week=float(
                       plan[plan["rep_id"] == r].groupby("week")["hours"].sum().max()) if "hours" in plan else 40.0)
               for r in sorted(set(plan["rep_id"]))]
    breaches = check_plan(plan, audited, line(ctx), inputs(ctx).personas, rules=rules)
    if len(breaches):
        first = breaches.iloc[0]
        return Result.wrong(2, _('{n_breaches} breach(es); first: {constraint} ({detail}, rep {rep_id}, week {week}).').format(n_breaches=len(breaches), constraint=first['constraint'], detail=first['detail'], rep_id=first['rep_id'], week=first['week']),
                            (_("Look at the planner's check of your plan: it names the rule broken."), _("Fix the '{constraint}' rule: plan again with the planner rather than editing by hand.").format(constraint=first['constraint'])),
                            points=1)
    return Result.right(2, _('Yes: {n_plan} items over 8 weeks, every hard rule met.').format(n_plan=len(plan)))


open_exercise(
    "editorial.calendar.post-draft", title="Draft a post for one persona of the editorial line",
    question="Take one produced post of the plan: write its draft, for one persona of the editorial line "
             "(name the persona on the first line), on one theme of the line. The editorial manager (your "
             "trainer) reviews it before it is scheduled.",
    rubric=Rubric([Criterion("Persona", 2, "names the persona and starts from a problem this persona has"),
                   Criterion("One idea on the line", 1, "one idea, on a theme of the editorial line"),
                   Criterion("Useful, not a pitch", 1, "gives a tip, a figure or an example the reader can use"),
                   Criterion("Invites a conversation", 1, "ends with a question or an invitation to reply")]),
    model="Persona: the operations manager. Every Monday, your team loses an hour rebuilding the week's "
          "delivery plan from three spreadsheets. One of our clients cut that to ten minutes by keeping "
          "every promise to a customer as a dated task in one shared list, checked each morning. The tool "
          "mattered less than the habit. How does your team keep track of what it promised this week?",
    hints=("Reread the personas and themes of the editorial line: which problem does your persona have?",
           "Write at least 40 words: name the persona, start from their problem, give one useful tip, and "
           "end with a question to the reader."),
    label="Your draft")
