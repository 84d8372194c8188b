"""Checks for notebooks/network/05-customer-communities: the five benefits, the six steps, a plan for Acme."""

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Number
from workbench.i18n.messages import _

from ..patterns import one_right_choice, tick_exercise

BENEFITS = [
    "recommendation: people want to choose you",
    "co-design: ideas for the next products",
    "beta testing: new features tried first",
    "visibility: buzz and expectation",
    "peer support: customers help each other",
]


one_right_choice(
    "network.communities.benefit",
    title="Installers of Acme's room kits ask the same set-up questions again and again. Acme opens a chat "
          "where experienced installers answer them, often faster than support. Which benefit is this?",
    options=BENEFITS, right_option=BENEFITS[4], label="Benefit",
    right="Yes: customers helping customers, like the fishing shop's forum or the solar-panel makers' chat. "
          "Support gets lighter and problems surface sooner.",
    wrong_message="'{answer}' is a benefit of communities, but not the one at work here.",
    hint="Look at who answers the questions, and for whom: the benefit is named after that.",
    wrong=[(BENEFITS[3], "who answers"), (BENEFITS[2], "who answers")])


STEPS = [
    "an objective: what it brings the company and its members",
    "a target: which customers, how to find and keep them",
    "a channel the members use on their own",
    "transparent rules for leading and taking part",
    "rewards for the most active members",
    "an internal organisation that leads it and uses the feedback",
]


one_right_choice(
    "network.communities.missing-step", title="Read Acme's draft plan above. Which of the six steps does it leave out?",
    options=STEPS, right_option=STEPS[5], label="Missing step",
    right="Yes: nobody is named to lead the group or to pass its feedback on to the product and service teams. "
          "Without that, ideas and complaints go nowhere.",
    wrong_message="The draft does cover that step.",
    hint="Read the draft again line by line and tick off each of the six steps it covers; the one left over is "
         "your answer.",
    wrong=[(STEPS[4], "read the draft"), (STEPS[3], "read the draft")])


PLAN = {
    "state what the group brings Acme (fewer support calls, product ideas) and what it brings members": True,
    "invite customers who bought the product recently, rather than every contact in the CRM": True,
    "run it where the installers already talk to each other, so it lives without Acme": True,
    "publish the rules: who moderates, what may be posted, how ideas are answered": True,
    "thank the most helpful members: early access, a visit to the factory, their name on the release notes": True,
    "have marketing approve every member's message before it appears": False,
    "use the group mainly to announce promotions": False,
    "open it to as many people as possible, bought lists included, to look big": False,
}


tick_exercise(
    "network.communities.plan", title="Plan Acme's community: tick every decision that belongs in the plan.",
    options=PLAN,
    right="A sound plan: an objective, a target, a channel, rules, rewards. Add who runs it inside Acme.",
    extra=("'{option}' would hurt the community.",
           "A community lives on members who trust it and speak freely; it is not an advertising channel or a "
           "head count."),
    missed=("You left out '{option}'.",
            "Walk through the six steps: objective, target, channel, rules, rewards, organisation."),
    wrong=[(list(PLAN), "trust"), ([k for k, v in PLAN.items() if v][1:], "objective")])


def _recent_buyers(ctx, product_name="Analytics", recent=True):
    from workbench.crm.basket import buyers
    from workbench.errors import InputError

    products = ctx.data.products
    match = products[products["name"].astype(str).str.contains(product_name, case=False, regex=False)]
    if match.empty:
        raise InputError(_('this data has no product named like {product_name!r}').format(product_name=product_name),
                         fix=_("this exercise uses the sample company's product list"))
    table = buyers(ctx.data.orders, ctx.data.order_lines, as_of=ctx.data.as_of).set_index("product_id")
    column = "recent_customers" if recent else "customers"
    return int(table.loc[match["product_id"].iloc[0], column])


def _orders_with(ctx, product_name="Analytics"):
    lines = ctx.data.order_lines.merge(ctx.data.products[["product_id", "name"]], on="product_id")
    return int(lines.loc[lines["name"].str.contains(product_name, case=False, regex=False), "order_id"].nunique())


@exercise("network.communities.target",
          title="The beta-testing group for the next Analytics add-on recruits customers who bought the add-on in "
                "the last 12 months. How many customers is that?",
          answer=Number("Customers", integer=True), solution=_recent_buyers,
          wrong=[(lambda ctx: _recent_buyers(ctx, recent=False), "12 months"),
                 (_orders_with, "customers")])
def _target(answer, ctx):
    expected = _recent_buyers(ctx)
    if answer == expected:
        return Result.right(1, _('Yes: {expected} recent customers, people who use the add-on today and can say what the next version '
                                  'should change.').format(expected=expected))
    if answer == _recent_buyers(ctx, recent=False):
        return Result.wrong(1, _('{answer} counts everyone who ever bought it, some of them years ago.').format(answer=answer),
                            _("Read the column of customers from the last 12 months: recent users test best."))
    if answer == _orders_with(ctx):
        return Result.wrong(1, _('{answer} counts orders, and one customer can order several times.').format(answer=answer),
                            _("Count customers (people), not orders: read the customers column."))
    return Result.wrong(1, _('{answer} is not the number of recent buyers.').format(answer=answer),
                        _("Find the Analytics add-on's row in the table of buyers and read its recent customers."))
