"""Campaigns, who they went to, and the planted message-pressure and consent problems."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .activities import activity_moment, contact_rows
from .clock import AS_OF, DAY, HISTORY_START, MONDAY, between, office_hours, week_index
from .consents import consent_allowed, consent_revoked
from .draw import numbered_ids, row_count
from .vocabulary import CAMPAIGN_THEMES, TEMPLATES


def make_templates() -> pd.DataFrame:
    """The message templates, numbered ``T01``, ``T02``...

    >>> make_templates().channel.value_counts().to_dict()
    {'email': 6, 'sms': 2}
    """
    return pd.DataFrame({"template_id": numbered_ids("T", len(TEMPLATES), 2), "channel": [t[0] for t in TEMPLATES],
                         "subject": [t[1] for t in TEMPLATES], "body": [t[2] for t in TEMPLATES]})


def make_campaigns(rng, templates, scale):
    """Email and SMS campaigns spread over the history, each with a template, a theme and a budget."""
    n = max(6, int(round(10 * scale ** 0.5)))
    channel = np.where(np.arange(n) % 3 == 2, "sms", "email")
    start = np.sort(between(rng, HISTORY_START + 30 * DAY, AS_OF - 20 * DAY, n).astype("datetime64[D]"))
    tmpl = np.empty(n, dtype=object)
    for ch in ("email", "sms"):
        pool = templates.template_id[templates.channel == ch].to_numpy()
        m = channel == ch
        tmpl[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    themes = np.array(CAMPAIGN_THEMES, dtype=object)[rng.permutation(len(CAMPAIGN_THEMES))[:min(n, 12)]]
    names = [f"{themes[i % len(themes)]} {str(s)[:4]}" + (f" #{i // len(themes) + 1}" if i >= len(themes) else "")
             for i, s in enumerate(start)]
    end = start + rng.integers(14, 45, n).astype("timedelta64[D]")
    return pd.DataFrame({"campaign_id": numbered_ids("CP", n, 2), "name": names, "channel": channel,
                         "template_id": tmpl, "start": start.astype("datetime64[s]"),
                         "end": end.astype("datetime64[s]"),
                         "budget": np.round(rng.uniform(800, 15000, n), -2)})


def make_campaign_members(rng, campaigns, contacts, windows, scale):
    """Who each campaign went to; one email campaign is an A/B test where B does better."""
    target = row_count(6000, scale, 30)
    email_ids = np.flatnonzero(campaigns.channel.to_numpy() == "email")
    ab = email_ids[len(email_ids) // 2]
    out = []
    created = contacts.created_at.to_numpy()
    everyone = np.arange(len(contacts))
    eligible_of = []
    for camp in campaigns.itertuples(index=False):
        send = np.datetime64(camp.start, "s")
        ok = ((created < send) & consent_allowed(windows, camp.channel, everyone, send)
              & consent_allowed(windows, camp.channel, everyone, send + 3 * DAY)
              & ~consent_revoked(windows, "email", everyone, send + 3 * DAY))
        eligible_of.append(np.flatnonzero(ok))
    reach = min(1.0, target / max(1, sum(len(e) for e in eligible_of)))
    for i, camp in enumerate(campaigns.itertuples(index=False)):
        send = np.datetime64(camp.start, "s")
        eligible = eligible_of[i]
        size = min(len(eligible), int(round(len(eligible) * reach * rng.uniform(0.85, 1.15))))
        who = np.sort(rng.choice(eligible, size=size, replace=False))
        sent = office_hours(rng, send + rng.integers(0, 3, size) * DAY)
        email = camp.channel == "email"
        if i == ab:
            variant = np.where(rng.random(size) < 0.5, "A", "B")
            p_open = np.where(variant == "B", 0.34, 0.22)
            p_resp = np.where(variant == "B", 0.24, 0.15)
        else:
            variant = np.full(size, "", dtype=object)
            p_open = np.full(size, rng.uniform(0.18, 0.3) if email else 0.0)
            p_resp = np.full(size, rng.uniform(0.1, 0.2) if email else rng.uniform(0.02, 0.05))
        bounced = rng.random(size) < (0.03 if email else 0.01)
        opened = ~bounced & (rng.random(size) < p_open)
        responded = ~bounced & (rng.random(size) < p_resp) & (opened | (not email))
        status = np.where(bounced, "bounced", np.where(responded, "responded", np.where(opened, "opened", "sent")))
        out.append(pd.DataFrame({"campaign_id": camp.campaign_id, "contact_id": contacts.contact_id.to_numpy()[who],
                                 "variant": variant, "status": status, "sent_at": sent,
                                 "opened": opened if email else np.full(size, None, dtype=object),
                                 "responded": responded, "_idx": who}))
    members = pd.concat(out, ignore_index=True)
    return members, campaigns.campaign_id.to_numpy()[ab]


def _messages(members, activities, contacts):
    """Every message a contact received: campaign sends and email activities, with the week."""
    a_idx = contact_rows(contacts, activities.contact_id.to_numpy())
    a_mask = (activities.type.to_numpy() == "email") & (a_idx >= 0)
    moments = np.concatenate([members.sent_at.to_numpy().astype("datetime64[s]"), activity_moment(activities)[a_mask]])
    return pd.DataFrame({
        "idx": np.concatenate([members._idx.to_numpy(), a_idx[a_mask]]),
        "at": moments, "week": week_index(moments),
        "source": np.concatenate([np.zeros(len(members), np.int8), np.ones(int(a_mask.sum()), np.int8)]),
        "row": np.concatenate([np.arange(len(members)), np.flatnonzero(a_mask)]),
    })


def cap_pressure(members, activities, contacts):
    """Drop the messages that would push a contact over ``max_msgs_per_week`` in some week."""
    msgs = _messages(members, activities, contacts).sort_values(["idx", "week", "at", "source", "row"])
    rank = msgs.groupby(["idx", "week"]).cumcount().to_numpy()
    cap = contacts.max_msgs_per_week.to_numpy()[msgs.idx.to_numpy()]
    drop = msgs[~np.isnan(cap) & (rank >= np.nan_to_num(cap, nan=0))]
    members = members.drop(index=drop.row[drop.source == 0].to_numpy()).reset_index(drop=True)
    activities = activities.drop(index=drop.row[drop.source == 1].to_numpy()).reset_index(drop=True)
    return members, activities


def _email_activities(contacts, rows, owners, moments) -> pd.DataFrame:
    """Completed outbound emails to the contacts at ``rows`` (positions), sent at ``moments``."""
    rows = np.asarray(rows, dtype=np.int64)
    moments = np.asarray(moments, dtype="datetime64[s]")
    return pd.DataFrame({
        "type": "email", "subject": "Follow-up email", "status": "completed", "due_at": moments,
        "reminder_at": np.full(len(rows), np.datetime64("NaT"), "datetime64[s]"), "completed_at": moments,
        "owner_id": np.asarray(owners, dtype=object), "contact_id": contacts.contact_id.to_numpy(dtype=object)[rows],
        "account_id": contacts.account_id.to_numpy(dtype=object)[rows], "opportunity_id": "",
        "direction": "outbound", "outcome": ""})


def plant_messages(rng, members, activities, contacts, accounts, campaigns, windows, silent_rep, ab_campaign):
    """Plant emails after a revocation and weeks over a contact's limit; return what was planted."""
    g, r, rg = windows["email"]
    cap = contacts.max_msgs_per_week.to_numpy()
    contact_ids = contacts.contact_id.to_numpy(dtype=object)
    owners_by_acc = accounts.set_index("account_id").owner_id
    acc = contacts.account_id.to_numpy()
    default_owner = next(u for u in accounts.owner_id if u != silent_rep)

    def owner_of(rows):
        own = np.array([owners_by_acc.get(a, default_owner) if a else default_owner for a in acc[rows]], dtype=object)
        return np.where(own == silent_rep, default_owner, own)

    msgs = _messages(members, activities, contacts)
    counts = {(int(i), int(w)): int(c) for (i, w), c in msgs.groupby(["idx", "week"]).size().items()}
    # emails after revocation
    cand = np.flatnonzero(~np.isnat(r) & np.isnat(rg) & (r < AS_OF - 20 * DAY) & (cap >= 1)
                          & (contacts.email.to_numpy() != "") & ~contacts._copy.to_numpy())
    n_rev = min(len(cand), max(3, int(round(0.012 * len(contacts)))))
    chosen = np.sort(rng.choice(cand, size=n_rev, replace=False))
    sub = members[members._idx.isin(chosen)]
    campaigns_of = {int(i): sorted(set(g)) for i, g in sub.groupby("_idx").campaign_id}
    add_members, revoked_after = [], []
    act_rows, act_at = [], []
    email_camps = campaigns[(campaigns.channel == "email") & (campaigns.campaign_id != ab_campaign)]
    for k, i in enumerate(chosen):
        later = email_camps[email_camps.start.to_numpy() > r[i] + DAY]
        later = later[~later.campaign_id.isin(campaigns_of.get(i, []))]
        for _ in range(20):
            if k % 2 == 0 and len(later):
                camp = later.iloc[int(rng.integers(len(later)))]
                at = office_hours(rng, np.array([np.datetime64(camp.start, "s") + int(rng.integers(0, 3)) * DAY]))
            else:
                camp = None
                at = office_hours(rng, between(rng, r[i] + DAY, AS_OF - DAY, 1))
            if counts.get((i, int(week_index(at)[0])), 0) < cap[i]:
                break
        else:
            continue
        counts[(i, int(week_index(at)[0]))] = counts.get((i, int(week_index(at)[0])), 0) + 1
        if camp is not None:
            add_members.append(pd.DataFrame({"campaign_id": [camp.campaign_id],
                                             "contact_id": [contact_ids[i]], "variant": [""],
                                             "status": ["sent"], "sent_at": at, "opened": [False],
                                             "responded": [False], "_idx": [i]}))
        else:
            act_rows.append(i)
            act_at.append(at[0])
        revoked_after.append(contact_ids[i])
    # over-contacted: a week with more emails than the contact accepts
    never_revoked = np.isnat(r) & ~np.isnat(g)
    cand = np.flatnonzero(never_revoked & ~np.isnan(cap) & ~np.isin(np.arange(len(contacts)), chosen)
                          & (contacts.email.to_numpy() != "") & (contacts.created_at.to_numpy() < AS_OF - 60 * DAY))
    n_over = min(len(cand), max(3, int(round(0.02 * len(contacts)))))
    over = np.sort(rng.choice(cand, size=n_over, replace=False))
    over_detail = []
    for i in over:
        start = np.maximum(contacts.created_at.iloc[i], g[i]) + DAY
        week_start = (MONDAY + week_index(between(rng, start, AS_OF - 8 * DAY, 1)) * 7 * DAY)[0]
        have = int(counts.get((i, int(week_index(np.array([week_start]))[0])), 0))
        extra = int(cap[i]) + int(rng.integers(2, 5)) - have  # well above the limit, by email alone
        at = np.sort(office_hours(rng, week_start + rng.integers(0, 5, extra) * DAY))
        act_rows.extend([i] * extra)
        act_at.extend(at)
        over_detail.append({"contact_id": contact_ids[i], "week_start": str(week_start)[:10],
                            "messages": have + extra, "max_msgs_per_week": int(cap[i])})
    members = pd.concat([members, *add_members], ignore_index=True)
    added = _email_activities(contacts, act_rows, owner_of(np.asarray(act_rows, dtype=np.int64)), act_at)
    activities = pd.concat([activities, added], ignore_index=True)
    return members, activities, sorted(revoked_after), over_detail
