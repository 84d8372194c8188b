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
>>> print(page.status.value)
<div lang="en" dir="ltr"><span role='status'>Upload the archive LinkedIn sent you to begin.</span></div>
"""

from __future__ import annotations

import base64
import html

from ..errors import WorkbenchError
from ..i18n.language import direction
from ..i18n.messages import _
from . import in_language

_WIDE = {"width": "min(100%, 44em)"}
#: In Arabic and Persian the page's controls run right to left too (labels on the right of their field, the
#: first control of a row on the right), not only its text blocks.
RIGHT_TO_LEFT_CONTROLS = "<style>.wb-right-to-left { direction: rtl; }</style>"


def _download(label: str, name: str, text: str, mime: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f"<a download='{html.escape(name)}' href='data:{mime};charset=utf-8;base64,{data}' "
            f"class='wb-download'>{html.escape(label)}</a>")


class RepPage:
    """The page's widgets; ``page.widget`` is what Voila shows, ``page.tables`` what it shows them from.

    Every text is in the language of ``WORKBENCH_LANG``, right to left for Arabic and Persian; the
    upload and log controls keep the workbench's own values (an outcome is stored as ``made``, whatever
    the language of its label)."""

    def __init__(self, workspace=None):
        import ipywidgets as w

        from ..network.introductions import OUTCOMES, outcome_words
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
        self.betweenness = w.ToggleButtons(options=[(_("default"), "auto"), (_("exact (slower)"), "exact")],
                                           description=_("Ranking"), style={"description_width": "5em"})
        self.show = w.Button(description=_("Show my network"), button_style="primary", icon="play")
        self.delete = w.Button(description=_("Delete my files"), button_style="danger", icon="trash")
        self.status = w.HTML(self._status(_("Upload the archive LinkedIn sent you to begin.")))
        self.this_week, self.connectors, self.reach = w.HTML(), w.HTML(), w.HTML()
        self.inventory, self.plan, self.downloads = w.HTML(), w.HTML(), w.HTML()
        self.target = w.Dropdown(description=_("Target"), options=[], style={"description_width": "5em"},
                                 layout=_WIDE)
        self.path = w.HTML()
        self.intro_target = w.Text(description=_("To meet"), placeholder=_("person or account"), layout={"width": "20em"})
        self.intro_through = w.Text(description=_("Through"), placeholder=_("who you asked"), layout={"width": "20em"})
        self.intro_outcome = w.Dropdown(description=_("Outcome"), options=list(zip(outcome_words(), OUTCOMES)),
                                        layout={"width": "16em"})
        self.intro_date = w.DatePicker(description=_("When"), layout={"width": "16em"})
        self.log_button = w.Button(description=_("Log it"), icon="check")
        self.log_table = w.HTML()
        for upload, kind in ((self.linkedin, "linkedin"), (self.crm, "crm"), (self.targets, "targets")):
            upload.observe(lambda change, kind=kind: self._saved(kind, change["new"]), names="value")
        self.show.on_click(lambda _: self.update())
        self.delete.on_click(lambda _: self._delete())
        self.target.observe(lambda _: self._show_path(), names="value")
        self.log_button.on_click(lambda _: self._log())
        intro = w.HTML(in_language(
            "<h1>" + html.escape(_("Your network")) + "</h1><p>"
            + _("Upload the archive LinkedIn sent you (<i>Settings &gt; Data privacy &gt; Get a copy of your "
                "data</i>: a file named <code>Basic_LinkedInDataExport_….zip</code>), as it is. Add your CRM "
                "export and your target accounts if you have them. Nothing leaves this computer: your files "
                "are kept in <code>{folder}</code> until you delete them.").format(
                folder=f"<bdi dir='ltr'>{html.escape(str(self.workspace.folder))}</bdi>")
            + "</p>"))
        sections = [
            (_("This week"), self.this_week), (_("Connectors"), self.connectors),
            (_("Warm introductions"), w.VBox([self.target, self.path])), (_("Reach"), self.reach),
            (_("Your contacts by relationship history"), self.inventory),
            (_("Editorial plan for the coming weeks"), self.plan),
            (_("Introductions asked for and made"), w.VBox([
                w.HTML(in_language("<p>" + html.escape(_(
                    "Log each introduction you ask for, and what came of it: the next ranking and paths take "
                    "it into account.")) + "</p>")),
                w.HBox([self.intro_target, self.intro_through]), w.HBox([self.intro_outcome, self.intro_date]),
                self.log_button, self.log_table])),
            (_("Downloads"), self.downloads)]
        body = []
        for title, content in sections:
            body += [w.HTML(in_language(f"<h2>{html.escape(title)}</h2>")), content]
        self.results = w.VBox(body, layout={"display": "none"})
        self.widget = w.VBox([intro, w.HBox([self.linkedin, self.crm, self.targets]),
                              w.HBox([self.quiet_weeks, self.betweenness]), w.HBox([self.show, self.delete]),
                              self.status, self.results])
        if direction() == "rtl":
            self.widget.add_class("wb-right-to-left")
            self.widget.children = (w.HTML(RIGHT_TO_LEFT_CONTROLS), *self.widget.children)
        if self.workspace.has("linkedin"):
            self.status.value = self._status(_("Your archive is already here: press Show my network."))

    @staticmethod
    def _status(text: str) -> str:
        return in_language(f"<span role='status'>{html.escape(text)}</span>")

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
        self.status.value = self._status(_("Kept {file}. Press Show my network.").format(file=item["name"]))

    def update(self) -> None:
        """Analyse the rep's files and fill every section."""
        from ..network.editorial_plan import PLAN_COLUMNS
        from ..network.report import column_headings, connectors_list, html_table

        self.status.value = self._status(_("Reading your network…"))
        try:
            self.tables = self.workspace.analyse(quiet_weeks=int(self.quiet_weeks.value),
                                                 betweenness=self.betweenness.value)
        except WorkbenchError as err:
            self.status.value = self._status(str(err))
            self.results.layout.display = "none"
            return
        t, words, e = self.tables, column_headings(), html.escape
        network = t["network"]
        notes = "".join(f"<p role='alert' class='wb-warning'>{e(n)}.</p>" for n in t["notes"])
        self.this_week.value = in_language(
            notes + "<h3>" + e(_("Who to meet, and what to ask them")) + "</h3>"
            + html_table(t["meet"], {"name": _("meet"), "class": words["class"], "ask_for": words["ask_for"],
                                     "message": words["message"]}, css="wb-table",
                         empty=_("No strong tie knows someone you do not: see the connectors below."))
            + "<h3>" + e(_("Who can introduce you to each target account")) + "</h3>"
            + html_table(t["intros"], {c: words[c] for c in ("account", "target_name", "who_to_ask", "message")},
                         css="wb-table", empty=_("Add target accounts to see who can help."))
            + "<h3>" + e(_("Ties going quiet")) + "</h3>"
            + html_table(t["quiet"], {c: words[c] for c in ("name", "company", "weeks_quiet", "next_action")},
                         css="wb-table", empty=_("No strong tie has gone quiet.")))
        self.connectors.value = in_language(connectors_list(t["connectors"], css="wb-connectors"))
        self.reach.value = in_language("".join(
            "<p class='wb-reach'>" + _("<b>{name}</b>: level 1 <b>{level1:,}</b> people you know directly; level 2 "
                                       "<b>{level2:,}</b> more they know.").format(
                name=e(_("Team") if r["who"] == "team" else str(r["name"])), level1=int(r["level1"]),
                level2=int(r["level2"])) + "</p>"
            for r in t["reach"].to_dict("records")))
        classes = t["classes"]
        self.inventory.value = in_language(
            html_table(classes, {c: words["rep"] if c == "rep" else _(c) for c in classes.columns}, css="wb-table",
                       empty=_("No contacts yet."))
            + "<h3>" + e(_("Possible customers")) + "</h3>" + "".join(
                html_table(df, {c: words[c] for c in ("name", "company", "class", "next_action")}, css="wb-table",
                           empty=_("None spotted.")) for df in t["prospects"].values()))
        self.plan.value = in_language(html_table(t["plan"], {c: words[c] for c in PLAN_COLUMNS}, css="wb-table",
                                                  empty=_("No plan.")))
        self.downloads.value = in_language(" ".join([
            _download(_("Download the report (HTML)"), "network-report.html", t["html"], "text/html"),
            _download(_("Download the calendar (iCalendar)"), "editorial-plan.ics", t["plan"].attrs["ics"],
                      "text/calendar")]))
        self.target.options = list(t["targets"])
        self.target.value = t["targets"][0] if t["targets"] else None
        self._show_path()
        self._show_log()
        self.results.layout.display = "flex"
        self.status.value = self._status(_("{people:,} people and {ties:,} ties read.").format(
            people=len(network.people), ties=len(network.ties)))

    def _show_path(self) -> None:
        """The best warm path into the target picked, with the message to send."""
        from ..network.paths import warm_paths

        if not self.target.value or "network" not in self.tables:
            self.path.value = ""
            return
        e = html.escape
        try:
            paths = warm_paths(self.tables["network"], self.target.value, alternatives=2)
        except WorkbenchError as err:
            self.path.value = in_language(f"<p>{e(str(err))}</p>")
            return
        if paths.empty:
            self.path.value = in_language("<p>" + _("Nobody you know reaches {target} yet.").format(
                target=f"<bdi>{e(self.target.value)}</bdi>") + "</p>")
            return
        best = paths.iloc[0]
        intros = self.tables["intros"]
        message = intros.loc[intros["account"] == self.target.value, "message"]
        if best["who_to_ask"] == "(direct)":
            ask = _("You know <b>{name}</b> directly.").format(name=f"<bdi>{e(str(best['target_name']))}</bdi>")
        else:
            ask = _("Ask <b>{name}</b>.").format(name=f"<bdi>{e(str(best['who_to_ask']))}</bdi>")
        others = (" " + _("Others who could help: {names}.").format(names=e(best["other_introducers"]))
                  if best["other_introducers"] else "")
        self.path.value = in_language(
            "<p class='wb-path'>" + _("<b>Warm path:</b> {chain}").format(chain=f"<bdi>{e(best['chain'])}</bdi>")
            + "</p>" + f"<p>{ask}{others}</p>"
            + (f"<blockquote dir='auto'>{e(message.iat[0])}</blockquote>" if len(message) else ""))

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
        self.status.value = self._status(_("Logged. Your ranking and paths now take it into account."))

    def _show_log(self) -> None:
        from ..network.introductions import COLUMNS, read_introductions
        from ..network.report import column_headings, html_table

        words = column_headings()
        log = read_introductions(self.workspace.introductions_file)
        self.log_table.value = in_language(html_table(log, {c: words[c] for c in COLUMNS}, css="wb-table",
                                                       empty=_("Nothing logged yet.")))

    def _delete(self) -> None:
        self.workspace.delete()
        self.tables = {}
        self.results.layout.display = "none"
        self.status.value = self._status(_("Your files are deleted from this computer."))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def rep_page(workspace=None) -> RepPage:
    """Show the rep's page (in Voila or a notebook); returns it, so its tables can be read."""
    return RepPage(workspace)
