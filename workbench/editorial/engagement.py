"""Engagement: import post metrics, compute the engagement rate, compare and suggest.

Sources disagree on the engagement-rate formula, so the workbench keeps raw
counts and names the formula it used in every output (``attrs['formula']``
and a ``formula`` column of comparison tables).  Two formulas are offered:

* ``"clicks"`` (default, the usual impression-based rate):
  (reactions + comments + shares + clicks) / impressions x 100
* ``"interactions"`` (what LinkedIn's post analytics call engagements):
  (reactions + comments + shares) / impressions x 100

A group's rate is its total engagements over its total impressions (a big
post weighs more than a small one), not the mean of per-post rates.

>>> posts = pd.DataFrame({"theme": ["A", "A", "B"], "impressions": [1000, 500, 800],
...     "reactions": [20, 5, 4], "comments": [5, 0, 0], "shares": [2, 0, 0], "clicks": [3, 5, 4]})
>>> engagement_rate(posts)["engagement_rate"].tolist()
[3.0, 2.0, 1.0]
>>> t = compare(posts, "theme")
>>> t[["theme", "posts", "engagement_rate"]].to_dict("records")
[{'theme': 'A', 'posts': 2, 'engagement_rate': 2.67}, {'theme': 'B', 'posts': 1, 'engagement_rate': 1.0}]
>>> t["formula"].iloc[0]
'(reactions + comments + shares + clicks) / impressions x 100'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError, require_columns
from ..i18n.messages import N_, _, ngettext

COUNTS = ["impressions", "reactions", "comments", "shares", "clicks"]
POST_COLUMNS = ["post_id", "rep_id", "published_at", "theme", "format", "persona_id", "level", "language", "text",
                *COUNTS]
FORMULAS = {
    "clicks": (["reactions", "comments", "shares", "clicks"],
               "(reactions + comments + shares + clicks) / impressions x 100"),
    "interactions": (["reactions", "comments", "shares"], "(reactions + comments + shares) / impressions x 100"),
}
DIMENSIONS = {"theme": "theme", "format": "format", "persona": "persona_id", "persona_id": "persona_id",
              "weekday": "weekday", "level": "level", "rep": "rep_id", "rep_id": "rep_id", "language": "language"}
#: A comparison chart's title, per column compared (a whole sentence each).
CHART_TITLES = {"theme": N_("Engagement rate by theme"), "format": N_("Engagement rate by format"),
                "persona_id": N_("Engagement rate by persona"), "weekday": N_("Engagement rate by weekday"),
                "level": N_("Engagement rate by level"), "rep_id": N_("Engagement rate by rep"),
                "language": N_("Engagement rate by language")}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def load_posts(path: str | Path) -> pd.DataFrame:
    """Read ``posts.csv`` (one row per published post with its counts) and check it.

    Counts must be whole numbers of 0 or more; the error names the row and column.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(_("posts file not found"), file=path,
                        fix=_("give the path of posts.csv (for the sample: data.social / 'posts.csv')"))
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return check_posts(df, file=path.name)


def check_posts(df: pd.DataFrame, *, file: str = "posts") -> pd.DataFrame:
    """Validate a posts table and return it typed: counts as int, ``published_at`` as datetime.

    >>> check_posts(pd.DataFrame({"published_at": ["2026-01-05 09:00:00"], "impressions": ["-3"],
    ...     "reactions": ["1"], "comments": ["0"], "shares": ["0"], "clicks": ["0"]}))
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: posts, row 2, column 'impressions': count must be a whole number of 0 or more, not '-3'. Fix: fix the value or leave 0.
    """
    require_columns(df, ["published_at", *COUNTS], where=file)
    out = df.copy()
    for col in COUNTS:
        values = pd.to_numeric(out[col], errors="coerce")
        bad = values.isna() | (values < 0) | (values % 1 != 0)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(_('count must be a whole number of 0 or more, not {iloc!r}').format(iloc=out[col].iloc[i]), file=file,
                            row=i + 2, column=col, fix=_("fix the value or leave 0"))
        out[col] = values.astype("int64")
    when = pd.to_datetime(out["published_at"], errors="coerce")
    if when.isna().any():
        i = int(when.isna().to_numpy().nonzero()[0][0])
        raise DataError(_('not a date and time: {iloc!r}').format(iloc=out['published_at'].iloc[i]), file=file, row=i + 2,
                        column="published_at", fix=_("write YYYY-MM-DD HH:MM:SS"))
    out["published_at"] = when
    out["weekday"] = pd.Categorical(when.dt.day_name(), categories=WEEKDAYS, ordered=True)
    return out


def _formula(formula: str):
    if formula not in FORMULAS:
        raise InputError(_('unknown formula {formula!r}').format(formula=formula), where="engagement_rate(formula=...)",
                         fix=_('use one of: {formulas}').format(formulas=', '.join(FORMULAS)))
    return FORMULAS[formula]


def engagement_rate(posts: pd.DataFrame, *, formula: str = "clicks") -> pd.DataFrame:
    """The posts with ``engagements`` and ``engagement_rate`` (percent; empty when impressions are 0).

    ``attrs['formula']`` names the formula used.
    """
    parts, text = _formula(formula)
    require_columns(posts, ["impressions", *parts], where="engagement_rate(posts)")
    out = posts.copy()
    out["engagements"] = out[parts].sum(axis=1)
    imp = out["impressions"].astype("float64")
    out["engagement_rate"] = (100 * out["engagements"] / imp.where(imp > 0)).round(2)
    out.attrs["formula"] = text
    return out


def compare(posts: pd.DataFrame, by: str, *, formula: str = "clicks") -> pd.DataFrame:
    """Engagement per theme, format, persona, weekday, level or rep, best first.

    Columns: the group, ``posts``, ``impressions``, ``engagements``,
    ``engagement_rate`` (total engagements / total impressions x 100),
    ``comments_shares`` per post (seed 003 looks at shares and comments) and ``formula``.
    """
    if by not in DIMENSIONS:
        raise InputError(_('cannot compare by {by!r}').format(by=by), where="compare(by=...)",
                         fix=_('use one of: {sorted}').format(sorted=', '.join(sorted(set(DIMENSIONS)))))
    col = DIMENSIONS[by]
    er = engagement_rate(posts, formula=formula)
    if col == "weekday" and "weekday" not in er.columns:
        require_columns(er, ["published_at"], where="compare(posts)")
        er["weekday"] = pd.Categorical(pd.to_datetime(er["published_at"]).dt.day_name(), categories=WEEKDAYS,
                                       ordered=True)
    require_columns(er, [col], where="compare(posts)")
    g = er.groupby(col, observed=True)
    out = pd.DataFrame({"posts": g.size(), "impressions": g["impressions"].sum(),
                        "engagements": g["engagements"].sum(),
                        "comments_shares": (g["comments"].sum() + g["shares"].sum()) / g.size()})
    out["engagement_rate"] = (100 * out["engagements"] / out["impressions"].where(out["impressions"] > 0)).round(2)
    out["comments_shares"] = out["comments_shares"].round(2)
    out = out.reset_index().sort_values(["engagement_rate", col], ascending=[False, True]).reset_index(drop=True)
    out["formula"] = er.attrs["formula"]
    out.attrs["formula"] = er.attrs["formula"]
    return out[[col, "posts", "impressions", "engagements", "engagement_rate", "comments_shares", "formula"]]


def comparison_chart(posts: pd.DataFrame, by: str, *, formula: str = "clicks"):
    """A plotly bar chart of :func:`compare`, the formula in its title."""
    import plotly.graph_objects as go

    table = compare(posts, by, formula=formula)
    col = table.columns[0]
    fig = go.Figure(go.Bar(x=table[col].astype(str), y=table["engagement_rate"],
                           text=[ngettext("{rate:.2f}% · {n} post", "{rate:.2f}% · {n} posts", n).format(rate=v, n=n)
                                 for v, n in zip(table["engagement_rate"], table["posts"])],
                           textposition="auto",
                           hovertemplate="%{x}<br>" + _("engagement rate") + " %{y:.2f}%<extra></extra>"))
    fig.update_layout(title=_(CHART_TITLES[DIMENSIONS[by]]) + f"<br><sup>{table.attrs['formula']}</sup>",
                      yaxis_title=_("engagement rate (%)"), xaxis_title=by, template="plotly_white", height=380)
    return fig


def suggest_changes(posts: pd.DataFrame, *, formula: str = "clicks", min_posts: int = 3,
                    dimensions=("theme", "format", "persona", "weekday")) -> pd.DataFrame:
    """What to change in the next plan: for each dimension, the group to plan more of and the one to rethink.

    Only groups with at least ``min_posts`` posts count (one lucky post is no
    evidence).  Returns one row per suggestion: ``dimension``, ``group``,
    ``engagement_rate``, ``team_rate``, ``advice``.

    >>> posts = pd.DataFrame({"format": ["video"] * 3 + ["article"] * 3, "impressions": [100] * 6,
    ...     "reactions": [6, 5, 7, 1, 1, 1], "comments": [0] * 6, "shares": [0] * 6, "clicks": [0] * 6})
    >>> suggest_changes(posts, dimensions=["format"])["advice"].tolist()
    ['Plan more video: 6.00% engagement against 3.50% for all posts.', 'Rethink article: 1.00% engagement against 3.50% for all posts; try another angle or format.']
    """
    er = engagement_rate(posts, formula=formula)
    imp = er["impressions"].sum()
    team = round(100 * er["engagements"].sum() / imp, 2) if imp else float("nan")
    rows = []
    for dim in dimensions:
        if DIMENSIONS.get(dim) not in er.columns and not (dim == "weekday" and "published_at" in er.columns):
            continue
        table = compare(posts, dim, formula=formula)
        table = table[(table["posts"] >= min_posts) & table["engagement_rate"].notna()]
        if len(table) < 2:
            continue
        best, worst = table.iloc[0], table.iloc[-1]
        name = table.columns[0]
        if best["engagement_rate"] > team:
            rows.append({"dimension": dim, "group": best[name], "engagement_rate": best["engagement_rate"],
                         "team_rate": team, "advice": _("Plan more {group}: {rate:.2f}% engagement against {team:.2f}% for all "
                                                        "posts.").format(group=best[name], rate=best["engagement_rate"],
                                                                         team=team)})
        if worst["engagement_rate"] < team:
            rows.append({"dimension": dim, "group": worst[name], "engagement_rate": worst["engagement_rate"],
                         "team_rate": team, "advice": _("Rethink {group}: {rate:.2f}% engagement against {team:.2f}% for all posts; "
                                                        "try another angle or format.").format(
                             group=worst[name], rate=worst["engagement_rate"], team=team)})
    out = pd.DataFrame(rows, columns=["dimension", "group", "engagement_rate", "team_rate", "advice"])
    out.attrs["formula"] = FORMULAS[formula][1]
    return out


def plan_vs_actual(plan: pd.DataFrame, posts: pd.DataFrame, *, formula: str = "clicks") -> pd.DataFrame:
    """Each planned publication beside what its post did: the plan's items joined with their posts' metrics.

    An item is linked to its post by ``published_post_id``
    (:func:`~workbench.editorial.workflow.mark_published`); reactions in the
    plan are left out.  One row per curate or produce item, with the plan's
    columns, the post's ``published_at``, counts, ``engagements`` and
    ``engagement_rate``, and ``days_late`` (publication day minus planned
    day; empty until published).  ``attrs``: ``formula``, ``planned``,
    ``published``, ``published_pct`` and the published posts'
    ``engagement_rate`` (total over total).

    >>> plan = pd.DataFrame({"item_id": ["a", "b"], "planned_on": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...     "level": ["produce", "curate"], "format": ["video", "curated_share"], "status": ["published", "idea"],
    ...     "published_post_id": ["P7", None]})
    >>> posts = pd.DataFrame({"post_id": ["P7"], "published_at": pd.to_datetime(["2026-03-03 09:00"]),
    ...     "impressions": [400], "reactions": [10], "comments": [2], "shares": [1], "clicks": [3]})
    >>> out = plan_vs_actual(plan, posts)
    >>> out[["item_id", "engagement_rate", "days_late"]].to_dict("records")
    [{'item_id': 'a', 'engagement_rate': 4.0, 'days_late': 1.0}, {'item_id': 'b', 'engagement_rate': nan, 'days_late': nan}]
    >>> out.attrs["published"], out.attrs["published_pct"], out.attrs["engagement_rate"]
    (1, 50.0, 4.0)
    """
    parts, text = _formula(formula)
    require_columns(plan, ["item_id", "planned_on", "level", "published_post_id"], where="plan_vs_actual(plan)")
    require_columns(posts, ["post_id", "published_at", "impressions", *parts], where="plan_vs_actual(posts)")
    if posts["post_id"].duplicated().any():
        dup = posts.loc[posts["post_id"].duplicated(), "post_id"].iloc[0]
        raise InputError(_('post_id {dup!r} appears twice').format(dup=dup), where="plan_vs_actual(posts)",
                         fix=_("give every post its own post_id"))
    planned = plan[plan["level"] != "react"].copy()
    planned["published_post_id"] = planned["published_post_id"].map(
        lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) or str(v) == "" else str(v))
    known = set(posts["post_id"].astype(str))
    missing = planned[planned["published_post_id"].notna() & ~planned["published_post_id"].isin(known)]
    if len(missing):
        row = missing.iloc[0]
        raise InputError(_('item {item_id!r} is linked to post {published_post_id!r}, which the posts table does not hold').format(item_id=row['item_id'], published_post_id=row['published_post_id']), where="plan_vs_actual",
                         fix=_("load the latest posts.csv, or link the item to the right post with mark_published"))
    counts = [c for c in COUNTS if c in posts.columns]
    metrics = engagement_rate(posts[["post_id", "published_at", *counts]], formula=formula)
    metrics = metrics.assign(post_id=metrics["post_id"].astype(str))
    out = planned.merge(metrics, how="left", left_on="published_post_id", right_on="post_id").drop(columns="post_id")
    days = pd.to_datetime(out["published_at"]).dt.normalize() - pd.to_datetime(out["planned_on"]).dt.normalize()
    out["days_late"] = days.dt.days.astype("float64")
    done = out[out["published_post_id"].notna()]
    imp = done["impressions"].sum()
    rate = round(float(100 * done["engagements"].sum() / imp), 2) if imp else float("nan")
    out.attrs.update({"formula": text, "planned": len(out), "published": len(done),
                      "published_pct": round(100 * len(done) / len(out), 1) if len(out) else 0.0,
                      "engagement_rate": rate})
    return out
