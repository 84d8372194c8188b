"""A rep's network report: one light, standalone HTML page they can open without Python.

``write_report(EXPORT..., out="report.html", crm=DATA_DIR, targets=FILE)``
reads one or several LinkedIn exports (the zip LinkedIn sends, or its
folder; a team), adds the CRM when given and writes a page that leads with
what to do: **this week** (whom to meet and what to ask them), **who can
introduce you to each target account** (with the message to send) and
**whose tie is going quiet**; then the connectors (one reason each in plain
words, the measures behind a "details" fold, with their units), reach
(level 1 and 2), relationship classes, the fewest connectors covering the
targets, possible customers, weekly means and a map.  The map is a static
SVG, so the page weighs tens to a few hundred kilobytes and needs no script.

This is what ``workbench network report EXPORT... [--crm DIR] [--targets FILE]
[--introductions FILE] --out report.html`` calls.

>>> import tempfile, pathlib
>>> from workbench.network.demo import demo_exports
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> path = write_report(demo_exports(), out, targets=["Vega", "Atlas"])
>>> page = path.read_text(encoding="utf-8")
>>> page.index("This week") < page.index("Top connectors"), "<script" in page
(True, False)
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError
from ..i18n.language import current_language
from ..i18n.messages import N_, _, ngettext


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
        raise DataError(_("the targets file does not exist"), file=str(path),
                        fix=_("give a text file with one account per line, or a CSV with an 'account' column"))
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0].strip().lower() if text.strip() else ""
    if path.suffix.lower() == ".csv" and ("," in first or first in ("account", "name", "company")):
        df = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
        for col in ("account", "name", "company", "target"):
            if col in [c.lower() for c in df.columns]:
                real = next(c for c in df.columns if c.lower() == col)
                return read_targets(df[real].tolist())
        raise DataError(_("no 'account' column"), file=str(path), row=1,
                        fix=_("name the column of target accounts 'account'"))
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


QUIET_SHOWN = 5  # ties going quiet shown per rep: the ones that went quiet most recently


def network_report(network, *, targets=None, exports=None, crm=None, top: int = 15, betweenness: str = "auto",
                   quiet_weeks: int | None = None) -> dict:
    """Every table of the report, as DataFrames.

    Keys: ``targets``, ``meet`` (this week's referral asks, all reps),
    ``intros`` (the best path into each target, with the message),
    ``quiet`` (ties going quiet, :data:`QUIET_SHOWN` per rep), ``connectors``, ``reach``, ``classes``,
    ``cover``, ``referrals`` and ``prospects`` (per rep), and ``means`` when
    ``exports`` are given.  ``betweenness``: ``auto`` or ``exact``.
    """
    from .connectors import rank_connectors
    from .means import weekly_means
    from .paths import account_intros
    from .quiet import QUIET_WEEKS, quiet_ties
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
    out["connectors"] = rank_connectors(network, top=top, engine=betweenness)
    out["cover"] = cover(network, targets, k=5) if targets else pd.DataFrame()
    out["intros"] = account_intros(network, targets) if targets else pd.DataFrame()
    out["referrals"] = {network.name(r): referral_plan(network, r, targets=targets) for r in network.reps}
    out["meet"] = pd.concat([df.assign(rep=rep) for rep, df in out["referrals"].items() if len(df)],
                            ignore_index=True) if any(len(df) for df in out["referrals"].values()) else pd.DataFrame()
    weeks = QUIET_WEEKS if quiet_weeks is None else quiet_weeks
    quiet = [quiet_ties(network, r, weeks=weeks).head(QUIET_SHOWN).assign(rep=network.name(r)) for r in network.reps]
    out["quiet"] = pd.concat([q for q in quiet if len(q)], ignore_index=True) if any(len(q) for q in quiet) \
        else pd.DataFrame()
    out["prospects"] = {network.name(r): inv[inv["could_become_customer"]].head(30)
                        for r, inv in inventories.items()}
    if exports is not None:
        out["means"] = {e.owner_name: weekly_means(e, crm, as_of=network.as_of) for e in exports}
    return out


#: Columns whose cells are words of the workbench (a tie's class, an outcome, a weekday...), shown translated;
#: every other cell (a name, a company, a message) is shown as it is.
WORD_COLUMNS = frozenset({"class", "outcome", "level", "weekday", "format"})
#: Values a program compares, shown in words.
_SHOWN_AS = {"(direct)": N_("(direct)")}
_RECONNECT = re.compile(r"Reconnect first: your last exchange was (\d+) months ago\. Then (.+)")


def next_step_words(step: str) -> str:
    """A contact's next step (:func:`~workbench.network.strength.next_action`, English because checks compare it)
    in the reader's language.

    >>> next_step_words("Reconnect first: your last exchange was 6 months ago. Then follow up to keep the "
    ...                 "relationship alive.")
    'Reconnect first: your last exchange was 6 months ago. Then follow up to keep the relationship alive.'
    """
    if not isinstance(step, str) or not step:
        return step
    quiet = _RECONNECT.fullmatch(step)
    if not quiet:
        return _(step)
    months, action = int(quiet.group(1)), quiet.group(2)
    action = _(action[0].upper() + action[1:])
    return ngettext("Reconnect first: your last exchange was {n} month ago. Then {action}",
                    "Reconnect first: your last exchange was {n} months ago. Then {action}", months).format(
        n=months, action=action[0].lower() + action[1:] if current_language() in ("en", "fr") else action)


def html_table(df: pd.DataFrame, columns: dict | None = None, *, empty: str | None = None,
               css: str = "t") -> str:
    """``df``'s ``columns`` (name -> heading the reader reads) as an HTML table, or ``empty`` when there is nothing.

    Headings are given already translated; cells of :data:`WORD_COLUMNS` are translated here, numbers keep two
    decimals and dates are written YYYY-MM-DD (left to right in any language).

    >>> from workbench.i18n.language import use_language
    >>> with use_language("fr"):
    ...     ">Strong</td>" in html_table(pd.DataFrame({"class": ["Strong"]}), {"class": "lien"})
    True
    >>> html_table(pd.DataFrame())
    '<p><i>Nothing to show.</i></p>'
    """
    if df is None or len(df) == 0:
        return "<p><i>" + html.escape(empty if empty is not None else _("Nothing to show.")) + "</i></p>"
    columns = columns if columns is not None else {c: str(c) for c in df.columns}
    d = df[[c for c in columns if c in df.columns]].copy()
    for c in d.columns:
        if d[c].dtype.kind == "O":
            d[c] = d[c].where(d[c].notna(), "")
        if c in WORD_COLUMNS:
            d[c] = d[c].map(lambda x: _(str(x)) if isinstance(x, str) and x else x)
        elif c == "next_action":
            d[c] = d[c].map(next_step_words)
        elif d[c].dtype.kind == "O":
            d[c] = d[c].map(lambda x: _(_SHOWN_AS[x]) if isinstance(x, str) and x in _SHOWN_AS else x)
        if d[c].dtype.kind == "f":
            d[c] = d[c].map(lambda x: "" if x != x else f"{x:.2f}")
        elif d[c].dtype.kind == "M":
            d[c] = d[c].dt.strftime("%Y-%m-%d").fillna("")
    d = d.rename(columns=columns)
    return d.to_html(index=False, escape=True, border=0, classes=css, na_rep="").replace("<td>", '<td dir="auto">')


def connectors_list(df: pd.DataFrame, css: str = "people") -> str:
    """One line per connector (name, company, reason), the measures folded under "details".

    >>> connectors_list(pd.DataFrame({"name": ["Bo"], "company": ["Orion"], "why": ["Knows all."], "details": ["x"]}))
    "<ol class='people'><li><b><bdi>Bo</bdi></b> <span class='note'>(<bdi>Orion</bdi>)</span>: Knows all.<details><summary>details</summary>x</details></li></ol>"
    """
    if df is None or len(df) == 0:
        return "<p><i>" + html.escape(_("Nothing to show.")) + "</i></p>"
    e = html.escape
    rows = []
    for rec in df.to_dict("records"):
        company = f" <span class='note'>(<bdi>{e(str(rec['company']))}</bdi>)</span>" if rec.get("company") else ""
        rows.append(f"<li><b><bdi>{e(str(rec['name']))}</bdi></b>{company}: {e(rec['why'])}"
                    f"<details><summary>" + e(_("details")) + f"</summary>{e(rec['details'])}</details></li>")
    return f"<ol class='{css}'>" + "".join(rows) + "</ol>"


CLASS_COLOURS = {"Strong": "#1b7f3b", "Familiar": "#4477AA", "Weak": "#CCBB44", "Unknown": "#BBBBBB"}


def _bars(classes: pd.DataFrame) -> str:
    """Relationship classes as plain HTML bars, one row per rep."""
    if classes is None or len(classes) == 0:
        return "<p><i>" + html.escape(_("Nothing to show.")) + "</i></p>"
    out = []
    for rec in classes.to_dict("records"):
        count = {c: int(rec.get(c, 0) or 0) for c in CLASS_COLOURS}
        total = sum(count.values())
        cells = "".join(f"<span style='flex:{count[c]};background:{colour}' "
                        f"title='{html.escape(_(c))}: {count[c]}'></span>" for c, colour in CLASS_COLOURS.items())
        counts = _("{strong_word} {strong}, {familiar_word} {familiar}, {weak_word} {weak}, {unknown_word} {unknown}")
        line = ngettext("{rep}: {counts} ({total} contact)", "{rep}: {counts} ({total} contacts)", total).format(
            rep=f"<bdi>{html.escape(str(rec['rep']))}</bdi>", total=total, counts=counts.format(
                strong_word=_("Strong"), familiar_word=_("Familiar"), weak_word=_("Weak"),
                unknown_word=_("Unknown"), strong=count["Strong"], familiar=count["Familiar"], weak=count["Weak"],
                unknown=count["Unknown"]))
        out.append(f"<p>{line}</p><div class='bar'>{cells}</div>")
    return "".join(out)


CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:2px solid #4477AA;padding-bottom:.2em}
table.t{border-collapse:collapse;font-size:.88em;margin:.5em 0}table.t th,table.t td{border:1px solid #ddd;
padding:4px 8px;text-align:start;vertical-align:top}table.t th{background:#f3f6fa}.note{color:#555}
.warn{background:#fff4e5;border-inline-start:4px solid #e69500;padding:.5em 1em}ol.people li{margin:.4em 0}
details{display:inline;margin-inline-start:.5em;color:#555;font-size:.9em}.bar{display:flex;height:14px;max-width:600px}
.todo{background:#f3f6fa;padding:.2em 1em 1em;border-radius:6px}"""


def column_headings() -> dict:
    """The headings a reader reads over the report's columns, in the current language (one word list for the
    report and the rep's page).

    >>> column_headings()["weeks_quiet"]
    'weeks without news'
    """
    return {"rep": _("you"), "name": _("name"), "company": _("company"), "position": _("position"),
            "class": _("tie"), "ask_for": _("ask for"), "message": _("message to send"), "account": _("account"),
            "target_name": _("person to meet"), "who_to_ask": _("ask"), "from_name": _("you"),
            "weeks_quiet": _("weeks without news"), "next_action": _("next step"), "last_contact": _("last contact"),
            "level1": _("level 1"), "level2": _("level 2"), "step": _("step"), "new_targets": _("new targets"),
            "covered": _("covered"), "share": _("share of targets"), "week": _("week"),
            "messages_sent": _("messages sent"), "people_messaged": _("people messaged"),
            "new_conversations": _("new conversations"), "invitations_sent": _("invitations sent"),
            "calls": _("calls"), "meetings": _("meetings"), "goals_met": _("goals met"),
            "planned_on": _("day"), "weekday": _("weekday"), "level": _("level"), "format": _("format"),
            "theme": _("theme"), "persona_id": _("persona"), "date": _("when"), "target": _("to meet"),
            "through": _("through"), "outcome": _("outcome"), "note": _("note")}


def _headed(names) -> dict:
    words = column_headings()
    return {name: words.get(name, name) for name in names}


def _reach_rows(reach: pd.DataFrame) -> pd.DataFrame:
    """The reach table with the team's row named in the reader's language."""
    if reach is None or len(reach) == 0 or "who" not in reach.columns:
        return reach
    return reach.assign(name=[_("Team") if who == "team" else name for who, name in zip(reach["who"], reach["name"])])


def render_html(network, tables: dict, *, svg: str | None = None, seconds: float | None = None,
                notes=()) -> str:
    """The report page as one HTML string (no script: tables, an SVG map and plain HTML bars), in the
    current language, right to left for Arabic and Persian."""
    from ..i18n.html import language_attributes
    from ..i18n.numbers import format_date

    e = html.escape
    reps = ", ".join(network.name(r) for r in network.reps) or _("(edge list)")
    title = _("Network report: {reps}").format(reps=reps)
    targets = ", ".join(tables["targets"])
    facts = (_("{people:,} people, {ties:,} ties, as of {day}. Target accounts: {targets}.") if targets else
             _("{people:,} people, {ties:,} ties, as of {day}. No target accounts.")).format(
        people=len(network.people), ties=len(network.ties), day=format_date(network.as_of.date()), targets=targets)
    parts = [f"<!doctype html><html {language_attributes()}><head><meta charset='utf-8'><title>{e(title)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>{e(title)}</h1>", f"<p class='note'>{e(facts)}</p>"]
    parts += [f"<p class='warn' role='alert'>{e(note)}.</p>" for note in notes]
    parts += ["<section class='todo'><h2>" + e(_("This week")) + "</h2><h3>" + e(_("Who to meet, and what to ask them")) + "</h3>",
              html_table(tables["meet"], _headed(["rep", "name", "class", "ask_for", "message"])),
              "<h3>" + e(_("Who can introduce you to each target account")) + "</h3>",
              html_table(tables["intros"], _headed(["account", "target_name", "who_to_ask", "from_name", "message"])),
              "<h3>" + e(_("Ties going quiet")) + "</h3>",
              html_table(tables["quiet"], _headed(["rep", "name", "company", "weeks_quiet", "next_action"])),
              "</section>",
              "<h2>" + e(_("Top connectors")) + "</h2><p>"
              + e(_("People who link parts of your network that would otherwise not meet, best first. Open "
                    "“details” for the measures behind each reason.")) + "</p>",
              connectors_list(tables["connectors"]),
              "<h2>" + e(_("Reach")) + "</h2><p>"
              + e(_("Level 1: people you know directly. Level 2: people they are known to know (from shared "
                    "threads, the CRM and your team's exports).")) + "</p>",
              html_table(_reach_rows(tables["reach"]), _headed(["name", "level1", "level2"])),
              "<h2>" + e(_("Relationship classes")) + "</h2>", _bars(tables["classes"]),
              "<h2>" + e(_("Fewest connectors for the target accounts")) + "</h2><p>"
              + e(_("Chosen greedily: each adds the most accounts not yet reached (at least 63% of the best "
                    "possible coverage).")) + "</p>",
              html_table(tables["cover"], _headed(["step", "name", "company", "new_targets", "covered", "share"]))]
    uncovered = tables["cover"].attrs.get("uncovered", []) if len(tables["cover"]) else []
    if uncovered:
        nobody = _("Nobody in the network reaches: {accounts}.").format(accounts=", ".join(map(str, uncovered)))
        parts.append(f"<p>{e(nobody)}</p>")
    parts.append("<h2>" + e(_("Possible customers in your network")) + "</h2>")
    for rep, df in tables["prospects"].items():
        parts += [f"<h3><bdi>{e(rep)}</bdi></h3>",
                  html_table(df, _headed(["name", "company", "position", "class", "last_contact", "next_action"]))]
    if "means" in tables:
        parts.append("<h2>" + e(_("Weekly means")) + "</h2>")
        for rep, df in tables["means"].items():
            parts += [f"<h3><bdi>{e(rep)}</bdi></h3>", html_table(df, _headed(df.columns))]
    if svg is not None:
        parts += ["<h2>" + e(_("Map")) + "</h2><p class='note'>"
                  + e(_("The best-connected people; top connectors named and outlined, reps as diamonds, darker "
                        "lines for stronger ties.")) + "</p>", f"<div dir='ltr'>{svg}</div>"]
    if seconds is not None:
        built = _("Built in {seconds:.1f} s by CRM Workbench.").format(seconds=seconds)
        parts.append(f"<p class='note'>{e(built)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def build(exports, *, crm=None, introductions=None, progress: bool = False):
    """The network of ``exports`` (zips, folders or exports), with the CRM and the introductions log applied.

    Returns ``(network, exports, crm)``.  A data folder (with ``social/``)
    brings its own CRM; ``introductions`` is a log path or table.
    """
    from .exports import LinkedInExport, as_exports
    from .graph import build_network

    items = exports if isinstance(exports, (list, tuple)) else [exports]
    if not items:
        raise InputError(_("no export given"), where="write_report(exports)", fix=_("give at least one export folder"))
    ex = []
    for item in items:
        ex += [item] if isinstance(item, LinkedInExport) else as_exports(item)
        if crm is None and not isinstance(item, LinkedInExport) and (Path(item) / "social" / "reps.csv").exists():
            crm = item  # a data folder brings its own CRM
    if crm is not None and not hasattr(crm, "tables"):
        from ..data import load

        crm = load(crm)
    network = build_network(ex, crm, as_of=getattr(crm, "as_of", None), progress=progress)
    if introductions is not None:
        from .introductions import apply_introductions, read_introductions

        log = read_introductions(introductions) if isinstance(introductions, (str, Path)) else introductions
        if len(log):
            network = apply_introductions(network, log)
    return network, ex, crm


def write_report(exports, out, *, crm=None, targets=None, introductions=None, betweenness: str = "auto",
                 progress: bool = False, on_note=None) -> Path:
    """Build the network of ``exports`` (CRM optional) and write the HTML report to ``out``.

    ``exports``: one or several LinkedIn archives (the zip) or export
    folders (a folder holding ``reps.csv`` is a team; a data folder with
    ``social/`` brings its reps and its CRM), or
    :class:`~workbench.network.exports.LinkedInExport` objects.
    ``crm``: a data folder or Dataset.  ``targets``: a file or a list of
    accounts.  ``introductions``: the rep's log (a CSV path or table).
    What the reader noticed (a missing ``Connections.csv``...) is shown at
    the top of the page and passed to ``on_note`` (a function) when given.
    """
    started = time.perf_counter()
    network, ex, crm = build(exports, crm=crm, introductions=introductions, progress=progress)
    for note in network.notes:
        if on_note is not None:
            on_note(note)
    tables = network_report(network, targets=targets, exports=ex, crm=crm, betweenness=betweenness)
    from .plots import svg_map

    svg = svg_map(network, highlight=tables["connectors"]["person"].head(5).tolist())
    page = render_html(network, tables, svg=svg, seconds=time.perf_counter() - started, notes=network.notes)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
