"""The trainee's own copies of the lessons: made once, never overwritten, outdated ones named with the command."""

import json
import re

import pytest

from workbench import settings
from workbench.cli import main
from workbench.lesson_copies import LEDGER, NOTEBOOKS, PRACTICE_SETS, prepare, repository_files
from workbench.settings import lesson_copies

LESSON = "crm/04-activities-and-follow-ups.ipynb"
LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)(?:#[^)]*)?\)")


@pytest.fixture(scope="module")
def copied(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    return home, prepare(home)


def test_the_first_run_copies_every_lesson_and_the_practice_sets_without_solutions(copied):
    home, report = copied
    folder = lesson_copies(home)
    lessons = sorted(p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.rglob("*.ipynb"))
    assert [name for name in report.added if not name.startswith("exercises/")] == lessons
    for name in lessons:
        assert (folder / name).read_bytes() == (NOTEBOOKS / name).read_bytes()
    practice_sets = [name for name in report.added if name.startswith("exercises/")]
    assert "exercises/crm/04-activities-and-follow-ups.ipynb" in practice_sets
    texts = [(folder / name).read_text(encoding="utf-8") for name in practice_sets]
    assert not [name for name, text in zip(practice_sets, texts, strict=True) if "BEGIN SOLUTION" in text]
    assert sum("YOUR ANSWER HERE" in text for text in texts) >= len(texts) // 2


def test_relative_links_in_the_copies_lead_to_a_copied_notebook(copied):
    home, _ = copied
    folder = lesson_copies(home)
    for notebook in folder.rglob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in (c for c in cells if c["cell_type"] == "markdown"):
            for target in LINK.findall("".join(cell["source"])):
                assert (notebook.parent / target).resolve().is_file(), f"{notebook.relative_to(folder)} -> {target}"


def test_a_copy_finds_the_sample_data_from_its_own_folder(copied, monkeypatch):
    import workbench as wb

    home, _ = copied
    for name in ("WORKBENCH_DATA", "WORKBENCH_SEED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.chdir(lesson_copies(home) / "crm")  # a kernel runs in its notebook's folder
    assert settings.current().home == home
    assert wb.start(None).name == "Acme"


def test_later_runs_keep_the_trainees_work_and_name_the_newer_lessons(tmp_path, capsys):
    files = repository_files()
    prepare(tmp_path, files)
    mine = lesson_copies(tmp_path) / LESSON
    mine.write_text(mine.read_text(encoding="utf-8").replace('"outputs": []', '"outputs": [ ]', 1), encoding="utf-8")
    worked_on = mine.read_bytes()
    newer = {**files, LESSON: files[LESSON] + b" ", "crm/01-what-a-crm-is.ipynb": files["crm/01-what-a-crm-is.ipynb"]
             + b" ", "crm/50-new-lesson.ipynb": b"{}"}

    report = prepare(tmp_path, newer)

    assert report.added == ["crm/50-new-lesson.ipynb"]
    assert report.updated == ["crm/01-what-a-crm-is.ipynb"]  # never opened: nothing of the trainee's in it
    assert report.outdated == [LESSON]
    assert mine.read_bytes() == worked_on
    assert f".venv/bin/workbench lessons refresh {LESSON}" in report.text()
    assert json.loads((lesson_copies(tmp_path) / LEDGER).read_text())["crm/50-new-lesson.ipynb"]


def test_the_commands_copy_list_and_refresh_one_lesson_keeping_a_backup(tmp_path, capsys):
    assert main(["lessons", "copy", "--home", str(tmp_path)]) == 0
    assert "lesson(s) copied in" in capsys.readouterr().out
    mine = lesson_copies(tmp_path) / LESSON
    mine.write_bytes(b"my work")

    assert main(["lessons", "copy", "--home", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == f"Your lessons: {lesson_copies(tmp_path)}"  # nothing new
    assert mine.read_bytes() == b"my work"

    assert main(["lessons", "refresh", LESSON, "--home", str(tmp_path)]) == 0
    said = capsys.readouterr().out
    assert mine.read_bytes() == (NOTEBOOKS / LESSON).read_bytes()
    backups = list((tmp_path / "backups").rglob(mine.name))
    assert [b.read_bytes() for b in backups] == [b"my work"] and str(backups[0]) in said

    assert main(["lessons", "folder", "--home", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(lesson_copies(tmp_path))


def test_refreshing_a_lesson_that_does_not_exist_says_how_to_name_it(tmp_path, capsys):
    assert main(["lessons", "refresh", "crm/04-activities", "--home", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no lesson crm/04-activities in the repository" in err and "Traceback" not in err
    assert f"e.g. {LESSON}" in err


def test_a_lost_record_of_what_was_copied_leaves_the_copies_alone(tmp_path):
    files = {"crm/01.ipynb": b"v1", "crm/02.ipynb": b"v1"}
    prepare(tmp_path, files)
    (lesson_copies(tmp_path) / "crm/02.ipynb").write_bytes(b"my work")
    (lesson_copies(tmp_path) / LEDGER).write_text("{broken", encoding="utf-8")
    report = prepare(tmp_path, files)
    assert (report.added, report.updated, report.outdated) == ([], [], ["crm/02.ipynb"])
    assert (lesson_copies(tmp_path) / "crm/02.ipynb").read_bytes() == b"my work"
    assert prepare(tmp_path, files).outdated == ["crm/02.ipynb"]  # still named, never overwritten


def test_in_another_language_the_practice_sets_are_translated_too(tmp_path):
    """``make lab WORKBENCH_LANG=fr``: the copies' ``exercises/`` hold the practice sets in French, solutions stripped."""
    report = prepare(tmp_path, lang="fr")
    practice_sets = [name for name in report.added if name.startswith("exercises/")]
    assert practice_sets == sorted(f"exercises/{p.relative_to(PRACTICE_SETS).as_posix()}"
                                   for p in PRACTICE_SETS.rglob("*.ipynb"))
    for name in practice_sets:
        nb = json.loads((lesson_copies(tmp_path, "fr") / name).read_text(encoding="utf-8"))
        assert nb["metadata"]["workbench"]["lang"] == "fr", name
        assert "BEGIN SOLUTION" not in json.dumps(nb), name
    assert not [name for name in report.added if name.startswith("exercises/exercises/")]
