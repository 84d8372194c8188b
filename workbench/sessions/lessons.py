"""Which lesson a notebook is, and which exercises it holds, whatever its file name.

Exercises are found by id, never by cell position: in a cell's metadata
(``workbench.exercise``) or in the code (``wb.check("<id>", ...)``,
``wb.ask("<id>")``).  A lesson is named by its track folder and file stem,
``crm/01-what-a-crm-is``; a released copy carries that name in its metadata
(``workbench.lesson``), so a renamed file is still recognised.

>>> import nbformat
>>> cell = nbformat.v4.new_code_cell('answer = 3\\nwb.check("crm.intro.count-contacts", answer)')
>>> cell_exercises(cell)
['crm.intro.count-contacts']
>>> lesson_id(Path("exercises/crm/01-what-a-crm-is.ipynb"))
'crm/01-what-a-crm-is'
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError

ROOT = Path(__file__).resolve().parents[2]
ID_IN_CODE = re.compile(r"""\b(?:wb\.)?(?:ask|check|check_button)\(\s*["']([\w-]+\.[\w-]+\.[\w-]+)["']""")


def cell_exercises(cell) -> list[str]:
    """Exercise ids a cell answers: its metadata id first, then ids named in its code."""
    found = []
    meta = (cell.get("metadata") or {}).get("workbench") or {}
    if isinstance(meta, dict) and isinstance(meta.get("exercise"), str):
        found.append(meta["exercise"])
    if cell.get("cell_type") == "code":
        source = cell.get("source") or ""
        found += ID_IN_CODE.findall("".join(source) if isinstance(source, list) else str(source))
    return list(dict.fromkeys(found))


def notebook_exercises(nb) -> list[str]:
    """Every exercise id of a notebook, in the order the cells name them (metadata list first).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(metadata={"workbench": {"exercises": ["a.b.c"]}})
    >>> nb.cells.append(nbformat.v4.new_code_cell('wb.check("a.b.d", 1)'))
    >>> notebook_exercises(nb)
    ['a.b.c', 'a.b.d']
    """
    listed = list((nb.get("metadata", {}).get("workbench") or {}).get("exercises") or [])
    for cell in nb.get("cells", []):
        listed += cell_exercises(cell)
    return list(dict.fromkeys(listed))


def lesson_id(path: Path) -> str:
    """``track/stem`` for a notebook under ``notebooks/`` or ``exercises/`` (else its stem)."""
    path = Path(path)
    parent = path.parent.name
    if parent in ("notebooks", "exercises", ""):
        return path.stem
    return f"{parent}/{path.stem}"


def resolve(spec: str | Path) -> Path:
    """The notebook a lesson argument names: a path, or an id like ``crm/01-what-a-crm-is``.

    An id is looked up in ``exercises/`` (the practice sets, which hold the solutions a
    release strips) before ``notebooks/`` (the lessons).

    >>> resolve("crm/01-what-a-crm-is").relative_to(ROOT).as_posix()
    'exercises/crm/01-what-a-crm-is.ipynb'
    """
    path = Path(spec)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    name = str(spec).removesuffix(".ipynb")
    for folder in ("exercises", "notebooks"):
        candidate = ROOT / folder / f"{name}.ipynb"
        if candidate.is_file():
            return candidate
    known = sorted(lesson_id(p) for p in (ROOT / "exercises").rglob("*.ipynb"))
    raise InputError(f"no lesson notebook called {str(spec)!r}", where="lessons",
                     fix=f"give a notebook path or a lesson id such as {', '.join(known[:3]) or 'crm/01-what-a-crm-is'}")
