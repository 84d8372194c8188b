"""A table a trainee narrows with drop-down lists, reading how many rows match and their totals.

Assessments ask for numbers the trainee computes rather than reads: pick a value in a
few columns and the widget counts the rows that match and adds up the money columns.

>>> import pandas as pd
>>> deals = pd.DataFrame({"Owner": ["Ana", "Ana", "Bo"], "Stage": ["Proposal", "Won", "Proposal"],
...                       "Amount": [100.0, 50.0, 30.0]})
>>> f = TableFilter(deals, filters=["Owner", "Stage"], totals=["Amount"])
>>> f.pick(Owner="Ana")
>>> len(f.matches()), f.summary()
(2, '2 rows match · Amount: total 150, average 75')
>>> f.pick(Stage="Proposal"); f.summary()
'1 row matches · Amount: total 100, average 100'
>>> [label for label, value in TableFilter(deals, filters=["Stage"], orders={"Stage": ["Won", "Proposal"]})
...                            .lists["Stage"].options]
['(any)', 'Won', 'Proposal']
"""

from __future__ import annotations

import html

from ..i18n.messages import _, ngettext
from . import in_language

ANY = "(any)"  # the value of "no condition" in every list; its label is translated


def matching(table, picks: dict):
    """The rows of ``table`` whose columns hold the picked values (``ANY`` or absent: no condition).

    >>> import pandas as pd
    >>> matching(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]}), {"a": "y"})["b"].tolist()
    [2]
    """
    keep = None
    for column, value in picks.items():
        if value in (None, ANY):
            continue
        hit = table[column].astype(str) == str(value)
        keep = hit if keep is None else keep & hit
    return table if keep is None else table[keep]


class TableFilter:
    """Drop-down lists over ``filters`` columns of ``table``; the count of matching rows and the total and
    average of each ``totals`` column; the first ``show`` matching rows below.

    A list offers its column's values alphabetically, or in the order ``orders[column]`` gives
    (the stages of a pipeline in their own order)."""

    def __init__(self, table, *, filters: list[str], totals: list[str] = (), show: int = 8,
                 orders: dict | None = None):
        import ipywidgets as w

        self.table = table.reset_index(drop=True)
        self.totals = list(totals)
        self.show = show

        def options(column):
            present = {str(v) for v in self.table[column].dropna()}
            first = [str(v) for v in (orders or {}).get(column, ()) if str(v) in present]
            return [(_("(any)"), ANY), *((v, v) for v in [*first, *sorted(present - set(first))])]

        self.lists = {c: w.Dropdown(options=options(c), value=ANY,
                                    description=c, style={"description_width": "initial"},
                                    layout={"width": "max-content"}) for c in filters}
        self.result = w.HTML()
        for box in self.lists.values():
            box.observe(lambda _: self.update(), names="value")
        self.box = w.VBox([w.HBox(list(self.lists.values()), layout={"flex_flow": "row wrap"}), self.result])
        self.update()

    def pick(self, **values) -> None:
        """Set some lists (``pick(Owner="Ana")``), as a trainee would."""
        for column, value in values.items():
            self.lists[column].value = value

    def matches(self):
        return matching(self.table, {c: box.value for c, box in self.lists.items()})

    def summary(self) -> str:
        rows = self.matches()
        parts = [ngettext("{n:,} row matches", "{n:,} rows match", len(rows)).format(n=len(rows))]
        for column in self.totals:
            values = rows[column].dropna()
            parts.append((_("{column}: total {total:,.0f}, average {average:,.0f}") if len(values) else
                          _("{column}: total {total:,.0f}")).format(column=column, total=values.sum(),
                                                                     average=values.mean() if len(values) else 0))
        return " · ".join(parts)

    def update(self) -> None:
        rows = self.matches()
        shown = rows.head(self.show).to_html(index=False, border=0, na_rep="", float_format=lambda x: f"{x:,.0f}")
        more = ("<p>" + html.escape(_("… and {n} more").format(n=len(rows) - self.show)) + "</p>"
                if len(rows) > self.show else "")
        self.result.value = in_language(f"<p><b>{html.escape(self.summary())}</b></p>{shown}{more}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.box)
