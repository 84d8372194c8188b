"""``workbench editorial plan``: plan the weeks ahead from a data folder and export CSV and iCalendar.

The data folder is a company folder with a ``social/`` sub-folder holding
``reps.csv`` (rep_id, name), ``personas.json`` and ``brainstorm.csv``, the
layout of the sample company.  The command shortlists the editorial line
(10 themes), plans, audits the plan, and writes the files.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_demo_folder(folder)
>>> main(["plan", "--weeks", "2", "--start", "2026-03-02", "--data", str(folder),
...       "--csv", str(folder / "plan.csv"), "--ics", str(folder / "plan.ics")])
planned 2 weeks from 2026-03-02 for 2 rep(s): 24 items (4 produce, 8 curate, 12 react) on 9 themes
content mix 4-1-1: deviation 0 points (curated 66.7% vs 66.7%, original 16.7% vs 16.7%, promotional 16.7% vs 16.7%)
hard constraints: 0 breach(es)
wrote ...plan.csv
wrote ...plan.ics
0
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from ..errors import DataError, WorkbenchError


def _social_folder(data_dir) -> Path:
    if data_dir is None:
        from ..data import load_sample  # the committed sample company

        return Path(load_sample().social)
    folder = Path(data_dir)
    social = folder / "social" if (folder / "social").is_dir() else folder
    if not (social / "personas.json").is_file():
        raise DataError("no social/personas.json in the data folder", file=folder,
                        fix="point --data at a company folder with a social/ sub-folder (like datasets/acme)")
    return social


def plan_from_folder(data_dir=None, *, weeks: int, start, ics=None, csv=None, mix: str = "4-1-1",
                     manager: str | None = None, posts_per_week: int = 3, react_per_week: int = 3,
                     hours_per_week: float = 4.0, theme_gap_weeks: int = 3, n_themes: int = 10,
                     stamp=None) -> tuple[pd.DataFrame, list[str]]:
    """Plan ``weeks`` weeks from ``start`` for the reps of ``data_dir`` (default: the sample company).

    Returns the plan and the lines of a short report (counts, content-mix
    deviation, audit); writes ``csv`` and ``ics`` when given.
    """
    from .export import plan_to_csv, plan_to_ics
    from .personas import load_personas
    from .planner import PlanRules, Rep, check_plan, mix_report, plan_calendar
    from .themes import load_brainstorm, shortlist

    social = _social_folder(data_dir)
    personas = load_personas(social / "personas.json")
    meta = social.parent / "meta.json"
    as_of = start
    if meta.is_file():
        try:
            as_of = json.loads(meta.read_text(encoding="utf-8")).get("as_of") or start
        except ValueError:
            pass
    line = shortlist(load_brainstorm(social / "brainstorm.csv"), n=n_themes, as_of=as_of, personas=personas)
    reps_file = social / "reps.csv"
    if not reps_file.is_file():
        raise DataError("reps.csv not found", file=reps_file, fix="list the reps as rep_id,name in social/reps.csv")
    table = pd.read_csv(reps_file, dtype=str, keep_default_na=False)
    reps = [Rep(r["rep_id"], r.get("name") or r["rep_id"], posts_per_week=posts_per_week,
                react_per_week=react_per_week, hours_per_week=hours_per_week) for r in table.to_dict("records")]
    rules = PlanRules(mix=mix, theme_gap_weeks=theme_gap_weeks)
    plan = plan_calendar(reps, line, personas, weeks=weeks, start=start, rules=rules, manager=manager)
    levels = plan["level"].value_counts()
    report = [f"planned {weeks} weeks from {pd.Timestamp(start):%Y-%m-%d} for {len(reps)} rep(s): {len(plan)} items "
              f"({levels.get('produce', 0)} produce, {levels.get('curate', 0)} curate, {levels.get('react', 0)} react) "
              f"on {plan['theme_id'].nunique()} themes"]
    mix_table = mix_report(plan)
    report.append(f"content mix {mix}: deviation {mix_table.attrs['mix_deviation']:g} points ("
                  + ", ".join(f"{r.category} {r.actual_pct:g}% vs {r.target_pct:g}%" for r in mix_table.itertuples())
                  + ")")
    breaches = check_plan(plan, reps, line, personas)
    report.append(f"hard constraints: {len(breaches)} breach(es)")
    report += [f"note: {n}" for n in plan.attrs.get("notes", [])[:10]]
    if csv:
        plan_to_csv(plan, csv)
        report.append(f"wrote {csv}")
    if ics:
        plan_to_ics(plan, ics, stamp=stamp)
        report.append(f"wrote {ics}")
    return plan, report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``workbench editorial plan`` (for the main command line to reuse)."""
    parser.add_argument("--weeks", type=int, required=True, help="number of weeks to plan")
    parser.add_argument("--start", required=True, help="first day, YYYY-MM-DD (a Monday reads best)")
    parser.add_argument("--data", default=None, help="company folder with social/ (default: the sample company)")
    parser.add_argument("--ics", default=None, help="write the plan as an iCalendar file")
    parser.add_argument("--csv", default=None, help="write the plan as a CSV file")
    parser.add_argument("--out", default=None, help="write to this file, .ics or .csv by its extension")
    parser.add_argument("--mix", default="4-1-1", help="content-mix rule: 4-1-1, 5-3-2 or 80-20")
    parser.add_argument("--manager", default=None, help="the editorial manager who approves")
    parser.add_argument("--posts-per-week", type=int, default=3, help="publications per rep and week")
    parser.add_argument("--hours-per-week", type=float, default=4.0, help="hours per rep and week")


def run(args) -> int:
    """Run ``workbench editorial plan`` from parsed arguments; prints the report, returns the exit status."""
    ics, csv = args.ics, args.csv
    if args.out:
        if str(args.out).lower().endswith(".ics"):
            ics = args.out
        else:
            csv = args.out
    try:
        _, report = plan_from_folder(args.data, weeks=args.weeks, start=args.start, ics=ics, csv=csv, mix=args.mix,
                                     manager=args.manager, posts_per_week=args.posts_per_week,
                                     hours_per_week=args.hours_per_week)
    except WorkbenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 0


def main(argv=None) -> int:
    """``workbench editorial ...`` on its own: ``main(["plan", "--weeks", "12", "--start", "2026-03-02"])``."""
    parser = argparse.ArgumentParser(prog="workbench editorial", description="plan social-selling content")
    sub = parser.add_subparsers(dest="action", required=True)
    add_arguments(sub.add_parser("plan", help="plan the weeks ahead and export CSV / iCalendar"))
    args = parser.parse_args(argv)
    return run(args)


def write_demo_folder(folder) -> Path:
    """Write a tiny company ``social/`` folder (2 reps, 2 personas, 11 ideas, two of them near-duplicates)."""
    social = Path(folder) / "social"
    social.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"rep_id": ["U1", "U2"], "name": ["Amina Rahman", "Farid Haddad"],
                  "folder": ["amina", "farid"], "linkedin_url": ["", ""]}).to_csv(social / "reps.csv", index=False)
    personas = [{"id": "P1", "name": "Operations Olivia", "role": "Head of operations",
                 "responsibilities": ["warehouse", "deliveries"], "objectives": ["deliver on time"],
                 "challenges": ["stock errors"], "projects": ["new warehouse software"],
                 "decision_process": "board signs above 50k", "what_matters": ["reliability"]},
                {"id": "P2", "name": "Finance Farah", "role": "Chief financial officer",
                 "responsibilities": ["budget"], "objectives": ["lower costs"], "challenges": ["cash flow"],
                 "projects": ["cost review"], "decision_process": "compares three quotes",
                 "what_matters": ["return on investment"]}]
    (social / "personas.json").write_text(json.dumps(personas, indent=2), encoding="utf-8")
    ideas = ["On-time deliveries without overtime", "Reading a cash-flow forecast", "Stock errors: five causes",
             "Return on investment of software", "Warehouse software checklist", "Lower costs in logistics",
             "Budget season: what to ask", "Reliability of suppliers", "Stock errors - five causes",
             "Hybrid teams in the warehouse", "Energy prices and logistics"]
    rows = [{"idea_id": f"I{i + 1}", "idea": idea, "proposed_by": "Amina Rahman",
             "kind": "news" if i % 3 == 0 else "evergreen", "voter": voter, "points": (i + j) % 4}
            for i, idea in enumerate(ideas) for j, voter in enumerate(["Amina Rahman", "Farid Haddad", "Lina Saleh"])]
    pd.DataFrame(rows).to_csv(social / "brainstorm.csv", index=False)
    return social
