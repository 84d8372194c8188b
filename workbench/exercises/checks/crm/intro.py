"""Checks for notebooks/crm/01-what-a-crm-is and its practice set."""

from workbench.crm.models import customer_view, reach_by_user
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number
from workbench.i18n.messages import _


@exercise("crm.intro.count-contacts", title="How many contacts does Acme have?",
          answer=Number("Contacts", integer=True),
          solution=lambda ctx: len(ctx.data.contacts),
          wrong=[Mistake(lambda ctx: len(ctx.data.accounts),
                         "{answer} is the number of accounts (companies), not of people.",
                         ("You counted companies: look at the contacts table instead.",
                          "Count the rows of the contacts table: one row per person."))])
def _count_contacts(answer, ctx):
    expected = len(ctx.data.contacts)
    if answer == expected:
        return Result.right(1, _('Yes: {expected:,} contacts.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of contacts.').format(answer=answer),
                        (_("Look at the contacts table shown above: one row per person."),
                         _("Read how many rows it has, under the table.")))


RECORDS = {
    "purchase history": True,
    "communication preferences (channel, how often)": True,
    "past interactions: calls, emails, meetings": True,
    "consent to be contacted, and when it was given or withdrawn": True,
    "the customer's bank card number, to speed up orders": False,
    "a colleague's private opinion of the customer's health": False,
}


@exercise("crm.intro.what-a-crm-records",
          title="Which of these belong in a CRM's customer record?",
          answer=MultiChoice(list(RECORDS)),
          solution=lambda ctx: [k for k, v in RECORDS.items() if v],
          wrong=[(lambda ctx: list(RECORDS), "card")], max_points=2)
def _what_a_crm_records(answer, ctx):
    return Result.for_ticks(
        RECORDS, answer,
        right=_("Right: history, preferences, interactions and consent; nothing sensitive that the relationship "
              "does not need."),
        extra=(_("'{option}' should not be stored in the CRM."),
               (_("Ask of each item: does it serve the relationship with the customer?"),
                _("Payment card numbers and private opinions about health are a privacy risk if the data leaks."))),
        missed=(_("You left out '{option}'."),
                _("The customer record holds everything that helps you serve and personalise: what they bought, "
                "how they like to be contacted, and what you said to each other.")))


MODELS = ["relational", "hierarchical", "network"]


@exercise("crm.intro.database-model",
          title="A group with subsidiaries, each with its contacts, each with their calls and emails: "
                "which database model draws exactly this shape?",
          answer=Choice(MODELS, label="Model"),
          solution=lambda ctx: "hierarchical",
          wrong=[Mistake(lambda ctx: "network",
                         "The network model allows any record to link to any other; this shape is stricter.",
                         ("Look at how many accounts one contact belongs to.",
                          "Each contact has exactly one parent account: a tree, one parent per record."))])
def _database_model(answer, ctx):
    if answer == "hierarchical":
        return Result.right(1, _("Yes: a tree where every record has one parent is the hierarchical model."))
    if answer == "relational":
        return Result.wrong(1, _("Relational tables can store this, but the shape described is a tree."),
                            (_("Think of the drawing: how many parents does each record have?"),
                             _("A drawing where every record hangs under one parent is a tree; pick the model that "
                             "draws trees.")))
    return Result.wrong(1, _('{answer!r} is not one of the three models.').format(answer=answer), _("Choose relational, hierarchical or network."))


def _busiest_account(ctx) -> str:
    view = customer_view(ctx.data)
    per_account = view.groupby("account_name")["activities"].sum().sort_values(ascending=False, kind="stable")
    return per_account.index[0]


def _account_options(ctx):
    view = customer_view(ctx.data)
    by_activities = view.groupby("account_name")["activities"].sum().sort_values(ascending=False, kind="stable")
    by_contacts = view.groupby("account_name").size().sort_values(ascending=False, kind="stable")
    return sorted(set(by_activities.index[:4]) | set(by_contacts.index[:2]))


def _most_contacts_account(ctx) -> str:
    return customer_view(ctx.data).groupby("account_name").size().sort_values(
        ascending=False, kind="stable").index[0]


@exercise("crm.intro.busiest-account",
          title="Joining contacts to accounts and activities: which account's people have the most activities?",
          answer=Choice(_account_options, label="Account"),
          solution=_busiest_account,
          wrong=[Mistake(_most_contacts_account, "{answer} has the most contacts, but not the most activities.",
                         ("You compared contacts: the question is about activities.",
                          "Add up the activities of every contact of each account, then take the largest total."))])
def _busiest(answer, ctx):
    totals = customer_view(ctx.data).groupby("account_name")["activities"].sum()
    if answer in totals.index and totals[answer] == totals.max():
        return Result.right(1, _('Right: {answer}, with {totals} activities. You combined three tables through their keys.').format(answer=answer, totals=totals[answer]))
    return Result.wrong(1, _('{answer} is not the account whose contacts have the most activities.').format(answer=answer),
                        (_("Look at the joined table of contacts, accounts and activities."),
                         _("Add up the activities of the contacts of each account and compare the totals.")))


def _widest_reach(ctx) -> str:
    return reach_by_user(ctx.data)["name"].iloc[0]


def _most_owned(ctx) -> str:
    return reach_by_user(ctx.data).sort_values("accounts_owned", ascending=False, kind="stable")["name"].iloc[0]


@exercise("crm.intro.widest-reach",
          title="In the network view, which colleague is linked, through activities, to the most accounts?",
          answer=Choice(lambda ctx: sorted(ctx.data.users["name"]), label="Colleague"),
          solution=_widest_reach,
          wrong=[Mistake(_most_owned, "{answer} owns the most accounts, but is in touch with fewer of them.",
                         ("Owning an account is one link; the question is about accounts reached through activities.",
                          "Read the column of accounts reached through calls, emails and meetings, not the one "
                          "of accounts owned."))])
def _reach(answer, ctx):
    table = reach_by_user(ctx.data).set_index("name")
    if answer in table.index and table.loc[answer, "accounts_reached"] == table["accounts_reached"].max():
        return Result.right(1, _('Yes: {answer} is in touch with the most accounts ({accounts_reached}).').format(answer=answer, accounts_reached=table.loc[answer, 'accounts_reached']))
    if answer in table.index:
        return Result.wrong(1, _('{answer} reaches {accounts_reached} accounts; someone reaches more.').format(answer=answer, accounts_reached=table.loc[answer, 'accounts_reached']),
                            (_("Look at the network view: the column of accounts each colleague reaches."),
                             _("Sort it from the largest and read the name at the top.")))
    return Result.wrong(1, _('{answer!r} does not work at Acme.').format(answer=answer), _("Pick a name from the users table."))
