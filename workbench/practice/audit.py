"""The audit log: every write to the practice CRM, who made it, when, and before/after.

Triggers installed by :func:`workbench.practice.database.open` record each
insert, update and delete of a data table, labelled with the action that made
it ("log call", "merge contacts"...), so a superuser can see how a trainee
reached the state a check reads.  A reset keeps the log: the rows it undid
are marked with its time in ``reset_at`` (blank for what is still in force).

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> from workbench.practice import records
>>> db = sandbox(tiny_dataset(), trainee="amina")
>>> _ = records.update(db, "contacts", "C002", {"title": "Managing director"})
>>> h = history(db)
>>> h[["who", "action", "table_name", "record_key", "op"]].values.tolist()
[['amina', 'edit contact', 'contacts', 'C002', 'update']]
>>> h["changes"].iloc[0]
{'title': ('CEO', 'Managing director')}
"""

from __future__ import annotations

import json

import pandas as pd


def changes(before: dict | None, after: dict | None) -> dict:
    """The fields that differ between two versions of a record, as ``{field: (old, new)}``.

    >>> changes({"a": 1, "b": 2}, {"a": 1, "b": 3})
    {'b': (2, 3)}
    >>> changes(None, {"a": 1})
    {'a': (None, 1)}
    """
    before, after = before or {}, after or {}
    return {k: (before.get(k), after.get(k)) for k in dict.fromkeys([*before, *after])
            if before.get(k) != after.get(k)}


def history(db, table: str | None = None, key=None, *, who: str | None = None,
            since_reset: bool = False) -> pd.DataFrame:
    """The audit log, oldest first, optionally for one table, one record or one person.

    Columns: audit_id, at (UTC), who, action, table_name, record_key, op,
    before and after (dicts), reset_at (the reset that undid the change, or
    None) and changes (``{field: (old, new)}``).  ``since_reset=True`` keeps
    only the changes still in force, made since the last reset.
    """
    where, params = ["reset_at IS NULL"] if since_reset else [], []
    for column, value in (("table_name", table), ("record_key", key), ("who", who)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(str(value))
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY audit_id"
    df = db.query(sql, params)
    if df.empty:
        return pd.DataFrame(columns=["audit_id", "at", "who", "action", "table_name", "record_key", "op",
                                     "before", "after", "reset_at", "changes"])
    for side in ("before", "after"):
        df[side] = df[side].map(lambda text: json.loads(text) if isinstance(text, str) else None)
    df["changes"] = [changes(b, a) for b, a in zip(df["before"], df["after"])]
    for moment in ("at", "reset_at"):
        df[moment] = pd.to_datetime(df[moment], format="ISO8601")
    return df


def inserted(db, table: str) -> pd.DataFrame:
    """The rows the trainee added to ``table`` since the last reset (their values when added), oldest first.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> inserted(sandbox(tiny_dataset()), "activities").empty
    True
    """
    h = history(db, table, since_reset=True)
    h = h[h["op"] == "insert"]
    rows = pd.DataFrame(list(h["after"]), index=h.index) if len(h) else pd.DataFrame()
    if len(h):
        rows["action"] = h["action"]
    return rows.reset_index(drop=True)


def summary(db) -> pd.DataFrame:
    """How many changes of each kind the trainee made: one row per action and table, resets included
    (``undone``: how many of them a reset has undone)."""
    return db.query("SELECT action, table_name, op, count(*) AS changes, count(reset_at) AS undone, "
                    "min(at) AS first_at, max(at) AS last_at "
                    "FROM audit_log GROUP BY action, table_name, op ORDER BY min(audit_id)")


__all__ = ["changes", "history", "inserted", "summary"]
