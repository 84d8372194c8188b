"""Source sampling of the betweenness estimate: sources spread over the network, unbiased, seeded."""

import importlib

import networkx as nx
import numpy as np
import pytest

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
