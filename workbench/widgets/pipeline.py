"""The pipeline board: deals in columns by stage; move a deal and watch the weighted totals change.

A thin front-end over :mod:`workbench.crm.pipeline` (``board``, ``move_deal``,
``weighted_pipeline``): the widget holds no logic of its own.  Everything is
keyboard usable: Tab moves between the stage lists, the arrow keys pick a
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
"""

from __future__ import annotations

import html

import pandas as pd

from ..crm import pipeline
from ..errors import InputError


def _money(x: float) -> str:
    return f"{x:,.0f}"


class PipelineBoard:
    """A pipeline board over ``deals`` (``data.opportunities``) and ``stages`` (``data.stages``).

    ``open_only=True`` starts from the open deals; deals moved to a closed stage
    stay on the board in that column.  ``board.deals`` is the current table
    (after every move), ready for a check or an export.
    """

    def __init__(self, deals: pd.DataFrame, stages: pd.DataFrame | None = None, *, open_only: bool = True,
                 rows: int = 8):
        where = "PipelineBoard(deals, stages)"
        pipeline.board(deals, stages)  # validates both tables
        if "opportunity_id" not in deals.columns:
            raise InputError("column 'opportunity_id' is missing", where=where, fix="pass data.opportunities")
        if open_only and "is_closed" in deals.columns:
            deals = deals[~deals["is_closed"].fillna(False).astype(bool)]
        self.deals = deals.reset_index(drop=True).copy()
        self.stages = stages
        self.rows = rows
        self.history: list[tuple[str, str, str]] = []  # (opportunity_id, from, to)
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
        return self.summary()["stage"].tolist()

    def move(self, opportunity_id: str, stage: str) -> None:
        """Move one deal to ``stage`` (taking the stage's default probability when stages are known)."""
        before = self.deals.loc[self.deals["opportunity_id"].astype(str) == str(opportunity_id), "stage"]
        self.deals = pipeline.move_deal(self.deals, opportunity_id, stage, self.stages)
        self.history.append((str(opportunity_id), str(before.iloc[0]), str(stage)))
        if self._widget is not None:
            self._refresh()

    # ---- display ----
    def _label(self, row) -> str:
        name = row.get("name", row["opportunity_id"]) if hasattr(row, "get") else row["opportunity_id"]
        return f"{row['opportunity_id']} · {name} · {_money(float(row['amount']))}"

    def _build(self):
        import ipywidgets as w

        self._total = w.HTML()
        self._columns = w.HBox(layout={"overflow": "auto", "width": "100%"})
        ids = self.deals["opportunity_id"].astype(str).tolist()
        self._deal = w.Dropdown(options=ids, value=ids[0] if ids else None, description="Deal",
                                style={"description_width": "initial"})
        self._target = w.Dropdown(options=self.stage_names(), description="Move to",
                                  style={"description_width": "initial"})
        self._button = w.Button(description="Move deal", icon="arrow-right", button_style="primary",
                                tooltip="Move the chosen deal to the chosen stage")
        self._status = w.HTML()
        self._status.add_class("workbench-feedback")
        self._button.on_click(lambda _: self._on_move())
        controls = w.HBox([self._deal, self._target, self._button])
        self._widget = w.VBox([self._total, self._columns, controls, self._status])
        self._refresh()
        return self._widget

    def _refresh(self):
        import ipywidgets as w

        summary = self.summary()
        columns = []
        for stage, deals_n, amount, weighted in summary[["stage", "deals", "amount", "weighted"]].itertuples(index=False):
            in_stage = self.deals[self.deals["stage"].astype(str) == stage]
            options = [(self._label(r), str(r["opportunity_id"])) for _, r in in_stage.iterrows()]
            header = w.HTML(f"<b>{html.escape(stage)}</b><br><small>{deals_n} deals · {_money(amount)}"
                            f"<br>weighted {_money(weighted)}</small>")
            pick = w.Select(options=options, value=None, rows=self.rows, layout={"width": "15em"},
                            description="", tooltip=f"Deals in {stage}")
            pick.observe(self._on_pick, names="value")
            columns.append(w.VBox([header, pick], layout={"border": "1px solid #ddd", "padding": "4px",
                                                          "margin": "0 4px 0 0"}))
        self._columns.children = columns
        closed = self.deals["is_closed"].fillna(False).astype(bool) if "is_closed" in self.deals else False
        open_count = int((~pd.Series(closed, index=self.deals.index)).sum())
        self._total.value = f"<b>Weighted pipeline: {_money(self.weighted)}</b> ({open_count} open deals)"

    def _on_pick(self, change):
        if change["new"] is not None:
            self._deal.value = change["new"]

    def _on_move(self):
        deal, stage = self._deal.value, self._target.value
        if deal is None or stage is None:
            self._status.value = '<span role="status">Choose a deal and a stage first.</span>'
            return
        before = self.weighted
        try:
            self.move(deal, stage)
        except InputError as err:
            self._status.value = f'<span role="status">{html.escape(str(err))}</span>'
            return
        self._status.value = (f'<span role="status">Moved {html.escape(deal)} to {html.escape(stage)}: weighted '
                              f'pipeline {_money(before)} → {_money(self.weighted)}.</span>')

    @property
    def widget(self):
        """The ipywidgets box (built on first use)."""
        return self._widget if self._widget is not None else self._build()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def pipeline_board(deals: pd.DataFrame, stages: pd.DataFrame | None = None, **kwargs) -> PipelineBoard:
    """Show a :class:`PipelineBoard` (``pipeline_board(data.opportunities, data.stages)``)."""
    return PipelineBoard(deals, stages, **kwargs)
