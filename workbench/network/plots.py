"""Network maps with plotly: communities coloured, connectors highlighted, large graphs thinned.

A picture of 30,000 people is a hairball nobody can read, so :func:`network_map`
keeps the reps, the highlighted people and the best-connected others (by the
sum of their tie strengths) up to ``max_nodes``, then colours communities
found by Louvain on that readable part.

>>> from workbench.network.demo import demo_network
>>> fig = network_map(demo_network(), highlight=["in/bo"])
>>> fig.layout.title.text
'Network map: 8 people shown of 8'
"""

from __future__ import annotations

import numpy as np

from ..i18n.messages import _, ngettext

PALETTE = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB", "#332288",
           "#117733", "#882255")


def thin(G, *, max_nodes: int = 150, keep=()) -> object:
    """The subgraph a person can read: reps, ``keep``, then the highest total tie strength.

    >>> import networkx as nx
    >>> thin(nx.star_graph(10), max_nodes=3).number_of_nodes()
    3
    """
    if G.number_of_nodes() <= max_nodes:
        return G
    must = [v for v, d in G.nodes(data=True) if d.get("kind") == "rep"] + [v for v in keep if v in G]
    score = dict(G.degree(weight="strength"))
    kept = set(must)
    rest = sorted((v for v in G if v not in kept), key=lambda v: (-score[v], str(v)))
    chosen = list(dict.fromkeys(must))[:max_nodes]
    chosen += rest[:max(0, max_nodes - len(chosen))]
    return G.subgraph(chosen)


def communities(G) -> dict:
    """Community number of every node (Louvain, seeded, weighted by strength; biggest community is 0)."""
    import networkx as nx

    if G.number_of_edges() == 0:
        return {v: i for i, v in enumerate(G)}
    parts = nx.community.louvain_communities(G, weight="strength", seed=0)
    parts = sorted(parts, key=lambda c: (-len(c), sorted(map(str, c))[0]))
    return {v: i for i, c in enumerate(parts) for v in c}


def network_map(network, *, highlight=(), max_nodes: int = 150, color_by: str = "community",
                title: str | None = None):
    """A plotly figure of the network.

    ``highlight``: keys to draw larger with a dark outline (connectors, a
    path).  ``color_by``: ``community``, ``account`` or ``kind``.  Ties are
    drawn darker when stronger; reps are diamonds.
    """
    import networkx as nx
    import plotly.graph_objects as go

    G = network.graph if hasattr(network, "ties") else network
    highlight = [h for h in highlight if h in G]
    H = thin(G, max_nodes=max_nodes, keep=highlight)
    pos = nx.spring_layout(H, weight="strength", seed=0, k=1.5 / max(np.sqrt(H.number_of_nodes()), 1))
    if color_by == "community":
        groups = communities(H)
    else:
        labels = {v: str(H.nodes[v].get(color_by) or "?") for v in H}
        order = {lab: i for i, lab in enumerate(sorted(set(labels.values())))}
        groups = {v: order[labels[v]] for v in H}
    fig = go.Figure()
    bands = ((0.6, 1.01, "rgba(40,40,40,0.8)", 2.5), (0.3, 0.6, "rgba(90,90,90,0.5)", 1.5),
             (0.0, 0.3, "rgba(150,150,150,0.35)", 0.8))
    for lo, hi, colour, width in bands:
        xs, ys = [], []
        for u, v, d in H.edges(data=True):
            if lo <= d.get("strength", 0.5) < hi:
                xs += [pos[u][0], pos[v][0], None]
                ys += [pos[u][1], pos[v][1], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                     line={"color": colour, "width": width}))
    nodes = list(H)
    hl = set(highlight)
    text = []
    for v in nodes:
        d = H.nodes[v]
        bits = [f"<b>{d.get('name') or v}</b>"]
        if d.get("position") or d.get("company"):
            bits.append(" · ".join(str(x) for x in (d.get("position"), d.get("company")) if x))
        bits.append(ngettext("{n:,} tie", "{n:,} ties", G.degree(v)).format(n=G.degree(v)))
        text.append("<br>".join(bits))
    deg = np.array([G.degree(v) for v in nodes], dtype=float)
    size = 8 + 14 * np.sqrt(deg / max(deg.max(), 1))
    size = [s * 1.6 if v in hl else s for s, v in zip(size, nodes)]
    fig.add_trace(go.Scatter(
        x=[pos[v][0] for v in nodes], y=[pos[v][1] for v in nodes], mode="markers+text",
        text=[(H.nodes[v].get("name") or str(v)) if (v in hl or H.nodes[v].get("kind") == "rep") else ""
              for v in nodes],
        textposition="top center", hovertext=text, hoverinfo="text", showlegend=False,
        marker={"size": size, "color": [PALETTE[groups[v] % len(PALETTE)] for v in nodes],
                "symbol": ["diamond" if H.nodes[v].get("kind") == "rep" else "circle" for v in nodes],
                "line": {"width": [3 if v in hl else 0.5 for v in nodes], "color": "#111"}}))
    shown = _("Network map: {shown:,} people shown of {total:,}").format(shown=H.number_of_nodes(),
                                                                          total=G.number_of_nodes())
    fig.update_layout(title=title or shown,
                      xaxis={"visible": False}, yaxis={"visible": False}, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 40, "b": 10}, height=560)
    return fig


def class_bar(inv):
    """A bar chart of an inventory's relationship classes.

    >>> import pandas as pd
    >>> list(class_bar(pd.DataFrame({"class": ["Strong", "Weak", "Weak"]})).data[0].y)
    [1, 0, 2, 0]
    """
    import plotly.graph_objects as go

    from .strength import class_counts

    counts = class_counts(inv)
    fig = go.Figure(go.Bar(x=[_(c) for c in counts.index], y=counts.tolist(),
                           marker_color=["#1b7f3b", "#4477AA", "#CCBB44", "#BBBBBB"]))
    fig.update_layout(title=_("Contacts by relationship class"), yaxis_title=_("contacts"), height=320,
                      margin={"l": 40, "r": 10, "t": 40, "b": 30})
    return fig


def svg_map(network, *, highlight=(), max_nodes: int = 120, width: int = 900, height: int = 560) -> str:
    """The network map as a small, static SVG: no script, a few tens of kilobytes, readable offline.

    The same picture as :func:`network_map` (the readable part, communities
    coloured, reps as diamonds, ``highlight`` named and outlined), for a
    report that must stay light.

    >>> from workbench.network.demo import demo_network
    >>> svg = svg_map(demo_network(), highlight=["in/bo"])
    >>> svg.startswith("<svg") and "Bo Chen" in svg
    True
    """
    import html

    import networkx as nx

    G = network.graph if hasattr(network, "ties") else network
    highlight = [h for h in highlight if h in G]
    H = thin(G, max_nodes=max_nodes, keep=highlight)
    if H.number_of_nodes() == 0:
        return f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='40'></svg>"
    pos = nx.spring_layout(H, weight="strength", seed=0, k=1.5 / max(np.sqrt(H.number_of_nodes()), 1))
    xy = np.array([pos[v] for v in H])
    lo, span = xy.min(axis=0), np.maximum(xy.max(axis=0) - xy.min(axis=0), 1e-9)
    pad = 30
    px = {v: (pad + (width - 2 * pad) * (p[0] - lo[0]) / span[0], pad + (height - 2 * pad) * (p[1] - lo[1]) / span[1])
          for v, p in pos.items()}
    groups = communities(H)
    hl = set(highlight)
    top_degree = max(max((d for _, d in G.degree()), default=1), 1)  # once: a rep's network has 30,000 people
    label = html.escape(_("Network map: {shown:,} people shown of {total:,}").format(
        shown=H.number_of_nodes(), total=G.number_of_nodes()), quote=True)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' role='img' "
             f"aria-label='{label}'>"]
    for u, v, d in H.edges(data=True):
        s = float(d.get("strength", 0.5))
        parts.append(f"<line x1='{px[u][0]:.0f}' y1='{px[u][1]:.0f}' x2='{px[v][0]:.0f}' y2='{px[v][1]:.0f}' "
                     f"stroke='#555' stroke-opacity='{0.15 + 0.6 * s:.2f}' stroke-width='{0.5 + 2 * s:.1f}'/>")
    for v in H:
        d = H.nodes[v]
        x, y = px[v]
        colour = PALETTE[groups[v] % len(PALETTE)]
        r = 4 + 6 * np.sqrt(G.degree(v) / top_degree)
        title = html.escape(str(d.get("name") or v))
        outline = "stroke='#111' stroke-width='2.5'" if v in hl else "stroke='#fff' stroke-width='0.5'"
        if d.get("kind") == "rep":
            parts.append(f"<polygon points='{x:.0f},{y - r - 2:.0f} {x + r + 2:.0f},{y:.0f} {x:.0f},{y + r + 2:.0f} "
                         f"{x - r - 2:.0f},{y:.0f}' fill='{colour}' {outline}><title>{title}</title></polygon>")
        else:
            parts.append(f"<circle cx='{x:.0f}' cy='{y:.0f}' r='{r:.1f}' fill='{colour}' {outline}>"
                         f"<title>{title}</title></circle>")
        if v in hl or d.get("kind") == "rep":
            parts.append(f"<text x='{x:.0f}' y='{y - r - 4:.0f}' font-size='11' text-anchor='middle'>{title}</text>")
    parts.append("</svg>")
    return "".join(parts)
