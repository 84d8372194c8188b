"""Where the course's files are: the repository checkout when run from it, the installed package's data otherwise.

The lessons (``notebooks/``), the practice sets (``exercises/``) and the sample
company (``datasets/``) sit at the top of the repository, where authors edit
them and ``make lab`` reads them. A wheel cannot install folders beside the
package, so the build copies them into the package, under ``workbench/course/``,
with the same layout (``setup.py``, ``CourseBuild``). :func:`course_root` is the one
place that decides which of the two is read; every other module asks it.

>>> (course_root() / "notebooks" / "00-start-here.ipynb").is_file()
True
>>> sorted(p.name for p in course_root().iterdir() if p.name in COURSE_FOLDERS)
['datasets', 'exercises', 'notebooks']
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from .errors import WorkbenchError

#: The repository's top-level folders a wheel carries, under ``workbench/course/``.
COURSE_FOLDERS = ("notebooks", "exercises", "datasets")
#: The package folder a built wheel holds them in.
PACKAGED = "course"


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is the repository's root: it has the project file and the lessons.

    >>> is_checkout(Path(__file__).resolve().parents[1]) == (Path(__file__).resolve().parents[1] / "pyproject.toml").is_file()
    True
    >>> is_checkout(Path("/"))
    False
    """
    return (folder / "pyproject.toml").is_file() and (folder / COURSE_FOLDERS[0]).is_dir()


@cache
def course_root() -> Path:
    """The folder that holds ``notebooks/``, ``exercises/`` and ``datasets/``.

    The checkout when the package is imported from one (an editable install, or
    ``PYTHONPATH`` pointing at the repository), else the package data of an installed
    wheel. Neither found means a broken install: the error says how to repair it.

    >>> (course_root() / "datasets" / "acme" / "meta.json").is_file()
    True
    """
    checkout = Path(__file__).resolve().parents[1]
    if is_checkout(checkout):
        return checkout
    packaged = Path(str(resources.files(__package__) / PACKAGED))
    if (packaged / COURSE_FOLDERS[0]).is_dir():
        return packaged
    raise WorkbenchError(f"the course files (lessons, practice sets, sample data) are not installed: neither "
                         f"{checkout} is a checkout of the repository nor {packaged} holds them",
                         where="the workbench installation",
                         fix="reinstall from a wheel built with `pip wheel .` in the repository, or run from a checkout")
