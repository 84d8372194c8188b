"""Reading a trainee's answer when marking it: a number, close enough, a table, a set of ids.

Every check reads answers with these, so "3", "1,234.5" and "12%" are read the same way in every lesson,
and in every script: Persian, Arabic-Indic and Bengali digits, with the language's decimal separator.

>>> as_number("1,234.5"), as_number("۱۲٫۵"), as_number("১২৩"), as_number("12,5")
(1234.5, 12.5, 123.0, 12.5)
>>> close(100.4, 100, tolerance=0.5), close(0.4991, 49.9, percent=True, tolerance=0.1)
(True, True)
>>> sorted(id_set(["C2", "C1", None], "contact_id")), is_number(3), is_number("3")
(['C1', 'C2'], True, False)
"""

from __future__ import annotations

import pandas as pd

from ..crm.columns import is_number
from ..errors import InputError
from ..i18n.messages import _
from ..i18n.numbers import AmbiguousNumber, format_number, native_digits, read_number


def as_number(answer) -> float:
    """The answer as a float; text such as ``"1,234.5"``, ``"12,5"``, ``"12%"`` or ``"۱۲٫۵"`` is read too.

    Text that reads two ways in the trainee's language is a clear error, not a guess:

    >>> from workbench.i18n.language import use_language
    >>> with use_language("fr"):
    ...     as_number("1.250")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: « 1.250 » se lit de deux façons : 1\u202f250 ou 1,25. ...
    """
    if isinstance(answer, bool):
        raise InputError(_("the answer is yes/no, not a number"), fix=_("type a number"))
    if isinstance(answer, (int, float)):
        return float(answer)
    if hasattr(answer, "item") and getattr(answer, "size", 0) == 1:
        return float(answer.item())
    if isinstance(answer, str):
        try:
            return read_number(answer)
        except AmbiguousNumber as err:
            raise ambiguous(err) from None
        except ValueError:
            pass
    raise InputError(_("the answer is not a number: {answer!r}").format(answer=answer),
                     fix=_("give a single number, such as 1250.5"))


def ambiguous(err: AmbiguousNumber) -> InputError:
    """What to tell a trainee whose number reads two ways: both readings, and how to write the one meant.

    >>> print(ambiguous(AmbiguousNumber("1.250", (1250.0, 1.25))))
    '1.250' reads two ways: 1,250 or 1.25. Fix: type 1250 without a thousands separator, or 1.25 with your language's decimal separator.
    """
    thousands, decimal = (format_number(value) for value in err.readings)
    plain = native_digits(f"{err.readings[0]:.0f}")
    return InputError(_("'{text}' reads two ways: {thousands} or {decimal}.").format(
        text=err.text, thousands=thousands, decimal=decimal),
        fix=_("type {plain} without a thousands separator, or {decimal} with your language's decimal separator"
              ).format(plain=plain, decimal=decimal))


def close(answer, expected: float, *, tolerance: float = 0.5, percent: bool = False) -> bool:
    """True when ``answer`` is within ``tolerance`` of ``expected``.

    With ``percent=True`` the expected value is in percent and a fraction
    (0.499 for 49.9 %) is accepted too.
    """
    value = as_number(answer)
    if abs(value - expected) <= tolerance:
        return True
    return percent and abs(value * 100 - expected) <= tolerance


def id_set(answer, column: str) -> set[str]:
    """The ids in an answer given as a table with ``column``, a Series or a list of ids."""
    if isinstance(answer, pd.DataFrame):
        if column not in answer.columns:
            raise InputError(_("your table has no '{column}' column").format(column=column),
                             fix=_("keep the '{column}' column in the table").format(column=column))
        values = answer[column]
    elif isinstance(answer, (pd.Series, list, tuple, set)):
        values = answer
    else:
        raise InputError(_("expected a table with a '{column}' column, got {kind}").format(
            column=column, kind=type(answer).__name__), fix=_("give the table the function returned"))
    return {str(v) for v in values if v is not None and str(v) != "nan"}


def as_table(answer, columns, what: str) -> pd.DataFrame:
    """The answer as a DataFrame holding ``columns``; a clear error otherwise."""
    if not isinstance(answer, pd.DataFrame):
        raise InputError(_("the answer should be a table ({what}), got {kind}").format(
            what=what, kind=type(answer).__name__),
            fix=_("assign the table itself to answer, for example the result of {what}").format(what=what))
    missing = [c for c in columns if c not in answer.columns]
    if missing:
        raise InputError(_("the table has no '{column}' column").format(column=missing[0]),
                         fix=_("answer with the table {what} returns").format(what=what))
    return answer


__all__ = ["as_number", "as_table", "close", "id_set", "is_number"]
