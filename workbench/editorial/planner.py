"""The calendar planner: N weeks of react, curate and produce actions for each rep.

What a plan holds
-----------------
One row per *plan item*: a rep (the owner) will react, curate or produce on a
given day, about a theme of the editorial line, for a persona, in a format.
A plan item is an intention, not a publication: it moves through
``idea -> draft -> in review -> approved -> scheduled -> published``
(:func:`set_status`), the editorial manager approves produced content, and
only an approved item can be given a real publishing slot
(:func:`schedule_item`, column ``scheduled_at``, kept apart from the
``planned_on`` date).

Constraints
-----------
Hard (always met when planning succeeds: :func:`plan_calendar` audits its
own plan with :func:`check_plan` and raises rather than return a breach):

* **cadence**: each rep publishes ``posts_per_week`` items (curate + produce)
  every week, fewer only in weeks where days off leave fewer free days;
* **quotas of means**: at least ``min_produce`` produced and ``min_curate``
  curated items per rep and week, and ``react_per_week`` reactions;
* **author load**: the hours of a rep's items in a week (``format_hours``)
  stay within the rep's ``hours_per_week``;
* **days off**: nothing on a rep's days off or outside their working days,
  at most ``max_posts_per_day`` publications a day;
* **theme spacing**: a theme a rep uses in week *w* comes back for that rep
  no earlier than week *w* + ``theme_gap_weeks``;
* **formats varied**: a rep never produces the same format twice in a row;
* **personas in turn**: every persona is addressed at least once in every
  window of ``persona_window_weeks`` weeks (that holds at least as many
  publications as there are personas), by a theme that serves it.

Soft: the **content mix** (4-1-1, 5-3-2, 80-20 or a custom dict) is
approached with a largest-deficit rule and its deviation is reported by
:func:`mix_report`, never enforced at the cost of a hard constraint.

Method: a documented greedy, not a solver
-----------------------------------------
The planner is a constructive greedy.  It first checks capacity (cadence
against quotas, hours against the cheapest way to meet the quotas, themes
against the spacing, personas against the posts of a window and against the
themes that serve them, formats against the budget) and raises
:class:`InfeasiblePlan` naming the constraint, the rep and the shortfall.
When those checks pass, the rules are met week by week: a free theme always
exists (a rep's items in ``theme_gap_weeks`` weeks are fewer than the
themes), the next format is the least-used affordable one that differs from
the last, and the mix picks the category furthest below its target share.
Personas are taken *earliest deadline first* (see :class:`_Turns`): each
week the personas that must be addressed now go first, the hardest to place
first, then the rest go to the persona addressed longest ago, on the theme
that matters least to the other personas (a theme that is the only one
serving a persona is kept for that persona), never spending a persona's
last free rep-theme pair before its deadline.  Capacity checks are
necessary conditions, not sufficient ones (days off, or personas sharing few
themes under a tight cadence, can still leave no way), so the plan is then
audited with :func:`check_plan` and a breach raises :class:`InfeasiblePlan`
naming the rule, the rep and the week.  Why not CP-SAT or PuLP: neither is a
dependency of the workbench (OR-Tools alone is a ~30 MB wheel), most hard
rules decompose by week so a search buys little, and the greedy plans a year
for ten reps in well under a second, deterministically, with explanations a
trainee can read.

>>> reps = [Rep("U1", "Amina", posts_per_week=3), Rep("U2", "Farid", posts_per_week=2)]
>>> line = pd.DataFrame({"theme_id": ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"],
...                      "theme": list("ABCDEFGHI"), "personas": [["P1"], ["P2"]] * 4 + [["P1", "P2"]]})
>>> plan = plan_calendar(reps, line, ["P1", "P2"], weeks=4, start="2026-03-02")
>>> plan.groupby("level").size().to_dict()
{'curate': 12, 'produce': 8, 'react': 24}
>>> len(check_plan(plan, reps, line, ["P1", "P2"]))
0
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import InputError
from ..i18n.messages import N_, _, ngettext
from .audit import check_plan
from .rules import (
    CURATE_FORMAT,
    MAX_WEEKS,
    MIX_CATEGORIES,
    PLAN_COLUMNS,
    REACT_FORMAT,
    InfeasiblePlan,
    PlanRules,
    Rep,
    persona_ids_of,
    reps_frame,
    start_day,
    themes_of,
)


def _check_feasible(reps: list[Rep], themes: list[dict], persona_ids: list[str], rules: PlanRules,
                    weeks: int) -> None:
    """Raise :class:`InfeasiblePlan` for the first constraint that cannot hold, with the shortfall."""
    hours = rules.format_hours
    formats = list(rules.formats)
    if not formats:
        raise InfeasiblePlan("formats", _("no format allowed for produced content"), _("allow at least one format"))
    unknown = [f for f in formats + [CURATE_FORMAT, REACT_FORMAT] if f not in hours]
    if unknown:
        raise InfeasiblePlan("formats", _("no effort in hours for these formats: {formats}").format(
            formats=", ".join(unknown)), _("add them to PlanRules(format_hours=...)"))
    by_cost = sorted(hours[f] for f in formats)
    for r in reps:
        need_posts = rules.min_produce + rules.min_curate
        who = r.name or r.rep_id
        if r.posts_per_week < need_posts:
            raise InfeasiblePlan(
                "cadence", ngettext(
                    "{who} publishes {n} item a week but the quotas need {need} (produce {produce} + curate "
                    "{curate}): short by {short}",
                    "{who} publishes {n} items a week but the quotas need {need} (produce {produce} + curate "
                    "{curate}): short by {short}", r.posts_per_week).format(
                    who=who, n=r.posts_per_week, need=need_posts, produce=rules.min_produce,
                    curate=rules.min_curate, short=need_posts - r.posts_per_week),
                _("raise {rep}'s posts_per_week or lower the quotas").format(rep=r.rep_id))
        if r.posts_per_week > len(r.workdays) * rules.max_posts_per_day:
            raise InfeasiblePlan(
                "days off", ngettext(
                    "{who} should publish {n} items a week but works {days} day with at most {per_day} a day: "
                    "over by {over}",
                    "{who} should publish {n} items a week but works {days} days with at most {per_day} a day: "
                    "over by {over}", len(r.workdays)).format(
                    who=who, n=r.posts_per_week, days=len(r.workdays), per_day=rules.max_posts_per_day,
                    over=r.posts_per_week - len(r.workdays) * rules.max_posts_per_day),
                _("lower posts_per_week or allow more posts a day"))
        p = rules.min_produce
        produce_h = _alt_cost(p, by_cost)
        need_h = (produce_h + (r.posts_per_week - p) * hours[CURATE_FORMAT] + r.react_per_week * hours[REACT_FORMAT])
        if need_h > r.hours_per_week + 1e-9:
            raise InfeasiblePlan(
                "author load", _(
                    "{who} has {hours:g} h a week but the quotas need at least {need:.2f} h ({produced} produced, "
                    "{curated} curated, {reactions} reactions, formats alternating): short by {short:.2f} h").format(
                    who=who, hours=r.hours_per_week, need=need_h, produced=p, curated=r.posts_per_week - p,
                    reactions=r.react_per_week, short=need_h - r.hours_per_week),
                _("give {rep} more hours, or lower min_produce, posts_per_week or react_per_week").format(
                    rep=r.rep_id))
    gap = rules.theme_gap_weeks
    busiest = max(reps, key=lambda r: r.posts_per_week)
    if gap > 0 and busiest.posts_per_week * gap > len(themes):
        need = busiest.posts_per_week * gap
        raise InfeasiblePlan(
            "theme spacing", ngettext(
                "{who} publishes {n} items a week, so no theme repeating within {gap} weeks needs {need} themes; "
                "the line has {themes}: short by {short} theme",
                "{who} publishes {n} items a week, so no theme repeating within {gap} weeks needs {need} themes; "
                "the line has {themes}: short by {short} themes", need - len(themes)).format(
                who=busiest.name or busiest.rep_id, n=busiest.posts_per_week, gap=gap, need=need,
                themes=len(themes), short=need - len(themes)),
            _("shorten theme_gap_weeks to {gap} or add themes").format(
                gap=max(len(themes) // busiest.posts_per_week, 0)))
    served = {p for t in themes for p in t["personas"]}
    lonely = [p for p in persona_ids if p not in served]
    if lonely:
        raise InfeasiblePlan("personas", _("no theme of the line serves these personas: {personas}").format(
            personas=", ".join(lonely)), _("map at least one theme to each persona"))
    window = min(rules.persona_window_weeks, weeks)
    team = sum(r.posts_per_week for r in reps) * window
    if window > 0 and team < len(persona_ids):
        raise InfeasiblePlan(
            "personas in turn", ngettext(
                "the team publishes {team} items in {window} week but there are {personas} personas to address in "
                "that window: short by {short}",
                "the team publishes {team} items in {window} weeks but there are {personas} personas to address in "
                "that window: short by {short}", window).format(
                team=team, window=window, personas=len(persona_ids), short=len(persona_ids) - team),
            _("lengthen persona_window_weeks or raise posts_per_week"))
    authors = sum(r.posts_per_week > 0 for r in reps)
    w, g = rules.persona_window_weeks, rules.theme_gap_weeks
    for p in persona_ids:
        ids = [t["theme_id"] for t in themes if p in t["personas"]]
        pairs = authors * len(ids)
        short = _turns_short(pairs, w, g, weeks)
        if short:
            raise InfeasiblePlan(
                "personas in turn", ngettext(
                    "persona {persona} has {n} theme ({themes}) and a rep repeats a theme only after {gap} weeks, so "
                    "a team of {authors} cannot address {persona} in every {window} weeks: that takes {takes} "
                    "rep-theme pairs taking turns, there are {pairs}: short by {short}",
                    "persona {persona} has {n} themes ({themes}) and a rep repeats a theme only after {gap} weeks, so "
                    "a team of {authors} cannot address {persona} in every {window} weeks: that takes {takes} "
                    "rep-theme pairs taking turns, there are {pairs}: short by {short}", len(ids)).format(n=len(ids),
                    persona=p, themes=", ".join(ids), gap=g, authors=authors, window=w, takes=math.ceil(g / w),
                    pairs=pairs, short=short),
                _("map more themes to {persona}, widen persona_window_weeks to {window}, shorten theme_gap_weeks "
                  "to {gap}, or plan with more reps").format(persona=p, window=math.ceil(g / pairs), gap=pairs * w))


def _turns_short(pairs: int, window: int, gap: int, weeks: int) -> int:
    """How many rep-theme pairs a persona lacks to be addressed in every window of ``window`` weeks (0: enough).

    A pair (a rep, a theme serving the persona) is used at most once in any
    ``gap`` consecutive weeks (weeks *w* and *w* + ``gap`` are allowed).
    Covering every window means uses at most ``window`` weeks apart, and a
    plan of ``weeks`` weeks needs ``ceil((weeks - window + 1) / window)`` of
    them.  When that is more than ``pairs``, some pair serves twice within
    ``pairs x window`` weeks, so ``pairs x window >= gap`` is needed; taking
    the pairs in turn, one every ``window`` weeks, shows it is enough.

    >>> _turns_short(1, 2, 3, weeks=8), _turns_short(2, 2, 3, weeks=8), _turns_short(1, 2, 3, weeks=3)
    (1, 0, 0)
    """
    if window <= 0 or weeks < window:
        return 0
    uses = math.ceil((weeks - window + 1) / window)
    if uses <= pairs or pairs * window >= gap:
        return 0
    return math.ceil(gap / window) - pairs


def plan_calendar(reps, line: pd.DataFrame, personas, *, weeks: int, start, rules: PlanRules | None = None,
                  manager: str | None = None, progress: bool = False) -> pd.DataFrame:
    """Plan ``weeks`` weeks from ``start`` for ``reps`` on the themes of ``line`` and the ``personas``.

    ``line`` is the editorial line (:func:`~workbench.editorial.themes.shortlist`:
    ``theme``, optional ``theme_id`` and ``personas`` lists); ``personas`` a
    list of :class:`~workbench.editorial.personas.Persona` or ids; ``manager``
    the editorial manager who approves.  Returns one row per plan item (columns
    :data:`PLAN_COLUMNS`, every status ``idea``); ``plan.attrs`` keeps the rules,
    the manager, ``notes`` on weeks shortened by days off and ``hard_breaches``,
    what its own :func:`check_plan` audit found (a plan is only returned with 0).
    Raises :class:`InfeasiblePlan` when the constraints cannot hold.
    """
    rules = rules or PlanRules()
    if not isinstance(weeks, int) or weeks < 1:
        raise InputError(_('weeks must be a positive whole number, not {weeks!r}').format(weeks=weeks), where="plan_calendar(weeks=...)",
                         fix=_("plan at least one week, e.g. weeks=12"))
    if weeks > MAX_WEEKS:
        raise InputError(_('{weeks} weeks is more than a plan can hold ({max_weeks} weeks, ten years)').format(weeks=weeks, max_weeks=MAX_WEEKS),
                         where="plan_calendar(weeks=...)", fix=_("plan the months ahead, e.g. weeks=12"))
    for name in ("min_produce", "min_curate", "theme_gap_weeks", "persona_window_weeks", "max_posts_per_day"):
        if getattr(rules, name) < 0:
            raise InputError(_('{name} is negative').format(name=name), where="PlanRules", fix=_('set {name} to 0 or more').format(name=name))
    reps = reps_frame(reps)
    persona_ids = persona_ids_of(personas)
    themes = themes_of(line, persona_ids)
    shares = rules.mix_shares()
    start = start_day(start)
    _check_feasible(reps, themes, persona_ids, rules, weeks)
    hours = rules.format_hours
    formats = list(rules.formats)
    produce_cats = [c for c in shares if c != "curated"] or ["original"]

    state = {r.rep_id: {"theme_last": {}, "last_format": None, "format_count": {f: 0 for f in formats},
                        "mix": {c: 0 for c in MIX_CATEGORIES}, "posts": 0, "react_theme": i}
             for i, r in enumerate(reps)}
    turns = _Turns(themes, persona_ids, reps, rules, weeks, start)
    format_team = {f: 0 for f in formats}
    notes: list[str] = []
    rows: list[dict] = []
    by_cost = sorted(hours[f] for f in formats)
    cheap2 = sorted(formats, key=lambda f: (hours[f], formats.index(f)))[:2]

    weeks_iter = range(weeks)
    if progress:
        from tqdm.auto import tqdm

        weeks_iter = tqdm(weeks_iter, desc=_("planning weeks"), unit=_("week"))
    days_off = {r.rep_id: r.off_dates() for r in reps}
    for w in weeks_iter:
        week_start = start + pd.Timedelta(days=7 * w)
        days = [week_start + pd.Timedelta(days=d) for d in range(7)]
        week_items = []
        for r in reps:
            free = [d for d in days if d.weekday() in r.workdays and d not in days_off[r.rep_id]]
            capacity = len(free) * rules.max_posts_per_day
            n_posts = min(r.posts_per_week, capacity)
            if n_posts < r.posts_per_week:
                notes.append(_("{rep} week {week}: {n} of {total} items (days off)").format(
                    rep=r.rep_id, week=w + 1, n=n_posts, total=r.posts_per_week))
            n_prod = min(rules.min_produce, n_posts)
            n_cur = min(rules.min_curate, n_posts - n_prod)
            budget = (r.hours_per_week - r.react_per_week * hours[REACT_FORMAT] * (1 if free else 0)
                      - (n_posts - n_prod) * hours[CURATE_FORMAT])
            st = state[r.rep_id]
            levels = ["produce"] * n_prod + ["curate"] * n_cur
            # extra slots: curate or produce, whichever the content mix misses most, if the hours allow
            for _slot in range(n_posts - n_prod - n_cur):
                total = st["posts"] + len(levels) + 1
                cur_count = st["mix"]["curated"] + levels.count("curate")
                deficit_cur = shares.get("curated", 0) * total - cur_count
                deficit_prod = (1 - shares.get("curated", 0)) * total - (total - 1 - cur_count)
                produced = levels.count("produce")
                if deficit_prod > deficit_cur and budget + hours[CURATE_FORMAT] >= _alt_cost(produced + 1, by_cost):
                    levels.append("produce")
                    budget += hours[CURATE_FORMAT]  # this slot no longer costs a curated share
                else:
                    levels.append("curate")
            # spread the publications over the free days, produced content first in the week
            levels.sort(key=lambda lv: 0 if lv == "produce" else 1)
            slots = _spread(free, len(levels), rules.max_posts_per_day)
            remaining_prod = levels.count("produce")
            for level, day in zip(levels, slots):
                item = {"rep": r, "level": level, "day": day, "week": w + 1}
                if level == "produce":
                    remaining_prod -= 1
                    # affordable formats that still leave hours for the rest of the week, formats alternating
                    allowed = [f for f in formats if f != st["last_format"] or len(formats) == 1]
                    allowed = [f for f in allowed
                               if hours[f] + _alt_after(remaining_prod, f, cheap2, hours) <= budget + 1e-9]
                    fmt = min(allowed or [cheap2[0]],
                              key=lambda f: (st["format_count"][f], format_team[f], formats.index(f)))
                    budget -= hours[fmt]
                    st["last_format"] = fmt
                    st["format_count"][fmt] += 1
                    format_team[fmt] += 1
                    cat = max(produce_cats, key=lambda c: (shares.get(c, 0) * (st["posts"] + 1) - st["mix"][c],
                                                           -produce_cats.index(c)))
                else:
                    fmt, cat = CURATE_FORMAT, "curated"
                st["mix"][cat] += 1
                st["posts"] += 1
                item.update(format=fmt, mix=cat)
                week_items.append(item)
            if free:
                react_days = _spread(free, r.react_per_week, r.react_per_week)
                for day in react_days:
                    week_items.append({"rep": r, "level": "react", "day": day, "week": w + 1,
                                       "format": REACT_FORMAT, "mix": ""})
        week_items.sort(key=lambda it: (it["day"], it["level"] == "react", it["rep"].rep_id))
        for it in week_items:
            if it["level"] == "react":
                st = state[it["rep"].rep_id]
                it.update(theme=themes[st["react_theme"] % len(themes)], persona="")
                st["react_theme"] += 1
        turns.assign([it for it in week_items if it["level"] != "react"], w + 1,
                     {r.rep_id: state[r.rep_id]["theme_last"] for r in reps})
        for it in week_items:
            r = it["rep"]
            rows.append({
                "week": it["week"], "planned_on": it["day"], "weekday": it["day"].day_name(),
                "rep_id": r.rep_id, "owner": r.name or r.rep_id, "level": it["level"], "format": it["format"],
                "mix": it["mix"], "theme_id": it["theme"]["theme_id"], "theme": it["theme"]["theme"],
                "persona_id": it["persona"], "hours": hours[it["format"]]})
    plan = pd.DataFrame(rows, columns=[c for c in PLAN_COLUMNS if c not in (
        "item_id", "status", "revision", "needs_approval", "approved_by", "scheduled_at", "published_post_id")])
    plan = plan.sort_values(["planned_on", "rep_id", "level"], kind="stable").reset_index(drop=True)
    seq = plan.groupby(["rep_id", "planned_on", "level"]).cumcount() + 1
    plan.insert(0, "item_id", [f"{r}-{d:%Y%m%d}-{lv[0]}{k}" for r, d, lv, k in
                               zip(plan["rep_id"], plan["planned_on"], plan["level"], seq)])
    plan["status"] = "idea"
    plan["revision"] = 0
    plan["needs_approval"] = plan["level"] == "produce"
    plan["approved_by"] = None
    plan["scheduled_at"] = pd.NaT
    plan["published_post_id"] = None
    plan = plan[PLAN_COLUMNS]
    plan.attrs.update({"rules": rules, "manager": manager, "start": start, "weeks": weeks, "notes": notes,
                       "method": "greedy"})
    breaches = check_plan(plan, reps, line, persona_ids, rules=rules)
    plan.attrs["hard_breaches"] = len(breaches)  # what the audit found: a plan is only returned with none
    if len(breaches):
        first = breaches.iloc[0]
        found = ngettext("the planner found no way to keep this rule: {detail}; {n} breach in all",
                         "the planner found no way to keep this rule: {detail}; {n} breaches in all", len(breaches))
        if first["rep_id"]:
            found = ngettext("the planner found no way to keep this rule: {detail} (rep {rep}, week {week}); "
                             "{n} breach in all",
                             "the planner found no way to keep this rule: {detail} (rep {rep}, week {week}); "
                             "{n} breaches in all", len(breaches))
        raise InfeasiblePlan(first["constraint"], found.format(detail=first["detail"], rep=first["rep_id"],
                                                               week=first["week"], n=len(breaches)),
                             _(_RELAX.get(first["constraint"], N_("relax that rule"))))
    return plan


_RELAX = {
    "personas in turn": N_("map more themes to that persona, widen persona_window_weeks, shorten theme_gap_weeks "
                           "or plan with more reps"),
    "formats varied": N_("allow more formats or give the rep more hours"),
    "author load": N_("give the rep more hours, or lower posts_per_week or min_produce"),
}


class _Turns:
    """Which persona each publication addresses, and on which theme: personas taken earliest deadline first.

    Every window of ``window`` weeks must address every persona, so a persona
    last addressed in week *v* is *due* in week *v* + ``window``.  Each week,
    the due personas are placed first, the one with the fewest open
    publications able to take it first, each on the theme worth least to the
    other personas (a persona's *dependence* on a theme is 1 / the number of
    themes serving it; a theme's *worth* sums its personas' dependence).  The
    other publications, in date order, take the persona addressed longest ago
    on the least-worth free theme, unless that would leave the persona no
    rep-theme pair free for its next deadline.  A rep's themes respect ``gap``
    throughout.
    """

    def __init__(self, themes: list[dict], persona_ids: list[str], reps: list[Rep], rules: PlanRules, weeks: int,
                 start):
        self.themes, self.ids, self.weeks, self.start = themes, persona_ids, weeks, start
        self.window, self.gap = rules.persona_window_weeks, rules.theme_gap_weeks
        self.authors = [r.rep_id for r in reps if r.posts_per_week > 0]
        self.serving = {p: [t for t in themes if p in t["personas"]] for p in persona_ids}
        self.worth = {t["theme_id"]: sum(1 / len(self.serving[p]) for p in t["personas"]) for t in themes}
        self.last_week = {p: 0 for p in persona_ids}
        self.last_day = {p: -10**9 for p in persona_ids}
        self.theme_day = {t["theme_id"]: -10**9 for t in themes}

    def assign(self, items: list[dict], week: int, theme_last: dict) -> None:
        """Set ``theme`` and ``persona`` on the week's publications; ``theme_last[rep_id][theme_id]`` is updated."""
        def free(it, theme):
            return week - theme_last[it["rep"].rep_id].get(theme["theme_id"], -10**9) >= self.gap

        open_items = list(items)
        due = [p for p in self.ids if self.window and self.last_week[p] + self.window <= week]
        while due and open_items:
            options = {p: [(it, t) for it in open_items for t in self.serving[p] if free(it, t)] for p in due}
            due = [p for p in due if options[p]]
            if not due:
                break
            persona = min(due, key=lambda p: (len(options[p]), self.ids.index(p)))
            it, theme = min(options[persona], key=lambda o: (self.worth[o[1]["theme_id"]],
                                                             self.theme_day[o[1]["theme_id"]], o[1]["order"]))
            self._give(it, theme, persona, week, theme_last)
            open_items.remove(it)
            due.remove(persona)
        for it in open_items:
            rep_id = it["rep"].rep_id
            theme, persona = min(((t, p) for t in self.themes if free(it, t) for p in t["personas"]),
                                 key=lambda tp: (not self._spare(tp[1], week, rep_id, tp[0]["theme_id"], theme_last),
                                                 self.last_week[tp[1]], self.worth[tp[0]["theme_id"]],
                                                 self.last_day[tp[1]], self.theme_day[tp[0]["theme_id"]],
                                                 tp[0]["order"], self.ids.index(tp[1])))
            self._give(it, theme, persona, week, theme_last)

    def _spare(self, persona: str, week: int, rep_id: str, theme_id: str, theme_last: dict) -> bool:
        """Whether ``rep_id`` addressing ``persona`` now on ``theme_id`` leaves a pair free for its next deadline."""
        deadline = week + self.window
        if not self.window or deadline > self.weeks or self.gap <= self.window:
            return True
        for r in self.authors:
            used = theme_last[r]
            for t in self.serving[persona]:
                tid = t["theme_id"]
                if (r, tid) != (rep_id, theme_id) and used.get(tid, -10**9) + self.gap <= deadline:
                    return True
        return False

    def _give(self, it: dict, theme: dict, persona: str, week: int, theme_last: dict) -> None:
        day = (it["day"] - self.start).days
        self.last_week[persona], self.last_day[persona] = week, day
        self.theme_day[theme["theme_id"]] = day
        theme_last[it["rep"].rep_id][theme["theme_id"]] = week
        it.update(theme=theme, persona=persona)


def _alt_cost(k: int, by_cost: list) -> float:
    """Hours of ``k`` produced items when formats must alternate: the two cheapest, taking turns."""
    if len(by_cost) == 1:
        return k * by_cost[0]
    return math.ceil(k / 2) * by_cost[1] + (k // 2) * by_cost[0]


def _alt_after(k: int, first: str, cheap2: list, hours: dict) -> float:
    """Hours of ``k`` more produced items after format ``first``, alternating the two cheapest formats."""
    if k <= 0:
        return 0.0
    if len(cheap2) == 1:
        return k * hours[cheap2[0]]
    a, b = (cheap2[1], cheap2[0]) if first == cheap2[0] else (cheap2[0], cheap2[1])
    return math.ceil(k / 2) * hours[a] + (k // 2) * hours[b]


def _spread(days: list, n: int, per_day: int) -> list:
    """``n`` dates from ``days``, as evenly spaced as possible, at most ``per_day`` on one date."""
    if n <= 0 or not days:
        return []
    out = []
    k = len(days)
    for i in range(n):
        out.append(days[(i * k // n) if n <= k else (i % k)])
    if n > k:
        out.sort()
    return out[: k * per_day]

