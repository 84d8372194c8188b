"""A network as sparse matrices: its adjacency, and the triangles of its pattern.

Every connector measure (:mod:`.betweenness`, :mod:`.holes`,
:mod:`.brokerage`) works on the graph's adjacency as a SciPy CSR matrix,
built once per graph and weighting and cached on the graph itself.

>>> import networkx as nx
>>> A, nodes = adjacency(nx.path_graph(3))
>>> int(A.nnz), nodes
(4, [0, 1, 2])
"""

from __future__ import annotations

import numpy as np

__all__ = ["as_graph", "adjacency", "pattern", "Pattern"]


def as_graph(G):
    """The networkx graph of a :class:`~workbench.network.graph.Network`, or ``G`` itself.

    >>> import networkx as nx
    >>> as_graph(nx.path_graph(2)).number_of_edges()
    1
    """
    return G.graph if hasattr(G, "ties") and hasattr(G, "people") else G


def _size(G) -> tuple[int, int]:
    """Nodes and adjacency entries: changes whenever a node or an edge is added or removed.

    A cache stamp in constant Python time (``number_of_edges`` sums every degree in Python).
    """
    return G.number_of_nodes(), sum(map(len, G._adj.values()))


def adjacency(G, weight=None, nodelist=None):
    """The graph's symmetric adjacency as a SciPy CSR matrix and its node list.

    With ``weight`` the entries are that edge attribute (1 where it is missing).

    >>> import networkx as nx
    >>> A, nodes = adjacency(nx.path_graph(3))
    >>> A.toarray().tolist(), nodes
    ([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [0, 1, 2])
    """
    import scipy.sparse as sp

    G = as_graph(G)
    cache = G.graph.setdefault("_workbench_adjacency", {}) if nodelist is None else {}
    stamp = (weight, *_size(G))
    if stamp in cache:
        return cache[stamp]
    if weight is None and nodelist is None:
        for (_, *rest), (W, nodes) in list(cache.items()):
            if tuple(rest) == stamp[1:]:  # same graph, another weighting: reuse its pattern
                A = W.copy()
                A.data[:] = 1.0
                cache[stamp] = (A, nodes)
                return A, nodes
    nodes = list(G.nodes) if nodelist is None else list(nodelist)
    index = {v: i for i, v in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None else float(d.get(weight, 1.0) or 0.0)
        rows.append(index[u])
        cols.append(index[v])
        vals.append(w)
    n = len(nodes)
    A = sp.coo_matrix((vals + vals, (rows + cols, cols + rows)), shape=(n, n)).tocsr()
    A.sum_duplicates()
    if weight is None:
        A.data[:] = 1.0
    if nodelist is None:
        for old in [k for k in cache if k[1:] != stamp[1:]]:  # the graph changed size: forget it
            del cache[old]
        cache[stamp] = (A, nodes)
    return A, nodes


def pattern(G, A):
    """The :class:`Pattern` of ``G``'s adjacency ``A``, cached on the graph."""
    G = as_graph(G)
    stamp = (*_size(G), A.nnz)
    cache = G.graph.setdefault("_workbench_pattern", {})
    if stamp not in cache:
        cache.clear()
        cache[stamp] = Pattern((A != 0).astype(float))
    return cache[stamp]


class Pattern:
    """The edges of a symmetric sparse pattern, and every triangle in it, for masked products.

    ``(X @ Y)`` restricted to the pattern only needs, for each edge (i, j), the
    common neighbours q of i and j: the triangles.  They are enumerated once,
    from each triangle's lowest-degree corner, so a hub with 30,000 contacts
    costs no more than its triangles (a plain sparse product would build
    30,000 x 30,000 entries for it).
    """

    def __init__(self, A):
        A = A.tocsr()
        A.sort_indices()
        n = A.shape[0]
        self.n = n
        self.indptr = A.indptr
        self.rows = np.repeat(np.arange(n), np.diff(A.indptr))
        self.cols = A.indices.astype(np.int64)
        self.keys = self.rows.astype(np.int64) * n + self.cols  # sorted: CSR with sorted indices
        deg = np.diff(A.indptr)
        rank = np.empty(n, dtype=np.int64)
        rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
        up = rank[self.rows] < rank[self.cols]
        ur, uc = rank[self.rows[up]], rank[self.cols[up]]  # upper edges, in rank space
        order = np.lexsort((uc, ur))
        ur, uc = ur[order], uc[order]
        counts = np.bincount(ur, minlength=n)
        starts = np.concatenate([[0], np.cumsum(counts)])
        cnt = starts[ur + 1] - np.arange(len(ur)) - 1  # later entries in the same row
        total = int(cnt.sum())
        first = np.repeat(np.arange(len(ur)), cnt)
        offset = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        second = first + 1 + offset
        b, c = uc[first], uc[second]
        ukeys = ur * n + uc
        wkeys = b * n + c
        pos = np.searchsorted(ukeys, wkeys)
        pos = np.minimum(pos, max(len(ukeys) - 1, 0))
        closed = (ukeys[pos] == wkeys) if len(ukeys) else np.zeros(0, bool)
        back = np.empty(n, dtype=np.int64)
        back[rank] = np.arange(n)
        a, b, c = back[ur[first][closed]], back[b[closed]], back[c[closed]]
        self.tri = (a, b, c)
        self._edge = {}
        for name, (i, j) in {"ab": (a, b), "ba": (b, a), "ac": (a, c), "ca": (c, a), "bc": (b, c),
                             "cb": (c, b)}.items():
            self._edge[name] = self.pos(i, j)

    def pos(self, i, j):
        """Positions of edges (i, j) in the pattern's edge arrays."""
        return np.searchsorted(self.keys, i.astype(np.int64) * self.n + j)

    def values(self, X):
        """``X`` (sparse, within the pattern) as a vector aligned with the pattern's edges."""
        X = X.tocoo()
        out = np.zeros(len(self.keys))
        keep = X.data != 0
        out[self.pos(X.row[keep], X.col[keep])] = X.data[keep]
        return out

    def product(self, x, y):
        """``(X @ Y)`` on the pattern's edges, from edge vectors ``x`` and ``y``."""
        e = self._edge
        z = np.zeros(len(self.keys))
        for i, q, j in ("acb", "bca", "abc", "cba", "bac", "cab"):
            z += np.bincount(e[i + j], weights=x[e[i + q]] * y[e[q + j]], minlength=len(z))
        return z

    def row_sum(self, z):
        return np.bincount(self.rows, weights=z, minlength=self.n).astype(float)
