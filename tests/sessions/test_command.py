"""The ``workbench session`` commands end to end: plan, release, grade, report, and the mistakes they explain."""

import nbformat
import pandas as pd
import pytest

from workbench.cli import main

LESSON = "crm/01-what-a-crm-is"
COUNT = "crm.intro.count-contacts"


def test_plan_writes_the_guide(tmp_path, capsys):
    guide = tmp_path / "guide.html"
    assert main(["session", "plan", LESSON, "--format", "in-house", "--start", "14:00", "--out", str(guide)]) == 0
    assert "facilitator guide written" in capsys.readouterr().out
    text = guide.read_text()
    assert "Slot 1" in text and "14:00" in text and COUNT in text


def test_from_lessons_plans_the_practice_crm_tasks(tmp_path):
    consent = "crm/02-accounts-contacts-and-consent"
    from_sets, from_lessons = tmp_path / "sets.html", tmp_path / "lessons.html"
    assert main(["session", "plan", consent, "--from", "practice-sets", "--out", str(from_sets)]) == 0
    assert main(["session", "plan", consent, "--from", "lessons", "--out", str(from_lessons)]) == 0
    assert "crm.practice.record-consent-revocation" in from_lessons.read_text()
    assert "crm.practice.record-consent-revocation" not in from_sets.read_text()


@pytest.mark.slow  # builds a data variant and runs one notebook in its own kernel
def test_the_readme_commands_grade_an_honest_trainee_at_full_marks(tmp_path, capsys, monkeypatch):
    import importlib
    import json

    import workbench as wb
    from workbench.exercises import Context, get

    (tmp_path / "roster.csv").write_text("name\nNusrat Jahan\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the README's commands exactly: relative folders
    assert main(["session", "release", LESSON, "--trainees", "roster.csv", "--out", "class/"]) == 0
    assert "released 1 lesson(s) to 1 folder(s)" in capsys.readouterr().out

    # Nusrat works in her lab: every form of the lesson answered right and Checked, on her own data
    active = importlib.import_module("workbench.data.active")
    folder = tmp_path / "class" / "Nusrat-Jahan"
    config = json.loads((folder / ".workbench.json").read_text())
    monkeypatch.setenv("WORKBENCH_HOME", str(folder / ".workbench"))
    monkeypatch.setenv("WORKBENCH_LEARNER", "Nusrat Jahan")
    monkeypatch.setenv("WORKBENCH_SEED", str(config["seed"]))
    monkeypatch.setattr(active, "_CURRENT", None)
    exercises = json.loads((tmp_path / "class" / "session.json").read_text())["lessons"][0]["exercises"]
    wb.start(seed=config["seed"])
    for exercise in exercises:
        assert wb.check(exercise, get(exercise).reference(Context())).passed
    monkeypatch.setattr(active, "_CURRENT", None)
    for name in ("WORKBENCH_HOME", "WORKBENCH_LEARNER", "WORKBENCH_SEED"):
        monkeypatch.delenv(name)

    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # from another folder, still relative
    assert main(["session", "grade", "../class/", "--out", "../grades/", "--jobs", "1"]) == 0
    assert "graded 1 trainee(s)" in capsys.readouterr().out
    grades = pd.read_csv(tmp_path / "grades" / "grades.csv", keep_default_na=False)
    assert sorted(grades["exercise"]) == sorted(exercises)
    assert (grades["status"] == "passed").all() and (grades["source"] == "grader").all()
    assert grades["points"].sum() == grades["max_points"].sum()
    assert (tmp_path / "grades" / "feedback" / "Nusrat-Jahan.html").is_file()

    assert main(["session", "report", "../grades", "--out", "../report.html"]) == 0
    assert "class report written" in capsys.readouterr().out
    assert "Who needs help" in (tmp_path / "report.html").read_text()


@pytest.mark.parametrize("argv, words", [
    (["session", "release", "crm/99-nothing", "--out", "{tmp}/s"], "no lesson notebook called 'crm/99-nothing'"),
    (["session", "grade", "{tmp}", "--out", "{tmp}-g"], "no notebooks in"),
    (["session", "grade", "{tmp}/nope", "--out", "{tmp}-g"], "no folder"),
    (["session", "grade", "{tmp}", "--out", "{tmp}-g", "--jobs", "0"], "jobs must be at least 1"),
    (["session", "grade", "{tmp}", "--out", "{tmp}-g", "--cell-timeout", "-5"], "cell_timeout must be a positive"),
    (["session", "grade", "{tmp}", "--out", "{tmp}-g", "--notebook-timeout", "0"], "notebook_timeout must be"),
    (["session", "grade", "{tmp}", "--out", "{tmp}"], "is inside the class folder it grades"),
    (["session", "grade", "{tmp}", "--out", "{tmp}/grades"], "is inside the class folder it grades"),
    (["session", "report", "{tmp}", "--out", "{tmp}/r.html"], "neither grades.csv nor progress logs"),
    (["session", "plan", LESSON, "--start", "9h", "--out", "{tmp}/g.html"], "HH:MM"),
])
def test_mistakes_are_explained_in_one_line_without_a_traceback(tmp_path, capsys, argv, words):
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and err.startswith("error: ")


def test_a_run_where_no_notebook_could_start_fails_and_says_so(tmp_path, capsys, monkeypatch):
    import workbench.sessions.grade as grading

    (tmp_path / "class" / "amina").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "class" / "amina" / "01-what-a-crm-is.ipynb")

    def no_kernel(sub, *args, **kwargs):
        raise RuntimeError("no kernel could be started")

    monkeypatch.setattr(grading, "execute", no_kernel)
    assert main(["session", "grade", str(tmp_path / "class"), "--out", str(tmp_path / "g"), "--unsafe"]) == 2
    err = capsys.readouterr().err
    assert "none of the 1 notebook(s) could be run" in err and "no kernel could be started" in err
    assert (tmp_path / "g" / "notebooks.csv").is_file()  # what happened is still written down


def test_release_into_a_used_folder_is_refused_and_force_keeps_every_variant(tmp_path, capsys):
    import json

    out = tmp_path / "class"
    assert main(["session", "release", LESSON, "--out", str(out), "--trainees", _roster(tmp_path, "Amina\nReza")]) == 0
    first = json.loads((out / "session.json").read_text())["trainees"]
    (out / "Amina" / "01-what-a-crm-is.ipynb").write_text("her work")
    assert main(["session", "release", LESSON, "--out", str(out), "--trainees", _roster(tmp_path, "Reza\nZoe")]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert (out / "Amina" / "01-what-a-crm-is.ipynb").read_text() == "her work"
    assert main(["session", "release", LESSON, "--out", str(out), "--trainees", _roster(tmp_path, "Reza\nZoe"),
                 "--force"]) == 0
    again = {t["learner"]: t["seed"] for t in json.loads((out / "session.json").read_text())["trainees"]}
    before = {t["learner"]: t["seed"] for t in first}
    assert again["Reza"] == before["Reza"] and again["Amina"] == before["Amina"]
    assert again["Zoe"] not in before.values()
    assert json.loads((out / "Reza" / ".workbench.json").read_text())["seed"] == before["Reza"]


@pytest.mark.parametrize("name", ["_staff", ".hidden"])
def test_roster_names_the_grader_would_skip_are_refused(tmp_path, capsys, name):
    argv = ["session", "release", LESSON, "--out", str(tmp_path / "c"), "--trainees", _roster(tmp_path, name)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "roster row 2" in err and "starts with '.' or '_'" in err and not (tmp_path / "c").exists()


def _roster(folder, names: str) -> str:
    path = folder / "roster.csv"
    path.write_text("name\n" + names + "\n", encoding="utf-8")
    return str(path)


def test_without_a_sandbox_grading_refuses_and_says_why(tmp_path, capsys, monkeypatch):
    import workbench.sessions.sandbox as sandbox

    real = sandbox.shutil.which
    monkeypatch.setattr(sandbox.shutil, "which", lambda tool: None if tool == "bwrap" else real(tool))
    (tmp_path / "class" / "amina").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "class" / "amina" / "01-what-a-crm-is.ipynb")
    assert main(["session", "grade", str(tmp_path / "class"), "--out", str(tmp_path / "g")]) == 2
    err = capsys.readouterr().err
    assert "bwrap is not installed, so trainee code cannot be sandboxed" in err and "--unsafe" in err
    assert not (tmp_path / "g").exists()
