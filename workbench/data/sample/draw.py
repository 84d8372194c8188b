"""Drawing helpers: numbered ids, row counts at a scale, and weighted picks from a list.

>>> list(numbered_ids("C", 3, 2)), row_count(1500, 0.5)
(['C01', 'C02', 'C03'], 750)
"""

from __future__ import annotations

import numpy as np


def numbered_ids(prefix: str, n: int, width: int) -> np.ndarray:
    """``prefix`` + a zero-padded counter from 1, widened when ``n`` needs more digits.

    >>> list(numbered_ids("P", 2, 2)), str(numbered_ids("P", 120, 2)[-1])
    (['P01', 'P02'], 'P120')
    """
    width = max(width, len(str(n)))
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def row_count(base: float, scale: float, minimum: int = 1) -> int:
    """How many rows a table of ``base`` rows at scale 1 gets at ``scale``, never under ``minimum``.

    >>> row_count(250, 2), row_count(250, 0.01, minimum=10)
    (500, 10)
    """
    return max(minimum, int(round(base * scale)))


def draw(rng, values, n, p=None):
    """``n`` values drawn from ``values`` with replacement, weighted by ``p`` (any positive weights).

    >>> [str(v) for v in draw(np.random.default_rng(0), ("email", "sms"), 3, [1, 0])]
    ['email', 'email', 'email']
    """
    values = np.asarray(values, dtype=object)
    if p is not None:
        p = np.asarray(p, float)
        p = p / p.sum()
    return values[rng.choice(len(values), size=n, p=p)]
