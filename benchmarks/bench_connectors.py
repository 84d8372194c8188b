"""Benchmark: connector ranking on a team network of 20,000 people and 100,000 ties.

``workbench.network.rank_connectors`` (betweenness, which samples source
people automatically on a network this size, plus Burt's constraint and
effective size and Gould-Fernandez brokerage) against, in the same run:

* igraph's exact betweenness (when python-igraph, the ``[fast]`` extra, is installed);
* networkx's exact betweenness (run for real at ``--quick`` scale; at full scale
  it would take about half an hour, so it is timed on 100 source people and
  scaled to all of them, and labelled an estimate).

It also prints how many of the 20 people with the highest betweenness by our
ranking are among the exact top 20 (target: at least 17).

    python benchmarks/bench_connectors.py            # 20,000 people, ~100,000 ties
    python benchmarks/bench_connectors.py --quick    # 1,000 people, ~5,000 ties (used by the tests)
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def make_team_graph(n: int, m_per_node: int = 5, seed: int = 42):
    """A clustered scale-free network with tie strengths and companies, like a team's merged exports."""
    import networkx as nx

    G = nx.powerlaw_cluster_graph(n, m_per_node, 0.3, seed=seed)
    rng = np.random.default_rng(seed)
    companies = rng.integers(0, max(n // 12, 2), n)
    for v in G:
        G.nodes[v].update(name=f"P{v}", account=f"Company {companies[v]}", kind="person")
    for u, v in G.edges:
        s = float(rng.uniform(0.05, 1.0))
        G.edges[u, v].update(strength=s, distance=-np.log(s))
    return G


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, for the test suite")
    parser.add_argument("--people", type=int, default=None)
    args = parser.parse_args(argv)
    n = args.people or (1_000 if args.quick else 20_000)

    import networkx as nx
    import pandas as pd

    from workbench.network.connectors import betweenness, rank_connectors, top_agreement

    G = make_team_graph(n)
    print(f"connector ranking: {G.number_of_nodes():,} people, {G.number_of_edges():,} ties")

    started = time.perf_counter()
    ranking = rank_connectors(G, include_reps=True)
    ours = time.perf_counter() - started
    ours_bt = ranking.set_index("person")["betweenness"]
    print(f"workbench rank_connectors (betweenness + Burt + brokerage): {ours:.2f} s")

    import importlib.util

    exact = None
    if importlib.util.find_spec("igraph") is not None:
        started = time.perf_counter()
        exact = betweenness(G, engine="igraph")
        ig_time = time.perf_counter() - started
        print(f"igraph exact betweenness: {ig_time:.2f} s")
        print(f"ratio (igraph exact / workbench ranking): {ig_time / ours:.1f}x")
    else:
        print("igraph not installed (pip install 'workbench[fast]'): igraph baseline skipped")

    if args.quick or n <= 3_000:
        started = time.perf_counter()
        nx_exact = pd.Series(nx.betweenness_centrality(G))
        nx_time = time.perf_counter() - started
        label = "networkx exact betweenness"
        exact = nx_exact if exact is None else exact
    else:
        k = 100
        started = time.perf_counter()
        nx.betweenness_centrality(G, k=k, seed=0)
        nx_time = (time.perf_counter() - started) * n / k
        label = f"networkx exact betweenness (estimated from {k} sources x {n // k})"
        if exact is None:
            started = time.perf_counter()
            exact = betweenness(G, engine="exact")
            print(f"workbench exact engine (reference for agreement): {time.perf_counter() - started:.2f} s")
    print(f"{label}: {nx_time:.2f} s")
    print(f"ratio (networkx exact / workbench ranking): {nx_time / ours:.1f}x")
    agree = top_agreement(ours_bt, exact, 20)
    print(f"top-20 by betweenness agreeing with the exact top 20: {agree}/20 (target >= 17)")
    return 0 if agree >= 17 else 1


if __name__ == "__main__":
    raise SystemExit(main())
