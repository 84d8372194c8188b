"""Checks for notebooks/crm/10-choosing-and-running-a-crm and its practice set."""

from functools import partial

from workbench.crm import costs
from workbench.crm.quality import activity_coverage
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number
from workbench.exercises.marking import close
from workbench.i18n.messages import _

TEAM, YEARS = 12, 3


def _tco(product, tier, team=TEAM, years=YEARS):
    t = costs.tco(team, years=years).set_index(["product", "tier"])
    return float(t.loc[(product, tier), "total"])


@exercise("crm.choosing.tco",
          title=f"Licences only: what do {TEAM} users of Salesforce Professional cost over {YEARS} years (USD)?",
          answer=Number("Total (USD)"),
          solution=lambda ctx: _tco("Salesforce", "Professional"),
          wrong=[Mistake(lambda ctx: _tco("Salesforce", "Professional", years=1), "That is one year.",
                         ("Your total covers one year.",
                          f"Multiply by {YEARS} years: 12 months × {YEARS}."), compare=partial(close, tolerance=1)),
                 Mistake(lambda ctx: _tco("Salesforce", "Professional", team=1), "That is for one person.",
                         ("The price is per user per month.",
                          f"Multiply by {TEAM} users."), compare=partial(close, tolerance=1))])
def _tco_check(answer, ctx):
    expected = _tco("Salesforce", "Professional")
    if close(answer, expected, tolerance=1):
        return Result.right(1, _('Yes: {expected:,.0f} USD, before set-up, training and upkeep.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the licence cost.').format(answer=answer),
                        (_("Look at what the price is per: a user, a month."),
                         _('Price per user per month × {team} users × 12 months × {years} years.').format(team=TEAM, years=YEARS)))


def _break_even():
    p = costs.price_table().set_index(["product", "tier"])["monthly_price"]
    return costs.break_even_users(float(p[("Bitrix24", "Standard")]), float(p[("Zoho", "Professional")]))


@exercise("crm.choosing.break-even",
          title="From how many users is Bitrix24 Standard (flat price) cheaper than Zoho Professional (per user)?",
          answer=Number("Users", integer=True),
          solution=lambda ctx: _break_even(),
          wrong=[Mistake(lambda ctx: _break_even() - 1, "With {mistake} users Zoho is still cheaper (or equal).",
                         ("Look at where the two bills cross.",
                          "Find the first team size where the per-user bill is strictly higher than the flat "
                          "price."), compare=partial(close, tolerance=0))])
def _break_even_check(answer, ctx):
    expected = _break_even()
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: from {expected} users the flat price wins, and it stays flat as the team grows.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the break-even team size.').format(answer=answer),
                        (_("Look at the two prices: flat per month, and per user per month."),
                         _("Divide the flat monthly price by the per-user price and take the next whole number.")))


CAUSES = {
    "sales reps do not enter their calls, meetings and deals": True,
    "the CRM does not exchange data with the other systems": True,
    "the data volume was underestimated": True,
    "users were not trained and there were no milestones": True,
    "the CRM runs in the cloud": False,
    "the company has too many customers": False,
}


@exercise("crm.choosing.failure-causes", title="Which of these make CRM projects fail?",
          answer=MultiChoice(list(CAUSES)),
          solution=lambda ctx: [k for k, v in CAUSES.items() if v],
          wrong=[(lambda ctx: list(CAUSES), "cloud"),
                 (lambda ctx: [k for k, v in CAUSES.items() if v][1:], "enter")], max_points=2)
def _failure(answer, ctx):
    return Result.for_ticks(
        CAUSES, answer,
        right=_("Right: empty records, isolated systems, underestimated volume and untrained users."),
        extra=(_("'{option}' is not a cause of failure."),
               (_("Cloud or on-premises and the number of customers are choices and facts, not failures."),
                _("Failures come from how the CRM is fed and run."))),
        missed=(_("You left out '{option}'."),
                (_("Think of who feeds the CRM day to day."),
                 _("The classic cause is reps who do not enter data: a CRM nobody fills in forecasts nothing."))))


def _coverage(ctx):
    return activity_coverage(ctx.data.opportunities, ctx.data.activities, ctx.data.users)


@exercise("crm.choosing.silent-rep",
          title="Who owns open deals but logs almost nothing against them?",
          answer=Choice(lambda ctx: sorted(_coverage(ctx)["name"].astype(str)), label="Rep"),
          solution=lambda ctx: str(_coverage(ctx)["name"].iloc[0]),
          wrong=[(lambda ctx: str(_coverage(ctx)["name"].iloc[-1]), "fewest")])
def _silent(answer, ctx):
    table = _coverage(ctx).set_index("name")
    expected = str(table.index[0])
    if answer == expected:
        return Result.right(1, _('Yes: {expected} logs {per_open_deal} activities per open deal. Their deals are invisible to everyone else: the '
                                  'first thing to fix.').format(expected=expected, per_open_deal=table.loc[expected, 'per_open_deal']))
    if answer in table.index:
        return Result.wrong(1, _('{answer} logs {per_open_deal} activities per open deal.').format(answer=answer, per_open_deal=table.loc[answer, 'per_open_deal']),
                            (_("Look at activities per open deal for each owner."),
                             _("Sort the owners by it and take the one with the fewest.")))
    return Result.wrong(1, _('{answer!r} owns no open deal.').format(answer=answer), _("Pick a name from the list."))
