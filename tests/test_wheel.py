"""The wheel carries the course: built from the repository, installed in a fresh virtualenv, it works outside the checkout.

Nothing is downloaded: the wheel is built with this environment's setuptools (``--no-build-isolation``)
and installed with ``--no-deps --no-index`` into a virtualenv that sees this environment's
site-packages through a ``.pth`` line (which, unlike ``--system-site-packages``, leaves out the
editable install of the checkout: a plain path line runs none of that folder's own ``.pth`` files).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "build", "dist", "node_modules", "__pycache__", "*.egg-info",
                                  ".ipynb_checkpoints")

pytestmark = pytest.mark.slow


def build_wheel(tree: Path, out: Path) -> Path:
    """Build ``tree`` as ``python -m build`` does, offline: its source distribution, then the wheel from that."""
    done = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                           "print(build_meta.build_sdist(sys.argv[1]))", str(out)],
                          cwd=tree, check=True, capture_output=True, text=True)
    sdist = out / done.stdout.strip().splitlines()[-1]
    shutil.unpack_archive(sdist, out)
    unpacked = out / sdist.name.removesuffix(".tar.gz")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", str(unpacked), "--wheel-dir", str(out)], check=True)
    return next(out.glob("workbench-*.whl"))


def copy_of_the_tree(target: Path) -> Path:
    """The working tree copied to ``target`` (a build writes its own folders into the source)."""
    shutil.copytree(ROOT, target, ignore=LEFT_OUT)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from the source distribution of the working tree."""
    work = tmp_path_factory.mktemp("wheel")
    return build_wheel(copy_of_the_tree(work / "source"), work)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed; returns its Python."""
    target = tmp_path_factory.mktemp("venv") / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, env=outside_the_checkout(), cwd=target.parent)
    # after the install, or pip would take this environment's workbench for the one to install
    ours = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    (Path(purelib) / "workbench-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


def outside_the_checkout() -> dict[str, str]:
    """This process's environment without the variables that point Python or the workbench at the checkout."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "PYTHON", "JUPYTER"))}


def run_outside(python: Path, code: str, home: Path) -> str:
    """Run ``code`` with ``python`` in ``home``, away from the checkout, and return what it printed."""
    env = outside_the_checkout()
    env.update(WORKBENCH_HOME=str(home / ".workbench"), WORKBENCH_LEARNER="wheel", HOME=str(home))
    done = subprocess.run([python, "-c", textwrap.dedent(code)], cwd=home, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_wheel_holds_the_lessons_the_practice_sets_the_sample_data_and_the_catalogues(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("notebooks", "exercises"):
        expected = {f"workbench/course/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / folder).rglob("*.ipynb")
                    if ".ipynb_checkpoints" not in p.parts}
        assert expected and expected <= names, sorted(expected - names)[:5]
    sample = {f"workbench/course/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "datasets").rglob("*")
              if p.is_file()}
    assert sample <= names, sorted(sample - names)[:5]
    package_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "workbench").rglob("*")
                     if p.is_file() and p.suffix not in {".pyc", ".mo"} and "__pycache__" not in p.parts}
    assert package_files <= names, sorted(package_files - names)[:5]  # modules, templates, catalogues
    assert "workbench-0.1.0.data/data/share/jupyter/lab/settings/overrides.d/workbench.json" in names
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_the_build_compiles_the_message_catalogues_when_the_project_has_the_compiler(tmp_path):
    tree = copy_of_the_tree(tmp_path / "source")
    compiler = tree / "workbench" / "i18n" / "compile.py"
    if not compiler.exists():  # a stand-in with the real one's contract: .po in workbench/locale -> .mo beside it
        compiler.write_text(textwrap.dedent("""
            from pathlib import Path
            folder = Path("workbench/locale/xx/LC_MESSAGES")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "workbench.mo").write_bytes(b"compiled")
        """))
    names = zipfile.ZipFile(build_wheel(tree, tmp_path)).namelist()
    assert any(n.startswith("workbench/locale/") and n.endswith("/LC_MESSAGES/workbench.mo") for n in names)


def test_the_installed_wheel_starts_lists_copies_and_checks_outside_the_checkout(installed, tmp_path):
    out = run_outside(installed, """
        import json
        import workbench as wb
        from workbench.course_files import course_root
        from workbench.exercises.check import check
        from workbench.lessons import in_course_order
        from workbench.lesson_copies import prepare
        from workbench.settings import current

        data = wb.start()
        lessons = in_course_order()
        prepare(current().home)
        result = check("crm.intro.count-contacts", len(data.contacts))
        print(json.dumps({"package": wb.__file__, "course": str(course_root()), "contacts": len(data.contacts),
                          "lessons": [lesson.path.name for lesson in lessons], "folder": str(current().lesson_copies),
                          "points": result.points, "progress": current().progress_file.is_file()}))
    """, tmp_path)
    found = json.loads(out.strip().splitlines()[-1])
    prefix = str(installed.parent.parent)
    assert found["package"].startswith(prefix) and found["course"].startswith(prefix), found
    assert not found["package"].startswith(str(ROOT))
    assert found["contacts"] > 0 and found["points"] == 1 and found["progress"]
    assert found["lessons"][0] == "00-start-here.ipynb" and len(found["lessons"]) == len(
        [p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts])
    assert (Path(found["folder"]) / "00-start-here.ipynb").is_file()
    assert (Path(found["folder"]) / "crm" / "01-what-a-crm-is.ipynb").is_file()


def test_the_installed_wheel_has_the_widget_safe_shortcuts_where_jupyterlab_reads_them(installed, tmp_path):
    out = run_outside(installed, """
        import json, os
        from jupyterlab.commands import get_app_dir
        from jupyterlab_server.settings_utils import _get_overrides

        overrides, error = _get_overrides(os.path.join(get_app_dir(), "settings"))
        print(json.dumps({"app_dir": get_app_dir(), "overrides": overrides, "error": error}))
    """, tmp_path)
    found = json.loads(out.strip().splitlines()[-1])
    assert found["app_dir"].startswith(str(installed.parent.parent)) and not found["error"], found["error"]
    shipped = json.loads((ROOT / "jupyter-config" / "overrides.d" / "workbench.json").read_text(encoding="utf-8"))
    assert found["overrides"]["@jupyterlab/shortcuts-extension:shortcuts"] == shipped[
        "@jupyterlab/shortcuts-extension:shortcuts"]
    assert found["overrides"]["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_the_workbench_command_is_installed_and_finds_the_lessons(installed, tmp_path):
    env = outside_the_checkout()
    env.update(WORKBENCH_HOME=str(tmp_path / "home"), WORKBENCH_LEARNER="wheel")
    done = subprocess.run([installed.parent / "workbench", "lessons", "folder"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "home" / "lessons")
