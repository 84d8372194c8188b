"""``workbench network ...``: the command layer (arguments, text for a terminal, exit status).

``connectors`` ranks the connectors of an export (the zip LinkedIn sends, its
folder, a data folder with ``social/``, or an edge list) as a table, CSV or
JSON; ``report`` writes the HTML report; ``app`` serves the rep's page
(:mod:`workbench.network.app`) with Voila.  What the network reader noticed
(a missing ``Connections.csv``, say) is printed as a warning on stderr.

>>> import networkx as nx
>>> print(connectors_output(nx.krackhardt_kite_graph(), top=2, format="csv").splitlines()[1][:2])
7,
"""

from __future__ import annotations

import sys

from ..errors import InputError
from ..i18n.messages import _
from .betweenness import ENGINES
from .connectors import GROUPS, ORDERS

__all__ = ["connectors_output", "connectors_from_path", "add_arguments", "TABLE_COLUMNS"]

TABLE_COLUMNS = ["rank", "name", "company", "why"]


def connectors_output(G, *, top: int = 20, by: str = "combined", format: str = "table",
                      group: str | None = "account", betweenness: str = "auto") -> str:
    """The connector ranking as text: ``table`` (rank, name, company, reason), ``csv`` or ``json`` (every measure).

    ``group``: what brokerage counts as groups, a key of
    :data:`~workbench.network.connectors.GROUPS`.  ``betweenness``: ``auto``
    or ``exact`` (or another engine of :data:`~workbench.network.betweenness.ENGINES`).
    JSON keeps every character as is (names in any script, ``/`` in keys).
    """
    import json

    from .connectors import rank_connectors

    key = "none" if group is None else str(group).lower()
    if key not in GROUPS:
        raise InputError(_('cannot group people by {group!r}').format(group=group), where="--group",
                         fix=_("use account, company, industry or none"))
    if format not in ("table", "csv", "json"):
        raise InputError(_('unknown format {format!r}').format(format=format), where="--format", fix=_("use table, csv or json"))
    df = rank_connectors(G, by=by, top=top, group=GROUPS[key], engine=betweenness)
    if format == "csv":
        return df.to_csv(index=False)
    if format == "json":
        return json.dumps(json.loads(df.to_json(orient="records")), ensure_ascii=False, indent=1)
    import textwrap

    lines = []
    for rec in df[TABLE_COLUMNS].to_dict("records"):
        who = f"{rec['rank']:>3}. {rec['name']}" + (f" ({rec['company']})" if rec["company"] else "")
        lines.append(who)
        lines += textwrap.wrap(rec["why"], width=96, initial_indent="     ", subsequent_indent="     ")
    lines.append(_("(betweenness: {engine}; --format csv for every measure)").format(
        engine=df.attrs.get("betweenness_engine", betweenness)))
    return "\n".join(lines)


def connectors_from_path(path, *, top: int = 20, by: str = "combined", format: str = "table",
                         group: str | None = "account", betweenness: str = "auto") -> str:
    """``workbench network connectors INPUT``: the connectors of an export (zip or folder), a data folder
    or an edge-list CSV (``source,target[,weight]``), as text (see :func:`connectors_output`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "edges.csv"
    >>> _ = p.write_text("source,target\\na,b\\nb,c\\nc,d\\n")
    >>> connectors_from_path(p, top=1, format="csv").splitlines()[1].split(",")[0]
    'b'
    """
    from .graph import load_network

    network = load_network(path)
    _warn(network)
    return connectors_output(network, top=top, by=by, format=format, group=group, betweenness=betweenness)


def _warn(network) -> None:
    for note in getattr(network, "notes", []):
        print(_('warning: {note}.').format(note=note), file=sys.stderr)


def _connectors(args) -> None:
    print(connectors_from_path(args.input, top=args.top, by=args.by, format=args.format, group=args.group,
                               betweenness=args.betweenness))


def _report(args) -> None:
    from .report import write_report

    out = write_report(args.exports, args.out, crm=args.crm, targets=args.targets, progress=True,
                       betweenness=args.betweenness, introductions=args.introductions,
                       on_note=lambda note: print(_('warning: {note}.').format(note=note), file=sys.stderr))
    print(_('network report written: {out}').format(out=out))


def _app(args) -> int:
    from .app import serve

    return serve(port=args.port, open_browser=not args.no_browser)


def add_arguments(sub) -> None:
    """Add ``report``, ``connectors`` and ``app`` to the ``network`` sub-command parser ``sub``."""
    nr = sub.add_parser("report", help=_("write the network report (what to do, connectors, warm paths, reach) as HTML"))
    nr.add_argument("exports", nargs="+", help=_("LinkedIn archives (the zip), export folders, or a data folder"))
    nr.add_argument("--crm", help=_("company data folder whose contacts and accounts join the network"))
    nr.add_argument("--targets", help=_("file listing the target accounts, one per line"))
    nr.add_argument("--introductions", help=_("your introductions log (CSV: date,target,through,outcome,note)"))
    nr.add_argument("--out", required=True, help=_("HTML file to write"))
    nr.add_argument("--betweenness", default="auto", choices=ENGINES,
                    help=_("auto (exact on small networks, a guaranteed estimate on large ones) or exact"))
    nr.set_defaults(func=_report)
    nc = sub.add_parser("connectors", help=_("rank the people who connect groups"))
    nc.add_argument("input", help=_("LinkedIn archive (zip), export folder, data folder or edge list CSV"))
    nc.add_argument("--top", type=int, default=20)
    nc.add_argument("--by", default="combined", choices=list(ORDERS))
    nc.add_argument("--format", default="table", choices=["table", "csv", "json"])
    nc.add_argument("--group", default="account", choices=list(GROUPS),
                    help=_("the groups brokerage is counted across (none: leave brokerage out)"))
    nc.add_argument("--betweenness", default="auto", choices=ENGINES,
                    help=_("auto (exact on small networks, a guaranteed estimate on large ones) or exact, to compare"))
    nc.set_defaults(func=_connectors)
    na = sub.add_parser("app", help=_("serve the rep's network page (upload the LinkedIn zip, no code) with Voila"))
    na.add_argument("--port", type=int, default=8866)
    na.add_argument("--no-browser", action="store_true", help=_("do not open a browser tab"))
    na.set_defaults(func=_app)
