"""How fast the workbench starts and answers a Check.

Figures: `import workbench` in a fresh interpreter (target < 0.5 s) against the baseline of
importing the heavy libraries a notebook uses (pandas, plotly, networkx, ipywidgets) eagerly, in
the same run; and the time of one Check (target < 0.3 s) against the baseline of reloading the
sample data from CSV, which a check would pay if it did not share the notebook's data.

    python benchmarks/bench_import_and_check.py [--quick]
"""

import argparse
import statistics
import subprocess
import sys
import time


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
