"""Duplicate contacts in the practice CRM: list likely pairs, compare them, merge them.

The pairs are those the lessons' detector finds (:func:`workbench.practice.duplicates.pairs`,
which is :func:`workbench.crm.dedupe.find_duplicates` on lesson 5's columns).

Merging keeps the history of both: every activity, consent, deal, order,
case, campaign message and converted lead of the removed record is moved to
the kept one, blank fields of the kept record are filled from the removed
one, and the removed record is kept in ``merged_contacts``.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> find_duplicates(db)[["keep", "remove", "reason"]].values.tolist()
[['C001', 'C003', 'same name']]
>>> kept = merge_contacts(db, keep="C001", remove="C003")
>>> db.row("contacts", "C003") is None, len(db.query("SELECT * FROM activities WHERE contact_id = 'C001'"))
(True, 2)
"""

from __future__ import annotations

import json

import pandas as pd

from ..data.schema import TABLES
from ..i18n.messages import _
from . import duplicates, records
from .records import ValidationError

#: Every (table, column) that points at a contact: all of them move to the kept record.
CONTACT_REFERENCES = tuple((t.name, c.name) for t in TABLES for c in t.columns if c.ref == "contacts.contact_id")


def rescan(conn) -> int:
    """Scan every contact for likely duplicates and store the pairs (inside the caller's transaction).

    ``conn`` is a sqlite3 connection; returns how many pairs were found.
    """
    cur = conn.execute(f"SELECT contact_id, {', '.join(duplicates.ON)} FROM contacts")
    contacts = pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])
    pairs = duplicates.pairs(contacts.astype(object).where(contacts.notna(), None))
    conn.execute("DELETE FROM duplicate_candidates")
    conn.executemany("INSERT INTO duplicate_candidates VALUES (?, ?, ?, ?)",
                     pairs[["keep", "remove", "score", "reason"]].itertuples(index=False, name=None))
    return len(pairs)


def find_duplicates(db, *, limit: int = 50, rescan_all: bool = False) -> pd.DataFrame:
    """Likely duplicate contact pairs, with both names, best first.

    The list is made when the practice CRM is created, grows when a contact
    is saved despite the duplicate warning, and shrinks when a pair is merged;
    ``rescan_all=True`` scans every contact again (after many edits).
    """
    if rescan_all:
        with db.transaction("rescan duplicates"):
            rescan(db.conn)
    return db.query("SELECT d.keep, d.remove, d.score, d.reason, a.first_name || ' ' || a.last_name AS keep_name, "
                    "b.first_name || ' ' || b.last_name AS remove_name FROM duplicate_candidates d "
                    "JOIN contacts a ON a.contact_id = d.keep JOIN contacts b ON b.contact_id = d.remove "
                    "ORDER BY d.score DESC, d.keep, d.remove LIMIT ?", (int(limit),))


def compare(db, keep: str, remove: str) -> pd.DataFrame:
    """The two records side by side, one row per field, with what the merge will keep."""
    a, b = records.get(db, "contacts", keep), records.get(db, "contacts", remove)
    rows = []
    for field in a:
        merged = a[field] if a[field] not in (None, "") or field == "contact_id" else b[field]
        rows.append({"field": field, "keep": a[field], "remove": b[field], "result": merged,
                     "differs": a[field] != b[field]})
    history = {k: db.conn.execute("SELECT count(*) FROM activities WHERE contact_id = ?", (k,)).fetchone()[0]
               for k in (keep, remove)}
    rows.append({"field": "activities", "keep": history[keep], "remove": history[remove],
                 "result": history[keep] + history[remove], "differs": True})
    return pd.DataFrame(rows)


def merge_contacts(db, keep: str, remove: str, *, take: tuple[str, ...] | list[str] = ()) -> dict:
    """Merge contact ``remove`` into ``keep``; return the kept record as saved.

    Blank fields of ``keep`` are filled from ``remove``; fields named in ``take``
    are taken from ``remove`` even when ``keep`` has a value.  A pair whose
    records already break the contact rule (a preferred channel without its
    address) merges all the same: :func:`workbench.data.rules.record_problems`
    of the result says what is left to correct.
    """
    if keep == remove:
        raise ValidationError("contacts", {"remove": _("pick two different records to merge")})
    a, b = records.get(db, "contacts", keep), records.get(db, "contacts", remove)
    unknown = [f for f in take if f not in a or f == "contact_id"]
    if unknown:
        raise ValidationError("contacts", {"take": _("these fields cannot be taken from the other record: {fields}").format(
            fields=", ".join(unknown))})
    changes = {f: b[f] for f in a if f != "contact_id" and b[f] not in (None, "")
               and (a[f] in (None, "") or f in take)}
    if "created_at" in changes or (a["created_at"] and b["created_at"] and b["created_at"] < a["created_at"]):
        changes["created_at"] = min(x for x in (a["created_at"], b["created_at"]) if x)
    # the preferred channel and its address each come from a record that held them, so a merge never breaks
    # the rule linking them; a record that broke it before still does (see rules.record_problems)
    out, problems = records.clean(db, "contacts", changes, key=keep, linked=False)
    if problems:
        raise ValidationError("contacts", problems)
    with db.transaction("merge contacts"):
        for table, column in CONTACT_REFERENCES:
            db.conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', (keep, remove))
        db.conn.execute("UPDATE merged_contacts SET merged_into = ? WHERE merged_into = ?", (keep, remove))
        db.conn.execute("INSERT INTO merged_contacts VALUES (?, ?, ?, ?)",
                        (remove, keep, db.now().strftime("%Y-%m-%d %H:%M:%S"), json.dumps(b, ensure_ascii=False)))
        db.conn.execute("DELETE FROM contacts WHERE contact_id = ?", (remove,))
        # the removed record's other look-alikes are now look-alikes of the kept one
        for column in ("keep", "remove"):
            db.conn.execute(f"UPDATE OR IGNORE duplicate_candidates SET {column} = ? WHERE {column} = ?", (keep, remove))
        db.conn.execute("DELETE FROM duplicate_candidates WHERE keep = remove OR keep = ? OR remove = ?",
                        (remove, remove))
        if out:
            sets = ", ".join(f'"{k}" = ?' for k in out)
            db.conn.execute(f"UPDATE contacts SET {sets} WHERE contact_id = ?", (*out.values(), keep))
    return db.row("contacts", keep)


def merged(db) -> pd.DataFrame:
    """The contacts merged away: contact_id, merged_into, merged_at and the record as it was."""
    df = db.query("SELECT * FROM merged_contacts ORDER BY merged_at")
    df["record"] = df["record"].map(json.loads)
    return df


__all__ = ["CONTACT_REFERENCES", "compare", "find_duplicates", "merge_contacts", "merged", "rescan"]
