"""Benchmark: a 52-week editorial plan for a team of 10 with every constraint (target: under 2 s).

Measures the workbench planner (:func:`workbench.editorial.planner.plan_calendar`,
a documented greedy that audits its own plan) against a named baseline run in
the same process: a **naive round-robin planner** that fills each rep's cadence
on the first weekdays, taking themes, personas and formats in turn, and ignores
days off, author load, theme spacing and the content mix.  Both plans are
audited by :func:`check_plan`; the breaches of hard constraints are counted per
constraint and printed.

The scenario is hard on purpose: quotas above one (2 curated items a week),
part-time reps who publish 4 items on 2 working days (so 2 a day, allowed by
``max_posts_per_day=2``), a week of holiday and odd days off per rep, and a
persona served by one theme only.

    python benchmarks/bench_editorial_plan.py            # 52 weeks, 10 reps; exit 1 over 2 s or on a breach
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

from workbench.editorial.audit import check_plan, mix_report  # noqa: E402
from workbench.editorial.planner import plan_calendar  # noqa: E402
from workbench.editorial.rules import (  # noqa: E402
    CURATE_FORMAT,
    FORMAT_HOURS,
    PLAN_COLUMNS,
    REACT_FORMAT,
    InfeasiblePlan,
    PlanRules,
    Rep,
)

START = pd.Timestamp("2026-01-05")  # a Monday
TARGET_S = 2.0


def scenario(weeks: int, n_reps: int, seed: int = 7):
    rnd = random.Random(seed)
    personas = [f"P{i}" for i in range(1, 6)]
    # 14 themes; P5 is served by one theme only, the others by four to six
    served = [[personas[i % 4], personas[(i + 1) % 4]] for i in range(13)] + [["P5", "P1"]]
    line = pd.DataFrame({"theme_id": [f"T{i:02d}" for i in range(1, 15)],
                         "theme": [f"Theme {i}" for i in range(1, 15)], "personas": served})
    reps = []
    for i in range(n_reps):
        part_time = i % 3 == 2  # two working days, four items: two a day
        holiday = START + pd.Timedelta(days=7 * rnd.randrange(max(weeks - 2, 1)))
        days_off = [holiday + pd.Timedelta(days=d) for d in range(5)]  # a week of holiday
        days_off += [START + pd.Timedelta(days=rnd.randrange(7 * weeks)) for _ in range(weeks // 8)]
        reps.append(Rep(f"U{i + 1:02d}", f"Rep {i + 1}", posts_per_week=4 if part_time else rnd.choice([3, 4]),
                        react_per_week=rnd.choice([3, 5]), hours_per_week=rnd.choice([5.0, 6.0, 8.0]),
                        days_off=tuple(str(d.date()) for d in days_off),
                        workdays=(1, 3) if part_time else (0, 1, 2, 3) if i % 5 == 4 else (0, 1, 2, 3, 4)))
    rules = PlanRules(mix="4-1-1", min_produce=1, min_curate=2, theme_gap_weeks=3, persona_window_weeks=2,
                      max_posts_per_day=2)
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


def by_constraint(breaches: pd.DataFrame) -> dict:
    return breaches["constraint"].value_counts().to_dict()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 weeks, 3 reps")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    weeks, n_reps = (8, 3) if args.quick else (52, 10)
    reps, line, personas, rules = scenario(weeks, n_reps)
    two_a_day = sum(r.posts_per_week > len(r.workdays) for r in reps)
    print(f"editorial plan: {weeks} weeks, {n_reps} reps ({two_a_day} publishing 2 a day on 2 working days), "
          f"every constraint (cadence, quotas produce {rules.min_produce} / curate {rules.min_curate} / react, "
          f"author load, days off, at most {rules.max_posts_per_day} a day, theme spacing {rules.theme_gap_weeks} "
          f"weeks on {len(line)} themes, formats varied, {len(personas)} personas in turn every "
          f"{rules.persona_window_weeks} weeks (one served by a single theme), mix {rules.mix} soft)")
    try:
        t_plan, plan = best_of(lambda: plan_calendar(reps, line, personas, weeks=weeks, start=START, rules=rules),
                               args.repeat)
    except InfeasiblePlan as err:
        print(f"workbench greedy planner: no plan: {err}")
        return 1
    t_audit, breaches = best_of(lambda: check_plan(plan, reps, line, personas), 1)
    t_base, base = best_of(lambda: naive_round_robin(reps, line, personas, weeks, rules), args.repeat)
    base_breaches = check_plan(base, reps, line, personas)
    mix = mix_report(plan).attrs["mix_deviation"]
    met = t_plan < TARGET_S
    print(f"workbench greedy planner: {t_plan:.3f} s (best of {args.repeat}, its own audit included), "
          f"{len(plan)} items, {len(breaches)} hard-constraint breaches {by_constraint(breaches)}, "
          f"content-mix deviation {mix:g} points; separate audit {t_audit:.3f} s")
    print(f"target < {TARGET_S:g} s: {'met' if met else 'NOT met'} ({t_plan:.3f} s)")
    print(f"baseline naive round-robin planner: {t_base:.3f} s, {len(base_breaches)} hard-constraint breaches "
          f"{by_constraint(base_breaches)}")
    print(f"ratio planner/baseline time: {t_plan / t_base:.2f}x; breaches {len(breaches)} vs {len(base_breaches)}")
    if not breaches.empty:
        return 1
    return 0 if met or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
