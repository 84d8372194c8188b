"""Warm-introduction paths: who can introduce a rep to a target person or account.

Seed 003: rather than contacting a stranger, connect through a common
contact and say why.  A path's strength is the product of its ties'
strengths, so the strongest path is the shortest one when each tie's
distance is ``-log(strength)``.  For each rep (or teammate) and target this
module finds the strongest path, names *who to ask* (the first person after
the rep) and lists alternative introducers.

>>> from workbench.network.demo import demo_network
>>> paths = warm_paths(demo_network(), "in/eve", sources=["in/sam"])
>>> paths[["from_name", "target_name", "who_to_ask", "hops"]].values.tolist()
[['Sam Lee', 'Eve Fox', 'Lina Park', 2]]
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n.messages import _, joined
from ..text import isolate


def _net_graph(network):
    return network.graph if hasattr(network, "ties") else network


def _lookup(G) -> dict:
    """attribute -> lower-case value -> people (reps left out), cached on the graph.

    It indexes node attributes only, so the number of nodes stamps it
    (networkx counts edges by summing every degree)."""
    stamp = G.number_of_nodes()
    cache = G.graph.get("_workbench_lookup")
    if cache is None or cache[0] != stamp:
        index = {attr: {} for attr in ("account_id", "account", "company", "name")}
        for v, d in G.nodes(data=True):
            if d.get("kind") == "rep":
                continue
            for attr, table in index.items():
                value = d.get(attr)
                if value is not None and value == value:
                    table.setdefault(str(value).strip().lower(), []).append(v)
        cache = (stamp, index)
        G.graph["_workbench_lookup"] = cache
    return cache[1]


def target_people(network, target) -> list:
    """The people a target names: a person key, a person's name, an account id or an account name.

    >>> from workbench.network.demo import demo_network
    >>> target_people(demo_network(), "Orion")
    ['in/ana', 'in/cy']
    """
    G = _net_graph(network)
    if target in G and G.nodes[target].get("kind") != "rep":
        return [target]
    text = str(target).strip().lower()
    index = _lookup(G)
    for attr in ("account_id", "account", "company", "name"):
        hits = index[attr].get(text)
        if hits:
            return sorted(hits, key=str)
    raise InputError(_('nobody in the network matches {target!r}').format(target=target), where="target",
                     fix=_("give a person's name or profile key, or an account's name or id"))


def path_table(G, path: list) -> dict:
    """Describe one path: hops, product strength, weakest link and a readable chain.

    >>> import networkx as nx
    >>> G = nx.Graph([("me", "a", {"strength": 0.9, "class": "Strong"}), ("a", "t", {"strength": 0.5})])
    >>> path_table(G, ["me", "a", "t"])["chain"].replace("\u2068", "").replace("\u2069", "")
    'me —[Strong 0.90]→ a —[0.50]→ t'
    """
    links = [G.edges[u, v].get("strength", 0.5) for u, v in zip(path, path[1:])]
    names = [isolate(G.nodes[v].get("name") or str(v)) for v in path]
    classes = [G.edges[u, v].get("class", "") for u, v in zip(path, path[1:])]
    chain = names[0]
    for name, s, c in zip(names[1:], links, classes):
        chain += f" —[{c} {s:.2f}]→ {name}" if c else f" —[{s:.2f}]→ {name}"
    return {"hops": len(path) - 1, "path_strength": float(np.prod(links)) if links else 1.0,
            "first_link": links[0] if links else None, "weakest_link": min(links) if links else None,
            "path": path, "chain": chain}


def strongest_path_within(G, source, target, max_hops: int, *, weight: str = "distance") -> list | None:
    """The strongest path from ``source`` to ``target`` with at most ``max_hops`` ties, or ``None``.

    A hop-bounded Bellman-Ford: round ``h`` extends only the people whose best
    chain of at most ``h - 1`` ties just improved.  Dijkstra finds the strongest
    path of any length; when that one is too long, this finds the best short one.

    >>> import math, networkx as nx
    >>> G = nx.Graph()
    >>> for u, v, s in [("me", "a", 0.9), ("a", "b", 0.9), ("b", "t", 0.9), ("me", "c", 0.3), ("c", "t", 0.3)]:
    ...     G.add_edge(u, v, distance=-math.log(s))
    >>> strongest_path_within(G, "me", "t", 3), strongest_path_within(G, "me", "t", 2)
    (['me', 'a', 'b', 't'], ['me', 'c', 't'])
    """
    best = {source: 0.0}
    rounds = [{source: (0.0, None)}]  # rounds[h]: people improved in round h -> (length, previous person)
    for _hop in range(max_hops):
        improved = {}
        for u, (du, _prev) in rounds[-1].items():
            for v, d in G[u].items():
                length = du + float(d.get(weight, 1.0))
                if length < best.get(v, math.inf):
                    best[v] = length
                    improved[v] = (length, u)
        if not improved:
            break
        rounds.append(improved)
    if target not in best:
        return None
    h = max(i for i, r in enumerate(rounds) if target in r)
    path = [target]
    while h:  # round h extended a person improved in round h - 1
        path.append(rounds[h][path[-1]][1])
        h -= 1
    return path[::-1]


def warm_paths(network, target, *, sources=None, alternatives: int = 3, max_hops: int = 4,
               max_targets: int = 25) -> pd.DataFrame:
    """The strongest introduction path from each rep (``sources``) to a target person or account.

    One row per (source, target person) reachable within ``max_hops``, strongest
    first (when the strongest chain is longer, the strongest of at most
    ``max_hops`` ties, see :func:`strongest_path_within`): ``from``, ``from_name``, ``target``, ``target_name``, ``account``,
    ``who_to_ask`` (the first person on the path; ``"(direct)"`` when the rep
    knows the target), ``hops``, ``path_strength`` (product of tie strengths),
    ``first_link``, ``weakest_link``, ``chain`` (readable), ``path`` (keys) and
    ``other_introducers`` (up to ``alternatives`` other first steps, with the
    strength of the best path through each).  An account with more than
    ``max_targets`` people is limited to the ``max_targets`` easiest to reach.
    """
    import networkx as nx

    G = _net_graph(network)
    targets = target_people(network, target)
    if sources is None:
        sources = [v for v, d in G.nodes(data=True) if d.get("kind") == "rep"]
    sources = [s for s in ([sources] if isinstance(sources, str) else list(sources))]
    for s in sources:
        if s not in G:
            raise InputError(_('{s!r} is not in the network').format(s=s), where="warm_paths(sources=...)",
                             fix=_("give reps' keys, e.g. network.reps"))
    if len(targets) > max_targets:
        near = nx.multi_source_dijkstra_path_length(G, set(sources), weight="distance")
        targets = sorted((t for t in targets if t in near), key=lambda t: (near[t], str(t)))[:max_targets]
    rows = []
    for t in targets:
        dist, paths = nx.single_source_dijkstra(G, t, weight="distance", cutoff=max_hops * 10)
        for s in sources:
            if s not in paths or s == t:
                continue
            path = list(reversed(paths[s]))
            if len(path) - 1 > max_hops:  # the strongest chain is too long: the best one short enough
                path = strongest_path_within(G, s, t, max_hops)
                if path is None:
                    continue
            info = path_table(G, path)
            best_first = path[1]
            others = []
            if alternatives:
                # the best route from each other contact to the target, not going back through the rep
                away = nx.single_source_dijkstra_path_length(nx.restricted_view(G, [s], []), t,
                                                             weight="distance", cutoff=max_hops * 10)
                for n in G.neighbors(s):
                    if n in (best_first, t) or n not in away:
                        continue
                    others.append((math.exp(-(G.edges[s, n]["distance"] + away[n])), n))
            others.sort(key=lambda x: (-x[0], str(x[1])))
            other_txt = joined(f"{G.nodes[n].get('name') or n} ({p:.3f})" for p, n in others[:alternatives])
            rows.append({"from": s, "from_name": G.nodes[s].get("name") or s, "target": t,
                         "target_name": G.nodes[t].get("name") or t,
                         "account": G.nodes[t].get("account"),
                         "who_to_ask": "(direct)" if len(path) == 2 else (G.nodes[path[1]].get("name") or path[1]),
                         "who_to_ask_key": None if len(path) == 2 else path[1],
                         **{k: info[k] for k in ("hops", "path_strength", "first_link", "weakest_link", "chain",
                                                 "path")},
                         "other_introducers": other_txt})
    cols = ["from", "from_name", "target", "target_name", "account", "who_to_ask", "who_to_ask_key", "hops",
            "path_strength", "first_link", "weakest_link", "chain", "path", "other_introducers"]
    out = pd.DataFrame(rows, columns=cols)
    out["path_strength"] = out["path_strength"].astype(float).round(4)
    return out.sort_values(["path_strength", "hops", "from", "target"],
                           ascending=[False, True, True, True]).reset_index(drop=True)


def strongest_path(network, source, target) -> list:
    """The keys on the strongest path from ``source`` to ``target`` (``[]`` if unreachable).

    >>> from workbench.network.demo import demo_network
    >>> strongest_path(demo_network(), "in/sam", "in/eve")
    ['in/sam', 'in/lina', 'in/eve']
    """
    import networkx as nx

    G = _net_graph(network)
    try:
        return nx.dijkstra_path(G, source, target, weight="distance")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def k_strongest_paths(network, source, target, k: int = 3, *, max_hops: int = 4) -> pd.DataFrame:
    """The ``k`` strongest simple paths (Yen's algorithm), as :func:`path_table` rows.

    >>> from workbench.network.demo import demo_network
    >>> k_strongest_paths(demo_network(), "in/sam", "in/eve", k=2)["hops"].tolist()
    [2, 2]
    """
    import itertools

    import networkx as nx

    G = _net_graph(network)
    rows = []
    try:
        gen = nx.shortest_simple_paths(G, source, target, weight="distance")
        for path in itertools.islice(gen, k * 4):
            if len(path) - 1 <= max_hops:
                rows.append(path_table(G, path))
            if len(rows) >= k:
                break
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        pass
    return pd.DataFrame(rows, columns=["hops", "path_strength", "first_link", "weakest_link", "path", "chain"])


def intro_message(G, path: list, account=None) -> str:
    """The message to send for a warm path: to the target when direct, else to the first person on it.

    >>> import networkx as nx
    >>> G = nx.Graph([("me", "bo"), ("bo", "eve")])
    >>> G.add_nodes_from([("bo", {"name": "Bo Chen"}), ("eve", {"name": "Eve Fox", "position": "Director"})])
    >>> intro_message(G, ["me", "bo", "eve"], "Vega")
    'Hi Bo, I would like to meet Eve Fox (Director at Vega). Could you introduce us? I can send you two lines to forward.'
    """
    def name(v):
        return str(G.nodes[v].get("name") or v)

    target = path[-1]
    role = G.nodes[target].get("position")
    if len(path) == 2:
        return (_("Write to {name} yourself: you already know each other. Say why {account} came to mind and "
                  "suggest a short call.") if account else
                _("Write to {name} yourself: you already know each other. Say why they came to mind and suggest a "
                  "short call.")).format(name=name(target), account=account)
    first = name(path[1]).split()[0]
    via = name(path[2]) if len(path) > 3 else None
    if role and account:
        text = (_("Hi {first}, I would like to meet {name} ({role} at {account}) (through {via}). Could you "
                  "introduce us? I can send you two lines to forward.") if via else
                _("Hi {first}, I would like to meet {name} ({role} at {account}). Could you introduce us? I can "
                  "send you two lines to forward."))
    elif account:
        text = (_("Hi {first}, I would like to meet {name} at {account} (through {via}). Could you introduce us? "
                  "I can send you two lines to forward.") if via else
                _("Hi {first}, I would like to meet {name} at {account}. Could you introduce us? I can send you "
                  "two lines to forward."))
    else:
        text = (_("Hi {first}, I would like to meet {name} (through {via}). Could you introduce us? I can send "
                  "you two lines to forward.") if via else
                _("Hi {first}, I would like to meet {name}. Could you introduce us? I can send you two lines to "
                  "forward."))
    return text.format(first=first, name=name(target), role=role, account=account, via=via)


def account_intros(network, accounts, *, sources=None) -> pd.DataFrame:
    """The best introduction path into each target account (one row per account, strongest first).

    Columns: ``account``, ``target_name``, ``from_name``, ``who_to_ask``,
    ``hops``, ``path_strength``, ``chain`` and ``message`` (what to send, see
    :func:`intro_message`).  One Dijkstra search from all the reps at once serves every account.

    >>> from workbench.network.demo import demo_network
    >>> account_intros(demo_network(), ["Vega", "Nowhere Ltd"])[["account", "from_name", "who_to_ask"]].values.tolist()
    [['Vega', 'Lina Park', '(direct)'], ['Nowhere Ltd', None, None]]
    """
    import networkx as nx

    G = _net_graph(network)
    if sources is None:
        sources = [v for v, d in G.nodes(data=True) if d.get("kind") == "rep"]
    dist, paths = nx.multi_source_dijkstra(G, set(sources), weight="distance") if sources else ({}, {})
    rows = []
    for acc in accounts:
        try:
            people = [p for p in target_people(network, acc) if p in dist and p not in sources]
        except InputError:
            people = []
        if people:
            best = min(people, key=lambda p: (dist[p], str(p)))
            info = path_table(G, paths[best])
            first = paths[best][0]
            rows.append({"account": acc, "target_name": G.nodes[best].get("name") or best,
                         "from_name": G.nodes[first].get("name") or first,
                         "who_to_ask": "(direct)" if info["hops"] == 1 else
                         (G.nodes[paths[best][1]].get("name") or paths[best][1]),
                         "hops": info["hops"], "path_strength": round(info["path_strength"], 4),
                         "chain": info["chain"], "message": intro_message(G, paths[best], acc)})
        else:
            rows.append({"account": acc, "target_name": None, "from_name": None, "who_to_ask": None,
                         "hops": None, "path_strength": 0.0, "chain": _("no path found"),
                         "message": _("Nobody you know reaches {account} yet: look for a connector who does.").format(
                             account=acc)})
    return pd.DataFrame(rows).sort_values("path_strength", ascending=False, kind="stable").reset_index(drop=True)
