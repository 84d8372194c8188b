"""Benchmark: how fast the sample company is generated, against naive per-row Faker generation.

Full run: ``generate(seed=42, scale=20)`` (about 700,000 rows in the CRM tables, plus the social
files).  ``--quick``: scale 1.

Baseline, measured in the same run: a naive generator that builds contact rows one at a time,
one Faker call per field (first name, last name, company, city, phone, job, date) and an email
transliterated with ``unidecode`` per row, collected as a list of dicts and written with pandas.
It is timed on a sample of rows and extrapolated linearly to the number of rows the vectorised
generator wrote.  A contact row is among the richer rows of the data set (most rows, such as order
lines or campaign members, need no Faker call at all), so the baseline is an honest estimate of
what one-Faker-call-per-row generation would cost, not an exact re-implementation of every table.

    python benchmarks/bench_generate.py [--quick] [--scale S]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def naive_contacts(n: int, seed: int = 42):
    """The baseline: ``n`` contact rows, one Faker call per field per row."""
    import random

    import pandas as pd
    from faker import Faker
    from faker.decode import unidecode

    locales = ["fr_FR", "fa_IR", "bn_BD", "ar_SA", "en_GB"]
    fake = Faker(locales)
    fake.seed_instance(seed)
    pick = random.Random(seed)
    rows = []
    for i in range(n):
        f = fake[pick.choice(locales)]
        first, last = f.first_name(), f.last_name()
        rows.append({"contact_id": f"C{i + 1:05d}", "first_name": first, "last_name": last,
                     "email": f"{unidecode(first).lower()}.{unidecode(last).lower()}@{f.domain_name()}",
                     "phone": f.phone_number(), "title": f.job(), "company": f.company(), "city": f.city(),
                     "created_at": f.date_between("-3y", "today").isoformat()})
    with tempfile.TemporaryDirectory() as tmp:
        pd.DataFrame(rows).to_csv(Path(tmp) / "contacts.csv", index=False)
    return len(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scale 1 and a small baseline sample")
    parser.add_argument("--scale", type=float, default=None, help="scale to generate (default 20, quick 1)")
    args = parser.parse_args(argv)
    scale = args.scale or (1.0 if args.quick else 20.0)
    sample = 300 if args.quick else 3000

    from workbench.data.sample import generate

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        folder = generate(Path(tmp) / "acme", seed=42, scale=scale)
        seconds = time.perf_counter() - start
        rows = sum(json.loads((folder / "meta.json").read_text(encoding="utf-8"))["rows"].values())
        social_rows = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in (folder / "social").rglob("*.csv"))

    start = time.perf_counter()
    naive_contacts(sample)
    naive_seconds = time.perf_counter() - start
    naive_rate = sample / naive_seconds
    rate = rows / seconds
    print(f"vectorised generator, scale {scale:g}: {rows:,} CRM rows (+{social_rows:,} social-file rows, "
          f"whose time is included) in {seconds:.2f} s = {rate:,.0f} rows/s")
    print(f"baseline, naive one-Faker-call-per-field contact rows: {sample:,} rows in {naive_seconds:.2f} s = "
          f"{naive_rate:,.0f} rows/s; extrapolated to {rows:,} rows: {rows / naive_rate:.1f} s")
    print(f"ratio (vectorised rows/s over baseline rows/s): {rate / naive_rate:.1f}x")
    if not args.quick and scale == 20:
        print(f"target: scale 20 under 60 s -> {'met' if seconds < 60 else 'NOT met'} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
