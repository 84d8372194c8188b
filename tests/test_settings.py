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


def test_each_place_of_a_home_keeps_the_path_trainees_already_have(tmp_path):
    s = settings.Settings(learner="Nusrat Jahan", home=tmp_path)
    places = {name: getattr(s, name).relative_to(tmp_path.resolve() if name == "lesson_copies" else tmp_path).as_posix()
              for name in ("progress_file", "practice_folder", "practice_database", "variants_folder",
                           "lesson_copies", "backups_folder", "network_uploads", "certificate_key")}
    assert places == {"progress_file": "progress/Nusrat-Jahan.jsonl", "practice_folder": "practice",
                      "practice_database": "practice/Nusrat-Jahan.sqlite", "variants_folder": "data",
                      "lesson_copies": "lessons", "backups_folder": "backups",
                      "network_uploads": "network/Nusrat-Jahan", "certificate_key": "certificate.key"}
    assert settings.variant_folder(tmp_path, 7) == tmp_path / "data" / "acme-seed-7"


def test_on_a_hub_the_learner_is_the_hub_user_unless_workbench_learner_says_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_LEARNER", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "nusrat")
    assert settings.current(tmp_path).learner == "nusrat"
    monkeypatch.setenv("WORKBENCH_LEARNER", "amina")
    assert settings.current(tmp_path).learner == "amina"
    monkeypatch.delenv("JUPYTERHUB_USER")
    monkeypatch.delenv("WORKBENCH_LEARNER")
    monkeypatch.setattr(settings.getpass, "getuser", lambda: "login-name")
    assert settings.current(tmp_path).learner == "login-name"
