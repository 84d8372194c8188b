"""Gould-Fernandez brokerage: the roles a person plays between groups.

For every pair of a person's contacts who are not tied to each other, the
role the person plays given the groups (companies or industries) of the
three: *coordinator* (all one group), *itinerant* (the two contacts share a
group, the broker does not), *gatekeeper/representative* (the broker shares a
group with one of them) and *liaison* (three different groups).  In an
undirected network the gatekeeper and representative roles are the same
pairs, counted once.

>>> import networkx as nx
>>> brokerage(nx.path_graph(3), {0: "A", 1: "B", 2: "C"}).loc[1, "liaison"]
np.float64(1.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .adjacency import adjacency, as_graph, pattern

__all__ = ["brokerage", "node_groups"]


def node_groups(G, group) -> pd.Series:
    """The group of every node: a node attribute name, a dict/Series, or ``None`` (no groups).

    Reps (``kind == 'rep'``) form one group, the team; nodes without a group get NaN.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")]); G.nodes["a"]["account"] = "Orion"
    >>> node_groups(G, "account").tolist()
    ['Orion', None]
    """
    G = as_graph(G)
    nodes = list(G.nodes)
    if group is None:
        return pd.Series(np.nan, index=nodes, dtype=object)
    if isinstance(group, str):
        values = {v: (d.get(group) if d.get("kind") != "rep" else "(team)") for v, d in G.nodes(data=True)}
        return pd.Series(values, dtype=object).reindex(nodes)
    return pd.Series(group, dtype=object).reindex(nodes)


def brokerage(G, group="account") -> pd.DataFrame:
    """Gould-Fernandez brokerage roles of every node (undirected), counted over open pairs.

    Columns ``coordinator``, ``itinerant``, ``gatekeeper`` (gatekeeper or
    representative), ``liaison``, ``brokerage`` (their total) and
    ``groups_reached`` (distinct groups among the node's contacts).  Contacts
    whose group is unknown are left out of the counts.

    >>> import networkx as nx
    >>> G = nx.Graph([("v", "a1"), ("v", "a2"), ("v", "b1"), ("v", "c1")])
    >>> groups = {"v": "A", "a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    >>> brokerage(G, groups).loc["v"].astype(int).to_dict()
    {'coordinator': 1, 'itinerant': 0, 'gatekeeper': 4, 'liaison': 1, 'brokerage': 6, 'groups_reached': 3}
    """
    import scipy.sparse as sp

    A, nodes = adjacency(G)
    n = len(nodes)
    labels = node_groups(G, group).reindex(nodes)
    known = labels.notna().to_numpy()
    codes, _uniques = pd.factorize(labels.where(labels.notna(), None), use_na_sentinel=True)
    keep = sp.diags(known.astype(float))
    Ak = (keep @ A @ keep).tocsr()
    Ak.eliminate_zeros()
    coo = Ak.tocoo()
    same = codes[coo.row] == codes[coo.col]
    As = sp.csr_matrix((np.ones(same.sum()), (coo.row[same], coo.col[same])), shape=(n, n))
    Ax = sp.csr_matrix((np.ones((~same).sum()), (coo.row[~same], coo.col[~same])), shape=(n, n))
    ng = max(int(codes.max()) + 1, 1) if n else 1
    onehot = sp.csr_matrix((np.ones(known.sum()), (np.flatnonzero(known), codes[known])), shape=(n, ng))
    C = (Ak @ onehot).tocsr()  # neighbours per group
    d = np.asarray(C.sum(axis=1)).ravel()
    own = np.zeros(n)
    own[known] = np.asarray(C[np.flatnonzero(known), codes[known]]).ravel()
    pairs_same = np.asarray(C.multiply(C).sum(axis=1)).ravel()
    pairs_same = (pairs_same - d) / 2  # sum_g C(c_g, 2)
    pairs_same_own = own * (own - 1) / 2
    all_coord = pairs_same_own
    all_itin = pairs_same - pairs_same_own
    all_gate = own * (d - own)
    other = d - own
    all_liaison = other * (other - 1) / 2 - all_itin

    tri_pattern = pattern(G, A)
    s_, x_ = tri_pattern.values(As), tri_pattern.values(Ax)

    def tri(X, Y, Z):
        return tri_pattern.row_sum(tri_pattern.product(X, Y) * Z)

    closed_coord = tri(s_, s_, s_) / 2
    closed_itin = tri(x_, s_, x_) / 2
    closed_gate = tri(s_, x_, x_)
    closed_liaison = tri(x_, x_, x_) / 2
    out = pd.DataFrame({
        "coordinator": all_coord - closed_coord,
        "itinerant": all_itin - closed_itin,
        "gatekeeper": all_gate - closed_gate,
        "liaison": all_liaison - closed_liaison,
    }, index=nodes).round().clip(lower=0)
    out.loc[~known] = 0.0
    out["brokerage"] = out.sum(axis=1)
    reached = np.asarray((C > 0).sum(axis=1)).ravel()
    if "(team)" in list(_uniques):  # the reps' own group is not an account reached
        reached = reached - np.asarray((C[:, list(_uniques).index("(team)")] > 0).todense()).ravel()
    out["groups_reached"] = reached
    return out
