"""Checks for notebooks/crm/03-leads-to-opportunities and its practice set."""

from workbench.crm.stages import LIFECYCLE_STAGES, compare_vendor_probabilities, lead_conversion, probability_mismatches
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, option_label
from workbench.exercises.marking import id_set, is_number
from workbench.i18n.messages import _


def _rate_percent(ctx) -> float:
    overall = lead_conversion(ctx.data.leads)
    return round(float(overall["converted"].iloc[0] / overall["leads"].iloc[0] * 100), 1)


def _converted(ctx) -> int:
    return int(lead_conversion(ctx.data.leads)["converted"].iloc[0])


@exercise("crm.leads.conversion-rate", title="What percentage of Acme's leads were converted? (one decimal)",
          answer=Number("Percent"), solution=_rate_percent,
          wrong=[Mistake(lambda ctx: _rate_percent(ctx) / 100, "{answer} is a share between 0 and 1.",
                         ("Your number looks like a fraction, not a percent.",
                          "Multiply the fraction by 100."), tolerance=0.0015),
                 Mistake(_converted, "{answer:g} is the number of converted leads, not a percentage.",
                         ("Look at the leads table: how many leads, how many converted.",
                          "Divide the converted leads by all leads, then multiply by 100."))])
def _check_rate(answer, ctx):
    expected = _rate_percent(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), (_('Look at the answer box under the question: it takes a number and nothing else.'), _("Type a percentage such as 12.5.")))
    if abs(answer - expected) <= 0.15:
        return Result.right(1, _('Yes: {expected}% of leads became contacts with a deal.').format(expected=expected))
    return Result.wrong(1, _('{answer:g}% is not the conversion rate.').format(answer=answer),
                        (_("Look at the leads table: how many leads, how many converted."),
                         _("Divide the converted leads by all leads, then multiply by 100.")))


def _by_source(ctx):
    return lead_conversion(ctx.data.leads, by="lead_source")


def _sources(ctx):
    return sorted(_by_source(ctx).index.astype(str))


def _best_source(ctx) -> str:
    t = _by_source(ctx).sort_values(["conversion_rate", "leads"], ascending=[False, False], kind="stable")
    return str(t.index[0])


def _most_converted(ctx) -> str:
    """The source with the most conversions, or (if that is also the best rate) the worst rate."""
    t = _by_source(ctx)
    top = str(t.sort_values(["converted", "leads"], ascending=False, kind="stable").index[0])
    if top != _best_source(ctx):
        return top
    return str(t.sort_values(["conversion_rate", "leads"], kind="stable").index[0])


@exercise("crm.leads.best-source", title="Which lead source converts the highest share of its leads?",
          answer=Choice(_sources, label="Lead source"), solution=_best_source,
          wrong=[(_most_converted, "rate")])
def _check_best_source(answer, ctx):
    t = _by_source(ctx)
    expected = _best_source(ctx)
    if answer == expected:
        return Result.right(1, _('Right: {expected} converts {conversion_rate:.0%} of its leads.').format(expected=expected, conversion_rate=t.loc[expected, 'conversion_rate']))
    if answer not in t.index:
        return Result.wrong(1, _('{answer!r} is not a lead source.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Choose one of the sources listed.")))
    return Result.wrong(1, _('{answer} converts {conversion_rate:.0%} of its leads ({converted} of {leads}).').format(answer=answer, conversion_rate=t.loc[answer, 'conversion_rate'], converted=t.loc[answer, 'converted'], leads=t.loc[answer, 'leads']),
                        (_("Look at the rate per source, not the count of conversions."),
                         _("Compare converted ÷ leads for each source and take the highest.")))


def _gap(ctx=None) -> int:
    row = compare_vendor_probabilities().loc["Value Proposition"]
    return int(abs(row["Salesforce / EspoCRM"] - row["SuiteCRM"]))


@exercise("crm.leads.vendor-gap",
          title="By how many percentage points do Salesforce's and SuiteCRM's default probabilities "
                "differ for the stage 'Value Proposition'?",
          answer=Number("Points", integer=True), solution=_gap,
          wrong=[(lambda ctx: int(compare_vendor_probabilities().loc["Value Proposition", "Salesforce / EspoCRM"]),
                  "difference")])
def _check_gap(answer, ctx):
    table = compare_vendor_probabilities().loc["Value Proposition"]
    expected = _gap()
    if is_number(answer) and abs(answer) == expected:
        return Result.right(1, _("Yes: {table}% against {SuiteCRM}%. A default probability is a vendor's choice, not a fact about your "
                                  'deals.').format(table=table['Salesforce / EspoCRM'], SuiteCRM=table['SuiteCRM']))
    return Result.wrong(1, _('{answer!r} is not the gap.').format(answer=answer),
                        (_("Look at the comparison table, row 'Value Proposition'."),
                         _("Subtract one column from the other and give the difference.")))


def _mismatches(ctx) -> int:
    return len(probability_mismatches(ctx.data.opportunities, ctx.data.stages))


def _open_deals(ctx) -> int:
    return int((~ctx.data.opportunities["is_closed"].astype(bool)).sum())


@exercise("crm.leads.probability-mismatches",
          title="How many open deals carry a probability that differs from their stage's default?",
          answer=Number("Deals", integer=True), solution=_mismatches,
          wrong=[Mistake(_open_deals, "{answer} is the number of open deals.",
                         ("Closed deals are decided: look at open deals only.",
                          "Keep only open deals whose probability is not their stage's default."))])
def _check_mismatches(answer, ctx):
    expected = _mismatches(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), (_('Look at the answer box under the question: it takes a number and nothing else.'), _("Type a whole number of deals.")))
    if answer == expected:
        return Result.right(1, _('Right: {expected} open deals. Each one makes the weighted forecast say something the stage table does '
                                  'not.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of mismatched open deals.').format(answer=answer),
                        (_("Look at the stage table: each stage has a default probability."),
                         _("Compare each open deal's probability with its stage's default and count those that differ.")))


@exercise("crm.leads.lifecycle-stage",
          title="A marketing-qualified contact is now the main contact of an open deal. Which lifecycle "
                "stage should her record show?",
          answer=Choice(list(LIFECYCLE_STAGES[:7]), label="Stage"), solution=lambda ctx: "opportunity",
          wrong=[(lambda ctx: "sales_qualified", "deal"),
                 Mistake(lambda ctx: "customer", "Not yet a customer.",
                         ("Look at her deals: are any won yet?",
                          "A contact becomes a customer when a deal is won, not opened."))])
def _check_lifecycle(answer, ctx):
    if answer == "opportunity":
        return Result.right(1, _("Yes: an open deal makes her an opportunity; she becomes a customer when it is won."))
    if answer in LIFECYCLE_STAGES:
        return Result.wrong(1, _("'{answer}' is a stage she has already passed or not reached.").format(answer=option_label(answer)),
                            (_("Look at her deals: is one of them open?"),
                             _("An open deal with her as main contact moves her to the stage named after deals in the "
                             "pipeline.")))
    return Result.wrong(1, _('{answer!r} is not a lifecycle stage.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Choose one of the stages listed.")))


@exercise("crm.leads.mismatch-table",
          title="List the open deals whose probability differs from their stage's default "
                "(a table with an opportunity_id column).",
          solution=lambda ctx: probability_mismatches(ctx.data.opportunities, ctx.data.stages),
          wrong=[(lambda ctx: ctx.data.opportunities[~ctx.data.opportunities["is_closed"].astype(bool)], "default")],
          max_points=2)
def _check_mismatch_table(answer, ctx):
    expected = set(probability_mismatches(ctx.data.opportunities, ctx.data.stages)["opportunity_id"].astype(str))
    got = id_set(answer, "opportunity_id")
    if got == expected:
        return Result.right(2, _('Right: {n_expected} deals to review with their owners.').format(n_expected=len(expected)))
    extra, missing = sorted(got - expected), sorted(expected - got)
    if extra:
        return Result.wrong(2, _('{n_extra} deals in your table match their stage default or are closed, e.g. {extra}.').format(n_extra=len(extra), extra=extra[0]),
                            (_("Look only at open deals, and at the stage table's default probability."),
                             _("Keep the open deals whose probability differs from their stage's default.")),
                            points=1 if len(extra) <= 2 and not missing else 0)
    return Result.wrong(2, _('{n_missing} mismatched deals are missing, e.g. {missing}.').format(n_missing=len(missing), missing=missing[0]),
                        (_("Look at the stage table: each stage has a default probability."),
                         _("Compare every open deal's probability with its stage's default one.")),
                        points=1 if len(missing) <= 2 else 0)
