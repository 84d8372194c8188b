"""The checks a company's tables must pass, each problem a DataError naming file, row and column.

The loader (:mod:`workbench.data.load`) types each column and then asks
this module what is wrong: values that break a column's kind (with how many
rows do and the first of them), duplicate keys, references to missing
records, tables the lessons need that hold only their header row, and the
rules of :mod:`workbench.data.rules` (warnings, not errors).

>>> import pandas as pd
>>> from workbench.data.schema import SCHEMA
>>> dates = pd.Series(["2026-01-05", "31/02/2024", "2026-02-30", "2026-03-01"])
>>> print(bad_values("accounts.csv", dates, dates.str.contains("/|-30"), SCHEMA["accounts"].column("created_at"),
...                  "not a date", "write dates as YYYY-MM-DD"))
accounts.csv, row 3, column 'created_at': not a date: '31/02/2024' (2 rows: 3, 4). Fix: write dates as YYYY-MM-DD.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..i18n.messages import _, ngettext
from . import rules
from .schema import TABLES, Column, Table

#: How many row numbers a problem lists before "...".
ROWS_SHOWN = 5

#: The tables the lessons cannot do without: an export must hold records in each of them.
NEEDS_ROWS = ("users", "accounts", "contacts", "stages", "opportunities", "activities")


def bad_values(path, series: pd.Series, mask: pd.Series, column: Column, what: str, fix: str) -> DataError:
    """The problem of the rows where ``mask`` holds: the first one's row and value, how many, and the first rows.

    Rows are counted as a spreadsheet counts them: the header is row 1.
    """
    positions = [series.index.get_loc(i) + 2 for i in mask[mask].index]
    value = series.iloc[positions[0] - 2]
    count = ""
    if len(positions) > 1:
        shown = ", ".join(map(str, positions[:ROWS_SHOWN])) + (", ..." if len(positions) > ROWS_SHOWN else "")
        count = " " + ngettext("({n} row: {rows})", "({n} rows: {rows})", len(positions)).format(
            n=len(positions), rows=shown)
    return DataError(_('{what}: {value!r}{count}').format(what=what, value=value, count=count), file=path, row=positions[0], column=column.name, fix=fix)


def rule_warnings(df: pd.DataFrame, table: Table, path: Path) -> list[DataError]:
    """One warning per column whose values break a rule of :mod:`.rules`, with its count and first rows."""
    found = []
    for column in table.columns:
        if column.name in rules.FORMATS and column.name in df:
            bad = rules.bad_format(column.name, df[column.name])
            if bad.any():
                rule = rules.FORMATS[column.name]
                found.append(bad_values(path, df[column.name], bad, column, _(rule.what), _(rule.fix)))
    if table.name == "contacts":
        missing = rules.channel_without_address(df)
        if missing.any():
            found.append(bad_values(path, df["preferred_channel"], missing, table.column("preferred_channel"),
                                    _("a preferred channel without its address"),
                                    _("fill in the email (for email) or the phone (for sms and phone), "
                                      "or change the preferred channel")))
    return found


def key_problems(tables: dict[str, pd.DataFrame], folder: Path) -> list[DataError]:
    """Duplicate keys and references to missing records, one problem per column."""
    found = []
    for table in TABLES:
        df = tables.get(table.name)
        if df is None:
            continue
        path = folder / table.file
        if table.key:
            keys = df[table.key]
            dup = keys.duplicated() & keys.notna()
            if dup.any():
                value = keys[dup].iloc[0]
                original = df.index.get_loc(keys.index[keys.eq(value)][0]) + 2
                found.append(bad_values(path, keys, dup, table.column(table.key),
                                        _("duplicate key (the first also on row {row})").format(row=original),
                                        _("give every row its own {column}").format(column=table.key)))
        for column in table.columns:
            if not column.ref:
                continue
            target_table, target_column = column.ref.split(".")
            target = tables.get(target_table)
            if target is None:
                continue
            values = df[column.name]
            known = set(target[target_column].dropna().astype(str))
            dangling = values.notna() & ~values.astype(str).isin(known)
            if dangling.any():
                fix = (_("use an existing {column} from {file}") if column.required else
                       _("use an existing {column} from {file}, or leave it blank"))
                found.append(bad_values(path, values, dangling, column,
                                        _("refers to a record that is not in {file}").format(file=f"{target_table}.csv"),
                                        fix.format(column=target_column, file=f"{target_table}.csv")))
    return found


def empty_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[DataError]:
    """A problem when tables the lessons need (:data:`NEEDS_ROWS`) hold only their header row.

    >>> import pandas as pd
    >>> tables = {"users": pd.DataFrame({"user_id": []}), "accounts": pd.DataFrame({"account_id": ["A1"]})}
    >>> print(empty_tables(tables, Path("export"))[0])  # doctest: +ELLIPSIS
    export: users.csv holds only its header row, and the lessons need records in it. Fix: export ...
    """
    empty = [name for name in NEEDS_ROWS if name in tables and tables[name].empty]
    if not empty:
        return []
    files = ", ".join(f"{name}.csv" for name in empty)
    held = "holds only its header row" if len(empty) == 1 else "hold only their header row"
    needs = "it" if len(empty) == 1 else "each of them"
    return [DataError(_('{files} {held}, and the lessons need records in {needs}').format(files=files, held=held, needs=needs), file=folder,
                      fix=_("export those tables again with their rows (check the export's filters and date range), "
                          "or work on the sample company: leave the data folder out"))]


__all__ = ["NEEDS_ROWS", "ROWS_SHOWN", "bad_values", "empty_tables", "key_problems", "rule_warnings"]
