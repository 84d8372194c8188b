"""Burt's structural holes: constraint and effective size of every person.

Low *constraint* means a person's contacts do not know each other, so the
person bridges "structural holes"; *effective size* counts their
non-redundant contacts.  The formulas are those of ``networkx.constraint``
and ``networkx.effective_size`` (checked against UCINET), computed for
everyone at once on the sparse adjacency.

>>> import networkx as nx
>>> structural_holes(nx.star_graph(3), weight=None).round(3).loc[0].tolist()
[0.333, 3.0]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .adjacency import adjacency, pattern

__all__ = ["structural_holes"]


def structural_holes(G, *, weight: str | None = "strength") -> pd.DataFrame:
    """Burt's constraint and effective size of every node (NaN for isolated nodes).

    ``weight`` names the edge attribute measuring the tie (missing: 1); the
    formulas are those of ``networkx.constraint`` and ``networkx.effective_size``.

    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])
    >>> sh = structural_holes(G, weight=None).round(3)
    >>> sh.loc[["G", "A", "C"]].values.tolist()
    [[0.4, 4.667], [0.595, 2.5], [1.0, 1.0]]
    """
    import scipy.sparse as sp

    W, nodes = adjacency(G, weight=weight)
    strength_sum = np.asarray(W.sum(axis=1)).ravel()
    row_max = W.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        P = sp.diags(np.where(strength_sum > 0, 1.0 / np.where(strength_sum > 0, strength_sum, 1), 0.0)) @ W
        M = sp.diags(np.where(row_max > 0, 1.0 / np.where(row_max > 0, row_max, 1), 0.0)) @ W
    tri_pattern = pattern(G, W)
    p = tri_pattern.values(P)
    m_t = tri_pattern.values(M.T)
    local = p + tri_pattern.product(p, p)
    constraint = tri_pattern.row_sum(local * local)
    degree = np.diff(tri_pattern.indptr).astype(float)
    effective = degree - tri_pattern.row_sum(tri_pattern.product(p, m_t))
    isolated = degree == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    return pd.DataFrame({"constraint": constraint, "effective_size": effective}, index=nodes)
