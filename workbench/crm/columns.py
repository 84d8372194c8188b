"""Read a column of a CRM table as numbers, dates or yes/no, with a clear error when it cannot.

The CRM analytics accept any table of the right shape (the sample company,
a trainee's variant or a company's own export), so each one checks its
columns through these helpers rather than trusting the types, and its
number arguments with :func:`is_number` (which takes numpy's numbers too, as
a value read from a table is one).

>>> import pandas as pd
>>> df = pd.DataFrame({"amount": ["10", "2.5"], "day": ["2025-01-31", "2025-02-01"]})
>>> numbers(df, "amount", where="f(deals)").tolist()
[10.0, 2.5]
>>> dates(df, "day", where="f(deals)").dt.day.tolist()
[31, 1]
>>> numbers(pd.DataFrame({"amount": ["", "3"]}), "amount", where="f(deals)").tolist()
[nan, 3.0]
>>> numbers(pd.DataFrame({"amount": ["ten"]}), "amount", where="f(deals)")
Traceback (most recent call last):
...
workbench.errors.InputError: f(deals): column 'amount' holds a value that is not a number: 'ten' (row 2). Fix: write plain numbers such as 1250.50 in 'amount'.
"""

from __future__ import annotations

import math
import numbers as _numbers

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _


def table(df, columns, *, where: str, fix: str | None = None) -> pd.DataFrame:
    """Check ``df`` is a DataFrame holding ``columns``; return it unchanged."""
    require_columns(df, list(columns), where=where, fix=fix)
    return df


def _blank_as_missing(raw: pd.Series) -> pd.Series:
    """Empty or blank text counts as a missing value, not a malformed one."""
    if pd.api.types.is_object_dtype(raw.dtype) or pd.api.types.is_string_dtype(raw.dtype):
        return raw.where(~raw.astype("string").str.strip().eq("").fillna(False))
    return raw


def _first_bad(raw: pd.Series, parsed: pd.Series):
    bad = parsed.isna() & raw.notna()
    if bad.any():
        position = int(bad.to_numpy().argmax())
        return raw.iloc[position], position + 2  # spreadsheet row: the header is row 1
    return None, None


def numbers(df: pd.DataFrame, column: str, *, where: str, allow_missing: bool = True) -> pd.Series:
    """``df[column]`` as float64 (missing values become NaN)."""
    raw = df[column]
    if pd.api.types.is_bool_dtype(raw.dtype):
        raise InputError(_("column '{column}' holds yes/no values, not numbers").format(column=column), where=where,
                         fix=_("pass the column of amounts or counts as '{column}'").format(column=column))
    parsed = pd.to_numeric(raw, errors="coerce").astype("float64")
    value, row = _first_bad(_blank_as_missing(raw), parsed)
    if row is not None:
        raise InputError(_("column '{column}' holds a value that is not a number: {value!r} (row {row})").format(column=column, value=value, row=row),
                         where=where, fix=_("write plain numbers such as 1250.50 in '{column}'").format(column=column))
    if not allow_missing and parsed.isna().any():
        row = int(parsed.isna().to_numpy().argmax()) + 2
        raise InputError(_("column '{column}' is empty in row {row}").format(column=column, row=row), where=where,
                         fix=_("fill in '{column}' for every row, or drop those rows first").format(column=column))
    return parsed


def dates(df: pd.DataFrame, column: str, *, where: str, allow_missing: bool = True) -> pd.Series:
    """``df[column]`` as datetime64 without time zone (missing values become NaT)."""
    raw = df[column]
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        parsed = raw
    else:
        parsed = pd.to_datetime(raw, errors="coerce", format="mixed")
        value, row = _first_bad(_blank_as_missing(raw), parsed)
        if row is not None:
            raise InputError(_("column '{column}' holds a value that is not a date: {value!r} (row {row})").format(column=column, value=value, row=row),
                             where=where, fix=_("write dates as YYYY-MM-DD in '{column}'").format(column=column))
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert(None)
    if not allow_missing and parsed.isna().any():
        row = int(parsed.isna().to_numpy().argmax()) + 2
        raise InputError(_("column '{column}' is empty in row {row}").format(column=column, row=row), where=where,
                         fix=_("fill in '{column}' for every row, or drop those rows first").format(column=column))
    return parsed.astype("datetime64[ns]")


def flags(df: pd.DataFrame, column: str, *, where: str) -> pd.Series:
    """``df[column]`` as plain bool; missing counts as False; yes/no, 1/0 and true/false are read."""
    raw = df[column]
    if pd.api.types.is_bool_dtype(raw.dtype):
        return raw.fillna(False).astype(bool)
    from ..data.formats import parse_bool

    out = []
    for position, value in enumerate(raw.tolist()):
        try:
            parsed = parse_bool(None if (not isinstance(value, str) and pd.isna(value)) else value)
        except ValueError:
            raise InputError(_("column '{column}' holds a value that is not yes/no: {value!r} (row {position})").format(column=column, value=value, position=position + 2),
                             where=where, fix=_("write true/false (or yes/no, 1/0) in '{column}'").format(column=column)) from None
        out.append(bool(parsed))
    return pd.Series(out, index=raw.index, dtype=bool, name=column)


def timestamp(value, *, where: str, name: str = "as_of") -> pd.Timestamp:
    """``value`` as a pandas Timestamp without time zone; a clear error when it is not a date."""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise InputError(_('{name} is not a date: {value!r}').format(name=name, value=value), where=where,
                         fix=_("pass {name} as a date such as '2026-03-31' or data.as_of").format(name=name)) from None
    if ts is pd.NaT or pd.isna(ts):
        raise InputError(_('{name} is missing').format(name=name), where=where, fix=_('pass {name}, for example data.as_of').format(name=name))
    return ts.tz_convert(None) if ts.tzinfo is not None else ts


def is_number(value, *, whole: bool = False) -> bool:
    """True for a real number: int, float, a numpy number, a Fraction; not yes/no, not NaN, not text.

    ``whole=True`` also asks for a whole number (``3`` or ``3.0``, not ``2.5``).

    >>> import numpy as np
    >>> is_number(3), is_number(np.int64(3)), is_number(np.float32(0.5)), is_number(2.5, whole=True)
    (True, True, True, False)
    >>> is_number(True), is_number(np.bool_(True)), is_number("3"), is_number(float("nan")), is_number(None)
    (False, False, False, False, False)
    """
    if isinstance(value, bool) or not isinstance(value, _numbers.Real) or math.isnan(value):
        return False
    return not whole or float(value).is_integer()
