"""Map a rep's contact network: importers, evidence graph, tie strength, connectors, intros, reach.

The rep's own page (:mod:`.app`, ``workbench network app``) puts it all behind
one upload of the LinkedIn archive, with no code.

The functions a notebook or a command needs, imported lazily so that
``import workbench.network`` stays fast (networkx, scipy and plotly load on use):

>>> from workbench import network
>>> net = network.demo_network()
>>> network.rank_connectors(net, top=1)["name"].tolist()
['Bo Chen']
"""

from __future__ import annotations

from ..lazy import attributes

_LAZY = {
    # importers
    "read_linkedin": "exports", "read_connections": "linkedin", "read_messages": "linkedin",
    "read_invitations": "linkedin", "read_team": "exports", "person_key": "linkedin", "archive_files": "archive",
    "LinkedInExport": "exports", "file_kind": "linkedin",
    # the graph
    "Network": "graph", "build_network": "graph", "team_network": "graph", "load_network": "graph",
    "edge_list_network": "graph", "demo_network": "demo", "demo_exports": "demo",
    # strength and inventory
    "tie_strength": "strength", "inventory": "strength", "class_counts": "strength",
    "could_become_customer": "strength", "next_action": "strength", "CLASSES": "strength",
    # connectors: the measures, the ranking and its reasons, the command's text
    "betweenness": "betweenness", "top_agreement": "betweenness", "structural_holes": "holes",
    "brokerage": "brokerage", "rank_connectors": "connectors", "combined_score": "connectors",
    "reason": "reasons", "connectors_output": "command", "connectors_from_path": "command",
    # acting on it: introductions asked for and made, ties going quiet
    "read_introductions": "introductions", "log_introduction": "introductions",
    "apply_introductions": "introductions", "quiet_ties": "quiet",
    # paths
    "warm_paths": "paths", "strongest_path": "paths", "strongest_path_within": "paths", "k_strongest_paths": "paths",
    "account_intros": "paths", "target_people": "paths",
    # reach
    "reach": "reach", "reach_table": "reach", "levels": "reach", "cover": "reach",
    "greedy_max_cover": "reach", "referral_plan": "reach",
    "reach_sets": "reach", "promising_targets": "reach",
    # means, pictures, report
    "weekly_means": "means", "network_map": "plots", "class_bar": "plots",
    "network_report": "report", "write_report": "report", "read_targets": "report",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = attributes(__name__, {name: f".{module}" for name, module in _LAZY.items()}, globals())
