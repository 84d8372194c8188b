"""Converting a lead: it becomes an account, a contact and, optionally, a deal, in one step.

The account is the existing one with the lead's company name when there is
one (:func:`existing_account`), else a new account.  A lead holds no industry
nor country; a new account takes those given, else :data:`NOT_KNOWN` (filled in
later, when the customer says), so a trainee is never made to invent them.  A contact
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

from ..i18n.messages import _
from . import deals, records
from .records import ValidationError

#: What a new account's industry and country hold until someone learns them.
NOT_KNOWN = "not known"


def existing_account(db, company: str) -> dict | None:
    """The account whose name is ``company`` (case, accents and spaces ignored), or None.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> existing_account(sandbox(tiny_dataset()), "lumiere sa")["account_id"], existing_account(sandbox(tiny_dataset()), "X")
    ('A002', None)
    """
    found = db.query("SELECT account_id, name, industry, country FROM accounts")
    same = found[found["name"].map(records.fold) == records.fold(company)]
    return same.iloc[0].to_dict() if len(same) else None


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
        raise ValidationError("leads", {"status": _("this lead was already converted on {day}").format(
            day=lead["converted_at"])})
    if lead["status"] == "unqualified":
        raise ValidationError("leads", {"status": _("this lead is unqualified: change its status before converting")})
    first, last = split_name(lead["name"])
    with db.transaction("convert lead"):
        if account_id is None:
            same = existing_account(db, lead["company"])
            if same is not None:
                account_id = same["account_id"]
            else:
                values = {"name": lead["company"], "industry": NOT_KNOWN, "country": NOT_KNOWN,
                          **{k: v for k, v in (account or {}).items() if v not in (None, "")}}
                account_id = records.create(db, "accounts", values, allow_duplicate=True, action="convert lead")
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


__all__ = ["NOT_KNOWN", "convert", "existing_account", "open_leads", "split_name"]
