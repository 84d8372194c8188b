"""Checks for notebooks/network/04-reach-coverage-and-weekly-means and its practice set."""

from workbench.exercises import Result, exercise
from workbench.exercises.forms import MultiChoice, Number
from workbench.exercises.marking import close
from workbench.i18n.messages import _

from .lesson_data import best_pair_coverage, cover_candidates, focus_rep, label, net, person_of


def _reach(ctx):
    from workbench.network.reach import reach

    return reach(net(ctx), focus_rep(ctx))


@exercise("network.reach.level2", title="How many level-2 people can your rep's network show?",
          answer=Number("Level 2", integer=True), solution=lambda ctx: _reach(ctx)["level2"],
          wrong=[(lambda ctx: _reach(ctx)["level1"], "contacts of your contacts")])
def _check_level2(answer, ctx):
    r = _reach(ctx)
    if close(answer, r["level2"], tolerance=0):
        return Result.right(1, _('Yes: {level2} people at level 2, on top of {level1} at level 1.').format(level2=r['level2'], level1=r['level1']))
    if close(answer, r["level1"], tolerance=0):
        return Result.wrong(1, _("That is level 1: the people your rep knows directly."),
                            _("Level 2 counts the contacts of your contacts whom your rep does not know yet."))
    return Result.wrong(1, _('{answer} is not the level-2 count.').format(answer=answer), _("Use reach(net, rep)['level2']."))


def _cover_options(ctx):
    n = net(ctx)
    return sorted(label(n, c) for c in cover_candidates(ctx)[0])


def _best_pair_labels(ctx):
    import itertools

    n = net(ctx)
    cands, sets = cover_candidates(ctx)
    best = best_pair_coverage(ctx)
    for a, b in itertools.combinations(cands, 2):
        if len(sets[a] | sets[b]) == best:
            return sorted([label(n, a), label(n, b)])
    return []


def _biggest_overlapping(ctx):
    n = net(ctx)
    cands = cover_candidates(ctx)[0]
    return [label(n, cands[0])]


@exercise("network.reach.cover-two",
          title="Tick the two connectors who, together, reach the most target accounts.",
          answer=MultiChoice(_cover_options, label="Tick two people"), solution=_best_pair_labels,
          wrong=[(_biggest_overlapping, "two")])
def _check_cover(answer, ctx):
    n = net(ctx)
    cands, sets = cover_candidates(ctx)
    picked = [person_of(n, a, cands) for a in (answer if isinstance(answer, (list, tuple, set)) else [answer])]
    if None in picked:
        return Result.wrong(1, _("Some ticks are not people from the list."), _("Tick two names from the list."))
    if len(set(picked)) != 2:
        return Result.wrong(1, _('You ticked {n_set}; the budget is two connectors.').format(n_set=len(set(picked))),
                            _("Tick exactly two people."))
    together = set().union(*(sets[p] for p in picked))
    best = best_pair_coverage(ctx)
    if len(together) == best:
        return Result.right(1, _('Yes: together they reach {best} target accounts, the most any two can.').format(best=best))
    return Result.wrong(1, _('Together they reach {n_together} accounts; another pair reaches {best}.').format(n_together=len(together), best=best),
                        _("Do not take the two biggest networks if they overlap: after the first, pick the one "
                        "who adds the most accounts not yet reached, as the lesson's coverage table does."))


MEANS = ["people contacted a week", "lunches or meetings a week", "deals won a quarter",
         "hours a week spent on the network", "revenue a month"]
MEANS_RIGHT = sorted([MEANS[0], MEANS[1], MEANS[3]])


@exercise("network.reach.means-not-results", title="Tick every benchmark of means (not of results).",
          answer=MultiChoice(MEANS), solution=lambda ctx: MEANS_RIGHT,
          wrong=[(lambda ctx: MEANS_RIGHT + ["deals won a quarter"], "result")])
def _check_means(answer, ctx):
    picked = sorted(answer) if isinstance(answer, (list, tuple, set)) else [answer]
    if picked == MEANS_RIGHT:
        return Result.right(1, _("Right: effort your rep controls each week, not outcomes."))
    results = [p for p in picked if p in ("deals won a quarter", "revenue a month")]
    if results:
        return Result.wrong(1, _('{results!r} is a result, not a means.').format(results=results[0]),
                            _("A means is effort you control (time, people contacted, meetings); "
                            "a result depends on others."))
    return Result.wrong(1, _("Some means are missing."), _("Tick all three efforts a rep controls each week."))


def _weekly(ctx):
    from workbench.network.exports import read_team
    from workbench.network.means import weekly_means

    n = net(ctx)
    key = ("lesson-weekly", focus_rep(ctx))
    if key not in n.memo:
        export = next(e for e in read_team(ctx.data.social) if e.owner == focus_rep(ctx))
        n.memo[key] = weekly_means(export, ctx.data, as_of=ctx.data.as_of, weeks=4)
    return n.memo[key]


def _last_full_week(ctx):
    return _weekly(ctx).iloc[-2]


@exercise("network.reach.people-last-week",
          title="In the last full week before the data's date, how many different people did your rep message?",
          answer=Number("People", integer=True), solution=lambda ctx: int(_last_full_week(ctx)["people_messaged"]),
          wrong=[(lambda ctx: int(_last_full_week(ctx)["people_messaged"]) + 1, "different people")])
def _check_week(answer, ctx):
    row = _last_full_week(ctx)
    expected = int(row["people_messaged"])
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} people in the week of {week}. Compare it with the goal.').format(expected=expected, week=row['week']))
    if close(answer, int(row["messages_sent"]), tolerance=0) and int(row["messages_sent"]) != expected:
        return Result.wrong(1, _("That counts messages, not people."), _("Count different people messaged."))
    return Result.wrong(1, _('{answer} is not right for the week of {week}.').format(answer=answer, week=row['week']),
                        (_("Look at the weekly means table, the week before the last row."),
                         _("Read the number of different people messaged, not the messages.")))
