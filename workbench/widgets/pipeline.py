"""The pipeline board: deals in columns by stage; move a deal and watch the weighted totals change.

A thin front-end over :mod:`workbench.crm.pipeline` (``board``, ``move_deal``,
``weighted_pipeline``): the widget holds no logic of its own.  It stays quick
with 15,000 open deals: each column lists one page of its deals, the largest
amounts first, with buttons to page through the rest; the "Find deal" box
narrows every column and the deal picker to the deals whose id or name
contain the words typed (press Enter); and a move redraws only the two
columns it touches.  Everything is keyboard usable: Tab moves between the
stage lists, the paging buttons and the controls, the arrow keys pick a
deal, and the "Move to" list and button move it.

>>> import pandas as pd
>>> deals = pd.DataFrame({"opportunity_id": ["O1", "O2"], "name": ["Big deal", "Small deal"],
...     "stage": ["A", "B"], "probability": [10, 60], "amount": [1000.0, 500.0], "is_closed": [False, False]})
>>> stages = pd.DataFrame({"stage": ["A", "B", "Won"], "sort_order": [1, 2, 3], "default_probability": [10, 60, 100],
...                        "is_closed": [False, False, True], "is_won": [False, False, True]})
>>> b = PipelineBoard(deals, stages)
>>> b.weighted
400.0
>>> b.move("O1", "B")
>>> b.weighted, b.deals.set_index("opportunity_id").loc["O1", "probability"]
(900.0, np.int64(60))
>>> b.column("B")["opportunity_id"].tolist()
['O1', 'O2']
>>> b.find("small"); b.column("B")["opportunity_id"].tolist()
['O2']
"""

from __future__ import annotations

import html
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..crm import columns as col
from ..crm import pipeline
from ..errors import InputError
from ..i18n.messages import _, ngettext
from ..text import search_key
from . import in_language

__all__ = ["PipelineBoard", "StageColumn", "pipeline_board"]


class StageColumn(NamedTuple):
    """The widgets of one stage's column: header (totals), deals (a list), shown ("1–8 of 120") and paging buttons."""

    box: object
    header: object
    deals: object
    shown: object
    previous: object
    next: object


def _money(x: float) -> str:
    """An amount as the trainee's language writes it, without decimals ("?" when unknown).

    >>> _money(18000.4), _money(float("nan"))
    ('18,000', '?')
    """
    from ..i18n.numbers import format_number

    return "?" if pd.isna(x) else format_number(round(float(x)), decimals=0)


class PipelineBoard:
    """A pipeline board over ``deals`` (``data.opportunities``) and ``stages`` (``data.stages``).

    ``open_only=True`` starts from the open deals; deals moved to a closed stage
    stay on the board in that column.  ``board.deals`` is the current table
    (after every move), ready for a check or an export.  Each column shows
    ``rows`` deals a page; the deal picker offers the ``picker_size`` largest
    deals matching the search.  Once shown (``.widget``), its parts are
    ``.total``, ``.stage_columns`` (stage → :class:`StageColumn`), ``.search``
    (the "Find deal" box), ``.deal`` (the picker), ``.target``, ``.button``
    and ``.status``.
    """

    def __init__(self, deals: pd.DataFrame, stages: pd.DataFrame | None = None, *, open_only: bool = True,
                 rows: int = 8, picker_size: int = 50):
        where = "PipelineBoard(deals, stages)"
        pipeline.board(deals, stages)  # validates both tables
        if "opportunity_id" not in deals.columns:
            raise InputError(_("column 'opportunity_id' is missing"), where=where, fix=_("pass data.opportunities"))
        for name, value in (("rows", rows), ("picker_size", picker_size)):
            if not col.is_number(value, whole=True) or value < 1:
                raise InputError(_('{name} must be a positive whole number, got {value!r}').format(name=name, value=value), where=where,
                                 fix=_('leave {name} out, or pass a number such as 8').format(name=name))
        if open_only and "is_closed" in deals.columns:
            deals = deals[~col.flags(deals, "is_closed", where=where)]
        self.deals = deals.reset_index(drop=True).copy()
        self.stages = stages
        self.rows, self.picker_size = int(rows), int(picker_size)
        self.history: list[tuple[str, str, str]] = []  # (opportunity_id, from, to)
        self.query = ""
        self.pages: dict[str, int] = {}
        self._ids = self.deals["opportunity_id"].astype(str).to_numpy()
        names = self.deals["name"] if "name" in self.deals.columns else pd.Series("", index=self.deals.index)
        self._text = pd.Series(search_key(self._ids + " " + names.fillna("").astype(str).to_numpy()), dtype="string")
        self._by_amount = np.argsort(-col.numbers(self.deals, "amount", where=where).to_numpy(), kind="stable")
        self._match = np.ones(len(self.deals), dtype=bool)
        self._stage_of = self.deals["stage"].astype(str).to_numpy()
        self._summary = self.summary()
        self._widget = None

    # ---- logic, through the pipeline functions ----
    @property
    def weighted(self) -> float:
        """The weighted pipeline of the open deals now on the board."""
        return pipeline.weighted_pipeline(self.deals)

    def summary(self) -> pd.DataFrame:
        """Deals, amount and weighted amount per stage, in pipeline order."""
        return pipeline.board(self.deals, self.stages)

    def stage_names(self) -> list[str]:
        """The board's columns, in pipeline order."""
        return self._summary["stage"].tolist()

    def _in_column(self, stage: str) -> np.ndarray:
        """Row positions of the deals matching the search in ``stage``, largest amount first."""
        order = self._by_amount
        return order[(self._stage_of[order] == stage) & self._match[order]]

    def column(self, stage: str, page: int = 0) -> pd.DataFrame:
        """One page of ``stage``'s column: the deals matching the search, largest amount first."""
        rows = self._in_column(str(stage))[page * self.rows:(page + 1) * self.rows]
        return self.deals.iloc[rows]

    def find(self, query: str) -> None:
        """Show only the deals whose id or name contain every word of ``query`` ("" shows them all)."""
        if not isinstance(query, str):
            raise InputError(_('the search must be text, got {kind}').format(kind=type(query).__name__), where="PipelineBoard.find(query)",
                             fix=_("type part of a deal's name or id, e.g. 'OP0042' or 'warranty'"))
        match = np.ones(len(self.deals), dtype=bool)
        for word in search_key([query])[0].split():
            match &= self._text.str.contains(word, regex=False).to_numpy(dtype=bool)
        self.query, self._match, self.pages = query, match, {}
        if self._widget is not None:
            self._refresh(self.stage_names())
            self._fill_picker()

    def move(self, opportunity_id: str, stage: str) -> None:
        """Move one deal to ``stage`` (taking the stage's default probability when stages are known)."""
        self.deals = pipeline.move_deal(self.deals, opportunity_id, stage, self.stages)
        position = int(np.flatnonzero(self._ids == str(opportunity_id))[0])
        before = self._stage_of[position]
        self._stage_of = self.deals["stage"].astype(str).to_numpy()
        self._summary = self.summary()
        self.history.append((str(opportunity_id), before, str(stage)))
        if self._widget is not None:
            self._refresh([before, str(stage)])

    # ---- display ----
    def _label(self, row) -> str:
        name = row["name"] if "name" in row.index and pd.notna(row["name"]) else ""
        return " · ".join(str(part) for part in (row["opportunity_id"], name, _money(float(row["amount"]))) if part)

    def _build(self):
        import ipywidgets as w

        self.total = w.HTML()
        self._lanes = w.HBox(layout={"overflow": "auto", "width": "100%"})
        self.stage_columns: dict[str, StageColumn] = {}
        self.search = w.Text(placeholder=_("deal name or id; press Enter"), description=_("Find deal"),
                             continuous_update=False, style={"description_width": "initial"})
        self.search.observe(lambda change: self.find(change["new"]), names="value")
        self.deal = w.Dropdown(options=[], description=_("Deal"), style={"description_width": "initial"})
        self.target = w.Dropdown(options=[], description=_("Move to"), style={"description_width": "initial"})
        self.button = w.Button(description=_("Move deal"), icon="arrow-right", button_style="primary",
                               tooltip=_("Move the chosen deal to the chosen stage"))
        self.status = w.HTML()
        self.status.add_class("workbench-feedback")
        self.button.on_click(lambda _: self._on_move())
        controls = w.HBox([self.search, self.deal, self.target, self.button], layout={"flex_flow": "row wrap"})
        self._widget = w.VBox([self.total, self._lanes, controls, self.status])
        self._refresh(self.stage_names())
        self._fill_picker()
        return self._widget

    def _build_columns(self):
        import ipywidgets as w

        self.stage_columns = {}
        for stage in self.stage_names():
            deals = w.Select(options=[], value=None, rows=self.rows, layout={"width": "15em"}, description="",
                             tooltip=_('Deals in {stage}').format(stage=stage))
            deals.observe(self._on_pick, names="value")
            previous = w.Button(icon="arrow-left", tooltip=_('Previous deals in {stage}').format(stage=stage), layout={"width": "3em"})
            following = w.Button(icon="arrow-right", tooltip=_('Next deals in {stage}').format(stage=stage), layout={"width": "3em"})
            previous.on_click(lambda _, s=stage: self._turn(s, -1))
            following.on_click(lambda _, s=stage: self._turn(s, 1))
            header, shown = w.HTML(), w.HTML()
            box = w.VBox([header, deals, w.HBox([previous, shown, following])],
                         layout={"border": "1px solid #ddd", "padding": "4px", "margin": "0 4px 0 0"})
            self.stage_columns[stage] = StageColumn(box, header, deals, shown, previous, following)
        self._lanes.children = [column.box for column in self.stage_columns.values()]
        self.target.options = self.stage_names()

    def _refresh(self, stages):
        """Redraw the columns of ``stages`` and the total (every column when the stages changed)."""
        if list(self.stage_columns) != self.stage_names():  # first draw, or a move to a stage the board did not show
            self._build_columns()
            stages = self.stage_names()
        totals = self._summary.set_index("stage")
        for stage in dict.fromkeys(stages):
            column = self.stage_columns[stage]
            matching = self._in_column(stage)
            pages = max(1, -(-len(matching) // self.rows))
            page = self.pages[stage] = min(self.pages.get(stage, 0), pages - 1)
            deals = self.deals.iloc[matching[page * self.rows:(page + 1) * self.rows]]
            column.deals.options = [(self._label(row), str(row["opportunity_id"])) for _, row in deals.iterrows()]
            count = int(totals.loc[stage, "deals"])
            lines = [ngettext("{n:,} deal · {amount}", "{n:,} deals · {amount}", count).format(
                         n=count, amount=_money(totals.loc[stage, "amount"])),
                     _("weighted {amount}").format(amount=_money(totals.loc[stage, "weighted"]))]
            if self.query.strip():
                lines.append(ngettext("{n:,} matches the search", "{n:,} match the search", len(matching)).format(
                    n=len(matching)))
            column.header.value = in_language(f"<b><bdi>{html.escape(stage)}</bdi></b><br><small>"
                                              + "<br>".join(lines) + "</small>")
            first = page * self.rows + 1 if len(matching) else 0
            column.shown.value = in_language("<small>" + _("{first:,}–{last:,} of {total:,}").format(
                first=first, last=page * self.rows + len(deals), total=len(matching)) + "</small>")
            column.previous.disabled, column.next.disabled = page == 0, page >= pages - 1
        open_count = len(self.deals) - int(col.flags(self.deals, "is_closed", where="PipelineBoard").sum()) \
            if "is_closed" in self.deals.columns else len(self.deals)
        self.total.value = in_language(ngettext("<b>Weighted pipeline: {amount}</b> ({n:,} open deal)",
                                                "<b>Weighted pipeline: {amount}</b> ({n:,} open deals)",
                                                open_count).format(amount=_money(self.weighted), n=open_count))

    def _fill_picker(self):
        """The deal picker: the largest deals matching the search."""
        rows = self._by_amount[self._match[self._by_amount]][:self.picker_size]
        self.deal.options = [(self._label(row), str(row["opportunity_id"]))
                             for _, row in self.deals.iloc[rows].iterrows()]

    def _turn(self, stage: str, step: int):
        self.pages[stage] = max(self.pages.get(stage, 0) + step, 0)
        self._refresh([stage])

    def _on_pick(self, change):
        deal = change["new"]
        if deal is None:
            return
        if deal not in {value for _, value in self.deal.options}:  # a deal beyond the picker's list
            row = self.deals.iloc[int(np.flatnonzero(self._ids == deal)[0])]
            self.deal.options = [(self._label(row), deal), *self.deal.options]
        self.deal.value = deal

    def _on_move(self):
        deal, stage = self.deal.value, self.target.value
        if deal is None or stage is None:
            self.status.value = in_language('<span role="status">' + html.escape(_("Choose a deal and a stage first.")) + '</span>')
            return
        before = self.weighted
        try:
            self.move(deal, stage)
        except InputError as err:
            self.status.value = in_language(f'<span role="status">{html.escape(str(err))}</span>')
            return
        moved = _("Moved {deal} to {stage}: weighted pipeline {before} → {after}.").format(
            deal=f"<bdi>{html.escape(deal)}</bdi>", stage=f"<bdi>{html.escape(stage)}</bdi>", before=_money(before),
            after=_money(self.weighted))
        self.status.value = in_language(f'<span role="status">{moved}</span>')

    @property
    def widget(self):
        """The ipywidgets box (built on first use)."""
        return self._widget if self._widget is not None else self._build()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def pipeline_board(deals: pd.DataFrame, stages: pd.DataFrame | None = None, **kwargs) -> PipelineBoard:
    """Show a :class:`PipelineBoard` (``pipeline_board(data.opportunities, data.stages)``).

    >>> import pandas as pd
    >>> pipeline_board(pd.DataFrame({"opportunity_id": ["O1"], "stage": ["A"], "probability": [50],
    ...                              "amount": [200.0]})).weighted
    100.0
    """
    return PipelineBoard(deals, stages, **kwargs)
