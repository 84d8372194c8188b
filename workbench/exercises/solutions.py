"""Solution regions: ``### BEGIN SOLUTION`` ... ``### END SOLUTION``.

Release replaces each region with a stub the trainee fills in.  The answer
key itself lives in the package (each exercise's ``solution``), so a trainee
copy holds nothing to peek at.

>>> src = "answer = ...\\n### BEGIN SOLUTION\\nanswer = len(data.contacts)\\n### END SOLUTION\\nwb.check('x.y.z', answer)"
>>> print(strip_source(src))
answer = ...
# YOUR ANSWER HERE
wb.check('x.y.z', answer)
"""

from __future__ import annotations

import copy
import re

BEGIN = re.compile(r"^\s*#+\s*BEGIN SOLUTION\b.*$")
END = re.compile(r"^\s*#+\s*END SOLUTION\b.*$")
STUB = "# YOUR ANSWER HERE"


class SolutionMarkerError(ValueError):
    """A BEGIN SOLUTION without its END (or the reverse)."""


def strip_source(source: str, stub: str = STUB) -> str:
    """``source`` with each solution region replaced by ``stub`` (indented like the region)."""
    out, inside, indent = [], False, ""
    for number, line in enumerate(source.splitlines(), start=1):
        if BEGIN.match(line):
            if inside:
                raise SolutionMarkerError(f"line {number}: BEGIN SOLUTION inside another region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + stub)
        elif END.match(line):
            if not inside:
                raise SolutionMarkerError(f"line {number}: END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise SolutionMarkerError("BEGIN SOLUTION is never closed by END SOLUTION")
    return "\n".join(out)


def has_solution(source: str) -> bool:
    return any(BEGIN.match(line) for line in source.splitlines())


def strip_notebook(nb):
    """A copy of notebook ``nb`` (an nbformat node) with every solution region stubbed.

    Outputs and execution counts are cleared as well, so the copy is clean.
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            if has_solution(cell.source):
                cell.source = strip_source(cell.source)
            cell.outputs = []
            cell.execution_count = None
    return nb
