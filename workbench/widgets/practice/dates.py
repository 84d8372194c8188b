"""Dates as a trainee types and reads them: in their own order, day/month/year unless they say otherwise.

A browser's date picker follows the browser's language, often US month/day, and
typing into it can land in the year box (a trainee got the year 275760); so the
practice CRM takes a date as text, in the trainee's order, and names a date it
cannot read in the form.  The order is, first found:

1. ``WORKBENCH_DATE_ORDER`` (``DMY``, ``MDY`` or ``YMD``) in the environment;
2. ``"date_order"`` in the ``.workbench.json`` of the working folder (or a parent);
3. the territory of the locale (``LC_ALL``, ``LC_TIME``, ``LANG``): month first for the United States
   and a few others (:data:`MONTH_FIRST`), year first for China, Japan, Korea, Iran... (:data:`YEAR_FIRST`);
4. otherwise day/month/year, the order most of the world writes.

>>> parse_day("30/9/2026", "DMY"), format_day(parse_day("9/30/26", "MDY"), "DMY")
(datetime.date(2026, 9, 30), '30/09/2026')
>>> parse_day("2026-09-30", "MDY")  # the ISO form is read in every order
datetime.date(2026, 9, 30)
>>> parse_day("31/02/2026", "DMY")
Traceback (most recent call last):
...
ValueError: '31/02/2026' is not a day of the calendar: write the day, the month and the year, for example 30/09/2026
"""

from __future__ import annotations

import os
import re
from datetime import date

from ...i18n.messages import N_, _

ORDERS = {"DMY": "day/month/year", "MDY": "month/day/year", "YMD": "year/month/day"}
#: How to write a day in each order, and the box's placeholder, in the trainee's language.
_HOW = {"DMY": N_("write the day, the month and the year, for example {example}"),
        "MDY": N_("write the month, the day and the year, for example {example}"),
        "YMD": N_("write the year, the month and the day, for example {example}")}
_PLACEHOLDERS = {"DMY": N_("dd/mm/yyyy"), "MDY": N_("mm/dd/yyyy"), "YMD": N_("yyyy-mm-dd")}
#: Territories (the ``_XX`` of a locale name such as ``en_US.UTF-8``) that write the month first.
MONTH_FIRST = {"US", "PH", "PR", "GU", "AS", "VI", "UM", "MP", "MH", "FM", "PW", "BZ"}
#: Territories that write the year first.
YEAR_FIRST = {"CN", "JP", "KR", "TW", "HU", "LT", "MN", "IR", "KP"}
_EXAMPLE = date(2026, 9, 30)


def date_order() -> str:
    """``DMY``, ``MDY`` or ``YMD``: the order this trainee writes dates in (see the module's list)."""
    chosen = os.environ.get("WORKBENCH_DATE_ORDER")
    if not chosen:
        from ...settings import find_config

        config = find_config()
        if config is not None:
            import json

            try:
                data = json.loads(config.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            chosen = data.get("date_order") if isinstance(data, dict) else None
    if chosen and str(chosen).upper() in ORDERS:
        return str(chosen).upper()
    name = next((os.environ[k] for k in ("LC_ALL", "LC_TIME", "LANG") if os.environ.get(k)), "")
    found = re.match(r"[a-z]{2,3}_([A-Z]{2})", name)
    territory = found.group(1) if found else ""
    return "MDY" if territory in MONTH_FIRST else "YMD" if territory in YEAR_FIRST else "DMY"


def format_day(day: date | None, order: str | None = None) -> str:
    """``day`` written in ``order`` (the trainee's by default), two-digit day and month; ``""`` for none.

    >>> format_day(date(2026, 7, 3), "DMY"), format_day(date(2026, 7, 3), "MDY"), format_day(None)
    ('03/07/2026', '07/03/2026', '')
    """
    if day is None:
        return ""
    parts = {"D": f"{day.day:02d}", "M": f"{day.month:02d}", "Y": f"{day.year:04d}"}
    order = order or date_order()
    return ("-" if order == "YMD" else "/").join(parts[c] for c in order)


def parse_day(text: str, order: str | None = None) -> date | None:
    """The day ``text`` writes in ``order`` (the trainee's by default); ``None`` for a blank.

    Any of ``/ . -`` or spaces separates the numbers; a two-digit year is in this
    century; a first number of four digits is always a year (``2026-09-30``).
    Raises ``ValueError`` saying how to write it when ``text`` is not a day.
    """
    text = (text or "").strip()
    if not text:
        return None
    order = order or date_order()
    numbers = re.fullmatch(r"(\d{1,4})[\s/.\-]+(\d{1,2})[\s/.\-]+(\d{1,4})", text)
    how = _(_HOW[order]).format(example=format_day(_EXAMPLE, order))
    if not numbers:
        raise ValueError(_("{text!r} is not a date: {how}").format(text=text, how=how))
    values = [int(n) for n in numbers.groups()]
    if len(numbers.group(1)) == 4:
        order = "YMD"
    parts = dict(zip(order, values))
    year = parts["Y"] + 2000 if parts["Y"] < 100 else parts["Y"]
    if not 1900 <= year <= 2200:
        raise ValueError(_("{text!r} has the year {year}: {how}").format(text=text, year=year, how=how))
    try:
        return date(year, parts["M"], parts["D"])
    except ValueError:
        raise ValueError(_("{text!r} is not a day of the calendar: {how}").format(text=text, how=how)) from None


class DateBox:
    """A text box for a day in the trainee's order: ``value`` is the day (or None), set it with a day.

    ``description`` is an English message id (marked with ``N_``), shown in the trainee's language.

    ``value`` raises ``ValueError`` (saying how to write it) when the text is not
    a day; ``problem`` gives that message, or None.  ``widget`` is what is shown.

    >>> box = DateBox("close date", order="DMY")
    >>> box.text.value = "30.9.2026"
    >>> box.value, box.problem
    (datetime.date(2026, 9, 30), None)
    >>> box.value = date(2026, 12, 1); box.text.value
    '01/12/2026'
    """

    def __init__(self, description: str, value: date | None = None, *, order: str | None = None,
                 style=None, layout=None):
        import ipywidgets

        self.order = order or date_order()
        self.description = description
        self.text = ipywidgets.Text(value=format_day(value, self.order), description=_(description),
                                    style=style or {}, placeholder=_(_PLACEHOLDERS[self.order]), continuous_update=False,
                                    layout=layout or {"width": "22em"})
        self.widget = self.text

    @property
    def value(self) -> date | None:
        return parse_day(self.text.value, self.order)

    @value.setter
    def value(self, day: date | None):
        self.text.value = format_day(day, self.order)

    @property
    def problem(self) -> str | None:
        """What is wrong with the text typed, or None when it is a day or blank."""
        try:
            parse_day(self.text.value, self.order)
        except ValueError as err:
            return str(err)
        return None

    def observe(self, handler, names="value"):
        """Call ``handler`` when the text changes (as a widget's ``observe``)."""
        self.text.observe(handler, names=names)


__all__ = ["MONTH_FIRST", "ORDERS", "YEAR_FIRST", "DateBox", "date_order", "format_day", "parse_day"]
