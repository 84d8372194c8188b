"""Activities: the log of calls, emails and meetings, the to-do list, reminders and follow-ups.

Every function that speaks of "late" or "this week" takes ``as_of``: the
day the question is asked.  Lessons pass ``data.as_of`` (the sample
company's "today"), never the real clock, so answers do not change overnight.

An activity is *planned* until someone completes or cancels it.  A planned
activity whose ``due_at`` has passed is an **overdue follow-up**; one whose
``reminder_at`` has passed is a **reminder due**.

>>> import pandas as pd
>>> acts = pd.DataFrame({
...     "activity_id": ["A1", "A2", "A3"], "type": ["call", "email", "meeting"],
...     "subject": ["Intro call", "Send quote", "Demo"], "status": ["completed", "planned", "planned"],
...     "due_at": pd.to_datetime(["2026-01-05", "2026-01-20", "2026-02-03"]),
...     "reminder_at": pd.to_datetime([None, "2026-01-19", "2026-02-02"]),
...     "completed_at": pd.to_datetime(["2026-01-05", None, None]),
...     "owner_id": ["U1", "U1", "U1"], "contact_id": ["C1", "C1", "C2"]})
>>> overdue_followups(acts, as_of="2026-02-01")[["activity_id", "days_overdue"]]
  activity_id  days_overdue
0          A2            12
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from . import columns as col

__all__ = ["activity_log", "todo_list", "reminders_due", "overdue_followups", "deals_without_next_step",
           "weekly_plan"]

_FIX = "pass the activities table (data.activities)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _as_of(as_of, where: str) -> pd.Timestamp:
    if as_of is None:
        raise InputError(_("as_of is missing"), where=where,
                         fix=_("say which day is 'today', for example as_of=data.as_of"))
    return col.timestamp(as_of, where=where)


def _select(df: pd.DataFrame, column: str, value, where: str) -> pd.DataFrame:
    if value is None:
        return df
    require_columns(df, [column], where=where)
    values = [value] if isinstance(value, str) else list(value)
    return df[df[column].astype("string").isin([str(v) for v in values]).fillna(False)]


def _planned(activities: pd.DataFrame, where: str, extra=()) -> pd.DataFrame:
    require_columns(activities, ["activity_id", "status", "due_at", *extra], where=where, fix=_FIX)
    status = activities["status"].astype("string").str.lower()
    out = activities[status.eq("planned").fillna(False)].copy()
    out["due_at"] = col.dates(out, "due_at", where=where)
    return out


def activity_log(activities: pd.DataFrame, *, contact=None, owner=None, account=None,
                 opportunity=None) -> pd.DataFrame:
    """Activities, newest first, optionally for one contact, owner, account or opportunity (an id or a list).

    Adds ``when``: the time it was done (``completed_at``), or when it is
    due for activities not done yet.

    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2"], "contact_id": ["C1", "C1"],
    ...                      "due_at": pd.to_datetime(["2026-01-02", "2026-01-09"]),
    ...                      "completed_at": pd.to_datetime(["2026-01-02", None])})
    >>> activity_log(acts, contact="C1")[["activity_id", "when"]].values.tolist()
    [['A2', Timestamp('2026-01-09 00:00:00')], ['A1', Timestamp('2026-01-02 00:00:00')]]
    """
    where = "activity_log(activities)"
    require_columns(activities, ["activity_id", "due_at", "completed_at"], where=where, fix=_FIX)
    out = activities
    for column, value in (("contact_id", contact), ("owner_id", owner), ("account_id", account),
                          ("opportunity_id", opportunity)):
        out = _select(out, column, value, where)
    out = out.copy()
    out["when"] = col.dates(out, "completed_at", where=where).fillna(col.dates(out, "due_at", where=where))
    return out.sort_values(["when", "activity_id"], ascending=[False, False], kind="stable",
                           na_position="last").reset_index(drop=True)


def todo_list(activities: pd.DataFrame, as_of, *, owner=None) -> pd.DataFrame:
    """Planned activities in due order (undated ones last), with ``overdue`` and ``days_overdue``.

    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2"], "status": ["planned", "planned"],
    ...                      "due_at": pd.to_datetime(["2026-03-10", "2026-02-25"])})
    >>> todo_list(acts, "2026-03-01")[["activity_id", "overdue", "days_overdue"]].values.tolist()
    [['A2', True, 4], ['A1', False, 0]]
    """
    where = "todo_list(activities, as_of)"
    today = _as_of(as_of, where)
    out = _select(_planned(activities, where), "owner_id", owner, where)
    out["overdue"] = (out["due_at"] < today).fillna(False).astype(bool)
    out["days_overdue"] = (today - out["due_at"]).dt.days.clip(lower=0).fillna(0).astype(int)
    return out.sort_values(["due_at", "activity_id"], kind="stable", na_position="last").reset_index(drop=True)


def overdue_followups(activities: pd.DataFrame, as_of, *, owner=None) -> pd.DataFrame:
    """Planned activities whose due time has passed, most overdue first, with ``days_overdue``.

    >>> acts = pd.DataFrame({"activity_id": ["A1"], "status": ["completed"],
    ...                      "due_at": pd.to_datetime(["2020-01-01"])})
    >>> len(overdue_followups(acts, "2026-01-01"))
    0
    """
    todo = todo_list(activities, as_of, owner=owner)
    out = todo[todo["overdue"]].drop(columns="overdue")
    return out.sort_values(["days_overdue", "activity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def reminders_due(activities: pd.DataFrame, as_of, *, owner=None) -> pd.DataFrame:
    """Planned activities whose reminder time has come (``reminder_at`` on or before ``as_of``).

    Sorted by reminder time, with ``due_in_days`` (negative when already late).

    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2"], "status": ["planned", "planned"],
    ...                      "due_at": pd.to_datetime(["2026-03-03", "2026-03-20"]),
    ...                      "reminder_at": pd.to_datetime(["2026-03-01", "2026-03-18"])})
    >>> reminders_due(acts, "2026-03-02")[["activity_id", "due_in_days"]].values.tolist()
    [['A1', 1]]
    """
    where = "reminders_due(activities, as_of)"
    today = _as_of(as_of, where)
    out = _select(_planned(activities, where, extra=["reminder_at"]), "owner_id", owner, where)
    out["reminder_at"] = col.dates(out, "reminder_at", where=where)
    out = out[(out["reminder_at"] <= today).fillna(False)].copy()
    out["due_in_days"] = (out["due_at"] - today).dt.days.astype("Int64")
    return out.sort_values(["reminder_at", "activity_id"], kind="stable").reset_index(drop=True)


def deals_without_next_step(opportunities: pd.DataFrame, activities: pd.DataFrame, as_of) -> pd.DataFrame:
    """Open deals with no planned activity due on or after ``as_of``: nobody is following up.

    Adds ``last_activity_at`` (the latest completed activity on the deal, if
    any) and ``days_since_activity``; the longest-silent deals first.

    >>> opps = pd.DataFrame({"opportunity_id": ["O1", "O2"], "is_closed": [False, False]})
    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2"], "opportunity_id": ["O1", "O2"],
    ...                      "status": ["planned", "completed"],
    ...                      "due_at": pd.to_datetime(["2026-03-09", "2026-02-01"]),
    ...                      "completed_at": pd.to_datetime([None, "2026-02-01"])})
    >>> deals_without_next_step(opps, acts, "2026-03-01")[["opportunity_id", "days_since_activity"]].values.tolist()
    [['O2', 28]]
    """
    where = "deals_without_next_step(opportunities, activities, as_of)"
    today = _as_of(as_of, where)
    require_columns(opportunities, ["opportunity_id", "is_closed"], where=where)
    require_columns(activities, ["activity_id", "opportunity_id", "status", "due_at", "completed_at"],
                    where=where, fix=_FIX)
    open_deals = opportunities[~col.flags(opportunities, "is_closed", where=where)].copy()
    planned = _planned(activities, where)
    upcoming = planned.loc[(planned["due_at"] >= today).fillna(False), "opportunity_id"].dropna().astype(str)
    done = activities.assign(_at=col.dates(activities, "completed_at", where=where))
    done = done[done["_at"].notna() & (done["_at"] <= today)]
    last = done.dropna(subset=["opportunity_id"]).groupby(done["opportunity_id"].astype(str))["_at"].max()
    ids = open_deals["opportunity_id"].astype(str)
    out = open_deals[~ids.isin(set(upcoming))].copy()
    out["last_activity_at"] = out["opportunity_id"].astype(str).map(last)
    out["days_since_activity"] = (today - out["last_activity_at"]).dt.days.astype("Int64")
    return out.sort_values(["days_since_activity", "opportunity_id"], ascending=[False, True], kind="stable",
                           na_position="first").reset_index(drop=True)


def weekly_plan(activities: pd.DataFrame, owner, as_of, *, include_overdue: bool = True) -> pd.DataFrame:
    """One rep's plan for the week (Monday to Sunday) that contains ``as_of``.

    The owner's planned activities due that week, day by day; with
    ``include_overdue`` the overdue ones are carried to the first day of the
    plan (``as_of``'s day) and flagged, because they come first.  Columns
    added: ``day`` (date), ``weekday`` and ``overdue``.

    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2", "A3"], "owner_id": ["U1"] * 3,
    ...                      "status": ["planned"] * 3, "type": ["call", "email", "call"],
    ...                      "due_at": pd.to_datetime(["2026-03-04 10:00", "2026-02-20 09:00", "2026-03-20 09:00"])})
    >>> weekly_plan(acts, "U1", "2026-03-03")[["activity_id", "weekday", "overdue"]].values.tolist()
    [['A2', 'Tuesday', True], ['A1', 'Wednesday', False]]
    """
    where = "weekly_plan(activities, owner, as_of)"
    today = _as_of(as_of, where)
    if owner is None or (isinstance(owner, str) and not owner.strip()):
        raise InputError(_("owner is missing"), where=where, fix=_("name the rep, for example owner='U003'"))
    require_columns(activities, ["owner_id"], where=where, fix=_FIX)
    todo = todo_list(activities, today, owner=owner)
    start = today.normalize() - pd.Timedelta(days=today.weekday())
    end = start + pd.Timedelta(days=7)
    this_week = todo[(todo["due_at"] >= today.normalize()) & (todo["due_at"] < end)].copy()
    this_week["day"] = this_week["due_at"].dt.normalize()
    parts = [this_week]
    if include_overdue:
        late = todo[todo["overdue"] & (todo["due_at"] < today.normalize())].copy()
        late["day"] = today.normalize()
        parts.insert(0, late)
    plan = pd.concat(parts, ignore_index=True) if any(len(p) for p in parts) else this_week
    plan["overdue"] = plan["overdue"].astype(bool)
    plan["weekday"] = [WEEKDAYS[d.weekday()] for d in plan["day"]]
    plan = plan.sort_values(["day", "overdue", "due_at", "activity_id"], ascending=[True, False, True, True],
                            kind="stable")
    return plan.drop(columns="days_overdue").reset_index(drop=True)
