"""Checks for notebooks/crm/12-building-the-customer-database: purposes, enrichment, upkeep, cloud, permissions,
and a product for a stated company."""

from workbench.crm import vendors
from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.i18n.messages import _

from ..patterns import one_right_choice, tick_exercise

PURPOSES = ["operational", "collaborative", "analytical", "strategic"]


one_right_choice(
    "crm.database.purpose",
    title="Acme's marketing director wants the database to show which markets, competitors and distribution "
          "channels to adjust the marketing approach to. Which purpose is that?",
    options=PURPOSES, right_option="strategic", label="Purpose",
    right="Yes: adjusting the approach to the market, trends, competitors and channels is the strategic use of the "
          "database.",
    wrong_message="The {answer} purpose serves other needs.",
    hint="Look at the scale of the question: one customer's value, the daily work, the teams sharing, or the whole "
         "market around the company?",
    wrong=[("analytical", "market"), ("operational", "market")])


TOOLS = ["a customer database", "a CRM", "a customer data platform (CDP)", "a spreadsheet"]


one_right_choice(
    "crm.database.cdp",
    title="Acme wants to know how customers use its Analytics add-on: which screens, how often, what they skip. "
          "Which tool gathers that?",
    options=TOOLS, right_option=TOOLS[2], label="Tool",
    right="Yes: a CDP collects how customers interact with the product itself; the CRM organises their dealings "
          "with your team.",
    wrong_message="{answer} does not record what customers do inside the product.",
    hint="Ask what each tool records: the people and their details, the team's dealings with them, or their use of "
         "the product?",
    wrong=[(TOOLS[1], "product"), (TOOLS[0], "product")])


def _missing(ctx, column):
    return ctx.data.contacts[column].isna() | (ctx.data.contacts[column].astype(str).str.strip() == "")


def _unreachable(ctx):
    return int((_missing(ctx, "email") & _missing(ctx, "phone")).sum())


@exercise("crm.database.unreachable",
          title="How many contacts have neither an email address nor a phone number: the first to enrich "
                "from other sources?",
          answer=Number("Contacts", integer=True), solution=_unreachable,
          wrong=[(lambda ctx: int(_missing(ctx, "phone").sum()), "neither"),
                 (lambda ctx: int((_missing(ctx, "email") | _missing(ctx, "phone")).sum()), "neither")])
def _unreachable_check(answer, ctx):
    expected = _unreachable(ctx)
    if answer == expected:
        return Result.right(1, _("Yes: {expected} contacts cannot be reached at all. Events, the website's sign-ups and the reps' own "
                                  'address books are the sources to fill them.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of contacts missing both.').format(answer=answer),
                        _("Count the contacts where neither the email nor the phone is filled in: both missing at "
                        "once, not either one."))


UPKEEP = {
    "every week, merge the duplicates found since last week": True,
    "every month, review each owner's missing fields with them": True,
    "every quarter, check that withdrawn consents were applied everywhere": True,
    "every year, review which fields are still needed and drop the others": True,
    "clean the data once, at the launch, and never again": False,
    "let each rep decide alone when to tidy their records": False,
}


tick_exercise(
    "crm.database.maintenance", title="Build Acme's routine maintenance schedule: tick what belongs in it.",
    options=UPKEEP, right="A routine: duplicates weekly, completeness monthly, consent quarterly, the fields yearly.",
    extra=("'{option}' is not a schedule.",
           "A database decays every day; upkeep is a routine with dates and owners, not a one-off or a whim."),
    missed=("You left out '{option}'.",
            "Think of every way the data decays: duplicates, gaps, consent, fields nobody needs any more."),
    wrong=[(list(UPKEEP), "routine"), ([k for k, v in UPKEEP.items() if v][:2], "consent")])


CLOUD = {
    "a rep checks a customer's history on a phone between two visits": True,
    "only documents needing a handwritten signature and a stamp are printed, and even those can be signed "
    "digitally": True,
    "less is spent on paper, printers and office hardware": True,
    "each colleague reaches the records their role needs, wherever they work": True,
    "access permissions are no longer needed, since everyone is in the same system": False,
    "the data can no longer be lost": False,
}


tick_exercise(
    "crm.database.cloud-paper", title="What does a cloud CRM with less paper change? Tick every true statement.",
    options=CLOUD,
    right="Right: reachable anywhere, far less paper and hardware, each person seeing what their role needs.",
    extra=("'{option}' is not true.",
           "Sharing one database makes permissions more important, not less, and a badly run system can still "
           "lose data."),
    missed=("You left out '{option}'.", "Think of the costs that fall as well as of access from anywhere."),
    wrong=[(list(CLOUD), "permission"), ([k for k, v in CLOUD.items() if v][:2], "cost")])


def _rep(ctx):
    users = ctx.data.users
    sales = users[(users["team"] == "sales") & users["manager_id"].notna()].sort_values("user_id")
    return sales.iloc[0]


def _open_by_region(ctx):
    opps, users = ctx.data.opportunities, ctx.data.users
    open_ = opps[~opps["is_closed"].astype(bool)]
    return open_.merge(users[["user_id", "region"]], left_on="owner_id", right_on="user_id", how="left")


def _visible(ctx):
    rep = _rep(ctx)
    table = _open_by_region(ctx)
    return int((table["region"] == rep["region"]).sum())


@exercise("crm.database.visible-deals",
          title="Under the region rule above, how many open deals may the rep shown see?",
          answer=Number("Open deals", integer=True), solution=_visible,
          wrong=[(lambda ctx: int((_open_by_region(ctx)["owner_id"] == _rep(ctx)["user_id"]).sum()), "region"),
                 (lambda ctx: len(_open_by_region(ctx)), "region")])
def _visible_check(answer, ctx):
    rep, expected = _rep(ctx), _visible(ctx)
    if answer == expected:
        return Result.right(1, _("Yes: {expected} open deals are owned by people in {region}, {name}'s own included. The rest stay out of "
                                  'sight.').format(expected=expected, region=rep['region'], name=rep['name']))
    if answer == len(_open_by_region(ctx)):
        return Result.wrong(1, _('{answer} is every open deal in the company.').format(answer=answer),
                            _("The rule limits the view to one region: add up only the rows of the rep's region."))
    return Result.wrong(1, _('{answer} is not what the rule allows.').format(answer=answer),
                        _("The rule is by region, not by owner: add the open deals of every colleague in the rep's "
                        "region, the rep's own included."))


NEEDS, TEAM = ["automation", "usability"], 15


def _cheapest(ctx):
    return str(vendors.shortlist(NEEDS, TEAM)["product"].iloc[0])


@exercise("crm.database.pick-product",
          title=f"A {TEAM}-person sales team wants automation and an interface people learn quickly, for the "
                "lowest monthly bill. Which product do you recommend?",
          answer=Choice(list(vendors.SELLING_POINTS), label="Product"), solution=_cheapest,
          wrong=[(lambda ctx: "Zendesk Sell", "bill"), (lambda ctx: "Zoho", "interface")])
def _pick(answer, ctx):
    table = vendors.shortlist(NEEDS, TEAM).set_index("product")
    expected = _cheapest(ctx)
    if answer == expected:
        return Result.right(1, _('Yes: {expected} answers both needs for {monthly_cost:,.2f} USD a month for {team} people, the lowest bill of the '
                                  'products that do.').format(expected=expected, monthly_cost=table.loc[expected, 'monthly_cost'], team=TEAM))
    if answer in table.index:
        return Result.wrong(1, _('{answer} answers both needs, for {monthly_cost:,.2f} USD a month.').format(answer=answer, monthly_cost=table.loc[answer, 'monthly_cost']),
                            _('Another product answers both needs too: compare the monthly bill for {team} users.').format(team=TEAM))
    if answer in vendors.SELLING_POINTS:
        return Result.wrong(1, _('{answer} is not known for both needs.').format(answer=answer),
                            _("Keep only the products whose selling points name both automation and an easy "
                            "interface, then compare their bills."))
    return Result.wrong(1, _('{answer!r} is not one of the six products.').format(answer=answer), _("Pick one of the six products."))


tick_exercise(
    "crm.database.who-opens-the-deal",
    title="In your practice CRM, a deal is owned by the sales rep for UK & Ireland. Tick everyone who can open it "
          "(the Who sees what tab shows the CRM as each colleague sees it).",
    options={"the sales rep for UK & Ireland, who owns it": True, "the head of the company": True,
             "a sales rep in France": False, "the marketing colleague in UK & Ireland": False,
             "the service agent in UK & Ireland": False, "the marketing manager": False},
    right="Right: the owner, and the managers above the owner up to the head of the company. Colleagues of the same "
          "region in other teams, and reps of other regions, do not see it.",
    extra=("'{option}' cannot open that deal.",
           ("Read the sharing rule again: sharing a region is not the same as sharing a team.",
            "View the CRM as that colleague in the Who sees what tab and look for the deal.")),
    missed=("You left out '{option}'.",
            ("Think of the management line as well as of the owner.",
             "View the CRM as each colleague in the Who sees what tab: who finds the deal in their list?")),
    wrong=[(["the sales rep for UK & Ireland, who owns it", "the head of the company",
             "the marketing colleague in UK & Ireland", "the service agent in UK & Ireland"], "team"),
           (["the sales rep for UK & Ireland, who owns it"], "management line")])
