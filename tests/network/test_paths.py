"""Warm-introduction paths, exact and alternatives."""

import math

import networkx as nx
import pytest

from workbench.errors import InputError
from workbench.network.demo import demo_network
from workbench.network.paths import (
    account_intros,
    k_strongest_paths,
    strongest_path,
    strongest_path_within,
    target_people,
    warm_paths,
)


def chain():
    G = nx.Graph()
    G.add_node("me", kind="rep", name="Me")
    for u, v, s in [("me", "a", 0.9), ("a", "t", 0.9), ("me", "b", 0.3), ("b", "t", 0.99), ("me", "c", 0.8),
                    ("c", "d", 0.8), ("d", "t", 0.8)]:
        G.add_edge(u, v, strength=s, distance=-math.log(s), **{"class": "Strong"})
    G.nodes["t"].update(name="Target", account="Orion")
    return G


def test_strongest_path_maximises_the_product_of_strengths():
    G = chain()
    assert strongest_path(G, "me", "t") == ["me", "a", "t"]
    p = warm_paths(G, "t")
    assert p.loc[0, "who_to_ask"] == "a" and p.loc[0, "path_strength"] == pytest.approx(0.81)
    assert p.loc[0, "hops"] == 2 and p.loc[0, "weakest_link"] == pytest.approx(0.9)
    # alternatives: through c (0.8^3 = 0.512) then b (0.297)
    assert p.loc[0, "other_introducers"].startswith("c (0.512); b (0.297)")


def test_brute_force_agrees_on_every_pair():
    G = nx.gnp_random_graph(25, 0.2, seed=4)
    import random

    rnd = random.Random(1)
    for u, v in G.edges:
        s = rnd.uniform(0.05, 1)
        G.edges[u, v].update(strength=s, distance=-math.log(s))
    G.nodes[0]["kind"] = "rep"
    for t in range(1, 25):
        if not nx.has_path(G, 0, t):
            continue
        best = max(nx.all_simple_paths(G, 0, t, cutoff=5),
                   key=lambda p: math.prod(G.edges[a, b]["strength"] for a, b in zip(p, p[1:])))
        got = warm_paths(G, t, max_hops=10)
        want = math.prod(G.edges[a, b]["strength"] for a, b in zip(best, best[1:]))
        if len(best) - 1 <= 5:
            assert got.loc[0, "path_strength"] >= round(want, 4) - 1e-4


def test_a_shorter_weaker_path_is_found_when_the_strongest_is_too_long():
    G = chain()  # me-a-t (0.81), me-c-d-t (0.512), me-b-t (0.297)
    G.remove_edge("a", "t")
    G.add_edge("a", "x", strength=0.95, distance=-math.log(0.95))
    G.add_edge("x", "y", strength=0.95, distance=-math.log(0.95))
    G.add_edge("y", "t", strength=0.95, distance=-math.log(0.95))  # me-a-x-y-t: 0.73, four hops
    assert strongest_path(G, "me", "t") == ["me", "a", "x", "y", "t"]
    assert warm_paths(G, "t", max_hops=4).loc[0, "path"] == ["me", "a", "x", "y", "t"]
    assert warm_paths(G, "t", max_hops=3).loc[0, "path"] == ["me", "c", "d", "t"]
    two = warm_paths(G, "t", max_hops=2).loc[0]
    assert two["path"] == ["me", "b", "t"] and two["path_strength"] == pytest.approx(0.297)
    assert warm_paths(G, "t", max_hops=1).empty


@pytest.mark.parametrize("seed", range(5))
def test_hop_bounded_path_agrees_with_brute_force(seed):
    import random

    rnd = random.Random(seed)
    G = nx.gnp_random_graph(14, 0.3, seed=seed)
    for u, v in G.edges:
        s = rnd.uniform(0.05, 1)
        G.edges[u, v].update(strength=s, distance=-math.log(s))
    for t in range(1, 14):
        for hops in (1, 2, 3):
            paths = [p for p in nx.all_simple_paths(G, 0, t, cutoff=hops)]
            got = strongest_path_within(G, 0, t, hops)
            if not paths:
                assert got is None
                continue
            def strength(p):
                return math.prod(G.edges[a, b]["strength"] for a, b in zip(p, p[1:]))
            assert len(got) - 1 <= hops and strength(got) == pytest.approx(max(map(strength, paths)))


def test_chains_isolate_right_to_left_names():
    G = chain()
    G.nodes["a"]["name"] = "سارا"
    text = warm_paths(G, "t").loc[0, "chain"]
    assert "\u2068سارا\u2069" in text and text.count("\u2068") == text.count("\u2069") == 3


def test_k_strongest_paths_are_sorted():
    df = k_strongest_paths(chain(), "me", "t", k=3)
    assert df["path_strength"].tolist() == sorted(df["path_strength"], reverse=True)
    assert len(df) == 3


def test_targets_by_account_name_and_unknown_target():
    net = demo_network()
    assert target_people(net, "orion") == ["in/ana", "in/cy"]
    assert target_people(net, "Eve Fox") == ["in/eve"]
    with pytest.raises(InputError, match="nobody"):
        warm_paths(net, "Nowhere Ltd")
    with pytest.raises(InputError):
        warm_paths(net, "in/eve", sources=["in/ghost"])


def test_team_paths_use_teammates():
    p = warm_paths(demo_network(), "Vega")
    first = p.iloc[0]
    assert first["from"] == "in/lina" and first["who_to_ask"] == "(direct)"
    intros = account_intros(demo_network(), ["Vega", "Atlas"])
    assert intros["account"].tolist()[0] in ("Vega", "Atlas")
