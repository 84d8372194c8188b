"""Reading a trainee's answer when marking it: a number, close enough, a table, a set of ids.

Every check reads answers with these, so "3", "1,234.5" and "12%" are read the same way in every lesson.

>>> as_number("1,234.5")
1234.5
>>> close(100.4, 100, tolerance=0.5), close(0.4991, 49.9, percent=True, tolerance=0.1)
(True, True)
>>> sorted(id_set(["C2", "C1", None], "contact_id")), is_number(3), is_number("3")
(['C1', 'C2'], True, False)
"""

from __future__ import annotations

import pandas as pd

from ..crm.columns import is_number
from ..errors import InputError


def as_number(answer) -> float:
    """The answer as a float; text such as ``"1,234.5"`` or ``"12%"`` is read too."""
    if isinstance(answer, bool):
        raise InputError("the answer is yes/no, not a number", fix="type a number")
    if isinstance(answer, (int, float)):
        return float(answer)
    if hasattr(answer, "item") and getattr(answer, "size", 0) == 1:
        return float(answer.item())
    if isinstance(answer, str):
        text = answer.strip().replace(",", "").replace(" ", "").rstrip("%")
        try:
            return float(text)
        except ValueError:
            pass
    raise InputError(f"the answer is not a number: {answer!r}", fix="give a single number, such as 1250.5")


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
            raise InputError(f"your table has no '{column}' column", fix=f"keep the '{column}' column in the table")
        values = answer[column]
    elif isinstance(answer, (pd.Series, list, tuple, set)):
        values = answer
    else:
        raise InputError(f"expected a table with a '{column}' column, got {type(answer).__name__}",
                         fix="give the table the function returned")
    return {str(v) for v in values if v is not None and str(v) != "nan"}


def as_table(answer, columns, what: str) -> pd.DataFrame:
    """The answer as a DataFrame holding ``columns``; a clear error otherwise."""
    if not isinstance(answer, pd.DataFrame):
        raise InputError(f"the answer should be a table ({what}), got {type(answer).__name__}",
                         fix=f"assign the table itself to answer, for example the result of {what}")
    missing = [c for c in columns if c not in answer.columns]
    if missing:
        raise InputError(f"the table has no '{missing[0]}' column", fix=f"answer with the table {what} returns")
    return answer


__all__ = ["as_number", "as_table", "close", "id_set", "is_number"]
