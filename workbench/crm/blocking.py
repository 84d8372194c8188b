"""Blocking: which pairs of rows are worth comparing at all.

Comparing every row with every other is n² work (1.25 billion pairs for
50,000 contacts), so a pair is only compared when the two rows share a
*blocking key*.  Several passes are made, each on a key built from other
columns, so a typo in any one field is caught by a pass that does not use
it: the same email, phone, date of birth, postcode or code; the same sound of
the last name (:func:`workbench.text.phonetic_key`, in any script) with the
same first initial, and the other way round; the first letters of both names
in either order (for swapped names); and sorted neighbourhoods (each row with
the next ``window`` rows in name order).  A block bigger than ``max_block``
rows is also cut into sorted neighbourhoods, so the number of pairs stays
bounded.

>>> import pandas as pd
>>> keys = {"first_name": pd.Series(["amina", "amina", "omar", "omar"]),
...         "last_name": pd.Series(["rahman", "rahmen", "haddad", "hadad"])}
>>> left, right, passes = candidate_pairs(keys, {"first_name": "name", "last_name": "name"}, window=1)
>>> list(zip(left.tolist(), right.tolist())), passes["sound of last_name, first letter of first_name"]
([(0, 1), (0, 2), (1, 3), (2, 3)], 2)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["candidate_pairs", "block_pairs", "default_passes"]

_TRIU: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def block_pairs(key: pd.Series, order_key: np.ndarray, max_block: int = 100, window: int = 5) -> np.ndarray:
    """Pairs (positions i < j, as codes ``i * n + j``) of rows sharing ``key``; big blocks by sorted neighbourhood.

    >>> block_pairs(pd.Series(["a", "b", "a", None]), np.array(["x", "y", "z", "w"])).tolist()
    [2]
    """
    n = len(key)
    codes = pd.factorize(key.to_numpy(dtype=object, na_value=None), use_na_sentinel=True)[0]
    rows = np.flatnonzero(codes >= 0)
    if len(rows) < 2:
        return np.empty(0, dtype=np.int64)
    rows = rows[np.argsort(codes[rows], kind="stable")]
    sorted_codes = codes[rows]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(rows)])
    out = []
    for start, size in zip(starts[sizes > 1], sizes[sizes > 1]):
        members = rows[start:start + size]
        if size <= max_block:
            if size not in _TRIU:
                _TRIU[size] = np.triu_indices(size, k=1)
            a, b = _TRIU[size]
        else:
            members = members[np.argsort(order_key[members], kind="stable")]
            a, b = _neighbours(size, window)
        i, j = members[a], members[b]
        out.append(np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j))
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def _neighbours(size: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.repeat(np.arange(size), window)
    b = a + np.tile(np.arange(1, window + 1), size)
    keep = b < size
    return a[keep], b[keep]


def _sorted_neighbourhood(order_key: np.ndarray, window: int) -> np.ndarray:
    """Pairs of each row with the next ``window`` rows in ``order_key`` order (ranks; 0: no name, left out)."""
    n = len(order_key)
    filled = np.flatnonzero(order_key > 0)
    members = filled[np.argsort(order_key[filled], kind="stable")]
    a, b = _neighbours(len(members), window)
    i, j = members[a], members[b]
    return np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j)


def _per_value(series: pd.Series, fn) -> pd.Series:
    """``fn`` (a string Series to a string Series) applied once per distinct value of ``series``; NA stays NA.

    >>> _per_value(pd.Series(["amina", None, "amina"], dtype="string"), lambda s: s.str[:2]).tolist()
    ['am', <NA>, 'am']
    """
    codes, uniques = pd.factorize(series.to_numpy(dtype=object, na_value=None), use_na_sentinel=True)
    mapped = fn(pd.Series(uniques, dtype="string")).to_numpy(dtype=object, na_value=None)
    return pd.Series(np.append(mapped, None)[codes], index=series.index, dtype="string")


def _join(*parts: pd.Series) -> pd.Series:
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    return key


def default_passes(keys: dict[str, pd.Series], kinds: dict[str, str]) -> dict[str, pd.Series]:
    """The blocking keys of each default pass, by the pass's name (cleaned values in ``keys``, kinds in ``kinds``).

    >>> keys = {"last_name": pd.Series(["rahman"]), "first_name": pd.Series(["amina"]), "email": pd.Series(["a@x.io"])}
    >>> {name: key.tolist() for name, key in default_passes(keys, {"first_name": "name", "last_name": "name",
    ...                                                            "email": "email"}).items()}
    {'same email': ['a@x.io'], 'sound of last_name, first letter of first_name': ['r5|a'], 'sound of first_name, first letter of last_name': ['a5|r'], 'first letters of both names, either order': ['am|ra']}
    """
    from ..text import phonetic_key

    passes = {f"same {c}": keys[c] for c, k in kinds.items() if k in ("email", "phone", "date", "postcode", "exact")}
    names = [c for c, k in kinds.items() if k == "name"]
    sound = {c: _per_value(keys[c], lambda s: s.map(phonetic_key)) for c in names}
    if len(names) >= 2:
        first, last = names[0], names[-1]
        initial = {c: _per_value(keys[c], lambda s: s.str[:1]) for c in (first, last)}
        passes[f"sound of {last}, first letter of {first}"] = _join(sound[last], initial[first])
        passes[f"sound of {first}, first letter of {last}"] = _join(sound[first], initial[last])
        a, b = (_per_value(keys[c], lambda s: s.str[:2]) for c in (first, last))  # the same when names are swapped
        passes["first letters of both names, either order"] = _join(a.where(a < b, b), b.where(a < b, a))
    elif names:  # one name column (a full name, a company): its sound, and its start and end without spaces
        packed = keys[names[0]].str.replace(" ", "")
        passes[f"sound of {names[0]}"] = sound[names[0]]
        passes[f"start of {names[0]}"] = packed.str[:4]
        passes[f"end of {names[0]}"] = packed.str[-4:]
    numbers = [c for c, k in kinds.items() if k == "number"]
    for column in (c for c, k in kinds.items() if k == "address"):
        if numbers:
            passes[f"{numbers[0]} and start of {column}"] = _join(keys[numbers[0]], keys[column].str[:3])
    texts = [c for c, k in kinds.items() if k in ("text", "city")]
    if not names and texts:
        passes[f"start of {texts[0]}"] = keys[texts[0]].str[:4]
    return passes


def candidate_pairs(keys: dict[str, pd.Series], kinds: dict[str, str], *, block_on: dict | None = None,
                    max_block: int = 100, window: int = 5) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Candidate pairs of rows (``left < right`` positions) and how many pairs each pass proposed.

    ``keys`` holds each compared column's cleaned values, ``kinds`` its kind.
    ``block_on`` (a dict of pass name to key Series) replaces the default
    passes.  Besides the passes, rows are compared with their ``window``
    neighbours in name order (both name orders when there are two names).
    The report's ``"all passes"`` is the number of distinct pairs.
    """
    n = len(next(iter(keys.values()))) if keys else 0
    names = [c for c, k in kinds.items() if k == "name"] or [c for c, k in kinds.items() if k in ("text", "city")]
    order_columns = names or list(keys)
    orders = [order_columns, order_columns[::-1]] if len(order_columns) >= 2 else [order_columns]
    order_texts = [np.array([" ".join(v) for v in zip(*[keys[c].fillna("").to_numpy(dtype=object) for c in cols])],
                            dtype=object) for cols in orders]
    # rows in name order: each text's rank among the distinct texts (0 for a row with no name at all)
    order_keys = [pd.factorize(np.concatenate([[""], np.where(text == " " * (len(cols) - 1), "", text)]),
                               sort=True)[0][1:] for cols, text in zip(orders, order_texts)]
    passes = block_on if block_on is not None else default_passes(keys, kinds)
    report, codes = {}, []
    for label, key in passes.items():
        found = block_pairs(key, order_keys[0], max_block, window)
        report[label] = len(found)
        codes.append(found)
    if block_on is None:
        for cols, order in zip(orders, order_keys):
            found = _sorted_neighbourhood(order, window)
            report[f"neighbours in order of {', '.join(cols)}"] = len(found)
            codes.append(found)
    codes = np.sort(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes  # distinct pairs
    report["all passes"] = len(codes)
    return codes // max(n, 1), codes % max(n, 1), report
