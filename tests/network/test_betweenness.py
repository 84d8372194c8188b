"""Source sampling of the betweenness estimate: sources spread over the network, unbiased, seeded."""

import importlib

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.network.adjacency import adjacency

engine = importlib.import_module("workbench.network.betweenness")


def test_spread_sources_are_distinct_sorted_and_seeded():
    A, _ = adjacency(nx.barabasi_albert_graph(500, 3, seed=2))
    a = engine.spread_sources(A, 40, seed=7)
    assert len(a) == len(np.unique(a)) == 40
    assert (np.diff(a) > 0).all()
    assert a.tolist() == engine.spread_sources(A, 40, seed=7).tolist()
    assert a.tolist() != engine.spread_sources(A, 40, seed=8).tolist()


def test_every_cluster_gets_its_share_of_sources():
    """Ten separate groups of 30 people, 20 sources: two in each group, where a random draw leaves some with none."""
    G = nx.disjoint_union_all([nx.connected_watts_strogatz_graph(30, 4, 0.2, seed=i) for i in range(10)])
    A, nodes = adjacency(G)
    group = np.array([v // 30 for v in nodes])
    for seed in range(5):
        assert np.bincount(group[engine.spread_sources(A, 20, seed=seed)], minlength=10).tolist() == [2] * 10


def test_each_person_is_drawn_with_the_same_chance():
    """The estimate stays unbiased: over many seeds every person is a source k / n of the time."""
    A, _ = adjacency(nx.barabasi_albert_graph(60, 2, seed=1))
    draws = np.zeros(60)
    for seed in range(3000):
        draws[engine.spread_sources(A, 15, seed=seed)] += 1
    assert draws / 3000 == pytest.approx(np.full(60, 15 / 60), abs=0.04)


def test_the_sampled_engine_uses_the_spread_sources_and_is_reproducible():
    G = nx.barabasi_albert_graph(800, 3, seed=5)
    exact = engine.betweenness(G, engine="exact")
    first = engine.betweenness(G, engine="sampled", k=200, seed=3)
    assert first.equals(engine.betweenness(G, engine="sampled", k=200, seed=3))
    assert first.attrs == {"engine": "sampled", "sources": 200}
    assert engine.top_agreement(first, exact, 20) >= 17
    assert first.sum() == pytest.approx(exact.sum(), rel=0.1)


# Folding pendant trees (workbench.network.pendants) keeps our engine exact: checked against networkx.

@st.composite
def graphs_with_pendants(draw):
    """A random core (possibly empty or disconnected) with leaves, chains and small trees hanging off it."""
    n = draw(st.integers(0, 14))
    G = nx.gnp_random_graph(n, draw(st.floats(0.05, 0.7)), seed=draw(st.integers(0, 10_000)))
    for _ in range(draw(st.integers(0, 12))):
        anchor = draw(st.integers(0, max(len(G) - 1, 0))) if len(G) else None
        new = len(G)
        G.add_node(new)
        if anchor is not None and draw(st.integers(0, 3)) > 0:  # now and then a lone person
            G.add_edge(anchor, new)
    return G


def _ours_exact(G, monkeypatch, *, normalized=True):
    monkeypatch.setattr(engine, "_has_igraph", lambda: False)
    out = engine.betweenness(G, engine="exact", normalized=normalized)
    assert out.attrs.get("engine", "exact") == "exact"  # an empty graph has no engine
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graphs_with_pendants(), st.booleans())
def test_our_exact_engine_with_pendants_folded_matches_networkx(monkeypatch, G, normalized):
    ours = _ours_exact(G, monkeypatch, normalized=normalized)
    reference = nx.betweenness_centrality(G, normalized=normalized)
    assert ours.reindex(list(reference)).tolist() == pytest.approx(list(reference.values()), abs=1e-9)


@pytest.mark.parametrize("G", [nx.star_graph(6), nx.path_graph(9), nx.balanced_tree(3, 3), nx.random_tree(40, seed=3)
                               if hasattr(nx, "random_tree") else nx.random_labeled_tree(40, seed=3),
                               nx.lollipop_graph(5, 6), nx.barbell_graph(4, 3), nx.Graph([(0, 1), (2, 3), (3, 4)])],
                         ids=["star", "path", "tree", "random tree", "lollipop", "barbell", "pairs"])
def test_trees_stars_and_chains_are_exact(monkeypatch, G):
    ours = _ours_exact(G, monkeypatch)
    reference = nx.betweenness_centrality(G)
    assert ours.reindex(list(reference)).tolist() == pytest.approx(list(reference.values()), abs=1e-12)


def test_the_sampled_engine_is_unbiased_with_pendants_folded():
    """Averaged over seeds, the estimate from a few sources is the exact betweenness, leaves and chains included."""
    G = nx.barabasi_albert_graph(60, 2, seed=4)
    rng = np.random.default_rng(0)
    for i in range(60, 120):  # leaves, and chains of them
        G.add_edge(int(rng.integers(0, i)), i)
    exact = pd.Series(nx.betweenness_centrality(G))
    runs = [engine.betweenness(G, engine="sampled", k=12, seed=seed) for seed in range(400)]
    assert runs[0].attrs["engine"] == "sampled"
    mean = pd.concat(runs, axis=1).mean(axis=1).reindex(exact.index)
    assert mean.tolist() == pytest.approx(exact.tolist(), abs=0.01)
    assert (pd.concat(runs, axis=1).reindex(exact.index)[exact == 0] == 0).all().all()  # leaves: exactly 0


def test_focus_sharpens_the_people_named_and_leaves_the_others_alone():
    """Searching every tie of the people in focus removes most of their error; nobody else's value moves.

    As in a team network, a broker has small groups of contacts who reach everyone else through them
    (pairs tied to each other and to the broker): whether those contacts are drawn is most of the error.
    """
    G = nx.connected_watts_strogatz_graph(600, 4, 0.1, seed=1)
    G = nx.relabel_nodes(G, {v: v + 1 for v in G})
    G.add_edge(0, 1)
    for _ in range(10):
        a, b = len(G), len(G) + 1
        G.add_edges_from([(0, a), (0, b), (a, b)])
    exact = nx.betweenness_centrality(G)[0]
    plain, sharp = [], []
    for seed in range(40):
        plain.append(engine.betweenness(G, engine="sampled", k=100, seed=seed))
        sharp.append(engine.betweenness(G, engine="sampled", k=100, seed=seed, focus=lambda est: [0]))
        assert sharp[-1].drop(0).equals(plain[-1].drop(0))
    assert sharp[0].equals(engine.betweenness(G, engine="sampled", k=100, seed=0, focus=lambda est: [0]))
    plain, sharp = np.array([p[0] for p in plain]), np.array([s[0] for s in sharp])
    assert sharp.mean() == pytest.approx(exact, rel=0.02)  # still unbiased
    assert sharp.std() < 0.5 * plain.std()


def test_focus_on_a_hub_is_bounded_by_the_budget():
    """A person with more ties than there were sources is not searched around: their value stays as it was."""
    G = nx.star_graph(300)
    nx.add_path(G, range(1, 301))  # the spokes' rim: no leaves left to fold
    plain = engine.betweenness(G, engine="sampled", k=40, seed=0)
    assert engine.betweenness(G, engine="sampled", k=40, seed=0, focus=lambda est: [0]).equals(plain)
