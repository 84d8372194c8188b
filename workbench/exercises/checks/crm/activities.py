"""Checks for notebooks/crm/04-activities-and-follow-ups and its practice set."""

from workbench.crm.activities import deals_without_next_step, overdue_followups, reminders_due, weekly_plan
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import id_set, is_number
from workbench.exercises.open_answers import Criterion, Rubric, open_exercise
from workbench.i18n.messages import _


def _overdue(ctx) -> int:
    return len(overdue_followups(ctx.data.activities, ctx.data.as_of))


def _planned(ctx) -> int:
    return int(ctx.data.activities["status"].astype(str).eq("planned").sum())


@exercise("crm.activities.overdue-count", title="How many planned follow-ups are overdue today?",
          answer=Number("Follow-ups", integer=True), solution=_overdue,
          wrong=[Mistake(_planned, "{answer:,} is every planned activity, including those due later.",
                         ("Look at the due dates, compared with the lesson's today.",
                          "Count only planned activities whose due date is before today."))])
def _check_overdue(answer, ctx):
    expected = _overdue(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), (_('Look at the answer box under the question: it takes a number and nothing else.'), _("Type a whole number of activities.")))
    if answer == expected:
        return Result.right(1, _('Right: {expected:,} promises to call or write back are late.').format(expected=expected))
    return Result.wrong(1, _('{answer:,} is not the number of overdue follow-ups.').format(answer=answer),
                        (_("Look at the planned activities and their due dates."),
                         _("Count those due before the lesson's today.")))


def _reminders(ctx) -> int:
    return len(reminders_due(ctx.data.activities, ctx.data.as_of))


def _with_reminder(ctx) -> int:
    return int(ctx.data.activities["reminder_at"].notna().sum())


@exercise("crm.activities.reminders-due",
          title="How many reminders have gone off for activities that are still open?",
          answer=Number("Reminders", integer=True), solution=_reminders,
          wrong=[Mistake(_with_reminder, "{answer:,} counts every activity that ever had a reminder.",
                         ("Look at the reminder times, not the due dates.",
                          "Keep planned activities whose reminder time is on or before today."))])
def _check_reminders(answer, ctx):
    expected = _reminders(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), (_('Look at the answer box under the question: it takes a number and nothing else.'), _("Type a whole number of reminders.")))
    if answer == expected:
        return Result.right(1, _('Yes: {expected:,} reminders are waiting for someone to act.').format(expected=expected))
    return Result.wrong(1, _('{answer:,} is not the number of reminders due.').format(answer=answer),
                        (_("Look at the planned activities and their reminder times."),
                         _("Count those whose reminder time is on or before the lesson's today.")))


def _overdue_by_rep(ctx):
    users = ctx.data.users.set_index("user_id")["name"]
    counts = overdue_followups(ctx.data.activities, ctx.data.as_of)["owner_id"].astype(str).value_counts()
    owners = sorted(ctx.data.activities.loc[ctx.data.activities["status"].astype(str).eq("planned"),
                                            "owner_id"].astype(str).unique())
    table = {str(users.get(o, o)): int(counts.get(o, 0)) for o in owners}
    return dict(sorted(table.items(), key=lambda kv: (-kv[1], kv[0])))


@exercise("crm.activities.most-overdue-rep", title="Whose to-do list has the most overdue follow-ups?",
          answer=Choice(lambda ctx: sorted(_overdue_by_rep(ctx)), label="Rep"),
          solution=lambda ctx: next(iter(_overdue_by_rep(ctx))),
          wrong=[(lambda ctx: list(_overdue_by_rep(ctx))[-1], "most")])
def _check_most_overdue(answer, ctx):
    table = _overdue_by_rep(ctx)
    expected = next(iter(table))
    if answer == expected:
        return Result.right(1, _('Right: {expected}, with {table} overdue follow-ups.').format(expected=expected, table=table[expected]))
    if answer not in table:
        return Result.wrong(1, _('{answer!r} has no planned activities.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Choose one of the reps listed.")))
    return Result.wrong(1, _('{answer} has {table} overdue follow-ups; someone has more.').format(answer=answer, table=table[answer]),
                        (_("Look at the overdue follow-ups, owner by owner."),
                         _("Count them per owner and take the owner with the most.")))


def _no_next_step(ctx) -> int:
    return len(deals_without_next_step(ctx.data.opportunities, ctx.data.activities, ctx.data.as_of))


@exercise("crm.activities.no-next-step", title="How many open deals have no activity planned from today on?",
          answer=Number("Deals", integer=True), solution=_no_next_step,
          wrong=[(lambda ctx: int((~ctx.data.opportunities["is_closed"].astype(bool)).sum()), "planned")])
def _check_no_next_step(answer, ctx):
    expected = _no_next_step(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), (_('Look at the answer box under the question: it takes a number and nothing else.'), _("Type a whole number of deals.")))
    if answer == expected:
        return Result.right(1, _('Right: {expected} open deals have nobody following up.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of open deals without a next step.').format(answer=answer),
                        (_("Look at the open deals and their planned activities."),
                         _("Keep the open deals with no planned activity due on or after today.")))


def _busiest_rep(ctx) -> str:
    opps = ctx.data.opportunities
    counts = opps.loc[~opps["is_closed"].astype(bool), "owner_id"].astype(str).value_counts()
    return sorted(counts.index, key=lambda o: (-counts[o], o))[0]


@exercise("crm.activities.weekly-plan",
          title="Build this week's plan for the rep who owns the most open deals, overdue items first "
                "(a table with an activity_id column).",
          solution=lambda ctx: weekly_plan(ctx.data.activities, _busiest_rep(ctx), ctx.data.as_of),
          wrong=[(lambda ctx: weekly_plan(ctx.data.activities, _busiest_rep(ctx), ctx.data.as_of,
                                          include_overdue=False), "overdue")], max_points=2)
def _check_weekly_plan(answer, ctx):
    owner = _busiest_rep(ctx)
    plan = weekly_plan(ctx.data.activities, owner, ctx.data.as_of)
    expected = set(plan["activity_id"].astype(str))
    got = id_set(answer, "activity_id")
    if got == expected:
        return Result.right(2, _('Right: {n_expected} activities for {owner} this week, {sum} of them carried over because they are late.').format(n_expected=len(expected), owner=owner, sum=int(plan['overdue'].sum())))
    late = set(plan.loc[plan["overdue"], "activity_id"].astype(str))
    if got == expected - late:
        return Result.wrong(2, _("This week's activities are there, but the overdue ones are missing."),
                            (_("A weekly plan starts with what is already late."),
                             _("Keep the overdue follow-ups in the plan, before this week's.")), points=1)
    return Result.wrong(2, _("Your plan has {n_got} activities; the rep's week holds {n_expected}.").format(n_got=len(got), n_expected=len(expected)),
                        (_("Look at {owner}'s planned activities: what is late, and what falls due this week.").format(owner=owner), _('Count the late ones first, then add those that fall due before the end of this week.')))


open_exercise(
    "crm.activities.follow-up-email", title="Write the follow-up email after the call",
    question="You have just phoned Nusrat Jahan, buyer at a client company. She asked for a quote for 20 "
             "licences and a demonstration for her team; you promised the quote by Thursday and suggested a "
             "demonstration next Tuesday at 10:00. Write the email you send her now, before you log the call.",
    rubric=Rubric([Criterion("Purpose", 1, "the first lines recall the call and say why you write"),
                   Criterion("What was agreed", 2, "names both promises: the quote for 20 licences by Thursday "
                                                   "and the demonstration for her team"),
                   Criterion("Next step", 1, "proposes a date and time and asks her to confirm"),
                   Criterion("Tone", 1, "polite, short, readable on a phone, no jargon")]),
    model="Dear Ms Jahan, thank you for your time on the phone today. As promised, here is what we agreed: "
          "I will send you our quote for 20 licences by Thursday, and I would be glad to show the product to "
          "your team. Would next Tuesday at 10:00 suit you for a 45-minute demonstration? If not, tell me a "
          "time that works better. Kind regards, Joan",
    hints=("Reread the call above the box: what did you promise, and what did you suggest?",
           "Write at least 40 words: thank her, list the two promises with their dates, then ask her to "
           "confirm the demonstration."),
    label="Your email")
