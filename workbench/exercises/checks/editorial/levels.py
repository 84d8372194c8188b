"""Checks for notebooks/editorial/02-levels-of-action: levels, weekly means, mix rules, self-assessment."""

from functools import partial

import pandas as pd

from workbench.editorial.assessment import PILLARS
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, option_label
from workbench.exercises.marking import close
from workbench.i18n.messages import _

from ._data import inputs

LEVELS = ["react", "curate", "produce"]
SITUATIONS = {
    "editorial.levels.comment": ("You comment on a customer's post about their new warehouse.", "react"),
    "editorial.levels.share-article": ("You share a study on air quality with three lines on what it means for "
                                       "office managers.", "curate"),
}


def _level_check(id, situation, level):
    @exercise(id, title=f"Which level of action is this? {situation}", answer=Choice(LEVELS),
              solution=lambda ctx: level,
              wrong=[(lambda ctx, o=o: o, "level") for o in LEVELS if o != level][:1])
    def _check(answer, ctx):
        if answer == level:
            return Result.right(1, _('Yes: {level}.').format(level=option_label(level)))
        return Result.wrong(1, _('Not {answer}.').format(answer=option_label(answer)),
                            (_("Ask whose content it is, and what you add to it."),
                             _("Replying to someone else's post, passing on someone else's content with your view, "
                             "and writing your own are the three levels: which one is this?")))
    return _check


for _id, (_situation, _level) in SITUATIONS.items():
    _level_check(_id, _situation, _level)


@exercise("editorial.levels.four-one-one", title="With the 4-1-1 rule, how many of 12 posts are curated from others?",
          answer=Number("Curated posts", integer=True), solution=lambda ctx: 8,
          wrong=[(lambda ctx: 4, "every 6"), (lambda ctx: 2, "every 6")])
def _four_one_one(answer, ctx):
    if close(answer, 8, tolerance=0):
        return Result.right(1, _("Yes: 8 curated, 2 original educational, 2 promotional."))
    return Result.wrong(1, _('{answer} is not it.').format(answer=answer),
                        (_('Look at what the three numbers of the rule stand for.'), _("4-1-1 means: in every 6 posts, 4 from others, 1 of your own, 1 promotional. "
                        "12 posts are two rounds of 6.")))


def _recent(ctx, days=91):
    posts = inputs(ctx).posts
    as_of = pd.Timestamp(ctx.data.as_of)
    return posts[(posts["published_at"] > as_of - pd.Timedelta(days=days)) & (posts["published_at"] <= as_of)]


def _produce_per_week(ctx):
    recent = _recent(ctx)
    return round((recent["level"] == "produce").sum() / 13, 1)


def _all_per_week(ctx):
    return round(len(_recent(ctx)) / 13, 1)


@exercise("editorial.levels.produce-per-week",
          title="Over the last 13 weeks, how many posts of their own (produce) did the team publish per week? (one decimal)",
          answer=Number("Produced posts a week"), solution=_produce_per_week,
          wrong=[Mistake(_all_per_week, "That counts every publication, curated shares included.",
                         ('Look at the table of posts by level over the last weeks.', "Keep only the rows whose level is produce, then divide by 13 weeks."),
                         compare=partial(close, tolerance=0.1))])
def _per_week(answer, ctx):
    expected = _produce_per_week(ctx)
    if close(answer, expected, tolerance=0.1):
        return Result.right(1, _('Yes: about {expected} a week. That is a benchmark of means: easy to plan and to track.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the weekly number of produced posts.').format(answer=answer),
                        (_('Look at the table of posts by level over the last weeks.'), _("Count the produce posts of the last 13 weeks (the table above) and divide by 13.")))


_SCORES: dict = {}


def _pillars(ctx) -> pd.DataFrame:
    """The self-assessment lesson 2 shows (the team export's first rep, last 13 weeks), pillars with a score."""
    key = (str(ctx.data.social), str(ctx.data.as_of))
    if key not in _SCORES:
        from workbench.editorial.assessment import self_assessment
        from workbench.network.exports import read_team

        export = read_team(ctx.data.social)[0]
        posts = inputs(ctx).posts
        score = self_assessment(export=export, posts=posts[posts["rep_id"] == export.rep_id],
                                targets=ctx.data.accounts["name"], as_of=ctx.data.as_of)
        _SCORES[key] = score.dropna(subset=["score"])
    return _SCORES[key]


def _weakest(ctx) -> str:
    scores = _pillars(ctx)
    return scores.loc[scores["score"].idxmin(), "pillar"]


def _strongest(ctx) -> str:
    scores = _pillars(ctx)
    return scores.loc[scores["score"].idxmax(), "pillar"]


@exercise("editorial.levels.weakest-pillar",
          title="In the self-assessment above, which pillar should the rep work on first?",
          answer=Choice(list(PILLARS)), solution=_weakest, wrong=[(_strongest, "lowest")])
def _weakest_pillar(answer, ctx):
    scores = _pillars(ctx).set_index("pillar")["score"]
    if answer in scores.index and scores[answer] == scores.min():
        tip = _pillars(ctx).set_index("pillar").loc[answer, "weakest"]
        return Result.right(1, _("Yes: {answer}, {scores:g} of 25; start with '{tip}'. It is the workbench's proxy, not LinkedIn's index: "
                                  'compare it with itself week after week.').format(answer=answer, scores=scores[answer], tip=tip))
    return Result.wrong(1, _('{answer} is not the lowest pillar.').format(answer=answer),
                        (_('Look at the table of pillars and their scores.'), _("Read the score column: the pillar with the lowest score out of 25 is the one to work on.")))
