"""A tiny company for doctests, examples and quick trials of the practice CRM (not the sample company).

>>> tiny_dataset().contacts["last_name"].tolist()
['Jahan', 'Dupont', 'Jahan', 'Karimi']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..data.schema import TABLES


def tiny_dataset():
    """A four-contact company for doctests and quick trials (not the sample company).

    >>> tiny_dataset().contacts["last_name"].tolist()
    ['Jahan', 'Dupont', 'Jahan', 'Karimi']
    """
    from ..data.load import Dataset

    return _TINY if _TINY is not None else _make_tiny(Dataset)


_TINY = None


def _make_tiny(Dataset):
    global _TINY
    f = pd.DataFrame
    tables = {
        "users": f({"user_id": ["U01", "U02"], "name": ["Amina Rahman", "Paul Martin"],
                    "team": ["sales", "service"], "manager_id": [None, "U01"], "region": ["EMEA", "EMEA"]}),
        "accounts": f({"account_id": ["A001", "A002"], "name": ["Dhaka Textiles", "Lumière SA"],
                       "industry": ["textiles", "retail"], "country": ["BD", "FR"], "employees": [250, 40],
                       "annual_revenue": [1.2e7, 3.0e6], "parent_account_id": [None, None],
                       "owner_id": ["U01", "U01"], "created_at": pd.to_datetime(["2025-01-10", "2025-03-02"])}),
        "contacts": f({"contact_id": ["C001", "C002", "C003", "C004"], "account_id": ["A001", "A002", "A001", None],
                       "first_name": ["Nusrat", "Claire", "Nusrat", "Reza"],
                       "last_name": ["Jahan", "Dupont", "Jahan", "Karimi"],
                       "email": ["nusrat.jahan@dhakatex.example", "claire.dupont@lumiere.example",
                                 "n.jahan@dhakatex.example", "reza.karimi@example.com"],
                       "phone": ["+880 1711 000111", "+33 6 12 34 56 78", None, "+98 912 000 1111"],
                       "title": ["Buyer", "CEO", "Buyer", "Engineer"],
                       "lifecycle_stage": ["customer", "opportunity", "customer", "lead"],
                       "preferred_channel": ["email", "phone", "email", "email"], "max_msgs_per_week": [2, 1, 2, 3],
                       "city": ["Dhaka", "Lyon", "Dhaka", "Tehran"], "country": ["BD", "FR", "BD", "IR"],
                       "source": ["web", "event", "import", "web"], "linkedin_url": [None, None, None, None],
                       "created_at": pd.to_datetime(["2025-01-12", "2025-03-05", "2025-09-01", "2026-02-01"])}),
        "consents": f({"contact_id": ["C001", "C002", "C004"], "channel": ["email", "email", "email"],
                       "status": ["granted", "granted", "granted"],
                       "at": pd.to_datetime(["2025-01-12 10:00:00", "2025-03-05 09:30:00", "2026-02-01 08:00:00"]),
                       "source": ["web_form", "event", "web_form"], "wording_version": ["v1", "v1", "v2"]}),
        "leads": f({"lead_id": ["L001", "L002"], "company": ["Tabriz Tools", "Nile Foods"],
                    "name": ["Leila Ahmadi", "Omar Haddad"], "email": ["leila@tabriztools.example", None],
                    "lead_source": ["web", "event"], "status": ["qualified", "new"], "fit_score": [80, 40],
                    "engagement_score": [70, 10], "owner_id": ["U01", "U01"],
                    "created_at": pd.to_datetime(["2026-05-01", "2026-06-01"]), "converted_at": pd.NaT,
                    "converted_contact_id": None, "converted_opportunity_id": None}),
        "stages": f({"stage": ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won",
                               "Closed Lost"], "sort_order": [1, 2, 3, 4, 5, 6],
                     "default_probability": [10, 20, 50, 80, 100, 0],
                     "is_closed": [False, False, False, False, True, True],
                     "is_won": [False, False, False, False, True, False]}),
        "products": f({"product_id": ["P01"], "name": ["Loom X"], "series": ["X"], "list_price": [12000.0]}),
        "opportunities": f({"opportunity_id": ["O001", "O002"], "name": ["Dhaka Textiles - Loom X", "Lumière - Loom X"],
                            "account_id": ["A001", "A002"], "primary_contact_id": ["C001", "C002"],
                            "owner_id": ["U01", "U01"], "product_id": ["P01", "P01"],
                            "stage": ["Qualification", "Proposal"], "probability": [20, 50],
                            "amount": [24000.0, 12000.0], "created_at": pd.to_datetime(["2026-04-01", "2026-05-01"]),
                            "close_date": pd.to_datetime(["2026-08-31", "2026-07-31"]),
                            "is_closed": [False, False], "is_won": [False, False],
                            "lead_source": ["web", "event"], "next_step": ["demo", None]}),
        "activities": f({"activity_id": ["ACT0001", "ACT0002", "ACT0003"], "type": ["call", "email", "meeting"],
                         "subject": ["Intro call", "Price list", "Visit"],
                         "status": ["completed", "completed", "planned"],
                         "due_at": pd.to_datetime([None, None, "2026-07-02 10:00:00"]),
                         "reminder_at": pd.to_datetime([None, None, "2026-07-01 09:00:00"]),
                         "completed_at": pd.to_datetime(["2026-05-02 11:00:00", "2026-05-20 15:00:00", None]),
                         "owner_id": ["U01", "U01", "U01"], "contact_id": ["C001", "C003", "C002"],
                         "account_id": ["A001", "A001", "A002"], "opportunity_id": ["O001", None, "O002"],
                         "direction": ["outbound", "outbound", None], "outcome": ["interested", None, None]}),
    }
    for table in TABLES:
        if table.name not in tables:
            tables[table.name] = pd.DataFrame({c.name: pd.Series(dtype=object) for c in table.columns})
    _TINY = Dataset(tables, Path("tiny"), {"company": "Tiny", "as_of": "2026-06-30"})
    return _TINY


__all__ = ["tiny_dataset"]
