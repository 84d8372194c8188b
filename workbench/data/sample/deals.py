"""The pipeline: stages, products, opportunities (with planted overdue deals and odd probabilities) and leads.

Also who plays which part in the pipeline's story: the three reps whose LinkedIn
exports ship with the sample, and the silent rep who owns deals but logs almost nothing.

>>> stages, products = make_stages(), make_products()
>>> list(stages.stage[stages.is_closed]), len(products)
(['Closed Won', 'Closed Lost'], 12)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clock import AS_OF, DAY, HISTORY_START, between
from .draw import draw, numbered_ids, row_count
from .names import ascii_slug
from .vocabulary import LOCALE_WEIGHTS, LOCALES, PRODUCTS, STAGES, TLD


def make_stages() -> pd.DataFrame:
    """The stage table: Salesforce's default stages, in order, with their default probabilities.

    >>> make_stages().stage.iloc[-1], int(make_stages().default_probability.iloc[-2])
    ('Closed Lost', 100)
    """
    return pd.DataFrame({"stage": [s for s, _ in STAGES], "sort_order": np.arange(1, len(STAGES) + 1),
                         "default_probability": [p for _, p in STAGES],
                         "is_closed": [s.startswith("Closed") for s, _ in STAGES],
                         "is_won": [s == "Closed Won" for s, _ in STAGES]})


def make_products() -> pd.DataFrame:
    """The product catalogue, numbered ``P01``, ``P02``...

    >>> make_products().product_id.iloc[0]
    'P01'
    """
    return pd.DataFrame({"product_id": numbered_ids("P", len(PRODUCTS), 2), "name": [p[0] for p in PRODUCTS],
                         "series": [p[1] for p in PRODUCTS], "list_price": [p[2] for p in PRODUCTS]})


def make_opportunities(rng, accounts, contacts, users, products, scale):
    """Deals on the accounts; returns (table, overdue deal ids, probability-mismatch deal ids), both planted."""
    n = row_count(700, scale, 20)
    weight = np.sqrt(accounts.employees.to_numpy(float))
    acc = rng.choice(len(accounts), size=n, p=weight / weight.sum())
    reps = users.user_id[users.team == "sales"].to_numpy()
    owner = np.where(rng.random(n) < 0.9, accounts.owner_id.to_numpy()[acc], reps[rng.integers(0, len(reps), n)])
    prod = rng.integers(0, len(products), n)
    is_open = rng.random(n) < 0.35
    cycle = np.maximum(7, rng.gamma(2.0, 40.0, n)).astype(np.int64) * DAY
    since = np.maximum(accounts.created_at.to_numpy().astype("datetime64[s]")[acc], HISTORY_START)
    created_closed = between(rng, since, np.maximum(since, AS_OF - cycle - DAY))
    created_open = between(rng, np.maximum(since, AS_OF - 300 * DAY), AS_OF - 5 * DAY)
    created = np.where(is_open, created_open, created_closed).astype("datetime64[D]").astype("datetime64[s]")
    closed = ~is_open
    won = closed & (rng.random(n) < 0.45)
    stage_names = np.array([s for s, _ in STAGES], dtype=object)
    default = dict(STAGES)
    open_stage = rng.choice(8, size=n, p=np.array([16, 15, 14, 13, 11, 10, 11, 10]) / 100)
    stage = np.where(won, "Closed Won", np.where(closed, "Closed Lost", stage_names[open_stage]))
    ahead = rng.integers(5, 200, n) * DAY
    close = np.where(closed, np.minimum(created + cycle, AS_OF - DAY), AS_OF + ahead)
    close = close.astype("datetime64[D]").astype("datetime64[s]")
    # planted: open deals whose close date has passed
    open_idx = np.flatnonzero(~closed)
    overdue = np.sort(rng.choice(open_idx, size=max(3, int(round(0.10 * len(open_idx)))), replace=False))
    late = rng.integers(3, 90, len(overdue)) * DAY
    close[overdue] = AS_OF - late
    created[overdue] = np.minimum(created[overdue], close[overdue] - 14 * DAY)
    prob = np.array([default[s] for s in stage], dtype=np.int64)
    mismatch = np.sort(rng.choice(open_idx, size=max(3, int(round(0.06 * len(open_idx)))), replace=False))
    shift = rng.choice([-30, -20, -10, 10, 20, 30], size=len(mismatch))
    prob[mismatch] = np.clip(prob[mismatch] + shift, 5, 95)
    prob[mismatch] = np.where(prob[mismatch] == np.array([default[s] for s in stage[mismatch]]),
                              prob[mismatch] + 5, prob[mismatch])
    price = products.list_price.to_numpy()[prod]
    amount = np.round(np.maximum(price, price * rng.lognormal(np.log(12), 0.9, n)), -1)
    # primary contact: one of the account's contacts, when it has any
    cont_acc = contacts.account_id.to_numpy()
    order = np.argsort(cont_acc, kind="stable")
    sorted_acc = cont_acc[order]
    acc_ids = accounts.account_id.to_numpy()[acc]
    lo = np.searchsorted(sorted_acc, acc_ids, "left")
    hi = np.searchsorted(sorted_acc, acc_ids, "right")
    has = hi > lo
    pick = lo + (rng.random(n) * np.maximum(hi - lo, 1)).astype(np.int64)
    primary = np.where(has, contacts.contact_id.to_numpy()[order][np.minimum(pick, len(order) - 1)], "")
    primary[rng.random(n) < 0.05] = ""
    next_step = draw(rng, ("Book a demo", "Send the proposal", "Call the decision maker", "Site visit",
                            "Follow up on pricing", "Send references", "Agree on delivery dates", ""), n)
    ids = numbered_ids("OP", n, 4)
    df = pd.DataFrame({
        "opportunity_id": ids,
        "name": [f"{a} - {p}" for a, p in zip(accounts.name.to_numpy()[acc], products.name.to_numpy()[prod])],
        "account_id": acc_ids, "primary_contact_id": primary, "owner_id": owner,
        "product_id": products.product_id.to_numpy()[prod], "stage": stage, "probability": prob,
        "amount": amount, "created_at": created, "close_date": close, "is_closed": closed, "is_won": won,
        "lead_source": draw(rng, ("Web", "Referral", "Event", "Partner", "Cold call", "LinkedIn"), n,
                             [30, 20, 15, 12, 13, 10]),
        "next_step": np.where(closed, "", next_step),
    })
    return df, ids[overdue].tolist(), ids[mismatch].tolist()


def make_leads(rng, names, opps, contacts, accounts, users, scale):
    """New prospects, and the converted leads behind some deals (same person, company and lead source)."""
    n = row_count(500, scale, 10)
    with_contact = np.flatnonzero((opps.primary_contact_id.to_numpy() != "")
                                  & (opps.created_at.to_numpy() > HISTORY_START + 60 * DAY))
    n_conv = min(len(with_contact), int(round(0.12 * n)))
    conv = np.sort(rng.choice(with_contact, size=n_conv, replace=False))
    n_new = n - n_conv
    locs = draw(rng, LOCALES, n_new, LOCALE_WEIGHTS)
    first, last, fslug, lslug = names.sample(rng, locs)
    companies = names.companies(rng, locs, unique=False)
    domains = [(ascii_slug(c)[:14] or "company") + "." + TLD[loc] for c, loc in zip(companies, locs)]
    email = np.array([f"{f or 'x'}.{last or 'x'}@{d}" for f, last, d in zip(fslug, lslug, domains)], dtype=object)
    email[rng.random(n_new) < 0.05] = ""
    reps = users.user_id[(users.team == "sales") & ~users._manager].to_numpy()
    created = between(rng, HISTORY_START, AS_OF - DAY, n_new).astype("datetime64[D]").astype("datetime64[s]")
    age = (AS_OF - created).astype(np.int64) / 86400
    status = np.where(age < 30, draw(rng, ("new", "working"), n_new, [60, 40]),
                      draw(rng, ("working", "nurturing", "qualified", "unqualified"), n_new, [15, 40, 15, 30]))
    fit = np.clip(np.round(rng.normal(50, 20, n_new)), 0, 100).astype(np.int64)
    eng = np.clip(np.round(rng.normal(40, 22, n_new)), 0, 100).astype(np.int64)
    fresh = pd.DataFrame({"company": companies, "name": [f"{a} {b}" for a, b in zip(first, last)],
                          "email": email, "status": status, "fit_score": fit, "engagement_score": eng,
                          "owner_id": reps[rng.integers(0, len(reps), n_new)], "created_at": created,
                          "converted_at": np.full(n_new, np.datetime64("NaT"), "datetime64[s]"),
                          "converted_contact_id": "", "converted_opportunity_id": ""})
    o = opps.iloc[conv]
    c = contacts.set_index("contact_id").loc[o.primary_contact_id]
    acc_name = accounts.set_index("account_id").name.loc[o.account_id].to_numpy()
    conv_at = o.created_at.to_numpy()
    converted = pd.DataFrame({
        "company": acc_name, "name": (c.first_name + " " + c.last_name).to_numpy(), "email": c.email.to_numpy(),
        "status": "converted", "fit_score": np.clip(np.round(rng.normal(72, 12, n_conv)), 0, 100).astype(np.int64),
        "engagement_score": np.clip(np.round(rng.normal(68, 15, n_conv)), 0, 100).astype(np.int64),
        "owner_id": o.owner_id.to_numpy(),
        "created_at": (conv_at - rng.integers(3, 60, n_conv) * DAY),
        "converted_at": conv_at, "converted_contact_id": o.primary_contact_id.to_numpy(),
        "converted_opportunity_id": o.opportunity_id.to_numpy()})
    df = pd.concat([fresh, converted], ignore_index=True)
    df["lead_source"] = draw(rng, ("Web", "Referral", "Event", "Partner", "Cold call", "LinkedIn"), len(df),
                              [30, 20, 15, 12, 13, 10])
    df = df.sort_values(["created_at", "name"], kind="stable").reset_index(drop=True)
    df.insert(0, "lead_id", numbered_ids("L", len(df), 4))
    src = df.set_index("converted_opportunity_id").lead_source
    src = src[src.index != ""]
    opps.loc[opps.opportunity_id.isin(src.index), "lead_source"] = src.loc[
        opps.opportunity_id[opps.opportunity_id.isin(src.index)]].to_numpy()
    return df


def give_open_deals(rng, opps: pd.DataFrame, rep: str, keep_from: list[str], at_least: int) -> None:
    """Make ``rep`` own at least ``at_least`` open deals, taken from reps not in ``keep_from``."""
    open_ = ~opps.is_closed.to_numpy()
    owner = opps.owner_id.to_numpy()
    missing = at_least - int((open_ & (owner == rep)).sum())
    if missing <= 0:
        return
    donors = np.flatnonzero(open_ & (owner != rep) & ~np.isin(owner, keep_from))
    if len(donors) < missing:
        donors = np.flatnonzero(open_ & (owner != rep))
    moved = rng.choice(donors, size=min(missing, len(donors)), replace=False)
    opps.loc[moved, "owner_id"] = rep


def align_lifecycle(contacts: pd.DataFrame, opps: pd.DataFrame) -> None:
    """Primary contacts of won deals are customers; of open deals, at least at the opportunity stage."""
    won = set(opps.primary_contact_id[opps.is_won])
    open_ = set(opps.primary_contact_id[~opps.is_closed])
    stage = contacts.lifecycle_stage.to_numpy().copy()
    early = np.isin(stage, ("subscriber", "lead", "marketing_qualified", "sales_qualified", "other"))
    stage[contacts.contact_id.isin(sorted(open_)).to_numpy() & early] = "opportunity"
    stage[contacts.contact_id.isin(sorted(won)).to_numpy() & (stage != "evangelist")] = "customer"
    contacts["lifecycle_stage"] = stage


def choose_social_reps(reps: pd.DataFrame, open_owned: pd.Series) -> list[str]:
    """The three sales reps whose LinkedIn exports ship with the sample: those owning the most open deals."""
    ranked = sorted(reps.user_id, key=lambda u: (-int(open_owned.get(u, 0)), u))
    return ranked[:3]


def choose_silent_rep(rng, users: pd.DataFrame, opps: pd.DataFrame) -> tuple[list[str], str]:
    """The three reps whose LinkedIn exports ship, and the rep who owns deals but logs almost nothing.

    The silent rep owns open deals, is not one of the social reps, and owns at least three open deals.
    """
    reps = users[(users.team == "sales") & ~users._manager]
    open_owned = opps[~opps.is_closed].owner_id.value_counts()
    social_reps = choose_social_reps(reps, open_owned)
    quiet = [u for u in reps.user_id if u not in social_reps and open_owned.get(u, 0) > 0]
    silent_rep = quiet[int(rng.integers(len(quiet)))] if quiet else reps.user_id.iloc[-1]
    give_open_deals(rng, opps, silent_rep, social_reps, at_least=3)
    return social_reps, silent_rep
