"""The sample company's calendar: its "today", the start of its history, and moments drawn in it.

Every date of the sample is measured against :data:`AS_OF`, never the real clock.

>>> import numpy as np
>>> str(AS_OF), str(HISTORY_START + 2 * DAY + HOUR)
('2026-06-30T00:00:00', '2023-07-03T01:00:00')
"""

from __future__ import annotations

import numpy as np

AS_OF = np.datetime64("2026-06-30T00:00:00", "s")
"""The sample company's "today": everything before it happened, everything after is planned."""
HISTORY_START = np.datetime64("2023-07-01T00:00:00", "s")
DAY = np.timedelta64(86400, "s")
HOUR = np.timedelta64(3600, "s")
MONDAY = np.datetime64("1970-01-05T00:00:00", "s")  # weeks run Monday to Sunday


def between(rng, lo, hi, n=None):
    """Uniform moments between ``lo`` and ``hi`` (datetime64[s] scalars or arrays); ``n`` of them, or one per pair.

    >>> rng = np.random.default_rng(0)
    >>> moments = between(rng, HISTORY_START, AS_OF, 3)
    >>> bool(((moments >= HISTORY_START) & (moments < AS_OF)).all()), len(moments)
    (True, 3)
    """
    lo = np.asarray(lo, "datetime64[s]")
    hi = np.asarray(hi, "datetime64[s]")
    span = np.maximum((hi - lo).astype(np.int64), 0)
    size = n if n is not None else np.broadcast(lo, hi).shape
    return lo + (rng.random(size) * span).astype(np.int64).astype("timedelta64[s]")


def office_hours(rng, moments):
    """Move each moment to a random time between 08:00 and 18:00 on its own day.

    >>> moved = office_hours(np.random.default_rng(0), np.array([AS_OF + 3 * HOUR]))
    >>> str(moved[0])[:10], 8 <= int(str(moved[0])[11:13]) < 18
    ('2026-06-30', True)
    """
    days = moments.astype("datetime64[D]").astype("datetime64[s]")
    secs = rng.integers(8 * 3600, 18 * 3600, size=len(moments))
    return days + secs.astype("timedelta64[s]")


def week_index(moments) -> np.ndarray:
    """Index of the Monday-to-Sunday week of each moment.

    >>> sunday, monday = np.datetime64("2026-06-28T23:00", "s"), np.datetime64("2026-06-29T08:00", "s")
    >>> [int(w) for w in week_index(np.array([sunday, monday, AS_OF])) - week_index(np.array([sunday]))[0]]
    [0, 1, 1]
    """
    return ((moments - MONDAY).astype(np.int64) // (7 * 86400)).astype(np.int64)
