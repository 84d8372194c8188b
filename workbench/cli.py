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
from .i18n.command_line import ArgumentParser
from .i18n.language import LanguageError
from .i18n.messages import N_, _


def _data_generate(args):
    from .data import generate
    from .data.load import export_files

    held = export_files(args.out)
    if held and not args.force:
        what = (_("{out} already holds company data ({files} and {n} more)") if len(held) > 3
                else _("{out} already holds company data ({files})"))
        raise WorkbenchError(what.format(out=args.out, files=", ".join(held[:3]), n=len(held) - 3),
                             where="workbench data generate --out",
                             fix=_("choose a new folder, or add --force to write the sample company over those files"))
    out = generate(args.out, seed=args.seed, scale=args.scale, progress=True)
    print(_('wrote the sample company (seed {seed}, scale {scale:g}) to {out}').format(seed=args.seed, scale=args.scale, out=out))


def _data_validate(args):
    from .data import validate

    warnings: list = []
    problems = validate(args.folder, warnings=warnings)
    for warning in warnings:
        print(_('warning: {warning}').format(warning=warning), file=sys.stderr)
    if not problems:
        done = (_("{folder}: every table matches the schema ({n_warnings} warning(s) above: the lessons still run)")
                if warnings else _("{folder}: every table matches the schema"))
        print(done.format(folder=args.folder, n_warnings=len(warnings)))
        return 0
    for problem in problems[: args.max]:
        print(_('error: {problem}').format(problem=problem), file=sys.stderr)
    if len(problems) > args.max:
        print(_('... and {n_problems} more problems').format(n_problems=len(problems) - args.max), file=sys.stderr)
    return 2


def _progress(args):
    from .exercises.course import course_progress

    print(course_progress(learner=args.learner).text())
    return 0


def _certificate(args):
    from .certificate import issue, write

    missing = [f"--{name}" for name in ("learner", "track", "out") if not getattr(args, name)]
    if missing:
        raise WorkbenchError(_('{missing} missing').format(missing=', '.join(missing)), where="certificate",
                             fix=_("workbench certificate --learner NAME --track TRACK --out FILE "
                                 "(or: workbench certificate verify CODE ...)"))
    certificate = issue(args.learner, args.track)
    page, pdf, note = write(certificate, Path(args.out), force=args.force)
    written = (_("certificate of {learner} ({score}% at the first try) written: {page} and {pdf}") if pdf
               else _("certificate of {learner} ({score}% at the first try) written: {page}"))
    print(written.format(learner=certificate.learner, score=certificate.score, page=page, pdf=pdf))
    print(_('verification code: {code}').format(code=certificate.code))
    if note:
        print(note)
    return 0


def _certificate_verify(args):
    from .certificate import verify

    if verify(args.code, args.learner, args.track, args.date, args.score):
        print(_('genuine: {learner}, {track}, {date}, {score}% was issued here').format(learner=args.learner, track=args.track, date=args.date, score=args.score))
        return 0
    print(_('not genuine: this installation issued no certificate {code} for {learner}, {track}, {date}, {score}%').format(code=args.code, learner=args.learner, track=args.track, date=args.date, score=args.score), file=sys.stderr)
    return 1


def _strip(args):
    from .exercises.solutions import strip_files

    written = strip_files(args.sources, args.out)
    print(_('{n_written} trainee copies (solutions removed) written to {out}').format(n_written=len(written), out=args.out))


def _lessons_copy(args):
    from .lesson_copies import prepare

    print(prepare(_home(args), lang=args.lang).text())


def _lessons_folder(args):
    from .settings import lesson_copies

    print(lesson_copies(_home(args), args.lang))


def _lessons_refresh(args):
    from .lesson_copies import refresh

    copy, backup = refresh(_home(args), args.lesson, lang=args.lang)
    done = (_("{lesson}: the repository's version is now in {copy}; your copy is kept at {backup}")
            if backup.exists() else _("{lesson}: the repository's version is now in {copy}"))
    print(done.format(lesson=args.lesson, copy=copy, backup=backup))


def _lessons_build(args):
    from .i18n.lesson_build import build
    from .lessons import PRACTICE_SETS

    counts = build(args.lang, Path(args.out))
    practice = build(args.lang, Path(args.out) / PRACTICE_SETS.name, kind="practice")
    for count in practice:  # named as the lab names them, beside the lessons
        count.lesson = f"{PRACTICE_SETS.name}/{count.lesson}"
    for count in counts + practice:
        print(f"{count.lesson}: {count.text()}")
    unfinished = [count.lesson for count in counts + practice if not count.complete]
    print(_("{n} lessons and {n_practice} practice sets in {lang} written to {out}; {unfinished} not completely "
            "translated (their untranslated text is in English)").format(
                n=len(counts), n_practice=len(practice), lang=args.lang, out=args.out, unfinished=len(unfinished)))
    if args.strict and unfinished:
        print(_("error: --strict: {n} notebook(s) have untranslated entries: {lessons}. Fix: translate them in "
                "workbench/locale/{lang}/lessons/ and practice/ (AUTHORING.md, Translating a lesson)").format(
                    n=len(unfinished), lessons=", ".join(unfinished), lang=args.lang), file=sys.stderr)
        return 1
    return 0


def _lesson_language(value: str) -> str:
    from .i18n import LANGUAGES

    if value not in LANGUAGES:
        raise argparse.ArgumentTypeError(_("no lessons in {value!r}: choose one of {choices}").format(
            value=value, choices=", ".join(LANGUAGES)))
    return value


def _home(args) -> Path:
    from . import settings

    return Path(args.home) if args.home else settings.current().home


def _demo(args):
    from .site import build_demo

    out = args.out or ("build/demo" if args.lang == "en" else f"build/demo-{args.lang}")
    site = build_demo(Path(out), lessons=args.lessons or None, lang=args.lang)
    print(_('demo site written: {index}').format(index=site.index))
    if site.failed:
        print(_('error: {n_failed} lesson(s) could not be run: {value} (their errors are above and on the index page)').format(n_failed=len(site.failed), value=', '.join(str(p) for p in site.failed)),
              file=sys.stderr)
        return 1
    return 0


def _session_plan(args):
    from .sessions.plan import plan

    out = plan(args.lessons, args.out, format=args.format, title=args.title, start=args.start,
               source=args.source)
    print(_('facilitator guide written: {out}').format(out=out))


def _session_release(args):
    from .sessions.release import release

    roster = release(args.lessons, args.out, trainees=args.trainees, data=args.data, source=args.source,
                     force=args.force)
    print(_('released {n_lessons} lesson(s) to {n_roster} folder(s) under {out}').format(n_lessons=len(args.lessons), n_roster=len(roster), out=args.out))


def _session_grade(args):
    from .sessions.grade import grade
    from .sessions.verdict import Policy

    policy = Policy(score=args.score, max_attempts=args.max_attempts, trust_self_reported=args.trust_self_reported)
    grades = grade(args.submissions, args.out, jobs=args.jobs, cell_timeout=args.cell_timeout,
                   notebook_timeout=args.notebook_timeout, source=args.source, unsafe=args.unsafe, policy=policy)
    trainees = grades["trainee"].nunique() if "trainee" in grades else 0
    print(_('graded {trainees} trainee(s); grades, notebook outcomes and feedback pages in {out}').format(trainees=trainees, out=args.out))
    for note in grades.attrs.get("notes", []):
        print(note)


def _session_marks(args):
    from .sessions.marks import record_marks

    done = record_marks(args.grades, args.sheet)
    print(_("marks from {sheet} applied: {marked} open answer(s) marked, {waiting} still waiting for a mark; "
            "grades.csv, feedback pages and checksums rewritten in {grades}").format(
        sheet=done["sheet"], marked=done["marked"], waiting=done["waiting"], grades=args.grades))


def _session_report(args):
    from .sessions.report import report

    out = report(args.source, args.out, title=args.title or _("Class report"))
    print(_('class report written: {out}').format(out=out))


def _practice_reset(args):
    from .practice import lifecycle

    path = lifecycle.existing_path(args.trainee)
    if not args.yes:
        question = _("Reset the practice CRM of {trainee}? Everything they did is undone "
                     "(a backup is kept and the audit log stays). [y/N] ").format(trainee=args.trainee)
        answer = _ask(question)
        if answer is None:
            raise WorkbenchError(_("no answer to the confirmation question (the input is closed), so nothing was reset"),
                                 where="workbench practice reset", fix=_("add --yes to reset without being asked"))
        # TRANSLATORS: the answers that mean yes to a [y/N] question, separated by commas, English ones included.
        if answer.strip().lower() not in {word.strip() for word in _("y,yes").lower().split(",")} | {"y", "yes"}:
            print(_("nothing reset"))
            return 1
    done = lifecycle.reset_file(args.trainee, path=path, confirm=True)
    for note in done.notes:
        print(_('note: {note}').format(note=note))
    print(_('practice CRM of {trainee} reset to its starting state; the old one is kept at {kept_at}').format(trainee=args.trainee, kept_at=done.kept_at))


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


# The audit log's columns a reader sees, in words (the log's own keys stay as the practice CRM writes them).
AUDIT_HEADERS = {"at": N_("when"), "who": N_("who"), "action": N_("action"), "table_name": N_("table"),
                 "record_key": N_("record"), "changes": N_("changes"), "reset_at": N_("reset at")}


def _practice_audit(args):
    from . import practice

    db = practice.open_existing(args.trainee, path=args.db, read_only=True)
    history = practice.audit.history(db, args.table)
    if history.empty:
        print(_('nothing changed yet in the practice CRM of {trainee}').format(trainee=db.trainee))
    else:
        print(history[list(AUDIT_HEADERS)].tail(args.last).rename(columns={key: _(words) for key, words in
                                                                        AUDIT_HEADERS.items()}).to_string(index=False))


def _source_option(parser, default):
    helps = {"lessons": _("the lessons (notebooks/: forms and practice CRM tasks, every answer checked again by the "
                          "grader) or the practice sets (exercises/, answered in code; a lesson without one is used "
                          "itself); default: lessons"),
             None: _("the lessons (notebooks/: forms and practice CRM tasks, every answer checked again by the "
                     "grader) or the practice sets (exercises/, answered in code; a lesson without one is used "
                     "itself); default: what the release's session.json says")}
    parser.add_argument("--from", dest="source", choices=["practice-sets", "lessons"], default=default,
                        help=helps[default])


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="workbench", description=_("CRM Workbench command line"))
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help=_("generate or validate company data")).add_subparsers(
        dest="action", required=True)
    g = data.add_parser("generate", help=_("write the synthetic sample company as CSV files"))
    g.add_argument("--out", required=True, help=_("folder to write"))
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--scale", type=float, default=1.0, help=_("multiplies the row counts"))
    g.add_argument("--force", action="store_true", help=_("write over company data already in the folder"))
    g.set_defaults(func=_data_generate)
    v = data.add_parser("validate", help=_("check a folder of CSV files against the schema"))
    v.add_argument("folder")
    v.add_argument("--max", type=int, default=20, help=_("how many problems to list"))
    v.set_defaults(func=_data_validate)

    p = sub.add_parser("progress", help=_("show a learner's progress"))
    p.add_argument("--learner", help=_("whose progress (default: you)"))
    p.set_defaults(func=_progress)

    ce = sub.add_parser("certificate", help=_("issue a track's certificate to a learner who passed its assessment"))
    ce.add_argument("--learner", help=_("whose certificate (their name as in the progress files)"))
    ce.add_argument("--track", choices=["crm", "network", "editorial", "superusers"])
    ce.add_argument("--out", help=_("file to write (HTML; a PDF beside it where Chromium can print one)"))
    ce.add_argument("--force", action="store_true", help=_("replace files that already exist"))
    ce.set_defaults(func=_certificate)
    cv = ce.add_subparsers(dest="action").add_parser("verify", help=_("check a certificate's verification code"))
    cv.add_argument("code")
    cv.add_argument("--learner", required=True)
    cv.add_argument("--track", required=True, choices=["crm", "network", "editorial", "superusers"])
    cv.add_argument("--date", required=True, help=_("the date on the certificate, YYYY-MM-DD"))
    cv.add_argument("--score", required=True, type=int, help=_("the score on the certificate, in percent"))
    cv.set_defaults(func=_certificate_verify)

    e = sub.add_parser("exercises", help=_("author tools for exercise notebooks")).add_subparsers(
        dest="action", required=True)
    st = e.add_parser("strip", help=_("write copies of exercise notebooks without their solutions"))
    st.add_argument("sources", nargs="+", help=_("notebooks or folders of notebooks"))
    st.add_argument("--out", required=True, help=_("folder for the trainee copies"))
    st.set_defaults(func=_strip)

    le = sub.add_parser("lessons", help=_("the trainee's own copies of the lessons, which `make lab` opens")
                        ).add_subparsers(dest="action", required=True)
    for name, func, what in (("copy", _lessons_copy, N_("copy the lessons into your workbench home: new ones only, "
                                                         "and say which of yours have a newer version")),
                             ("folder", _lessons_folder, N_("print the folder of your copies")),
                             ("refresh", _lessons_refresh, N_("replace your copy of one lesson with the repository's "
                                                              "(your copy is kept as a backup first)"))):
        lp = le.add_parser(name, help=_(what))
        if name == "refresh":
            lp.add_argument("lesson", help=_("the lesson as `lessons copy` names it, e.g. crm/04-activities-and-"
                                           "follow-ups.ipynb"))
        lp.add_argument("--home", help=_("workbench home (default: WORKBENCH_HOME or ~/.workbench)"))
        lp.add_argument("--lang", type=_lesson_language, default=os.environ.get("WORKBENCH_LANG") or "en",
                        help=_("the lessons' language: en, fr, ar, fa or bn, each in a folder of its own "
                               "(default: WORKBENCH_LANG, else en)"))
        lp.set_defaults(func=func)
    lb = le.add_parser("build", help=_("write every lesson and practice set in another language, from their "
                                       "catalogues"))
    lb.add_argument("--lang", type=_lesson_language, required=True, help=_("fr, ar, fa or bn"))
    lb.add_argument("--out", required=True, help=_("folder to write (the same tree as notebooks/, the practice "
                                                   "sets in its exercises/ folder as the lab has them)"))
    lb.add_argument("--strict", action="store_true", help=_("fail when any entry is untranslated"))
    lb.set_defaults(func=_lessons_build)

    from .editorial import command as editorial_command
    from .network import command as network_command

    ed = sub.add_parser("editorial", help=_("plan social-selling content")).add_subparsers(
        dest="action", required=True)
    ep = ed.add_parser("plan", help=_("plan the weeks ahead and export CSV / iCalendar"))
    editorial_command.add_arguments(ep)
    ep.set_defaults(func=editorial_command.run)

    net = sub.add_parser("network", help=_("analyse sales reps' contact networks")).add_subparsers(
        dest="action", required=True)
    network_command.add_arguments(net)

    from .classroom import command as classroom_command

    classroom_command.add_arguments(sub)

    ses = sub.add_parser("session", help=_("run training sessions: plan, release, grade, report")).add_subparsers(
        dest="action", required=True)
    sp = ses.add_parser("plan", help=_("write a facilitator guide with a timed agenda"))
    sp.add_argument("lessons", nargs="+", help=_("lesson ids (crm/02-accounts-contacts-and-consent) or notebooks"))
    sp.add_argument("--format", default="face-to-face", choices=["face-to-face", "e-learning", "in-house"])
    sp.add_argument("--title")
    sp.add_argument("--start", default="09:00", help=_("clock time the session starts"))
    sp.add_argument("--out", required=True, help=_("HTML file to write"))
    _source_option(sp, default="lessons")
    sp.set_defaults(func=_session_plan)
    sr = ses.add_parser("release", help=_("write one folder per trainee: lessons without solutions, own data"))
    sr.add_argument("lessons", nargs="+")
    sr.add_argument("--out", required=True, help=_("folder to write"))
    sr.add_argument("--trainees", help=_("roster CSV (name, optional email)"))
    sr.add_argument("--data", help=_("your company's export folder, used instead of the sample"))
    sr.add_argument("--force", action="store_true",
                    help=_("release into a folder that is not empty (trainees already there keep their data variant)"))
    _source_option(sr, default="lessons")
    sr.set_defaults(func=_session_release)
    sg = ses.add_parser("grade", help=_("execute and grade the trainees' notebooks"))
    sg.add_argument("submissions", help=_("folder with one sub-folder per trainee"))
    sg.add_argument("--out", required=True, help=_("folder for grades.csv and feedback pages"))
    sg.add_argument("--jobs", type=int, help=_("notebooks run at once (default: CPU cores)"))
    sg.add_argument("--cell-timeout", type=float, default=30, help=_("seconds one cell may run"))
    sg.add_argument("--notebook-timeout", type=float, default=300, help=_("seconds one notebook may run"))
    sg.add_argument("--unsafe", action="store_true",
                    help=_("grade without the sandbox, trainee code running as you (only when no sandbox can be had "
                         "and you trust every trainee's code)"))
    sg.add_argument("--score", choices=["first", "best", "last"], default="first",
                    help=_("which attempt at an exercise scores (default: the first)"))
    sg.add_argument("--max-attempts", type=int, help=_("count only the first N attempts at each exercise"))
    sg.add_argument("--trust-self-reported", action="store_true",
                    help=_("let points the grader could not check again (a progress log's points, an answer that "
                         "cannot be written down) score; by default they are shown apart and score 0"))
    _source_option(sg, default=None)
    sg.set_defaults(func=_session_grade)
    sm = ses.add_parser("marks", help=_("apply the marks a trainer entered in the marking sheet to the grades"))
    sm.add_argument("grades", help=_("the folder `session grade` wrote (its --out)"))
    sm.add_argument("--sheet", help=_("the filled sheet, .xlsx or .csv (default: marking-sheet.xlsx in that folder)"))
    sm.set_defaults(func=_session_marks)
    sc = ses.add_parser("report", help=_("write the class report (where the class struggled)"))
    sc.add_argument("source", help=_("grades.csv, a progress folder or a grading output folder"))
    sc.add_argument("--out", required=True, help=_("HTML file to write"))
    sc.add_argument("--title", help=_("the report's title (default: Class report, in the report's language)"))
    sc.set_defaults(func=_session_report)

    pr = sub.add_parser("practice", help=_("manage a trainee's practice CRM")).add_subparsers(
        dest="action", required=True)
    prr = pr.add_parser("reset", help=_("start a trainee's practice CRM again from the sample (keeps a backup)"))
    prr.add_argument("--trainee", required=True)
    prr.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    prr.set_defaults(func=_practice_reset)
    pra = pr.add_parser("audit", help=_("show who changed what in a trainee's practice CRM"))
    whose = pra.add_mutually_exclusive_group(required=True)
    whose.add_argument("--trainee", help=_("the trainee whose practice CRM is in this workbench home"))
    whose.add_argument("--db", help=_("a practice CRM file (.sqlite) a trainee handed in"))
    pra.add_argument("--table", help=_("only this table (contacts, deals, activities...)"))
    pra.add_argument("--last", type=int, default=30, help=_("how many changes to show"))
    pra.set_defaults(func=_practice_audit)

    d = sub.add_parser("demo", help=_("execute the lessons and write a static HTML site"))
    d.add_argument("--out", help=_("folder to write (default: build/demo, or build/demo-LANG)"))
    d.add_argument("--lang", type=_lesson_language, default="en",
                   help=_("the site's language: en, fr, ar, fa or bn (the lessons built from its catalogues)"))
    d.add_argument("lessons", nargs="*", help=_("lesson notebooks (default: all)"))
    d.set_defaults(func=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        _say_what_stays_english()
    except LanguageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args) or 0
        sys.stdout.flush()  # a reader that went away (``| head``) is found here, not at exit
        return status
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except WorkbenchError as err:
        print(_('error: {err}').format(err=err), file=sys.stderr)
        return 2
    except OSError as err:  # a file the system refused: missing, not writable, disk full
        print(_('error: {from_os_error}').format(from_os_error=from_os_error(err)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130


def _say_what_stays_english() -> None:
    """Check ``WORKBENCH_LANG`` and, for a language whose catalogues are not complete yet, say once that
    some text stays English."""
    from .i18n import COMPLETE
    from .i18n.language import current_language

    lang = current_language()
    if lang != "en" and lang not in COMPLETE:
        print(_("note: the workbench is not fully translated into this language yet; some text stays in English."),
              file=sys.stderr)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush meets no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (a test captures it)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
