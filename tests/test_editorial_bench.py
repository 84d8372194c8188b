"""The planner benchmark runs at small scale and prints its figure and ratio."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_quick_prints_ratio_and_no_breach():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_editorial_plan.py"), "--quick",
                          "--repeat", "1"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "ratio planner/baseline time:" in out.stdout
    assert "0 hard-constraint breaches" in out.stdout
    assert "baseline naive round-robin planner" in out.stdout
