"""The rep's network page: upload the LinkedIn archive, read what to do, without a line of code.

Served by Voila (``workbench network app``), it is a thin front over
:class:`~workbench.network.workspace.Workspace`: three uploads (the LinkedIn
archive as LinkedIn sends it; optionally a CRM export zipped, and target
accounts), then the page shows, in order: what to do this week, the
connectors with their reasons, the warm path and message to each target,
level-1/level-2 reach, the inventory by relationship history, the editorial
plan for the coming weeks, the introductions log, and downloads of the
report and the calendar.  Files stay in the rep's workbench home, and one
button deletes them.

>>> import tempfile, pathlib
>>> from workbench.network.workspace import Workspace
>>> page = RepPage(Workspace(pathlib.Path(tempfile.mkdtemp()) / "rep"))
>>> page.status.value
"<span role='status'>Upload the archive LinkedIn sent you to begin.</span>"
"""

from __future__ import annotations

import base64
import html

import pandas as pd

from ..errors import WorkbenchError
from ..i18n.messages import _

_WIDE = {"width": "min(100%, 44em)"}


def _table(df: pd.DataFrame, columns: dict, *, empty: str) -> str:
    """An HTML table of ``df``'s ``columns`` (name -> heading), or ``empty`` when there is nothing."""
    if df is None or len(df) == 0:
        return f"<p><i>{html.escape(empty)}</i></p>"
    shown = df[[c for c in columns if c in df.columns]].rename(columns=columns).copy()
    for c in shown.columns:
        if shown[c].dtype.kind == "O":
            shown[c] = shown[c].where(shown[c].notna(), "")
        if shown[c].dtype.kind == "M":
            shown[c] = shown[c].dt.strftime("%Y-%m-%d").fillna("")
        elif shown[c].dtype.kind == "f":
            shown[c] = shown[c].map(lambda x: "" if x != x else f"{x:.2f}")
    return shown.to_html(index=False, escape=True, border=0, classes="wb-table", na_rep="")


def _download(label: str, name: str, text: str, mime: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f"<a download='{html.escape(name)}' href='data:{mime};charset=utf-8;base64,{data}' "
            f"class='wb-download'>{html.escape(label)}</a>")


class RepPage:
    """The page's widgets; ``page.widget`` is what Voila shows, ``page.tables`` what it shows them from."""

    def __init__(self, workspace=None):
        import ipywidgets as w

        from ..network.introductions import OUTCOMES
        from ..network.workspace import Workspace

        self.workspace = workspace or Workspace.default()
        self.tables: dict = {}
        self.linkedin = w.FileUpload(accept=".zip", multiple=False, description=_("LinkedIn archive (.zip)"),
                                     layout={"width": "18em"})
        self.crm = w.FileUpload(accept=".zip", multiple=False, description=_("CRM export (.zip, optional)"),
                                layout={"width": "18em"})
        self.targets = w.FileUpload(accept=".txt,.csv", multiple=False, description=_("Target accounts (optional)"),
                                    layout={"width": "18em"})
        self.quiet_weeks = w.BoundedIntText(value=8, min=1, max=104, description=_("Quiet after (weeks)"),
                                            style={"description_width": "10em"}, layout={"width": "16em"})
        self.betweenness = w.ToggleButtons(options=[("default", "auto"), ("exact (slower)", "exact")],
                                           description=_("Ranking"), style={"description_width": "5em"})
        self.show = w.Button(description=_("Show my network"), button_style="primary", icon="play")
        self.delete = w.Button(description=_("Delete my files"), button_style="danger", icon="trash")
        self.status = w.HTML(self._status("Upload the archive LinkedIn sent you to begin."))
        self.this_week, self.connectors, self.reach = w.HTML(), w.HTML(), w.HTML()
        self.inventory, self.plan, self.downloads = w.HTML(), w.HTML(), w.HTML()
        self.target = w.Dropdown(description=_("Target"), options=[], style={"description_width": "5em"},
                                 layout=_WIDE)
        self.path = w.HTML()
        self.intro_target = w.Text(description=_("To meet"), placeholder=_("person or account"), layout={"width": "20em"})
        self.intro_through = w.Text(description=_("Through"), placeholder=_("who you asked"), layout={"width": "20em"})
        self.intro_outcome = w.Dropdown(description=_("Outcome"), options=list(OUTCOMES), layout={"width": "16em"})
        self.intro_date = w.DatePicker(description=_("When"), layout={"width": "16em"})
        self.log_button = w.Button(description=_("Log it"), icon="check")
        self.log_table = w.HTML()
        for upload, kind in ((self.linkedin, "linkedin"), (self.crm, "crm"), (self.targets, "targets")):
            upload.observe(lambda change, kind=kind: self._saved(kind, change["new"]), names="value")
        self.show.on_click(lambda _: self.update())
        self.delete.on_click(lambda _: self._delete())
        self.target.observe(lambda _: self._show_path(), names="value")
        self.log_button.on_click(lambda _: self._log())
        intro = w.HTML(
            "<h1>Your network</h1><p>Upload the archive LinkedIn sent you (<i>Settings &gt; Data privacy &gt; "
            "Get a copy of your data</i>: a file named <code>Basic_LinkedInDataExport_….zip</code>), as it is. "
            "Add your CRM export and your target accounts if you have them. Nothing leaves this computer: "
            f"your files are kept in <code>{html.escape(str(self.workspace.folder))}</code> until you delete them."
            "</p>")
        sections = [
            ("This week", self.this_week), ("Connectors", self.connectors),
            ("Warm introductions", w.VBox([self.target, self.path])), ("Reach", self.reach),
            ("Your contacts by relationship history", self.inventory),
            ("Editorial plan for the coming weeks", self.plan),
            ("Introductions asked for and made", w.VBox([
                w.HTML("<p>Log each introduction you ask for, and what came of it: the next ranking and paths "
                       "take it into account.</p>"),
                w.HBox([self.intro_target, self.intro_through]), w.HBox([self.intro_outcome, self.intro_date]),
                self.log_button, self.log_table])),
            ("Downloads", self.downloads)]
        body = []
        for title, content in sections:
            body += [w.HTML(f"<h2>{html.escape(title)}</h2>"), content]
        self.results = w.VBox(body, layout={"display": "none"})
        self.widget = w.VBox([intro, w.HBox([self.linkedin, self.crm, self.targets]),
                              w.HBox([self.quiet_weeks, self.betweenness]), w.HBox([self.show, self.delete]),
                              self.status, self.results])
        if self.workspace.has("linkedin"):
            self.status.value = self._status("Your archive is already here: press Show my network.")

    @staticmethod
    def _status(text: str) -> str:
        return f"<span role='status'>{html.escape(text)}</span>"

    def _saved(self, kind: str, value) -> None:
        """Keep an upload in the rep's folder as soon as it arrives."""
        if not value:
            return
        item = value[0]
        try:
            self.workspace.save(kind, item["name"], bytes(item["content"]))
        except WorkbenchError as err:
            self.status.value = self._status(str(err))
            return
        self.status.value = self._status(f"Kept {item['name']}. Press Show my network.")

    def update(self) -> None:
        """Analyse the rep's files and fill every section."""
        self.status.value = self._status("Reading your network…")
        try:
            self.tables = self.workspace.analyse(quiet_weeks=int(self.quiet_weeks.value),
                                                 betweenness=self.betweenness.value)
        except WorkbenchError as err:
            self.status.value = self._status(str(err))
            self.results.layout.display = "none"
            return
        t = self.tables
        network = t["network"]
        notes = "".join(f"<p role='alert' class='wb-warning'>{html.escape(n)}.</p>" for n in t["notes"])
        self.this_week.value = notes + (
            "<h3>Who to meet, and what to ask them</h3>"
            + _table(t["meet"], {"name": "meet", "class": "tie", "ask_for": "ask for", "message": "message"},
                     empty="No strong tie knows someone you do not: see the connectors below.")
            + "<h3>Who can introduce you to each target account</h3>"
            + _table(t["intros"], {"account": "account", "target_name": "person to meet", "who_to_ask": "ask",
                                   "message": "message to send"}, empty="Add target accounts to see who can help.")
            + "<h3>Ties going quiet</h3>"
            + _table(t["quiet"], {"name": "name", "company": "company", "weeks_quiet": "weeks without news",
                                  "next_action": "next step"}, empty="No strong tie has gone quiet."))
        rows = "".join(
            f"<li><b><bdi>{html.escape(str(r['name']))}</bdi></b>"
            + (f" (<bdi>{html.escape(str(r['company']))}</bdi>)" if r.get("company") else "")
            + f": {html.escape(r['why'])}<details><summary>details</summary>{html.escape(r['details'])}"
              "</details></li>" for r in t["connectors"].to_dict("records"))
        self.connectors.value = f"<ol class='wb-connectors'>{rows}</ol>"
        reach = t["reach"]
        self.reach.value = "".join(
            f"<p class='wb-reach'><b>{html.escape(str(r['name']))}</b>: level 1 <b>{int(r['level1']):,}</b> people "
            f"you know directly; level 2 <b>{int(r['level2']):,}</b> more they know.</p>"
            for r in reach.to_dict("records"))
        classes = t["classes"]
        self.inventory.value = _table(classes, {c: c for c in classes.columns}, empty="No contacts yet.") + \
            "<h3>Possible customers</h3>" + "".join(
                _table(df, {"name": "name", "company": "company", "class": "tie", "next_action": "next step"},
                       empty="None spotted.") for df in t["prospects"].values())
        from ..network.editorial_plan import PLAN_COLUMNS

        self.plan.value = _table(t["plan"], {c: c.replace("_id", "").replace("_", " ") for c in PLAN_COLUMNS},
                                 empty="No plan.")
        self.downloads.value = " ".join([
            _download("Download the report (HTML)", "network-report.html", t["html"], "text/html"),
            _download("Download the calendar (iCalendar)", "editorial-plan.ics", t["plan"].attrs["ics"],
                      "text/calendar")])
        self.target.options = list(t["targets"])
        self.target.value = t["targets"][0] if t["targets"] else None
        self._show_path()
        self._show_log()
        self.results.layout.display = "flex"
        self.status.value = self._status(f"{len(network.people):,} people and {len(network.ties):,} ties read.")

    def _show_path(self) -> None:
        """The best warm path into the target picked, with the message to send."""
        from ..network.paths import warm_paths

        if not self.target.value or "network" not in self.tables:
            self.path.value = ""
            return
        try:
            paths = warm_paths(self.tables["network"], self.target.value, alternatives=2)
        except WorkbenchError as err:
            self.path.value = f"<p>{html.escape(str(err))}</p>"
            return
        if paths.empty:
            self.path.value = f"<p>Nobody you know reaches {html.escape(self.target.value)} yet.</p>"
            return
        best = paths.iloc[0]
        intros = self.tables["intros"]
        message = intros.loc[intros["account"] == self.target.value, "message"]
        self.path.value = (
            f"<p class='wb-path'><b>Warm path:</b> {html.escape(best['chain'])}</p>"
            + (f"<p>You know <b>{html.escape(str(best['target_name']))}</b> directly."
               if best["who_to_ask"] == "(direct)" else f"<p>Ask <b>{html.escape(str(best['who_to_ask']))}</b>.")
            + (f" Others who could help: {html.escape(best['other_introducers'])}." if best["other_introducers"]
               else "") + "</p>"
            + (f"<blockquote>{html.escape(message.iat[0])}</blockquote>" if len(message) else ""))

    def _log(self) -> None:
        from ..network.introductions import log_introduction

        try:
            log_introduction(self.workspace.introductions_file, target=self.intro_target.value,
                             through=self.intro_through.value, outcome=self.intro_outcome.value,
                             date=self.intro_date.value)
        except WorkbenchError as err:
            self.status.value = self._status(str(err))
            return
        self.update()
        self.status.value = self._status("Logged. Your ranking and paths now take it into account.")

    def _show_log(self) -> None:
        from ..network.introductions import read_introductions

        log = read_introductions(self.workspace.introductions_file)
        self.log_table.value = _table(log, {"date": "when", "target": "to meet", "through": "through",
                                            "outcome": "outcome", "note": "note"}, empty="Nothing logged yet.")

    def _delete(self) -> None:
        self.workspace.delete()
        self.tables = {}
        self.results.layout.display = "none"
        self.status.value = self._status("Your files are deleted from this computer.")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def rep_page(workspace=None) -> RepPage:
    """Show the rep's page (in Voila or a notebook); returns it, so its tables can be read."""
    return RepPage(workspace)
