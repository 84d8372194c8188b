"""Activities: calls, emails, meetings, tasks and notes, and the meetings and deals shared by several contacts.

>>> import pandas as pd
>>> done = pd.DataFrame({"due_at": pd.to_datetime(["2026-01-05 09:00", "2026-01-06 10:00"]),
...                      "completed_at": pd.to_datetime(["2026-01-05 09:20", None])})
>>> [str(m) for m in activity_moment(done)]
['2026-01-05T09:20:00', '2026-01-06T10:00:00']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clock import AS_OF, DAY, HOUR, between, office_hours
from .consents import consent_revoked
from .draw import draw, row_count
from .vocabulary import GROUP_MEETING_SUBJECTS, OUTCOMES, ROUND_TABLE_SUBJECTS, SUBJECTS


def make_activities(rng, opps, contacts, accounts, cases, users, windows, silent_rep, scale):
    """Activities on deals, on contacts and after sales; the silent rep keeps only a few; no email after a revocation."""
    n = row_count(10500, scale, 50)
    kind = rng.choice(3, size=n, p=[0.6, 0.25, 0.15])  # on a deal, on a contact, after-sales
    owner = np.empty(n, dtype=object)
    contact = np.full(n, "", dtype=object)
    account = np.full(n, "", dtype=object)
    opp = np.full(n, "", dtype=object)
    lo = np.empty(n, "datetime64[s]")
    hi = np.empty(n, "datetime64[s]")
    # on a deal: open deals draw more activity
    rows = np.flatnonzero(kind == 0)
    w = np.where(opps.is_closed.to_numpy(), 1.0, 2.5)
    o = rng.choice(len(opps), size=len(rows), p=w / w.sum())
    owner[rows] = opps.owner_id.to_numpy()[o]
    contact[rows] = opps.primary_contact_id.to_numpy()[o]
    account[rows] = opps.account_id.to_numpy()[o]
    opp[rows] = opps.opportunity_id.to_numpy()[o]
    lo[rows] = opps.created_at.to_numpy()[o]
    hi[rows] = np.minimum(opps.close_date.to_numpy()[o] + DAY, AS_OF + 30 * DAY)
    # on a contact, by the account's owner
    rows = np.flatnonzero(kind == 1)
    with_acc = np.flatnonzero(contacts.account_id.to_numpy() != "")
    c = with_acc[rng.integers(0, len(with_acc), len(rows))]
    contact[rows] = contacts.contact_id.to_numpy()[c]
    account[rows] = contacts.account_id.to_numpy()[c]
    owner[rows] = accounts.set_index("account_id").owner_id.loc[account[rows]].to_numpy()
    lo[rows] = contacts.created_at.to_numpy()[c]
    hi[rows] = AS_OF + 20 * DAY
    # after-sales, by the service team, around a case
    rows = np.flatnonzero(kind == 2)
    agents = users.user_id[users.team == "service"].to_numpy()
    k = rng.integers(0, len(cases), len(rows))
    contact[rows] = cases.contact_id.to_numpy()[k]
    account[rows] = contacts.set_index("contact_id").account_id.loc[contact[rows]].to_numpy()
    owner[rows] = agents[rng.integers(0, len(agents), len(rows))]
    lo[rows] = cases.opened_at.to_numpy()[k]
    closed_at = cases.closed_at.to_numpy()[k]
    hi[rows] = np.where(np.isnat(closed_at), AS_OF + 7 * DAY, closed_at)
    # the silent rep logs almost nothing
    silent = np.flatnonzero(owner == silent_rep)
    keep = owner != silent_rep
    keep[rng.choice(silent, size=min(len(silent), int(round(max(3, 5 * scale)))), replace=False)] = True
    sel = np.flatnonzero(keep)
    owner, contact, account, opp, lo, hi, kind = (a[sel] for a in (owner, contact, account, opp, lo, hi, kind))
    n = len(sel)
    typ = np.where(kind == 2, draw(rng, ("call", "email", "note", "task"), n, [35, 35, 15, 15]),
                   draw(rng, ("call", "email", "meeting", "task", "note"), n, [30, 30, 12, 18, 10]))
    due = office_hours(rng, between(rng, lo, np.maximum(hi, lo + DAY)))
    past = due < AS_OF
    roll = rng.random(n)
    status = np.where(past, np.where(roll < 0.86, "completed", np.where(roll < 0.92, "cancelled", "planned")),
                      "planned")
    status = np.where(typ == "note", np.where(past, "completed", "planned"), status)
    # completed a little after the due time, and always before as_of
    done = np.where(status == "completed", due + rng.integers(0, 3600, n).astype("timedelta64[s]"),
                    np.datetime64("NaT", "s"))
    done = np.where(done >= AS_OF, AS_OF - 60 * np.timedelta64(1, "s"), done)
    remind = np.where(np.isin(typ, ("call", "meeting", "task")) & (rng.random(n) < 0.45),
                      due - draw(rng, (900, 3600, 86400), n).astype(np.int64).astype("timedelta64[s]"),
                      np.datetime64("NaT", "s"))
    direction = np.where(np.isin(typ, ("call", "email")),
                         np.where(rng.random(n) < 0.75, "outbound", "inbound"), "")
    outcome = np.full(n, "", dtype=object)
    for t, choices in OUTCOMES.items():
        m = (typ == t) & (status == "completed")
        outcome[m] = draw(rng, choices, int(m.sum()))
    subject = np.empty(n, dtype=object)
    for t, choices in SUBJECTS.items():
        m = typ == t
        subject[m] = draw(rng, choices, int(m.sum()))
    df = pd.DataFrame({"type": typ, "subject": subject, "status": status, "due_at": due, "reminder_at": remind,
                       "completed_at": done, "owner_id": owner, "contact_id": contact, "account_id": account,
                       "opportunity_id": opp, "direction": direction, "outcome": outcome})
    # no email of any kind while a contact's email consent is revoked
    idx = contact_rows(contacts, df.contact_id.to_numpy())
    when = activity_moment(df)
    bad = (df.type.to_numpy() == "email") & (idx >= 0)
    bad[bad] = consent_revoked(windows, "email", idx[bad], when[bad])
    return df[~bad].reset_index(drop=True)


def make_shared_activities(seed, activities, opps, contacts, accounts, social_reps, silent_rep, scale):
    """Meetings attended by several contacts, and deals worked with several contacts of their account.

    They are what ties the CRM's contacts to each other in the network track
    (``same_meeting``, ``same_opportunity``).  They use a random stream of
    their own and are appended after every other activity, with the next ids,
    so the rest of the sample is the same with or without them.  A meeting is
    one row per attendee sharing owner, subject, due and completion times.
    Returns the new rows and what ``meta.json`` records under ``planted``.
    """
    rng = np.random.default_rng([seed, 1])  # a stream of its own: the main stream is untouched
    first = len(activities) + 1
    width = len(str(activities.activity_id.iloc[-1])) - 2 if len(activities) else 5
    people = contacts[(contacts.account_id != "") & ~contacts._copy]
    by_account = {a: g.contact_id.to_numpy() for a, g in people.groupby("account_id", sort=True)}
    account_of = dict(zip(people.contact_id, people.account_id))
    born = dict(zip(people.contact_id, people.created_at.to_numpy().astype("datetime64[s]")))
    owner_of = accounts.set_index("account_id").owner_id
    never = np.datetime64("NaT", "s")
    rows, meetings, deals = [], [], {}

    def one(values):
        return values[int(rng.integers(len(values)))]

    def moment(contact_ids, lo, hi):
        """An office-hours moment after ``lo`` and after the contacts exist, before ``hi``."""
        start = min(max([lo] + [born[c] for c in contact_ids]) + DAY, hi - DAY)
        return office_hours(rng, between(rng, start, hi, 1))[0]

    def meeting(owner, attendees, subject):
        due = moment(attendees, AS_OF - 540 * DAY, AS_OF - 2 * DAY)  # the last eighteen months
        reminder = due - DAY if rng.random() < 0.5 else never
        outcome = one(OUTCOMES["meeting"])
        meetings.append([first + len(rows) + i for i in range(len(attendees))])
        rows.extend(("meeting", subject, "completed", due, reminder, due + HOUR, owner, c, account_of[c], "", "",
                     outcome) for c in attendees)

    groups = sorted(a for a, members in by_account.items() if len(members) >= 2 and owner_of[a] != silent_rep)
    weight = np.array([3.0 if owner_of[a] in social_reps else 1.0 for a in groups])
    chosen = rng.choice(len(groups), size=min(len(groups), row_count(60, scale, 3)), replace=False,
                        p=weight / weight.sum())
    for i in np.sort(chosen):
        members = by_account[groups[i]]
        attendees = sorted(rng.choice(members, size=min(len(members), int(rng.integers(2, 5))), replace=False))
        meeting(owner_of[groups[i]], attendees, one(GROUP_MEETING_SUBJECTS))
    # round tables: one rep's contacts from several accounts, who meet each other there
    for _ in range(row_count(12, scale, 1)):
        rep = one(social_reps)
        mine = [a for a in groups if owner_of[a] == rep] or groups
        picked = np.sort(rng.choice(len(mine), size=min(len(mine), int(rng.integers(3, 5))), replace=False))
        meeting(rep, sorted(one(by_account[mine[j]]) for j in picked), one(ROUND_TABLE_SUBJECTS))
    # deals worked with more than their primary contact: calls and meetings with the buyer's colleagues
    worked = opps[(opps.owner_id != silent_rep) & opps.account_id.isin(groups) & (opps.primary_contact_id != "")
                  & (opps.created_at < AS_OF - 10 * DAY)]
    picked = np.sort(rng.choice(len(worked), size=min(len(worked), row_count(40, scale, 2)), replace=False))
    for deal in worked.iloc[picked].itertuples(index=False):
        lo = np.datetime64(deal.created_at, "s")
        hi = max(min(np.datetime64(deal.close_date, "s"), AS_OF - DAY), lo + 2 * DAY)
        others = [c for c in by_account[deal.account_id] if c != deal.primary_contact_id and born[c] < hi - 2 * DAY]
        if not others:
            continue
        extra = sorted(rng.choice(others, size=min(len(others), int(rng.integers(1, 4))), replace=False))
        for c in extra:
            due = moment([c], lo, hi)
            if rng.random() < 0.6:
                rows.append(("call", one(SUBJECTS["call"]), "completed", due, never, due + 600 * np.timedelta64(1, "s"),
                             deal.owner_id, c, deal.account_id, deal.opportunity_id,
                             "outbound" if rng.random() < 0.75 else "inbound", one(OUTCOMES["call"])))
            else:
                rows.append(("meeting", one(SUBJECTS["meeting"]), "completed", due, never, due + HOUR, deal.owner_id,
                             c, deal.account_id, deal.opportunity_id, "", one(OUTCOMES["meeting"])))
        deals[deal.opportunity_id] = [deal.primary_contact_id] + [str(c) for c in extra]
    added = pd.DataFrame(rows, columns=["type", "subject", "status", "due_at", "reminder_at", "completed_at",
                                        "owner_id", "contact_id", "account_id", "opportunity_id", "direction",
                                        "outcome"])
    added.insert(0, "activity_id", [f"AC{i:0{width}d}" for i in range(first, first + len(added))])
    planted = {"group_meetings": [[f"AC{i:0{width}d}" for i in m] for m in meetings],
               "multi_contact_deals": deals}
    return added, planted


def contact_rows(contacts, ids) -> np.ndarray:
    """Row of each contact id in ``contacts`` (-1 for blank).

    >>> contact_rows(pd.DataFrame({"contact_id": ["C1", "C2"]}), ["C2", "", "C1"]).tolist()
    [1, -1, 0]
    """
    pos = pd.Series(np.arange(len(contacts)), index=contacts.contact_id.to_numpy())
    out = pos.reindex(ids).to_numpy()
    return np.where(np.isnan(out), -1, out).astype(np.int64)


def activity_moment(activities: pd.DataFrame) -> np.ndarray:
    """When an activity happened: completed_at when done, else due_at."""
    done = activities.completed_at.to_numpy().astype("datetime64[s]")
    return np.where(np.isnat(done), activities.due_at.to_numpy().astype("datetime64[s]"), done)
