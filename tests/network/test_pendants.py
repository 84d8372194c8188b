"""Folding pendant trees: the reduced network, the sizes and the exact pair counts of the people folded."""

import networkx as nx
import numpy as np
import pytest

from workbench.network.adjacency import adjacency
from workbench.network.pendants import fold_pendants


def _fold(G):
    A, nodes = adjacency(G)
    return fold_pendants(A), nodes


def test_a_lone_pair_and_a_lone_person_stay():
    f, _ = _fold(nx.Graph([(0, 1)]))
    assert f.kept.tolist() == [0, 1] and f.size.tolist() == [1.0, 1.0] and f.hanging.tolist() == [0.0, 0.0]
    G = nx.Graph()
    G.add_node("alone")
    f, _ = _fold(G)
    assert f.kept.tolist() == [0] and f.size.tolist() == [1.0]


def test_a_cycle_has_nothing_to_fold():
    f, _ = _fold(nx.cycle_graph(6))
    assert f.kept.tolist() == list(range(6)) and (f.size == 1).all() and (f.hanging == 0).all()


def test_a_chain_hanging_off_a_triangle_folds_into_its_corner():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "x"), ("x", "y"), ("y", "z")])
    f, nodes = _fold(G)
    assert sorted(nodes[i] for i in f.kept) == ["a", "b", "c"]
    assert dict(zip((nodes[i] for i in f.kept), f.size)) == {"a": 1, "b": 1, "c": 4}
    hanging = dict(zip(nodes, f.hanging))
    # c is between the chain (3 people) and a, b; x between y, z and the other 3; y between z and the other 4
    assert hanging == {"a": 0, "b": 0, "c": 6, "x": 6, "y": 4, "z": 0}


def test_a_tree_folds_to_one_or_two_people_and_the_sizes_add_up():
    for seed in range(20):
        T = nx.random_labeled_tree(15, seed=seed) if hasattr(nx, "random_labeled_tree") else nx.random_tree(15,
                                                                                                           seed=seed)
        f, _ = _fold(T)
        assert len(f.kept) in (1, 2)
        assert f.size.sum() == 15


def test_the_people_stood_for_add_up_to_everyone():
    G = nx.disjoint_union_all([nx.barabasi_albert_graph(40, 1, seed=1), nx.path_graph(2), nx.star_graph(4),
                               nx.cycle_graph(5)])
    f, _ = _fold(G)
    assert f.size.sum() == G.number_of_nodes()
    assert np.all(f.size >= 1)


@pytest.mark.parametrize("G", [nx.star_graph(5), nx.path_graph(7), nx.balanced_tree(2, 3)],
                         ids=["star", "path", "binary tree"])
def test_on_a_tree_the_hanging_pairs_are_the_whole_betweenness(G):
    f, nodes = _fold(G)
    exact = nx.betweenness_centrality(G, normalized=False)
    assert f.hanging.tolist() == pytest.approx([exact[v] for v in nodes])
