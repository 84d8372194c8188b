"""Weekly benchmarks of *means*: what a rep did each week, against goals they set.

Seed 003 advises setting benchmarks of means, not results: time spent,
people contacted, lunches a week.  This module counts, per week (Monday to
Sunday), the means visible in a rep's LinkedIn export and CRM:
``messages_sent``, ``people_messaged``, ``new_conversations`` (threads the
rep started), ``invitations_sent``, and from the CRM ``calls`` and
``meetings``; and whether each goal was met.

>>> from workbench.network.demo import demo_exports
>>> sam = demo_exports()[0]
>>> w = weekly_means(sam, as_of="2026-01-31", weeks=2)
>>> w[["week", "messages_sent", "people_messaged", "goals_met"]].values.tolist()
[['2026-01-19', 1, 1, '0/3'], ['2026-01-26', 0, 0, '0/3']]
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from .exports import as_exports

DEFAULT_GOALS = {"people_messaged": 10, "invitations_sent": 5, "meetings": 2}
MEASURES = ("messages_sent", "people_messaged", "new_conversations", "invitations_sent", "calls", "meetings")


def _week(s: pd.Series) -> pd.Series:
    d = pd.to_datetime(s).dt.normalize()
    return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")


def weekly_means(export, crm=None, *, as_of=None, weeks: int = 8, goals: dict | None = None) -> pd.DataFrame:
    """One row per week (the last ``weeks`` weeks up to ``as_of``): counts of means and goals met.

    ``export``: one rep's :class:`~workbench.network.exports.LinkedInExport`.
    ``crm``: a Dataset whose activities owned by the export's ``rep_id`` add
    calls and meetings.  ``goals``: measure -> weekly goal (default
    ``people_messaged`` 10, ``invitations_sent`` 5, ``meetings`` 2).
    """
    exports = as_exports(export)
    if len(exports) != 1:
        raise InputError(_("weekly_means takes one rep's export"), where="weekly_means(export)",
                         fix=_("call it once per rep"))
    e = exports[0]
    goals = dict(DEFAULT_GOALS if goals is None else goals)
    for g in goals:
        if g not in MEASURES:
            raise InputError(_('unknown measure {g!r}').format(g=g), where="weekly_means(goals)", fix=_('use {measures}').format(measures=', '.join(MEASURES)))
    m = e.messages[e.messages["sender"] == e.owner]
    inv = e.invitations[e.invitations["direction"] == "OUTGOING"]
    acts = None
    if crm is not None and e.rep_id is not None:
        tables = crm.tables if hasattr(crm, "tables") else crm
        a = tables.get("activities")
        if a is not None:
            at = a["completed_at"].fillna(a["due_at"])
            acts = a.assign(at=at)[(a["owner_id"].astype(str) == str(e.rep_id)) &
                                   (a["status"].astype(str) == "completed")]
    if as_of is None:
        as_of = getattr(crm, "as_of", None) or max([d for d in (m["date"].max(), inv["sent_at"].max()) if d == d],
                                                   default=pd.Timestamp.now())
    as_of = pd.Timestamp(as_of)
    last_monday = as_of.normalize() - pd.Timedelta(days=as_of.weekday())
    week_list = [(last_monday - pd.Timedelta(weeks=i)).strftime("%Y-%m-%d") for i in range(weeks - 1, -1, -1)]
    out = pd.DataFrame({"week": week_list})
    msgs = m.drop_duplicates(["conversation_id", "date", "sender", "content"]).assign(week=_week(m["date"]))
    out["messages_sent"] = out["week"].map(msgs.groupby("week").size())
    out["people_messaged"] = out["week"].map(m.assign(week=_week(m["date"])).groupby("week")["recipient"].nunique())
    everyone = e.messages.sort_values("date").drop_duplicates("conversation_id")
    started = everyone[everyone["sender"] == e.owner]
    out["new_conversations"] = out["week"].map(started.assign(week=_week(started["date"])).groupby("week").size())
    out["invitations_sent"] = out["week"].map(inv.assign(week=_week(inv["sent_at"])).groupby("week").size())
    for kind, col in (("call", "calls"), ("meeting", "meetings")):
        if acts is not None:
            k = acts[acts["type"].astype(str) == kind]
            out[col] = out["week"].map(k.assign(week=_week(k["at"])).groupby("week").size())
        else:
            out[col] = 0
    for col in MEASURES:
        out[col] = out[col].fillna(0).astype("int64")
    met = sum((out[g] >= v).astype(int) for g, v in goals.items()) if goals else 0
    out["goals_met"] = [f"{int(x)}/{len(goals)}" for x in (met if goals else [0] * len(out))]
    return out
