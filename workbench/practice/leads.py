"""Converting a lead: it becomes an account, a contact and, optionally, a deal, in one step.

The account is the existing one with the lead's company name when there is
one, else a new account (which needs an industry and a country).  A contact
that looks like someone already in the CRM stops the conversion with the
likely matches, so the trainee attaches the lead to the existing contact
instead (``contact_id=``) or confirms (``allow_duplicate=True``).

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> out = convert(db, "L001", account={"industry": "manufacturing", "country": "IR"},
...               opportunity={"amount": 18000, "close_date": "2026-09-30"})
>>> sorted(out), db.row("leads", "L001")["status"]
(['account_id', 'contact_id', 'opportunity_id'], 'converted')
"""

from __future__ import annotations

from . import deals, records
from .records import ValidationError


def open_leads(db, text: str = "", *, limit: int = 100):
    """Leads not yet converted (nor disqualified) whose name, company, email or id contain ``text``,
    best fit first, at most ``limit`` of them."""
    where, params = ["status NOT IN ('converted', 'unqualified')"], []
    if text.strip():
        keys = records.search(db, "leads", text, limit=5000)["lead_id"].tolist()
        where.append(f"lead_id IN ({', '.join('?' * len(keys)) or 'NULL'})")
        params += keys
    return db.query("SELECT lead_id, name, company, email, status, fit_score FROM leads WHERE "
                    + " AND ".join(where) + f" ORDER BY fit_score DESC, lead_id LIMIT {int(limit)}", params)


def split_name(name: str) -> tuple[str, str]:
    """First and last name from a full name (the last word is the last name).

    >>> split_name("Leila  Ahmadi"), split_name("Omar")
    (('Leila', 'Ahmadi'), ('Omar', ''))
    """
    words = (name or "").split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ((words[0] if words else ""), "")


def convert(db, lead_id: str, *, account_id: str | None = None, account: dict | None = None,
            contact_id: str | None = None, contact: dict | None = None, opportunity: dict | None = None,
            allow_duplicate: bool = False) -> dict:
    """Convert lead ``lead_id``; return the keys created or used.

    ``account`` and ``contact`` add or override fields of the new records;
    ``opportunity`` (amount and close_date at least) creates a deal too.
    """
    lead = records.get(db, "leads", lead_id)
    if lead["status"] == "converted":
        raise ValidationError("leads", {"status": f"this lead was already converted on {lead['converted_at']}"})
    if lead["status"] == "unqualified":
        raise ValidationError("leads", {"status": "this lead is unqualified: change its status before converting"})
    first, last = split_name(lead["name"])
    with db.transaction("convert lead"):
        if account_id is None:
            found = db.query("SELECT account_id, name FROM accounts")
            same = found[found["name"].map(records.fold) == records.fold(lead["company"])]
            if len(same):
                account_id = same["account_id"].iloc[0]
            else:
                account_id = records.create(db, "accounts", {"name": lead["company"], **(account or {})},
                                            allow_duplicate=True, action="convert lead")
        else:
            records.get(db, "accounts", account_id)
        if contact_id is None:
            values = {"first_name": first, "last_name": last, "email": lead["email"], "account_id": account_id,
                      "lifecycle_stage": "opportunity" if opportunity else "sales_qualified",
                      "source": lead["lead_source"], **(contact or {})}
            contact_id = records.create(db, "contacts", values, allow_duplicate=allow_duplicate,
                                        action="convert lead")
        else:
            records.get(db, "contacts", contact_id)
        opportunity_id = None
        if opportunity is not None:
            values = {"name": f"{lead['company']} - new deal", "account_id": account_id,
                      "primary_contact_id": contact_id, "lead_source": lead["lead_source"], **opportunity}
            opportunity_id = deals.create(db, values, allow_duplicate=True)
        db.conn.execute("UPDATE leads SET status = 'converted', converted_at = ?, converted_contact_id = ?, "
                        "converted_opportunity_id = ? WHERE lead_id = ?",
                        (db.today.strftime("%Y-%m-%d"), contact_id, opportunity_id, lead_id))
    return {"account_id": account_id, "contact_id": contact_id, "opportunity_id": opportunity_id}


__all__ = ["convert", "open_leads", "split_name"]
