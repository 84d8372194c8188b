"""Editorial planning for social selling: personas, editorial line, calendar, review, engagement.

Seed 003 is the method: know your target (personas), brainstorm themes and
keep the 10 most important, act on three levels (react, curate, produce),
vary formats, let an editorial manager approve, measure and adjust.

Modules, one concept each: :mod:`.personas`, :mod:`.themes` (the editorial
line), :mod:`.rules` (reps and the team's rules), :mod:`.planner` (the calendar),
:mod:`.audit` (breaches and the content mix), :mod:`.workflow` (an item's statuses), :mod:`.review` (post review,
"interesting, not interested"), :mod:`.drafts` (sample drafts to review),
:mod:`.engagement`, :mod:`.assessment` (the four-pillar self-assessment), :mod:`.export` (CSV and iCalendar),
:mod:`.calendar_view` (a plotly calendar) and :mod:`.command` (the
``workbench editorial`` command).  The names below are imported lazily.

>>> from workbench import editorial
>>> editorial.plan_calendar.__module__
'workbench.editorial.planner'
"""

from __future__ import annotations

from ..lazy import attributes

_LAZY = {
    "Persona": "personas", "load_personas": "personas", "save_personas": "personas",
    "personas_frame": "personas",
    "load_brainstorm": "themes", "tally_votes": "themes", "shortlist": "themes", "map_personas": "themes",
    "due_reviews": "themes", "review_reminder": "themes", "ties_at_cut": "themes", "save_line": "themes",
    "load_line": "themes",
    "Rep": "rules", "PlanRules": "rules", "plan_calendar": "planner", "check_plan": "audit",
    "mix_report": "audit", "set_status": "workflow", "schedule_item": "workflow", "mark_published": "workflow",
    "InfeasiblePlan": "rules",
    "reps_frame": "rules", "MIX_RULES": "rules",
    "review_post": "review", "review_posts": "review", "SAMPLE_DRAFTS": "drafts", "SAMPLE_COMPANY": "drafts",
    "load_posts": "engagement", "engagement_rate": "engagement", "compare": "engagement",
    "suggest_changes": "engagement", "comparison_chart": "engagement", "plan_vs_actual": "engagement",
    "self_assessment": "assessment",
    "plan_to_csv": "export", "plan_to_ics": "export", "read_ics": "export",
    "calendar_figure": "calendar_view",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = attributes(__name__, {name: f".{module}" for name, module in _LAZY.items()}, globals())
