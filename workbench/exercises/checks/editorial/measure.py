"""Checks for notebooks/editorial/04-measuring-and-adjusting and exercises/editorial/02-plan-and-measure."""

from functools import partial

from workbench.editorial.drafts import SAMPLE_COMPANY, SAMPLE_DRAFTS
from workbench.editorial.engagement import compare, engagement_rate
from workbench.editorial.review import review_post
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import as_table, close
from workbench.i18n.messages import _

from ._data import inputs


def _first_post(ctx):
    posts = engagement_rate(inputs(ctx).posts)
    return posts[posts["level"] == "produce"].iloc[0]


def _er(ctx):
    return float(_first_post(ctx)["engagement_rate"])


def _er_no_clicks(ctx):
    p = _first_post(ctx)
    return round(100 * (p["reactions"] + p["comments"] + p["shares"]) / p["impressions"], 2)


@exercise("editorial.measure.engagement-rate",
          title="Engagement rate (%) of the first produced post, clicks formula (two decimals)",
          answer=Number("Engagement rate (%)"), solution=_er, wrong=[
              Mistake(_er_no_clicks, "That leaves the clicks out (LinkedIn's 'engagements').",
                      "The clicks formula adds clicks to reactions, comments and shares before dividing by impressions.",
                      compare=partial(close, tolerance=0.01, percent=True))])
def _er_check(answer, ctx):
    expected = _er(ctx)
    if close(answer, expected, tolerance=0.01, percent=True):
        return Result.right(1, _('Yes: {expected:.2f}% = (reactions + comments + shares + clicks) / impressions x 100.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the engagement rate.').format(answer=answer),
                        _("Add reactions, comments, shares and clicks, divide by impressions, multiply by 100."))


def _format_table(ctx):
    table = compare(inputs(ctx).posts, "format")
    return table[table["posts"] >= 3]


def _formats(ctx):
    return sorted(inputs(ctx).posts["format"].unique())


@exercise("editorial.measure.best-format", title="Which format has the highest engagement rate?",
          answer=Choice(_formats), solution=lambda ctx: _format_table(ctx).iloc[0]["format"],
          wrong=[(lambda ctx: _format_table(ctx).iloc[-1]["format"], "highest")])
def _best_format(answer, ctx):
    table = _format_table(ctx)
    best = table.iloc[0]
    if answer == best["format"]:
        return Result.right(1, _('Yes: {format}, {engagement_rate:.2f}% over {posts} posts.').format(format=best['format'], engagement_rate=best['engagement_rate'], posts=best['posts']))
    return Result.wrong(1, _('{answer} is not the best format.').format(answer=answer),
                        _("Sort the comparison by engagement rate, highest first, and read the top row."))


def _weekday_table(ctx):
    return compare(inputs(ctx).posts, "weekday")


@exercise("editorial.measure.best-weekday", title="On which weekday do the posts engage best?",
          answer=Choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
          solution=lambda ctx: str(_weekday_table(ctx).iloc[0]["weekday"]),
          wrong=[(lambda ctx: str(_weekday_table(ctx).iloc[-1]["weekday"]), "highest")])
def _best_day(answer, ctx):
    table = _weekday_table(ctx)
    best = str(table.iloc[0]["weekday"])
    if answer == best:
        return Result.right(1, _('Yes: {best}. Put the produced posts of the next plan there.').format(best=best))
    return Result.wrong(1, _('{answer} is not the best weekday.').format(answer=answer), _("Read the highest bar of the weekday chart."))


def _reader_draft(ctx):
    scored = [(review_post(d)["reader_ratio"] or 0, -len(review_post(d, company=SAMPLE_COMPANY)["hints"]), d)
              for d in SAMPLE_DRAFTS]
    return max(scored)[2]


@exercise("editorial.measure.reader-draft", title="Which draft is 'interesting, not interested'?",
          answer=Choice(SAMPLE_DRAFTS), solution=_reader_draft,
          wrong=[(lambda ctx: SAMPLE_DRAFTS[0], "reader"), (lambda ctx: SAMPLE_DRAFTS[1], "reader")])
def _draft(answer, ctx):
    if answer == _reader_draft(ctx):
        return Result.right(1, _("Yes: it opens on the reader's question and uses 'you', not 'we'."))
    r = review_post(answer, company=SAMPLE_COMPANY)
    return Result.wrong(1, _('That draft has {n_hints} review hint(s): {value}').format(n_hints=len(r['hints']), value=r['hints'][0] if r['hints'] else ''),
                        _("Pick the draft that speaks to the reader ('you') and opens on their problem."))


@exercise("editorial.measure.compare-themes", title="Engagement by theme, best first (code)",
          solution=lambda ctx: compare(inputs(ctx).posts, "theme"),
          wrong=[(lambda ctx: compare(inputs(ctx).posts, "format"), "theme"),
                 (lambda ctx: compare(inputs(ctx).posts, "theme", formula="interactions"), "clicks")],
          max_points=2)
def _themes(answer, ctx):
    table = as_table(answer, ["theme", "engagement_rate"], "compare(posts, 'theme')")
    expected = compare(inputs(ctx).posts, "theme")
    other = compare(inputs(ctx).posts, "theme", formula="interactions")
    same = len(table) == len(other) and list(table["theme"]) == list(other["theme"]) and all(
        abs(a - b) < 0.01 for a, b in zip(table["engagement_rate"], other["engagement_rate"]))
    if same and list(other["engagement_rate"]) != list(expected["engagement_rate"]):
        return Result.wrong(2, _("Those rates leave the clicks out."),
                            _("Use the clicks formula (the default): clicks count as engagement."), points=1)
    if list(table["theme"]) != list(expected["theme"]):
        return Result.wrong(2, _("The themes are not in the expected order."),
                            _("Compare by theme and sort by engagement rate, highest first."))
    if not all(abs(a - b) < 0.01 for a, b in zip(table["engagement_rate"], expected["engagement_rate"])):
        return Result.wrong(2, _("The themes are right, the rates are not."),
                            _("Use the clicks formula (the default): clicks count as engagement."), points=1)
    return Result.right(2, _('Yes: {theme} engages best, {theme2} least.').format(theme=expected.iloc[0]['theme'], theme2=expected.iloc[-1]['theme']))
