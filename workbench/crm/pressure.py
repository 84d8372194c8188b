"""Contact pressure: how many messages each contact receives a week, against what they asked for.

Customers swamped with marketing messages unsubscribe or stop reading.  Each
contact may state a ``max_msgs_per_week``; the company also sets a global cap.
A contact's cap is the lower of the two (the global cap when they stated
nothing).  A message is sent only if the messages already sent that week plus
this one stay within the cap: the *pressure rule* of campaign tools such as
Adobe Campaign, which exclude ("arbitrate") the recipient otherwise.

Weeks run Monday to Sunday.

>>> import pandas as pd
>>> members = pd.DataFrame({"contact_id": ["C1"] * 4 + ["C2"],
...     "sent_at": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-10", "2026-03-02"])})
>>> contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "max_msgs_per_week": [2, None]})
>>> msgs = messages(members)
>>> contact_pressure(msgs, contacts, global_cap=3)[["contact_id", "cap", "busiest_week", "weeks_over", "over"]]
  contact_id  cap  busiest_week  weeks_over   over
0         C1    2             3           1   True
1         C2    3             1           0  False
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import columns as col

_MESSAGE_COLUMNS = ["contact_id", "at", "source", "channel"]


def messages(campaign_members: pd.DataFrame | None = None, activities: pd.DataFrame | None = None,
             *, campaign_channels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every marketing or sales message sent to a contact, from campaigns and logged emails.

    - ``campaign_members``: one row per campaign message (``contact_id``, ``sent_at``);
      rows whose ``status`` is ``bounced``, ``failed`` or ``not_sent`` are not messages received.
    - ``activities``: logged emails (``type == 'email'``), outbound when there is a
      ``direction`` column, neither planned nor cancelled; dated ``completed_at`` (or ``due_at``).
    - ``campaign_channels``: ``data.campaigns`` to label campaign messages by channel.

    Returns ``contact_id``, ``at``, ``source`` (``campaign:<id>`` or ``activity:<id>``) and ``channel``.

    >>> import pandas as pd
    >>> members = pd.DataFrame({"campaign_id": ["K1", "K1"], "contact_id": ["C1", "C2"],
    ...                         "sent_at": ["2026-03-02", "2026-03-02"], "status": ["sent", "bounced"]})
    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2"], "type": ["email", "call"], "contact_id": ["C1", "C1"],
    ...                      "completed_at": ["2026-03-04", "2026-03-05"]})
    >>> messages(members, acts)
      contact_id         at       source channel
    0         C1 2026-03-02  campaign:K1   email
    1         C1 2026-03-04  activity:A1   email
    """
    where = "messages(campaign_members, activities)"
    parts = []
    if campaign_members is not None:
        col.table(campaign_members, ["contact_id", "sent_at"], where=where,
                  fix=_("pass data.campaign_members"))
        cm = campaign_members
        if "status" in cm.columns:
            cm = cm[~cm["status"].astype(str).str.lower().isin(["bounced", "failed", "not_sent", "unsent"])]
        part = pd.DataFrame({"contact_id": cm["contact_id"], "at": col.dates(cm, "sent_at", where=where)})
        ids = cm["campaign_id"].astype(str) if "campaign_id" in cm.columns else pd.Series("?", index=cm.index)
        part["source"] = "campaign:" + ids
        part["channel"] = "email"
        if campaign_channels is not None and "campaign_id" in cm.columns:
            col.table(campaign_channels, ["campaign_id", "channel"], where=where, fix=_("pass data.campaigns"))
            lookup = dict(zip(campaign_channels["campaign_id"].astype(str), campaign_channels["channel"].astype(str)))
            part["channel"] = ids.map(lookup).fillna("email")
        parts.append(part)
    if activities is not None:
        col.table(activities, ["contact_id", "type"], where=where, fix=_("pass data.activities"))
        act = activities[activities["type"].astype(str) == "email"]
        if "direction" in act.columns:
            act = act[act["direction"].astype(str) != "inbound"]
        if "status" in act.columns:  # a planned email is not sent yet, a cancelled one never was
            act = act[~act["status"].astype(str).isin(["planned", "cancelled"])]
        if "completed_at" in act.columns:
            at = col.dates(act, "completed_at", where=where)
            if "due_at" in act.columns:
                at = at.fillna(col.dates(act, "due_at", where=where))
        elif "due_at" in act.columns:
            at = col.dates(act, "due_at", where=where)
        else:
            raise InputError(_("activities have neither 'completed_at' nor 'due_at'"), where=where,
                             fix=_("pass data.activities, which dates each email"))
        ids = act["activity_id"].astype(str) if "activity_id" in act.columns else pd.Series("?", index=act.index)
        parts.append(pd.DataFrame({"contact_id": act["contact_id"], "at": at, "source": "activity:" + ids,
                                   "channel": "email"}))
    if not parts:
        raise InputError(_("no messages given"), where=where,
                         fix=_("pass data.campaign_members, data.activities or both"))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["contact_id"].notna() & out["at"].notna()]
    out["contact_id"] = out["contact_id"].astype(str)
    return out.sort_values(["contact_id", "at"], kind="stable").reset_index(drop=True)[_MESSAGE_COLUMNS]


def _week(at: pd.Series) -> pd.Series:
    return at.dt.to_period("W-SUN").dt.start_time


def weekly_counts(msgs: pd.DataFrame) -> pd.DataFrame:
    """Messages per contact per week (``week`` = the Monday).

    >>> import pandas as pd
    >>> m = pd.DataFrame({"contact_id": ["C1", "C1", "C1"], "at": pd.to_datetime(["2026-03-02", "2026-03-08", "2026-03-09"])})
    >>> weekly_counts(m)
      contact_id       week  messages
    0         C1 2026-03-02         2
    1         C1 2026-03-09         1
    """
    where = "weekly_counts(messages)"
    col.table(msgs, ["contact_id", "at"], where=where, fix=_("pass the table messages(...) returned"))
    frame = pd.DataFrame({"contact_id": msgs["contact_id"].astype(str),
                          "week": _week(col.dates(msgs, "at", where=where))})
    return frame.groupby(["contact_id", "week"]).size().rename("messages").reset_index()


def caps(contacts: pd.DataFrame, global_cap: int | None = None, *, key: str = "contact_id") -> pd.Series:
    """Each contact's weekly cap: the lower of their ``max_msgs_per_week`` and ``global_cap``.

    With no global cap, a contact who stated no limit has none (``<NA>``).

    >>> import pandas as pd
    >>> people = pd.DataFrame({"contact_id": ["A", "B", "C"], "max_msgs_per_week": [1, 5, None]})
    >>> caps(people, 3).tolist(), caps(people, None).tolist()
    ([1, 3, 3], [1, 5, <NA>])
    """
    where = "caps(contacts, global_cap)"
    col.table(contacts, [key], where=where, fix=_("pass data.contacts"))
    if global_cap is not None and (not col.is_number(global_cap) or global_cap < 0):
        raise InputError(_('global_cap must be a number of messages a week, got {global_cap!r}').format(global_cap=global_cap), where=where,
                         fix=_("pass global_cap as a whole number such as 3, or None for no global cap"))
    if "max_msgs_per_week" in contacts.columns:
        own = col.numbers(contacts, "max_msgs_per_week", where=where)
        if (own < 0).any():
            raise InputError(_("max_msgs_per_week is negative for some contacts"), where=where,
                             fix=_("store 0 or more messages a week"))
    else:
        own = pd.Series(float("nan"), index=contacts.index)
    if global_cap is not None:
        own = own.clip(upper=global_cap).fillna(global_cap)
    return pd.Series(own.round().astype("Int64").array, index=contacts[key].astype(str), name="cap")


def contact_pressure(msgs: pd.DataFrame, contacts: pd.DataFrame, *, global_cap: int | None = 3,
                     key: str = "contact_id") -> pd.DataFrame:
    """One row per contact who received messages: cap, messages, weeks active, mean and busiest week,
    weeks over the cap and ``over`` (over-solicited at least one week), most pressured first.

    Contacts missing from ``contacts``, or who stated no limit, get the global cap
    (no cap at all when ``global_cap`` is None).

    >>> import pandas as pd
    >>> msgs = pd.DataFrame({"contact_id": ["C1"] * 3 + ["C2"],
    ...                      "at": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-02"])})
    >>> people = pd.DataFrame({"contact_id": ["C1", "C2"], "max_msgs_per_week": [2, None]})
    >>> contact_pressure(msgs, people)[["contact_id", "cap", "messages", "busiest_week", "excess", "over"]]
      contact_id  cap  messages  busiest_week  excess   over
    0         C1    2         3             3       1   True
    1         C2    3         1             1       0  False
    """
    weekly = weekly_counts(msgs)
    limit = caps(contacts, global_cap, key=key)
    limit = limit[~limit.index.duplicated()]
    weekly["cap"] = weekly["contact_id"].map(limit).astype("Int64")
    if global_cap is not None:
        weekly["cap"] = weekly["cap"].fillna(global_cap)
    weekly["over_by"] = (weekly["messages"] - weekly["cap"]).clip(lower=0).fillna(0).astype("int64")
    weekly["week_over"] = (weekly["over_by"] > 0).astype("int64")
    out = weekly.groupby("contact_id").agg(
        cap=("cap", "first"), messages=("messages", "sum"), weeks=("week", "size"),
        mean_per_week=("messages", "mean"), busiest_week=("messages", "max"),
        weeks_over=("week_over", "sum"), excess=("over_by", "sum")).reset_index()
    out["mean_per_week"] = out["mean_per_week"].round(2)
    out["excess"] = out["excess"].astype("int64")
    out["over"] = out["weeks_over"] > 0
    return out.sort_values(["excess", "busiest_week", "contact_id"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def over_solicited(msgs: pd.DataFrame, contacts: pd.DataFrame, *, global_cap: int | None = 3) -> pd.DataFrame:
    """Only the contacts who got more messages than their cap in at least one week.

    >>> import pandas as pd
    >>> msgs = pd.DataFrame({"contact_id": ["C1", "C1", "C2"], "at": pd.to_datetime(["2026-03-02", "2026-03-03",
    ...                                                                            "2026-03-02"])})
    >>> people = pd.DataFrame({"contact_id": ["C1", "C2"], "max_msgs_per_week": [1, 1]})
    >>> over_solicited(msgs, people)["contact_id"].tolist()
    ['C1']
    """
    table = contact_pressure(msgs, contacts, global_cap=global_cap)
    return table[table["over"]].reset_index(drop=True)


def apply_frequency_cap(send_list: pd.DataFrame, msgs: pd.DataFrame, contacts: pd.DataFrame, *, send_at,
                        global_cap: int | None = 3, keep_excluded: bool = False) -> pd.DataFrame:
    """Drop the recipients a new send would push over their weekly cap.

    ``send_list`` has a ``contact_id`` per planned message (a contact may appear
    more than once, in priority order); ``msgs`` are the messages already sent;
    ``send_at`` is when the new messages go out.  A message is kept when the
    contact's messages already sent that week plus the kept ones before it stay
    within the cap.  With ``keep_excluded=True`` every row comes back with
    ``already_sent``, ``cap``, ``allowed`` and ``reason``.

    >>> import pandas as pd
    >>> sent = pd.DataFrame({"contact_id": ["C1", "C1"], "at": pd.to_datetime(["2026-03-02", "2026-03-03"])})
    >>> contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "max_msgs_per_week": [2, 1]})
    >>> plan = pd.DataFrame({"contact_id": ["C1", "C2", "C2"]})
    >>> apply_frequency_cap(plan, sent, contacts, send_at="2026-03-05", keep_excluded=True)
      contact_id  already_sent  cap  allowed                       reason
    0         C1             2    2    False  cap of 2 a week reached
    1         C2             0    1     True
    2         C2             0    1    False  cap of 1 a week reached
    """
    where = "apply_frequency_cap(send_list, messages, contacts, send_at)"
    col.table(send_list, ["contact_id"], where=where, fix=_("pass a table with one contact_id per planned message"))
    col.table(msgs, ["contact_id", "at"], where=where, fix=_("pass the table messages(...) returned"))
    week = _week(pd.Series([col.timestamp(send_at, where=where, name="send_at")])).iloc[0]
    sent = msgs[_week(col.dates(msgs, "at", where=where)) == week]
    already = sent["contact_id"].astype(str).value_counts()
    limit = caps(contacts, global_cap)
    limit = limit[~limit.index.duplicated()]
    ids = send_list["contact_id"].astype(str)
    out = send_list.copy()
    out["already_sent"] = ids.map(already).fillna(0).astype("int64").to_numpy()
    cap = ids.map(limit).astype("Int64")
    if global_cap is not None:
        cap = cap.fillna(global_cap)
    out["cap"] = cap.array
    position = ids.groupby(ids).cumcount().to_numpy()  # earlier rows of the list go first
    out["allowed"] = (out["already_sent"] + position + 1 <= out["cap"]).fillna(True).astype(bool)
    out["reason"] = ""
    out.loc[~out["allowed"], "reason"] = "cap of " + out.loc[~out["allowed"], "cap"].astype(str) + " a week reached"
    if keep_excluded:
        return out.reset_index(drop=True)
    return out[out["allowed"]].drop(columns=["allowed", "reason"]).reset_index(drop=True)


def pressure_chart(table: pd.DataFrame, top: int = 20):
    """A plotly bar chart of the busiest week of the most pressured contacts against their cap.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"contact_id": ["C1", "C2"], "busiest_week": [5, 2], "cap": [2, 3]})
    >>> [trace.name for trace in pressure_chart(table).data]
    ['busiest week', 'cap']
    """
    import plotly.graph_objects as go

    col.table(table, ["contact_id", "busiest_week", "cap"], where="pressure_chart(table)",
              fix=_("pass the table contact_pressure(...) returned"))
    head = table.head(top)
    fig = go.Figure([go.Bar(x=head["contact_id"], y=head["busiest_week"], name=_("busiest week")),
                     go.Scatter(x=head["contact_id"], y=head["cap"], mode="markers", name=_("cap"),
                                marker={"symbol": "line-ew-open", "size": 24, "line": {"width": 3}})])
    fig.update_layout(title=_("Messages in the busiest week, top {n} contacts").format(n=len(head)),
                      yaxis_title=_("messages"), xaxis_title=_("contact"))
    return fig
