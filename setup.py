"""The wheel carries the course: lessons, practice sets and sample data become package data.

Everything else about the build is declared in ``pyproject.toml``. The repository keeps
``notebooks/``, ``exercises/`` and ``datasets/`` at its top, where authors edit them;
:class:`CourseBuild` copies them into ``workbench/course/`` of the built package (the place
``workbench.course_files.course_root`` reads when the package is not run from a checkout), and
compiles the gettext message catalogues to ``.mo`` first when the project has the compiler
(``python -m workbench.i18n.compile``). An editable install reads the checkout itself and
copies nothing and compiles nothing (``make`` compiles the catalogues in the checkout).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
COURSE_FOLDERS = ("notebooks", "exercises", "datasets")  # workbench.course_files.COURSE_FOLDERS
LEFT_OUT = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc", ".workspaces")
CATALOGUE_COMPILER = HERE / "workbench" / "i18n" / "compile.py"


class CourseBuild(build_py):
    """``build_py`` that also compiles the message catalogues and copies the course into the package."""

    def run(self):
        if getattr(self, "editable_mode", False):  # the checkout is the package: `make` compiles the catalogues
            super().run()
            return
        if CATALOGUE_COMPILER.is_file():
            subprocess.run([sys.executable, "-m", "workbench.i18n.compile"], cwd=HERE, check=True)
        super().run()
        course = Path(self.build_lib) / "workbench" / "course"
        for folder in COURSE_FOLDERS:
            target = course / folder
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(HERE / folder, target, ignore=LEFT_OUT)


setup(cmdclass={"build_py": CourseBuild})
