"""Betweenness centrality: the share of shortest paths between other people that pass through someone.

Brandes' algorithm, with engines to choose from (``engine=``):

* ``"exact"``: every source person; python-igraph when installed (C speed),
  else our vectorised Brandes (many sources at once, sparse matrices);
* ``"sampled"``: our vectorised Brandes from a sample of source people spread
  evenly over the network (:func:`spread_sources`), with *linear scaling*
  (Geisberger, Sanders & Schultes 2008): each pair's
  path is credited to a person in proportion to their distance from the
  source, counted from both ends, which removes the overestimate of people
  near a sampled source (Brandes & Pich 2007 credit it all);
* ``"kadabra"``: networkit's KADABRA estimator (Borassi & Natale 2016), which
  samples shortest paths between random pairs until every value is within
  ``epsilon`` of the exact one with probability ``1 - delta``; seeded and
  deterministic (the ``[fast]`` extra);
* ``"igraph"``, ``"networkx"``: those libraries' exact engines;
* ``"auto"`` (the default): exact when ``n * m`` is at most
  :data:`EXACT_BUDGET`, else ``sampled`` with as many source draws as
  :data:`SAMPLE_BUDGET` edge visits allow (batches of sources run on every
  core, up to :data:`MAX_THREADS`).

Our engine first folds the people with a single tie, and the trees hanging
off the network, into the person they hang from (:mod:`.pendants`: exact,
and 39 % of a rep's LinkedIn network); sources are then drawn on what is
left, each with a chance proportional to the people it stands for.  A
ranking can name the people whose values matter most (``focus=``): their
ties are searched too, and their estimates sharpen.

Why spread sources with linear scaling by default: a connector ranking
(:mod:`.connectors`) ranks people by their betweenness *percentile*, so it
needs every person's value in the right order, not only the top 20's.  On
the 20,201-person team network of ``benchmarks/bench_connectors.py``,
against the combined ranking computed from exact betweenness (top 20, top
100): 6,000 random sources credited the Brandes & Pich way kept 18/20 and
88/100, with linear scaling 18/20 and 92/100; 6,000 spread sources 17-19/20
and 93-98/100.  The people ranked 18 to 26 are within 0.0013 of each
other, and a person's estimate there was 2 to 5 % off: 95 to 99 % of that
error came from their own ties (contacts who reach the network through
them), whether drawn or not.  So the default draws about 4,500 sources
(4,480 at 108,000 ties), then searches every tie of the first 40 people of
the ranking they give (:data:`~.connectors.FOCUS`): the median error of the
exact first 60 falls to 0.6-0.9 %, and the ranking keeps 19/20 and
98-100/100 (three samples; 6,000 draws without the second pass: 18-19/20
and 97-100/100 over nine), for about the CPU time of 6,000 sources.
KADABRA at epsilon 0.005 gives 14-16/20 and 90/100.  Our search in batches of 16 sources costs about 2 ms
of CPU per source there, networkit's ``EstimateBetweenness`` (the same
estimator) about four times that.  The benchmark prints every engine's
figures in one run.

>>> import networkx as nx
>>> G = nx.florentine_families_graph()
>>> round(float(betweenness(G)["Medici"]), 3)
0.522
>>> round(float(betweenness(G, engine="kadabra", epsilon=0.01)["Medici"]), 1)
0.5
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from .adjacency import adjacency, as_graph

__all__ = ["betweenness", "spread_sources", "top_agreement", "ENGINES", "has_networkit"]

ENGINES = ("auto", "exact", "sampled", "kadabra", "igraph", "networkx")
EXACT_BUDGET = 5e7          # n * m below which "auto" is exact
SAMPLE_BUDGET = 9.7e8       # edge visits (draws x 2m) the sampled engine spends: 4,500 draws at 108,000 ties
MIN_SAMPLES = 256
KADABRA_EPSILON = 0.005     # absolute error KADABRA guarantees (normalised betweenness) ...
KADABRA_DELTA = 0.1         # ... with probability 1 - delta
BATCH = 16                  # sources searched at once: 16 columns stay in cache, 1.3-2x faster per source than 128
MAX_THREADS = 4


def _brandes_batch(A, sources: np.ndarray, reach: np.ndarray, *, linear: bool = False,
                   size: np.ndarray | None = None, per_source: np.ndarray | None = None) -> np.ndarray:
    """Dependency sums of every node over the shortest paths from ``sources`` (unweighted).

    One breadth-first search per source, all at once: column ``j`` of each
    ``n x len(sources)`` array follows source ``j``.  ``reach[v]`` is the size
    of ``v``'s connected component, so the search stops as soon as every source
    has seen its own.  Arrays have ``A``'s dtype (float32 halves the memory
    traffic of a sampled estimate).  ``size[t]``: how many people target ``t``
    stands for (:mod:`.pendants`; 1 each by default); ``per_source``: what
    each source's dependencies are multiplied by before they are summed.
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
    weight = np.ones((n, 1), dtype=A.dtype) if size is None else size.astype(A.dtype)[:, None]
    for d in range(len(levels) - 1, 1, -1):  # the sources themselves (level 0) gather nothing
        t = delta + (weight / d if linear else weight)
        t /= sigma
        t *= levels[d]
        t = A @ t
        t *= sigma
        t *= levels[d - 1]
        delta += t
    if linear:  # each pair's share goes to v in proportion to v's distance from the source, both ways: x 2 d
        for d in range(1, len(levels)):
            delta[levels[d]] *= 2.0 * d
    if per_source is None:
        return delta.sum(axis=1, dtype=np.float64)
    return delta.astype(np.float64) @ per_source


def betweenness(G, *, engine: str = "auto", k: int | None = None, weight: str | None = None,
                normalized: bool = True, seed: int = 0, epsilon: float = KADABRA_EPSILON,
                focus=None, progress: bool = False) -> pd.Series:
    """Betweenness centrality of every node, as a Series (see the engines above).

    Values match ``networkx.betweenness_centrality`` (same normalisation,
    ``2 / ((n-1)(n-2))`` for undirected graphs).  ``k``: the number of source
    people of the ``sampled`` engine (``k >= n`` is exact).  ``epsilon``:
    KADABRA's error bound (``seed`` seeds every estimate).  ``focus``: for
    the ``sampled`` engine, a function given the first estimate (a Series)
    that returns the people whose values matter most (those near the top of
    a ranking): every tie of theirs is then searched as a source too, which
    removes nearly all of their error (see :func:`_sharpen`).  ``series.attrs["engine"]`` says which engine ran
    and ``series.attrs["sources"]`` how many source people it followed (all
    of them when exact; none for KADABRA, which samples pairs).

    ``weight``: ``None`` counts hops: the chain with the fewest people in it
    is the shortest, as in the published reference values.  An edge attribute
    read as a length (``"distance"``, ``-log strength`` in a
    :class:`~workbench.network.graph.Network`) follows the *strongest* chains
    instead, as warm introductions do: exact with igraph when installed, else
    networkx (sampling sources on large graphs).

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
    G = as_graph(G)
    n, m = G.number_of_nodes(), G.number_of_edges()
    if engine not in ENGINES:
        raise InputError(_('unknown betweenness engine {engine!r}').format(engine=engine), where="betweenness(engine=...)",
                         fix=_('use one of {engines}').format(engines=', '.join(ENGINES)))
    if n == 0:
        return pd.Series(dtype=float)
    small = n * max(m, 1) <= EXACT_BUDGET
    if weight is not None:
        return _tagged(_weighted_betweenness(G, weight, k=k, engine=engine, small=small, normalized=normalized,
                                             seed=seed), engine, n)
    if engine == "auto":
        engine = "exact" if (k is None and small) or (k is not None and k >= n) else "sampled"
    if engine == "exact" and _has_igraph():
        engine = "igraph"  # the [fast] extra: the same values at C speed
    if engine == "networkx":
        import networkx as nx

        return _tagged(pd.Series(nx.betweenness_centrality(G.to_undirected(as_view=True), k=k, seed=seed,
                                                           normalized=normalized)), engine, k or n)
    if engine == "igraph":
        return _tagged(_igraph_betweenness(G, normalized=normalized), "exact (igraph)", n)
    if engine == "kadabra":
        return _tagged(_kadabra(G, epsilon=epsilon, seed=seed, normalized=normalized), engine, 0)
    if engine == "exact" or (k is not None and k >= n):
        used = n
    else:
        used = min(n, int(k) if k is not None else int(max(MIN_SAMPLES, SAMPLE_BUDGET // max(2 * m, 1))))
    out = _brandes(G, used, seed=seed, normalized=normalized, progress=progress, focus=focus)
    return _tagged(out, "exact" if used >= n else "sampled", used)


def _tagged(series: pd.Series, engine: str, sources: int) -> pd.Series:
    series.attrs["engine"] = engine
    series.attrs["sources"] = int(sources)
    return series


def _brandes(G, sources: int, *, seed: int, normalized: bool, progress: bool, focus=None) -> pd.Series:
    """Our vectorised Brandes from ``sources`` source draws (all of them: exact), scaled to everyone.

    The pendant trees are folded first (:mod:`.pendants`): their pairs are
    counted exactly and the search runs on the people left, each standing for
    the people folded into them.  Sampled sources are drawn on that network
    with a chance proportional to how many people each stands for (a person
    drawn several times is searched once).
    """
    from scipy.sparse.csgraph import connected_components

    from .pendants import fold_pendants

    A, nodes = adjacency(G)
    n = len(nodes)
    folding = fold_pendants(A)
    R = A[folding.kept][:, folding.kept]
    size = folding.size
    if sources < n:  # an estimate: single precision is plenty and twice as fast
        R = R.astype(np.float32)
        order, draws = np.unique(spread_sources(R, sources, seed=seed, weights=size), return_counts=True)
        per_source = draws * (n / sources)  # each draw stands for n / sources of the people
    else:
        order, per_source = np.arange(len(size)), size
    _, label = connected_components(R, directed=False)
    search = _Search(R, np.bincount(label)[label], size, linear=sources < n, progress=progress)
    bc = search.sums(order, per_source)
    scale = (1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0) if normalized else 0.5

    def estimate():
        total = 2.0 * folding.hanging  # ordered pairs, as the search counts them
        total[folding.kept] += bc
        return pd.Series(total * scale, index=nodes)

    if focus is None or sources >= n:
        return estimate()
    drawn = np.zeros(len(size))
    drawn[order] = per_source
    position = np.full(n, -1)
    position[folding.kept] = np.arange(len(size))
    wanted = pd.Index(nodes).get_indexer(list(focus(estimate())))
    rows = position[wanted[wanted >= 0]]
    rows = np.unique(rows[rows >= 0])  # folded people are exact already
    bc += _sharpen(search, rows, drawn, budget=len(order))
    return estimate()


class _Search:
    """Batches of breadth-first searches on one network, run on every core (up to :data:`MAX_THREADS`)."""

    def __init__(self, R, reach, size, *, linear: bool, progress: bool):
        self.R, self.reach, self.size, self.linear, self.progress = R, reach, size, linear, progress

    def _map(self, sources: np.ndarray, work):
        from tqdm.auto import tqdm

        batches = [sources[start:start + BATCH] for start in range(0, len(sources), BATCH)]
        # SciPy's sparse products and NumPy release the GIL: one thread per core runs batches side by side,
        # and the results come back in batch order, so they do not depend on the threads.
        with tqdm(total=len(sources), desc="betweenness", unit="source", disable=not self.progress) as bar, \
                ThreadPoolExecutor(max(1, min(os.cpu_count() or 1, MAX_THREADS))) as pool:
            for batch, part in zip(batches, pool.map(work, range(len(batches)), batches)):
                bar.update(len(batch))
                yield part

    def sums(self, sources: np.ndarray, per_source: np.ndarray) -> np.ndarray:
        """Every node's dependencies on ``sources``, each source's multiplied by ``per_source``."""
        def work(i, batch):
            return _brandes_batch(self.R, batch, self.reach, linear=self.linear, size=self.size,
                                  per_source=per_source[i * BATCH:(i + 1) * BATCH])

        total = np.zeros(self.R.shape[0])
        for part in self._map(sources, work):
            total += part
        return total

    def columns(self, sources: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """``rows``' dependencies on each of ``sources`` separately: a ``len(rows) x len(sources)`` array."""
        def work(i, batch):
            return _brandes_batch(self.R, batch, self.reach, linear=self.linear, size=self.size,
                                  per_source=np.eye(len(batch)))[rows]

        return np.hstack(list(self._map(sources, work))) if len(sources) else np.zeros((len(rows), 0))


def _sharpen(search: _Search, rows: np.ndarray, drawn: np.ndarray, *, budget: int) -> np.ndarray:
    """What to add to each node's sampled sum once every tie of ``rows`` is searched as a source (0 elsewhere).

    Nearly all the error of a person's estimate comes from their own ties
    (a contact who reaches the network mostly through them gives them a large
    share, so whether that contact was drawn moves the estimate most: 95 to
    99 % of the variance on the team network of ``bench_connectors.py``).
    The sources are split in two strata: a person's ties, now counted
    exactly, and everyone else, still estimated from the draws.  ``drawn``:
    what each source's sum was multiplied by in the first pass (0 if not
    drawn), taken back for the ties.  The people with the fewest ties come
    first, until ``budget`` searches are spent (a rep's thousands of ties are
    not searched again).
    """
    R = search.R.tocsr()
    degree = np.diff(R.indptr)[rows]
    rows = np.sort(rows[np.argsort(degree, kind="stable")][np.cumsum(np.sort(degree)) <= budget])
    ties = R[rows]
    neighbours = np.unique(ties.indices)
    X = search.columns(neighbours, rows)
    coefficient = search.size[neighbours] - drawn[neighbours]  # exact weight minus the weight used
    mask = ties[:, neighbours].toarray() != 0
    out = np.zeros(R.shape[0])
    out[rows] = (X * mask) @ coefficient
    return out


def spread_sources(A, k: int, *, seed: int = 0, weights: np.ndarray | None = None) -> np.ndarray:
    """``k`` source people spread evenly over the network: a systematic sample along a breadth-first order.

    The people are put in reverse Cuthill-McKee order (a breadth-first
    order: neighbours sit close together), then every ``n / k``-th one is
    taken from a random start.  Each person is still drawn with probability
    ``k / n``, so the estimate stays unbiased, but every region of the
    network gets its share of sources, where a plain random draw leaves
    some clusters short and others crowded; the same seed gives the same sources.

    ``weights``: each person is drawn ``k * weight / sum(weights)`` times on
    average instead (someone standing for many people, :mod:`.pendants`,
    may be drawn more than once: they appear as often as drawn).

    >>> import networkx as nx
    >>> from workbench.network.adjacency import adjacency
    >>> A, _ = adjacency(nx.path_graph(10))
    >>> spread_sources(A, 5, seed=1).tolist()
    [0, 2, 4, 6, 8]
    >>> spread_sources(A, 5, seed=1, weights=np.array([6.0] + [1.0] * 9)).tolist()
    [0, 0, 2, 5, 8]
    """
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    n = A.shape[0]
    order = reverse_cuthill_mckee(A.tocsr(), symmetric_mode=True)
    start = np.random.default_rng(seed).random()
    if weights is None:
        return np.sort(order[np.floor((np.arange(k) + start) * n / k).astype(np.int64)])
    cumulative = np.cumsum(np.asarray(weights, dtype=float)[order])
    points = (np.arange(k) + start) * (cumulative[-1] / k)
    return np.sort(order[np.minimum(np.searchsorted(cumulative, points, side="right"), n - 1)])


def has_networkit() -> bool:
    """Whether networkit (KADABRA) is installed: the ``[fast]`` extra.

    >>> isinstance(has_networkit(), bool)
    True
    """
    import importlib.util

    return importlib.util.find_spec("networkit") is not None


def _kadabra(G, *, epsilon: float, seed: int, normalized: bool) -> pd.Series:
    """networkit's KADABRA estimate, seeded and deterministic (the same for the same graph and seed)."""
    if not has_networkit():
        raise InputError(_("networkit is not installed"), where="betweenness(engine='kadabra')",
                         fix=_("pip install 'workbench[fast]' (or networkit), or use engine='auto'"))
    import networkit as nk
    import scipy.sparse as sp

    A, nodes = adjacency(G)
    n = len(nodes)
    if n < 3:
        return pd.Series(0.0, index=nodes)
    upper = sp.triu(A, k=1).tocoo()
    g = nk.Graph(n, weighted=False, directed=False)
    g.addEdges((upper.row.astype(np.uint64), upper.col.astype(np.uint64)))
    nk.setSeed(int(seed), False)
    run = nk.centrality.KadabraBetweenness(g, float(epsilon), KADABRA_DELTA, True)  # deterministic
    run.run()
    scores = np.asarray(run.scores(), dtype=float)  # measured: 2 (n - 2) / n times networkx's normalised value
    scores *= n / (2 * (n - 2))
    if not normalized:
        scores *= (n - 1) * (n - 2) / 2
    return pd.Series(scores, index=nodes)


def _weighted_betweenness(G, weight, *, k, engine, small, normalized, seed) -> pd.Series:
    """Betweenness over the shortest paths by ``weight`` (a length): igraph, else networkx."""
    if engine in ("igraph", "exact") or (engine == "auto" and _has_igraph()):
        return _igraph_betweenness(G, normalized=normalized, weight=weight)
    import networkx as nx

    if k is None and not small:
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
        raise InputError(_("python-igraph is not installed"), where="betweenness(engine='igraph')",
                         fix=_("pip install 'workbench[fast]' (or igraph), or use engine='auto'")) from None
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


def top_agreement(estimate: pd.Series, exact: pd.Series, top: int = 20) -> int:
    """How many of the ``top`` nodes by ``estimate`` are among the ``top`` by ``exact``.

    >>> top_agreement(pd.Series([3, 2, 1]), pd.Series([1, 3, 2]), top=2)
    1
    """
    a = set(estimate.sort_values(ascending=False).index[:top])
    b = set(exact.sort_values(ascending=False).index[:top])
    return len(a & b)
