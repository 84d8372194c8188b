"""Checks for notebooks/editorial/99-assessment: the editorial track's end test, on the trainee's own data.

The numbers come from the team's posts as the assessment's table shows them (:func:`posts`);
the decisions are new situations, not the lessons' questions.

>>> from workbench.exercises.check import Context
>>> list(posts(Context()).columns)
['Rep', 'Theme', 'Format', 'Level', 'Weekday', 'Impressions', 'Engagements']
"""

from __future__ import annotations

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, option_label
from workbench.i18n.messages import N_, _

from .._explorer import explorer as table_explorer
from .._questions import decision, number_question
from ._data import inputs

LEVELS = ["react", "curate", "produce"]
SAME = "the three levels do about the same"


def posts(ctx):
    """The team's posts as a trainee reads them: who, theme, format, level, weekday, impressions, engagements."""
    import pandas as pd

    p = inputs(ctx).posts
    names = inputs(ctx).reps.set_index("rep_id")["name"]
    return pd.DataFrame({
        N_("Rep"): p["rep_id"].map(names).fillna(p["rep_id"]).to_numpy(),
        N_("Theme"): p["theme"].str.replace("-", " ").to_numpy(),
        N_("Format"): p["format"].str.replace("_", " ").to_numpy(),
        N_("Level"): p["level"].to_numpy(), N_("Weekday"): p["weekday"].astype(str).to_numpy(),
        N_("Impressions"): p["impressions"].to_numpy(),
        N_("Engagements"): (p["reactions"] + p["comments"] + p["shares"] + p["clicks"]).to_numpy(),
    })


def explorer(data):
    """The assessment's table for ``data``, narrowed with drop-down lists (rep, level, theme, format)."""
    from types import SimpleNamespace

    return table_explorer(posts(SimpleNamespace(data=data)), filters=["Rep", "Level", "Theme", "Format"],
                          totals=["Impressions", "Engagements"], orders={"Level": LEVELS},
                          values={"Level": _, "Weekday": _})


def _quietest_rep(ctx) -> str:
    counts = posts(ctx)["Rep"].value_counts()
    return sorted(counts[counts == counts.min()].index)[0]


def _impressions(ctx, rep=None, level="produce") -> int:
    t = posts(ctx)
    keep = t["Rep"] == (rep or _quietest_rep(ctx))
    if level:
        keep &= t["Level"] == level
    return int(t.loc[keep, "Impressions"].sum())


def _busiest_rep(ctx) -> str:
    counts = posts(ctx)["Rep"].value_counts()
    return sorted(counts[counts == counts.max()].index)[0]


number_question(
    "editorial.assessment.quiet-rep-impressions",
    title="Take the rep who published the fewest posts. How many impressions did the posts they produced "
          "themselves earn in total?",
    label="Impressions", value=_impressions,
    right=lambda ctx, n: _("Yes: {n:,} impressions for {rep}'s own posts.").format(n=n, rep=_quietest_rep(ctx)),
    mistakes=[(lambda ctx: _impressions(ctx, level=None),
               "That counts all of the rep's posts, shares and reactions included.",
               ("Look at the level column of the rep's posts.", "Keep only the posts the rep produced themselves, the highest level of action.")),
              (lambda ctx: _impressions(ctx, rep=_busiest_rep(ctx)), "That is the total of the rep who posts most.",
               ('Look at the number of posts per rep.', "Compare how many posts each rep published first: the question is about the one with the fewest."))],
    otherwise=("{answer} is not that total.",
               ('Look at the table of posts per rep.', "Find the rep with the fewest posts, narrow the table to their own posts and read the total of "
               "impressions.")))


def _per_post(ctx):
    return posts(ctx).groupby("Level")["Engagements"].mean()


def _best_level(ctx) -> str:
    means = _per_post(ctx)
    if means.max() <= means.min() * 1.1:
        return SAME
    return str(means.idxmax())


def _worst_level(ctx) -> str:
    return str(_per_post(ctx).idxmin())


@exercise("editorial.assessment.best-level",
          title="Which level of action earns the most engagements per post, on average, in your team's posts?",
          answer=Choice([*LEVELS, SAME], label="Level"), solution=_best_level,
          wrong=[(_worst_level, "average")])
def _level(answer, ctx):
    expected, means = _best_level(ctx), _per_post(ctx)
    if answer == expected:
        if expected not in means:
            return Result.right(1, _("Yes: no level stands out by more than a tenth."))
        return Result.right(1, _("Yes: posts of the level {level} average {means:,.0f} engagements each.").format(
            level=option_label(expected), means=means[expected]))
    if answer in means:
        return Result.wrong(1, _("Posts of the level {level} average {means:,.0f} engagements each; not the most.").format(
            level=option_label(answer), means=means[answer]),
                            (_('Look at the table of engagement by level.'), _("Pick each level in turn and compare the average engagements the table shows.")))
    return Result.wrong(1, _("One level stands out from the others."),
                        (_('Look at the table of engagement by level.'), _("Pick each level in turn and compare the average engagements the table shows.")))


decision("editorial.assessment.week-mix",
         title="A rep can publish six times a week and follows the 4-1-1 rule. Which week fits the rule?",
         right="four shares of others' content with a comment, one educational post of their own, one promotion",
         why="Yes: four of six from others, one original and useful, one promotional.",
         wrong={"six posts about the company's products": (
                    "Six promotions in a week push readers away.",
                    ("Look at the rule's three numbers: others' content, own content, promotion.", "Count how many of the six the rule gives to other people's content.")),
                "three shares of others' content and three promotions": (
                    "Three promotions out of six is three times what the rule allows.",
                    ("Look at the rule's three numbers: others' content, own content, promotion.", "The rule keeps promotion to one post in six.")),
                "six shares of others' content and nothing of their own": (
                    "Sharing only, the rep never shows their own expertise.",
                    ("Look at the rule's three numbers: others' content, own content, promotion.", "The rule keeps room for one post of the rep's own that teaches something."))},
         label="Week")

decision("editorial.assessment.stale-theme",
         title="Six months on, one theme of the editorial line gets almost no engagement and none of your "
               "personas asks about it. What do you do?",
         right="replace it at the review with the next theme the team voted for",
         why="Yes: the line is reviewed every six months; a theme no reader wants makes room for the next one.",
         wrong={"keep it: the line was agreed and must not change": (
                    "A line that never changes drifts away from its readers.",
                    ("Think about when and why the line is reviewed.", 'Pick the answer that reviews the theme against what the readers want now.')),
                "post about it twice as often to make it known": (
                    "More posts on a theme nobody wants only tire the readers.",
                    ("Start from what the readers care about, not from the theme.", 'Pick the answer that changes the theme to fit the readers.')),
                "drop the editorial line and post whatever is trending": (
                    "Without a line, posts lose the consistency that makes a rep recognisable.",
                    ("Keep the line, and change the part that no longer serves its readers.", 'Pick the answer that reviews that one theme.'))},
         label="Decision")

decision("editorial.assessment.persona-draft",
         title="A draft spends three paragraphs on your product's features. It is meant for a procurement "
               "manager worried about costs. What do you change first?",
         right="open with the reader's cost problem and what others did about it, the product last",
         why="Yes: interesting before interested: start from the persona's worry, and the product comes last.",
         wrong={"add the features that are still missing": (
                    "More features make it even more about you than about the reader.",
                    ("Start from what worries this reader.", "Pick the change that answers the persona's worry in the post itself.")),
                "add the full technical specifications for credibility": (
                    "A cost-minded buyer does not read specifications in a post.",
                    ("Ask what this persona wants to learn from the post.", 'Pick the change that puts that in the post.')),
                "publish it unchanged at a better time of day": (
                    "The best hour does not save a post that speaks about itself.",
                    ("Change what the post says before changing when it appears.", 'Pick the change to the content that speaks to the persona.'))},
         label="Change")
