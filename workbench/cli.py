"""The ``workbench`` command: parses arguments, calls the package, prints.

A problem the user can fix prints one or two lines and exits with status 2;
there is no traceback.

>>> main(["data", "validate", "no/such/folder"])
2
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import WorkbenchError, from_os_error


def _data_generate(args):
    from .data import generate
    from .data.load import export_files

    held = export_files(args.out)
    if held and not args.force:
        raise WorkbenchError(f"{args.out} already holds company data ({', '.join(held[:3])}"
                             + (f" and {len(held) - 3} more" if len(held) > 3 else "") + ")",
                             where="workbench data generate --out",
                             fix="choose a new folder, or add --force to write the sample company over those files")
    out = generate(args.out, seed=args.seed, scale=args.scale, progress=True)
    print(f"wrote the sample company (seed {args.seed}, scale {args.scale:g}) to {out}")


def _data_validate(args):
    from .data import validate

    warnings: list = []
    problems = validate(args.folder, warnings=warnings)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not problems:
        print(f"{args.folder}: every table matches the schema"
              + (f" ({len(warnings)} warning(s) above: the lessons still run)" if warnings else ""))
        return 0
    for problem in problems[: args.max]:
        print(f"error: {problem}", file=sys.stderr)
    if len(problems) > args.max:
        print(f"... and {len(problems) - args.max} more problems", file=sys.stderr)
    return 2


def _progress(args):
    from .exercises.course import course_progress

    print(course_progress(learner=args.learner).text())
    return 0


def _certificate(args):
    from .certificate import issue, write

    missing = [f"--{name}" for name in ("learner", "track", "out") if not getattr(args, name)]
    if missing:
        raise WorkbenchError(f"{', '.join(missing)} missing", where="certificate",
                             fix="workbench certificate --learner NAME --track TRACK --out FILE "
                                 "(or: workbench certificate verify CODE ...)")
    certificate = issue(args.learner, args.track)
    page, pdf, note = write(certificate, Path(args.out), force=args.force)
    print(f"certificate of {certificate.learner} ({certificate.score}% at the first try) written: {page}"
          + (f" and {pdf}" if pdf else ""))
    print(f"verification code: {certificate.code}")
    if note:
        print(note)
    return 0


def _certificate_verify(args):
    from .certificate import verify

    if verify(args.code, args.learner, args.track, args.date, args.score):
        print(f"genuine: {args.learner}, {args.track}, {args.date}, {args.score}% was issued here")
        return 0
    print(f"not genuine: this installation issued no certificate {args.code} for {args.learner}, "
          f"{args.track}, {args.date}, {args.score}%", file=sys.stderr)
    return 1


def _strip(args):
    from .exercises.solutions import strip_files

    written = strip_files(args.sources, args.out)
    print(f"{len(written)} trainee copies (solutions removed) written to {args.out}")


def _lessons_copy(args):
    from .lesson_copies import prepare

    print(prepare(_home(args)).text())


def _lessons_folder(args):
    from .settings import lesson_copies

    print(lesson_copies(_home(args)))


def _lessons_refresh(args):
    from .lesson_copies import refresh

    copy, backup = refresh(_home(args), args.lesson)
    print(f"{args.lesson}: the repository's version is now in {copy}"
          + (f"; your copy is kept at {backup}" if backup.exists() else ""))


def _home(args) -> Path:
    from . import settings

    return Path(args.home) if args.home else settings.current().home


def _demo(args):
    from .site import build_demo

    site = build_demo(Path(args.out), lessons=args.lessons or None)
    print(f"demo site written: {site.index}")
    if site.failed:
        print(f"error: {len(site.failed)} lesson(s) could not be run: "
              f"{', '.join(str(p) for p in site.failed)} (their errors are above and on the index page)",
              file=sys.stderr)
        return 1
    return 0


def _session_plan(args):
    from .sessions.plan import plan

    out = plan(args.lessons, args.out, format=args.format, title=args.title, start=args.start,
               source=args.source)
    print(f"facilitator guide written: {out}")


def _session_release(args):
    from .sessions.release import release

    roster = release(args.lessons, args.out, trainees=args.trainees, data=args.data, source=args.source,
                     force=args.force)
    print(f"released {len(args.lessons)} lesson(s) to {len(roster)} folder(s) under {args.out}")


def _session_grade(args):
    from .sessions.grade import grade
    from .sessions.verdict import Policy

    policy = Policy(score=args.score, max_attempts=args.max_attempts, trust_self_reported=args.trust_self_reported)
    grades = grade(args.submissions, args.out, jobs=args.jobs, cell_timeout=args.cell_timeout,
                   notebook_timeout=args.notebook_timeout, source=args.source, unsafe=args.unsafe, policy=policy)
    trainees = grades["trainee"].nunique() if "trainee" in grades else 0
    print(f"graded {trainees} trainee(s); grades, notebook outcomes and feedback pages in {args.out}")
    for note in grades.attrs.get("notes", []):
        print(note)


def _session_marks(args):
    from .sessions.marks import record_marks

    done = record_marks(args.grades, args.sheet)
    print(f"marks from {done['sheet']} applied: {done['marked']} open answer(s) marked, {done['waiting']} still "
          f"waiting for a mark; grades.csv, feedback pages and checksums rewritten in {args.grades}")


def _session_report(args):
    from .sessions.report import report

    out = report(args.source, args.out, title=args.title)
    print(f"class report written: {out}")


def _practice_reset(args):
    from .practice import lifecycle

    path = lifecycle.existing_path(args.trainee)
    if not args.yes:
        question = (f"Reset the practice CRM of {args.trainee}? Everything they did is undone "
                    "(a backup is kept and the audit log stays). [y/N] ")
        answer = _ask(question)
        if answer is None:
            raise WorkbenchError("no answer to the confirmation question (the input is closed), so nothing was reset",
                                 where="workbench practice reset", fix="add --yes to reset without being asked")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing reset")
            return 1
    done = lifecycle.reset_file(args.trainee, path=path, confirm=True)
    for note in done.notes:
        print(f"note: {note}")
    print(f"practice CRM of {args.trainee} reset to its starting state; the old one is kept at {done.kept_at}")


def _ask(question: str) -> str | None:
    """The user's answer to ``question``, or ``None`` when there is no input to read (closed, or at its end)."""
    if sys.stdin is None or sys.stdin.closed:
        print(question)
        return None
    try:
        return input(question)
    except EOFError:
        print()
        return None


def _practice_audit(args):
    from . import practice

    db = practice.open_existing(args.trainee, path=args.db, read_only=True)
    history = practice.audit.history(db, args.table)
    if history.empty:
        print(f"nothing changed yet in the practice CRM of {db.trainee}")
    else:
        columns = ["at", "who", "action", "table_name", "record_key", "changes", "reset_at"]
        print(history[columns].tail(args.last).to_string(index=False))


def _source_option(parser, default):
    parser.add_argument("--from", dest="source", choices=["practice-sets", "lessons"], default=default,
                        help="the lessons (notebooks/: forms and practice CRM tasks, every answer checked again "
                             "by the grader) or the practice sets (exercises/, answered in code; a lesson without "
                             "one is used itself)"
                             + (f"; default: {default}" if default else "; default: what the release's session.json "
                                                                        "says"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="CRM Workbench command line")
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="generate or validate company data").add_subparsers(
        dest="action", required=True)
    g = data.add_parser("generate", help="write the synthetic sample company as CSV files")
    g.add_argument("--out", required=True, help="folder to write")
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--scale", type=float, default=1.0, help="multiplies the row counts")
    g.add_argument("--force", action="store_true", help="write over company data already in the folder")
    g.set_defaults(func=_data_generate)
    v = data.add_parser("validate", help="check a folder of CSV files against the schema")
    v.add_argument("folder")
    v.add_argument("--max", type=int, default=20, help="how many problems to list")
    v.set_defaults(func=_data_validate)

    p = sub.add_parser("progress", help="show a learner's progress")
    p.add_argument("--learner", help="whose progress (default: you)")
    p.set_defaults(func=_progress)

    ce = sub.add_parser("certificate", help="issue a track's certificate to a learner who passed its assessment")
    ce.add_argument("--learner", help="whose certificate (their name as in the progress files)")
    ce.add_argument("--track", choices=["crm", "network", "editorial", "superusers"])
    ce.add_argument("--out", help="file to write (HTML; a PDF beside it where Chromium can print one)")
    ce.add_argument("--force", action="store_true", help="replace files that already exist")
    ce.set_defaults(func=_certificate)
    cv = ce.add_subparsers(dest="action").add_parser("verify", help="check a certificate's verification code")
    cv.add_argument("code")
    cv.add_argument("--learner", required=True)
    cv.add_argument("--track", required=True, choices=["crm", "network", "editorial", "superusers"])
    cv.add_argument("--date", required=True, help="the date on the certificate, YYYY-MM-DD")
    cv.add_argument("--score", required=True, type=int, help="the score on the certificate, in percent")
    cv.set_defaults(func=_certificate_verify)

    e = sub.add_parser("exercises", help="author tools for exercise notebooks").add_subparsers(
        dest="action", required=True)
    st = e.add_parser("strip", help="write copies of exercise notebooks without their solutions")
    st.add_argument("sources", nargs="+", help="notebooks or folders of notebooks")
    st.add_argument("--out", required=True, help="folder for the trainee copies")
    st.set_defaults(func=_strip)

    le = sub.add_parser("lessons", help="the trainee's own copies of the lessons, which `make lab` opens"
                        ).add_subparsers(dest="action", required=True)
    for name, func, what in (("copy", _lessons_copy, "copy the lessons into your workbench home: new ones only, "
                                                      "and say which of yours have a newer version"),
                             ("folder", _lessons_folder, "print the folder of your copies"),
                             ("refresh", _lessons_refresh, "replace your copy of one lesson with the repository's "
                                                           "(your copy is kept as a backup first)")):
        lp = le.add_parser(name, help=what)
        if name == "refresh":
            lp.add_argument("lesson", help="the lesson as `lessons copy` names it, e.g. crm/04-activities-and-"
                                           "follow-ups.ipynb")
        lp.add_argument("--home", help="workbench home (default: WORKBENCH_HOME or ~/.workbench)")
        lp.set_defaults(func=func)

    from .editorial import command as editorial_command
    from .network import command as network_command

    ed = sub.add_parser("editorial", help="plan social-selling content").add_subparsers(
        dest="action", required=True)
    ep = ed.add_parser("plan", help="plan the weeks ahead and export CSV / iCalendar")
    editorial_command.add_arguments(ep)
    ep.set_defaults(func=editorial_command.run)

    net = sub.add_parser("network", help="analyse sales reps' contact networks").add_subparsers(
        dest="action", required=True)
    network_command.add_arguments(net)

    ses = sub.add_parser("session", help="run training sessions: plan, release, grade, report").add_subparsers(
        dest="action", required=True)
    sp = ses.add_parser("plan", help="write a facilitator guide with a timed agenda")
    sp.add_argument("lessons", nargs="+", help="lesson ids (crm/02-accounts-contacts-and-consent) or notebooks")
    sp.add_argument("--format", default="face-to-face", choices=["face-to-face", "e-learning", "in-house"])
    sp.add_argument("--title")
    sp.add_argument("--start", default="09:00", help="clock time the session starts")
    sp.add_argument("--out", required=True, help="HTML file to write")
    _source_option(sp, default="lessons")
    sp.set_defaults(func=_session_plan)
    sr = ses.add_parser("release", help="write one folder per trainee: lessons without solutions, own data")
    sr.add_argument("lessons", nargs="+")
    sr.add_argument("--out", required=True, help="folder to write")
    sr.add_argument("--trainees", help="roster CSV (name, optional email)")
    sr.add_argument("--data", help="your company's export folder, used instead of the sample")
    sr.add_argument("--force", action="store_true",
                    help="release into a folder that is not empty (trainees already there keep their data variant)")
    _source_option(sr, default="lessons")
    sr.set_defaults(func=_session_release)
    sg = ses.add_parser("grade", help="execute and grade the trainees' notebooks")
    sg.add_argument("submissions", help="folder with one sub-folder per trainee")
    sg.add_argument("--out", required=True, help="folder for grades.csv and feedback pages")
    sg.add_argument("--jobs", type=int, help="notebooks run at once (default: CPU cores)")
    sg.add_argument("--cell-timeout", type=float, default=30, help="seconds one cell may run")
    sg.add_argument("--notebook-timeout", type=float, default=300, help="seconds one notebook may run")
    sg.add_argument("--unsafe", action="store_true",
                    help="grade without the sandbox, trainee code running as you (only when no sandbox can be had "
                         "and you trust every trainee's code)")
    sg.add_argument("--score", choices=["first", "best", "last"], default="first",
                    help="which attempt at an exercise scores (default: the first)")
    sg.add_argument("--max-attempts", type=int, help="count only the first N attempts at each exercise")
    sg.add_argument("--trust-self-reported", action="store_true",
                    help="let points the grader could not check again (a progress log's points, an answer that "
                         "cannot be written down) score; by default they are shown apart and score 0")
    _source_option(sg, default=None)
    sg.set_defaults(func=_session_grade)
    sm = ses.add_parser("marks", help="apply the marks a trainer entered in the marking sheet to the grades")
    sm.add_argument("grades", help="the folder `session grade` wrote (its --out)")
    sm.add_argument("--sheet", help="the filled sheet, .xlsx or .csv (default: marking-sheet.xlsx in that folder)")
    sm.set_defaults(func=_session_marks)
    sc = ses.add_parser("report", help="write the class report (where the class struggled)")
    sc.add_argument("source", help="grades.csv, a progress folder or a grading output folder")
    sc.add_argument("--out", required=True, help="HTML file to write")
    sc.add_argument("--title", default="Class report")
    sc.set_defaults(func=_session_report)

    pr = sub.add_parser("practice", help="manage a trainee's practice CRM").add_subparsers(
        dest="action", required=True)
    prr = pr.add_parser("reset", help="start a trainee's practice CRM again from the sample (keeps a backup)")
    prr.add_argument("--trainee", required=True)
    prr.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    prr.set_defaults(func=_practice_reset)
    pra = pr.add_parser("audit", help="show who changed what in a trainee's practice CRM")
    whose = pra.add_mutually_exclusive_group(required=True)
    whose.add_argument("--trainee", help="the trainee whose practice CRM is in this workbench home")
    whose.add_argument("--db", help="a practice CRM file (.sqlite) a trainee handed in")
    pra.add_argument("--table", help="only this table (contacts, deals, activities...)")
    pra.add_argument("--last", type=int, default=30, help="how many changes to show")
    pra.set_defaults(func=_practice_audit)

    d = sub.add_parser("demo", help="execute the lessons and write a static HTML site")
    d.add_argument("--out", default="build/demo")
    d.add_argument("lessons", nargs="*", help="lesson notebooks (default: all)")
    d.set_defaults(func=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args) or 0
        sys.stdout.flush()  # a reader that went away (``| head``) is found here, not at exit
        return status
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except WorkbenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a file the system refused: missing, not writable, disk full
        print(f"error: {from_os_error(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush meets no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (a test captures it)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
