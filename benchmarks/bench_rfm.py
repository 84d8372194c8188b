"""Benchmark: RFM scoring of 1,000,000 order lines with ``workbench.crm.segments.rfm``.

The data: order lines, as a CRM or shop exports them: about three lines per order (one to five),
each line with its order id, customer, order date and amount (whole currency units, so every sum
is exact); skewed customer activity, two years of dates.  ``rfm(..., order="order_id")`` counts
distinct orders as the frequency.

Baseline, measured in the same run: the textbook pandas implementation, a ``groupby(...).apply``
that computes recency, frequency (distinct orders) and monetary in a Python function per customer.
The quintile scores are then checked against an independent computation in numpy (not the
package's ``scores``): customers ordered with ``np.lexsort``, each place scored by counting the
quintile edges of the places below it, for both ``ties="first"`` and ``ties="same"``.

Target (DESIGN.md): under 5 s for 1,000,000 order lines.

    python benchmarks/bench_rfm.py            # 1,000,000 order lines, 50,000 customers
    python benchmarks/bench_rfm.py --quick    # 20,000 order lines (used by the tests)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 5.0
FULL_LINES = 1_000_000


def make_order_lines(n_lines: int, n_customers: int, seed: int = 42) -> pd.DataFrame:
    """``n_lines`` order lines (1 to 5 per order, 3 on average) with their order id."""
    rng = np.random.default_rng(seed)
    per_order = rng.integers(1, 6, n_lines)  # more orders than needed: the lines are cut at n_lines
    weights = rng.pareto(1.5, n_customers) + 1
    customers = rng.choice(n_customers, size=n_lines, p=weights / weights.sum())
    days = rng.integers(0, 730, n_lines)
    order = np.repeat(np.arange(n_lines), per_order)[:n_lines]
    return pd.DataFrame({
        "order_id": pd.Series(np.char.add("OR", np.char.zfill(order.astype(str), 7))),
        "contact_id": pd.Series(np.char.add("C", np.char.zfill(customers[order].astype(str), 6))),
        "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days[order], unit="D"),
        "amount": np.round(rng.lognormal(3.5, 1.0, len(order))),
    })


def baseline_rfm(lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """groupby-apply: recency, frequency and monetary in a Python function per customer."""

    def per_customer(group):
        return pd.Series({"recency": (as_of - group["order_date"].max()).days,
                          "frequency": group["order_id"].nunique(), "monetary": group["amount"].sum()})

    columns = ["order_id", "order_date", "amount"]
    return lines.groupby("contact_id", sort=True)[columns].apply(per_customer).reset_index()


def quintiles(values: np.ndarray, ids: np.ndarray, *, higher_is_better: bool, ties: str) -> np.ndarray:
    """Scores 1-5 without pandas: place 1..n from the worst, score = 1 + quintile edges below the place.

    The edges are those of ``qcut`` on the places 1..n: 1 + (n - 1) × k / 5 for k = 1..4, a place on
    an edge belonging to the fifth below.  ``ties="first"`` places equal values in id order;
    ``ties="same"`` gives them the place of the first of them.
    """
    n = len(values)
    if n == 1:
        return np.array([3])
    key = values if higher_is_better else -values
    order = np.lexsort((ids, key))  # worst first; equal values in id order
    places = np.empty(n, dtype=np.int64)
    places[order] = np.arange(1, n + 1)
    if ties == "same":
        places = np.searchsorted(np.sort(key), key, side="left") + 1  # 1 + how many are strictly worse
    edges = 1 + (n - 1) * np.arange(1, 5) / 5
    return np.searchsorted(edges, places, side="left") + 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, for the test suite")
    parser.add_argument("--lines", type=int, default=None)
    parser.add_argument("--customers", type=int, default=None)
    args = parser.parse_args(argv)
    n_lines = args.lines or (20_000 if args.quick else FULL_LINES)
    n_customers = args.customers or (1_000 if args.quick else 50_000)

    from workbench.crm.segments import rfm

    lines = make_order_lines(n_lines, n_customers)
    as_of = pd.Timestamp("2026-01-01")

    started = time.perf_counter()
    table = rfm(lines, customer="contact_id", date="order_date", amount="amount", as_of=as_of, order="order_id")
    ours = time.perf_counter() - started

    started = time.perf_counter()
    base = baseline_rfm(lines, as_of)
    theirs = time.perf_counter() - started

    same_values = all(np.array_equal(table[c].to_numpy(dtype=float), base[c].to_numpy(dtype=float))
                      for c in ("recency", "frequency", "monetary")) and \
        table["contact_id"].tolist() == base["contact_id"].tolist()
    ids = base["contact_id"].to_numpy()
    agree = {}
    for ties in ("first", "same"):
        scored = table if ties == "first" else rfm(lines, amount="amount", as_of=as_of, order="order_id", ties=ties)
        agree[ties] = all(
            np.array_equal(scored[letter].to_numpy(),
                           quintiles(base[value].to_numpy(dtype=float), ids, higher_is_better=value != "recency",
                                     ties=ties))
            for letter, value in (("r", "recency"), ("f", "frequency"), ("m", "monetary")))

    print(f"rfm: {len(lines):,} order lines, {lines['order_id'].nunique():,} orders, {len(table):,} customers")
    print(f"workbench rfm(order='order_id'): {ours:.3f} s")
    print(f"baseline (groupby-apply per customer): {theirs:.3f} s")
    print(f"recency, frequency and monetary identical to baseline: {same_values}")
    print(f"quintile scores identical to an independent numpy computation: ties='first' {agree['first']}, "
          f"ties='same' {agree['same']}")
    print(f"ratio (baseline / workbench): {theirs / ours:.1f}x")
    if len(lines) >= FULL_LINES:
        verdict = "met" if ours < TARGET_S else "NOT met"
        print(f"target (rfm on 1,000,000 order lines under {TARGET_S:.0f} s): {verdict}")
    else:
        print(f"target (under {TARGET_S:.0f} s) applies to the full run at 1,000,000 order lines")
    return 0 if same_values and all(agree.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
