"""The course is read from the checkout when there is one, else from the installed package's data."""

from pathlib import Path

import pytest

from workbench import course_files
from workbench.errors import WorkbenchError


@pytest.fixture
def away_from_the_checkout(monkeypatch, tmp_path):
    """``course_root`` as an installed package sees it: no checkout, its package data under ``tmp_path``."""
    monkeypatch.setattr(course_files, "is_checkout", lambda folder: False)
    monkeypatch.setattr(course_files.resources, "files", lambda package: tmp_path)
    course_files.course_root.cache_clear()
    yield tmp_path / course_files.PACKAGED
    course_files.course_root.cache_clear()


def test_the_checkout_is_the_course_when_the_package_runs_from_it():
    assert course_files.course_root() == Path(course_files.__file__).resolve().parents[1]


def test_an_installed_package_reads_its_own_copy_of_the_course(away_from_the_checkout):
    (away_from_the_checkout / "notebooks").mkdir(parents=True)
    assert course_files.course_root() == away_from_the_checkout


def test_an_install_without_the_course_says_how_to_repair_it(away_from_the_checkout):
    with pytest.raises(WorkbenchError, match="course files .* are not installed") as raised:
        course_files.course_root()
    assert "pip wheel" in raised.value.fix
