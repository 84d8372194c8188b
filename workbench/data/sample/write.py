"""Tables as CSV text: each column written as its schema kind asks, in the schema's column order.

>>> list(column_text([1.5, None], "float")), list(column_text([True, None], "bool"))
(['1.50', ''], ['true', ''])
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import SCHEMA


def column_text(values, kind: str) -> np.ndarray:
    """One column as the CSV text the schema's kind calls for; blanks become empty strings.

    >>> import numpy as np
    >>> list(column_text(np.array(["2026-06-30T09:30:00", "NaT"], "datetime64[s]"), "datetime"))
    ['2026-06-30 09:30:00', '']
    """
    s = pd.Series(values)
    if kind == "date":
        arr = s.to_numpy().astype("datetime64[D]")
        out = np.datetime_as_string(arr).astype(object)
        out[np.isnat(arr)] = ""
        return out
    if kind == "datetime":
        arr = s.to_numpy().astype("datetime64[s]")
        out = np.char.replace(np.datetime_as_string(arr), "T", " ").astype(object)
        out[np.isnat(arr)] = ""
        return out
    if kind == "bool":
        arr = s.to_numpy(dtype=object)
        blank = pd.isna(s).to_numpy()
        out = np.where(arr.astype(bool), "true", "false").astype(object) if len(arr) else arr
        out[blank] = ""
        return out
    if kind in ("int", "float"):
        arr = s.to_numpy(dtype=float)
        blank = np.isnan(arr)
        if kind == "int":
            out = np.where(blank, 0, arr).astype(np.int64).astype(str).astype(object)
        else:
            out = np.char.mod("%.2f", np.where(blank, 0.0, arr)).astype(object)
        out[blank] = ""
        return out
    return s.fillna("").to_numpy(dtype=object)


def write_table(df: pd.DataFrame, table: str, folder: Path) -> int:
    """Write one table as ``<table>.csv``: the schema's columns in order, as text, no newline inside a field.

    Returns the number of rows written.

    >>> import tempfile
    >>> from workbench.data.sample.deals import make_stages
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_table(make_stages(), "stages", folder), (folder / "stages.csv").read_text().splitlines()[1]
    (10, 'Prospecting,1,10,false,false')
    """
    import csv

    spec = SCHEMA[table]
    columns = []
    for c in spec.columns:
        values = column_text(df[c.name], c.kind)
        if c.kind in ("str", "id", "category"):
            joined = "".join(values)
            if "\n" in joined or "\r" in joined:
                values = np.array([v.replace("\r", " ").replace("\n", " ") for v in values], dtype=object)
        columns.append(values)
    with open(folder / spec.file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(spec.column_names)
        writer.writerows(zip(*columns))
    return len(df)


def csv_text(rows: list[list[str]], header: list[str]) -> str:
    """``rows`` under ``header`` as CSV text, one ``\\n`` per line.

    >>> csv_text([["a", "b, c"]], ["x", "y"])
    'x,y\\na,"b, c"\\n'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
