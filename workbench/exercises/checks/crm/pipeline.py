"""Checks for notebooks/crm/08-pipeline-and-forecasting and its practice set."""

from functools import partial

from workbench.crm import pipeline
from workbench.errors import InputError
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import as_table, close
from workbench.exercises.words import stage_name
from workbench.i18n.messages import _


def _deals(ctx):
    return ctx.data.opportunities


def _open_amount(ctx):
    deals = _deals(ctx)
    return float(deals.loc[~deals["is_closed"].fillna(False).astype(bool), "amount"].sum())


@exercise("crm.pipeline.weighted-forecast",
          title="What is Acme's weighted pipeline (open deals, each at its own probability)?",
          answer=Number("Weighted pipeline"),
          solution=lambda ctx: pipeline.weighted_pipeline(_deals(ctx)),
          wrong=[Mistake(_open_amount, "That is the open pipeline at face value.",
                         ("Each deal counts only as much as its chance of closing.",
                          "Weight each deal: amount × probability / 100, then add up."),
                         compare=partial(close, tolerance=1)),
                 Mistake(lambda ctx: pipeline.weighted_pipeline(_deals(ctx).assign(is_closed=False)),
                         "That includes the closed deals.",
                         ("Look at the stage of the deals you added.",
                          "Only open deals belong in the pipeline: won deals are revenue, lost ones are gone."),
                         compare=partial(close, tolerance=1))])
def _weighted(answer, ctx):
    expected = pipeline.weighted_pipeline(_deals(ctx))
    if close(answer, expected, tolerance=1):
        return Result.right(1, _('Yes: {expected:,.0f}, against {open_amount:,.0f} of open deals at face value.').format(expected=expected, open_amount=_open_amount(ctx)))
    return Result.wrong(1, _('{answer} is not the weighted pipeline.').format(answer=answer),
                        (_("Look at the open deals: amount and probability."),
                         _("Add up amount × probability / 100 over the deals that are not closed.")))


def _win_all(ctx):
    deals = _deals(ctx)
    return round(100 * deals["is_won"].fillna(False).astype(bool).mean(), 1)


@exercise("crm.pipeline.win-rate", title="What is Acme's win rate, in percent (one decimal)?",
          answer=Number("Win rate (%)"),
          solution=lambda ctx: round(100 * pipeline.win_rate(_deals(ctx)), 1),
          wrong=[Mistake(_win_all, "That divides by every deal, open ones included.",
                         ("Open deals are not decided yet: leave them out.",
                          "Divide the won deals by the closed deals only."),
                         compare=partial(close, tolerance=0.1, percent=True))])
def _win_rate(answer, ctx):
    expected = 100 * pipeline.win_rate(_deals(ctx))
    if close(answer, expected, tolerance=0.1, percent=True):
        return Result.right(1, _('Yes: {expected:.1f}% of the closed deals were won.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the win rate.').format(answer=answer), (_("Look at the closed deals: won and lost."),
                                                              _("Win rate = won deals ÷ closed deals, × 100.")))


def _slipped(ctx):
    return len(pipeline.slipped_deals(_deals(ctx), ctx.data.as_of))


def _open_count(ctx):
    return int((~_deals(ctx)["is_closed"].fillna(False).astype(bool)).sum())


@exercise("crm.pipeline.slipped", title="How many open deals have slipped past their close date (as of the data's date)?",
          answer=Number("Slipped deals", integer=True),
          solution=_slipped,
          wrong=[Mistake(_open_count, "That is every open deal.",
                         ("Won and lost deals cannot slip: look at open deals only.",
                          "Keep only the open deals whose close date is before {ctx.data.as_of:%Y-%m-%d}."),
                         compare=partial(close, tolerance=0))])
def _slipped_check(answer, ctx):
    expected = _slipped(ctx)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} deals need a new close date, or closing as lost.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of slipped deals.').format(answer=answer),
                        (_("Look at the close dates, compared with the lesson's today, not the calendar's."),
                         _('Count open deals with a close date before {date}.').format(date=ctx.data.as_of.date())))


def _velocity(ctx):
    return pipeline.velocity_inputs(_deals(ctx))["velocity_per_day"]


def _velocity_percent(ctx):
    v = pipeline.velocity_inputs(_deals(ctx))
    return v["open_opportunities"] * v["avg_deal_value"] * v["win_rate"] * 100 / v["cycle_days"]


def within_a_percent(answer, expected) -> bool:
    """Whether ``answer`` is within 1% of ``expected`` (and at least within 1)."""
    return close(answer, expected, tolerance=max(1.0, expected * 0.01))


@exercise("crm.pipeline.velocity", title="What is Acme's sales velocity, in revenue per day?",
          answer=Number("Revenue per day"),
          solution=_velocity,
          wrong=[Mistake(_velocity_percent, "The result is 100 times too large.",
                         ("Look at the win rate you used: a percent or a fraction?",
                          "Use the win rate as a fraction (a quarter is 0.25, not 25) in the "
                          "formula."), compare=within_a_percent)])
def _velocity_check(answer, ctx):
    expected = _velocity(ctx)
    if within_a_percent(answer, expected):
        return Result.right(1, _('Yes: about {expected:,.0f} a day.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the sales velocity.').format(answer=answer),
                        (_("Look at the four figures of the sales velocity."),
                         _("Open deals × average won deal value × win rate (a fraction) ÷ average cycle in days.")))


def _months(ctx):
    fc = pipeline.forecast(_deals(ctx), by=None, as_of=ctx.data.as_of)
    fc["label"] = fc["month"].dt.strftime("%Y-%m")
    return fc


@exercise("crm.pipeline.best-month", title="Which close month carries the largest weighted forecast?",
          answer=Choice(lambda ctx: _months(ctx)["label"].tolist(), label="Month"),
          solution=lambda ctx: _months(ctx).sort_values("weighted", ascending=False, kind="stable")["label"].iloc[0],
          wrong=[(lambda ctx: _months(ctx).sort_values("weighted", kind="stable")["label"].iloc[0], "weighted")])
def _best_month(answer, ctx):
    fc = _months(ctx).set_index("label")
    expected = fc["weighted"].idxmax()
    if answer == expected:
        return Result.right(1, _('Yes: {expected}, with {weighted:,.0f} weighted.').format(expected=expected, weighted=fc.loc[expected, 'weighted']))
    if answer in fc.index:
        return Result.wrong(1, _('{answer} carries {weighted:,.0f}; another month carries more.').format(answer=answer, weighted=fc.loc[answer, 'weighted']),
                            (_("Look at the forecast by month, weighted by probability."),
                             _("Compare the weighted amounts and take the largest month.")))
    return Result.wrong(1, _('{answer!r} is not a month of the forecast.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick a month from the list.")))


def _signed_deal(ctx):
    """The open deal the lesson says was just signed: the largest deal in the last open stage."""
    deals, stages = _deals(ctx), ctx.data.stages
    open_stages = stages[~stages["is_closed"].fillna(False).astype(bool)].sort_values("sort_order")
    candidates = deals[~deals["is_closed"].fillna(False).astype(bool)]
    for stage in reversed(open_stages["stage"].astype(str).tolist()):
        in_stage = candidates[candidates["stage"].astype(str) == stage]
        if len(in_stage):
            return str(in_stage.sort_values(["amount", "opportunity_id"], ascending=[False, True],
                                            kind="stable")["opportunity_id"].iloc[0])
    raise InputError(_("there is no open deal"), fix=_("use data with open deals"))


def _stage_where(ctx, won: bool):
    stages = ctx.data.stages
    mask = stages["is_closed"].fillna(False).astype(bool) & (stages["is_won"].fillna(False).astype(bool) == won)
    return str(stages.loc[mask, "stage"].iloc[0])


def _board_start(ctx):
    deals = _deals(ctx)
    return deals[~deals["is_closed"].fillna(False).astype(bool)].reset_index(drop=True)


@exercise("crm.pipeline.board-move", title="The largest deal in negotiation was just signed: move it on the board",
          solution=lambda ctx: pipeline.move_deal(_board_start(ctx), _signed_deal(ctx), _stage_where(ctx, True),
                                                  ctx.data.stages),
          wrong=[(lambda ctx: pipeline.move_deal(_board_start(ctx), _signed_deal(ctx), _stage_where(ctx, False),
                                                 ctx.data.stages), "won"),
                 (lambda ctx: _board_start(ctx), "move")])
def _board_move(answer, ctx):
    table = as_table(answer, ["opportunity_id", "stage"], "the board's deals (board.deals)")
    deal, won = _signed_deal(ctx), _stage_where(ctx, True)
    rows = table[table["opportunity_id"].astype(str) == deal]
    if rows.empty:
        return Result.wrong(1, _('Deal {deal} is not on the board.').format(deal=deal), (_('Look at the board: each deal sits in the column of its stage.'), _("Start again from the board of open deals.")))
    stage = str(rows["stage"].iloc[0])
    start = _board_start(ctx).set_index("opportunity_id")["stage"].astype(str)
    now = table.drop_duplicates("opportunity_id").set_index("opportunity_id")["stage"].astype(str)
    others = [i for i in start.index if i != deal and i in now.index and now[i] != start[i]]
    if stage == won and not others:
        weighted = pipeline.weighted_pipeline(table) if "probability" in table.columns else None
        if weighted is None:
            return Result.right(1, _('Done: {deal} is at the stage {won}.').format(deal=deal, won=stage_name(won)))
        return Result.right(1, _('Done: {deal} is at the stage {won}. The weighted pipeline is now {weighted:,.0f}.'
                                 ).format(deal=deal, won=stage_name(won), weighted=weighted))
    if stage == won:
        return Result.wrong(1, _('{deal} is at the stage {won}, but {others} moved too.').format(deal=deal, won=stage_name(won), others=others[0]),
                            (_('Look at the board: the task moves one deal only.'), _('Move only {deal}; put {others} back in {start}.').format(deal=deal, others=others[0], start=stage_name(start[others[0]]))))
    if stage == start.get(deal):
        return Result.wrong(1, _('{deal} is still in {stage}.').format(deal=deal, stage=stage_name(stage)),
                            (_('Look for {deal} on the board: it has not moved yet.').format(deal=deal), _("Pick {deal} in its column, choose {won} in 'Move "
                                                                                        "to', then press Move deal.").format(deal=deal, won=stage_name(won))))
    return Result.wrong(1, _('{deal} is in {stage}, not {won}.').format(deal=deal, stage=stage_name(stage), won=stage_name(won)),
                        (_("The customer signed: what does that make the deal?"),
                         _('A signed deal is won: move it to {won}.').format(won=stage_name(won))))
