"""Benchmark: batch grading of 60 trainee notebooks of a full lesson with ``workbench session grade``.

The practice set ``crm/01-what-a-crm-is`` is released to 60 trainees, each with their own data
seed; most hand back the solved notebook, some the untouched copy, and a few a broken one (an
exception, ``input()``, an endless loop, invalid JSON).  Release builds each trainee's data
variant (timed and printed separately); grading runs every notebook in its own kernel,
``--jobs`` at a time (default: the number of cores), on those variants.

Baseline, measured in the same run: sequential grading, one notebook after the other in its
own kernel (``jobs=1``, as nbgrader's autograde works), on a sample of the same submissions,
extrapolated to the whole class.  Both include what every graded notebook costs: copying its
data, its kernel, and checking its answers again in a process of the grader's own.  Each
notebook's time is printed from ``notebooks.csv``.

Sandbox overhead, measured in the same run: the same class graded without the sandbox
(``unsafe=True``: trainee code as the grader's own user), on the same cached variants, just
before and just after the sandboxed run; their mean is the baseline, so a load that changes
during the run (other processes on the cores) weighs on both sides alike.

    python benchmarks/bench_grading.py            # 60 notebooks, baseline on a sample of 4
    python benchmarks/bench_grading.py --quick    # 4 notebooks, baseline on a sample of 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LESSON = "crm/01-what-a-crm-is"


def make_submissions(folder: Path, n: int, *, first: int = 0) -> None:
    """Release the lesson to ``n`` trainees and fill their copies in as a real class would."""
    import json

    import nbformat

    from workbench.lessons import resolve
    from workbench.sessions.release import release, stripped

    names = [f"trainee-{first + i + 1:03d}" for i in range(n)]
    roster = release([LESSON], folder, trainees=names, progress=False)
    source = resolve(LESSON)
    for i, person in enumerate(roster.itertuples()):
        target = folder / person.folder / source.name
        kind = i % 12
        if kind in (1, 7):
            continue  # the untouched copy: "No answer yet" everywhere
        nb = nbformat.read(source, as_version=4)  # the solved notebook (solution regions kept)
        nb.metadata.setdefault("workbench", {})["lesson"] = LESSON
        nb = stripped(source, LESSON, seed=person.seed) if kind == 11 else nb
        code = [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("workbench")]
        if kind == 3:
            code[0].source = 'raise ValueError("I broke this cell")'
        elif kind == 5:
            code[1].source = 'answer = input("which account?")\n' + code[1].source
        elif kind == 9 and i < 12:
            code[2].source = "while True:\n    pass"  # one endless loop in the class
        if kind == 11 and i < 24:
            target.write_text(json.dumps(nb)[:-200], encoding="utf-8")  # cut during a save
            continue
        nbformat.write(nb, target)


def _children_cpu() -> float:
    """CPU seconds of finished child processes (the runners, and the kernels each one reaped)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(n: int, sample: int, jobs: int, cell_timeout: float) -> str:
    from workbench.sessions.grade import grade

    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    os.environ["WORKBENCH_HOME"] = str(work / "home")  # a fresh home: no variant is cached beforehand
    try:
        base_subs = work / "baseline"
        make_submissions(base_subs, sample, first=1000)  # its own trainees, so its own variants
        started = time.perf_counter()
        grade(base_subs, work / "baseline-out", jobs=1, cell_timeout=cell_timeout, progress=False)
        per_notebook_baseline = (time.perf_counter() - started) / sample

        subs = work / "class"
        started = time.perf_counter()
        make_submissions(subs, n)
        released = time.perf_counter() - started

        def unsandboxed(name: str) -> float:  # the same notebooks, the same variants, without the sandbox
            started = time.perf_counter()
            grade(subs, work / name, jobs=jobs, cell_timeout=cell_timeout, progress=False, unsafe=True)
            return time.perf_counter() - started

        before = unsandboxed("out-unsafe-before")
        cpu_before = _children_cpu()
        started = time.perf_counter()
        grades = grade(subs, work / "out", jobs=jobs, cell_timeout=cell_timeout, progress=sys.stderr.isatty())
        ours = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        cores = os.cpu_count() or 1
        after = unsandboxed("out-unsafe-after")
        unsafe = (before + after) / 2  # measured before and after: a load that changes during the run cancels out

        import pandas as pd

        runs = pd.read_csv(work / "out" / "notebooks.csv", keep_default_na=False)
        baseline = per_notebook_baseline * n
        statuses = grades["status"].value_counts().to_dict()
        trouble = grades[grades["status"].isin(["error", "timeout", "input", "unreadable", "kernel died", "not run"])]
        broken = trouble.drop_duplicates(["trainee", "lesson"])
        lines = [
            f"graded {n} notebooks ({len(grades)} exercise rows) with jobs={jobs}: {ours:.1f} s "
            f"({ours / n:.2f} s per notebook; target for 60: under 180 s)",
            "per notebook (from notebooks.csv): status, run time inside its kernel, whole grading step "
            "(data copy, kernel, re-check):",
            *[f"  {r.trainee:<12} {r.status:<10} {r.seconds:6.2f} s {r.total_seconds:6.2f} s"
              + (f"  {r.problems[:70]}" if r.problems else "") for r in runs.itertuples()],
            f"per-notebook run time inside its kernel: median {runs['seconds'].median():.2f} s, "
            f"max {runs['seconds'].max():.2f} s; whole step: median {runs['total_seconds'].median():.2f} s, "
            f"max {runs['total_seconds'].max():.2f} s",
            f"broken notebooks reported with a reason: {len(broken)} of {n} "
            f"({(trouble['reason'] != '').mean():.0%} of their rows give one); batch stopped: no",
            f"statuses: {statuses}",
            f"grades by source: {grades['source'].value_counts().to_dict()}",
            f"release of the {n} trainee folders, building their {n} data variants: {released:.1f} s",
            f"baseline (sequential, one kernel per notebook, jobs=1, variants built at release as well): "
            f"{per_notebook_baseline:.2f} s per notebook on a sample of {sample}, "
            f"{baseline:.1f} s extrapolated to {n}",
            f"ratio baseline/ours: {baseline / ours:.2f}x",
            f"sandbox overhead: the same {n} notebooks graded without the sandbox (--unsafe), just before and just "
            f"after: {before:.1f} s and {after:.1f} s; sandboxed/unsandboxed: {ours / unsafe:.2f}x "
            "(target: at most 1.3x)",
            f"machine: {cores} cores, load average {os.getloadavg()[0]:.1f} at the end "
            "(other processes share these cores)",
            f"CPU used by the runners, their kernels and the re-checks: {cpu:.1f} s ({cpu / n:.2f} s per notebook); "
            f"on {cores} idle cores that is about {cpu / min(cores, jobs):.0f} s of wall time",
        ]
        return "\n".join(lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 notebooks (used by the tests)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cell-timeout", type=float, default=10)
    args = parser.parse_args(argv)
    n, sample = (4, 2) if args.quick else (60, 4)
    print(run(n, sample, args.jobs, args.cell_timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
