"""Duplicate records in the practice CRM, found by the lessons' own detector (:mod:`workbench.crm.dedupe`).

Two uses, one detector:

* :func:`pairs` lists the likely duplicate contacts of a whole table, for the
  Merge screen: exactly the pairs :func:`workbench.crm.dedupe.find_duplicates`
  matches on the same columns as lesson 5 (:data:`ON`).
* :func:`likely_duplicates` answers at entry, as a record is saved: an index
  kept in step with the table holds each record's blocking keys and the model
  fitted on the table, so only the records sharing a key with the new one are
  compared, with the same comparisons and weights.  At entry names alone are
  enough for a warning (it is a question to the trainee, not a merge).

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> likely_duplicates(db, "contacts", {"first_name": "Nusrat", "last_name": "Jahann"})[["key", "reason"]].values.tolist()
[['C001', 'similar name'], ['C003', 'similar name']]
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..data.schema import SCHEMA

__all__ = ["ON", "COMPARED", "WARN_AT", "pairs", "likely_duplicates", "remember"]

#: The columns compared to find duplicate contacts: the same as lesson 5's.
ON = ("first_name", "last_name", "email", "phone", "account_id")
#: A record being saved is a likely duplicate of another when the fields that agree outweigh those that
#: differ by this many bits of match weight (8 to 1), or when it has the same email or phone.
WARN_AT = 3.0
#: The columns compared in each table at entry.
COMPARED = {"contacts": ON, "leads": ("name", "email"), "accounts": ("name",), "opportunities": ("name",)}


def _reason(run_kinds: dict, on, levels: np.ndarray, weights: np.ndarray) -> str:
    """What speaks most for a pair: ``same email``, ``same phone``, ``same name``, ``similar name``..."""
    from ..crm.comparisons import KINDS

    names = [k for k, c in enumerate(on) if run_kinds[c] == "name"]
    for k, column in enumerate(on):  # an address or a number shared says most to a person
        if run_kinds[column] in ("email", "phone") and levels[k] == len(KINDS[run_kinds[column]]) - 1:
            return f"same {run_kinds[column]}"
    best = int(np.argmax(np.where(levels >= 0, weights, -np.inf)))
    if best in names or (names and max(levels[k] for k in names) > 0):
        same = all(levels[k] == len(KINDS["name"]) - 1 for k in names if levels[k] >= 0)
        return "same name" if same else "similar name"
    kind = run_kinds[on[best]]
    field = kind if kind in ("email", "phone") else on[best]
    return ("same " if levels[best] == len(KINDS[kind]) - 1 else "similar ") + field


def pairs(contacts: pd.DataFrame, *, threshold: float | None = None) -> pd.DataFrame:
    """Likely duplicate contact pairs: keep (the lower id), remove, score (match probability in %), reason.

    The pairs :func:`workbench.crm.dedupe.duplicate_pairs` matches on :data:`ON`, best first.
    """
    from ..crm.dedupe import link

    frame = contacts.reset_index(drop=True)
    run = link(frame, list(ON), threshold=threshold, where="practice duplicate scan")
    match = run.matched
    ids = frame["contact_id"].astype(str).to_numpy()
    a, b = ids[run.left[match]], ids[run.right[match]]
    levels, weights = run.levels[match], run.model.match_weights(run.levels[match])
    out = pd.DataFrame({"keep": np.minimum(a, b), "remove": np.maximum(a, b),
                        "score": np.round(run.probability[match] * 100, 1),
                        "reason": [_reason(run.kinds, run.on, lv, w) for lv, w in zip(levels, weights)]},
                       columns=["keep", "remove", "score", "reason"])
    return out.sort_values(["score", "keep", "remove"], ascending=[False, True, True]).reset_index(drop=True)


def remember(db, key: str, matches: pd.DataFrame) -> None:
    """Add the likely duplicates of a contact ``key`` saved anyway to the Merge list (inside the caller's transaction)."""
    db.conn.executemany("INSERT OR IGNORE INTO duplicate_candidates VALUES (?, ?, ?, ?)",
                        [(min(m.key, key), max(m.key, key), float(m.score), m.reason)
                         for m in matches.itertuples() if m.key != key])


def _keys_of(frame: pd.DataFrame, kinds: dict) -> tuple[dict, dict]:
    """Prepared values and blocking keys of the rows of ``frame`` (columns: the compared ones)."""
    from ..crm.blocking import default_passes
    from ..crm.comparisons import prepare

    keys = {c: prepare(frame[c].reset_index(drop=True), kinds[c]) for c in kinds}
    return keys, default_passes(keys, kinds)


@lru_cache(maxsize=4096)
def _row_keys(values: tuple, kinds: tuple) -> tuple[dict, tuple]:
    """One record's prepared values and (pass, key) blocks: worked out once per distinct record typed."""
    kinds = dict(kinds)
    keys, passes = _keys_of(pd.DataFrame([values], columns=list(kinds), dtype=object), kinds)
    prepared = {c: (None if pd.isna(v.iloc[0]) else v.iloc[0]) for c, v in keys.items()}
    return prepared, tuple((label, key.iloc[0]) for label, key in passes.items() if pd.notna(key.iloc[0]))


def _index(db, table: str) -> dict:
    """The entry-time index of ``table``, kept in step with it: the fitted model; each record's values
    (``keys``), prepared values (``prepared``) and blocking keys (``of``); the records under each
    blocking key (``blocks``)."""
    from ..crm.dedupe import link

    key_column = SCHEMA[table].key
    on = list(COMPARED[table])

    def put(value, k, raw, prepared, blocks):
        value["keys"][k], value["prepared"][k], value["of"][k] = raw, prepared, blocks
        for block in blocks:
            value["blocks"].setdefault(block, set()).add(k)

    def remove(value, row):
        k = row[key_column]
        value["keys"].pop(k, None)
        value["prepared"].pop(k, None)
        for block in value["of"].pop(k, ()):
            value["blocks"].get(block, set()).discard(k)

    def build():
        columns = ", ".join(f'"{c}"' for c in (key_column, *on))
        frame = db.query(f'SELECT {columns} FROM "{table}"').astype(object)
        frame = frame.where(frame.notna(), None)
        run = link(frame[on], on, where=f"{table} duplicate index")
        value = {"kinds": tuple(run.kinds.items()), "model": run.model, "keys": {}, "prepared": {}, "of": {},
                 "blocks": {}}
        keys, passes = _keys_of(frame[on], run.kinds)
        prepared = pd.DataFrame(keys).astype(object)
        prepared = prepared.where(prepared.notna(), None).to_dict("records")
        blocks = pd.DataFrame(passes).astype(object)
        blocks = blocks.where(blocks.notna(), None).to_numpy()
        labels = list(passes)
        for k, raw, ready, row in zip(frame[key_column], frame[on].to_dict("records"), prepared, blocks):
            put(value, k, raw, ready, tuple((label, b) for label, b in zip(labels, row) if b is not None))
        return value

    def apply(value, op, before, after):
        if before:
            remove(value, before)
        if after:
            raw = {c: after.get(c) for c in on}
            put(value, after[key_column], raw, *_row_keys(tuple(raw.values()), value["kinds"]))

    return db.maintained(f"duplicates:{table}", table, build, apply)


def likely_duplicates(db, table: str, values: dict, *, exclude=None, limit: int = 5) -> pd.DataFrame:
    """Records of ``table`` that look like ``values``: key, label, score (match probability in %), reason.

    Only records sharing a blocking key with ``values`` are compared; one is
    kept when its match weight reaches :data:`WARN_AT` or it has the same
    email or phone.  Best first, at most ``limit``; ``exclude`` leaves one
    record out (the one being edited).
    """
    from ..crm.dedupe import compare_pairs

    index = _index(db, table)
    on = list(COMPARED[table])
    prepared, blocks = _row_keys(tuple(values.get(c) for c in on), index["kinds"])
    found = set().union(*(index["blocks"].get(block, set()) for block in blocks))
    found = sorted(k for k in found if k != exclude and k in index["keys"])
    columns = ["key", "label", "score", "reason"]
    if not found:
        return pd.DataFrame(columns=columns)
    kinds = dict(index["kinds"])
    keys = {c: pd.Series([prepared[c], *(index["prepared"][k][c] for k in found)], dtype="string") for c in on}
    right = np.arange(1, len(found) + 1)
    levels = compare_pairs(keys, kinds, on, np.zeros(len(right), dtype=np.int64), right)
    probability = index["model"].probability(levels)
    weights = index["model"].match_weights(levels)
    reasons = [_reason(kinds, on, lv, w) for lv, w in zip(levels, weights)]
    keep = (weights.sum(axis=1) >= WARN_AT) | np.isin(reasons, ["same email", "same phone"])
    rows = [{"key": k, "label": _label(table, index["keys"][k]), "score": round(float(p) * 100, 1), "reason": r,
             "weight": w} for k, p, r, w, ok in zip(found, probability, reasons, weights.sum(axis=1), keep) if ok]
    out = pd.DataFrame(rows, columns=[*columns, "weight"])
    out = out.sort_values(["weight", "key"], ascending=[False, True]).head(limit)
    return out[columns].reset_index(drop=True)


def _label(table: str, row: dict) -> str:
    if table == "contacts":
        return f"{row.get('first_name') or ''} {row.get('last_name') or ''}".strip()
    if table == "leads":
        return f"{row.get('name') or ''} ({row.get('company') or ''})"
    return row.get("name") or ""
