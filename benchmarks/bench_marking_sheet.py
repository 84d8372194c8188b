"""Benchmark: the marking sheet of a 200-trainee class, four open answers each (800 rows).

Measures writing ``marking-sheet.xlsx`` and ``.csv`` (every text stored as text, a data validation
per criterion) and reading the filled sheet back with every mark validated, as ``workbench session
marks`` does.  Every answer starts with a formula (``=HYPERLINK(...)``), so the run also counts the
formula cells the workbook holds (must be 0).

Baseline, measured in the same run: pandas' ``DataFrame.to_excel`` of the same table (openpyxl
engine, no escaping, no validation), what a plain export would do; it writes the texts as formulas.

    python benchmarks/bench_marking_sheet.py            # 200 trainees, 800 rows
    python benchmarks/bench_marking_sheet.py --quick    # 20 trainees, 80 rows (used by the tests)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OPEN = ["crm.activities.follow-up-email", "network.intros.request-message", "editorial.calendar.post-draft",
        "superusers.session.session-plan"]


def entries(trainees: int) -> list[dict]:
    from workbench.exercises import get
    from workbench.sessions.marks import answer_id

    out = []
    for n in range(trainees):
        for id in OPEN:
            task = get(id).open_task
            text = f'=HYPERLINK("http://evil.example/{n}","grade") ' + get(id).reference(None)
            out.append({"trainee": f"trainee-{n:03d}", "lesson": id.rsplit(".", 1)[0], "exercise": id,
                        "question": task.question, "text": text, "answer_id": answer_id(text),
                        "criteria": [{"name": c.name, "points": float(c.points), "earns": c.earns}
                                     for c in task.rubric.criteria]})
    return out


def formulas(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    return xml.count("<f>") + xml.count("<f ")


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    from workbench.sessions.marking_sheet import XLSX, SheetRow, read_sheet, write_sheet
    from workbench.sessions.marks import validate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    rows = entries(20 if args.quick else 200)
    folder = Path(tempfile.mkdtemp(prefix="bench-marking-"))

    started = time.perf_counter()
    table = pd.DataFrame([{k: e[k] for k in ("trainee", "lesson", "exercise", "question", "text", "answer_id")}
                          for e in rows])
    table.to_excel(folder / "baseline.xlsx", index=False)
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    write_sheet(folder, [SheetRow(e, {}) for e in rows])
    written = time.perf_counter() - started

    started = time.perf_counter()
    given = validate(folder / XLSX, read_sheet(folder / XLSX), rows)
    read = time.perf_counter() - started

    print(f"marking sheet of {len(rows)} open answers ({len(rows) // len(OPEN)} trainees x {len(OPEN)})")
    print(f"baseline pandas to_excel (no escaping, no validation): {baseline:.2f} s, "
          f"formula cells: {formulas(folder / 'baseline.xlsx')}")
    print(f"workbench write_sheet (xlsx + csv): {written:.2f} s, formula cells: {formulas(folder / XLSX)}")
    print(f"workbench read and validate the sheet: {read:.2f} s ({len(given)} rows)")
    print(f"ratio write_sheet / baseline: {written / baseline:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
