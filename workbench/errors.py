"""Errors the workbench raises on purpose.

Every error says three things: *what* is wrong, *where* (file, row, column,
or the argument of a function) and *how to fix it*.  ``str(error)`` gives the
whole message in one or two lines, ready for a trainee or a command line.

>>> err = DataError("date is not a date: '31/02/2024'", file="contacts.csv",
...                 row=12, column="created_at", fix="write dates as YYYY-MM-DD")
>>> print(err)
contacts.csv, row 12, column 'created_at': date is not a date: '31/02/2024'. Fix: write dates as YYYY-MM-DD.
>>> err.row, err.column
(12, 'created_at')
"""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base class: a problem the user can fix, described in plain words.

    ``what`` is the problem, ``where`` locates it and ``fix`` tells the user
    what to do.  Code that catches ``WorkbenchError`` can print it as is.

    >>> print(WorkbenchError("no lessons given", where="session plan", fix="name at least one lesson"))
    session plan: no lessons given. Fix: name at least one lesson.
    """

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None):
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.where}: {self.what}" if self.where else self.what
        text = text.rstrip(".") + "."
        if self.fix:
            text += f" Fix: {self.fix.rstrip('.')}."
        return text

    def __str__(self) -> str:
        return self.message


def _location(file: str | Path | None, row: int | None, column: str | None) -> str | None:
    parts = []
    if file is not None:
        parts.append(Path(file).name if isinstance(file, Path) else str(file))
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column '{column}'")
    return ", ".join(parts) or None


class DataError(WorkbenchError):
    """A data file or table is missing, malformed or inconsistent.

    ``row`` counts as a spreadsheet does: the header is row 1, so the first
    record is row 2.  Any of ``file``, ``row`` and ``column`` may be omitted.

    >>> print(DataError("file is missing", file="datasets/x/users.csv",
    ...                 fix="export the users table as users.csv"))
    users.csv: file is missing. Fix: export the users table as users.csv.
    """

    def __init__(self, what: str, *, file: str | Path | None = None, row: int | None = None,
                 column: str | None = None, fix: str | None = None):
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        where = _location(Path(file) if file is not None else None, row, column)
        super().__init__(what, where=where, fix=fix)


class InputError(WorkbenchError):
    """A function was given an argument it cannot use (wrong type, missing column...).

    >>> print(InputError("column 'amount' is missing", where="weighted_pipeline(deals)",
    ...                  fix="pass the opportunities table, which has an 'amount' column"))
    weighted_pipeline(deals): column 'amount' is missing. Fix: pass the opportunities table, which has an 'amount' column.
    """


class ExerciseError(WorkbenchError):
    """An exercise id is unknown, or an exercise is misconfigured.

    >>> print(ExerciseError("no exercise called 'crm.nope'", fix="copy the id shown above the exercise"))
    no exercise called 'crm.nope'. Fix: copy the id shown above the exercise.
    """


def require_columns(df, columns, *, where: str, fix: str | None = None) -> None:
    """Raise :class:`InputError` naming the first of ``columns`` missing from ``df``.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a"], where="f(df)")
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], where="f(df)")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: f(df): column 'b' is missing (columns are: a). Fix: pass a table with a 'b' column, or name the column to use.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise InputError(f"expected a table (pandas DataFrame), got {type(df).__name__}", where=where,
                         fix=fix or "pass a DataFrame, for example data.contacts")
    for column in columns:
        if column not in df.columns:
            have = ", ".join(map(str, df.columns[:12])) + (", ..." if len(df.columns) > 12 else "")
            raise InputError(f"column '{column}' is missing (columns are: {have})", where=where,
                             fix=fix or f"pass a table with a '{column}' column, or name the column to use")
