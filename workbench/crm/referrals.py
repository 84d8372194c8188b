"""How contacts came to you: who referred whom, and the connectors who send the most people.

A connector is easy to spot once the CRM records ``referred_by``: they are the
contacts whose name comes back again and again as the person who sent someone.
Referred contacts and referred leads both count.

>>> import pandas as pd
>>> contacts = pd.DataFrame({"contact_id": ["C1", "C2", "C3", "C4"], "first_name": ["Ana", "Ben", "Chloé", "Dev"],
...                          "last_name": ["Lima", "Ode", "Roy", "Shah"], "account_id": ["A1", None, "A2", "A1"],
...                          "referred_by": [None, "C1", "C1", "C3"]})
>>> leads = pd.DataFrame({"lead_id": ["L1"], "referred_by": ["C1"]})
>>> referrers(contacts, leads)[["contact_id", "name", "contacts_referred", "leads_referred", "referred"]]
  contact_id       name  contacts_referred  leads_referred  referred
0         C1   Ana Lima                  2               1         3
1         C3  Chloé Roy                  1               0         1
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _


def referrers(contacts: pd.DataFrame, leads: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every contact who referred someone, the most referrals first.

    ``contacts_referred`` and ``leads_referred`` count the contacts and leads whose
    ``referred_by`` names them; ``referred`` is the total. Ties are broken by
    ``contact_id``. A ``referred_by`` that names nobody in ``contacts`` is kept, with
    no name, so a broken reference is seen rather than hidden.
    """
    if "referred_by" not in contacts.columns:
        raise InputError(_("the contacts table has no 'referred_by' column"),
                         fix=_("export the contacts with the field saying who referred each one"))
    counts = {"contacts_referred": contacts["referred_by"].dropna().astype(str).value_counts()}
    if leads is not None and "referred_by" in leads.columns:
        counts["leads_referred"] = leads["referred_by"].dropna().astype(str).value_counts()
    table = pd.DataFrame(counts).fillna(0).astype(int)
    table = table[table.index.str.strip() != ""]
    if "leads_referred" not in table.columns:
        table["leads_referred"] = 0
    table["referred"] = table["contacts_referred"] + table["leads_referred"]
    people = contacts.set_index(contacts["contact_id"].astype(str))
    names = (people["first_name"].astype(str) + " " + people["last_name"].astype(str)).str.strip()
    table = table.rename_axis("contact_id").reset_index()
    table["name"] = table["contact_id"].map(names)
    if "account_id" in people.columns:
        table["account_id"] = table["contact_id"].map(people["account_id"])
    table = table.sort_values(["referred", "contact_id"], ascending=[False, True], kind="stable")
    first = ["contact_id", "name"] + (["account_id"] if "account_id" in table.columns else [])
    return table[first + ["contacts_referred", "leads_referred", "referred"]].reset_index(drop=True)
