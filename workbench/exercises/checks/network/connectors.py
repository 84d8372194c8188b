"""Checks for notebooks/network/02-connectors and its practice set."""

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, option_label
from workbench.i18n.messages import N_, _

from .lesson_data import connector_candidates, label, net, person_of


def _options(ctx):
    n = net(ctx)
    return sorted(label(n, c) for c in connector_candidates(ctx))


def _ranking(ctx):
    from workbench.network.connectors import rank_connectors

    return rank_connectors(net(ctx)).set_index("person")


def _best_by(ctx, column):
    r = _ranking(ctx).loc[connector_candidates(ctx)]
    return r[column].astype(float).idxmax()


def _pick_check(id, title, column, said, hint):
    """Register a pick-the-person exercise on ``column``; ``said`` is ``(right, wrong)``: whole sentences
    naming the measure, with ``{label}`` and ``{score}``."""
    right, wrong_said = said

    def solution(ctx):
        return label(net(ctx), _best_by(ctx, column))

    def wrong(ctx):
        r = _ranking(ctx).loc[connector_candidates(ctx)]
        return label(net(ctx), r[column].astype(float).idxmin())

    @exercise(id, title=title, answer=Choice(_options, label="Person"), solution=solution,
              wrong=[(wrong, column.split("_")[0])])
    def _check(answer, ctx):
        n = net(ctx)
        cands = connector_candidates(ctx)
        person = person_of(n, answer, cands)
        if person is None:
            return Result.wrong(1, _('{answer!r} is not one of the people offered.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick a name from the list.")))
        best = _best_by(ctx, column)
        r = _ranking(ctx)
        if person == best:
            return Result.right(1, _(right).format(label=label(n, best), score=r.loc[best, column]))
        return Result.wrong(1, _(wrong_said).format(label=label(n, person), score=r.loc[person, column]),
                            tuple(_(step) for step in hint))
    return _check


_pick_check("network.connectors.top-connector", "Who is the best connector of the team network, all measures combined?",
            "combined",
            (N_("Yes: {label} has the highest combined score ({score:.3f}): the best connector, all measures combined."),
             N_("{label} has a combined score of {score:.3f}; someone in the list has more.")),
            (N_("Look at the connector ranking of the lesson, all measures combined."),
             N_("The highest combined score ranks first: read the name at the top.")))
_pick_check("network.connectors.most-between", "Who sits on the most shortest paths between other people?",
            "betweenness",
            (N_("Yes: {label} has the highest betweenness ({score:.3f}): they sit on the most shortest paths "
                "between other people."),
             N_("{label} has a betweenness of {score:.3f}; someone in the list has more.")),
            (N_("Look at the Measures of each of the eight people in the ranking: the first figure is betweenness."),
             N_("Betweenness is how often someone lies on the shortest path between two others: compare it from "
                "row to row and take the highest.")))

CONSTRAINT_OPTIONS = ["Constraint 0.15: their contacts rarely know each other",
                      "Constraint 0.90: their contacts all know each other"]


@exercise("network.connectors.structural-hole",
          title="Two contacts each know 10 people. Which one gives your rep access to more new people?",
          answer=Choice(CONSTRAINT_OPTIONS), solution=lambda ctx: CONSTRAINT_OPTIONS[0],
          wrong=[(lambda ctx: CONSTRAINT_OPTIONS[1], "redundant")])
def _check_hole(answer, ctx):
    if answer == CONSTRAINT_OPTIONS[0]:
        return Result.right(1, _("Right: low constraint means non-redundant contacts, bridges over structural holes."))
    return Result.wrong(1, _("High constraint means a closed circle: the 10 contacts mostly know each other."),
                        (_("Ask whether this contact's 10 people know each other."),
                         _("Contacts who all know each other are redundant: the same news, the same people. "
                         "Constraint measures how closed the circle is.")))


ROLES = ["coordinator", "itinerant", "gatekeeper", "liaison"]


@exercise("network.connectors.liaison",
          title="Karim works at an insurer. He knows a bank's CFO and a retailer's buyer, who do not know each "
                "other. Which brokerage role does Karim play between them?",
          answer=Choice(ROLES), solution=lambda ctx: "liaison", wrong=[(lambda ctx: "coordinator", "three")])
def _check_liaison(answer, ctx):
    if answer == "liaison":
        return Result.right(1, _("Yes: three different groups, so Karim is a liaison, the rarest and most valuable broker."))
    return Result.wrong(1, _('A {answer} needs some of the three to share a group.').format(answer=option_label(answer)),
                        (_('Look at the roles a go-between can play, and at how many groups each links.'), _("Count the groups: insurer, bank, retailer are three different groups. "
                        "Which role links three groups?")))
