"""Relationship strength and classes, and the inventory of a rep's network.

Seed 003's first advice is to *take inventory*: list everyone you know,
classify them by relationship history and spot those who could become
customers.  Strength here follows the published rules of relationship tools
(Connect The Dots, Nudge) and Gilbert & Karahalios' tie-strength variables:

* **frequency**: interactions in the last year (``1 - exp(-n / 6)``);
* **recency**: exponential decay since the last interaction, with a half-life
  of 60 days that grows with the relationship's age (``60 * (1 + 2 * years)``,
  at most two years): long relationships fade slowly, new ones that stop fade fast;
* **reciprocity**: ``min(out, in) / max(out, in)``; meetings and calls count both ways;
* **duration**: ``1 - exp(-years / 2)``.

``strength = recency * (0.45 frequency + 0.35 reciprocity + 0.2 duration)``,
between 0 and 1.  Classes: **Strong** (≥ 0.6), **Familiar** (≥ 0.3), **Weak**
(below), and **Unknown** when traffic only ever went one way (or never happened).

>>> scores = tie_strength(pd.DataFrame({"n_out": [10, 3, 5], "n_in": [10, 0, 0], "n_mutual": [0, 0, 0],
...     "n_recent": [20, 3, 5], "first_at": pd.to_datetime(["2024-01-01"] * 3),
...     "last_at": pd.to_datetime(["2026-01-20", "2026-01-20", "2026-01-20"])}), as_of="2026-02-01")
>>> scores["class"].tolist()
['Strong', 'Unknown', 'Unknown']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import N_, _

CLASSES = ("Strong", "Familiar", "Weak", "Unknown")
STRONG, FAMILIAR = 0.6, 0.3
QUIET_DAYS = 90  # a known tie this long without an exchange: reconnect before asking
BASE_HALF_LIFE_DAYS = 60.0
MAX_HALF_LIFE_DAYS = 730.0

# Stages of a CRM contact who is not (yet) a customer but could become one.
PROSPECT_STAGES = ("lead", "marketing_qualified", "sales_qualified", "opportunity")
DECISION_WORDS = ("chief", "ceo", "cfo", "cto", "coo", "cio", "founder", "owner", "president", "vp",
                  "vice president", "director", "head", "directeur", "directrice", "responsable",
                  "manager", "partner", "gérant", "buyer", "purchasing", "procurement")


def half_life_days(years_known) -> np.ndarray:
    """Recency half-life in days for relationships ``years_known`` old.

    >>> half_life_days([0, 1, 5]).tolist()
    [60.0, 180.0, 660.0]
    """
    years = np.clip(np.asarray(years_known, dtype=float), 0, None)
    return np.minimum(BASE_HALF_LIFE_DAYS * (1 + 2 * years), MAX_HALF_LIFE_DAYS)


def classify(strength, reciprocal) -> np.ndarray:
    """Strong / Familiar / Weak from strength, Unknown where traffic was not two-way.

    >>> classify([0.7, 0.4, 0.1, 0.9], [True, True, True, False]).tolist()
    ['Strong', 'Familiar', 'Weak', 'Unknown']
    """
    s = np.asarray(strength, dtype=float)
    r = np.asarray(reciprocal, dtype=bool)
    return np.where(~r, "Unknown", np.where(s >= STRONG, "Strong", np.where(s >= FAMILIAR, "Familiar", "Weak")))


def tie_strength(ties: pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """Add ``frequency``, ``recency``, ``reciprocity``, ``duration``, ``strength``, ``class``.

    ``ties`` needs ``n_out`` and ``n_in`` (messages each way), ``n_mutual``
    (meetings, calls: both ways), ``n_recent`` (weighted interactions in the
    last 365 days), ``first_at`` (start of the relationship) and ``last_at``
    (last interaction).  ``as_of`` is "today" (default: the latest ``last_at``).
    """
    require_columns(ties, ["n_out", "n_in", "n_mutual", "n_recent", "first_at", "last_at"],
                    where="tie_strength(ties)")
    out = ties.copy()
    last = pd.to_datetime(out["last_at"])
    first = pd.to_datetime(out["first_at"]).fillna(last)
    if as_of is None:
        as_of = last.max() if last.notna().any() else pd.Timestamp.now().normalize()
    as_of = pd.Timestamp(as_of)
    n_out = out["n_out"].to_numpy(dtype=float) + out["n_mutual"].to_numpy(dtype=float)
    n_in = out["n_in"].to_numpy(dtype=float) + out["n_mutual"].to_numpy(dtype=float)
    years = ((last - first).dt.days.to_numpy(dtype=float, na_value=0.0)) / 365.25
    days = (as_of - last).dt.days.to_numpy(dtype=float, na_value=np.inf)
    hi = np.maximum(n_out, n_in)
    with np.errstate(invalid="ignore", divide="ignore"):
        reciprocity = np.where(hi > 0, np.minimum(n_out, n_in) / np.where(hi > 0, hi, 1), 0.0)
    frequency = 1 - np.exp(-out["n_recent"].to_numpy(dtype=float) / 6)
    recency = np.where(np.isfinite(days), 0.5 ** (np.clip(days, 0, None) / half_life_days(years)), 0.0)
    duration = 1 - np.exp(-np.clip(years, 0, None) / 2)
    strength = recency * (0.45 * frequency + 0.35 * reciprocity + 0.2 * duration)
    out["frequency"] = frequency.round(4)
    out["recency"] = recency.round(4)
    out["reciprocity"] = reciprocity.round(4)
    out["duration"] = duration.round(4)
    out["strength"] = strength.round(4)
    out["class"] = pd.Categorical(classify(strength, (n_out > 0) & (n_in > 0)), categories=CLASSES)
    return out


def could_become_customer(people: pd.DataFrame) -> pd.Series:
    """True for people who could become customers.

    A CRM contact in a prospect stage (lead to opportunity), or someone not in
    the CRM as a customer whose position is a decision-making one.

    >>> could_become_customer(pd.DataFrame({"lifecycle_stage": ["lead", "customer", None],
    ...     "position": ["Engineer", "CEO", "Head of Purchasing"]})).tolist()
    [True, False, True]
    """
    stage = people["lifecycle_stage"].astype("string") if "lifecycle_stage" in people else \
        pd.Series(pd.NA, index=people.index, dtype="string")
    position = people["position"].astype("string").fillna("").str.lower() if "position" in people else \
        pd.Series("", index=people.index)
    pattern = r"\b(?:" + "|".join(DECISION_WORDS) + r")\b"
    decides = position.str.contains(pattern, regex=True)
    prospect = stage.isin(PROSPECT_STAGES).fillna(False)
    customer = stage.isin(["customer", "evangelist"]).fillna(False)
    return (prospect | (decides & ~customer)).astype(bool)


def next_action(cls: str, prospect: bool, days_since: float | None = None) -> str:
    """The suggested next step for a contact of class ``cls``.

    ``days_since`` (days since the last exchange) puts reconnecting first when
    a Strong or Familiar tie has been quiet for :data:`QUIET_DAYS` or more:
    asking a favour, or sharing as if nothing happened, comes after catching up.
    (A Weak tie's step is already to follow up.)

    >>> next_action("Strong", False)
    'Ask for one or two names they could introduce you to.'
    >>> next_action("Unknown", True)
    'Send a short personal note saying why you connected, then offer something useful.'
    >>> next_action("Strong", False, days_since=200)
    'Reconnect first: your last exchange was 6 months ago. Then ask for one or two names they could introduce you to.'
    """
    # English, as the checks compare it; marked N_ so that pages translate it when they show it
    if cls == "Strong":
        action = (N_("Propose a meeting about their needs, and ask for a referral.") if prospect
                  else N_("Ask for one or two names they could introduce you to."))
    elif cls == "Familiar":
        action = (N_("Share something useful for their projects, then suggest a call.") if prospect
                  else N_("Share something useful; be interesting before being interested."))
    elif cls == "Weak":
        action = (N_("Follow up on your last conversation and rebuild the relationship.") if prospect
                  else N_("Follow up to keep the relationship alive."))
    else:
        return (N_("Send a short personal note saying why you connected, then offer something useful.") if prospect
                else N_("Introduce yourself with a reason to talk, or let the tie rest."))
    if cls in ("Strong", "Familiar") and days_since is not None and days_since == days_since \
            and days_since >= QUIET_DAYS:
        months = int(days_since // 30)
        action = (f"Reconnect first: your last exchange was {months} months ago. "
                  f"Then {action[0].lower()}{action[1:]}")
    return action


def inventory(network, rep=None) -> pd.DataFrame:
    """Seed 003's inventory: every contact of ``rep`` classified, prospects flagged, a next action each.

    ``network`` is a :class:`~workbench.network.graph.Network`; ``rep`` a rep's
    key, id or name (default: the network's first rep).  Columns: ``person``,
    ``name``, ``company``, ``position``, ``class``, ``strength``, ``interactions_out``,
    ``interactions_in`` (messages, invitations, CRM calls, emails, meetings), ``last_contact``, ``connected_on``, ``in_crm``,
    ``lifecycle_stage``, ``could_become_customer``, ``next_action``; strongest first.

    >>> from workbench.network.demo import demo_network
    >>> inv = inventory(demo_network(), "in/sam")
    >>> inv[["name", "class"]].head(2).values.tolist()
    [['Ana Borges', 'Strong'], ['Bo Chen', 'Familiar']]
    """
    rep_key = network.rep_key(rep)
    t = network.ties
    mine = t[(t["a"] == rep_key) | (t["b"] == rep_key)].copy()
    flip = mine["b"] == rep_key
    mine["person"] = np.where(flip, mine["a"], mine["b"])
    mine["interactions_out"] = np.where(flip, mine["n_ba"], mine["n_ab"])
    mine["interactions_in"] = np.where(flip, mine["n_ab"], mine["n_ba"])
    people = network.people.set_index("person")
    mine = mine[~mine["person"].isin(network.reps)]
    mine = mine.join(people, on="person")
    mine["in_crm"] = mine["contact_id"].notna()
    mine["could_become_customer"] = could_become_customer(mine).to_numpy()
    days = (network.as_of - mine["last_at"]).dt.days
    mine["next_action"] = [next_action(c, p, d) for c, p, d in
                           zip(mine["class"].astype(str), mine["could_become_customer"], days)]
    mine = mine.rename(columns={"last_at": "last_contact"})
    cols = ["person", "name", "company", "position", "class", "strength", "interactions_out", "interactions_in",
            "last_contact", "connected_on", "in_crm", "lifecycle_stage", "could_become_customer", "next_action"]
    order = {c: i for i, c in enumerate(CLASSES)}
    mine["_o"] = mine["class"].astype(str).map(order)
    mine = mine.sort_values(["_o", "strength", "name"], ascending=[True, False, True])
    return mine[cols].reset_index(drop=True)


def class_counts(inv: pd.DataFrame) -> pd.Series:
    """How many contacts in each class, in the order Strong, Familiar, Weak, Unknown.

    >>> class_counts(pd.DataFrame({"class": ["Weak", "Strong", "Weak"]})).to_dict()
    {'Strong': 1, 'Familiar': 0, 'Weak': 2, 'Unknown': 0}
    """
    if "class" not in inv:
        raise InputError(_("the table has no 'class' column"), where="class_counts(inv)",
                         fix=_("pass the table inventory() returns"))
    return inv["class"].astype(str).value_counts().reindex(list(CLASSES), fill_value=0)
