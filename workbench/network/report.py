"""A rep's network report: one standalone HTML page they can open without Python.

``write_report(EXPORT..., out="report.html", crm=DATA_DIR, targets=FILE)``
reads one or several LinkedIn exports (a team), adds the CRM when given and
writes: reach (level 1 and 2), relationship classes, the top connectors and
why, the few connectors who cover the most target accounts, the best warm
introduction into each target account, this week's referral asks, the
inventory of possible customers with a next action, weekly means, and a map.

This is what ``workbench network report EXPORT... [--crm DIR] [--targets FILE]
--out report.html`` calls.

>>> import tempfile, pathlib
>>> from workbench.network.graph import demo_exports
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> path = write_report(demo_exports(), out, targets=["Vega", "Atlas"], include_plotlyjs=False)
>>> "Top connectors" in path.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError


def read_targets(source) -> list[str]:
    """Target accounts from a list, or a file: one per line, or a CSV with an ``account``/``name`` column.

    >>> read_targets(["Orion", "Vega", "Orion"])
    ['Orion', 'Vega']
    """
    if source is None:
        return []
    if isinstance(source, (list, tuple, set)):
        return list(dict.fromkeys(str(s).strip() for s in source if str(s).strip()))
    path = Path(source)
    if not path.is_file():
        raise DataError("the targets file does not exist", file=str(path),
                        fix="give a text file with one account per line, or a CSV with an 'account' column")
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0].strip().lower() if text.strip() else ""
    if path.suffix.lower() == ".csv" and ("," in first or first in ("account", "name", "company")):
        df = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
        for col in ("account", "name", "company", "target"):
            if col in [c.lower() for c in df.columns]:
                real = next(c for c in df.columns if c.lower() == col)
                return read_targets(df[real].tolist())
        raise DataError("no 'account' column", file=str(path), row=1,
                        fix="name the column of target accounts 'account'")
    return read_targets(text.splitlines())


def default_targets(network, n: int = 10) -> list[str]:
    """Accounts worth targeting when none are given: where the network holds the most possible customers."""
    from .strength import could_become_customer

    p = network.people[network.people["kind"] == "person"].copy()
    p = p[p["account"].notna()]
    if p.empty:
        return []
    p["prospect"] = could_become_customer(p).to_numpy()
    stage = p["lifecycle_stage"].astype("string")
    customers = set(p.loc[stage.isin(["customer", "evangelist"]).fillna(False), "account"])
    score = p[p["prospect"] & ~p["account"].isin(customers)].groupby("account").size()
    return score.sort_values(ascending=False, kind="stable").head(n).index.astype(str).tolist()


def network_report(network, *, targets=None, exports=None, crm=None, top: int = 15) -> dict:
    """Every table of the report, as DataFrames (keys: ``reach``, ``classes``, ``connectors``, ...)."""
    from .connectors import rank_connectors
    from .means import weekly_means
    from .paths import account_intros
    from .reach import cover, reach_table, referral_plan
    from .strength import class_counts, inventory

    targets = read_targets(targets) or default_targets(network)
    out = {"targets": targets, "reach": reach_table(network)}
    classes, inventories = {}, {}
    for rep in network.reps:
        inv = inventory(network, rep)
        inventories[rep] = inv
        classes[network.name(rep)] = class_counts(inv)
    out["classes"] = pd.DataFrame(classes).T.rename_axis("rep").reset_index() if classes else pd.DataFrame()
    out["connectors"] = rank_connectors(network, top=top)
    out["cover"] = cover(network, targets, k=5) if targets else pd.DataFrame()
    out["intros"] = account_intros(network, targets) if targets else pd.DataFrame()
    out["referrals"] = {network.name(r): referral_plan(network, r, targets=targets) for r in network.reps}
    out["prospects"] = {network.name(r): inv[inv["could_become_customer"]].head(30)
                        for r, inv in inventories.items()}
    if exports is not None:
        out["means"] = {e.owner_name: weekly_means(e, crm, as_of=network.as_of) for e in exports}
    return out


def _table(df: pd.DataFrame, cols=None) -> str:
    if df is None or len(df) == 0:
        return "<p><i>Nothing to show.</i></p>"
    d = df[[c for c in (cols or df.columns) if c in df.columns]].copy()
    for c in d.columns:
        if d[c].dtype.kind == "f":
            d[c] = d[c].map(lambda x: "" if x != x else f"{x:.3f}")
        elif d[c].dtype.kind == "M":
            d[c] = d[c].dt.strftime("%Y-%m-%d").fillna("")
    return d.to_html(index=False, escape=True, border=0, classes="t", na_rep="")


CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:2px solid #4477AA;padding-bottom:.2em}
table.t{border-collapse:collapse;font-size:.88em;margin:.5em 0}table.t th,table.t td{border:1px solid #ddd;
padding:4px 8px;text-align:left;vertical-align:top}table.t th{background:#f3f6fa}.note{color:#555}"""


def render_html(network, tables: dict, *, figure=None, include_plotlyjs=True, seconds: float | None = None) -> str:
    """The report page as one HTML string."""
    e = html.escape
    reps = ", ".join(network.name(r) for r in network.reps) or "(edge list)"
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Network report: {e(reps)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>Network report: {e(reps)}</h1>",
             f"<p class='note'>{len(network.people):,} people, {len(network.ties):,} ties, as of "
             f"{network.as_of.date()}. Target accounts: {e(', '.join(tables['targets'])) or 'none'}.</p>",
             "<h2>Reach</h2><p>Level 1: people you know directly. Level 2: people they are known to know "
             "(from shared threads, the CRM and your team's exports).</p>", _table(tables["reach"]),
             "<h2>Relationship classes</h2>", _table(tables["classes"]),
             "<h2>Top connectors</h2><p>People who link parts of your network that would otherwise not meet.</p>",
             _table(tables["connectors"], ["rank", "name", "company", "degree", "betweenness", "constraint",
                                           "effective_size", "brokerage", "why"]),
             "<h2>Fewest connectors for the target accounts</h2><p>Chosen greedily: each adds the most accounts "
             "not yet reached (at least 63% of the best possible coverage).</p>",
             _table(tables["cover"], ["step", "name", "company", "new_targets", "covered", "share"])]
    uncovered = tables["cover"].attrs.get("uncovered", []) if len(tables["cover"]) else []
    if uncovered:
        parts.append(f"<p>Nobody in the network reaches: {e(', '.join(map(str, uncovered)))}.</p>")
    parts += ["<h2>Warm introductions into target accounts</h2>",
              _table(tables["intros"], ["account", "target_name", "from_name", "who_to_ask", "hops",
                                        "path_strength", "chain"])]
    parts.append("<h2>Referrals to ask for this week</h2>")
    for rep, df in tables["referrals"].items():
        parts += [f"<h3>{e(rep)}</h3>", _table(df, ["name", "class", "strength", "ask_for", "message"])]
    parts.append("<h2>Possible customers in your network</h2>")
    for rep, df in tables["prospects"].items():
        parts += [f"<h3>{e(rep)}</h3>", _table(df, ["name", "company", "position", "class", "strength",
                                                    "last_contact", "next_action"])]
    if "means" in tables:
        parts.append("<h2>Weekly means</h2>")
        for rep, df in tables["means"].items():
            parts += [f"<h3>{e(rep)}</h3>", _table(df)]
    if figure is not None:
        parts += ["<h2>Map</h2>", figure.to_html(full_html=False, include_plotlyjs=include_plotlyjs)]
    if seconds is not None:
        parts.append(f"<p class='note'>Built in {seconds:.1f} s by CRM Workbench.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(exports, out, *, crm=None, targets=None, include_plotlyjs=True, progress: bool = False) -> Path:
    """Build the network of ``exports`` (folders or exports; CRM optional) and write the HTML report to ``out``.

    ``exports``: one or several export folders (a folder holding ``reps.csv``
    is a team; a data folder with ``social/`` brings its reps and its CRM), or
    :class:`~workbench.network.linkedin.LinkedInExport` objects.
    ``crm``: a data folder or Dataset.  ``targets``: a file or a list of accounts.
    """
    from .graph import build_network
    from .linkedin import LinkedInExport, as_exports
    from .plots import network_map

    started = time.perf_counter()
    items = exports if isinstance(exports, (list, tuple)) else [exports]
    if not items:
        raise InputError("no export given", where="write_report(exports)", fix="give at least one export folder")
    ex = []
    for item in items:
        ex += [item] if isinstance(item, LinkedInExport) else as_exports(item)
        if crm is None and not isinstance(item, LinkedInExport) and (Path(item) / "social" / "reps.csv").exists():
            crm = item  # a data folder brings its own CRM
    if crm is not None and not hasattr(crm, "tables"):
        from ..data import load

        crm = load(crm)
    network = build_network(ex, crm, as_of=getattr(crm, "as_of", None), progress=progress)
    tables = network_report(network, targets=targets, exports=ex, crm=crm)
    highlight = tables["connectors"]["person"].head(5).tolist()
    fig = network_map(network, highlight=highlight, max_nodes=150)
    page = render_html(network, tables, figure=fig, include_plotlyjs=include_plotlyjs,
                       seconds=time.perf_counter() - started)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
