"""The people of the CRM: Acme's users (its staff), the accounts it sells to, and their contacts.

>>> from workbench.data.sample.names import Names
>>> rng, names = np.random.default_rng(0), Names(seed=0)
>>> users = make_users(rng, names, scale=1)
>>> sorted(users.team.unique()), int(users.manager_id.eq("").sum())
(['marketing', 'sales', 'service'], 1)
>>> accounts = make_accounts(rng, names, users, scale=0.1)
>>> contacts, pairs, detail = make_contacts(rng, names, accounts, scale=0.1)
>>> len(contacts), len(pairs), set(contacts.account_id) - {""} <= set(accounts.account_id)
(150, 6, True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clock import AS_OF, DAY, HISTORY_START, between
from .draw import draw, numbered_ids, row_count
from .duplicates import near_duplicates
from .names import Names, ascii_slug, linkedin_urls, phone_numbers
from .vocabulary import COUNTRY, INDUSTRIES, LOCALE_WEIGHTS, LOCALES, REGION, TITLE_WEIGHTS, TITLES, TLD


def make_users(rng, names: Names, scale: float) -> pd.DataFrame:
    """Acme's staff: sales, marketing and service teams, each with a manager (the staff grows with ``scale ** 0.5``)."""
    root = scale ** 0.5
    teams = {"sales": max(5, round(6 * root)), "marketing": max(2, round(3 * root)),
             "service": max(2, round(3 * root))}
    rows = []
    regions = ("France", "UK & Ireland", "Middle East", "South Asia")
    for team, n in teams.items():
        for k in range(n):
            rows.append((team, "France" if k == 0 else regions[(k - 1) % len(regions)], k == 0))
    n = len(rows)
    ids = numbered_ids("U", n, 3)
    locs = draw(rng, LOCALES, n, LOCALE_WEIGHTS)
    first, last, _, _ = names.sample(rng, locs)
    manager_of = {}
    manager = []
    for i, (team, _, is_manager) in enumerate(rows):
        if is_manager:
            manager_of[team] = ids[i]
    for team, _, is_manager in rows:
        manager.append("" if team == "sales" and is_manager else
                       (manager_of["sales"] if is_manager else manager_of[team]))
    return pd.DataFrame({"user_id": ids, "name": [f"{a} {b}" for a, b in zip(first, last)],
                         "team": [r[0] for r in rows], "manager_id": manager,
                         "region": [r[1] for r in rows], "_manager": [r[2] for r in rows]})


def make_accounts(rng, names: Names, users: pd.DataFrame, scale: float) -> pd.DataFrame:
    """The companies Acme sells to, owned by a sales rep of their region; some are subsidiaries of another."""
    n = row_count(250, scale, 10)
    locs = draw(rng, LOCALES, n, LOCALE_WEIGHTS)
    reps = users[(users.team == "sales") & ~users._manager]
    owner = np.empty(n, dtype=object)
    for loc in LOCALES:
        rows = np.flatnonzero(locs == loc)
        pool = reps.user_id[reps.region == REGION[loc]].to_numpy()
        pool = pool if len(pool) else reps.user_id.to_numpy()
        owner[rows] = pool[rng.integers(0, len(pool), size=len(rows))]
    employees = np.clip(np.round(rng.lognormal(4.2, 1.3, n)), 3, 60000).astype(np.int64)
    revenue = np.round(employees * rng.lognormal(np.log(120000), 0.5, n), -3)
    created = between(rng, np.datetime64("2019-01-01"), AS_OF - 90 * DAY, n)
    parent = np.full(n, "", dtype=object)
    ids = numbered_ids("A", n, 4)
    # about 8% of accounts are subsidiaries of an older account of the same country
    for i in np.flatnonzero(rng.random(n) < 0.08):
        cands = np.flatnonzero((locs == locs[i]) & (created < created[i]) & (parent == ""))
        cands = cands[cands != i]
        if len(cands):
            parent[i] = ids[cands[rng.integers(len(cands))]]
    parent_ids = set(parent[parent != ""])
    parent[np.isin(ids, list(parent_ids))] = ""  # a parent is never itself a subsidiary
    return pd.DataFrame({
        "account_id": ids, "name": names.companies(rng, locs),
        "industry": draw(rng, INDUSTRIES, n), "country": [COUNTRY[x] for x in locs],
        "employees": employees, "annual_revenue": revenue, "parent_account_id": parent,
        "owner_id": owner, "created_at": created, "_locale": locs,
    })


def make_contacts(rng, names: Names, accounts: pd.DataFrame, scale: float):
    """Contacts, including the planted near-duplicate copies; returns (table, duplicate pairs)."""
    n_total = row_count(1500, scale, 30)
    n_dup = max(2, int(round(0.04 * n_total)))
    n = n_total - n_dup
    weight = np.sqrt(accounts.employees.to_numpy(float))
    acc = rng.choice(len(accounts), size=n, p=weight / weight.sum())
    no_account = rng.random(n) < 0.05
    acc_loc = accounts._locale.to_numpy()[acc]
    locs = np.where(rng.random(n) < 0.85, acc_loc, draw(rng, LOCALES, n, LOCALE_WEIGHTS))
    first, last, fslug, lslug = names.sample(rng, locs, exclude={})
    acc_ids = np.where(no_account, "", accounts.account_id.to_numpy()[acc]).astype(object)
    acc_names = accounts.name.to_numpy()[acc]
    domains = np.array([(ascii_slug(a)[:14] or "company") + "." + TLD[loc] for a, loc in zip(acc_names, acc_loc)],
                       dtype=object)
    webmail = draw(rng, ("gmail.com", "outlook.com", "yahoo.com", "hotmail.fr"), n)
    domains = np.where(no_account, webmail, domains)
    email = pd.Series([f"{f or 'x'}.{last or 'x'}@{d}" for f, last, d in zip(fslug, lslug, domains)])
    rank = email.groupby(email).cumcount().to_numpy()
    email = np.array([e if r == 0 else e.replace("@", f"{r + 1}@") for e, r in zip(email, rank)], dtype=object)
    email[rng.random(n) < 0.04] = ""
    phone = phone_numbers(rng, locs)
    phone[rng.random(n) < 0.10] = ""
    linkedin = linkedin_urls(rng, fslug, lslug)
    linkedin[rng.random(n) < 0.35] = ""
    acc_created = accounts.created_at.to_numpy()[acc]
    lo = np.where(no_account, HISTORY_START - 365 * DAY, acc_created)
    lo = lo.astype("datetime64[s]")
    created = lo + ((AS_OF - 2 * DAY - lo).astype(np.int64) * rng.random(n) ** 1.5).astype("timedelta64[s]")
    cities = np.array([names.cities[loc][rng.integers(len(names.cities[loc]))] for loc in locs], dtype=object)
    maxmsg = rng.choice([1, 2, 3, 5], size=n, p=[0.3, 0.35, 0.25, 0.10]).astype(float)
    maxmsg[rng.random(n) < 0.03] = np.nan
    df = pd.DataFrame({
        "account_id": acc_ids, "first_name": first, "last_name": last, "email": email, "phone": phone,
        "title": draw(rng, TITLES, n, TITLE_WEIGHTS),
        "lifecycle_stage": draw(rng, ("subscriber", "lead", "marketing_qualified", "sales_qualified",
                                       "opportunity", "customer", "evangelist", "other"), n,
                                 [12, 16, 10, 8, 9, 33, 5, 7]),
        "preferred_channel": draw(rng, ("email", "phone", "sms", ""), n, [60, 20, 15, 5]),
        "max_msgs_per_week": maxmsg, "city": cities, "country": [COUNTRY[x] for x in locs],
        "source": draw(rng, ("web_form", "import", "event", "referral", "linkedin", "purchased_list"), n,
                        [30, 20, 15, 15, 12, 8]),
        "linkedin_url": linkedin, "created_at": created, "_locale": locs,
    })
    dups, kinds = near_duplicates(rng, df, n_dup)
    df = pd.concat([df, dups], ignore_index=True)
    order = rng.permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    ids = numbered_ids("C", len(df), 5)
    df.insert(0, "contact_id", ids)
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    pairs = [[ids[position[o]], ids[position[n + k]]] for k, o in enumerate(dups["_original"])]
    detail = [{"original": a, "copy": b, "changes": c} for (a, b), c in zip(pairs, kinds)]
    df["_copy"] = False
    df.loc[position[n:], "_copy"] = True
    return df.drop(columns="_original"), pairs, detail
