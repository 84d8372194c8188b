"""The rules of an editorial plan: the levels, formats, statuses and mixes, the reps and the team's rules.

:class:`Rep` is one author (cadence, reactions, hours, days off), :class:`PlanRules`
the team's rules (quotas, content mix, theme spacing, personas in turn, formats),
and the readers here turn what a user gives (a reps table, a first day, an
editorial line, personas) into what the planner uses, with a clear error for
anything else.  :class:`InfeasiblePlan` is the error of rules that cannot all hold.

>>> PlanRules(mix="5-3-2").mix_shares()["curated"]
0.5
>>> start_day("2026-03-02")
Timestamp('2026-03-02 00:00:00')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

import pandas as pd

from ..errors import DataError, InputError, require_columns
from ..i18n.messages import N_, NC_, _, pgettext

LEVELS = ("react", "curate", "produce")
PRODUCE_FORMATS = ("article", "testimonial", "infographic", "video", "short_post")
CURATE_FORMAT = "curated_share"
REACT_FORMAT = "reaction"
FORMAT_HOURS = {"article": 3.0, "testimonial": 2.0, "infographic": 2.5, "video": 4.0, "short_post": 0.5,
                CURATE_FORMAT: 0.25, REACT_FORMAT: 0.1}
STATUSES = ("idea", "draft", "in review", "approved", "scheduled", "published")
MIX_CATEGORIES = ("curated", "original", "promotional", "humanising")
#: The words a trainee reads for the mix categories (the plan keeps the English keys).
MIX_CATEGORY_WORDS = {"curated": N_("curated"), "original": N_("original"), "promotional": N_("promotional"),
                      "humanising": N_("humanising")}
MIX_RULES = {
    "4-1-1": {"curated": 4, "original": 1, "promotional": 1},
    "5-3-2": {"curated": 5, "original": 3, "humanising": 2},
    "80-20": {"curated": 80, "original": 20},
}
PLAN_COLUMNS = ["item_id", "week", "planned_on", "weekday", "rep_id", "owner", "level", "format", "mix",
                "theme_id", "theme", "persona_id", "hours", "status", "revision", "needs_approval", "approved_by",
                "scheduled_at", "published_post_id"]



#: The rules a plan keeps, by the name :func:`~workbench.editorial.audit.check_plan` and
#: :class:`InfeasiblePlan` give them (a program reads the name; a person reads it through the catalogue).
CONSTRAINTS = (NC_("plan rule", "formats"), NC_("plan rule", "cadence"), NC_("plan rule", "days off"),
               NC_("plan rule", "author load"), NC_("plan rule", "theme spacing"), NC_("plan rule", "personas"),
               NC_("plan rule", "personas in turn"), NC_("plan rule", "themes"), NC_("plan rule", "quota produce"),
               NC_("plan rule", "quota curate"), NC_("plan rule", "quota react"), NC_("plan rule", "posts per day"),
               NC_("plan rule", "formats varied"))


def rule_name(constraint: str) -> str:
    """A plan rule's name (one of :data:`CONSTRAINTS`) in the reader's language.

    >>> from workbench.i18n.language import use_language
    >>> rule_name("days off")
    'days off'
    >>> with use_language("fr"):
    ...     rule_name("days off") != "days off"
    True
    """
    return str(pgettext("plan rule", constraint))


class InfeasiblePlan(InputError):
    """The constraints cannot all hold; the message names the constraint and the shortfall.

    ``constraint`` stays the rule's English name (programs read it); the message names it in the reader's language.
    """

    def __init__(self, constraint: str, what: str, fix: str):
        self.constraint = constraint
        super().__init__(what, where=_("constraint '{rule}'").format(rule=rule_name(constraint)), fix=fix)


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
                raise InputError(_('unknown content-mix rule {rule!r}').format(rule=rule), where="PlanRules(mix=...)",
                                 fix=_("use one of {mix_rules} or a dict like {{'curated': 3, 'original': 1}}").format(mix_rules=', '.join(MIX_RULES)))
            rule = MIX_RULES[key]
        if not isinstance(rule, dict) or not rule:
            raise InputError(_("a custom mix must be a dict of category: weight"), where="PlanRules(mix=...)",
                             fix=_("for example {'curated': 3, 'original': 1}"))
        bad = [k for k in rule if k not in MIX_CATEGORIES]
        if bad or any(not isinstance(v, (int, float)) or v < 0 for v in rule.values()) or sum(rule.values()) <= 0:
            raise InputError(_('custom mix {rule!r} has unknown categories or weights that are not positive').format(rule=rule),
                             where="PlanRules(mix=...)",
                             fix=_('use categories among {mix_categories} with weights of 0 or more').format(mix_categories=', '.join(MIX_CATEGORIES)))
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
        raise InputError(_("no reps given"), where="plan_calendar(reps)", fix=_("give at least one Rep"))
    if len({r.rep_id for r in reps}) != len(reps):
        raise InputError(_("a rep_id appears twice"), where="plan_calendar(reps)", fix=_("give each rep once"))
    return reps


def _rep_fields(row: dict, line: int, file: str) -> dict:
    """The Rep fields a table row fills in (empty cells left out), each checked."""
    def cell(key):
        value = row.get(key)
        if isinstance(value, str):
            value = value.strip()
        return None if value is None or value == "" or (isinstance(value, float) and math.isnan(value)) else value

    rep_id = cell("rep_id")
    if rep_id is None:
        raise DataError(_("rep_id is empty"), file=file, row=line, column="rep_id", fix=_("give every rep an id"))
    out = {"rep_id": str(rep_id), "name": str(cell("name") or rep_id)}
    for key, cast in (("posts_per_week", int), ("react_per_week", int), ("hours_per_week", float)):
        if cell(key) is None:
            continue
        try:
            value = float(cell(key))
        except (TypeError, ValueError):
            value = -1.0
        if value < 0 or (cast is int and not value.is_integer()):
            what, fix = ((_("{cell!r} is not a whole number of 0 or more"),
                          _("write a whole number of 0 or more, or leave the cell empty for the default"))
                         if cast is int else
                         (_("{cell!r} is not a number of hours of 0 or more"),
                          _("write a number of hours of 0 or more, or leave the cell empty for the default")))
            raise DataError(what.format(cell=cell(key)), file=file, row=line, column=key, fix=fix)
        out[key] = cast(value)
    if cell("days_off") is not None:
        days = tuple(d.strip() for d in str(cell("days_off")).split(";") if d.strip())
        for day in days:
            try:
                pd.Timestamp(day)
            except ValueError:
                raise DataError(_('{day!r} is not a date').format(day=day), file=file, row=line, column="days_off",
                                fix=_("write dates as YYYY-MM-DD, separated by ;")) from None
        out["days_off"] = days
    if cell("workdays") is not None:
        text = str(cell("workdays"))
        if not text.isdigit() or any(c > "6" for c in text):
            raise DataError(_("{cell!r} is not a list of weekday digits").format(cell=cell("workdays")), file=file,
                            row=line, column="workdays",
                            fix=_("write the working days as digits, 0 for Monday to 6 for Sunday: 01234 is Monday "
                                  "to Friday"))
        out["workdays"] = tuple(sorted({int(c) for c in text}))
    return out


#: The most weeks one plan holds.
MAX_WEEKS = 520
#: The years a plan may start in (pandas' clock ends in 2262; a plan is about the weeks ahead).
FIRST_YEAR, LAST_YEAR = 1900, 2200
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_DAY_MONTH = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}")


def start_day(value, *, where: str = "plan_calendar(start=...)") -> pd.Timestamp:
    """The first day of a plan as a date (time of day dropped); a clear error for anything else.

    Text must be an ISO date, ``YYYY-MM-DD``: ``05/01/2026`` is 1 May in one
    country and 5 January in another, so it is refused rather than guessed.

    >>> start_day("2026-03-02 15:30")
    Timestamp('2026-03-02 00:00:00')
    >>> start_day("05/01/2026", where="--start")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: --start: '05/01/2026' is ambiguous: the day and the month could be either way round. Fix: write the first day as YYYY-MM-DD, for example 2026-03-02.
    >>> start_day("9999-01-04", where="--start")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: --start: 9999-01-04 is outside the years a plan can start in (1900 to 2200). Fix: write the first day as YYYY-MM-DD, for example 2026-03-02.
    """
    fix = _("write the first day as YYYY-MM-DD, for example 2026-03-02")
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        found = _DAY_MONTH.fullmatch(value.strip())
        if found and all(1 <= int(part) <= 12 for part in found.groups()) and len(set(found.groups())) == 2:
            raise InputError(_('{value!r} is ambiguous: the day and the month could be either way round').format(value=value),
                             where=where, fix=fix)
        raise InputError(_('{value!r} is not a date written YYYY-MM-DD').format(value=value) if found else _('{value!r} is not a date').format(value=value),
                         where=where, fix=fix)
    try:
        day = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        day = pd.NaT
    if pd.isna(day):
        raise InputError(_('{value!r} is not a date').format(value=value), where=where, fix=fix)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(_('{day:%Y-%m-%d} is outside the years a plan can start in ({first_year} to {last_year})').format(day=day, first_year=FIRST_YEAR, last_year=LAST_YEAR),
                         where=where, fix=fix)
    return day.as_unit("ns").normalize()


def themes_of(line: pd.DataFrame, persona_ids: list[str]) -> list[dict]:
    """The themes of an editorial line as dicts (theme_id, theme, the personas each serves, order).

    >>> [t["theme_id"] for t in themes_of(pd.DataFrame({"theme": ["A", "B"]}), ["P1"])]
    ['T01', 'T02']
    """
    require_columns(line, ["theme"], where="plan_calendar(line)")
    if line.empty:
        raise InfeasiblePlan("themes", _("the editorial line has no theme"),
                             _("shortlist themes first: shortlist(load_brainstorm(...))"))
    themes = []
    for i, row in enumerate(line.to_dict("records")):
        served = row.get("personas")
        served = list(served) if isinstance(served, (list, tuple)) and len(served) else list(persona_ids)
        themes.append({"theme_id": str(row.get("theme_id") or f"T{i + 1:02d}"), "theme": str(row["theme"]),
                       "personas": [p for p in served if p in persona_ids] or list(persona_ids), "order": i})
    return themes


def persona_ids_of(personas) -> list[str]:
    """The ids of ``personas`` (Persona objects or ids); at least one is needed.

    >>> persona_ids_of(["P1", "P2"])
    ['P1', 'P2']
    """
    ids = [p if isinstance(p, str) else p.id for p in (personas or [])]
    if not ids:
        raise InfeasiblePlan("personas", _("no persona given"), _("load personas with load_personas(...)"))
    return ids



def with_rules(rules: PlanRules, **changes) -> PlanRules:
    """A copy of ``rules`` with some fields changed (for what-if questions in lessons).

    >>> with_rules(PlanRules(), mix="5-3-2").mix
    '5-3-2'
    """
    return replace(rules, **changes)
