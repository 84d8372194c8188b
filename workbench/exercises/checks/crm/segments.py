"""Checks for notebooks/crm/06-segmentation-rfm and its practice set."""

from workbench.crm.segments import SEGMENT_NAMES, rfm, segment_summary
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, option_label
from workbench.exercises.marking import as_table, close
from workbench.i18n.messages import _


def _table(ctx):
    return rfm(ctx.data.orders, as_of=ctx.data.as_of)


def _count(ctx, segment):
    return int((_table(ctx)["segment"].astype(str) == segment).sum())


@exercise("crm.segments.champions-count", title="How many customers are Champions?",
          answer=Number("Champions", integer=True),
          solution=lambda ctx: _count(ctx, "Champions"),
          wrong=[(lambda ctx: len(_table(ctx)), "Champions"),
                 (lambda ctx: _count(ctx, "Loyal"), "R, F and M")])
def _champions(answer, ctx):
    table = _table(ctx)
    expected = _count(ctx, "Champions")
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} Champions out of {n_table} customers.').format(expected=expected, n_table=len(table)))
    if close(answer, len(table), tolerance=0):
        return Result.wrong(1, _('{n_table} is every customer who has ordered.').format(n_table=len(table)),
                            (_("Look at the segment column, not the scores alone."),
                             _("Count only the rows of the Champions segment.")))
    return Result.wrong(1, _('{answer} is not the number of Champions.').format(answer=answer),
                        (_("Look at the RFM table and its segment column."),
                         _("Champions score at least 4 on R, F and M: count the rows of that segment.")))


def _biggest(ctx):
    s = segment_summary(_table(ctx))
    return s.sort_values(["customers", "segment"], ascending=[False, True], kind="stable")["segment"].iloc[0]


def _smallest(ctx):
    s = segment_summary(_table(ctx))
    s = s[s["customers"] > 0]
    return s.sort_values(["customers", "segment"], kind="stable")["segment"].iloc[0]


@exercise("crm.segments.biggest-segment", title="Which segment holds the most customers?",
          answer=Choice(list(SEGMENT_NAMES), label="Segment"),
          solution=_biggest, wrong=[(_smallest, "number of customers")])
def _biggest_check(answer, ctx):
    s = segment_summary(_table(ctx)).set_index("segment")
    expected = _biggest(ctx)
    if answer == expected:
        return Result.right(1, _('Right: {expected}, with {customers} customers.').format(expected=expected, customers=s.loc[expected, 'customers']))
    if answer in s.index:
        return Result.wrong(1, _('{answer} has {customers} customers; another segment has more.').format(answer=answer, customers=s.loc[answer, 'customers']),
                            (_("Look at the segment summary: the number of customers per segment."),
                             _("Sort it by the number of customers and take the largest.")))
    return Result.wrong(1, _('{answer!r} is not a segment name.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick one of the segment names in the list.")))


@exercise("crm.segments.win-back", title="They used to buy often and spend a lot, but have not ordered for a long "
                                          "time. Which segment are they, and who should call them?",
          answer=Choice(list(SEGMENT_NAMES), label="Segment"),
          solution=lambda ctx: "Cannot Lose Them",
          wrong=[Mistake(lambda ctx: "Hibernating",
                         "Hibernating customers are lapsed, but they never bought often or much.",
                         ("These customers scored high on F (they bought often) and M.",
                          "Look for a low-R segment that requires high F and M.")),
                 (lambda ctx: "Champions", "recen")])
def _win_back(answer, ctx):
    if answer == "Cannot Lose Them":
        return Result.right(1, _("Yes: low R but high F and M. A personal call from their rep, not another "
                               "mass email, is the way to win them back."))
    if answer in ("Champions", "Loyal"):
        return Result.wrong(1, _('{answer} have bought recently (R of 3 or more).').format(answer=option_label(answer)),
                            (_("Look at when they last bought."),
                             _("They have not bought recently, so their R score is low (1 or 2).")))
    return Result.wrong(1, _('{answer} does not match: low recency, high frequency and high spend.').format(answer=option_label(answer)),
                        (_("Look at the segment map: each segment has a rule on R, F and M."),
                         _("Read it from the top: which rule needs R at most 2 and F and M at least 4?")))


def _revenue(ctx, segment):
    s = segment_summary(_table(ctx)).set_index("segment")
    return float(s.loc[segment, "revenue"])


@exercise("crm.segments.at-risk-revenue",
          title="How much have the At Risk customers spent in total (monetary, rounded to the unit)?",
          answer=Number("Revenue"),
          solution=lambda ctx: round(_revenue(ctx, "At Risk")),
          wrong=[(lambda ctx: round(_revenue(ctx, "Champions")), "At Risk"),
                 (lambda ctx: round(_table(ctx)["monetary"].sum()), "At Risk")])
def _at_risk(answer, ctx):
    expected = _revenue(ctx, "At Risk")
    if close(answer, expected, tolerance=1):
        return Result.right(1, _('Yes: {expected:,.0f} of past spend is at risk of walking away.').format(expected=expected))
    return Result.wrong(1, _("{answer} is not the At Risk customers' total spend.").format(answer=answer),
                        (_("Look at the segment summary, row At Risk."),
                         _("Add up what those customers spent: the revenue column of that row.")))


@exercise("crm.segments.rfm-table", title="Build the RFM table of Acme's customers as of data.as_of",
          solution=_table,
          wrong=[(lambda ctx: _table(ctx).assign(r=6 - _table(ctx)["r"]), "recent")])
def _rfm_table(answer, ctx):
    table = as_table(answer, ["contact_id", "r", "f", "m"], "rfm(data.orders, as_of=data.as_of)")
    expected = _table(ctx).set_index("contact_id")[["r", "f", "m"]]
    got = table.drop_duplicates("contact_id").set_index("contact_id")
    if set(got.index) != set(expected.index):
        return Result.wrong(1, _('The table has {n_got} customers; there are {n_expected}.').format(n_got=len(got), n_expected=len(expected)),
                            (_("Look at the orders: every one counts, up to the lesson's today."),
                             _("Group all the orders by customer, not a sample of them.")))
    got = got.loc[expected.index]
    wrong = [c for c in ("r", "f", "m") if (got[c].astype(int) != expected[c]).any()]
    if not wrong:
        return Result.right(1, _('Right: {n_expected} customers scored on R, F and M.').format(n_expected=len(expected)))
    column = wrong[0]
    if column == "r" and (got["r"].astype(int) == 6 - expected["r"]).all():
        return Result.wrong(1, _("The R scores are upside down."),
                            (_("Look at the recency score: which way round does it go?"),
                             _("The most recent customers (fewest days since their last order) must score 5.")))
    return Result.wrong(1, _('The {upper} scores differ for {sum} customers.').format(upper=column.upper(), sum=int((got[column].astype(int) != expected[column]).sum())),
                        (_("Look at how the lesson scores: fifths of the customers, recency counted from the lesson's "
                         "today."),
                         _("Break ties by customer order, as the lesson's RFM table does, and measure recency from "
                         "the lesson's today.")))
