"""Duplicate contacts in the practice CRM: find likely pairs, compare them, merge them.

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
import re

import pandas as pd

from ..data.schema import TABLES
from . import records
from .records import DUPLICATE_SCORE, ValidationError

#: Every (table, column) that points at a contact: all of them move to the kept record.
CONTACT_REFERENCES = tuple((t.name, c.name) for t in TABLES for c in t.columns if c.ref == "contacts.contact_id")


def duplicate_pairs(contacts: pd.DataFrame, *, threshold: float = DUPLICATE_SCORE) -> pd.DataFrame:
    """Likely duplicate pairs in a contacts table (same email, same phone or a very similar name).

    Names are compared within small blocks: contacts whose first and last
    names start with the same two letters, or end with the same two letters
    (in either order, so swapped first and last names meet).  A typo breaks
    at most one of the two keys, and the work grows with the block sizes, not
    the square of the table.  Returns keep, remove, score, reason; the record with the lower id
    is suggested as the one to keep.
    """
    from rapidfuzz import fuzz, process

    df = contacts[["contact_id", "first_name", "last_name", "email", "phone"]].copy()
    df["name"] = (df["first_name"].fillna("") + " " + df["last_name"].fillna("")).map(records.fold)
    df["mail"] = df["email"].map(lambda e: records.fold(e) if isinstance(e, str) and e else None)
    df["digits"] = df["phone"].map(lambda p: re.sub(r"\D", "", p)[-8:] if isinstance(p, str) and p else None)
    found: dict[tuple, tuple[float, str]] = {}

    def note(a, b, score, reason):
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        if pair not in found or found[pair][0] < score:
            found[pair] = (score, reason)

    ids = df["contact_id"].tolist()
    for column, score, reason in (("mail", 100, "same email"), ("digits", 95, "same phone")):
        groups: dict = {}
        for key, value in zip(ids, df[column].tolist()):
            if isinstance(value, str) and value:
                groups.setdefault(value, []).append(key)
        for members in groups.values():
            if len(members) > 1:
                members = sorted(members)
                for other in members[1:]:
                    note(members[0], other, score, reason)
    blocks: dict = {}
    names = df["name"].tolist()
    firsts = df["first_name"].map(lambda v: records.fold(v).replace(" ", "") if isinstance(v, str) else "").tolist()
    lasts = df["last_name"].map(lambda v: records.fold(v).replace(" ", "") if isinstance(v, str) else "").tolist()
    for i, (first, last) in enumerate(zip(firsts, lasts)):
        for key in ("p" + "|".join(sorted((first[:2], last[:2]))), "s" + "|".join(sorted((first[-2:], last[-2:])))):
            blocks.setdefault(key, []).append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= 12:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    score = fuzz.token_sort_ratio(names[i], names[j], score_cutoff=threshold)
                    if score:
                        note(ids[i], ids[j], round(score, 1), "same name" if score == 100 else "similar name")
            continue
        block_names = [names[i] for i in members]
        matrix = process.cdist(block_names, block_names, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        for i, j in zip(*matrix.nonzero()):
            if i < j:
                score = float(matrix[i, j])
                note(ids[members[i]], ids[members[j]], round(score, 1),
                     "same name" if score == 100 else "similar name")
    rows = [{"keep": a, "remove": b, "score": s, "reason": r} for (a, b), (s, r) in found.items()]
    out = pd.DataFrame(rows, columns=["keep", "remove", "score", "reason"])
    return out.sort_values(["score", "keep", "remove"], ascending=[False, True, True]).reset_index(drop=True)


def rescan(conn) -> int:
    """Scan every contact for likely duplicates and store the pairs (inside the caller's transaction).

    ``conn`` is a sqlite3 connection; returns how many pairs were found.
    """
    cur = conn.execute("SELECT contact_id, first_name, last_name, email, phone FROM contacts")
    contacts = pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])
    pairs = duplicate_pairs(contacts.astype(object).where(contacts.notna(), None))
    conn.execute("DELETE FROM duplicate_candidates")
    conn.executemany("INSERT INTO duplicate_candidates VALUES (?, ?, ?, ?)",
                     pairs[["keep", "remove", "score", "reason"]].itertuples(index=False, name=None))
    return len(pairs)


def remember(db, key: str, matches: pd.DataFrame) -> None:
    """Add the likely duplicates of a new contact ``key`` to the list (inside the caller's transaction)."""
    db.conn.executemany("INSERT OR IGNORE INTO duplicate_candidates VALUES (?, ?, ?, ?)",
                        [(min(m.key, key), max(m.key, key), float(m.score), m.reason)
                         for m in matches.itertuples() if m.key != key])


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
        raise ValidationError("contacts", {"remove": "pick two different records to merge"})
    a, b = records.get(db, "contacts", keep), records.get(db, "contacts", remove)
    unknown = [f for f in take if f not in a or f == "contact_id"]
    if unknown:
        raise ValidationError("contacts", {"take": f"{', '.join(unknown)} cannot be taken from the other record"})
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


__all__ = ["CONTACT_REFERENCES", "compare", "duplicate_pairs", "find_duplicates", "merge_contacts", "merged",
           "remember", "rescan"]
