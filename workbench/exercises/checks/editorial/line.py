"""Checks for notebooks/editorial/01-personas-and-editorial-line and exercises/editorial/01-editorial-line."""

from functools import partial

import pandas as pd

from workbench.editorial.themes import REVIEW_MONTHS, tally_votes
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number, Text
from workbench.exercises.marking import as_table, close
from workbench.i18n.messages import _

from ._data import inputs, line

PERSONA_FIELDS = ["role", "objectives", "challenges", "projects they run", "how they decide", "what matters to them",
                  "home address", "date of birth", "the product we sell them"]
RIGHT_FIELDS = PERSONA_FIELDS[:6]
TITLES = ["We sell desks at the best quality/price ratio",
          "How the right desk gives your team back an hour a week",
          "Acme wins a design award for its new desk range"]


@exercise("editorial.line.persona-fields", title="Which of these belong in a persona?",
          answer=MultiChoice(PERSONA_FIELDS),
          solution=lambda ctx: list(RIGHT_FIELDS),
          wrong=[(lambda ctx: RIGHT_FIELDS + ["home address"], "typical"),
                 (lambda ctx: RIGHT_FIELDS[:3], "buy")])
def _persona_fields(answer, ctx):
    picked = set(answer or [])
    extra = sorted(picked - set(RIGHT_FIELDS))
    missing = [f for f in RIGHT_FIELDS if f not in picked]
    got = len(picked & set(RIGHT_FIELDS))
    if not extra and not missing:
        return Result.right(1, _("Yes: a persona describes the reader's job, goals, worries, projects and buying process."))
    if extra:
        return Result.wrong(1, _("'{extra}' does not belong in a persona.").format(extra=extra[0]),
                            (_("A persona is a typical profile, not a real person."),
                             _("Keep what helps you write for them, about their work; leave out private details and "
                             "your own product.")), points=0)
    return Result.wrong(1, _("{got} of {n_RIGHT_FIELDS} right; '{missing}' is missing.").format(got=got, n_RIGHT_FIELDS=len(RIGHT_FIELDS), missing=missing[0]),
                        (_("Think beyond their job title: what else shapes what you write for them?"),
                         _("Think of how they choose to buy too: it shapes what you write.")))


@exercise("editorial.line.interesting-title", title="Which title is 'interesting, not interested'?",
          answer=Choice(TITLES), solution=lambda ctx: TITLES[1],
          wrong=[(lambda ctx: TITLES[0], "reader"), (lambda ctx: TITLES[2], "reader")])
def _title(answer, ctx):
    if answer == TITLES[1]:
        return Result.right(1, _("Yes: it talks about the reader's gain, an hour a week, not about the seller."))
    return Result.wrong(1, _("That title talks about the company, not about the reader."),
                        _("Pick the title a reader would click for their own sake: their problem, their reader gain."))


def _distinct(ctx):
    return len(tally_votes(inputs(ctx).brainstorm))


def _raw(ctx):
    return int(inputs(ctx).brainstorm["idea_id"].nunique())


@exercise("editorial.line.distinct-ideas", title="How many distinct ideas remain once near-duplicates are merged?",
          answer=Number("Distinct ideas", integer=True), solution=_distinct,
          wrong=[Mistake(_raw, "That counts every post-it, duplicates included.",
                         "Merge near-duplicate ideas (the same idea worded twice) before counting: see the "
                         "'merged' column of the tally.", compare=partial(close, tolerance=0))])
def _distinct_check(answer, ctx):
    expected, raw = _distinct(ctx), _raw(ctx)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {raw} ideas on the post-its, {expected} once the same idea in other words is merged.').format(raw=raw, expected=expected))
    return Result.wrong(1, _('{answer} is not the number of distinct ideas.').format(answer=answer),
                        (_("Look at the tally of the brainstorm votes."),
                         _("Count its rows: one per idea after merging near-duplicates.")))


def _review_date(ctx):
    return str((pd.Timestamp(ctx.data.as_of).normalize() + pd.DateOffset(months=REVIEW_MONTHS)).date())


@exercise("editorial.line.review-date",
          title="The line is shortlisted on the data's date. When is it due for review? (YYYY-MM-DD)",
          answer=Text("Review date", placeholder="YYYY-MM-DD"), solution=_review_date,
          wrong=[(lambda ctx: str((pd.Timestamp(ctx.data.as_of) + pd.DateOffset(months=12)).date()), "six months")])
def _review(answer, ctx):
    expected = pd.Timestamp(_review_date(ctx))
    try:
        given = pd.Timestamp(str(answer).strip())
    except ValueError:
        return Result.wrong(1, _('{answer!r} is not a date.').format(answer=answer), _("Write the date as YYYY-MM-DD, e.g. 2027-01-31."))
    if given == expected:
        return Result.right(1, _('Yes: {date}, six months after {date2}.').format(date=expected.date(), date2=pd.Timestamp(ctx.data.as_of).date()))
    return Result.wrong(1, _('{date} is not the review date.').format(date=given.date()),
                        _('Review the editorial line every six months: add six months to {date}.').format(date=pd.Timestamp(ctx.data.as_of).date()))


def _top_themes(ctx):
    return line(ctx)[["theme", "points"]]


@exercise("editorial.line.shortlist", title="Shortlist the 10 most important themes (code)",
          solution=lambda ctx: line(ctx),
          wrong=[(lambda ctx: inputs(ctx).brainstorm.groupby("idea")["points"].sum().nlargest(10)
                  .reset_index().rename(columns={"idea": "theme"}), "near-duplicate"),
                 (lambda ctx: line(ctx).head(5), "10")])
def _shortlist(answer, ctx):
    table = as_table(answer, ["theme"], "shortlist(brainstorm)")
    expected = list(line(ctx)["theme"])
    given = [str(t) for t in table["theme"]]
    if len(given) != len(expected):
        return Result.wrong(2, _('The shortlist has {n_given} themes.').format(n_given=len(given)), _("Keep the 10 most important themes, no more, no fewer."))
    if given == expected:
        return Result.right(2, _("Yes: the 10 themes, duplicates merged, in the order of the votes."))
    if set(given) == set(expected):
        return Result.wrong(2, _("The right 10 themes, in another order."), _("Rank by points, then voters, then top votes."),
                            points=1)
    wrong = next(t for t in given if t not in expected)
    return Result.wrong(2, _("'{wrong}' should not be in the top 10.").format(wrong=wrong),
                        _("Merge near-duplicate ideas first (a voter counts once per idea), then keep the top 10."))
