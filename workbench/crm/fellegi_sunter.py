"""The Fellegi-Sunter model: how much each agreeing field counts, learnt from the data by EM.

For each field and each comparison level (see :mod:`workbench.crm.comparisons`)
the model holds two probabilities:

* ``m``: how often the level is seen when the two records *are* the same
  person (a typo makes a true pair's names only "alike" now and then);
* ``u``: how often it is seen when they are *not* (two strangers share a
  first name often, a date of birth rarely).

The *weight* of a level is ``log2(m / u)``: agreeing on a date of birth
counts much more than agreeing on a first name, because strangers rarely share
one; disagreeing counts against.  A pair's weights add up, and with the share
of pairs that match (``prior``) give its match probability.  Nobody labels
pairs: expectation-maximisation (EM) finds ``m``, ``u`` and ``prior`` that
best explain the levels seen, as Splink and fastLink do.  Missing values
(level ``-1``) count for nothing either way.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> same = rng.random((300, 4)) < 0.9          # matches agree on most fields
>>> strangers = rng.random((3000, 4)) < 0.1    # non-matches on few
>>> levels = np.vstack([same, strangers]).astype(np.int8)
>>> model = fit(levels, [2, 2, 2, 2], columns=["first", "last", "dob", "postcode"])
>>> round(model.prior, 2), bool(model.probability(levels[:300]).mean() > 0.9)
(0.09, True)
>>> bool(model.weights().loc[("dob", 1), "weight"] > 2)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Model", "fit", "best_threshold", "generic_levels"]


@dataclass
class Model:
    """A fitted model: per field, ``m`` and ``u`` for each level; ``prior``: share of pairs that match."""

    columns: list[str]
    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float
    labels: list[tuple[str, ...]] | None = None

    def weights(self) -> pd.DataFrame:
        """One row per field and level: ``m``, ``u`` and ``weight = log2(m / u)`` (what the level counts)."""
        rows = []
        for k, column in enumerate(self.columns):
            for level, (m, u) in enumerate(zip(self.m[k], self.u[k])):
                label = self.labels[k][level] if self.labels else str(level)
                rows.append({"field": column, "level": level, "meaning": label, "m": m, "u": u,
                             "weight": np.log2(m / u)})
        return pd.DataFrame(rows).set_index(["field", "level"])

    def match_weights(self, levels: np.ndarray) -> np.ndarray:
        """Each pair's weight per field (pairs x fields; 0 where a value is missing)."""
        levels = np.asarray(levels)
        out = np.zeros(levels.shape, dtype=float)
        for k in range(len(self.columns)):
            table = np.log2(self.m[k] / self.u[k])
            seen = levels[:, k] >= 0
            out[seen, k] = table[levels[seen, k]]
        return out

    def probability(self, levels: np.ndarray) -> np.ndarray:
        """The match probability of each pair from its levels (pairs x fields)."""
        total = self.match_weights(levels).sum(axis=1) + np.log2(self.prior / (1 - self.prior))
        return 1.0 / (1.0 + np.exp2(-np.clip(total, -60, 60)))


def generic_levels(n: int, to_agreement: bool) -> np.ndarray:
    """Generic shares of each level before any data: matches mostly agree, strangers mostly differ.

    >>> generic_levels(3, True).tolist(), generic_levels(2, False).tolist()
    ([0.01, 0.02, 0.97], [0.98, 0.02])
    """
    share = np.r_[0.01, np.full(n - 2, 0.02 / (n - 2)), 0.97] if n > 2 else np.array([0.02, 0.98])
    return share if to_agreement else share[::-1]


def fit(levels: np.ndarray, n_levels: list[int], *, columns: list[str] | None = None, m_start=None, u_start=None,
        strength: float = 20.0, labels=None, iterations: int = 200, tolerance: float = 1e-7) -> Model:
    """Fit ``m``, ``u`` and the prior by EM to the comparison levels of candidate pairs.

    ``levels`` is pairs x fields (``-1`` for a missing value), ``n_levels`` the
    number of levels of each field.  ``m_start`` and ``u_start`` (one array per
    field; ``u_start`` e.g. the level frequencies among random pairs) start the
    fit and also count as ``strength`` pairs of evidence each (a Dirichlet
    prior), so a small table leans on them and a big one on its own data.
    The work is done on the distinct rows of ``levels`` with their counts, so
    millions of pairs fit in a fraction of a second.
    """
    levels = np.asarray(levels, dtype=np.int16)
    k = levels.shape[1]
    columns = list(columns) if columns is not None else [str(i) for i in range(k)]
    radix = np.cumprod([1, *(n + 1 for n in n_levels[:-1])]).astype(np.int64)  # one number per row of levels
    codes, counts = np.unique((levels.astype(np.int64) + 1) @ radix, return_counts=True)
    patterns = ((codes[:, None] // radix) % (np.asarray(n_levels) + 1) - 1).astype(np.int64)
    counts = counts.astype(float)
    m0 = [np.asarray(m_start[i], dtype=float) if m_start is not None else generic_levels(n, True)
          for i, n in enumerate(n_levels)]
    u0 = [np.asarray(u_start[i], dtype=float) if u_start is not None else generic_levels(n, False)
          for i, n in enumerate(n_levels)]
    m, u = list(m0), list(u0)
    prior = 0.1
    previous = -np.inf
    for _ in range(iterations):
        log_m = np.zeros(len(patterns))
        log_u = np.zeros(len(patterns))
        for i in range(k):
            seen = patterns[:, i] >= 0
            log_m[seen] += np.log(m[i][patterns[seen, i]])
            log_u[seen] += np.log(u[i][patterns[seen, i]])
        a, b = np.log(prior) + log_m, np.log1p(-prior) + log_u
        top = np.maximum(a, b)
        evidence = top + np.log(np.exp(a - top) + np.exp(b - top))
        g = np.exp(a - evidence)
        likelihood = float((counts * evidence).sum())
        prior = float(np.clip(((counts * g).sum() + 0.1 * strength) / (counts.sum() + strength), 1e-9, 1 - 1e-9))
        for i, n in enumerate(n_levels):
            seen = patterns[:, i] >= 0
            match = np.bincount(patterns[seen, i], weights=(counts * g)[seen], minlength=n) + strength * m0[i]
            other = np.bincount(patterns[seen, i], weights=(counts * (1 - g))[seen], minlength=n) + strength * u0[i]
            m[i], u[i] = match / match.sum(), other / other.sum()
        if likelihood - previous < tolerance * abs(likelihood):
            break
        previous = likelihood
    if sum(mi[-1] for mi in m) < sum(ui[-1] for ui in u):  # the classes came out the wrong way round
        m, u, prior = u, m, 1 - prior
    return Model(columns, m, u, prior, labels)


def best_threshold(probability) -> float:
    """The match probability above which pairs are called matches, chosen to maximise the expected F1.

    The model's own probabilities say how many true matches to expect among
    the pairs above each threshold; the threshold where precision and recall
    balance best (expected F1) is chosen.  Never below 0.5.

    >>> best_threshold([0.99, 0.98, 0.9, 0.6, 0.2, 0.01])
    0.6
    """
    p = np.sort(np.asarray(probability, dtype=float))[::-1]
    if not len(p):
        return 0.5
    expected_true = np.cumsum(p)
    f1 = 2 * expected_true / (np.arange(1, len(p) + 1) + p.sum())
    return float(max(p[int(np.argmax(f1))], 0.5))
