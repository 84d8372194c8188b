"""Checks for notebooks/crm/99-assessment: the CRM track's end test, on the trainee's own data.

The numbers are computed from the open deals as the assessment's table shows them
(:func:`open_deals`), never hard-coded; the decisions are new situations, not the lessons' questions.

>>> from workbench.exercises.check import Context
>>> table = open_deals(Context().data)
>>> list(table.columns)
['Owner', 'Stage', 'Account', 'Amount', 'Weighted amount', 'Close date', 'Overdue']
"""

from __future__ import annotations

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice
from workbench.i18n.messages import N_, _

from .._explorer import explorer as table_explorer
from .._explorer import stage_name, yes_no
from .._questions import decision, number_question


def open_deals(data):
    """The open deals as a trainee reads them: owner and account names, amounts, whether the close date passed."""
    deals = data.opportunities[~data.opportunities["is_closed"].astype(bool)]
    owners = data.users.set_index("user_id")["name"]
    accounts = data.accounts.set_index("account_id")["name"]
    import pandas as pd

    return pd.DataFrame({
        N_("Owner"): deals["owner_id"].map(owners).fillna("(no owner)").to_numpy(),
        N_("Stage"): deals["stage"].to_numpy(),
        N_("Account"): deals["account_id"].map(accounts).to_numpy(),
        N_("Amount"): deals["amount"].round(0).to_numpy(),
        N_("Weighted amount"): (deals["amount"] * deals["probability"].astype(float) / 100).round(0).to_numpy(),
        N_("Close date"): deals["close_date"].dt.strftime("%Y-%m-%d").to_numpy(),
        N_("Overdue"): (deals["close_date"] < data.as_of).map({True: "yes", False: "no"}).to_numpy(),
    }).sort_values(["Owner", "Stage", "Account"], ignore_index=True)


def explorer(data):
    """The assessment's table in the trainee's language, narrowed with drop-down lists (owner, stage in the
    pipeline's order, overdue)."""
    stages = data.stages.sort_values("sort_order")["stage"].tolist()
    return table_explorer(open_deals(data), filters=["Owner", "Stage", "Overdue"], totals=["Amount", "Weighted amount"],
                          orders={"Stage": stages, "Overdue": ["yes", "no"]},
                          values={"Stage": stage_name, "Overdue": yes_no})


def _final_stages(data, last: int = 2) -> list[str]:
    """The ``last`` open stages before a deal is closed, in the stage table's order."""
    stages = data.stages[~data.stages["is_closed"].astype(bool)]
    return stages.sort_values("sort_order")["stage"].iloc[-last:].tolist()


def _late_near_the_end(ctx, *, last=2, overdue=True) -> int:
    t = open_deals(ctx.data)
    keep = t["Stage"].isin(_final_stages(ctx.data, last)) if last else True
    return int((keep & ((t["Overdue"] == "yes") if overdue else True)).sum())


number_question(
    "crm.assessment.late-final-stages",
    title="How many open deals in the last two stages before a deal is won or lost are already past their close date?",
    label="Deals", value=_late_near_the_end,
    right=lambda ctx, n: _("Yes: {n} deals are close to signature yet late: call those first.").format(n=n),
    mistakes=[(lambda ctx: _late_near_the_end(ctx, overdue=False), "That counts every deal of those stages, late or not.",
               ('Look at the close dates: the question is about late deals.', "Keep only the deals whose close date has already passed.")),
              (lambda ctx: _late_near_the_end(ctx, last=None), "That counts the late deals of every stage.",
               ('Look at the stage order: which stages come just before the closed ones?', "Narrow the table stage by stage: only the two last in the stage order before the closed ones, "
               "and add them up.")),
              (lambda ctx: _late_near_the_end(ctx, last=1), "That is one stage only.",
               ('Look at the stage order the lesson shows.', "The question asks for two stages: the last two in the stage order before the closed ones."))],
    otherwise=("{answer} is not the number of late deals in those stages.",
               ('Look at the stage order the lesson shows, from the first stage to the closed ones.', "Find the two stages just before the closed ones in the stage order, then count their late deals "
               "one stage at a time and add them up.")))


def _busiest_owner(data) -> str:
    counts = open_deals(data)["Owner"].value_counts()
    return sorted(counts[counts == counts.max()].index)[0]


def _weighted(ctx, owner=None, column="Weighted amount") -> float:
    t = open_deals(ctx.data)
    return float(t.loc[t["Owner"] == (owner or _busiest_owner(ctx.data)), column].sum())


number_question(
    "crm.assessment.busiest-forecast",
    title="Take the person who owns the most open deals. What is the weighted forecast of their open deals (to the unit)?",
    label="Weighted forecast", value=lambda ctx: round(_weighted(ctx)), tolerance=2,
    right=lambda ctx, n: _("Yes: {n:,}, {owner}'s amounts counted at their chance of closing.").format(
        n=n, owner=_busiest_owner(ctx.data)),
    mistakes=[(lambda ctx: round(_weighted(ctx, column="Amount")), "That is the full amount of their deals.",
               ('Look at the two totals the forecast table gives for the owner.', "A forecast counts each deal at its probability: read the weighted total, not the amount.")),
              (lambda ctx: round(float(open_deals(ctx.data)["Weighted amount"].sum())),
               "That is the forecast of the whole team.",
               ('Look at how many deals each owner has in the table.', "First find the owner with the most rows, then narrow the table to that owner."))],
    otherwise=("{answer} is not that person's weighted forecast.",
               ('Look at the forecast table, owner by owner.', "Try each owner in the list to see who has the most rows, then read their weighted total.")))


def _owners(ctx) -> list[str]:
    return sorted(open_deals(ctx.data)["Owner"].unique())


def _most_overdue(ctx, overdue="yes") -> str:
    t = open_deals(ctx.data)
    t = t[t["Overdue"] == overdue] if overdue else t
    money = t.groupby("Owner")["Amount"].sum()
    return sorted(money[money == money.max()].index)[0]


@exercise("crm.assessment.most-overdue-money",
          title="Whose late deals (close date passed) hold the most money? That is the first pipeline to review.",
          answer=Choice(_owners, label="Owner"), solution=_most_overdue,
          wrong=[(lambda ctx: _most_overdue(ctx, overdue=None), "late")])
def _overdue_money(answer, ctx):
    expected = _most_overdue(ctx)
    if answer == expected:
        return Result.right(1, _("Yes: {expected}'s late deals hold the most money; review them together first.").format(expected=expected))
    if answer == _most_overdue(ctx, overdue=None) or answer == _busiest_owner(ctx.data):
        return Result.wrong(1, _('{answer} has the most money in open deals overall, not in late ones.').format(answer=answer),
                            (_('Look at the deals whose close date has passed while they are still open.'), _("Keep only the late deals, then compare the amount totals owner by owner.")))
    return Result.wrong(1, _("{answer}'s late deals are not the largest sum.").format(answer=answer),
                        (_('Look at the deals whose close date has passed while they are still open.'), _("Keep only the late deals, then compare the amount totals owner by owner.")))


decision("crm.assessment.revoked-but-open-deal",
         title="A contact withdrew their email consent last week, but their company has an open deal with you. "
               "Marketing's quarterly newsletter goes out tomorrow. What do you do?",
         right="leave them off the newsletter and keep the deal going through the channels they still accept",
         why="Yes: a withdrawal covers that channel for every message, open deal or not; the deal goes on "
             "through the channels the contact still accepts.",
         wrong={"send it: an open deal is a legitimate reason to write": (
                    "An open deal does not bring back a consent the person withdrew.",
                    ("Ask what the withdrawal covers: the channel, whatever the reason for writing.", 'Pick the answer that respects the withdrawal and still keeps the deal going by other means.')),
                "send it once more, with an unsubscribe link at the bottom": (
                    "They have already said no on this channel; one more message ignores it.",
                    ("A withdrawal takes effect at once; think of what they would receive tomorrow.", 'Pick the answer that stops the emails now and keeps the record.')),
                "delete the contact so they receive nothing at all": (
                    "Deleting the person loses the deal's history and the proof of their choice.",
                    ('Look at what the customer withdrew: one channel, not the relationship.', "Keep the record and its consent history; change only who receives what."))},
         label="Decision")

decision("crm.assessment.suspected-duplicate",
         title="Two contact records share a phone number and nearly the same name (one has an accent, the "
               "other not) but show different email addresses. What do you do first?",
         right="check with the history (or the person) that they are one person, then merge keeping both emails",
         why="Yes: a shared phone and a near-identical name make a likely duplicate; confirm it, then merge so "
             "that activities and consents follow, keeping the second address.",
         wrong={"merge at once and keep the newer email only": (
                    "Merging unchecked can join two people, and dropping an address loses a way to reach them.",
                    ("Confirm first, and think about what a merge should keep.", 'Pick the answer that checks with the customer, then keeps the history of both records.')),
                "delete the older record": (
                    "Deleting throws away that record's activities and consents.",
                    ("Look for the step that keeps the history of both records.", 'Pick the answer that confirms first and then merges, keeping both histories.')),
                "leave both: the emails differ, so they are two people": (
                    "People change address; the phone and name say these are probably one person.",
                    ("Weigh what the records share against what differs, then confirm before acting.", 'Pick the answer that treats the pair as a likely duplicate to confirm.'))},
         label="Decision")
