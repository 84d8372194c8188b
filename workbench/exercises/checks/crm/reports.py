"""Checks for notebooks/crm/09-reports-and-dashboards and its practice set."""

import tempfile
from functools import partial
from pathlib import Path

import pandas as pd

from workbench.crm import pipeline, reports
from workbench.errors import InputError
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number, Text
from workbench.exercises.marking import close
from workbench.i18n.messages import _

METRICS = {
    "weighted pipeline": True,
    "win rate": True,
    "deals past their close date": True,
    "activities logged per rep": True,
    "number of fields in the CRM": False,
    "number of logins to the CRM": False,
    "total emails ever sent": False,
}


@exercise("crm.reports.few-metrics", title="A sales manager wants a one-screen dashboard. Which metrics earn a place?",
          answer=MultiChoice(list(METRICS)),
          solution=lambda ctx: [k for k, v in METRICS.items() if v],
          wrong=[(lambda ctx: list(METRICS), "decision"),
                 (lambda ctx: ["weighted pipeline", "win rate"], "record their work")], max_points=2)
def _few_metrics(answer, ctx):
    return Result.for_ticks(
        METRICS, answer,
        right=_("Right: four metrics that each lead to an action; the others only fill the screen."),
        extra=(_("'{option}' does not tell the manager what to do."),
               (_("Ask of each metric: what would the manager do if it moved?"),
                _("Keep a metric only if a change in it leads to a decision about customers or deals."))),
        missed=(_("You left out '{option}'."),
                (_("Look for the metrics a manager acts on: the forecast, and whether the CRM is used."),
                 _("Keep each metric that shows where the sales are heading or whether reps record their work."))))


def _kpi(ctx, metric):
    table = reports.kpis(ctx.data).set_index("metric")["value"]
    return float(table[metric])


@exercise("crm.reports.open-pipeline", title="Read the KPI table: what is the open pipeline?",
          answer=Number("Open pipeline"),
          solution=lambda ctx: _kpi(ctx, "Open pipeline"),
          wrong=[Mistake(lambda ctx: float(ctx.data.opportunities["amount"].sum()),
                         "That adds up every deal ever, won and lost included.",
                         ("The pipeline holds only open deals.", "Read the open pipeline row of the KPI table."),
                         compare=partial(close, tolerance=1))])
def _open_pipeline(answer, ctx):
    expected = float(ctx.data.opportunities.loc[~ctx.data.opportunities["is_closed"].fillna(False).astype(bool),
                                                 "amount"].sum())
    if close(answer, expected, tolerance=1):
        return Result.right(1, _('Yes: {expected:,.0f} of open deals.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the open pipeline.').format(answer=answer), (_("Look at the KPI table of the lesson."),
                                                                   _("Read the row of the open pipeline.")))


def _rates(ctx, min_closed=5):
    rates = reports.owner_names(pipeline.win_rate(ctx.data.opportunities, by="owner_id"), ctx.data.users)
    return rates[rates["closed"] >= min_closed].sort_values(["win_rate", "owner"], kind="stable")


@exercise("crm.reports.lowest-win-rate",
          title="On the dashboard, whose win rate is the lowest (owners with at least 5 closed deals)?",
          answer=Choice(lambda ctx: sorted(_rates(ctx)["owner"]), label="Owner"),
          solution=lambda ctx: _rates(ctx)["owner"].iloc[0],
          wrong=[(lambda ctx: _rates(ctx)["owner"].iloc[-1], "lowest")])
def _lowest(answer, ctx):
    rates = _rates(ctx).set_index("owner")
    expected = rates.index[0]
    if answer == expected:
        return Result.right(1, _('Yes: {expected} wins {win_rate:.0%} of closed deals. Worth a coaching conversation, not a reprimand: look at '
                                  'which deals they lose.').format(expected=expected, win_rate=rates.loc[expected, 'win_rate']))
    if answer in rates.index:
        return Result.wrong(1, _('{answer} wins {win_rate:.0%}; someone wins fewer.').format(answer=answer, win_rate=rates.loc[answer, 'win_rate']),
                            (_("Look at the win rate of each owner."), _("Sort it from the lowest and take the top name.")))
    return Result.wrong(1, _('{answer!r} is not an owner with at least 5 closed deals.').format(answer=answer), _("Pick a name from the list."))


def _slipped_ids(ctx):
    return set(pipeline.slipped_deals(ctx.data.opportunities, ctx.data.as_of)["opportunity_id"].astype(str))


def _write(ctx, table, name):
    folder = Path(tempfile.mkdtemp(prefix="wb-export-"))
    return str(reports.export({"slipped deals": table}, folder / name))


@exercise("crm.reports.export-slipped",
          title="Export the slipped deals to an Excel file for the sales manager, then type the file's name",
          answer=Text("File name", placeholder="slipped-deals.xlsx"),
          solution=lambda ctx: _write(ctx, pipeline.slipped_deals(ctx.data.opportunities, ctx.data.as_of),
                                      "slipped-deals.xlsx"),
          wrong=[(lambda ctx: _write(ctx, ctx.data.opportunities[~ctx.data.opportunities["is_closed"]
                                                                 .fillna(False).astype(bool)], "open.xlsx"), "slipped"),
                 (lambda ctx: "no-such-file.xlsx", "export")])
def _export(answer, ctx):
    if not isinstance(answer, str) or not answer.strip():
        raise InputError(_("the answer should be a file name"), fix=_("type the name of the file you exported"))
    path = Path(answer.strip()).expanduser()
    if path.suffix.lower() != ".xlsx":
        return Result.wrong(1, _('{name} is not an Excel file.').format(name=path.name),
                            (_("Look at the end of the file name."),
                             _("Export with a name ending in .xlsx, so the manager can open it in Excel.")))
    if not path.exists():
        return Result.wrong(1, _('There is no file called {path} next to this notebook.').format(path=path),
                            (_("Look at the export cell above: has it run?"),
                             _("Run the export cell first, then type the exact name it printed.")))
    try:
        sheets = pd.read_excel(path, sheet_name=None)
    except Exception:  # a file that is not a workbook
        return Result.wrong(1, _('{name} could not be read as an Excel workbook.').format(name=path.name),
                            (_("Look at the export cell of the lesson."), _("Export the table with a name ending in .xlsx.")))
    expected = _slipped_ids(ctx)
    for sheet in sheets.values():
        if "opportunity_id" in sheet.columns:
            got = set(sheet["opportunity_id"].astype(str))
            if got == expected:
                return Result.right(1, _('Yes: {n_expected} slipped deals, ready to share.').format(n_expected=len(expected)))
            if got > expected:
                return Result.wrong(1, _('The file lists {n_got} deals; only {n_expected} have slipped.').format(n_got=len(got), n_expected=len(expected)),
                                    (_("Look at which rows you exported."),
                                     _("Export only the slipped deals: open deals whose close date has passed.")))
            return Result.wrong(1, _('The file lists {n_got} deals, not the {n_expected} slipped ones.').format(n_got=len(got), n_expected=len(expected)),
                                (_("Look at the slipped deals table of the lesson."), _("Export that table, unchanged.")))
    return Result.wrong(1, _("No sheet in the file has an opportunity_id column."),
                        (_("Look at the columns of your export: the deal's identifier is missing."),
                         _("Export the slipped deals table as it is, with its deal identifier column.")))
