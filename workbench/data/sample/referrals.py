"""Who referred whom in the sample company: the ``referred_by`` column of contacts and leads.

Called by :func:`workbench.data.sample.generate`. A contact whose ``source`` is
``referral`` and a lead whose ``lead_source`` is ``Referral`` get the
``contact_id`` of the contact who sent them; everyone else gets a blank. Most
referrals come from a handful of **connectors**, customers and evangelists who
keep sending people Acme's way, the rest from one-off referrers: the network
lessons find those connectors by how contacts came to Acme.

The values come from their **own random stream** (seeded from the data seed and
:data:`STREAM`), drawn after every other table is made, so adding this column
left every other generated value exactly as it was.

>>> import pandas as pd
>>> contacts = pd.DataFrame({
...     "contact_id": ["C1", "C2", "C3", "C4"], "source": ["event", "referral", "web_form", "referral"],
...     "lifecycle_stage": ["customer", "lead", "evangelist", "lead"],
...     "created_at": pd.to_datetime(["2020-01-01", "2024-01-01", "2020-06-01", "2025-01-01"])})
>>> leads = pd.DataFrame({"lead_id": ["L1", "L2"], "lead_source": ["Referral", "Web"],
...                       "created_at": pd.to_datetime(["2025-03-01", "2025-03-02"])})
>>> on_contacts, on_leads = referred_by(7, contacts, leads)
>>> [bool(v) for v in on_contacts], [bool(v) for v in on_leads]
([False, True, False, True], [True, False])
>>> set(on_contacts[on_contacts != ""]) <= {"C1", "C3"}
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Tags the random stream of referrals: ``default_rng([seed, STREAM])``.
STREAM = 0x5EFE55
#: Share of referrals that come from the connectors.
CONNECTOR_SHARE = 0.6
#: The stages of a contact who may refer others (they know Acme's work).
REFERRERS = ("customer", "evangelist", "opportunity")


def connector_count(n_referrers: int) -> int:
    """How many connectors among ``n_referrers`` possible referrers: about one in forty, at least three
    (when there are three).

    >>> connector_count(400), connector_count(20), connector_count(2)
    (10, 3, 2)
    """
    return min(n_referrers, max(3, round(n_referrers / 40)))


def referred_by(seed: int, contacts: pd.DataFrame, leads: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The ``referred_by`` values for ``contacts`` and ``leads``, in their row order ("" for none).

    A referrer was in the CRM before the person they referred; a contact never refers
    themself. Connectors get ``CONNECTOR_SHARE`` of the referrals, the earliest-created
    connector first in line; when no connector is old enough, any earlier referrer is used.
    """
    rng = np.random.default_rng([int(seed), STREAM])
    created = pd.to_datetime(contacts["created_at"]).to_numpy()
    ids = contacts["contact_id"].to_numpy().astype(object)
    pool = np.flatnonzero(contacts["lifecycle_stage"].astype(str).isin(REFERRERS).to_numpy())
    connectors = np.sort(rng.choice(pool, size=connector_count(len(pool)), replace=False)) if len(pool) else pool
    weight = 1.0 / np.arange(1, len(connectors) + 1)  # a few connectors send most of the people

    def pick(when, exclude=-1) -> str:
        strong = connectors[(created[connectors] < when) & (connectors != exclude)]
        if len(strong) and rng.random() < CONNECTOR_SHARE:
            p = weight[np.isin(connectors, strong)]
            return ids[rng.choice(strong, p=p / p.sum())]
        anyone = pool[(created[pool] < when) & (pool != exclude)]
        return ids[rng.choice(anyone)] if len(anyone) else ""

    on_contacts = np.full(len(contacts), "", dtype=object)
    for i in np.flatnonzero(contacts["source"].astype(str).to_numpy() == "referral"):
        on_contacts[i] = pick(created[i], exclude=i)
    lead_created = pd.to_datetime(leads["created_at"]).to_numpy()
    on_leads = np.full(len(leads), "", dtype=object)
    for i in np.flatnonzero(leads["lead_source"].astype(str).to_numpy() == "Referral"):
        on_leads[i] = pick(lead_created[i])
    return on_contacts, on_leads
