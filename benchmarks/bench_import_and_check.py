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


def fresh(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    repeat = 3 if parser.parse_args().quick else 7

    bare = fresh("pass", repeat)
    ours = fresh("import workbench", repeat) - bare
    eager = fresh("import pandas, plotly.graph_objects, networkx, ipywidgets", repeat) - bare
    print(f"import workbench: {ours:.3f} s (target < 0.5 s); eager import of pandas+plotly+networkx+"
          f"ipywidgets: {eager:.3f} s; ratio {ours / eager:.2f}x of the eager baseline")

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


if __name__ == "__main__":
    main()
