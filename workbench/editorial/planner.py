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
from dataclasses import dataclass, field, replace

import pandas as pd

from ..errors import DataError, InputError, require_columns

LEVELS = ("react", "curate", "produce")
PRODUCE_FORMATS = ("article", "testimonial", "infographic", "video", "short_post")
CURATE_FORMAT = "curated_share"
REACT_FORMAT = "reaction"
FORMAT_HOURS = {"article": 3.0, "testimonial": 2.0, "infographic": 2.5, "video": 4.0, "short_post": 0.5,
                CURATE_FORMAT: 0.25, REACT_FORMAT: 0.1}
STATUSES = ("idea", "draft", "in review", "approved", "scheduled", "published")
MIX_CATEGORIES = ("curated", "original", "promotional", "humanising")
MIX_RULES = {
    "4-1-1": {"curated": 4, "original": 1, "promotional": 1},
    "5-3-2": {"curated": 5, "original": 3, "humanising": 2},
    "80-20": {"curated": 80, "original": 20},
}
PLAN_COLUMNS = ["item_id", "week", "planned_on", "weekday", "rep_id", "owner", "level", "format", "mix",
                "theme_id", "theme", "persona_id", "hours", "status", "revision", "needs_approval", "approved_by",
                "scheduled_at", "published_post_id"]


class InfeasiblePlan(InputError):
    """The constraints cannot all hold; the message names the constraint and the shortfall."""

    def __init__(self, constraint: str, what: str, fix: str):
        self.constraint = constraint
        super().__init__(what, where=f"constraint '{constraint}'", fix=fix)


@dataclass(frozen=True)
class Rep:
    """One author: cadence, reactions, time for social selling, and days off."""

    rep_id: str
    name: str = ""
    posts_per_week: int = 3
    react_per_week: int = 3
    hours_per_week: float = 4.0
    days_off: tuple = ()
    workdays: tuple = (0, 1, 2, 3, 4)  # Monday = 0

    def off_dates(self) -> set:
        return {pd.Timestamp(d).normalize() for d in self.days_off}


@dataclass(frozen=True)
class PlanRules:
    """The team's rules.  ``mix`` is a rule name of :data:`MIX_RULES` or a dict of category shares."""

    min_produce: int = 1
    min_curate: int = 1
    mix: str | dict = "4-1-1"
    theme_gap_weeks: int = 3
    persona_window_weeks: int = 2
    formats: tuple = PRODUCE_FORMATS
    format_hours: dict = field(default_factory=lambda: dict(FORMAT_HOURS))
    max_posts_per_day: int = 1

    def mix_shares(self) -> dict:
        """The target share of each mix category, summing to 1.

        >>> PlanRules(mix="80/20").mix_shares()
        {'curated': 0.8, 'original': 0.2}
        """
        rule = self.mix
        if isinstance(rule, str):
            key = rule.strip().replace("/", "-").replace(" ", "")
            if key not in MIX_RULES:
                raise InputError(f"unknown content-mix rule {rule!r}", where="PlanRules(mix=...)",
                                 fix=f"use one of {', '.join(MIX_RULES)} or a dict like {{'curated': 3, 'original': 1}}")
            rule = MIX_RULES[key]
        if not isinstance(rule, dict) or not rule:
            raise InputError("a custom mix must be a dict of category: weight", where="PlanRules(mix=...)",
                             fix="for example {'curated': 3, 'original': 1}")
        bad = [k for k in rule if k not in MIX_CATEGORIES]
        if bad or any(not isinstance(v, (int, float)) or v < 0 for v in rule.values()) or sum(rule.values()) <= 0:
            raise InputError(f"custom mix {rule!r} has unknown categories or weights that are not positive",
                             where="PlanRules(mix=...)",
                             fix=f"use categories among {', '.join(MIX_CATEGORIES)} with weights of 0 or more")
        total = sum(rule.values())
        return {k: v / total for k, v in rule.items()}


def reps_frame(reps, *, defaults: dict | None = None, file: str = "plan_calendar(reps)") -> list[Rep]:
    """Accept a list of :class:`Rep` or a DataFrame (``rep_id`` plus optional Rep fields) and return Reps.

    In a DataFrame, ``days_off`` is text of dates separated by ``;`` and
    ``workdays`` digits (``01234`` = Monday to Friday).  An empty cell takes
    its value from ``defaults`` (a command line's settings, say), else the
    :class:`Rep` default; ``file`` names the table in error messages.

    >>> table = pd.DataFrame({"rep_id": ["U1", "U2"], "name": ["Amina", "Bo"], "posts_per_week": ["", "2"],
    ...                       "days_off": ["2026-03-03;2026-03-04", ""]})
    >>> [(r.rep_id, r.posts_per_week, r.days_off) for r in reps_frame(table, defaults={"posts_per_week": 4})]
    [('U1', 4, ('2026-03-03', '2026-03-04')), ('U2', 2, ())]
    >>> reps_frame(table.assign(workdays=["0123", "Mon-Fri"]), file="reps.csv")
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: reps.csv, row 3, column 'workdays': 'Mon-Fri' is not a list of weekday digits. Fix: write the working days as digits, 0 for Monday to 6 for Sunday: 01234 is Monday to Friday.
    """
    if isinstance(reps, pd.DataFrame):
        require_columns(reps, ["rep_id"], where=file)
        reps = [Rep(**{**(defaults or {}), **_rep_fields(row, i + 2, file)})
                for i, row in enumerate(reps.to_dict("records"))]
    reps = list(reps)
    if not reps:
        raise InputError("no reps given", where="plan_calendar(reps)", fix="give at least one Rep")
    if len({r.rep_id for r in reps}) != len(reps):
        raise InputError("a rep_id appears twice", where="plan_calendar(reps)", fix="give each rep once")
    return reps


def _rep_fields(row: dict, line: int, file: str) -> dict:
    """The Rep fields a table row fills in (empty cells left out), each checked."""
    def cell(key):
        value = row.get(key)
        if isinstance(value, str):
            value = value.strip()
        return None if value is None or value == "" or (isinstance(value, float) and math.isnan(value)) else value

    def bad(key, what, fix):
        return DataError(f"{cell(key)!r} is not {what}", file=file, row=line, column=key, fix=fix)

    rep_id = cell("rep_id")
    if rep_id is None:
        raise DataError("rep_id is empty", file=file, row=line, column="rep_id", fix="give every rep an id")
    out = {"rep_id": str(rep_id), "name": str(cell("name") or rep_id)}
    for key, cast, what in (("posts_per_week", int, "a whole number of 0 or more"),
                            ("react_per_week", int, "a whole number of 0 or more"),
                            ("hours_per_week", float, "a number of hours of 0 or more")):
        if cell(key) is None:
            continue
        try:
            value = float(cell(key))
        except (TypeError, ValueError):
            value = -1.0
        if value < 0 or (cast is int and not value.is_integer()):
            raise bad(key, what, f"write {what}, or leave the cell empty for the default")
        out[key] = cast(value)
    if cell("days_off") is not None:
        days = tuple(d.strip() for d in str(cell("days_off")).split(";") if d.strip())
        for day in days:
            try:
                pd.Timestamp(day)
            except ValueError:
                raise DataError(f"{day!r} is not a date", file=file, row=line, column="days_off",
                                fix="write dates as YYYY-MM-DD, separated by ;") from None
        out["days_off"] = days
    if cell("workdays") is not None:
        text = str(cell("workdays"))
        if not text.isdigit() or any(c > "6" for c in text):
            raise bad("workdays", "a list of weekday digits",
                      "write the working days as digits, 0 for Monday to 6 for Sunday: 01234 is Monday to Friday")
        out["workdays"] = tuple(sorted({int(c) for c in text}))
    return out


def start_day(value, *, where: str = "plan_calendar(start=...)") -> pd.Timestamp:
    """The first day of a plan as a date (time of day dropped); a clear error for anything else.

    >>> start_day("2026-03-02 15:30")
    Timestamp('2026-03-02 00:00:00')
    >>> start_day("notadate", where="--start")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: --start: 'notadate' is not a date. Fix: write the first day as YYYY-MM-DD, for example 2026-03-02.
    """
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        day = pd.NaT
    if pd.isna(day):
        raise InputError(f"{value!r} is not a date", where=where,
                         fix="write the first day as YYYY-MM-DD, for example 2026-03-02")
    return day.normalize()


def _themes(line: pd.DataFrame, persona_ids: list[str]) -> list[dict]:
    require_columns(line, ["theme"], where="plan_calendar(line)")
    if line.empty:
        raise InfeasiblePlan("themes", "the editorial line has no theme",
                             "shortlist themes first: shortlist(load_brainstorm(...))")
    themes = []
    for i, row in enumerate(line.to_dict("records")):
        served = row.get("personas")
        served = list(served) if isinstance(served, (list, tuple)) and len(served) else list(persona_ids)
        themes.append({"theme_id": str(row.get("theme_id") or f"T{i + 1:02d}"), "theme": str(row["theme"]),
                       "personas": [p for p in served if p in persona_ids] or list(persona_ids), "order": i})
    return themes


def _persona_ids(personas) -> list[str]:
    ids = [p if isinstance(p, str) else p.id for p in (personas or [])]
    if not ids:
        raise InfeasiblePlan("personas", "no persona given", "load personas with load_personas(...)")
    return ids


def _check_feasible(reps: list[Rep], themes: list[dict], persona_ids: list[str], rules: PlanRules,
                    weeks: int) -> None:
    """Raise :class:`InfeasiblePlan` for the first constraint that cannot hold, with the shortfall."""
    hours = rules.format_hours
    formats = list(rules.formats)
    if not formats:
        raise InfeasiblePlan("formats", "no format allowed for produced content", "allow at least one format")
    unknown = [f for f in formats + [CURATE_FORMAT, REACT_FORMAT] if f not in hours]
    if unknown:
        raise InfeasiblePlan("formats", f"no effort in hours for format(s) {', '.join(unknown)}",
                             "add them to PlanRules(format_hours=...)")
    by_cost = sorted(hours[f] for f in formats)
    for r in reps:
        need_posts = rules.min_produce + rules.min_curate
        if r.posts_per_week < need_posts:
            raise InfeasiblePlan(
                "cadence", f"{r.name or r.rep_id} publishes {r.posts_per_week} item(s) a week but the quotas need "
                f"{need_posts} (produce {rules.min_produce} + curate {rules.min_curate}): short by "
                f"{need_posts - r.posts_per_week}", f"raise {r.rep_id}'s posts_per_week or lower the quotas")
        if r.posts_per_week > len(r.workdays) * rules.max_posts_per_day:
            raise InfeasiblePlan(
                "days off", f"{r.name or r.rep_id} should publish {r.posts_per_week} items a week but works "
                f"{len(r.workdays)} days with at most {rules.max_posts_per_day} a day: over by "
                f"{r.posts_per_week - len(r.workdays) * rules.max_posts_per_day}",
                "lower posts_per_week or allow more posts a day")
        p = rules.min_produce
        produce_h = _alt_cost(p, by_cost)
        need_h = (produce_h + (r.posts_per_week - p) * hours[CURATE_FORMAT] + r.react_per_week * hours[REACT_FORMAT])
        if need_h > r.hours_per_week + 1e-9:
            raise InfeasiblePlan(
                "author load", f"{r.name or r.rep_id} has {r.hours_per_week:g} h a week but the quotas need at least "
                f"{need_h:.2f} h ({p} produced, {r.posts_per_week - p} curated, {r.react_per_week} reactions, "
                f"formats alternating): short by {need_h - r.hours_per_week:.2f} h",
                f"give {r.rep_id} more hours, or lower min_produce, posts_per_week or react_per_week")
    gap = rules.theme_gap_weeks
    busiest = max(reps, key=lambda r: r.posts_per_week)
    if gap > 0 and busiest.posts_per_week * gap > len(themes):
        need = busiest.posts_per_week * gap
        raise InfeasiblePlan(
            "theme spacing", f"{busiest.name or busiest.rep_id} publishes {busiest.posts_per_week} items a week, so "
            f"no theme repeating within {gap} weeks needs {need} themes; the line has {len(themes)}: short by "
            f"{need - len(themes)} theme(s)",
            f"shorten theme_gap_weeks to {max(len(themes) // busiest.posts_per_week, 0)} or add themes")
    served = {p for t in themes for p in t["personas"]}
    lonely = [p for p in persona_ids if p not in served]
    if lonely:
        raise InfeasiblePlan("personas", f"persona(s) {', '.join(lonely)} served by no theme of the line",
                             "map at least one theme to each persona")
    window = min(rules.persona_window_weeks, weeks)
    team = sum(r.posts_per_week for r in reps) * window
    if window > 0 and team < len(persona_ids):
        raise InfeasiblePlan(
            "personas in turn", f"the team publishes {team} items in {window} week(s) but there are "
            f"{len(persona_ids)} personas to address in that window: short by {len(persona_ids) - team}",
            "lengthen persona_window_weeks or raise posts_per_week")
    authors = sum(r.posts_per_week > 0 for r in reps)
    w, g = rules.persona_window_weeks, rules.theme_gap_weeks
    for p in persona_ids:
        ids = [t["theme_id"] for t in themes if p in t["personas"]]
        pairs = authors * len(ids)
        short = _turns_short(pairs, w, g, weeks)
        if short:
            raise InfeasiblePlan(
                "personas in turn", f"persona {p} has {len(ids)} theme(s) ({', '.join(ids)}) and a rep repeats a "
                f"theme only after {g} weeks, so {authors} rep(s) cannot address {p} in every {w} weeks: that takes "
                f"{math.ceil(g / w)} reps x themes taking turns, there are {pairs}: short by {short}",
                f"map more themes to {p}, widen persona_window_weeks to {math.ceil(g / pairs)}, "
                f"shorten theme_gap_weeks to {pairs * w}, or plan with more reps")


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
        raise InputError(f"weeks must be a positive whole number, not {weeks!r}", where="plan_calendar(weeks=...)",
                         fix="plan at least one week, e.g. weeks=12")
    for name in ("min_produce", "min_curate", "theme_gap_weeks", "persona_window_weeks", "max_posts_per_day"):
        if getattr(rules, name) < 0:
            raise InputError(f"{name} is negative", where="PlanRules", fix=f"set {name} to 0 or more")
    reps = reps_frame(reps)
    persona_ids = _persona_ids(personas)
    themes = _themes(line, persona_ids)
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

        weeks_iter = tqdm(weeks_iter, desc="planning weeks", unit="week")
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
                notes.append(f"{r.rep_id} week {w + 1}: {n_posts} of {r.posts_per_week} items (days off)")
            n_prod = min(rules.min_produce, n_posts)
            n_cur = min(rules.min_curate, n_posts - n_prod)
            budget = (r.hours_per_week - r.react_per_week * hours[REACT_FORMAT] * (1 if free else 0)
                      - (n_posts - n_prod) * hours[CURATE_FORMAT])
            st = state[r.rep_id]
            levels = ["produce"] * n_prod + ["curate"] * n_cur
            # extra slots: curate or produce, whichever the content mix misses most, if the hours allow
            for _ in range(n_posts - n_prod - n_cur):
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
        where = f" (rep {first['rep_id']}, week {first['week']})" if first["rep_id"] else ""
        raise InfeasiblePlan(
            first["constraint"], f"the planner found no way to keep this rule: {first['detail']}{where}; "
            f"{len(breaches)} breach(es) in all", _RELAX.get(first["constraint"], "relax that rule"))
    return plan


_RELAX = {
    "personas in turn": "map more themes to that persona, widen persona_window_weeks, shorten theme_gap_weeks "
                        "or plan with more reps",
    "formats varied": "allow more formats or give the rep more hours",
    "author load": "give the rep more hours, or lower posts_per_week or min_produce",
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


def check_plan(plan: pd.DataFrame, reps, line: pd.DataFrame, personas, *, rules: PlanRules | None = None
               ) -> pd.DataFrame:
    """Every breach of a hard constraint, one row each: constraint, rep_id, week, detail.

    An independent audit of a plan (the planner's own, or one edited by hand):
    an empty table means every hard rule holds.

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
    persona_ids = _persona_ids(personas)
    themes = {t["theme_id"]: t for t in _themes(line, persona_ids)}
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
                breach("cadence", r.rep_id, w, f"{n_prod + n_cur} publications, expected {expected}")
            if n_prod < min(rules.min_produce, expected):
                breach("quota produce", r.rep_id, w, f"{n_prod} produced, quota {rules.min_produce}")
            if n_cur < min(rules.min_curate, max(expected - rules.min_produce, 0)):
                breach("quota curate", r.rep_id, w, f"{n_cur} curated, quota {rules.min_curate}")
            if free and n_react < r.react_per_week:
                breach("quota react", r.rep_id, w, f"{n_react} reactions, quota {r.react_per_week}")
            h = float(load.get((r.rep_id, w), 0.0))
            if h > r.hours_per_week + 1e-9:
                breach("author load", r.rep_id, w, f"{h:.2f} h planned, {r.hours_per_week:g} h available")
        mine = plan[plan["rep_id"] == r.rep_id]
        bad_day = mine[mine["planned_on"].isin(off) | ~mine["planned_on"].dt.day_of_week.isin(r.workdays)]
        for day, week in zip(bad_day["planned_on"], bad_day["week"]):
            breach("days off", r.rep_id, int(week), f"item on {day:%Y-%m-%d}, a day off")
    per_day = pub.groupby(["rep_id", "planned_on"]).size()
    for (rep_id, day), n in per_day[per_day > rules.max_posts_per_day].items():
        breach("posts per day", rep_id, int((day - start).days // 7 + 1), f"{n} publications on {day:%Y-%m-%d}")
    ordered = pub.sort_values(["rep_id", "planned_on"], kind="stable")
    gaps = ordered.groupby(["rep_id", "theme_id"])["week"].diff()
    for i in gaps.index[gaps < rules.theme_gap_weeks]:
        row = ordered.loc[i]
        breach("theme spacing", row["rep_id"], int(row["week"]),
               f"theme {row['theme_id']} again after {int(gaps[i])} week(s)")
    if len(set(rules.formats)) > 1:
        prod = ordered[ordered["level"] == "produce"]
        same = prod["format"].eq(prod.groupby("rep_id")["format"].shift())
        for rep_id, week, fmt in zip(prod.loc[same, "rep_id"], prod.loc[same, "week"], prod.loc[same, "format"]):
            breach("formats varied", rep_id, int(week), f"{fmt} twice in a row")
    for rep_id, week, theme_id, persona in zip(pub["rep_id"], pub["week"], pub["theme_id"], pub["persona_id"]):
        t = themes.get(theme_id)
        if t is None:
            breach("themes", rep_id, int(week), f"theme {theme_id} is not in the line")
        elif persona not in t["personas"]:
            breach("personas", rep_id, int(week), f"theme {theme_id} does not serve persona {persona}")
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
                    breach("personas in turn", "", w, f"persona {p} not addressed in weeks {w}-{w + window - 1}")
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


_NEXT = {s: STATUSES[i + 1] for i, s in enumerate(STATUSES[:-1])}


def _item(plan: pd.DataFrame, item_id: str, where: str):
    hits = plan.index[plan["item_id"] == item_id]
    if len(hits) != 1:
        raise InputError("no such plan item" if not len(hits) else "item id is not unique", where=where,
                         fix="copy the item_id from the plan")
    return hits[0]


def _changed(plan: pd.DataFrame, i, status: str) -> None:
    """Set an item's status and count the change in ``revision`` (a calendar's SEQUENCE)."""
    plan.at[i, "status"] = status
    if "revision" in plan.columns:
        before = plan.at[i, "revision"]
        plan.at[i, "revision"] = 1 if pd.isna(before) else int(before) + 1


def set_status(plan: pd.DataFrame, item_id: str, status: str, *, by: str, manager: str | None = None
               ) -> pd.DataFrame:
    """Move one plan item to ``status`` (one step forward, or back to draft from review); returns a new plan.

    Approving produced content (``in review -> approved``) is the editorial
    manager's job: ``by`` must be the plan's manager.  ``scheduled`` needs a
    slot (use :func:`schedule_item`) and ``published`` the post it became
    (use :func:`mark_published`).  Each change adds 1 to the item's ``revision``.

    >>> plan = pd.DataFrame({"item_id": ["x"], "status": ["in review"], "revision": [2], "needs_approval": [True],
    ...                      "approved_by": [None], "scheduled_at": [pd.NaT], "published_post_id": [None]})
    >>> set_status(plan, "x", "approved", by="Bo", manager="Lina")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: set_status(item 'x'): only the editorial manager (Lina) approves produced content, not Bo. Fix: ask Lina to approve it, or send it back to draft.
    >>> set_status(plan, "x", "approved", by="Lina", manager="Lina").to_dict("records")[0]["revision"]
    3
    """
    require_columns(plan, ["item_id", "status"], where="set_status(plan)")
    where = f"set_status(item {item_id!r})"
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}", where=where, fix=f"use one of: {', '.join(STATUSES)}")
    i = _item(plan, item_id, where)
    current = plan.at[i, "status"]
    back = current == "in review" and status == "draft"
    if not back and _NEXT.get(current) != status:
        raise InputError(f"cannot go from '{current}' to '{status}'", where=where,
                         fix=f"the next step is '{_NEXT.get(current, 'none: it is published')}'"
                             + ("; or send it back to 'draft'" if current == "in review" else ""))
    if status == "published":
        raise InputError("a published item needs the post it became", where=where,
                         fix="use mark_published(plan, item_id, post_id) with the post's id from posts.csv")
    manager = manager or plan.attrs.get("manager")
    out = plan.copy()
    if status == "approved":
        needs = bool(plan.at[i, "needs_approval"]) if "needs_approval" in plan.columns else True
        if needs:
            if not manager:
                raise InputError("no editorial manager named for this plan", where=where,
                                 fix="pass manager=... to plan_calendar or set_status")
            if by != manager:
                raise InputError(f"only the editorial manager ({manager}) approves produced content, not {by}",
                                 where=where, fix=f"ask {manager} to approve it, or send it back to draft")
        if "approved_by" in out.columns:
            out.at[i, "approved_by"] = by
    if status == "scheduled" and ("scheduled_at" not in plan.columns or pd.isna(plan.at[i, "scheduled_at"])):
        raise InputError("no publishing slot set", where=where, fix="use schedule_item(plan, item_id, at=...)")
    _changed(out, i, status)
    return out


def schedule_item(plan: pd.DataFrame, item_id: str, at, *, by: str) -> pd.DataFrame:
    """Give an approved item its publishing slot (``scheduled_at``) and mark it scheduled.

    Planning and publishing stay apart: ``planned_on`` is the plan's intention,
    ``scheduled_at`` the moment a post will really go out.
    """
    require_columns(plan, ["item_id", "status", "scheduled_at"], where="schedule_item(plan)")
    where = f"schedule_item(item {item_id!r})"
    i = _item(plan, item_id, where)
    if plan.at[i, "status"] != "approved":
        raise InputError(f"item is '{plan.at[i, 'status']}', not approved", where=where,
                         fix="only approved content is scheduled: have the editorial manager approve it first")
    out = plan.copy()
    out["scheduled_at"] = pd.to_datetime(out["scheduled_at"])
    out.at[i, "scheduled_at"] = pd.Timestamp(at)
    return set_status(out, item_id, "scheduled", by=by)


def mark_published(plan: pd.DataFrame, item_id: str, post_id) -> pd.DataFrame:
    """Mark a scheduled item published and link it to its post (``published_post_id``); returns a new plan.

    ``post_id`` is the post's id in ``posts.csv``: the link lets
    :func:`~workbench.editorial.engagement.plan_vs_actual` set each planned
    item beside what its post did.  One post serves one item.

    >>> plan = pd.DataFrame({"item_id": ["x", "y"], "status": ["scheduled", "scheduled"], "revision": [4, 4],
    ...                      "published_post_id": [None, None]})
    >>> plan = mark_published(plan, "x", "P0042")
    >>> {k: plan.to_dict("records")[0][k] for k in ("status", "revision", "published_post_id")}
    {'status': 'published', 'revision': 5, 'published_post_id': 'P0042'}
    >>> mark_published(plan, "y", "P0042")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: mark_published(item 'y'): post 'P0042' is already linked to item 'x'. Fix: link each post to one plan item: check the post id.
    """
    require_columns(plan, ["item_id", "status", "published_post_id"], where="mark_published(plan)")
    where = f"mark_published(item {item_id!r})"
    i = _item(plan, item_id, where)
    post_id = "" if post_id is None or (isinstance(post_id, float) and pd.isna(post_id)) else str(post_id).strip()
    if not post_id:
        raise InputError("no post id given", where=where, fix="give the post_id of the published post (posts.csv)")
    if plan.at[i, "status"] != "scheduled":
        raise InputError(f"item is '{plan.at[i, 'status']}', not scheduled", where=where,
                         fix="only a scheduled item is published: give it a slot with schedule_item first")
    linked = plan.index[(plan["published_post_id"].astype(str) == post_id) & (plan.index != i)]
    if len(linked):
        raise InputError(f"post {post_id!r} is already linked to item {plan.at[linked[0], 'item_id']!r}",
                         where=where, fix="link each post to one plan item: check the post id")
    out = plan.copy()
    out["published_post_id"] = out["published_post_id"].astype(object)
    out.at[i, "published_post_id"] = post_id
    _changed(out, i, "published")
    return out


def with_rules(rules: PlanRules, **changes) -> PlanRules:
    """A copy of ``rules`` with some fields changed (for what-if questions in lessons).

    >>> with_rules(PlanRules(), mix="5-3-2").mix
    '5-3-2'
    """
    return replace(rules, **changes)
