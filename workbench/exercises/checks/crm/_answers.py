"""Reading trainees' answers for the CRM checks of lessons 6 to 10: numbers, tables, close enough.

>>> as_number("1,234.5")
1234.5
>>> close(100.4, 100, tolerance=0.5), close(0.4991, 49.9, percent=True, tolerance=0.1)
(True, True)
"""

from __future__ import annotations

import pandas as pd

from workbench.errors import InputError


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


def as_table(answer, columns, what: str) -> pd.DataFrame:
    """The answer as a DataFrame holding ``columns``; a clear error otherwise."""
    if not isinstance(answer, pd.DataFrame):
        raise InputError(f"the answer should be a table ({what}), got {type(answer).__name__}",
                         fix=f"assign the table itself to answer, for example the result of {what}")
    missing = [c for c in columns if c not in answer.columns]
    if missing:
        raise InputError(f"the table has no '{missing[0]}' column", fix=f"answer with the table {what} returns")
    return answer
