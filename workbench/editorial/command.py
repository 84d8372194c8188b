"""``workbench editorial plan``: plan the weeks ahead from a data folder and export CSV and iCalendar.

The data folder is a company folder with a ``social/`` sub-folder holding
``reps.csv``, ``personas.json`` and ``brainstorm.csv``, the layout of the
sample company.  ``reps.csv`` lists ``rep_id`` and ``name`` and may give a
rep their own ``posts_per_week``, ``react_per_week``, ``hours_per_week``,
``days_off`` (dates separated by ``;``) and ``workdays`` (``01234`` = Monday
to Friday); the command-line values fill the cells left empty.  The command
shortlists the editorial line (10 themes) or reads the one saved with
``--line``, plans, and writes the files.  A rule the plan cannot keep is an
error (exit status 2) that names the rule and what to change: the command
never writes a plan that breaks one.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_demo_folder(folder)
>>> _, report = plan_from_folder(folder, weeks=2, start="2026-03-02", csv=folder / "plan.csv")
>>> print("\\n".join(report))  # doctest: +ELLIPSIS
planned 2 weeks from 2026-03-02 for 2 rep(s): 24 items (4 to produce, 8 to curate, 12 to react to) on 9 themes
rep U1 (Amina Rahman): 3 posts, 3 reactions, 4 h a week
rep U2 (Farid Haddad): 3 posts, 3 reactions, 4 h a week
content mix 4-1-1: deviation 0 points (curated 66.7% (target 66.7%), original 16.7% (target 16.7%), promotional 16.7% (target 16.7%))
hard constraints: all met (cadence, quotas, author load, days off, theme spacing, formats, personas in turn)
wrote .../plan.csv
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import DataError, InputError
from ..i18n.messages import N_, _

#: The content-mix categories (the plan's keys) in words, translated where the report shows them.
MIX_WORDS = {"curated": N_("curated"), "original": N_("original"), "promotional": N_("promotional"),
             "humanising": N_("humanising")}


def _social_folder(data_dir) -> Path:
    if data_dir is None:
        from ..data import load_sample  # the committed sample company

        return Path(load_sample().social)
    folder = Path(data_dir)
    social = folder / "social" if (folder / "social").is_dir() else folder
    if not (social / "personas.json").is_file():
        raise DataError(_("no social/personas.json in the data folder"), file=folder,
                        fix=_("point --data at a company folder with a social/ sub-folder (like datasets/acme)"))
    return social


def _as_of(social: Path, start):
    """The data's date (``meta.json``'s ``as_of``), else the plan's first day: when the shortlist is dated."""
    meta = social.parent / "meta.json"
    if meta.is_file():
        try:
            return json.loads(meta.read_text(encoding="utf-8")).get("as_of") or start
        except ValueError:
            pass
    return start


def plan_from_folder(data_dir=None, *, weeks: int, start, ics=None, csv=None, line=None, mix: str = "4-1-1",
                     manager: str | None = None, posts_per_week: int = 3, react_per_week: int = 3,
                     hours_per_week: float = 4.0, theme_gap_weeks: int = 3, persona_window_weeks: int = 2,
                     n_themes: int = 10, stamp=None):
    """Plan ``weeks`` weeks from ``start`` for the reps of ``data_dir`` (default: the sample company).

    ``posts_per_week``, ``react_per_week`` and ``hours_per_week`` are the
    defaults for reps whose row of ``reps.csv`` leaves them empty.  ``line``
    is a saved editorial line (:func:`~workbench.editorial.themes.save_line`):
    read when the file exists, else shortlisted from the brainstorm and saved
    there, so its review date persists between runs.  Returns the plan and
    the lines of a short report (counts, each rep's settings, content-mix
    deviation, a review reminder when the line is due); writes ``csv`` and
    ``ics`` when given.  Raises a :class:`~workbench.errors.WorkbenchError`
    for bad input or a plan the rules do not allow.
    """
    import pandas as pd

    from .audit import mix_report
    from .export import plan_to_csv, plan_to_ics
    from .personas import load_personas
    from .planner import plan_calendar
    from .rules import PlanRules, reps_frame, start_day
    from .themes import load_brainstorm, load_line, review_reminder, save_line, shortlist

    start = start_day(start, where=_("the start date (--start)"))
    social = _social_folder(data_dir)
    personas = load_personas(social / "personas.json")
    report = []
    if line is not None and Path(line).is_file():
        editorial_line = load_line(line)
        report.append(_("editorial line read from {path}").format(path=line))
    else:
        editorial_line = shortlist(load_brainstorm(social / "brainstorm.csv"), n=n_themes,
                                   as_of=_as_of(social, start), personas=personas)
        if line is not None:
            save_line(editorial_line, line)
            report.append(_("editorial line saved to {path} (review on {date})").format(
                path=line, date=f"{editorial_line['review_on'].min():%Y-%m-%d}"))
    reps_file = social / "reps.csv"
    if not reps_file.is_file():
        raise DataError(_("reps.csv not found"), file=reps_file, fix=_("list the reps as rep_id,name in social/reps.csv"))
    reps = reps_frame(pd.read_csv(reps_file, dtype=str, keep_default_na=False), file=reps_file.name,
                      defaults={"posts_per_week": posts_per_week, "react_per_week": react_per_week,
                                "hours_per_week": hours_per_week})
    rules = PlanRules(mix=mix, theme_gap_weeks=theme_gap_weeks, persona_window_weeks=persona_window_weeks)
    plan = plan_calendar(reps, editorial_line, personas, weeks=weeks, start=start, rules=rules, manager=manager)
    levels = plan["level"].value_counts()
    report.insert(0, _("planned {weeks} weeks from {start} for {reps} rep(s): {items} items ({produce} to produce, "
                       "{curate} to curate, {react} to react to) on {themes} themes").format(
        weeks=weeks, start=f"{start:%Y-%m-%d}", reps=len(reps), items=len(plan), produce=levels.get("produce", 0),
        curate=levels.get("curate", 0), react=levels.get("react", 0), themes=plan["theme_id"].nunique()))
    for r in reps:
        said = (_("rep {id} ({name}): {posts} posts, {reactions} reactions, {hours:g} h a week, {off} day(s) off")
                if r.days_off else _("rep {id} ({name}): {posts} posts, {reactions} reactions, {hours:g} h a week"))
        report.append(said.format(id=r.rep_id, name=r.name, posts=r.posts_per_week, reactions=r.react_per_week,
                                  hours=r.hours_per_week, off=len(r.days_off)))
    mix_table = mix_report(plan)
    shares = [_("{category} {actual:g}% (target {target:g}%)").format(category=_(MIX_WORDS.get(r.category, r.category)),
                                                                      actual=r.actual_pct, target=r.target_pct)
              for r in mix_table.itertuples()]
    report.append(_("content mix {mix}: deviation {deviation:g} points ({shares})").format(
        mix=mix, deviation=mix_table.attrs["mix_deviation"], shares=", ".join(shares)))
    report.append(_("hard constraints: all met (cadence, quotas, author load, days off, theme spacing, formats, "
                    "personas in turn)"))
    reminder = review_reminder(editorial_line, start)
    if reminder:
        report.append(_("note: {note}").format(note=reminder))
    report += [_("note: {note}").format(note=n) for n in plan.attrs.get("notes", [])[:10]]
    if csv:
        plan_to_csv(plan, csv)
        report.append(_("wrote {path}").format(path=csv))
    if ics:
        plan_to_ics(plan, ics, stamp=stamp)
        report.append(_("wrote {path}").format(path=ics))
    return plan, report


def add_arguments(parser) -> None:
    """The options of ``workbench editorial plan`` (the main command line adds them to its sub-command)."""
    parser.add_argument("--weeks", type=int, required=True, help=_("number of weeks to plan"))
    parser.add_argument("--start", required=True, help=_("first day, YYYY-MM-DD (a Monday reads best)"))
    parser.add_argument("--data", default=None, help=_("company folder with social/ (default: the sample company)"))
    parser.add_argument("--ics", default=None, help=_("write the plan as an iCalendar file"))
    parser.add_argument("--csv", default=None, help=_("write the plan as a CSV file"))
    parser.add_argument("--out", default=None, help=_("write to this file, .ics or .csv by its extension"))
    parser.add_argument("--line", default=None,
                        help=_("saved editorial line (JSON): read if it exists, else shortlisted and saved there"))
    parser.add_argument("--mix", default="4-1-1", help=_("content-mix rule: 4-1-1, 5-3-2 or 80-20"))
    parser.add_argument("--manager", default=None, help=_("the editorial manager who approves"))
    parser.add_argument("--posts-per-week", type=int, default=3,
                        help=_("publications per rep and week, for reps whose reps.csv row gives none"))
    parser.add_argument("--react-per-week", type=int, default=3,
                        help=_("reactions per rep and week, for reps whose reps.csv row gives none"))
    parser.add_argument("--hours-per-week", type=float, default=4.0,
                        help=_("hours per rep and week, for reps whose reps.csv row gives none"))
    parser.add_argument("--theme-gap-weeks", type=int, default=3, help=_("weeks before a rep repeats a theme"))
    parser.add_argument("--persona-window-weeks", type=int, default=2,
                        help=_("every persona is addressed at least once in this many weeks"))


def run(args) -> int:
    """Run ``workbench editorial plan`` from parsed arguments and print the report.

    A problem (bad input, a plan the rules do not allow) raises a
    :class:`~workbench.errors.WorkbenchError`, which the ``workbench`` command
    prints and turns into exit status 2.
    """
    ics, csv = args.ics, args.csv
    if args.out:
        if ics or csv:
            raise InputError(_("--out cannot be given together with --csv or --ics"), where="workbench editorial plan",
                             fix=_("use --csv FILE and/or --ics FILE, or --out alone (its extension, .csv or .ics, "
                                 "says the format)"))
        suffix = Path(args.out).suffix.lower()
        if suffix not in (".ics", ".csv"):
            raise InputError(_('--out {out}: the file name must end in .csv or .ics').format(out=args.out), where="workbench editorial plan",
                             fix=_("name the file plan.csv (a table) or plan.ics (a calendar), or use --csv / --ics"))
        ics, csv = (args.out, None) if suffix == ".ics" else (None, args.out)
    _plan, report = plan_from_folder(args.data, weeks=args.weeks, start=args.start, ics=ics, csv=csv, line=args.line,
                                 mix=args.mix, manager=args.manager, posts_per_week=args.posts_per_week,
                                 react_per_week=args.react_per_week, hours_per_week=args.hours_per_week,
                                 theme_gap_weeks=args.theme_gap_weeks, persona_window_weeks=args.persona_window_weeks)
    print("\n".join(report))
    return 0


def write_demo_folder(folder) -> Path:
    """Write a tiny company ``social/`` folder (2 reps, 2 personas, 11 ideas, two of them near-duplicates)."""
    import pandas as pd

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
