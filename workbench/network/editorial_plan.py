"""The editorial plan for one rep's coming weeks, as the rep's page and report show it.

A rep who uploads their LinkedIn archive has no personas or brainstorm of
their own yet, so the plan follows the company's editorial line: the
personas and the brainstorm of the sample company (``social/personas.json``
and ``social/brainstorm.csv``), or those of ``social`` when given.  It is
planned with :mod:`workbench.editorial`'s public planner (seed 003's three
levels, react, curate and produce, the 4-1-1 content mix) for this rep alone,
who addresses every persona within :data:`PERSONA_WINDOW_WEEKS` weeks.

>>> plan = rep_plan("Sam Lee", weeks=4, start="2026-03-02")
>>> sorted(plan["level"].unique())
['curate', 'produce', 'react']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..i18n.messages import _

__all__ = ["rep_plan", "PLAN_COLUMNS"]

PERSONA_WINDOW_WEEKS = 3  # one rep alone reaches every persona in 3 weeks (a team in 2: the planner's default)
PLAN_COLUMNS = ["planned_on", "weekday", "level", "format", "theme", "persona_id"]  # what the rep reads


def rep_plan(rep_name: str, *, weeks: int = 4, start=None, social=None, posts_per_week: int = 3,
             react_per_week: int = 3) -> pd.DataFrame:
    """Plan ``weeks`` weeks from ``start`` (default: next Monday) for one rep named ``rep_name``.

    Returns the planner's table (one row per item, ``planned_on`` first);
    ``plan.attrs["ics"]`` holds the plan as an iCalendar file for the rep's
    calendar.
    """
    from ..editorial import (
        PlanRules,
        Rep,
        load_brainstorm,
        load_personas,
        plan_calendar,
        plan_to_ics,
        shortlist,
    )

    if social is None:
        from ..data import load_sample

        social = load_sample().social
    social = Path(social)
    start = pd.Timestamp(start if start is not None else pd.Timestamp.now()).normalize()
    start += pd.Timedelta(days=(7 - start.weekday()) % 7)  # the coming Monday
    personas = load_personas(social / "personas.json")
    line = shortlist(load_brainstorm(social / "brainstorm.csv"), as_of=start, personas=personas)
    rep = Rep(rep_id="me", name=rep_name or "me", posts_per_week=posts_per_week, react_per_week=react_per_week)
    rules = PlanRules(persona_window_weeks=PERSONA_WINDOW_WEEKS)
    plan = plan_calendar([rep], line, personas, weeks=weeks, start=start, rules=rules)
    plan.attrs["ics"] = plan_to_ics(plan, name=_("Editorial plan: {rep}").format(rep=rep_name))
    return plan
