"""Checks for notebooks/network/01-inventory-of-your-network and its practice set."""

from functools import partial

from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, option_label
from workbench.exercises.marking import close
from workbench.i18n.messages import _

from .lesson_data import inventory

CLASSES = ["Strong", "Familiar", "Weak", "Unknown"]


def _counts(ctx):
    return inventory(ctx)["class"].astype(str).value_counts()


def _strong(ctx) -> int:
    return int(_counts(ctx).get("Strong", 0))


@exercise("network.inventory.strong-count", title="How many of your rep's contacts are Strong ties?",
          answer=Number("Strong contacts", integer=True), solution=_strong,
          wrong=[Mistake(lambda ctx: _strong(ctx) + int(_counts(ctx).get("Familiar", 0)),
                         "That counts Strong and Familiar ties together.",
                         ('Look at the class column of the inventory.', "Count only the Strong class; Familiar ties come next in the inventory."),
                         compare=partial(close, tolerance=0)),
                 Mistake(lambda ctx: len(inventory(ctx)), "That is every contact in the inventory.",
                         ('Look at the class column of the inventory.', "Filter the inventory on its class column: keep 'Strong' only."),
                         compare=partial(close, tolerance=0))])
def _check_strong(answer, ctx):
    expected = _strong(ctx)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} Strong ties, the people most likely to help right away.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of Strong ties.').format(answer=answer),
                        (_("Look at the count of the rep's inventory by class."), _("Read the number in the Strong class.")))


@exercise("network.inventory.one-way",
          title="You wrote three messages to a prospect and never got an answer. Which class is this tie?",
          answer=Choice(CLASSES), solution=lambda ctx: "Unknown", wrong=[(lambda ctx: "Weak", "one way")])
def _check_one_way(answer, ctx):
    if answer == "Unknown":
        return Result.right(1, _("Right: traffic that only ever went one way is no relationship yet, so Unknown."))
    return Result.wrong(1, _('Not {answer}.').format(answer=option_label(answer)),
                        (_("Messages that only went one way say nothing about the relationship: which class "
                        "means 'no two-way history'?"), _('Pick the class for contacts with no exchange in both directions.')))


def _warm_prospects(ctx) -> int:
    inv = inventory(ctx)
    return int((inv["could_become_customer"] & inv["class"].astype(str).isin(["Strong", "Familiar"])).sum())


@exercise("network.inventory.warm-prospects",
          title="How many possible customers in your rep's network are already Strong or Familiar ties?",
          answer=Number("Warm prospects", integer=True), solution=_warm_prospects,
          wrong=[Mistake(lambda ctx: int(inventory(ctx)["could_become_customer"].sum()),
                         "That counts every possible customer, whatever the relationship.",
                         ("Look at the inventory's possible customers and their class.", "Keep the possible customers whose class is Strong or Familiar."),
                         compare=partial(close, tolerance=0))])
def _check_warm(answer, ctx):
    expected = _warm_prospects(ctx)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} people who could buy already know and like your rep: start there.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of warm prospects.').format(answer=answer),
                        (_("Look at two columns of the inventory: could they buy, and how well do they know your rep?"),
                         _("Keep the people who could become customers and whose class is Strong or Familiar.")))


def _actions(ctx):
    from workbench.network.strength import next_action

    return sorted({next_action(c, p) for c in CLASSES for p in (False, True)})


def _strongest_non_prospect(ctx):
    inv = inventory(ctx)
    rows = inv[(inv["class"].astype(str) == "Strong") & ~inv["could_become_customer"]]
    return rows.iloc[0] if len(rows) else None


@exercise("network.inventory.next-step",
          title="What should your rep do next with a Strong contact who will not buy themselves?",
          answer=Choice(_actions, label="Next step"),
          solution=lambda ctx: "Ask for one or two names they could introduce you to.",
          wrong=[(lambda ctx: "Introduce yourself with a reason to talk, or let the tie rest.", "referral")])
def _check_next(answer, ctx):
    expected = "Ask for one or two names they could introduce you to."
    if answer == expected:
        row = _strongest_non_prospect(ctx)
        if row is None:
            return Result.right(1, _("Yes: a strong tie who will not buy can still open doors: ask for a referral."))
        return Result.right(1, _("Yes: a strong tie who will not buy can still open doors: ask for a referral, "
                                 "for example {name}.").format(name=row["name"]))
    return Result.wrong(1, _("That step suits a weaker or colder tie."),
                        (_('Look at the class of this contact in the inventory.'), _("A Strong tie trusts your rep: ask them for a referral, one or two names.")))

