"""Duplicate detection: which rows are the same person?

Three steps, as record-linkage tools do them:

1. **Blocking.**  Comparing every row with every other is n² work (1.25
   billion pairs for 50,000 contacts), so rows are only compared with rows
   that share a *blocking key*: the same cleaned email, the same phone
   number, the same code (an ``account_id``), or the same first letters of
   the last and first names.  Several
   keys are used one after the other, so a typo that breaks one key is
   caught by another.
2. **Fuzzy comparison.**  Each candidate pair is scored field by field with
   rapidfuzz (Jaro-Winkler for names, edit-distance ratio for emails and
   phones), and the field scores are averaged with weights (an email counts
   more than a first name).  Fields empty on either side are left out.  Two
   work addresses at two different companies (neither a private mailbox of
   :data:`FREE_MAIL`) count half: ``amina.rahman@`` at two employers is
   more often two namesakes than one person.  In name columns a common
   nickname counts as the name it stands for (:data:`NICKNAMES`: Bill is
   William, Fred is Frédéric).
3. **Clustering.**  Pairs scoring at least ``threshold`` are joined with
   union-find, so if A matches B and B matches C, all three get one cluster id.

>>> import pandas as pd
>>> people = pd.DataFrame({
...     "first_name": ["Nusrat", "nusrat", "Amina", "Nusrat"],
...     "last_name":  ["Jahan", "Jahaan", "Rahman", "Jahan"],
...     "email": ["nusrat.jahan@acme.test", "Nusrat.Jahan@acme.test ", "amina@x.test", "nj@other.test"],
...     "phone": ["+880 1711 000111", "01711000111", None, "+880 1999 123456"]})
>>> find_duplicates(people, on=["first_name", "last_name", "email", "phone"]).tolist()
[0, 0, 1, 2]
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import InputError, require_columns
from .columns import is_number
from .quality import normalise_email, normalise_name, phone_key

__all__ = ["find_duplicates", "duplicate_pairs", "cluster_pairs", "column_kind"]

KINDS = ("name", "email", "phone", "text", "exact")
DEFAULT_WEIGHTS = {"name": 1.0, "email": 2.0, "phone": 1.5, "text": 1.0, "exact": 0.5}
DEFAULT_THRESHOLD = 86.0
#: Common English and French nicknames and the name they stand for, as compared (no case, no accents).
#: In a name column a nickname counts as its full name (Bill Smith and William Smith compare equal);
#: ambiguous ones point to the likeliest name.
NICKNAMES = {
    "william": ("bill", "billy", "will", "willy", "liam"), "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "james": ("jim", "jimmy", "jamie"), "michael": ("mike", "mikey", "mick", "micky"), "thomas": ("tom", "tommy"),
    "richard": ("rick", "ricky", "rich", "richie", "dick"), "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza"),
    "jennifer": ("jen", "jenny"), "christopher": ("chris", "kit"), "daniel": ("dan", "danny"),
    "matthew": ("matt",), "joseph": ("joe", "joey"), "anthony": ("tony",), "patricia": ("patty", "trish", "tricia"),
    "susan": ("sue", "susie", "suzy"), "margaret": ("maggie", "peggy", "meg", "madge"),
    "katherine": ("kate", "katie", "kathy", "cathy", "kay"), "nicholas": ("nick", "nicky"),
    "benjamin": ("ben", "benji", "benny"), "edward": ("ed", "eddie", "ted", "ned"), "andrew": ("andy", "drew"),
    "david": ("dave", "davey"), "charles": ("charlie", "chuck"), "jonathan": ("jon", "jonny"),
    "steven": ("steve", "stevie"), "kenneth": ("ken", "kenny"), "timothy": ("tim", "timmy"),
    "gregory": ("greg",), "samuel": ("sam", "sammy"), "alexander": ("alex", "sandy", "xander"),
    "rebecca": ("becky", "becca"), "deborah": ("debbie", "deb"), "jessica": ("jess", "jessie"),
    "victoria": ("vicky", "tori"), "joshua": ("josh",), "jacqueline": ("jackie",), "john": ("jack", "johnny"),
    "henry": ("harry", "hank"), "lawrence": ("larry",), "frederic": ("fred", "freddie"), "nicolas": ("nico",),
    "emmanuel": ("manu",), "sebastien": ("seb",), "dominique": ("dom",), "maximilian": ("max",),
    "mathieu": ("mat",), "jean baptiste": ("jb",), "francois": ("francky",), "guillaume": ("guigui",),
}
_FULL_NAME = {nick: full for full, nicks in NICKNAMES.items() for nick in nicks}
#: Providers of private mailboxes (the first part of the domain): an address there says nothing of an employer.
FREE_MAIL = frozenset({"gmail", "googlemail", "yahoo", "ymail", "outlook", "hotmail", "live", "msn", "icloud", "me",
                       "aol", "proton", "protonmail", "gmx", "mail", "yandex", "zoho", "orange", "free", "laposte",
                       "wanadoo", "sfr", "btinternet", "sky", "virginmedia"})


def column_kind(column: str) -> str:
    """How a column is compared, guessed from its name: name, email, phone, exact or text.

    ``exact`` (codes such as ``account_id``) scores 100 when equal, else 0.

    >>> [column_kind(c) for c in ["first_name", "Email Address", "mobile", "account_id", "city"]]
    ['name', 'email', 'phone', 'exact', 'text']
    """
    low = str(column).lower()
    if low.endswith("_id") or low in ("id", "code"):
        return "exact"
    if "mail" in low:
        return "email"
    if any(word in low for word in ("phone", "mobile", "tel", "fax")):
        return "phone"
    if "name" in low or low in ("first", "last", "surname", "given", "family"):
        return "name"
    return "text"


def _keys(series: pd.Series, kind: str) -> pd.Series:
    if kind == "email":
        return normalise_email(series)
    if kind == "phone":
        return phone_key(series)
    if kind == "exact":
        s = series.astype("string").str.strip()
        return s.mask(s.eq(""))
    keys = normalise_name(series.astype("string"), for_matching=True)
    if kind == "name":  # each distinct name once: a nickname becomes the name it stands for
        codes, uniques = pd.factorize(keys, use_na_sentinel=True)
        full = [" ".join(_FULL_NAME.get(word, word) for word in key.split()) for key in uniques]
        keys = pd.Series(np.array([*full, pd.NA], dtype=object)[codes], index=keys.index, dtype="string")
    return keys


def _similarity(kind: str, values: pd.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Similarity (0 to 100) of rows ``left[k]`` and ``right[k]`` of cleaned, filled ``values``."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler

    if kind == "exact":
        codes = pd.factorize(values)[0]
        return np.where(codes[left] == codes[right], 100.0, 0.0)
    if kind == "email":  # the part before @ says who; the domain only where they work
        parts = values.str.rpartition("@")
        local = parts[0].where(parts[1].eq("@"), parts[2]).to_numpy(dtype=object)
        domain = parts[2].where(parts[1].eq("@"), "").to_numpy(dtype=object)
        work = ~np.isin(pd.Series(domain).str.split(".").str[0].to_numpy(dtype=object), [*FREE_MAIL, ""])
        same_name = process.cpdist(local[left], local[right], scorer=fuzz.ratio, dtype=np.float32)
        same_domain = process.cpdist(domain[left], domain[right], scorer=fuzz.ratio, dtype=np.float32)
        # two work addresses at two companies are two mailboxes: a shared name there is only a namesake
        two_companies = (same_domain < 90) & work[left] & work[right]
        return np.where(two_companies, 0.5 * same_name, 0.75 * same_name + 0.25 * same_domain)
    strings = values.to_numpy(dtype=object)
    if kind == "name":
        return process.cpdist(strings[left], strings[right], scorer=JaroWinkler.normalized_similarity,
                              dtype=np.float32) * 100
    scorer = fuzz.ratio if kind == "phone" else fuzz.token_sort_ratio
    return process.cpdist(strings[left], strings[right], scorer=scorer, dtype=np.float32)


def _validate(df, on, kinds, weights, threshold, max_block, window, where):
    require_columns(df, [], where=where)
    if isinstance(on, str):
        on = [on]
    if on is None or not list(on):
        raise InputError("no columns to compare", where=where,
                         fix="name the columns that identify a person, e.g. on=['first_name', 'last_name', 'email']")
    on = list(on)
    require_columns(df, on, where=where)
    kinds = dict(kinds or {})
    for column, kind in kinds.items():
        if column not in on:
            raise InputError(f"kinds names '{column}', which is not in on={on}", where=where,
                             fix="give kinds only for the compared columns")
        if kind not in KINDS:
            raise InputError(f"unknown kind {kind!r} for '{column}'", where=where,
                             fix=f"use one of {', '.join(KINDS)}")
    kinds = {c: kinds.get(c, column_kind(c)) for c in on}
    weights = dict(weights or {})
    for column, weight in weights.items():
        if column not in on or not is_number(weight) or weight < 0:
            raise InputError(f"bad weight {column!r}: {weight!r}", where=where,
                             fix="give a non-negative number for a compared column, e.g. weights={'email': 2}")
    weights = {c: float(weights.get(c, DEFAULT_WEIGHTS[kinds[c]])) for c in on}
    if not is_number(threshold) or not 0 <= threshold <= 100:
        raise InputError(f"threshold must be a number from 0 to 100, got {threshold!r}", where=where,
                         fix="use a similarity such as 86 (higher finds fewer, surer duplicates)")
    if not is_number(max_block, whole=True) or max_block < 2 or not is_number(window, whole=True) or window < 1:
        raise InputError("max_block must be an integer of at least 2 and window at least 1", where=where,
                         fix="keep the defaults, max_block=1000 and window=30")
    return on, kinds, weights, int(max_block), int(window)


def _default_blocks(keys: dict[str, pd.Series], kinds: dict[str, str]) -> list[pd.Series]:
    blocks = [keys[c] for c, k in kinds.items() if k in ("email", "phone", "exact")]
    names = [keys[c] for c, k in kinds.items() if k == "name"]
    if len(names) >= 2:
        first, last = names[0], names[-1]
        blocks.append(last.str[:3] + "|" + first.str[:1])
        blocks.append(first.str[:3] + "|" + last.str[-3:])
        a, b = first.str[:2], last.str[:2]  # the same key when first and last names are swapped
        blocks.append(a.where(a < b, b) + "|" + b.where(a < b, a))
    elif len(names) == 1:
        blocks += [names[0].str[:4], names[0].str[-4:]]
    texts = [keys[c] for c, k in kinds.items() if k == "text"]
    if not names and texts:
        blocks += [texts[0].str[:4], texts[0].str[-4:]]
    return blocks


_TRIU: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _pairs_in_blocks(key: pd.Series, order_key: np.ndarray, max_block: int, window: int) -> np.ndarray:
    """Candidate pairs (positions i < j) of rows sharing ``key``, as int64 codes i * n + j."""
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
        else:  # sorted neighbourhood: compare each row with the next `window` rows in name order
            members = members[np.argsort(order_key[members], kind="stable")]
            a = np.repeat(np.arange(size), window)
            b = a + np.tile(np.arange(1, window + 1), size)
            keep = b < size
            a, b = a[keep], b[keep]
        i, j = members[a], members[b]
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        out.append(lo.astype(np.int64) * n + hi)
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def _scored_pairs(df, on, kinds, weights, block_on, max_block, window, where):
    from tqdm.auto import tqdm

    n = len(df)
    keys = {c: _keys(df[c], kinds[c]) for c in on}
    if block_on is None:
        blocks = _default_blocks(keys, kinds)
    else:
        passes = [block_on] if isinstance(block_on, str) else list(block_on)
        if not passes:
            raise InputError("block_on is empty", where=where, fix="leave it out, or name columns to block on")
        blocks = []
        for group in passes:
            group = [group] if isinstance(group, str) else list(group)
            require_columns(df, group, where=where)
            parts = [keys[c] if c in keys else _keys(df[c], column_kind(c)) for c in group]
            key = parts[0]
            for part in parts[1:]:
                key = key + "|" + part
            blocks.append(key)
    order_key = np.array([" ".join(v) for v in zip(*[keys[c].fillna("").to_numpy(dtype=object)
                                                    for c in on if kinds[c] in ("name", "text")] or
                                                  [keys[on[0]].fillna("").to_numpy(dtype=object)])],
                         dtype=object)
    quiet = True if n < 20_000 else None  # a progress bar only for long work (None: shown when interactive)
    codes = [_pairs_in_blocks(b, order_key, max_block, window)
             for b in tqdm(blocks, desc="blocking", disable=quiet, leave=False)]
    codes = np.unique(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    left, right = codes // max(n, 1), codes % max(n, 1)
    scores = {}
    total = np.zeros(len(codes))
    weight_sum = np.zeros(len(codes))
    evidence = np.zeros(len(codes), dtype=bool)
    names = [c for c in on if kinds[c] == "name"]
    for column in tqdm(on, desc="comparing", disable=quiet, leave=False):
        scores[column] = _column_scores(keys[column], kinds[column], left, right)
    if len(names) == 2:  # first and last name typed the wrong way round: compare them crossed too
        first, last = names
        crossed_first = _column_scores(keys[first], "name", left, right, other=keys[last])
        crossed_last = _column_scores(keys[last], "name", left, right, other=keys[first])
        with warnings.catch_warnings():  # a pair with both names blank has no mean: NaN is right
            warnings.simplefilter("ignore", RuntimeWarning)
            straight = np.nanmean(np.vstack([scores[first], scores[last]]), axis=0)
            crossed = np.nanmean(np.vstack([crossed_first, crossed_last]), axis=0)
        swap = np.nan_to_num(crossed, nan=-1) > np.nan_to_num(straight, nan=-1)
        scores[first] = np.where(swap, crossed_first, scores[first])
        scores[last] = np.where(swap, crossed_last, scores[last])
    for column in on:
        present = ~np.isnan(scores[column])
        total += np.where(present, scores[column], 0.0) * weights[column]
        weight_sum += present * weights[column]
        if kinds[column] != "name":
            evidence |= present
        scores[column] = np.round(scores[column], 1)
    if all(kinds[c] == "name" for c in on):
        evidence[:] = True
    with np.errstate(invalid="ignore", divide="ignore"):
        overall = np.where((weight_sum > 0) & evidence, total / weight_sum, np.nan)
    return left, right, np.round(overall, 1), scores


def _column_scores(values: pd.Series, kind: str, left: np.ndarray, right: np.ndarray,
                   other: pd.Series | None = None) -> np.ndarray:
    """Scores of one column for each pair (NaN where either side is blank); ``other`` gives the right side."""
    other = values if other is None else other
    filled_left, filled_right = values.notna().to_numpy(), other.notna().to_numpy()
    present = filled_left[left] & filled_right[right]
    score = np.full(len(left), np.nan)
    if present.any():
        if other is values:
            clean = values.fillna("").astype(object).astype(str)
            score[present] = _similarity(kind, clean, left[present], right[present])
        else:  # stack both columns so one call compares left rows of one with right rows of the other
            both = pd.concat([values, other], ignore_index=True).fillna("").astype(object).astype(str)
            score[present] = _similarity(kind, both, left[present], right[present] + len(values))
    return score


def cluster_pairs(n: int, left, right) -> np.ndarray:
    """Union-find over matched pairs of row positions: a cluster id for each of ``n`` rows.

    Ids are numbered 0, 1, 2... in order of each cluster's first row.

    >>> cluster_pairs(5, [0, 3], [2, 4]).tolist()
    [0, 1, 0, 2, 2]
    """
    parent = np.arange(n)

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in zip(np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)):
        if not (0 <= a < n and 0 <= b < n):
            raise InputError(f"pair ({a}, {b}) points outside {n} rows", where="cluster_pairs(n, left, right)",
                             fix="give row positions from 0 to n - 1")
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([find(x) for x in range(n)], dtype=np.int64)
    return pd.factorize(roots)[0]


def find_duplicates(df: pd.DataFrame, on, *, threshold: float = DEFAULT_THRESHOLD, kinds: dict | None = None,
                    weights: dict | None = None, block_on=None, max_block: int = 1000,
                    window: int = 30) -> pd.Series:
    """A cluster id per row: rows with the same id are taken to be the same person.

    ``on`` lists the columns to compare.  Each is compared according to its
    kind (guessed from its name by :func:`column_kind`, or given in
    ``kinds={"col": "name"|"email"|"phone"|"text"}``) and weighted (default:
    email 2, phone 1.5, names and text 1, codes 0.5; change with ``weights``).
    Fields blank on either side are left out of a pair's score, and names
    alone are not enough: a pair needs at least one other field filled on
    both sides (unless ``on`` holds only names).  A pair is a duplicate when
    its weighted similarity (0 to 100) is at least ``threshold``.  ``block_on`` replaces the default blocking passes: a list
    whose items are a column or a list of columns that must match exactly
    (after cleaning).  Blocks bigger than ``max_block`` rows are compared by
    sorted neighbourhood (each row with the next ``window`` rows in name order).

    Returns an integer Series aligned with ``df.index``, named ``cluster``.

    >>> df = pd.DataFrame({"name": ["Ana Silva", "Ana  SILVA", "Bob Stone"]})
    >>> find_duplicates(df, on=["name"]).tolist()
    [0, 0, 1]
    """
    where = "find_duplicates(df, on=...)"
    on, kinds, weights, max_block, window = _validate(df, on, kinds, weights, threshold, max_block, window, where)
    left, right, overall, _ = _scored_pairs(df, on, kinds, weights, block_on, max_block, window, where)
    match = overall >= threshold
    clusters = cluster_pairs(len(df), left[match], right[match])
    return pd.Series(clusters, index=df.index, name="cluster")


def duplicate_pairs(df: pd.DataFrame, on, *, threshold: float = DEFAULT_THRESHOLD, kinds: dict | None = None,
                    weights: dict | None = None, block_on=None, max_block: int = 1000,
                    window: int = 30) -> pd.DataFrame:
    """The matched pairs behind :func:`find_duplicates`, for a person to review before merging.

    One row per pair scoring at least ``threshold`` (lower it to see near
    misses): ``left`` and ``right`` (index labels of ``df``), ``score``, one
    ``score_<column>`` per compared column (empty where a side is blank) and
    both sides' values (``<column>_left``, ``<column>_right``).  Best first.

    >>> df = pd.DataFrame({"first_name": ["Amina", "Amina", "Omar"], "last_name": ["Rahman", "Rahmann", "Haddad"]})
    >>> duplicate_pairs(df, on=["first_name", "last_name"])[["left", "right", "score"]]
       left  right  score
    0     0      1   98.6
    """
    where = "duplicate_pairs(df, on=...)"
    on, kinds, weights, max_block, window = _validate(df, on, kinds, weights, threshold, max_block, window, where)
    left, right, overall, scores = _scored_pairs(df, on, kinds, weights, block_on, max_block, window, where)
    match = overall >= threshold
    out = pd.DataFrame({"left": df.index[left[match]], "right": df.index[right[match]], "score": overall[match]})
    for column in on:
        out[f"score_{column}"] = scores[column][match]
    for column in on:
        out[f"{column}_left"] = df[column].to_numpy()[left[match]]
        out[f"{column}_right"] = df[column].to_numpy()[right[match]]
    return out.sort_values(["score", "left", "right"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)
