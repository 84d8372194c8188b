"""Checks for notebooks/network/99-assessment: the network track's end test, on the trainee's own data.

The numbers come from the rep's contacts as the assessment's table shows them (:func:`contacts`);
the decisions are new situations, not the lessons' questions.

>>> from workbench.exercises.check import Context
>>> list(contacts(Context()).columns)
['Name', 'Company', 'Tie', 'In the CRM', 'Could become a customer', 'Messages sent', 'Messages received']
"""

from __future__ import annotations

from workbench.i18n.messages import N_, _

from .._explorer import explorer as table_explorer
from .._explorer import yes_no
from .._questions import decision, number_question
from .lesson_data import inventory

YES_NO = {True: "yes", False: "no"}


def contacts(ctx):
    """The lessons' rep's contacts as a trainee reads them: tie class, in the CRM or not, could buy or not."""
    import pandas as pd

    inv = inventory(ctx)
    return pd.DataFrame({
        N_("Name"): inv["name"].astype(str).to_numpy(), N_("Company"): inv["company"].fillna("").astype(str).to_numpy(),
        N_("Tie"): inv["class"].astype(str).to_numpy(),
        N_("In the CRM"): inv["in_crm"].map(YES_NO).to_numpy(),
        N_("Could become a customer"): inv["could_become_customer"].map(YES_NO).to_numpy(),
        N_("Messages sent"): inv["interactions_out"].to_numpy(),
        N_("Messages received"): inv["interactions_in"].to_numpy(),
    })


def explorer(data):
    """The assessment's table for ``data``, narrowed with drop-down lists (tie, in the CRM, could buy)."""
    from types import SimpleNamespace

    return table_explorer(contacts(SimpleNamespace(data=data)), filters=["Tie", "In the CRM", "Could become a customer"],
                          totals=["Messages sent", "Messages received"],
                          orders={"Tie": ["Strong", "Familiar", "Weak", "Unknown"]},
                          values={"Tie": _, "In the CRM": yes_no, "Could become a customer": yes_no})


def _count(ctx, ties, **where) -> int:
    t = contacts(ctx)
    keep = t["Tie"].isin(ties)
    for column, value in where.items():
        keep &= t[column] == value
    return int(keep.sum())


def _close_outside(ctx, ties=("Strong", "Familiar"), crm="no") -> int:
    return _count(ctx, ties, **{"In the CRM": crm})


number_question(
    "network.assessment.close-ties-outside-crm",
    title="How many of your rep's Strong or Familiar contacts are not in the CRM yet (people the team cannot see)?",
    label="Contacts", value=_close_outside,
    right=lambda ctx, n: _("Yes: {n} close contacts the rest of the team cannot see; add them to the CRM.").format(n=n),
    mistakes=[(lambda ctx: _close_outside(ctx, ties=("Strong",)), "That counts only one of the two tie classes.",
               ('Look at the contacts not in the CRM yet, by tie class.', "Count the Strong ones, then the Familiar ones, and add them up.")),
              (lambda ctx: _close_outside(ctx, crm="yes"), "Those are the close contacts already in the CRM.",
               ('Look at the column saying whether a contact is in the CRM.', "The question asks for the close contacts not in the CRM yet."))],
    otherwise=("{answer} is not the number of close contacts outside the CRM.",
               ("Narrow the table to the contacts not in the CRM, then read the count for each of the two closest "
               "tie classes.", 'Add up the two counts you read.')))


def _to_warm_up(ctx, ties=("Weak", "Unknown")) -> int:
    return _count(ctx, ties, **{"Could become a customer": "yes"})


number_question(
    "network.assessment.prospects-to-warm-up",
    title="Among your rep's contacts who could become customers, how many are only Weak or Unknown ties "
          "(people to warm up before asking for anything)?",
    label="Contacts", value=_to_warm_up,
    right=lambda ctx, n: _("Yes: {n} possible customers the rep barely knows: give before asking.").format(n=n),
    mistakes=[(lambda ctx: _to_warm_up(ctx, ties=("Weak",)), "That counts only one of the two tie classes.",
               ('Look at the possible customers, by tie class.', "Count the Weak ones and the Unknown ones separately, and add them up.")),
              (lambda ctx: _to_warm_up(ctx, ties=("Unknown",)), "That counts only one of the two tie classes.",
               ('Look at the possible customers, by tie class.', "Count the Weak ones and the Unknown ones separately, and add them up.")),
              (lambda ctx: _count(ctx, ("Weak", "Unknown")), "That counts every Weak and Unknown contact, buyers or not.",
               ('Look at the column saying whether a contact could become a customer.', "Keep only the contacts who could become customers before counting."))],
    otherwise=("{answer} is not that number.",
               ("Keep the contacts who could become customers, then count the two weakest tie classes.", 'Add up the two counts you read.')))


decision("network.assessment.bridge",
         title="Which of these contacts would open the most new doors for your rep?",
         right="a purchasing manager who sits on two industry clubs whose members do not know each other",
         why="Yes: she bridges groups that are not connected (a structural hole), so she hears and can pass on "
             "what neither group knows.",
         wrong={"a colleague at Acme who knows everyone your rep already knows": (
                    "Everyone he knows, your rep knows already: he brings nothing new.",
                    ("Look for the person whose contacts do not already know each other, or your rep.", 'Pick the one who links groups your rep cannot reach today.')),
                "a customer with 3,000 LinkedIn connections, all in the same company": (
                    "A big network inside one closed group repeats the same news.",
                    ("Size is not the point: look for someone who links groups that are otherwise apart.", 'Pick the one whose contacts belong to different groups.')),
                "a former classmate your rep has not spoken to in ten years": (
                    "A dormant tie needs warming up before it can open any door.",
                    ("Think of who links separate groups today, and whom your rep can ask now.", 'Pick a person your rep knows now who links two groups.'))},
         label="Contact")

decision("network.assessment.which-path",
         title="Your rep wants to meet a company's buyer. Which way in should they try first?",
         right="ask a customer who works closely with the buyer and is a strong tie of your rep",
         why="Yes: a warm introduction through two strong ties is the most likely to be answered and trusted.",
         wrong={"send the buyer a connection request with a sales pitch": (
                    "A cold pitch to a stranger is the least likely to be answered.",
                    ("Look for someone who knows both your rep and the buyer.", 'Pick the go-between with the strongest tie to both.')),
                "ask a teammate who once met the buyer at a trade fair": (
                    "One meeting at a fair is a weak tie: the introduction would carry little weight.",
                    ("Compare how well each go-between knows the buyer and your rep; the weakest link decides.", 'Pick the path whose weakest tie is strongest.')),
                "ask a contact of a contact whom your rep has never met": (
                    "Someone your rep does not know has no reason to vouch for them.",
                    ("The path is only as strong as its weakest tie: prefer people your rep knows well.", 'Pick the path whose weakest tie is strongest.'))},
         label="Way in")

decision("network.assessment.level-two",
         title="Your rep's post is shared by three of their contacts. Whom can it now reach?",
         right="the contacts of those three people, most of whom your rep does not know",
         why="Yes: sharing carries the post to level 2, the people your contacts know and your rep does not.",
         wrong={"only your rep's own contacts": (
                    "That is level 1, before anyone shares.",
                    ("Think about whose feeds a share puts the post into.", 'Pick the answer that reaches the people the sharers know.')),
                "every LinkedIn member in the same country": (
                    "A share reaches the sharer's network, not the whole country.",
                    ("Follow the post one step: from the three people to the people they know.", 'Pick the answer that stops at the people the sharers know.')),
                "only the three people who shared it": (
                    "They had already seen it; sharing shows it to others.",
                    ("Ask who sees a post after someone shares it.", "Pick the answer that includes the sharers' own contacts."))},
         label="Reach")
