"""Duplicate detection: which rows are the same person?

Four steps, as record-linkage tools (Splink, fastLink) take them:

1. **Blocking** (:mod:`workbench.crm.blocking`): only pairs sharing a key in
   at least one of several passes are compared, so a typo in any one field
   does not hide a pair, and 50,000 rows stay a few hundred thousand pairs.
2. **Comparison** (:mod:`workbench.crm.comparisons`): each field of a pair is
   compared the way its kind needs (names letter by letter and by sound,
   dates allowing day and month swapped, numbers one digit off, addresses word
   by word) and given a level: different, alike, the same...
3. **Weights learnt from the data** (:mod:`workbench.crm.fellegi_sunter`):
   how much each level counts is fitted by expectation-maximisation, so
   agreeing on a rare field value counts more than on a common one, and each
   pair gets a match probability.  The threshold is chosen from those
   probabilities (where the expected F1 is best), unless you give one.
4. **Clustering**: pairs above the threshold are joined (scipy's connected
   components): if A matches B and B matches C, all three get one cluster id.

Two rules sit on top of the model: names alone are not evidence enough (a
pair needs another field filled on both sides, unless only names are
compared), and first and last names typed the wrong way round are also
compared crossed.

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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from .columns import is_number
from .comparisons import KINDS, SAME_BY_CHANCE, column_kind, compare, prepare

__all__ = ["find_duplicates", "duplicate_pairs", "match_weights", "cluster_pairs", "column_kind", "fit_model", "link",
           "compare_pairs", "starting_values", "Linkage"]

#: How many pairs the starting values of the model count for: a small table leans on them, a big one on its data.
PRIOR_PAIRS = 20.0
#: From this many rows on, strangers' agreement (``u``) is learnt from random pairs of rows; a smaller
#: table holds too few strangers (and its own duplicates would count among them).
LEARN_FROM_ROWS = 1_000
_RANDOM_PAIRS = 50_000


def cluster_pairs(n: int, left, right) -> np.ndarray:
    """Cluster ids for ``n`` rows joined by matched pairs of positions (connected components).

    Ids are numbered 0, 1, 2... in order of each cluster's first row.

    >>> cluster_pairs(5, [0, 3], [2, 4]).tolist()
    [0, 1, 0, 2, 2]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    outside = (left < 0) | (left >= n) | (right < 0) | (right >= n)
    if outside.any():
        k = int(np.flatnonzero(outside)[0])
        raise InputError(_('pair ({left}, {right}) points outside {n} rows').format(left=left[k], right=right[k], n=n), where="cluster_pairs(n, left, right)",
                         fix=_("give row positions from 0 to n - 1"))
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    labels = connected_components(graph, directed=False)[1]
    return pd.factorize(labels)[0]


@dataclass
class Linkage:
    """Everything behind a run: candidate pairs, their levels, the fitted model and the threshold used."""

    on: list[str]
    kinds: dict[str, str]
    left: np.ndarray
    right: np.ndarray
    levels: np.ndarray
    probability: np.ndarray
    threshold: float
    model: object
    passes: dict[str, int]

    @property
    def matched(self) -> np.ndarray:
        """Which candidate pairs are called matches."""
        return self.probability >= self.threshold


def _validate(df, on, kinds, threshold, max_block, window, where):
    require_columns(df, [], where=where)
    on = [on] if isinstance(on, str) else list(on or [])
    if not on:
        raise InputError(_("no columns to compare"), where=where,
                         fix=_("name the columns that identify a person, e.g. on=['first_name', 'last_name', 'email']"))
    require_columns(df, on, where=where)
    kinds = dict(kinds or {})
    for column, kind in kinds.items():
        if column not in on:
            raise InputError(_("kinds names '{column}', which is not in on={on}").format(column=column, on=on), where=where,
                             fix=_("give kinds only for the compared columns"))
        if kind not in KINDS:
            raise InputError(_("unknown kind {kind!r} for '{column}'").format(kind=kind, column=column), where=where, fix=_('use one of {kinds}').format(kinds=', '.join(KINDS)))
    kinds = {c: kinds.get(c, column_kind(c)) for c in on}
    if threshold is not None and (not is_number(threshold) or not 0 <= threshold <= 100):
        raise InputError(_('threshold must be a number from 0 to 100 (a match probability in %), got {threshold!r}').format(threshold=threshold), where=where,
                         fix=_("leave it out to let the model choose, or give e.g. 90 (higher finds fewer, surer pairs)"))
    if not is_number(max_block, whole=True) or max_block < 2 or not is_number(window, whole=True) or window < 1:
        raise InputError(_("max_block must be an integer of at least 2 and window at least 1"), where=where,
                         fix=_("keep the defaults, max_block=100 and window=5"))
    return on, kinds


def compare_pairs(keys: dict, kinds: dict, on: list, left, right) -> np.ndarray:
    """Comparison levels (pairs x columns) of rows ``left[k]`` and ``right[k]`` of the prepared ``keys``.

    Two name columns are also compared crossed, and the crossed levels kept
    where they agree better (first and last names typed the wrong way round).

    >>> keys = {"first_name": pd.Series(["jahan", "nusrat"]), "last_name": pd.Series(["nusrat", "jahan"])}
    >>> compare_pairs(keys, {"first_name": "name", "last_name": "name"}, ["first_name", "last_name"], [0], [1]).tolist()
    [[3, 3]]
    """
    levels = np.column_stack([compare(kinds[c], keys[c], left, right) for c in on]) if len(on) else None
    names = [i for i, c in enumerate(on) if kinds[c] == "name"]
    if len(names) == 2:  # first and last names typed the wrong way round: compare them crossed too
        i, j = names
        crossed_i = compare("name", keys[on[i]], left, right, other=keys[on[j]])
        crossed_j = compare("name", keys[on[j]], left, right, other=keys[on[i]])
        straight = np.maximum(levels[:, i], 0).astype(int) + np.maximum(levels[:, j], 0)
        swap = np.maximum(crossed_i, 0).astype(int) + np.maximum(crossed_j, 0) > straight
        levels[swap, i], levels[swap, j] = crossed_i[swap], crossed_j[swap]
    return levels


def _random_pairs(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random pairs of rows: almost all strangers, so their levels show what ``u`` is."""
    rng = np.random.default_rng(seed)
    left, right = rng.integers(0, n, _RANDOM_PAIRS), rng.integers(0, n, _RANDOM_PAIRS)
    keep = left != right
    return left[keep], right[keep]


def starting_values(kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Shares of each level (``m`` for matches, ``u`` for strangers) before the data is seen.

    A true pair mostly agrees (70% "the same", 20% one level below); two strangers
    agree as often as :data:`~workbench.crm.comparisons.SAME_BY_CHANCE` says,
    and come close twice as often.

    >>> m, u = starting_values("phone")
    >>> m.round(3).tolist(), u.round(4).tolist()
    ([0.1, 0.2, 0.7], [0.9997, 0.0002, 0.0001])
    """
    n = len(KINDS[kind])
    chance = SAME_BY_CHANCE[kind]
    m = np.r_[0.02, np.full(n - 3, 0.08 / max(n - 3, 1)), 0.2, 0.7][-n:] if n > 2 else np.array([0.05, 0.95])
    m[0] = 1 - m[1:].sum()
    u = np.r_[0.0, np.full(n - 2, 2 * chance), chance]
    u[0] = 1 - u.sum()
    return m, u


def fit_model(levels: np.ndarray, random_levels: np.ndarray | None, on: list[str], kinds: dict[str, str],
              n_rows: int):
    """The Fellegi-Sunter model that scores pairs of a table of ``n_rows`` rows, as Splink builds it.

    * ``m`` (how a true pair's fields compare) is fitted by EM to the candidate
      pairs' ``levels``, starting from :func:`starting_values`, which count as
      :data:`PRIOR_PAIRS` pairs of evidence (a small table leans on them);
    * ``u`` (how two strangers' fields compare) is measured on ``random_levels``,
      random pairs of rows (almost all strangers), not on the candidates, whose
      strangers were picked for looking alike;
    * the prior is the share of *all* pairs of rows that match: the matches EM
      expects among the candidates, over ``n_rows * (n_rows - 1) / 2``.

    Without ``random_levels`` (a table under :data:`LEARN_FROM_ROWS` rows) ``u`` keeps its starting values.
    """
    from . import fellegi_sunter

    sizes = [len(KINDS[kinds[c]]) for c in on]
    m_start, u_start = [], []
    for k, column in enumerate(on):
        m, u = starting_values(kinds[column])
        if random_levels is not None:
            # half a pair per level: a level never seen among 50,000 random pairs is rare, not impossible
            counts = np.bincount(random_levels[:, k][random_levels[:, k] >= 0], minlength=sizes[k]) + 0.5
            u = counts / counts.sum()
        m_start.append(m)
        u_start.append(u)
    fitted = fellegi_sunter.fit(levels, sizes, columns=on, m_start=m_start, u_start=u_start, strength=PRIOR_PAIRS,
                                labels=[KINDS[kinds[c]] for c in on])
    expected_matches = fitted.prior * len(levels)
    all_pairs = max(n_rows * (n_rows - 1) / 2, 1)
    prior = float(np.clip(expected_matches / all_pairs, 1e-12, 0.5))
    return fellegi_sunter.Model(on, fitted.m, u_start, prior, fitted.labels)


def link(df: pd.DataFrame, on, *, threshold: float | None = None, kinds: dict | None = None, block_on=None,
         max_block: int = 100, window: int = 5, where: str = "find_duplicates(df, on=...)") -> Linkage:
    """Block, compare, fit the model and score every candidate pair of ``df``: a :class:`Linkage`.

    >>> df = pd.DataFrame({"name": ["Ana Silva", "Ana  SILVA", "Bob Stone"]})
    >>> run = link(df, on=["name"])
    >>> run.left.tolist(), run.right.tolist(), run.matched.tolist()
    ([0, 0, 1], [1, 2, 2], [True, False, False])
    """
    from . import blocking, fellegi_sunter

    on, kinds = _validate(df, on, kinds, threshold, max_block, window, where)
    keys = {c: prepare(df[c].reset_index(drop=True), kinds[c]) for c in on}
    passes = None
    if block_on is not None:
        groups = [block_on] if isinstance(block_on, str) else list(block_on)
        if not groups:
            raise InputError(_("block_on is empty"), where=where, fix=_("leave it out, or name columns to block on"))
        passes = {}
        for group in groups:
            group = [group] if isinstance(group, str) else list(group)
            require_columns(df, group, where=where)
            parts = [keys[c] if c in keys else prepare(df[c].reset_index(drop=True), column_kind(c)) for c in group]
            passes["same " + " and ".join(group)] = blocking._join(*parts)
    left, right, report = blocking.candidate_pairs(keys, kinds, block_on=passes, max_block=int(max_block),
                                                   window=int(window))
    learn_u = len(df) >= LEARN_FROM_ROWS
    random_left, random_right = _random_pairs(len(df)) if learn_u else (left[:0], right[:0])
    # candidates and random pairs compared in one go: what depends on one value is worked out once
    both = compare_pairs(keys, kinds, on, np.r_[left, random_left], np.r_[right, random_right])
    levels = both[:len(left)]
    model = fit_model(levels, both[len(left):] if learn_u else None, on, kinds, len(df))
    probability = model.probability(levels)
    others = [i for i, c in enumerate(on) if kinds[c] != "name"]
    if others:  # names alone are not evidence enough: another field must count for the pair
        probability = np.where((model.match_weights(levels)[:, others] > 0).any(axis=1), probability, 0.0)
    chosen = fellegi_sunter.best_threshold(probability) if threshold is None else float(threshold) / 100
    return Linkage(on, kinds, left, right, levels, probability, chosen, model, report)


def match_weights(df: pd.DataFrame, on, *, kinds: dict | None = None) -> pd.DataFrame:
    """How much each field counts, learnt from ``df``: one row per field and comparison level.

    ``m`` is how often the level is seen for two records of the same person,
    ``u`` for two strangers, and ``weight = log2(m / u)`` what the level adds to
    a pair's score (negative: it speaks against).  ``the same`` on a field
    strangers rarely share (an email, a phone) weighs most.

    >>> people = pd.DataFrame({"first_name": ["Ana", "Ana", "Bob"], "email": ["a@x.io", "a@x.io", "b@y.io"]})
    >>> table = match_weights(people, on=["first_name", "email"])
    >>> table.loc[("email", 3), "meaning"], bool(table.loc[("email", 3), "weight"] > table.loc[("first_name", 3), "weight"])
    ('the same', True)
    """
    return link(df, on, kinds=kinds, where="match_weights(df, on=...)").model.weights()


def find_duplicates(df: pd.DataFrame, on, *, threshold: float | None = None, kinds: dict | None = None,
                    block_on=None, max_block: int = 100, window: int = 5) -> pd.Series:
    """A cluster id per row: rows with the same id are taken to be the same person.

    ``on`` lists the columns to compare.  Each is compared according to its
    kind, guessed from its name by :func:`column_kind` (name, email, phone,
    date, postcode, number, address, city, state, text, exact) or given in
    ``kinds={"dob": "date"}``.  How much each field's agreement counts is
    learnt from the data (:mod:`workbench.crm.fellegi_sunter`); a pair is a
    duplicate when its match probability (in %) reaches ``threshold``,
    chosen from the data when not given.  ``block_on`` replaces the default
    blocking passes: a list whose items are a column or a list of columns that
    must match exactly (after cleaning).  Blocks bigger than ``max_block``
    rows are compared by sorted neighbourhood (each row with the next
    ``window`` rows in name order).

    Returns an integer Series aligned with ``df.index``, named ``cluster``;
    its ``attrs`` hold ``candidate_pairs`` (per blocking pass) and ``threshold``.

    >>> df = pd.DataFrame({"name": ["Ana Silva", "Ana  SILVA", "Bob Stone"]})
    >>> find_duplicates(df, on=["name"]).tolist()
    [0, 0, 1]
    """
    run = link(df, on, threshold=threshold, kinds=kinds, block_on=block_on, max_block=max_block, window=window)
    clusters = pd.Series(cluster_pairs(len(df), run.left[run.matched], run.right[run.matched]), index=df.index,
                         name="cluster")
    clusters.attrs.update(candidate_pairs=run.passes, threshold=round(run.threshold * 100, 1))
    return clusters


def duplicate_pairs(df: pd.DataFrame, on, *, threshold: float | None = None, kinds: dict | None = None,
                    block_on=None, max_block: int = 100, window: int = 5) -> pd.DataFrame:
    """The matched pairs behind :func:`find_duplicates`, for a person to review before merging.

    One row per pair whose match probability reaches ``threshold`` (lower it
    to see near misses): ``left`` and ``right`` (index labels of ``df``),
    ``score`` (the match probability, in %), one ``weight_<column>`` per
    compared column (how much that field counted for the pair, empty where a
    side is blank: positive for, negative against) and both sides' values
    (``<column>_left``, ``<column>_right``).  Best first.

    >>> df = pd.DataFrame({"first_name": ["Amina", "Amina", "Omar"], "last_name": ["Rahman", "Rahmann", "Haddad"]})
    >>> duplicate_pairs(df, on=["first_name", "last_name"])[["left", "right"]]
       left  right
    0     0      1
    """
    run = link(df, on, threshold=threshold, kinds=kinds, block_on=block_on, max_block=max_block, window=window,
               where="duplicate_pairs(df, on=...)")
    match = run.matched
    left, right = run.left[match], run.right[match]
    out = pd.DataFrame({"left": df.index[left], "right": df.index[right],
                        "score": np.round(run.probability[match] * 100, 1)})
    weights = run.model.match_weights(run.levels[match])
    for k, column in enumerate(run.on):
        out[f"weight_{column}"] = np.where(run.levels[match, k] >= 0, np.round(weights[:, k], 1), np.nan)
    for column in run.on:
        out[f"{column}_left"] = df[column].to_numpy()[left]
        out[f"{column}_right"] = df[column].to_numpy()[right]
    return out.sort_values(["score", "left", "right"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)
