"""Benchmark: RFM scoring of 1,000,000 order lines with ``workbench.crm.segments.rfm``.

Baseline, measured in the same run: the textbook pandas implementation, a
``groupby(...).apply`` that computes recency, frequency and monetary in a Python
function per customer, followed by the same quintile scoring.  Both must give
the same scores.

    python benchmarks/bench_rfm.py            # 1,000,000 order lines, 50,000 customers
    python benchmarks/bench_rfm.py --quick    # 20,000 order lines (used by the tests)
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd


def make_orders(n_orders: int, n_customers: int, seed: int = 42) -> pd.DataFrame:
    """Random orders: skewed customer activity, two years of dates, log-normal amounts."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.5, n_customers) + 1
    customers = rng.choice(n_customers, size=n_orders, p=weights / weights.sum())
    days = rng.integers(0, 730, n_orders)
    return pd.DataFrame({
        "contact_id": pd.Series(customers).map(lambda i: f"C{i:06d}"),
        "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
        "total": np.round(rng.lognormal(4.5, 1.0, n_orders), 2),
    })


def baseline_rfm(orders: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """groupby-apply: a Python function per customer, then the same scores."""
    from workbench.crm.segments import scores

    def per_customer(group):
        return pd.Series({"recency": (as_of - group["order_date"].max()).days,
                          "frequency": len(group), "monetary": round(group["total"].sum(), 2)})

    out = orders.groupby("contact_id", sort=True)[["order_date", "total"]].apply(per_customer).reset_index()
    out["r"] = scores(out["recency"], higher_is_better=False)
    out["f"] = scores(out["frequency"].astype("int64"))
    out["m"] = scores(out["monetary"])
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, for the test suite")
    parser.add_argument("--orders", type=int, default=None)
    parser.add_argument("--customers", type=int, default=None)
    args = parser.parse_args(argv)
    n_orders = args.orders or (20_000 if args.quick else 1_000_000)
    n_customers = args.customers or (1_000 if args.quick else 50_000)

    from workbench.crm.segments import rfm

    orders = make_orders(n_orders, n_customers)
    as_of = pd.Timestamp("2026-01-01")

    started = time.perf_counter()
    table = rfm(orders, as_of=as_of)
    ours = time.perf_counter() - started

    started = time.perf_counter()
    base = baseline_rfm(orders, as_of)
    theirs = time.perf_counter() - started

    same = (table[["r", "f", "m"]].to_numpy() == base[["r", "f", "m"]].to_numpy()).all()
    print(f"rfm: {n_orders:,} order lines, {len(table):,} customers")
    print(f"workbench rfm: {ours:.3f} s")
    print(f"baseline (groupby-apply per customer): {theirs:.3f} s")
    print(f"scores identical to baseline: {bool(same)}")
    print(f"ratio (baseline / workbench): {theirs / ours:.1f}x")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
