"""The ``workbench classroom`` command: start the class's hub, release, collect, return feedback, status."""

from __future__ import annotations

from .folder import IDLE_TIMEOUT, ClassFolder


def _folder(args) -> ClassFolder:
    return ClassFolder(args.class_dir)


def _install(args):
    from .proxy import install

    print(f"the hub's proxy is installed: {install()}")


def _start(args):
    import os

    from ..errors import InputError
    from .hub import serve
    from .proxy import proxy_command
    from .roster import read_class_roster
    from .trainees import prepare

    trainees = read_class_roster(args.roster)
    if os.geteuid() != 0:
        raise InputError("the class must be started as root, to create one account per trainee",
                         where="classroom start", fix="run it with sudo (sudo make classroom ROSTER=...)")
    proxy_command()
    if args.admin in {t.login for t in trainees}:
        raise InputError(f"the admin {args.admin!r} is also a trainee in the roster", where="classroom start",
                         fix="give the superuser another login with --admin")
    folder = _folder(args)
    print(f"preparing {len(trainees)} trainee account(s) and their lessons...", flush=True)
    prepare(trainees)
    folder.write(trainees, admin=args.admin, port=args.port, ip=args.ip, idle_timeout=args.idle_timeout)
    return serve(folder)


def _release(args):
    from .handouts import release_lessons

    served = release_lessons(_folder(args), args.lessons)
    print(f"released {len(args.lessons)} lesson(s) into the class/ folder of {len(served)} trainee(s)")


def _collect(args):
    from .handouts import collect

    out = collect(_folder(args), args.out)
    print(f"hand-ins collected (read-only) in {out}; grade them with: workbench session grade {out} --out GRADES")


def _return_feedback(args):
    from .handouts import return_feedback

    served = return_feedback(_folder(args), args.grades)
    print(f"feedback pages returned to {len(served)} trainee(s), as class/feedback.html in their lab")


def _status(args):
    from .status import class_status, format_status

    print(format_status(class_status(_folder(args))))


def add_arguments(sub) -> None:
    """Add ``classroom`` and its actions to the ``workbench`` command's sub-parsers ``sub``."""
    classroom = sub.add_parser("classroom", help="run a class on JupyterHub on this machine").add_subparsers(
        dest="action", required=True)

    def action(name, func, help):
        parser = classroom.add_parser(name, help=help)
        parser.add_argument("--class-dir", help="the class folder (default: classroom/ in your workbench home)")
        parser.set_defaults(func=func)
        return parser

    action("install", _install, "install the hub's proxy (configurable-http-proxy from npm)")
    start = action("start", _start, "create the trainees' accounts and serve the class (as root; Ctrl-C stops)")
    start.add_argument("roster", help="CSV file: login, optional name, email, seed, lang")
    start.add_argument("--admin", default="trainer", help="the superuser's hub login (the admin page)")
    start.add_argument("--port", type=int, default=8000)
    start.add_argument("--ip", default="0.0.0.0", help="address to listen on (127.0.0.1: this machine only)")
    start.add_argument("--idle-timeout", type=int, default=IDLE_TIMEOUT,
                       help="seconds after which an idle trainee's lab is stopped")
    release = action("release", _release, "put lessons (no solutions, own data) into every trainee's class/")
    release.add_argument("lessons", nargs="+", help="lesson ids (crm/01-what-a-crm-is)")
    collect = action("collect", _collect, "gather every trainee's class/ folder, read-only, for session grade")
    collect.add_argument("--out", required=True, help="a new folder for the hand-ins")
    give = action("return-feedback", _return_feedback, "put each trainee's feedback page into their class/")
    give.add_argument("grades", help="the --out folder of workbench session grade")
    action("status", _status, "who is logged in, whose lab runs, how far each trainee is")
