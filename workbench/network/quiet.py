"""Ties going quiet: strong relationships with no exchange for a chosen number of weeks.

A strong tie fades when nobody writes (:mod:`.strength`: recency halves a
tie's strength every 60 days for a new relationship, up to two years for an
old one).  The rep should hear about it *before* it is weak: this lists every
tie that was strong when the two last spoke (its strength without the decay
of recency) and has had no exchange for ``weeks`` weeks, with the step to take.

>>> from workbench.network.demo import demo_network
>>> quiet_ties(demo_network(), "in/sam", weeks=4)[["name", "weeks_quiet"]].values.tolist()
[['Bo Chen', 6]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n.messages import _, ngettext
from .strength import FAMILIAR, tie_strength

__all__ = ["quiet_ties", "QUIET_WEEKS"]

QUIET_WEEKS = 8


def quiet_ties(network, rep=None, *, weeks: int = QUIET_WEEKS, strong: float = FAMILIAR) -> pd.DataFrame:
    """The rep's ties that were strong (at least ``strong`` when last active) and have been quiet ``weeks`` weeks.

    Columns: ``person``, ``name``, ``company``, ``was`` (the tie's strength
    when the two last spoke, 0 to 1), ``now`` (today's strength),
    ``last_contact``, ``weeks_quiet`` and ``next_action``; the ties that went
    quiet most recently first (still warm enough to save), the strongest first
    among equals.  ``rep``: a rep's key, id or name (default: the
    first rep).
    """
    rep_key = network.rep_key(rep)
    t = network.ties
    mine = t[((t["a"] == rep_key) | (t["b"] == rep_key)) & t["last_at"].notna()].copy()
    mine["person"] = np.where(mine["a"] == rep_key, mine["b"], mine["a"])
    mine = mine[~mine["person"].isin(network.reps)]
    columns = ["person", "name", "company", "was", "now", "last_contact", "weeks_quiet", "next_action"]
    if mine.empty:
        return pd.DataFrame(columns=columns)
    scored = tie_strength(mine.rename(columns={"n_ab": "n_out", "n_ba": "n_in"}), as_of=network.as_of)
    recency = scored["recency"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        was = np.where(recency > 0, scored["strength"].to_numpy(dtype=float) / recency, 0.0)
    mine["was"] = np.clip(was, 0, 1).round(3)
    mine["now"] = mine["strength"].round(3)
    days = (network.as_of - mine["last_at"]).dt.days
    mine["weeks_quiet"] = (days // 7).astype(int)
    mine = mine[(mine["was"] >= strong) & (mine["weeks_quiet"] >= weeks)]
    people = network.people.set_index("person")
    mine = mine.join(people[["name", "company"]], on="person")
    mine["last_contact"] = mine["last_at"]
    mine["next_action"] = [_action(str(n), w, c) for n, w, c in
                           zip(mine["name"], mine["weeks_quiet"], mine["company"])]
    mine = mine.sort_values(["weeks_quiet", "was", "name"], ascending=[True, False, True])
    return mine[columns].reset_index(drop=True)


def _action(name: str, weeks: int, company) -> str:
    """The step to take with a quiet tie: longer silences need a lighter touch first.

    The whole name is used: the first word of a name is not a first name in every script.

    >>> _action("Ana Borges", 9, "Orion")
    'Send Ana Borges a short note this week: ask how things are going at Orion.'
    """
    who = name.strip()
    where = company.rstrip(".") if isinstance(company, str) and company else ""
    if weeks >= 26:
        months = weeks // 4
        return (ngettext("It has been {n} month: congratulate or thank {name} for something recent before asking "
                         "anything.",
                         "It has been {n} months: congratulate or thank {name} for something recent before asking "
                         "anything.", months) if who else
                ngettext("It has been {n} month: congratulate or thank them for something recent before asking "
                         "anything.",
                         "It has been {n} months: congratulate or thank them for something recent before asking "
                         "anything.", months)).format(n=months, name=who)
    if weeks >= 13:
        if who and where:
            return _("Share something useful with {name} at {company} (an article, a contact) and suggest a "
                     "call.").format(name=who, company=where)
        return (_("Share something useful with {name} (an article, a contact) and suggest a call.").format(name=who)
                if who else _("Share something useful with them (an article, a contact) and suggest a call."))
    if who and where:
        return _("Send {name} a short note this week: ask how things are going at {company}.").format(
            name=who, company=where)
    return (_("Send {name} a short note this week: ask how things are going.").format(name=who) if who else
            _("Send them a short note this week: ask how things are going."))
