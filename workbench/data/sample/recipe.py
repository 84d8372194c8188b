"""The recipe: :func:`generate` writes the sample company, one step (one module) after another.

Each step draws from the same random stream in a fixed order, so the order of
the steps below is part of the data: moving one changes every value after it.
Two steps use streams of their own (shared activities and referrals), so they
leave everything else as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ...i18n.messages import _
from ..schema import TABLES
from . import referrals
from .activities import make_activities, make_shared_activities
from .after_sales import make_cases, make_orders
from .campaigns import cap_pressure, make_campaign_members, make_campaigns, make_templates, plant_messages
from .card import DEFINITIONS, data_card
from .clock import AS_OF
from .consents import make_consents
from .deals import align_lifecycle, choose_silent_rep, make_leads, make_opportunities, make_products, make_stages
from .draw import numbered_ids
from .names import Names
from .people import make_accounts, make_contacts, make_users
from .social import write_social
from .write import write_table

__all__ = ["generate"]

STEPS = ("people", "accounts and contacts", "consents", "deals and leads", "activities and cases", "campaigns",
         "orders", "social files", "writing")


def generate(out, *, seed: int = 42, scale: float = 1.0, progress: bool = False) -> Path:
    """Write the sample company "Acme" (every schema table, ``meta.json``, ``social/``) into ``out``.

    ``seed`` makes it reproducible (same seed and scale, same bytes); ``scale``
    multiplies the row counts (1 gives about 1,500 contacts).  Returns the folder.

    >>> import tempfile
    >>> folder = generate(tempfile.mkdtemp(), seed=7, scale=0.05)
    >>> (folder / "contacts.csv").read_text(encoding="utf-8").splitlines()[0].split(",")[:4]
    ['contact_id', 'account_id', 'first_name', 'last_name']
    """
    seed, scale = _checked(seed, scale)
    folder = _emptied(Path(out))
    step = _progress(progress)
    rng = np.random.default_rng(seed)
    names = Names(seed)
    users = make_users(rng, names, scale)
    step()
    accounts = make_accounts(rng, names, users, scale)
    contacts, pairs, pair_detail = make_contacts(rng, names, accounts, scale)
    step()
    consents, windows = make_consents(rng, contacts)
    step()
    stages, products = make_stages(), make_products()
    opps, overdue, mismatch = make_opportunities(rng, accounts, contacts, users, products, scale)
    align_lifecycle(contacts, opps)
    leads = make_leads(rng, names, opps, contacts, accounts, users, scale)
    step()
    social_reps, silent_rep = choose_silent_rep(rng, users, opps)
    cases = make_cases(rng, contacts, scale)
    activities = make_activities(rng, opps, contacts, accounts, cases, users, windows, silent_rep, scale)
    step()
    templates = make_templates()
    campaigns = make_campaigns(rng, templates, scale)
    members, ab_campaign = make_campaign_members(rng, campaigns, contacts, windows, scale)
    members, activities = cap_pressure(members, activities, contacts)
    members, activities, revoked_after, over = plant_messages(rng, members, activities, contacts, accounts,
                                                              campaigns, windows, silent_rep, ab_campaign)
    members = members.sort_values(["campaign_id", "sent_at", "contact_id"], kind="stable").reset_index(drop=True)
    activities = activities.sort_values(["due_at", "owner_id", "contact_id"], kind="stable").reset_index(drop=True)
    activities.insert(0, "activity_id", numbered_ids("AC", len(activities), 5))
    shared, shared_planted = make_shared_activities(seed, activities, opps, contacts, accounts, social_reps,
                                                    silent_rep, scale)
    activities = pd.concat([activities, shared], ignore_index=True)
    step()
    orders, order_lines = make_orders(rng, contacts, products, scale)
    step()
    tables = {"users": users, "accounts": accounts, "contacts": contacts, "consents": consents, "leads": leads,
              "stages": stages, "products": products, "opportunities": opps, "activities": activities,
              "templates": templates, "campaigns": campaigns, "campaign_members": members, "orders": orders,
              "order_lines": order_lines, "cases": cases}
    social = write_social(folder / "social", rng, names, tables, social_reps, scale, AS_OF)
    contacts["referred_by"], leads["referred_by"] = referrals.referred_by(seed, contacts, leads)  # own stream
    step()
    counts = {t.name: write_table(tables[t.name], t.name, folder) for t in TABLES}
    meta = {
        "company": "Acme", "seed": seed, "scale": scale, "as_of": str(AS_OF)[:10],
        "generator": f"workbench {_version()}", "rows": counts,
        "planted": {
            "duplicate_pairs": pairs, "duplicate_changes": pair_detail, "silent_rep": silent_rep,
            "over_contacted": [d["contact_id"] for d in over], "over_contacted_weeks": over,
            "emailed_after_revocation": revoked_after, "overdue_deals": overdue,
            "probability_mismatch": mismatch,
            "ab_test": {"campaign_id": str(ab_campaign), "better_variant": "B"},
            **shared_planted,
            **social["planted"],
        },
        "definitions": DEFINITIONS,
        "social": social["meta"],
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(data_card(meta), encoding="utf-8")
    step(last=True)
    return folder


def _checked(seed, scale) -> tuple[int, float]:
    """``seed`` and ``scale`` as numbers, or a clear error saying what to pass."""
    from ...errors import InputError

    try:
        scale = float(scale)
        seed = int(seed)
    except (TypeError, ValueError):
        raise InputError(_('seed {seed!r} and scale {scale!r} must be numbers').format(seed=seed, scale=scale), where="generate()",
                         fix=_("pass a whole number as seed and a positive number as scale, e.g. seed=42, scale=1")
                         ) from None
    if not (0.01 <= scale <= 1000):
        raise InputError(_('scale {scale:g} is out of range').format(scale=scale), where="generate(scale=...)",
                         fix=_("use a scale between 0.01 and 1000 (1 gives about 1,500 contacts)"))
    return seed, scale


def _emptied(folder: Path) -> Path:
    """``folder``, created if needed, without the social files of a previous generation (its reps may differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "social" / "reps.csv").is_file():
        import shutil

        shutil.rmtree(folder / "social")
    return folder


def _progress(shown: bool):
    """A function to call after each of :data:`STEPS` (``last=True`` closes the bar); silent unless ``shown``."""
    if not shown:
        return lambda last=False: None
    from tqdm.auto import tqdm

    bar = tqdm(total=len(STEPS), desc="generating Acme", unit="step")

    def step(last: bool = False) -> None:
        bar.update(1)
        if last:
            bar.close()

    return step


def _version() -> str:
    from ... import __version__

    return __version__
