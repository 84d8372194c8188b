"""Every benchmark runs at small scale and prints its figure and a ratio to its baseline."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("bench_*.py"))


@pytest.mark.slow
@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda p: p.stem)
def test_benchmark_quick_run_prints_a_ratio(script):
    done = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"ratio", done.stdout, re.I), done.stdout
    print(done.stdout)
