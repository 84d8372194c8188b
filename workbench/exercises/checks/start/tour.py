"""Checks for notebooks/00-start-here: a first taste of Check."""

from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, option_label
from workbench.i18n.messages import _


def _sales_staff(ctx) -> int:
    return int((ctx.data.users["team"] == "sales").sum())


@exercise("start.tour.count-sales-team", title="How many people work in Acme's sales team?",
          answer=Number("People in sales", integer=True),
          solution=_sales_staff,
          wrong=[Mistake(lambda ctx: len(ctx.data.users), "{answer} is everyone at Acme, in every team.",
                         ('Look at the team column of the users table.', "Count only the rows whose team is 'sales' in the users table above."))])
def _count_sales_team(answer, ctx):
    expected = _sales_staff(ctx)
    if answer == expected:
        return Result.right(1, _('Right: {expected} people work in sales.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the size of the sales team.').format(answer=answer),
                        (_("Look at the 'team' column of the users table and count the 'sales' rows."), _('The count is written under the table once you keep only those rows.')))


TRACKS = ["CRM track", "Network track", "Editorial track", "For superusers"]


@exercise("start.tour.pick-a-track",
          title="Which track shows you who can introduce you to a company you want to sell to?",
          answer=Choice(TRACKS, label="Track"),
          solution=lambda ctx: "Network track",
          wrong=[(lambda ctx: "CRM track", "introduc")])
def _pick_a_track(answer, ctx):
    if answer == "Network track":
        return Result.right(1, _("Yes: the network track finds connectors and warm-introduction paths."))
    if answer not in TRACKS:
        return Result.wrong(1, _('{answer!r} is not one of the tracks.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick one of: {tracks}.").format(tracks=_(", ").join(_(t) for t in TRACKS))))
    return Result.wrong(1, _('The track "{answer}" does not map who knows whom.').format(answer=option_label(answer)),
                        (_("Look for the track about your contact network: who can introduce you to whom."), _('Pick the track whose description speaks of introductions.')))
