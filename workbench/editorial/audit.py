"""The audit of an editorial plan: every breach of a hard rule, and how far the content mix is from its target.

:func:`check_plan` audits any plan (the planner's own, or one edited by
hand) independently of how it was made; :func:`mix_report` compares the
share of each content-mix category with the rule's.

>>> plan = pd.DataFrame({"level": ["curate", "produce"], "mix": ["curated", "original"]})
>>> mix_report(plan, "80-20").attrs["mix_deviation"]
30.0
"""

from __future__ import annotations

import pandas as pd

from ..errors import require_columns
from ..i18n.messages import _, ngettext
from .rules import PlanRules, persona_ids_of, reps_frame, themes_of


def check_plan(plan: pd.DataFrame, reps, line: pd.DataFrame, personas, *, rules: PlanRules | None = None
               ) -> pd.DataFrame:
    """Every breach of a hard constraint, one row each: constraint, rep_id, week, detail.

    An independent audit of a plan (the planner's own, or one edited by hand):
    an empty table means every hard rule holds.

    >>> from workbench.editorial.planner import plan_calendar
    >>> from workbench.editorial.rules import Rep
    >>> reps = [Rep("U1", "Amina", posts_per_week=2, react_per_week=0)]
    >>> line = pd.DataFrame({"theme": list("ABCDEFG")})
    >>> plan = plan_calendar(reps, line, ["P1"], weeks=2, start="2026-03-02")
    >>> plan.loc[plan["level"] == "produce", "format"] = "testimonial"  # the same format twice in a row
    >>> check_plan(plan, reps, line, ["P1"])[["constraint", "rep_id", "week"]].to_dict("records")
    [{'constraint': 'formats varied', 'rep_id': 'U1', 'week': 2}]
    """
    rules = rules or plan.attrs.get("rules") or PlanRules()
    require_columns(plan, ["rep_id", "week", "planned_on", "level", "format", "theme_id", "persona_id"],
                    where="check_plan(plan)")
    reps = reps_frame(reps)
    persona_ids = persona_ids_of(personas)
    themes = {t["theme_id"]: t for t in themes_of(line, persona_ids)}
    hours = rules.format_hours
    out = []

    def breach(constraint, rep_id, week, detail):
        out.append({"constraint": constraint, "rep_id": rep_id, "week": week, "detail": detail})

    if plan.empty:
        return pd.DataFrame(out, columns=["constraint", "rep_id", "week", "detail"])
    start = pd.Timestamp(plan.attrs.get("start", plan["planned_on"].min())).normalize()
    n_weeks = int(plan.attrs.get("weeks", plan["week"].max()))
    # a plain table: pandas deep-copies a frame's attrs (the rules, the notes) in every operation
    audited = pd.DataFrame({c: plan[c].to_numpy() for c in ("rep_id", "week", "level", "format", "theme_id",
                                                            "persona_id")})
    audited["planned_on"] = pd.to_datetime(plan["planned_on"].to_numpy()).normalize()
    plan = audited
    pub = plan[plan["level"] != "react"]
    counts = plan.groupby(["rep_id", "week", "level"]).size().to_dict()
    load = plan["format"].map(hours).fillna(0).groupby([plan["rep_id"], plan["week"]]).sum().to_dict()
    for r in reps:
        off = r.off_dates()
        for w in range(1, n_weeks + 1):
            week_start = start + pd.Timedelta(days=7 * (w - 1))
            free = [week_start + pd.Timedelta(days=d) for d in range(7)]
            free = [d for d in free if d.weekday() in r.workdays and d not in off]
            expected = min(r.posts_per_week, len(free) * rules.max_posts_per_day)
            n_prod, n_cur, n_react = (counts.get((r.rep_id, w, k), 0) for k in ("produce", "curate", "react"))
            if n_prod + n_cur != expected:
                breach("cadence", r.rep_id, w, _("{n} publications, expected {expected}").format(n=n_prod + n_cur, expected=expected))
            if n_prod < min(rules.min_produce, expected):
                breach("quota produce", r.rep_id, w, _("{n} produced, quota {quota}").format(n=n_prod, quota=rules.min_produce))
            if n_cur < min(rules.min_curate, max(expected - rules.min_produce, 0)):
                breach("quota curate", r.rep_id, w, _("{n} curated, quota {quota}").format(n=n_cur, quota=rules.min_curate))
            if free and n_react < r.react_per_week:
                breach("quota react", r.rep_id, w, _("{n} reactions, quota {quota}").format(n=n_react, quota=r.react_per_week))
            h = float(load.get((r.rep_id, w), 0.0))
            if h > r.hours_per_week + 1e-9:
                breach("author load", r.rep_id, w, _("{planned:.2f} h planned, {available:g} h available").format(
                    planned=h, available=r.hours_per_week))
        mine = plan[plan["rep_id"] == r.rep_id]
        bad_day = mine[mine["planned_on"].isin(off) | ~mine["planned_on"].dt.day_of_week.isin(r.workdays)]
        for day, week in zip(bad_day["planned_on"], bad_day["week"]):
            breach("days off", r.rep_id, int(week), _("item on {day}, a day off").format(day=f"{day:%Y-%m-%d}"))
    per_day = pub.groupby(["rep_id", "planned_on"]).size()
    for (rep_id, day), n in per_day[per_day > rules.max_posts_per_day].items():
        breach("posts per day", rep_id, int((day - start).days // 7 + 1), _("{n} publications on {day}").format(n=n, day=f"{day:%Y-%m-%d}"))
    ordered = pub.sort_values(["rep_id", "planned_on"], kind="stable")
    gaps = ordered.groupby(["rep_id", "theme_id"])["week"].diff()
    for i in gaps.index[gaps < rules.theme_gap_weeks]:
        row = ordered.loc[i]
        breach("theme spacing", row["rep_id"], int(row["week"]),
               ngettext("theme {theme} again after {n} week", "theme {theme} again after {n} weeks",
                        int(gaps[i])).format(theme=row["theme_id"], n=int(gaps[i])))
    if len(set(rules.formats)) > 1:
        prod = ordered[ordered["level"] == "produce"]
        same = prod["format"].eq(prod.groupby("rep_id")["format"].shift())
        for rep_id, week, fmt in zip(prod.loc[same, "rep_id"], prod.loc[same, "week"], prod.loc[same, "format"]):
            breach("formats varied", rep_id, int(week), _("{format} twice in a row").format(format=fmt))
    for rep_id, week, theme_id, persona in zip(pub["rep_id"], pub["week"], pub["theme_id"], pub["persona_id"]):
        t = themes.get(theme_id)
        if t is None:
            breach("themes", rep_id, int(week), _("theme {theme} is not in the line").format(theme=theme_id))
        elif persona not in t["personas"]:
            breach("personas", rep_id, int(week), _("theme {theme} does not serve persona {persona}").format(theme=theme_id, persona=persona))
    window = rules.persona_window_weeks
    if window > 0:
        weekly = pub.groupby("week")["persona_id"].agg(list).to_dict()
        for w in range(1, n_weeks - window + 2):
            in_window = [p for v in range(w, w + window) for p in weekly.get(v, [])]
            if len(in_window) < len(persona_ids):  # days off left too few publications: nothing to blame
                continue
            seen = set(in_window)
            for p in persona_ids:
                if p not in seen:
                    breach("personas in turn", "", w, _("persona {persona} not addressed in weeks {first} to {last}").format(
                        persona=p, first=w, last=w + window - 1))
    return pd.DataFrame(out, columns=["constraint", "rep_id", "week", "detail"])


def mix_report(plan: pd.DataFrame, rules: PlanRules | str | dict | None = None, *, by_rep: bool = False
               ) -> pd.DataFrame:
    """Target and actual share of each content-mix category, and the deviation in percentage points.

    ``plan.attrs['mix_deviation']`` (set on the returned table) is half the sum
    of absolute deviations: the share of publications that would have to change
    category to meet the rule exactly.

    >>> plan = pd.DataFrame({"level": ["curate"] * 3 + ["produce"], "mix": ["curated"] * 3 + ["original"]})
    >>> rep = mix_report(plan, "80-20")
    >>> rep[["category", "target_pct", "actual_pct", "deviation_pts"]].to_dict("records")
    [{'category': 'curated', 'target_pct': 80.0, 'actual_pct': 75.0, 'deviation_pts': -5.0}, {'category': 'original', 'target_pct': 20.0, 'actual_pct': 25.0, 'deviation_pts': 5.0}]
    >>> rep.attrs["mix_deviation"]
    5.0
    """
    if rules is None:
        rules = plan.attrs.get("rules") or PlanRules()
    if not isinstance(rules, PlanRules):
        rules = PlanRules(mix=rules)
    require_columns(plan, ["level", "mix"], where="mix_report(plan)")
    shares = rules.mix_shares()
    pub = plan[plan["level"] != "react"]
    groups = [("team", pub)] if not by_rep else list(pub.groupby("rep_id"))
    rows = []
    for who, part in groups:
        n = len(part)
        counts = part["mix"].value_counts()
        cats = list(shares) + [c for c in counts.index if c not in shares and c]
        for c in cats:
            actual = 100 * counts.get(c, 0) / n if n else 0.0
            target = 100 * shares.get(c, 0.0)
            rows.append({"who": who, "category": c, "target_pct": round(target, 1), "actual_pct": round(actual, 1),
                         "deviation_pts": round(actual - target, 1), "items": int(counts.get(c, 0))})
    out = pd.DataFrame(rows)
    if not by_rep:
        out = out.drop(columns="who")
    out.attrs["mix_deviation"] = round(float(out["deviation_pts"].abs().sum()) / 2 / (len(groups) or 1), 1)
    return out

