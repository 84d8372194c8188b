"""The editorial inputs of the learner's data, read once per data folder, and the lessons' default plan.

>>> from workbench.exercises.check import Context
>>> ctx = Context()
>>> len(inputs(ctx).personas) > 0
True
>>> plan_start(ctx).day_name()
'Monday'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Inputs:
    personas: list
    brainstorm: pd.DataFrame
    posts: pd.DataFrame
    reps: pd.DataFrame


@lru_cache(maxsize=8)
def _read(social: str) -> Inputs:
    from workbench.editorial.engagement import load_posts
    from workbench.editorial.personas import load_personas
    from workbench.editorial.themes import load_brainstorm

    folder = Path(social)
    return Inputs(load_personas(folder / "personas.json"), load_brainstorm(folder / "brainstorm.csv"),
                  load_posts(folder / "posts.csv"), pd.read_csv(folder / "reps.csv", dtype=str))


def inputs(ctx) -> Inputs:
    """Personas, brainstorm, posts and reps of the learner's data (``ctx.data.social``)."""
    return _read(str(ctx.data.social))


def line(ctx) -> pd.DataFrame:
    """The editorial line the lessons use: the top 10, mapped to the personas, dated at the data's date."""
    return _line(str(ctx.data.social), str(ctx.data.as_of)).copy()


@lru_cache(maxsize=8)
def _line(social: str, as_of: str) -> pd.DataFrame:
    from workbench.editorial.themes import shortlist

    data = _read(social)
    return shortlist(data.brainstorm, n=10, as_of=as_of, personas=data.personas)


def plan_start(ctx) -> pd.Timestamp:
    """The Monday after the data's date: where the lessons' plans start."""
    as_of = pd.Timestamp(ctx.data.as_of).normalize()
    return as_of + pd.Timedelta(days=7 - as_of.weekday())


def reps(ctx, **settings):
    """The sample reps as planner Reps, with the lessons' settings."""
    from workbench.editorial.rules import Rep

    return [Rep(r["rep_id"], r["name"], **settings) for r in inputs(ctx).reps.to_dict("records")]


def lesson_plan(ctx, *, weeks: int = 8, mix: str = "4-1-1", **settings):
    """The plan the calendar lesson builds: every sample rep, default cadence, ``weeks`` from :func:`plan_start`."""
    plan = _plan(str(ctx.data.social), str(ctx.data.as_of), weeks, mix, tuple(sorted(settings.items())))
    out = plan.copy()
    out.attrs = dict(plan.attrs)
    return out


@lru_cache(maxsize=16)
def _plan(social: str, as_of: str, weeks: int, mix: str, settings: tuple) -> pd.DataFrame:
    from workbench.editorial.planner import plan_calendar
    from workbench.editorial.rules import PlanRules, Rep

    data = _read(social)
    team = [Rep(r["rep_id"], r["name"], **dict(settings)) for r in data.reps.to_dict("records")]
    day = pd.Timestamp(as_of).normalize()
    return plan_calendar(team, _line(social, as_of), data.personas, weeks=weeks,
                         start=day + pd.Timedelta(days=7 - day.weekday()), rules=PlanRules(mix=mix))
