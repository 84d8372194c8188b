"""Settings come from the environment first, then the nearest ``.workbench.json``."""

import json

from workbench import settings


def test_relative_paths_in_the_config_file_are_relative_to_its_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_HOME", raising=False)
    monkeypatch.delenv("WORKBENCH_DATA", raising=False)
    (tmp_path / ".workbench.json").write_text(json.dumps({"home": "class-home", "data_dir": "data"}))
    lesson_dir = tmp_path / "notebooks" / "crm"
    lesson_dir.mkdir(parents=True)
    s = settings.current(lesson_dir)
    assert s.home == tmp_path / "class-home"
    assert s.data_dir == tmp_path / "data"
    assert s.config_file == tmp_path / ".workbench.json"


def test_the_environment_wins_over_the_config_file(tmp_path, monkeypatch):
    (tmp_path / ".workbench.json").write_text(json.dumps({"home": "class-home", "learner": "file"}))
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "env-home"))
    monkeypatch.setenv("WORKBENCH_LEARNER", "env")
    s = settings.current(tmp_path)
    assert s.home == tmp_path / "env-home"
    assert s.learner == "env"


def test_a_config_file_that_is_not_an_object_is_ignored(tmp_path, monkeypatch):
    (tmp_path / ".workbench.json").write_text(json.dumps(["learner", "amina"]))
    monkeypatch.setenv("WORKBENCH_LEARNER", "env")
    s = settings.current(tmp_path)
    assert s.learner == "env" and s.seed is None and s.data_dir is None
