"""Benchmark: a 52-week editorial plan for a team of 10 with every constraint (target: under 2 s).

Measures the workbench planner (:func:`workbench.editorial.planner.plan_calendar`,
a documented greedy) against a named baseline run in the same process: a
**naive round-robin planner** that fills each rep's cadence on the first
weekdays, taking themes, personas and formats in turn, and ignores days off,
author load, theme spacing and the content mix.  Both plans are audited by
:func:`check_plan`; the breaches of hard constraints are counted and printed.

    python benchmarks/bench_editorial_plan.py            # 52 weeks, 10 reps
    python benchmarks/bench_editorial_plan.py --quick    # 8 weeks, 3 reps (used by the tests)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from workbench.editorial.planner import (CURATE_FORMAT, FORMAT_HOURS, PLAN_COLUMNS, REACT_FORMAT, PlanRules,  # noqa: E402
                                         Rep, check_plan, mix_report, plan_calendar)

START = pd.Timestamp("2026-01-05")  # a Monday


def scenario(weeks: int, n_reps: int, seed: int = 7):
    rnd = random.Random(seed)
    personas = [f"P{i}" for i in range(1, 6)]
    line = pd.DataFrame({"theme_id": [f"T{i:02d}" for i in range(1, 11)],
                         "theme": [f"Theme {i}" for i in range(1, 11)],
                         "personas": [[personas[i % 5], personas[(i + 2) % 5]] for i in range(10)]})
    reps = []
    for i in range(n_reps):
        holiday = START + pd.Timedelta(days=7 * rnd.randrange(max(weeks - 2, 1)))
        days_off = [holiday + pd.Timedelta(days=d) for d in range(5)]  # a week of holiday
        days_off += [START + pd.Timedelta(days=rnd.randrange(7 * weeks)) for _ in range(weeks // 8)]
        reps.append(Rep(f"U{i + 1:02d}", f"Rep {i + 1}", posts_per_week=rnd.choice([2, 3, 3]),
                        react_per_week=rnd.choice([3, 5]), hours_per_week=rnd.choice([4.0, 5.0, 6.0]),
                        days_off=tuple(str(d.date()) for d in days_off),
                        workdays=(0, 1, 2, 3) if i % 5 == 4 else (0, 1, 2, 3, 4)))
    rules = PlanRules(mix="4-1-1", theme_gap_weeks=3, persona_window_weeks=2)
    return reps, line, personas, rules


def naive_round_robin(reps, line, personas, weeks: int, rules: PlanRules) -> pd.DataFrame:
    """The baseline: cadence filled on the first weekdays, everything else taken in turn."""
    rows, k = [], 0
    formats = list(rules.formats)
    for w in range(weeks):
        for r in reps:
            for j in range(r.posts_per_week):
                day = START + pd.Timedelta(days=7 * w + j)
                level = "produce" if j == 0 else "curate"
                fmt = formats[k % len(formats)] if level == "produce" else CURATE_FORMAT
                rows.append({"week": w + 1, "planned_on": day, "rep_id": r.rep_id, "level": level, "format": fmt,
                             "mix": "original" if level == "produce" else "curated",
                             "theme_id": line["theme_id"].iloc[k % len(line)], "persona_id": personas[k % len(personas)],
                             "hours": FORMAT_HOURS[fmt]})
                k += 1
            for j in range(r.react_per_week):
                rows.append({"week": w + 1, "planned_on": START + pd.Timedelta(days=7 * w + j % 5), "rep_id": r.rep_id,
                             "level": "react", "format": REACT_FORMAT, "mix": "", "theme_id": line["theme_id"].iloc[0],
                             "persona_id": "", "hours": FORMAT_HOURS[REACT_FORMAT]})
    plan = pd.DataFrame(rows)
    plan.attrs.update(start=START, weeks=weeks, rules=rules)
    return plan.reindex(columns=[c for c in PLAN_COLUMNS if c in plan.columns])


def best_of(fn, repeat: int):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 weeks, 3 reps")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    weeks, n_reps = (8, 3) if args.quick else (52, 10)
    reps, line, personas, rules = scenario(weeks, n_reps)
    t_plan, plan = best_of(lambda: plan_calendar(reps, line, personas, weeks=weeks, start=START, rules=rules),
                           args.repeat)
    t_audit, breaches = best_of(lambda: check_plan(plan, reps, line, personas), 1)
    t_base, base = best_of(lambda: naive_round_robin(reps, line, personas, weeks, rules), args.repeat)
    base_breaches = check_plan(base, reps, line, personas)
    mix = mix_report(plan).attrs["mix_deviation"]
    print(f"editorial plan: {weeks} weeks, {n_reps} reps, {len(plan)} items, every constraint "
          f"(cadence, react/curate/produce quotas, author load, days off, theme spacing {rules.theme_gap_weeks} weeks, "
          f"formats varied, {len(personas)} personas in turn, mix {rules.mix} soft)")
    print(f"workbench greedy planner: {t_plan:.3f} s (best of {args.repeat}; target < 2 s), "
          f"{len(breaches)} hard-constraint breaches, content-mix deviation {mix:g} points; audit {t_audit:.3f} s")
    counts = base_breaches["constraint"].value_counts().to_dict()
    print(f"baseline naive round-robin planner: {t_base:.3f} s, {len(base_breaches)} hard-constraint breaches "
          f"{counts}")
    print(f"ratio planner/baseline time: {t_plan / t_base:.2f}x; breaches {len(breaches)} vs {len(base_breaches)}")
    return 0 if breaches.empty else 1


if __name__ == "__main__":
    sys.exit(main())
