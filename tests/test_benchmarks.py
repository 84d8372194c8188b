"""Every benchmark runs at small scale and prints its figure and a ratio to its baseline.

Some benchmarks also promise a result besides speed (no constraint breach, an F1 score);
``EXPECTED`` lists the lines that prove it.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("bench_*.py"))

EXPECTED = {
    "bench_dedupe": [r"ratio F1 vs exact-email baseline", r"find_duplicates:.*F1 (0\.9\d*|1\.0)"],
    "bench_editorial_plan": [r"ratio planner/baseline time:", r"\b0 hard-constraint breaches",
                             r"baseline naive round-robin planner"],
    "bench_practice": [r"slowest action: .+: [\d.]+ ms", r"ratio slowest action / baseline: [\d.]+x",
                       r"merge a duplicate pair", r"convert a lead"],
}


@pytest.mark.slow
@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda p: p.stem)
def test_benchmark_quick_run_prints_a_ratio(script):
    done = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True,
                          timeout=600, cwd=script.parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"ratio", done.stdout, re.I), done.stdout
    for pattern in EXPECTED.get(script.stem, []):
        assert re.search(pattern, done.stdout), f"{pattern!r} not in:\n{done.stdout}"
