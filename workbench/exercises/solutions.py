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
from pathlib import Path

from ..errors import ExerciseError, InputError
from ..i18n.messages import _

BEGIN = re.compile(r"^\s*#+\s*BEGIN SOLUTION\b.*$")
END = re.compile(r"^\s*#+\s*END SOLUTION\b.*$")
STUB = "# YOUR ANSWER HERE"


class SolutionMarkerError(ExerciseError):
    """A BEGIN SOLUTION without its END (or the reverse), located by notebook, cell and line.

    ``cell`` counts the notebook's cells from 1, as an author counts them on screen.

    >>> err = SolutionMarkerError("BEGIN SOLUTION is never closed by END SOLUTION", line=2,
    ...                           fix="add '### END SOLUTION' after the solution")
    >>> print(err.at(path="exercises/crm/01-what-a-crm-is.ipynb", cell=5))
    01-what-a-crm-is.ipynb, cell 5, line 2: BEGIN SOLUTION is never closed by END SOLUTION. Fix: add '### END SOLUTION' after the solution.
    """

    def __init__(self, what: str, *, fix: str, line: int | None = None, cell: int | None = None,
                 path: str | Path | None = None):
        self.line, self.cell, self.path = line, cell, path
        parts = [Path(path).name if path else "", f"cell {cell}" if cell else "", f"line {line}" if line else ""]
        super().__init__(what, where=", ".join(p for p in parts if p) or None, fix=fix)

    def at(self, *, cell: int | None = None, path: str | Path | None = None) -> SolutionMarkerError:
        """The same error, placed in a cell and a notebook."""
        return SolutionMarkerError(self.what, fix=self.fix, line=self.line, cell=cell or self.cell,
                                   path=path or self.path)


def strip_source(source: str, stub: str = STUB) -> str:
    """``source`` with each solution region replaced by ``stub`` (indented like the region)."""
    out, inside, indent, begun = [], False, "", None
    for number, line in enumerate(source.splitlines(), start=1):
        if BEGIN.match(line):
            if inside:
                raise SolutionMarkerError(_("BEGIN SOLUTION inside another solution region"), line=number,
                                          fix=_("close the first region with '### END SOLUTION' before this line"))
            inside, begun = True, number
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + stub)
        elif END.match(line):
            if not inside:
                raise SolutionMarkerError(_("END SOLUTION without BEGIN SOLUTION"), line=number,
                                          fix=_("add '### BEGIN SOLUTION' above the solution, or delete this line"))
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise SolutionMarkerError(_("BEGIN SOLUTION is never closed by END SOLUTION"), line=begun,
                                  fix=_("add '### END SOLUTION' after the solution"))
    return "\n".join(out)


def has_solution(source: str) -> bool:
    """True when ``source`` opens a solution region."""
    return any(BEGIN.match(line) for line in source.splitlines())


def strip_notebook(nb, path: str | Path | None = None):
    """A copy of notebook ``nb`` (an nbformat node) with every solution region stubbed.

    Outputs and execution counts are cleared as well, so the copy is clean. A broken region
    raises :class:`SolutionMarkerError` naming the notebook (``path``), the cell and the line.
    """
    nb = copy.deepcopy(nb)
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            if any(BEGIN.match(line) or END.match(line) for line in cell.source.splitlines()):
                try:
                    cell.source = strip_source(cell.source)
                except SolutionMarkerError as err:
                    raise err.at(cell=number, path=path) from None
            cell.outputs = []
            cell.execution_count = None
    return nb


def strip_files(sources, out: str | Path) -> list[Path]:
    """Write a stripped copy of each notebook of ``sources`` (files or folders) under ``out``; return the copies.

    A folder's notebooks keep their place below it (checkpoints are skipped).
    Every copy is planned before any is written, and a copy that would land on
    one of the sources is refused, so the notebooks with their solutions are
    never overwritten.

    >>> import tempfile, nbformat
    >>> folder = Path(tempfile.mkdtemp())
    >>> nbformat.write(nbformat.v4.new_notebook(), folder / "01.ipynb")
    >>> [p.name for p in strip_files([folder], folder / "copies")]
    ['01.ipynb']
    >>> strip_files([folder / "01.ipynb"], folder)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: workbench exercises strip --out: the copy of 01.ipynb would overwrite the notebook itself, solutions and all. Fix: give --out a folder apart from the notebooks, e.g. build/trainee-copies.
    """
    import nbformat

    out = Path(out)
    plan = []
    for source in map(Path, sources):
        files = sorted(source.rglob("*.ipynb")) if source.is_dir() else [source]
        plan += [(path, out / (path.relative_to(source) if source.is_dir() else path.name))
                 for path in files if ".ipynb_checkpoints" not in path.parts]
    originals = {path.resolve() for path, _ in plan}
    for path, target in plan:
        if target.resolve() in originals:
            raise InputError(_('the copy of {name} would overwrite the notebook itself, solutions and all').format(name=path.name),
                             where="workbench exercises strip --out",
                             fix=_("give --out a folder apart from the notebooks, e.g. build/trainee-copies"))
    for path, target in plan:
        try:
            nb = nbformat.read(path, as_version=4)
        except ValueError as err:  # not JSON, or not a notebook
            raise ExerciseError(_('not a notebook ({err})').format(err=err), where=str(path),
                                fix=_("open it in JupyterLab and save it again")) from None
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(strip_notebook(nb, path=path), target)
    return [target for _, target in plan]
