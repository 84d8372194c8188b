"""Answers as plain data: what a check was given, kept so the grader can check it again.

Every check (``wb.check``, a form's Check button) logs its attempt in the
learner's progress log with the answer itself, written down by
:func:`written_down`, beside the points the check gave.  The grader checks
those answers again itself, in a process of its own, on the trainee's own data
(:mod:`workbench.sessions.recheck`), both those a graded notebook's run logged
and those the trainee's own lab logged: what a kernel or a log says about an
answer is never taken on trust.  The file holds data only, never code: :func:`decode`
builds numbers, text, lists, tables and dates, nothing that could run.

Values the checks take round-trip exactly, tables with their column types:

>>> import pandas as pd
>>> table = pd.DataFrame({"stage": pd.Categorical(["Won", "Lost"]), "amount": [1200.5, None],
...                       "owner": pd.array(["U001", None], dtype="str"),
...                       "close": pd.to_datetime(["2026-06-30", None])}, index=["O1", "O2"])
>>> again = decode(encode(table))
>>> again.equals(table) and again.dtypes.equals(table.dtypes)
True
>>> decode(encode({"count": 3, "names": ("Amina", "Reza"), "blank": ...}))
{'count': 3, 'names': ('Amina', 'Reza'), 'blank': Ellipsis}
>>> encode(object())
Traceback (most recent call last):
...
workbench.sessions.answers.Unsupported: an answer of type object cannot be checked again outside the notebook
"""

from __future__ import annotations

import datetime as dt
import json
import math

from ..i18n.messages import _

#: An answer bigger than this once written down is not kept (no check needs one so large).
MAX_BYTES = 20_000_000
_DEPTH = 30


class Unsupported(TypeError):
    """An answer of a kind that cannot be written down as plain data."""


def _kind(value) -> str:
    return type(value).__name__


def encode(value, _depth: int = 0):
    """``value`` as JSON-ready data (see the module docstring), or :class:`Unsupported`."""
    if _depth > _DEPTH:
        raise Unsupported(_("an answer nested this deeply cannot be checked again outside the notebook"))
    nested = _depth + 1
    package = type(value).__module__.split(".")[0]  # numpy's float64 is a float too: keep its own type
    if package == "pandas":
        return _encode_pandas(value, nested)
    if package == "numpy":
        return _encode_numpy(value, nested)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$": "float", "value": repr(value)}
    if value is Ellipsis:
        return {"$": "..."}
    if isinstance(value, list):
        return [encode(v, nested) for v in value]
    if isinstance(value, (tuple, set, frozenset)):
        kind = "frozenset" if isinstance(value, frozenset) else "set" if isinstance(value, set) else "tuple"
        items = value if kind == "tuple" else sorted(value, key=repr)
        return {"$": kind, "items": [encode(v, nested) for v in items]}
    if isinstance(value, dict):
        return {"$": "dict", "items": [[encode(k, nested), encode(v, nested)] for k, v in value.items()]}
    for kind in (dt.datetime, dt.date, dt.time):  # datetime before date: it is a date too
        if isinstance(value, kind):
            return {"$": kind.__name__, "value": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$": "timedelta", "value": value.total_seconds()}
    raise Unsupported(_("an answer of type {kind} cannot be checked again outside the notebook").format(
        kind=_kind(value)))


def _encode_numpy(value, nested: int):
    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufUO" or value.ndim != 1 and value.dtype.kind == "O":
            raise Unsupported(_("an array of {dtype} cannot be checked again outside the notebook").format(
                dtype=value.dtype))
        return {"$": "ndarray", "dtype": str(value.dtype), "items": encode(value.tolist(), nested)}
    if isinstance(value, np.generic) and value.dtype.kind in "biufU":
        return {"$": "numpy", "dtype": str(value.dtype), "value": encode(value.item(), nested)}
    if isinstance(value, np.datetime64):
        return encode(__import__("pandas").Timestamp(value), nested)
    raise Unsupported(_("an answer of type numpy {kind} cannot be checked again outside the notebook").format(
        kind=_kind(value)))


def _encode_pandas(value, nested: int):
    import pandas as pd

    if value is pd.NA:
        return {"$": "NA"}
    if value is pd.NaT:
        return {"$": "NaT"}
    if isinstance(value, pd.Timestamp):
        return {"$": "Timestamp", "value": value.isoformat(), "unit": value.unit}
    if isinstance(value, pd.Timedelta):
        return {"$": "Timedelta", "value": int(value.value)}
    if isinstance(value, pd.DataFrame):
        return {"$": "DataFrame", "columns": _encode_index(value.columns, nested),
                "data": [_encode_column(value.iloc[:, i], nested) for i in range(value.shape[1])],
                "index": _encode_index(value.index, nested)}
    if isinstance(value, pd.Series):
        return {"$": "Series", "name": encode(value.name, nested), "values": _encode_column(value, nested),
                "index": _encode_index(value.index, nested)}
    if isinstance(value, pd.Index):
        return {"$": "Index", "index": _encode_index(value, nested)}
    raise Unsupported(_("an answer of type pandas {kind} cannot be checked again outside the notebook").format(
        kind=_kind(value)))


def _encode_column(series, nested: int) -> dict:
    """One column's values and type, whatever its dtype (categories and dates included)."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {"categories": _encode_column(pd.Series(dtype.categories), nested), "ordered": bool(dtype.ordered),
                "codes": series.cat.codes.tolist()}
    if dtype.kind in "mM":  # datetimes and durations as integers in their own unit, NaT as None
        mask = series.isna().tolist()
        return {"dtype": str(dtype), "ticks": [None if gap else int(v) for v, gap in zip(series.array.asi8, mask)]}
    values = series.tolist()
    if type(dtype).__module__ == "numpy" and dtype.kind in "biu":  # plain numbers: nothing to encode
        return {"dtype": str(dtype), "values": values}
    return {"dtype": str(dtype), "values": [encode(v, nested) for v in values]}


def _encode_index(index, nested: int) -> dict:
    import pandas as pd

    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": encode(index.name, nested)}
    if isinstance(index, pd.MultiIndex):
        return {"levels": [_encode_column(pd.Series(index.get_level_values(i)), nested)
                           for i in range(index.nlevels)], "names": [encode(n, nested) for n in index.names]}
    return {"values": _encode_column(pd.Series(index, dtype=index.dtype), nested), "name": encode(index.name, nested)}


def decode(data):
    """The value :func:`encode` wrote down; a ``ValueError`` when ``data`` is not such a record."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or not isinstance(data.get("$"), str):
        raise ValueError("not an encoded answer")
    kind = data["$"]
    if kind in _DECODERS:
        return _DECODERS[kind](data)
    raise ValueError(f"unknown kind of answer {kind!r}")


def _decode_numpy(data):
    import numpy as np

    return np.array(decode(data["value"]), dtype=data["dtype"])[()]


def _decode_ndarray(data):
    import numpy as np

    items = decode(data["items"])
    if np.dtype(data["dtype"]).kind != "O":
        return np.array(items, dtype=data["dtype"])
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _decode_column(data: dict):
    import pandas as pd

    if "categories" in data:
        categories = pd.Index(_decode_column(data["categories"]))
        return pd.Series(pd.Categorical.from_codes(data["codes"], categories=categories, ordered=data["ordered"]))
    dtype = pd.api.types.pandas_dtype(data["dtype"])
    if "ticks" in data:
        unit = getattr(dtype, "unit", None) or __import__("numpy").datetime_data(dtype)[0]
        ticks = pd.array(data["ticks"], dtype="Int64")
        if dtype.kind == "m":
            return pd.Series(pd.to_timedelta(ticks, unit=unit)).astype(dtype)
        tz = getattr(dtype, "tz", None)
        stamps = pd.Series(pd.to_datetime(ticks, unit=unit, utc=tz is not None))
        return (stamps.dt.tz_convert(tz) if tz is not None else stamps).astype(dtype)
    return pd.Series([decode(v) for v in data["values"]], dtype=dtype)


def _decode_index(data: dict):
    import pandas as pd

    if "range" in data:
        return pd.RangeIndex(*data["range"], name=decode(data["name"]))
    if "levels" in data:
        levels = [_decode_column(level) for level in data["levels"]]
        return pd.MultiIndex.from_arrays(levels, names=[decode(n) for n in data["names"]])
    return pd.Index(_decode_column(data["values"]), name=decode(data["name"]))


def _decode_frame(data):
    import pandas as pd

    index, columns = _decode_index(data["index"]), _decode_index(data["columns"])
    frame = pd.concat([_decode_column(c).set_axis(range(len(index))) for c in data["data"]], axis=1) \
        if data["data"] else pd.DataFrame(index=range(len(index)))
    frame.columns, frame.index = columns, index
    return frame


def _decode_series(data):
    index = _decode_index(data["index"])
    return _decode_column(data["values"]).set_axis(index).rename(decode(data["name"]))


def _decode_datetime(data):
    return {"datetime": dt.datetime, "date": dt.date, "time": dt.time}[data["$"]].fromisoformat(data["value"])


def _decode_timestamp(data):
    import pandas as pd

    return pd.Timestamp(data["value"]).as_unit(data["unit"])


def _pandas(name: str):
    """A decoder returning ``pandas.<name>`` (built on first use: pandas is imported only when needed)."""
    def build(data):
        import pandas as pd

        value = getattr(pd, name)
        return value(data["value"]) if name == "Timedelta" else value
    return build


_DECODERS = {
    "...": lambda data: Ellipsis,
    "float": lambda data: float(data["value"]),
    "tuple": lambda data: tuple(decode(data["items"])),
    "set": lambda data: set(decode(data["items"])),
    "frozenset": lambda data: frozenset(decode(data["items"])),
    "dict": lambda data: {_hashable(decode(k)): decode(v) for k, v in data["items"]},
    "datetime": _decode_datetime, "date": _decode_datetime, "time": _decode_datetime,
    "timedelta": lambda data: dt.timedelta(seconds=data["value"]),
    "numpy": _decode_numpy, "ndarray": _decode_ndarray,
    "NA": _pandas("NA"), "NaT": _pandas("NaT"), "Timedelta": _pandas("Timedelta"),
    "Timestamp": _decode_timestamp, "DataFrame": _decode_frame, "Series": _decode_series,
    "Index": lambda data: _decode_index(data["index"]),
}


def _hashable(key):
    if isinstance(key, list):
        raise ValueError("a dictionary key cannot be a list")
    return key


def written_down(answer) -> dict:
    """What a progress record keeps of a checked answer: the answer as data, or why it cannot be.

    >>> written_down(3)
    {'answer': 3}
    >>> written_down(open)["unsupported"]
    'an answer of type builtin_function_or_method cannot be checked again outside the notebook'
    >>> written_down("x" * (MAX_BYTES + 1))["unsupported"]
    'an answer of 20,000,003 characters is too large to check again'
    """
    try:
        data = encode(answer)
    except Unsupported as err:
        return {"unsupported": str(err)}
    except Exception as err:  # noqa: BLE001 - an odd object that breaks while being read: say so, never fail the check
        return {"unsupported": _("the answer could not be written down ({error})").format(error=type(err).__name__)}
    size = len(json.dumps(data, ensure_ascii=False))
    if size > MAX_BYTES:
        return {"unsupported": _("an answer of {size:,} characters is too large to check again").format(size=size)}
    return {"answer": data}
