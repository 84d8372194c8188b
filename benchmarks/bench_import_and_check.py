"""How fast the workbench starts and answers a Check.

Figures: `import workbench` in a fresh interpreter (target < 0.5 s) against the baseline of
importing the heavy libraries a notebook uses (pandas, plotly, networkx, ipywidgets) eagerly, in
the same run; and the time of one Check (target < 0.3 s) against the baseline of reloading the
sample data from CSV, which a check would pay if it did not share the notebook's data.

A trainee's first cell in a fresh kernel, ``import workbench as wb; data = wb.start()`` on their
own data variant, in CPU seconds (a class shares the machine's cores): in a kernel that finds no
checked load kept in the trainee's home (their first), and in the next kernels, which read it
back; then the first Check after it.  Baseline, in the same run: a fresh interpreter that imports
pandas and reads every table with plain ``pandas.read_csv`` (no typing, no checks).

    python benchmarks/bench_import_and_check.py [--quick]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST_CELL = """
import time
import workbench as wb
data = wb.start()
started = time.process_time()
wb.check("start.tour.count-sales-team", 12)
print(started, time.process_time() - started)
"""
PLAIN_READ = """
import time
from pathlib import Path
import pandas as pd
from workbench.data.schema import TABLES
for table in TABLES:
    pd.read_csv(Path({folder!r}) / table.file, dtype=str)
print(time.process_time(), 0)
"""


def fresh(modules: str, repeat: int) -> float:
    """Median seconds to import ``modules`` in a fresh interpreter, timed inside it."""
    code = f"import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
             for _ in range(repeat)]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    repeat = 3 if parser.parse_args().quick else 7

    ours = fresh("workbench", repeat)
    eager = fresh("pandas, plotly.graph_objects, networkx, ipywidgets", repeat)
    print(f"import workbench: {ours * 1000:.1f} ms (target < 500 ms); eager import of pandas+plotly+networkx+"
          f"ipywidgets: {eager * 1000:.0f} ms; ratio {ours / eager:.4f}x of the eager baseline")

    first_cell(repeat)

    import workbench as wb
    from workbench.data import load
    from workbench.data.load import _CACHE, SAMPLE_FOLDER

    data = wb.start(None)
    ex_id, answer = "crm.intro.count-contacts", len(data.contacts)
    wb.check(ex_id, answer, record=False)
    runs = 10 if repeat == 3 else 50
    started = time.perf_counter()
    for _ in range(runs):
        assert wb.check(ex_id, answer).passed
    per_check = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    _CACHE.clear()
    load(SAMPLE_FOLDER)
    reload = time.perf_counter() - started
    print(f"check feedback: {per_check * 1000:.1f} ms per check, progress logged (target < 300 ms); "
          f"reloading the sample data: {reload * 1000:.0f} ms; ratio {per_check / reload:.3f}x of the reload baseline")
    every_check(wb)


def cpu_of(code: str, env: dict, repeat: int, before=lambda: None) -> tuple[float, float]:
    """Median CPU seconds of ``code`` in a fresh interpreter (interpreter start included), and of what it times itself."""
    runs = []
    for _ in range(repeat):
        before()
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout
        runs.append(tuple(map(float, out.split()[-2:])))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def first_cell(repeat: int) -> None:
    """CPU of a trainee's first cell in a fresh kernel, without and with the load kept in their home."""
    from workbench.data.active import ensure_variant
    from workbench.settings import data_cache

    root = Path(__file__).resolve().parents[1]
    home = Path(tempfile.mkdtemp(prefix="bench-first-cell-"))
    try:
        folder = ensure_variant(1001, home)
        env = {**os.environ, "WORKBENCH_HOME": str(home), "WORKBENCH_SEED": "1001", "WORKBENCH_LEARNER": "bench",
               "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
        plain, _ = cpu_of(PLAIN_READ.format(folder=str(folder)), env, repeat)
        first, check = cpu_of(FIRST_CELL, env, repeat, before=lambda: shutil.rmtree(data_cache(home), True))
        kept, kept_check = cpu_of(FIRST_CELL, env, repeat)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"fresh wb.start() on a variant, CPU: first kernel {first:.2f} s, next kernels (load kept in the home) "
          f"{kept:.2f} s; baseline pandas import + plain read_csv of every table {plain:.2f} s; ratio "
          f"{first / plain:.2f}x (first) and {kept / plain:.2f}x (next) of the baseline; next/first {kept / first:.2f}x")
    print(f"first Check after it, CPU: {check * 1000:.0f} ms (first kernel), {kept_check * 1000:.0f} ms (next)")


def every_check(wb) -> None:
    """Time the Check of every exercise once, as a trainee meets it: after the lesson's cells ran.

    Computing the exercise's reference answer stands in for those cells (it loads what they load,
    scipy for a test, the team network for a ranking); then its first plausible wrong answer is
    checked, timed.
    """
    from workbench.exercises.check import Context, check
    from workbench.exercises.registry import all_exercises

    ctx = Context()
    times = {}
    for ex in all_exercises():
        ex.reference(ctx)
        wrong = ex.wrong[0][0](ctx)
        started = time.perf_counter()
        check(ex.id, wrong, ctx=ctx, record=False)
        times[ex.id] = time.perf_counter() - started
    slowest = max(times, key=times.get)
    print(f"every exercise's Check ({len(times)}): median {statistics.median(times.values()) * 1000:.1f} ms, "
          f"slowest {times[slowest] * 1000:.0f} ms ({slowest}); target < 300 ms: "
          f"{'met' if times[slowest] < 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
