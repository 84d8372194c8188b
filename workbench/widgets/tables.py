"""Tables a trainee reads: no pandas index, words for column names, rounded numbers with units, a count.

A table printed by pandas numbers its rows from 0 (a trainee counting "open
deals" under rows 0 to 14 answers 14, not 15), names columns as code does
(``is_closed``), shows ``True`` and ``dtype: float64``.  :func:`show_table` shows
the same data as a salesperson reads it, and says how many rows there are
when ``count_label`` asks::

    show_table(open_deals, columns={"name": "deal", "amount": "amount"}, units={"amount": "€"},
               count_label="open deals")

>>> import pandas as pd
>>> deals = pd.DataFrame({"name": ["Loom X", "Dye kit"], "amount": [18000.456, 950.0], "is_closed": [False, True]})
>>> readable(deals, units={"amount": "€"}).to_dict("list")
{'name': ['Loom X', 'Dye kit'], 'amount': ['18,000 €', '950 €'], 'closed': ['no', 'yes']}
>>> "<b>2</b> open deals" in table_html(deals, count_label="open deals")
True
"""

from __future__ import annotations

import html

from ..i18n.messages import N_, _

#: Units written before the number; every other unit follows it ("80 %", "3 days").
UNITS_BEFORE = {"$", "£"}


def column_words(name) -> str:
    """A column name in words, in the trainee's language: ``is_closed`` becomes ``closed``, ``close_date``
    becomes ``close date`` (the words of every column of the schema are in the catalogue).

    >>> column_words("is_closed"), column_words("close_date"), column_words("contact_id")
    ('closed', 'close date', 'contact id')
    """
    text = str(name)
    text = text[3:] if text.startswith("is_") else text
    return _(text.replace("_", " ").strip())


def _cell(value, unit: str | None, decimals: int, order: str) -> str:
    import numbers
    from datetime import date, datetime

    import pandas as pd

    from .practice.dates import format_day

    if value is None or (not isinstance(value, str | list | tuple | dict) and pd.isna(value)):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return _("yes") if value else _("no")
    if isinstance(value, datetime | pd.Timestamp):
        stamp = pd.Timestamp(value)
        time = f" {stamp:%H:%M}" if (stamp.hour, stamp.minute) != (0, 0) else ""
        return format_day(stamp.date(), order) + time
    if isinstance(value, date):
        return format_day(value, order)
    if isinstance(value, numbers.Number):
        from ..i18n.numbers import format_number

        text = format_number(round(float(value), decimals), decimals=decimals) \
            if not isinstance(value, numbers.Integral) else format_number(int(value), decimals=0)
    else:
        text = str(value)
    if unit:
        return f"{unit}{text}" if unit in UNITS_BEFORE else f"{text} {unit}"
    return text


def readable(df, columns: dict | None = None, *, units: dict | None = None, decimals: int = 0):
    """``df`` as text a trainee reads: the ``columns`` kept and renamed (all, in words, by default),
    numbers rounded to ``decimals`` with thousands separators and their ``units`` (by original column
    name), yes/no for true/false, dates in the trainee's order, blanks for missing values.  A named
    index (a group) becomes a column; a row number is dropped."""
    import pandas as pd

    from .practice.dates import date_order

    frame = df.to_frame() if isinstance(df, pd.Series) else df
    if not isinstance(frame.index, pd.RangeIndex) and any(n is not None for n in frame.index.names):
        frame = frame.reset_index()
    columns = dict(columns) if columns else {c: column_words(c) for c in frame.columns}
    units, order = units or {}, date_order()
    return pd.DataFrame({label: [_cell(v, units.get(name), decimals, order) for v in frame[name]]
                         for name, label in columns.items()})


def table_html(df, columns: dict | None = None, *, count_label: str | None = None, units: dict | None = None,
               decimals: int = 0, max_rows: int = 50, empty: str = N_("nothing yet")) -> str:
    """:func:`readable` ``df`` as an HTML table without row numbers, under its count when ``count_label``
    names what is counted ("open deals"); at most ``max_rows`` rows, saying how many more there are.

    >>> table_html(__import__("pandas").DataFrame())
    '<i>nothing yet</i>'
    """
    from ..i18n.numbers import format_number

    count = f"<p><b>{format_number(len(df))}</b> {html.escape(_(count_label))}</p>" if count_label else ""
    if len(df) == 0:
        return count + f"<i>{html.escape(_(empty))}</i>"
    shown = readable(df.head(max_rows), columns, units=units, decimals=decimals)
    more = "<i>" + html.escape(_("… and {n} more").format(n=len(df) - max_rows)) + "</i>" if len(df) > max_rows else ""
    body = shown.to_html(index=False, escape=True, border=0, classes="workbench-table")
    return count + body.replace("<td>", '<td dir="auto">') + more


def show_table(df, columns: dict | None = None, *, count_label: str | None = None, units: dict | None = None,
               decimals: int = 0, max_rows: int = 50):
    """Show ``df`` in a notebook as a trainee reads it (see :func:`table_html`); returns the HTML shown.

    >>> import pandas as pd
    >>> shown = show_table(pd.DataFrame({"stage": ["Proposal"], "n": [3]}), {"stage": "stage", "n": "deals"})
    >>> "<th>deals</th>" in shown.data
    True
    """
    from IPython.display import HTML

    return HTML(table_html(df, columns, count_label=count_label, units=units, decimals=decimals,
                           max_rows=max_rows))


__all__ = ["UNITS_BEFORE", "column_words", "readable", "show_table", "table_html"]
