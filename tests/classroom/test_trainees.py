"""A trainee's home made ready in their own language: lesson copies, the folder their lab opens, their data's load."""

import json

from workbench.accounts import Account
from workbench.classroom.roster import Trainee
from workbench.classroom.trainees import environment, lab_folder, make_home_ready


def test_a_persian_trainee_s_home_gets_the_lessons_in_persian(tmp_path, monkeypatch, own_data):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_HOME", raising=False)  # as in the trainee's environment: ~/.workbench
    monkeypatch.setenv("WORKBENCH_LANG", "fa")
    make_home_ready(1001, "", "fa")
    start = tmp_path / ".workbench" / "lessons-fa" / "00-start-here.ipynb"
    assert json.loads(start.read_text(encoding="utf-8"))["metadata"]["workbench"]["lang"] == "fa"
    assert (tmp_path / ".workbench" / "lessons-fa" / "exercises").is_dir()  # the practice sets, in Persian too
    assert not (tmp_path / ".workbench" / "lessons").exists()
    assert list((tmp_path / ".workbench" / "cache" / "data").glob("*.pickle"))  # their first kernel reads it back


def test_release_and_the_lab_use_the_folder_of_the_trainee_s_language(tmp_path):
    account = Account(name="wb-amina", uid=5000, gid=5000, home=tmp_path)
    amina, bo = Trainee("amina", "Amina", lang="ar"), Trainee("bo", "Bo", lang="de")
    assert lab_folder(account, amina) == (tmp_path / ".workbench" / "lessons-ar").resolve()
    assert lab_folder(account, bo) == (tmp_path / ".workbench" / "lessons").resolve()  # no German: English
    assert environment(account, amina)["WORKBENCH_LANG"] == "ar" and "WORKBENCH_LANG" not in environment(account, Trainee("c", "C"))
