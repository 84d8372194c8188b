"""Find the connectors: people who work like hubs between parts of a network.

Seed 003 advises looking for *connectors*, people whose contacts give you
access to whole networks.  Four published measures find them, and this module
combines them into one ranking with a plain explanation per person:

* **betweenness** (Brandes): the share of shortest paths between other people
  that pass through someone.  Computed with a vectorised Brandes algorithm
  (many sources at once, sparse matrices).  On small networks it is exact; on
  large ones (``n * m`` above a budget) it samples source people (Brandes &
  Pich 2007), adding more until its top 20 is stable, and rescales, without
  the user having to choose.  It counts hops (the chain with the fewest people
  is the shortest); ``weight="distance"`` follows the strongest chains instead;
* **Burt's constraint** (low = the person's contacts do not know each other,
  so they bridge "structural holes") and **effective size** (how many
  non-redundant contacts they have);
* **Gould-Fernandez brokerage**: for every pair of a person's contacts who are
  not tied to each other, the role the person plays given the groups
  (companies or industries) of the three: *coordinator* (all one group),
  *itinerant* (the two contacts share a group, the broker does not),
  *gatekeeper/representative* (the broker shares a group with one of them) and
  *liaison* (three different groups).  In an undirected network the
  gatekeeper and representative roles are the same pairs, counted once.

>>> import networkx as nx
>>> G = nx.florentine_families_graph()
>>> round(float(betweenness(G)["Medici"]), 3)
0.522
>>> ranking = rank_connectors(G, group=None)
>>> ranking["person"].iloc[0]
'Medici'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError

EXACT_BUDGET = 5e7          # n * m below which betweenness is computed exactly
SAMPLE_BUDGET = 1.2e8       # edge visits (sources * 2m) spent before the sample may stop
MAX_SAMPLE_BUDGET = 2.4e8   # edge visits the sample may grow to while its top people still change
MIN_SAMPLES = 256
BATCH = 128
STABLE_TOP = 20             # the sample stops once its top 20 is the same two batches running


def _graph(G):
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

    G = _graph(G)
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


def _pattern(G, A):
    """The :class:`_Pattern` of ``G``'s adjacency ``A``, cached on the graph."""
    G = _graph(G)
    stamp = (*_size(G), A.nnz)
    cache = G.graph.setdefault("_workbench_pattern", {})
    if stamp not in cache:
        cache.clear()
        cache[stamp] = _Pattern((A != 0).astype(float))
    return cache[stamp]


def _brandes_batch(A, sources: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Dependency sums of every node over the shortest paths from ``sources`` (unweighted).

    One breadth-first search per source, all at once: column ``j`` of each
    ``n x len(sources)`` array follows source ``j``.  ``reach[v]`` is the size
    of ``v``'s connected component, so the search stops as soon as every source
    has seen its own.  Arrays have ``A``'s dtype (float32 halves the memory
    traffic of a sampled estimate).
    """
    n = A.shape[0]
    B = len(sources)
    cols = np.arange(B)
    sigma = np.zeros((n, B), dtype=A.dtype)
    sigma[sources, cols] = 1.0
    visited = np.zeros((n, B), dtype=bool)
    visited[sources, cols] = True
    seen = np.ones(B, dtype=np.int64)
    frontier = sigma.copy()
    levels = [visited.copy()]
    while (seen < reach[sources]).any():
        frontier = A @ frontier
        new = frontier > 0
        new &= ~visited
        frontier *= new  # paths counted on the new level only
        sigma += frontier
        visited |= new
        seen += np.count_nonzero(new, axis=0)
        levels.append(new)
    delta = np.zeros((n, B), dtype=A.dtype)
    sigma[sigma == 0] = 1.0  # unreached: never divided by, kept finite
    for d in range(len(levels) - 1, 1, -1):  # the sources themselves (level 0) gather nothing
        t = delta + 1.0
        t /= sigma
        t *= levels[d]
        t = A @ t
        t *= sigma
        t *= levels[d - 1]
        delta += t
    return delta.sum(axis=1, dtype=np.float64)


def betweenness(G, *, k: int | None = None, engine: str = "auto", weight: str | None = None,
                normalized: bool = True, seed: int = 0, progress: bool = False) -> pd.Series:
    """Betweenness centrality of every node, as a Series.

    ``engine``: ``"auto"`` (exact when ``n * m`` is small, with python-igraph
    when it is installed, else sampled), ``"exact"``, ``"sampled"``,
    ``"igraph"`` (exact, when python-igraph is installed) or ``"networkx"``.
    Values match ``networkx.betweenness_centrality`` (same normalisation,
    ``2 / ((n-1)(n-2))`` for undirected graphs).

    The sampled engine follows the shortest paths from a random sample of
    source people and scales up (Brandes & Pich 2007).  With ``k`` it uses
    ``k`` sources.  Without, it starts with the sources a budget allows
    (:data:`SAMPLE_BUDGET` edge visits, at least :data:`MIN_SAMPLES`) and
    adds batches of :data:`BATCH` until the top :data:`STABLE_TOP` people
    stay the same over two successive batches, within
    :data:`MAX_SAMPLE_BUDGET` edge visits.

    ``weight``: ``None`` counts hops: the chain with the fewest people in it
    is the shortest, as in the published reference values.  An edge attribute
    read as a length (``"distance"``, ``-log strength`` in a
    :class:`~workbench.network.graph.Network`) follows the *strongest* chains
    instead, as warm introductions do.  Weighted betweenness runs on igraph
    when installed, else on networkx (sampling ``k`` sources on large graphs).

    >>> import networkx as nx
    >>> b = betweenness(nx.krackhardt_kite_graph())
    >>> [round(float(b[i]), 3) for i in (7, 5, 8, 3, 0)]
    [0.389, 0.231, 0.222, 0.102, 0.023]
    >>> round(float(betweenness(nx.florentine_families_graph(), engine="sampled", k=15)["Medici"]), 3)
    0.522
    >>> G = nx.Graph([("a", "b", {"d": 1}), ("b", "c", {"d": 1}), ("a", "x", {"d": 0.1}), ("x", "c", {"d": 0.1})])
    >>> betweenness(G, weight="d", normalized=False)[["b", "x"]].tolist()
    [0.0, 1.0]
    """
    G = _graph(G)
    n, m = G.number_of_nodes(), G.number_of_edges()
    if engine not in ("auto", "exact", "sampled", "igraph", "networkx"):
        raise InputError(f"unknown engine {engine!r}", where="betweenness(engine=...)",
                         fix="use 'auto', 'exact', 'sampled', 'igraph' or 'networkx'")
    if n == 0:
        return pd.Series(dtype=float)
    small = n * max(m, 1) <= EXACT_BUDGET
    if weight is not None:
        return _weighted_betweenness(G, weight, k=k, engine=engine, small=small, normalized=normalized, seed=seed)
    if engine == "networkx":
        import networkx as nx

        return pd.Series(nx.betweenness_centrality(G.to_undirected(as_view=True), k=k, seed=seed,
                                                   normalized=normalized))
    if engine == "igraph":
        return _igraph_betweenness(G, normalized=normalized)
    if engine == "auto":
        engine = "exact" if (k is None and small) or (k is not None and k >= n) else "sampled"
        if engine == "exact" and _has_igraph():
            return _igraph_betweenness(G, normalized=normalized)  # the [fast] extra: same values, C speed
    from scipy.sparse.csgraph import connected_components
    from tqdm.auto import tqdm

    A, nodes = adjacency(G)
    order = np.random.default_rng(seed).permutation(n) if engine == "sampled" else np.arange(n)
    if engine == "exact" or (k is not None and k >= n):
        first, most = n, n
    elif k is not None:
        first = most = int(k)
    else:
        visits = max(2 * m, 1)
        first = min(n, int(max(MIN_SAMPLES, SAMPLE_BUDGET // visits)))
        most = min(n, max(first, int(MAX_SAMPLE_BUDGET // visits)))
    if most < n:  # an estimate: single precision is plenty and twice as fast
        A = A.astype(np.float32)
    _, label = connected_components(A, directed=False)
    reach = np.bincount(label)[label]
    bc = np.zeros(n)
    used, tops = 0, []
    with tqdm(total=most, desc="betweenness", unit="source", disable=not progress) as bar:
        while used < most:
            batch = order[used:min(used + BATCH, first if used < first else most)]
            bc += _brandes_batch(A, np.sort(batch), reach)
            used += len(batch)
            bar.update(len(batch))
            if used >= first and first < most:
                tops.append(frozenset(np.argpartition(-bc, STABLE_TOP)[:STABLE_TOP]) if n > STABLE_TOP else None)
                if len(tops) >= 3 and tops[-1] == tops[-2] == tops[-3]:
                    break
    if normalized:
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    else:
        scale = 0.5
    scale *= n / used
    out = pd.Series(bc * scale, index=nodes)
    out.attrs["sources"] = used
    return out


def _weighted_betweenness(G, weight, *, k, engine, small, normalized, seed) -> pd.Series:
    """Betweenness over the shortest paths by ``weight`` (a length): igraph, else networkx."""
    if engine == "igraph" or (engine in ("auto", "exact") and _has_igraph()):
        return _igraph_betweenness(G, normalized=normalized, weight=weight)
    import networkx as nx

    if k is None and (engine == "sampled" or (engine == "auto" and not small)):
        k = int(max(MIN_SAMPLES, SAMPLE_BUDGET // max(2 * G.number_of_edges(), 1)))
    k = None if k is None or k >= G.number_of_nodes() else int(k)
    return pd.Series(nx.betweenness_centrality(G.to_undirected(as_view=True), k=k, seed=seed, weight=weight,
                                               normalized=normalized))


def _has_igraph() -> bool:
    import importlib.util

    return importlib.util.find_spec("igraph") is not None


def _igraph_betweenness(G, *, normalized=True, weight=None) -> pd.Series:
    try:
        import igraph as ig
    except ImportError:
        raise InputError("python-igraph is not installed", where="betweenness(engine='igraph')",
                         fix="pip install 'workbench[fast]' (or igraph), or use engine='auto'") from None
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(u, v, d) for u, v, d in G.edges(data=True) if u != v]
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
    lengths = None if weight is None else [float(d.get(weight, 1.0)) for _, _, d in edges]
    raw = np.asarray(g.betweenness(directed=False, weights=lengths), dtype=float)
    n = len(nodes)
    if normalized:  # igraph counts each unordered pair once, as networkx does before normalising
        raw = raw * 2.0 / ((n - 1) * (n - 2)) if n > 2 else raw * 0.0
    return pd.Series(raw, index=nodes)


class _Pattern:
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
    pattern = _pattern(G, W)
    p = pattern.values(P)
    m_t = pattern.values(M.T)
    local = p + pattern.product(p, p)
    constraint = pattern.row_sum(local * local)
    degree = np.diff(pattern.indptr).astype(float)
    effective = degree - pattern.row_sum(pattern.product(p, m_t))
    isolated = degree == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    return pd.DataFrame({"constraint": constraint, "effective_size": effective}, index=nodes)


def node_groups(G, group) -> pd.Series:
    """The group of every node: a node attribute name, a dict/Series, or ``None`` (no groups).

    Reps (``kind == 'rep'``) form one group, the team; nodes without a group get NaN.
    """
    G = _graph(G)
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

    pattern = _pattern(G, A)
    s_, x_ = pattern.values(As), pattern.values(Ax)

    def tri(X, Y, Z):
        return pattern.row_sum(pattern.product(X, Y) * Z)

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


def _pct(series: pd.Series, ascending=True) -> pd.Series:
    return series.rank(pct=True, ascending=ascending, method="average").fillna(0.0)


def rank_connectors(G, *, by: str = "combined", top: int | None = None, group="account",
                    include_reps: bool = False, engine: str = "auto", weight: str | None = None, seed: int = 0,
                    progress: bool = False) -> pd.DataFrame:
    """Rank people as connectors, best first, with a plain explanation each.

    ``G``: a :class:`~workbench.network.graph.Network` or a networkx graph.
    ``by``: ``combined`` (default), ``betweenness``, ``constraint`` (lowest
    first), ``effective_size`` or ``brokerage``.  ``group``: the node attribute
    whose values are the groups for brokerage (``account``, ``industry``...),
    a dict, or ``None``.  The combined score averages percentile ranks:
    betweenness 40 %, low constraint 20 %, effective size 20 %, brokerage across
    groups 20 %.  Reps are left out of the list unless ``include_reps``.

    Betweenness counts hops by default (``weight=None``): a connector is
    someone many short chains of people pass through, however warm each tie
    is.  That is what a rep asks of a connector (who links circles that would
    not meet otherwise), it matches the published reference values, and it
    does not depend on how well the CRM and the export record each tie.  Warm
    introductions are where strength matters, and
    :func:`~workbench.network.paths.warm_paths` follows the strongest chains.
    ``weight="distance"`` (``-log strength``) ranks by the strongest chains
    instead; see :func:`betweenness`.  ``df.attrs["betweenness_sources"]``
    says how many source people the betweenness followed (all of them when exact).

    Columns: ``person``, ``name``, ``company``, ``degree``, ``betweenness``,
    ``constraint``, ``effective_size``, ``coordinator``, ``itinerant``,
    ``gatekeeper``, ``liaison``, ``brokerage``, ``groups_reached``,
    ``combined``, ``rank``, ``why``.
    """
    orders = {"combined": False, "betweenness": False, "constraint": True, "effective_size": False,
              "brokerage": False}
    if by not in orders:
        raise InputError(f"cannot rank by {by!r}", where="rank_connectors(by=...)",
                         fix="use combined, betweenness, constraint, effective_size or brokerage")
    memo = getattr(G, "memo", None)
    memo_key = ("rank_connectors", by, repr(group), include_reps, engine, weight, seed)
    if memo is not None and memo_key in memo:
        df = memo[memo_key]
        return (df.head(top) if top else df).copy()
    graph = _graph(G)
    if graph.number_of_nodes() == 0:
        raise InputError("the network is empty", where="rank_connectors(G)", fix="build it from an export first")
    adjacency(graph, weight="strength")  # one pass over the edges serves every measure below
    bt = betweenness(graph, engine=engine, weight=weight, seed=seed, progress=progress)
    sh = structural_holes(graph, weight="strength")
    br = brokerage(graph, group)
    nodes = list(graph.nodes)
    df = pd.DataFrame({"person": nodes}).set_index("person", drop=False)
    attrs = dict(graph.nodes(data=True))
    df["name"] = [attrs[v].get("name") or str(v) for v in nodes]
    df["company"] = [attrs[v].get("company") for v in nodes]
    df["kind"] = [attrs[v].get("kind") or "person" for v in nodes]
    df["degree"] = [graph.degree(v) for v in nodes]
    df["betweenness"] = bt.reindex(nodes).to_numpy()
    df = df.join(sh).join(br)
    cross = df["itinerant"] + df["gatekeeper"] + df["liaison"]
    df["combined"] = (0.4 * _pct(df["betweenness"]) + 0.2 * _pct(df["constraint"], ascending=False)
                      + 0.2 * _pct(df["effective_size"]) + 0.2 * _pct(cross)).round(4)
    if not include_reps:
        df = df[df["kind"] != "rep"]
    key = df[by].fillna(np.inf if orders[by] else -np.inf)
    df = df.reset_index(drop=True).assign(_k=key.to_numpy(), _p=df["person"].astype(str).to_numpy())
    df = df.sort_values(["_k", "betweenness", "_p"], ascending=[orders[by], False, True])
    df["rank"] = np.arange(1, len(df) + 1)
    paths = "shortest" if weight is None else "strongest"
    fields = ["degree", "betweenness", "constraint", "effective_size", "liaison", "itinerant", "gatekeeper",
              "groups_reached"]
    df["why"] = [explain(dict(zip(fields, values)), group_word=_group_word(group), paths=paths)
                 for values in zip(*(df[f].tolist() for f in fields))]
    cols = ["person", "name", "company", "degree", "betweenness", "constraint", "effective_size",
            "coordinator", "itinerant", "gatekeeper", "liaison", "brokerage", "groups_reached",
            "combined", "rank", "why"]
    df = df[cols].reset_index(drop=True)
    df.attrs["betweenness_sources"] = int(bt.attrs.get("sources", graph.number_of_nodes()))
    if memo is not None:
        memo[memo_key] = df
    return (df.head(top) if top else df).copy()


def _group_word(group) -> str:
    return {"account": "accounts", "company": "companies", "industry": "industries"}.get(group, "groups") \
        if isinstance(group, str) or group is None else "groups"


def explain(row: dict, *, group_word: str = "groups", paths: str = "shortest") -> str:
    """One or two plain sentences on why a person ranks where they do.

    >>> explain({"degree": 6, "betweenness": 0.522, "constraint": 0.21, "effective_size": 5.67,
    ...          "liaison": 4, "itinerant": 0, "gatekeeper": 2, "groups_reached": 5})
    'Sits on 52% of the shortest paths between other people. Reaches 5 groups and links 6 pairs of contacts from different groups who are not tied to each other. Their 6 contacts barely know each other (constraint 0.21; about 5.7 independent contacts).'
    """
    parts = []
    b = row.get("betweenness")
    if b is not None and b == b and b > 0:
        parts.append(f"Sits on {b:.0%} of the {paths} paths between other people." if b >= 0.01
                     else f"Sits on a few of the {paths} paths between other people.")
    cross = int((row.get("liaison") or 0) + (row.get("itinerant") or 0) + (row.get("gatekeeper") or 0))
    groups = int(row.get("groups_reached") or 0)
    if cross:
        parts.append(f"Reaches {groups} {group_word} and links {cross} pair{'s' if cross != 1 else ''} of contacts "
                     f"from different {group_word} who are not tied to each other.")
    c, e, deg = row.get("constraint"), row.get("effective_size"), int(row.get("degree") or 0)
    if c is not None and c == c:
        if c < 0.5 and deg > 1:
            parts.append(f"Their {deg} contacts barely know each other (constraint {c:.2f}; "
                         f"about {e:.1f} independent contacts).")
        elif deg > 1:
            parts.append(f"Their {deg} contacts mostly know each other (constraint {c:.2f}).")
        else:
            parts.append("Has a single contact in this network.")
    if not parts:
        return "No tie to anyone else in this network yet."
    return " ".join(parts)


def top_agreement(estimate: pd.Series, exact: pd.Series, top: int = 20) -> int:
    """How many of the ``top`` nodes by ``estimate`` are among the ``top`` by ``exact``.

    >>> top_agreement(pd.Series([3, 2, 1]), pd.Series([1, 3, 2]), top=2)
    1
    """
    a = set(estimate.sort_values(ascending=False).index[:top])
    b = set(exact.sort_values(ascending=False).index[:top])
    return len(a & b)


GROUPS = {"account": "account", "company": "company", "industry": "industry", "none": None}


def connectors_output(G, *, top: int = 20, by: str = "combined", format: str = "table",
                      group: str | None = "account") -> str:
    """The connector ranking as text for the command line: ``table``, ``csv`` or ``json``.

    The first column is the person, best first.  ``group``: what brokerage
    counts as groups, a key of :data:`GROUPS` (``account``: the CRM account,
    else the current company; ``company``; ``industry``; ``none``).  JSON keeps
    every character as is (names in any script, ``/`` in keys).

    >>> import networkx as nx
    >>> print(connectors_output(nx.krackhardt_kite_graph(), top=2, format="csv").splitlines()[1][:2])
    7,
    """
    import json

    key = "none" if group is None else str(group).lower()
    if key not in GROUPS:
        raise InputError(f"cannot group people by {group!r}", where="--group",
                         fix="use account, company, industry or none")
    df = rank_connectors(G, by=by, top=top, group=GROUPS[key])
    if format == "csv":
        return df.to_csv(index=False)
    if format == "json":
        return json.dumps(json.loads(df.to_json(orient="records")), ensure_ascii=False, indent=1)
    if format == "table":
        show = df[["person", "name", "betweenness", "constraint", "effective_size", "brokerage", "combined"]].copy()
        return show.to_string(index=False, float_format=lambda x: f"{x:.3f}")
    raise InputError(f"unknown format {format!r}", where="--format", fix="use table, csv or json")


def connectors_from_path(path, *, top: int = 20, by: str = "combined", format: str = "table",
                         group: str | None = "account") -> str:
    """``workbench network connectors INPUT``: rank the connectors of an export folder, a data folder
    (with ``social/``) or an edge-list CSV (``source,target[,weight]``), as text.

    ``group`` is passed to :func:`connectors_output` (``account``, ``company``,
    ``industry`` or ``none``).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "edges.csv"
    >>> _ = p.write_text("source,target\\na,b\\nb,c\\nc,d\\n")
    >>> connectors_from_path(p, top=1, format="csv").splitlines()[1].split(",")[0]
    'b'
    """
    from .graph import load_network

    return connectors_output(load_network(path), top=top, by=by, format=format, group=group)
