"""The ``workbench`` command: parses arguments, calls the package, prints.

A problem the user can fix prints one or two lines and exits with status 2;
there is no traceback.

>>> main(["data", "validate", "no/such/folder"])
2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import WorkbenchError


def _data_generate(args):
    from .data import generate

    out = generate(args.out, seed=args.seed, scale=args.scale, progress=True)
    print(f"wrote the sample company (seed {args.seed}, scale {args.scale:g}) to {out}")


def _data_validate(args):
    from .data import validate

    problems = validate(args.folder)
    if not problems:
        print(f"{args.folder}: every table matches the schema")
        return 0
    for problem in problems[: args.max]:
        print(f"error: {problem}", file=sys.stderr)
    if len(problems) > args.max:
        print(f"... and {len(problems) - args.max} more problems", file=sys.stderr)
    return 2


def _progress(args):
    from . import settings
    from .exercises import ProgressLog

    s = settings.current()
    learner = args.learner or s.learner
    log = ProgressLog(s.home / "progress" / f"{settings.safe_name(learner)}.jsonl")
    table = log.summary()
    _, problems = log.read()
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    if table.empty:
        print(f"no progress recorded yet for {learner} ({log.path})")
        return 0
    done = int(table["passed"].sum())
    print(f"{learner}: {done} of {len(table)} exercises passed "
          f"({table['best_points'].sum():g} of {table['max_points'].sum():g} points)")
    print(table.to_string(index=False))
    return 0


def _strip(args):
    import nbformat

    from .exercises.solutions import strip_notebook

    out = Path(args.out)
    written = 0
    for source in args.sources:
        source = Path(source)
        files = sorted(source.rglob("*.ipynb")) if source.is_dir() else [source]
        for path in files:
            if ".ipynb_checkpoints" in path.parts:
                continue
            target = out / (path.relative_to(source) if source.is_dir() else path.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(strip_notebook(nbformat.read(path, as_version=4)), target)
            written += 1
    print(f"{written} trainee copies (solutions removed) written to {out}")


def _demo(args):
    from .site import build_demo

    index = build_demo(Path(args.out), lessons=args.lessons or None)
    print(f"demo site written: {index}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="CRM Workbench command line")
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="generate or validate company data").add_subparsers(
        dest="action", required=True)
    g = data.add_parser("generate", help="write the synthetic sample company as CSV files")
    g.add_argument("--out", required=True, help="folder to write")
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--scale", type=float, default=1.0, help="multiplies the row counts")
    g.set_defaults(func=_data_generate)
    v = data.add_parser("validate", help="check a folder of CSV files against the schema")
    v.add_argument("folder")
    v.add_argument("--max", type=int, default=20, help="how many problems to list")
    v.set_defaults(func=_data_validate)

    p = sub.add_parser("progress", help="show a learner's progress")
    p.add_argument("--learner", help="whose progress (default: you)")
    p.set_defaults(func=_progress)

    e = sub.add_parser("exercises", help="author tools for exercise notebooks").add_subparsers(
        dest="action", required=True)
    st = e.add_parser("strip", help="write copies of exercise notebooks without their solutions")
    st.add_argument("sources", nargs="+", help="notebooks or folders of notebooks")
    st.add_argument("--out", required=True, help="folder for the trainee copies")
    st.set_defaults(func=_strip)

    from .editorial import command as editorial_command

    ed = sub.add_parser("editorial", help="plan social-selling content").add_subparsers(
        dest="action", required=True)
    ep = ed.add_parser("plan", help="plan the weeks ahead and export CSV / iCalendar")
    editorial_command.add_arguments(ep)
    ep.set_defaults(func=editorial_command.run)

    d = sub.add_parser("demo", help="execute the lessons and write a static HTML site")
    d.add_argument("--out", default="build/demo")
    d.add_argument("lessons", nargs="*", help="lesson notebooks (default: all)")
    d.set_defaults(func=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except WorkbenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
