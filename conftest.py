"""Shared fixtures: every test and doctest runs with its own workbench home and learner."""

import pytest


@pytest.fixture(autouse=True)
def workbench_home(tmp_path_factory, monkeypatch):
    """Keep progress logs, practice databases and data variants out of ~/.workbench."""
    home = tmp_path_factory.mktemp("wbhome")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.setenv("WORKBENCH_LEARNER", "tester")
    monkeypatch.delenv("WORKBENCH_DATA", raising=False)
    monkeypatch.delenv("WORKBENCH_SEED", raising=False)
    monkeypatch.delenv("WORKBENCH_STRICT", raising=False)
    return home
