"""What every practice CRM screen shares: the Screen base, the width, and the status lines it shows.

Every screen is an object with a ``widget`` (shown when the object is the last
line of a cell) and the controls as attributes, so a test, or a curious
trainee, can fill a form and press a button in code.  Screens are at most
60em wide, to fit a laptop.

>>> print(status_html(True, "Saved Nusrat Jahan (C001)."))
<div role="status" lang="en" dir="ltr" style="border-inline-start:4px solid #1b7f3b;padding:4px 8px;margin:4px 0"><b style="color:#1b7f3b">✔</b> Saved Nusrat Jahan (C001).</div>
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from ...errors import WorkbenchError
from ...exercises.words import in_words
from ...i18n.html import language_attributes
from ...i18n.messages import N_, _
from .. import tables
from ..tables import column_words

WIDTH = "min(100%, 60em)"
STYLE = {"description_width": "12em"}  # the longest label ("how you learned it") in full


def ipywidgets():
    """The ipywidgets module, imported when a screen is first built."""
    import ipywidgets

    return ipywidgets


def text_html(text: str) -> str:
    """``text`` escaped for HTML, its bidi-isolated names (U+2068 ... U+2069) as ``<bdi>`` elements,
    which a browser also keeps out of a ``dir="auto"`` paragraph's direction.

    >>> text_html("\u2068رضا\u2069 & co")
    '<bdi>رضا</bdi> &amp; co'
    """
    return html.escape(text).replace("\u2068", "<bdi>").replace("\u2069", "</bdi>")


def tagged(text: str, tag: str = "b") -> str:
    """``text`` escaped, inside an HTML element ``tag`` (a heading, bold or italic words).

    Give it the text already translated, ``tagged(_("Move a deal"), "h4")``: a ``_()`` call written inside
    an f-string is not found by the catalogue's extractor.

    >>> tagged("Deals & leads", "h4")
    '<h4>Deals &amp; leads</h4>'
    """
    return f"<{tag}>{html.escape(text)}</{tag}>"


def status_html(ok: bool, text: str) -> str:
    """A one-line status under a form: a green tick when ``ok``, else a red cross (see the module example)."""
    colour = "#1b7f3b" if ok else "#b3261e"
    mark = "✔" if ok else "✘"
    return (f'<div role="status" {language_attributes()} style="border-inline-start:4px solid {colour};'
            'padding:4px 8px;margin:4px 0">'
            f'<b style="color:{colour}">{mark}</b> {text_html(text)}</div>')


def problems_html(problems: dict, title: str = N_("Please correct:")) -> str:
    """The fields to correct, each named in words with what is wrong, as a list under ``title``.

    >>> "<b>close date</b>: required" in problems_html({"close_date": "required"})
    True
    """
    items = "".join(f"<li><b>{html.escape(column_words(k))}</b>: {html.escape(v)}</li>" for k, v in problems.items())
    return (f'<div role="alert" {language_attributes()} style="color:#b3261e">{html.escape(_(title))}'
            f'<ul style="margin:2px 0">{items}</ul></div>')


def failure_html(err: Exception) -> str:
    """What a refused action shows: the fields to correct, the error in one line, or, for an error
    nobody foresaw, what happened and how to go on (never only a line in JupyterLab's log).

    >>> "restart the kernel" in failure_html(KeyError("x"))
    True
    """
    problems = getattr(err, "problems", None)
    if problems:
        return problems_html(problems)
    if isinstance(err, WorkbenchError):
        return status_html(False, str(err))
    return status_html(False, _('That did not work ({kind}: {err}). Try again; if it fails again, restart the kernel (Kernel menu) and '
                                 'run this page from the top.').format(kind=type(err).__name__, err=err))


def read_days(table: str, **boxes) -> dict:
    """The days typed in date ``boxes`` (:class:`~.dates.DateBox`), by field name; a ``ValidationError``
    naming, in words, every box whose text is not a day.

    >>> from workbench.widgets.practice.dates import DateBox
    >>> box = DateBox("close date", order="DMY"); box.text.value = "31/02/2026"
    >>> read_days("opportunities", close_date=box)
    Traceback (most recent call last):
    ...
    workbench.practice.records.ValidationError: opportunities form: close_date: '31/02/2026' is not a day of the calendar: write the day, the month and the year, for example 30/09/2026. Fix: correct the fields marked, then save again.
    """
    from ...practice.records import ValidationError

    problems = {name: box.problem for name, box in boxes.items() if box.problem}
    if problems:
        raise ValidationError(table, problems)
    return {name: box.value for name, box in boxes.items()}


def table_html(df: pd.DataFrame, max_rows: int = 20, *, columns: dict | None = None, values: dict | None = None,
               **how) -> str:
    """The first ``max_rows`` rows of ``df`` as a trainee reads them (:func:`workbench.widgets.tables.table_html`),
    in their language: ``columns`` maps a column to its heading (an English message id), ``values`` maps a
    column to the kind of value it holds (:data:`workbench.exercises.words.COLUMNS`).

    >>> table_html(pd.DataFrame()), '<td dir="auto"></td>' in table_html(pd.DataFrame({"phone": [None]}))
    ('<i>nothing yet</i>', True)
    >>> "<th>type</th>" in table_html(pd.DataFrame({"type": ["call"]}), columns={"type": "type"},
    ...                              values={"type": "activity type"})
    True
    """
    if values:
        df = in_words(df, values)
    headings = {name: _(heading) for name, heading in columns.items()} if columns else None
    return tables.table_html(df, columns=headings, max_rows=max_rows, **how)


def as_day(value) -> date | None:
    """A stored date or timestamp as the day a date box shows; ``None`` for a blank.

    >>> as_day("2026-07-03 09:30"), as_day(None)
    (datetime.date(2026, 7, 3), None)
    """
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


class Screen:
    """A screen: ``widget`` is what is shown; subclasses build their controls in ``__init__``."""

    widget = None

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def guarded(self, action):
        """``action`` as a button or observer callback: any error it raises is shown in the screen's
        ``message`` (:func:`failure_html`), so nothing goes only to JupyterLab's log."""

        def run(*_args):
            try:
                return action()
            except Exception as err:  # noqa: BLE001 - every failure is shown to the trainee, in the form
                self.message.value = failure_html(err)
                return None

        return run

    def _list(self, picker, rows, key_column: str, label, select=None) -> bool:
        """List ``rows`` in ``picker`` (``label(row)`` shown) and select ``select``, else the first row.

        A ``select`` missing from ``rows`` is typed into the find box first, whose observer lists
        it again; then this returns False and the caller has nothing left to do.
        """
        keys = rows[key_column].tolist()
        if select is not None and select not in keys and self.find.value != select:
            self.find.value = select
            if picker.value != select:
                self.refresh(select)
            return False
        picker.options = [(label(r), getattr(r, key_column)) for r in rows.itertuples()]
        picker.value = select if select in keys else (keys[0] if keys else None)
        return True


class HTMLScreen(Screen):
    """A screen that only shows some HTML."""

    def __init__(self, text: str):
        self.widget = ipywidgets().HTML(text)



__all__ = ["STYLE", "WIDTH", "HTMLScreen", "Screen", "as_day", "failure_html", "ipywidgets", "problems_html",
           "read_days", "status_html", "table_html", "text_html"]
