"""An assessment's table as the trainee reads it: headings and values in their language, with drop-down lists.

The checks compute from the English table (its column names and values are keys they compare);
the trainee sees a copy whose headings (English message ids) and chosen values are translated.

>>> import pandas as pd
>>> from workbench.i18n.language import use_language
>>> table = pd.DataFrame({"Stage": ["Closed Won"], "Overdue": ["yes"]})
>>> with use_language("fr"):
...     shown = in_language(table, {"Stage": stage_name, "Overdue": yes_no})
>>> list(shown.columns), shown.iloc[0].tolist()
(['Étape', 'En retard'], ['Gagnée', 'oui'])
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.exercises.words import stage_name
from workbench.i18n.messages import _


def yes_no(value) -> str:
    """``"yes"`` or ``"no"`` (as the tables write them) in the trainee's language."""
    return _(str(value))


def in_language(table, values: dict[str, Callable] | None = None):
    """A copy of ``table`` whose headings are translated and whose ``values`` columns are said by their function."""
    shown = table.copy()
    for column, say in (values or {}).items():
        shown[column] = shown[column].map(say)
    return shown.rename(columns={column: _(column) for column in shown.columns})


def explorer(table, *, filters: list[str], totals: list[str] = (), orders: dict | None = None,
             values: dict[str, Callable] | None = None):
    """A :class:`~workbench.widgets.table_filter.TableFilter` over ``table`` in the trainee's language:
    ``filters``, ``totals`` and ``orders`` name the English columns, ``values`` says how to show a column's values.
    """
    from workbench.widgets.table_filter import TableFilter

    values = values or {}
    orders = {_(column): [values[column](v) if column in values else v for v in order]
              for column, order in (orders or {}).items()}
    return TableFilter(in_language(table, values), filters=[_(c) for c in filters], totals=[_(c) for c in totals],
                       orders=orders)


__all__ = ["explorer", "in_language", "stage_name", "yes_no"]
