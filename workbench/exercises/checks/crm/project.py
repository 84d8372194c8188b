"""Checks for notebooks/crm/13-cross-selling-and-crm-projects: products bought together, prediction,
data loss, and running a CRM project."""

from workbench.crm import basket
from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import close
from workbench.i18n.messages import _

from ..patterns import one_right_choice, tick_exercise


def _names(ctx):
    return ctx.data.products.set_index("product_id")["name"].astype(str)


def _best_seller(ctx):
    return basket.best_sellers(ctx.data.order_lines).index[0]


def _with_best(ctx):
    return basket.bought_with(ctx.data.order_lines, _best_seller(ctx))


def _partner_names(ctx):
    table = _with_best(ctx)
    return [_names(ctx)[p] for p in table.loc[table["together"] == table["together"].max(), "product_id"]]


@exercise("crm.project.bought-with",
          title="In the orders that contain Acme's best-selling product, which other product appears most often?",
          answer=Choice(lambda ctx: sorted(_names(ctx)), label="Product"),
          solution=lambda ctx: _partner_names(ctx)[0],
          wrong=[(lambda ctx: _names(ctx)[_best_seller(ctx)], "other"),
                 (lambda ctx: _names(ctx)[basket.best_sellers(ctx.data.order_lines).index[1]], "same orders")])
def _bought_with(answer, ctx):
    names, best = _names(ctx), _names(ctx)[_best_seller(ctx)]
    table = _with_best(ctx).assign(name=lambda t: t["product_id"].map(names)).set_index("name")
    if answer in _partner_names(ctx):
        return Result.right(1, _('Yes: {answer} is in {together} of the orders holding {best}. Now check whether that is more than chance.').format(answer=answer, together=table.loc[answer, 'together'], best=best))
    if answer == best:
        return Result.wrong(1, _('{answer} is the best seller itself.').format(answer=answer),
                            (_('Look at the table of products bought together with the best seller.'), _("Look for the other product, the one that most often shares an order with it.")))
    if answer in table.index:
        return Result.wrong(1, _('{answer} shares {together} orders with {best}; another product shares more.').format(answer=answer, together=table.loc[answer, 'together'], best=best),
                            (_('Look at the table of products bought together with the best seller.'), _("Sort the table of products found in the same orders by the number of orders together, "
                            "not by overall sales.")))
    return Result.wrong(1, _('{answer!r} never shares an order with {best}.').format(answer=answer, best=best),
                        (_("Read the table of products found in the same orders as the best seller."), _('Take the product on its first row: the one most often in the same orders.')))


def _top_lift(ctx):
    return float(_with_best(ctx)["lift"].iloc[0])


def _top_confidence(ctx):
    return round(float(_with_best(ctx)["confidence"].iloc[0]), 2)


@exercise("crm.project.lift",
          title="What is the lift of that pair (the best seller and the product most often bought with it)?",
          answer=Number("Lift"), solution=_top_lift,
          wrong=[(_top_confidence, "confidence"), (lambda ctx: 1.0 if _top_lift(ctx) != 1.0 else 2.0, "table")])
def _lift(answer, ctx):
    expected, confidence = _top_lift(ctx), _top_confidence(ctx)
    if close(answer, expected, tolerance=0.015):
        said = (_("Yes: {expected:.2f}. The pair is bought together more often than chance: a real pattern to "
                  "build an offer on.") if expected > 1.05 else
                _("Yes: {expected:.2f}. The pair is bought together no more often than chance: two popular "
                  "products meet in many orders anyway."))
        return Result.right(1, said.format(expected=expected))
    if close(answer, confidence, tolerance=0.015):
        return Result.wrong(1, _("{answer} is the confidence, the share of the best seller's orders holding the other.").format(answer=answer),
                            (_('Look at the table of products bought together with the best seller.'), _("The lift divides that confidence by the product's share of all orders: read the lift "
                            "column, not the confidence.")))
    return Result.wrong(1, _("{answer} is not the pair's lift.").format(answer=answer),
                        (_('Look at the table of products bought together with the best seller.'), _("Read the lift column of the table, on the first row.")))


PREDICTIVE = [
    "Remind customers whose annual licence ends next month, before they ask",
    "Send the same newsletter to every contact every week",
    "Count last year's orders by country",
    "Buy a list of new prospects in a new region",
]


one_right_choice(
    "crm.project.predictive", title="Which of these uses the CRM's data to anticipate a need?",
    options=PREDICTIVE, right_option=PREDICTIVE[0], label="Action",
    right="Yes: the purchase history says when the need will come back, and the company acts first.",
    wrong_message="That describes the past or ignores the customer's history.",
    hint=("Predictive analysis looks for a pattern in past data that tells you a future need.", 'Pick the analysis that uses what customers did before to say what they will need next.'),
    wrong=[(PREDICTIVE[2], "future"), (PREDICTIVE[1], "future")])


PRECAUTIONS = {
    "choose a reliable, experienced vendor": True,
    "train the people who run the system": True,
    "set strict data-protection rules: who sees what, backups, what is deleted": True,
    "export the whole database to each rep's laptop, so nothing is lost": False,
    "give everyone administrator rights, so nobody is blocked": False,
}


tick_exercise(
    "crm.project.data-loss", title="A badly run CRM can lose data or leak it. Tick the precautions that help.",
    options=PRECAUTIONS, right="Right: a sound vendor, trained staff and strict data-protection rules.",
    extra=("'{option}' makes a leak more likely.",
           ('Read each measure and ask: does it make a leak less likely or more?', "Copies on every laptop and rights for everyone multiply the ways data can leak or be damaged.")),
    missed=("You left out '{option}'.",
            ("Three things together: who supplies the system, who runs it, and the rules they follow.", 'Tick one measure for each of the three.')),
    wrong=[(list(PRECAUTIONS), "leak"), ([k for k, v in PRECAUTIONS.items() if v][:2], "rules")])


PLAN = {
    "decide first which customer data is needed, and what for": True,
    "count the channels through which customers reach the company, to size the need": True,
    "align business, CRM and IT plans across the company, not in one department": True,
    "start with a pilot that touches every group but stays small and flexible": True,
    "split the project into milestones with dates": True,
    "plan for far more data than expected, on a system that can grow": True,
    "let the IT department run it alone, since it is software": False,
    "install everything for everyone in the first week, as the vendor promises": False,
}


tick_exercise(
    "crm.project.plan", title="Acme's subsidiary starts its CRM project. Tick what belongs in the plan.",
    options=PLAN, right="Right: data needs first, the whole company on board, a pilot, milestones and room to grow.",
    extra=("'{option}' is how CRM projects go wrong.",
           ('Read each step and ask: does the whole company take part, at a pace it can follow?', "A CRM project owned by one department, or rushed in a week, misses the picture of the customer that the "
           "other parts of the company hold.")),
    missed=("You left out '{option}'.",
            ("Before any software: what data do you need, and why? Then who owns it, a pilot and milestones.", 'Tick the steps in that order, leaving out any that rush or narrow the project.')),
    wrong=[(list(PLAN), "department"), ([k for k, v in PLAN.items() if v][1:], "data")])


AIMS = {
    "better service to customers": True,
    "a more efficient call centre": True,
    "selling customers complementary products (cross-selling)": True,
    "helping reps close deals faster": True,
    "finding new customers": True,
    "replacing the sales team": False,
    "never having to clean data again": False,
}


tick_exercise(
    "crm.project.aims", title="Which of these are aims of a CRM?", options=AIMS,
    right="Right: service, the call centre, cross-selling, faster closing and new customers.",
    extra=("'{option}' is not an aim of a CRM.",
           ('Read each aim and ask: does a CRM really promise that?', "A CRM helps people sell and serve, and its data needs care for as long as it is used.")),
    missed=("You left out '{option}'.", ("Think of each team a CRM serves, not only the sales reps.", 'Tick the aims for service, the call centre and finding customers as well as for sales.')),
    wrong=[(list(AIMS), "people"), ([k for k, v in AIMS.items() if v][:2], "team")])


COSTS = [
    "About half spent under 500,000 dollars; some spent over a million",
    "Almost all spent over a million dollars",
    "Most spent under 5,000 dollars, as vendors promise",
    "Nobody could say what their project cost",
]


one_right_choice(
    "crm.project.costs",
    title="What did the survey of 1,600 IT and business professionals find about CRM project budgets?",
    options=COSTS, right_option=COSTS[0], label="Finding",
    right="Yes: a CRM project need not be huge, but some pass a million dollars, and it always costs a little more "
          "than the vendor says.",
    wrong_message="That is not what the survey found.",
    hint=("Reread the cost paragraph: it gives one share of the respondents and two amounts.", 'Apply the share to the number of respondents, then multiply by the amount that goes with it.'),
    wrong=[(COSTS[1], "amounts"), (COSTS[2], "amounts")])
