"""Run one untrusted notebook in its own kernel, cell by cell, and say what happened to each cell.

The grader starts this module as a separate process (``python -P -m
workbench.sessions.runner NOTEBOOK RESULT.json``) for every submission, inside the
notebook's sandbox (:mod:`workbench.sessions.sandbox`), so a trainee's code only
ever runs in a kernel that this process starts, never in the grader.  The environment (``WORKBENCH_HOME``, ``WORKBENCH_LEARNER``,
``WORKBENCH_SEED`` or ``WORKBENCH_DATA``) is set by the grader.

- the grader's parameters (``--parameters``, the trainee's own ``data_seed``) replace
  any ``injected-parameters`` cell the notebook holds, as papermill does;
- every check logs its answer in the progress log of the workbench home the grader
  gives (``WORKBENCH_HOME``), for the grader to check again (:mod:`workbench.sessions.answers`);
- every cell runs even after an earlier one raised (``allow_errors``);
- a cell that runs longer than ``--cell-timeout`` is interrupted (an endless loop);
- ``input()`` fails at once: the kernel has no stdin;
- past ``--notebook-timeout`` the remaining cells are not run;
- a file that is not a notebook (invalid JSON) is reported, not run.

>>> outcome_of([{"output_type": "error", "ename": "StdinNotImplementedError", "evalue": "x"}], 0.1, 30)
('input', 'StdinNotImplementedError: x')
>>> outcome_of([], 0.1, 30)
('ok', '')
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from pathlib import Path

from .diagnostics import note


def outcome_of(outputs: list, seconds: float, cell_timeout: float) -> tuple[str, str]:
    """``(status, error)`` of an executed cell from its outputs and run time."""
    errors = [o for o in outputs if o.get("output_type") == "error"]
    ename = errors[0].get("ename", "Error") if errors else ""
    if seconds >= cell_timeout * 0.95 and ename in ("", "KeyboardInterrupt"):
        return "timeout", note("cell-timeout", seconds=cell_timeout)
    if errors:
        error = f"{ename}: {errors[0].get('evalue', '')}"[:300]
        return ("input" if ename == "StdinNotImplementedError" else "error"), error
    return "ok", ""


class NotANotebook(ValueError):
    """The file cannot be read as a notebook; ``note`` says why (:func:`~workbench.sessions.diagnostics.note`)."""

    def __init__(self, code: str, **parameters):
        self.note = note(code, **parameters)
        super().__init__(code)


def read_notebook(path: Path):
    """The notebook at ``path`` and a list of repairs made (notes), or raise :class:`NotANotebook` saying why not.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "bad.ipynb"
    >>> _ = bad.write_text('{"cells": [1]}')
    >>> try:
    ...     read_notebook(bad)
    ... except NotANotebook as err:
    ...     print(err.note)
    {'code': 'cell-not-object'}
    """
    import nbformat

    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        raw = json.loads(text)
    except ValueError as err:
        raise NotANotebook("not-json", line=getattr(err, "lineno", "?"), column=getattr(err, "colno", "?")) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise NotANotebook("no-cells")
    repairs = []
    seen = set()
    for cell in raw["cells"]:
        if not isinstance(cell, dict):
            raise NotANotebook("cell-not-object")
        if not isinstance(cell.get("metadata", {}), dict):
            cell["metadata"] = {}
            repairs.append(note("metadata-cleared"))
        cell.setdefault("metadata", {})
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(map(str, cell["source"]))
        elif not isinstance(cell.get("source", ""), str):
            cell["source"] = str(cell["source"])
        cell.setdefault("source", "")
        if cell.get("cell_type") == "code":  # the trainee's own outputs say nothing about this run
            cell["outputs"], cell["execution_count"] = [], None
        if "id" in cell:
            if not isinstance(cell["id"], str) or cell["id"] in seen:  # duplicated: a fresh id (nbgrader stops here)
                cell["id"] = uuid.uuid4().hex[:8]
                repairs.append(note("ids-renumbered"))
            seen.add(cell["id"])
    if not isinstance(raw.get("metadata", {}), dict):
        raw["metadata"] = {}
    raw.setdefault("metadata", {})
    raw.setdefault("nbformat", 4)
    raw.setdefault("nbformat_minor", 5)
    nb = nbformat.from_dict(raw)
    if nb.nbformat != 4:
        nb = nbformat.convert(nb, 4)
    return nb, list({r["code"]: r for r in repairs}.values())  # each repair said once


def run(path: Path, *, cell_timeout: float = 30, notebook_timeout: float = 300,
        executed: Path | None = None, parameters: dict | None = None) -> dict:
    """Execute the notebook at ``path`` (in its folder) and return what happened, cell by cell."""
    started = time.perf_counter()
    result = {"status": "ran", "problems": [], "cells": [], "seconds": 0.0}
    try:
        nb, repairs = read_notebook(path)
    except (OSError, ValueError) as err:
        why = err.note if isinstance(err, NotANotebook) else note("unreadable-notebook", error=err)
        result.update(status="unreadable", problems=[why])
        return result
    result["problems"] += repairs
    if parameters is not None:
        from ..lessons import with_parameters

        with_parameters(nb, **parameters)

    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    from ..lessons import cell_exercises

    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, record_timing=False, shutdown_kernel="immediate",
                            # a cell that ignores the interrupt still ends at its time limit
                            error_on_timeout={"ename": "CellTimeoutError", "evalue": "cell time limit",
                                              "traceback": []},
                            resources={"metadata": {"path": str(path.parent)}})
    deadline = started + notebook_timeout
    stop = ""
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            info = {"index": index, "exercises": cell_exercises(cell), "status": "ok", "error": ""}
            result["cells"].append(info)
            if stop:
                info.update(status="not run", error=stop)
                continue
            remaining = deadline - time.perf_counter()
            if remaining <= 1:
                stop = note("notebook-timeout", seconds=notebook_timeout)
                info.update(status="not run", error=stop)
                continue
            client.timeout = int(max(1, min(cell_timeout, remaining)))
            cell_started = time.perf_counter()
            try:
                client.execute_cell(cell, index)
            except DeadKernelError:
                stop = note("kernel-died")
                info.update(status="kernel died", error=stop)
                continue
            except Exception as err:  # nbclient itself failed on this cell: report and go on
                info.update(status="error", error=f"{type(err).__name__}: {err}"[:300])
                continue
            status, error = outcome_of(cell.get("outputs", []), time.perf_counter() - cell_started,
                                       client.timeout)
            info.update(status=status, error=error)
    if stop:
        result["problems"].append(stop)
    if executed is not None:  # plain JSON: nbformat.write would re-validate the whole notebook
        executed.parent.mkdir(parents=True, exist_ok=True)
        executed.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--executed", type=Path)
    parser.add_argument("--cell-timeout", type=float, default=30)
    parser.add_argument("--notebook-timeout", type=float, default=300)
    parser.add_argument("--parameters", type=json.loads, help="papermill parameters as a JSON object")
    args = parser.parse_args(argv)
    # jsonschema (imported by nbformat) loads rfc3987_syntax when it is installed, which builds a
    # grammar at import time: about 2 s of CPU per notebook.  Notebooks never need IRI checks.
    sys.modules.setdefault("rfc3987_syntax", None)
    try:
        result = run(args.notebook, cell_timeout=args.cell_timeout,
                     notebook_timeout=args.notebook_timeout, executed=args.executed,
                     parameters=args.parameters)
    except Exception as err:  # kernel would not start, etc.: the grader reports it for this notebook
        result = {"status": "failed", "problems": [note("could-not-run", error=f"{type(err).__name__}: {err}")],
                  "cells": [], "seconds": 0.0}
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
