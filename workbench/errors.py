"""Errors the workbench raises on purpose.

Every error says three things: *what* is wrong, *where* (file, row, column,
or the argument of a function) and *how to fix it*.  ``str(error)`` gives the
whole message in one or two lines, ready for a trainee or a command line.
The words of the frame ("row", "column", "Fix:") are in the trainee's language; the
caller writes ``what`` and ``fix`` through :func:`workbench.i18n.messages._`.

>>> err = DataError("date is not a date: '31/02/2024'", file="contacts.csv",
...                 row=12, column="created_at", fix="write dates as YYYY-MM-DD")
>>> print(err)
contacts.csv, row 12, column 'created_at': date is not a date: '31/02/2024'. Fix: write dates as YYYY-MM-DD.
>>> err.row, err.column
(12, 'created_at')
"""

from __future__ import annotations

import errno
from pathlib import Path

from .i18n.messages import N_, _


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

    def _sentences(self) -> list[str]:
        """The problem with its place, then the fix when there is one."""
        text = f"{self.where}: {self.what}" if self.where else self.what
        return [text.rstrip(".") + "."] + ([_("Fix: {fix}.").format(fix=self.fix.rstrip("."))] if self.fix else [])

    @property
    def message(self) -> str:
        return " ".join(self._sentences())

    def __str__(self) -> str:
        return self.message

    def _render_traceback_(self) -> list[str]:
        """What a notebook shows instead of a traceback: the message, in two short lines.

        IPython calls this hook when a cell raises, so a trainee whose ``wb.start()`` meets a
        bad export reads what is wrong and how to fix it, not forty lines of library code.

        >>> WorkbenchError("no lessons given", where="session plan", fix="name one")._render_traceback_()
        ['\\x1b[1;31mWorkbenchError\\x1b[0m: session plan: no lessons given.', 'Fix: name one.']
        """
        problem, *fix = self._sentences()
        return [f"\x1b[1;31m{type(self).__name__}\x1b[0m: {problem}", *fix]


def _location(file: str | Path | None, row: int | None, column: str | None) -> str | None:
    parts = []
    if file is not None:
        parts.append(Path(file).name if isinstance(file, Path) else str(file))
    if row is not None:
        parts.append(_("row {row}").format(row=row))
    if column is not None:
        parts.append(_("column '{column}'").format(column=column))
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


_OS_FIXES = {
    errno.ENOENT: N_("check the path; a relative path starts from the folder you run the command in"),
    errno.EACCES: N_("choose a place you may write to, or ask for access to it"),
    errno.EPERM: N_("choose a place you may write to, or ask for access to it"),
    errno.EROFS: N_("choose a folder on a disk you can write to"),
    errno.ENOSPC: N_("free some disk space, or choose another disk"),
    errno.EISDIR: N_("give the path of a file, not of a folder"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder: check the path"),
    errno.EEXIST: N_("choose a name that is not taken, or remove the old file"),
}


def from_os_error(err: OSError, *, doing: str | None = None) -> WorkbenchError:
    """A :class:`WorkbenchError` for a file the system could not read or write.

    ``doing`` says what the workbench was doing, when the caller knows.

    >>> print(from_os_error(FileNotFoundError(2, "No such file or directory", "nosuch.ipynb")))
    nosuch.ipynb: no such file or directory. Fix: check the path; a relative path starts from the folder you run the command in.
    >>> print(from_os_error(PermissionError(13, "Permission denied", "/proc/x"), doing="writing the sample data"))
    /proc/x: permission denied (writing the sample data). Fix: choose a place you may write to, or ask for access to it.
    """
    reason = (err.strerror or str(err) or type(err).__name__).rstrip(".")
    what = reason[:1].lower() + reason[1:] + (f" ({doing})" if doing else "")
    where = str(err.filename) if err.filename is not None else None
    return WorkbenchError(what, where=where, fix=_(_OS_FIXES.get(err.errno, N_("check the path and try again"))))


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
        raise InputError(_("expected a table (pandas DataFrame), got {kind}").format(kind=type(df).__name__),
                         where=where, fix=fix or _("pass a DataFrame, for example data.contacts"))
    for column in columns:
        if column not in df.columns:
            have = ", ".join(map(str, df.columns[:12])) + (", ..." if len(df.columns) > 12 else "")
            raise InputError(_("column '{column}' is missing (columns are: {have})").format(column=column, have=have),
                             where=where, fix=fix or _("pass a table with a '{column}' column, or name the column to use"
                                                       ).format(column=column))
