"""Release: stripped trainee copies, a seed per trainee, a manifest, a validated company export."""

import json
import shutil

import nbformat
import pandas as pd
import pytest

from workbench.data.load import SAMPLE_FOLDER
from workbench.errors import DataError, InputError
from workbench.exercises.solutions import has_solution
from workbench.lessons import notebook_exercises, resolve
from workbench.sessions.release import read_roster, release

LESSON = "crm/01-what-a-crm-is"


@pytest.fixture
def roster_csv(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("name,email\nNusrat Jahan,nj@example.com\nReza Karimi,rk@example.com\nLéa Martin,lm@example.com\n",
                    encoding="utf-8")
    return path


def test_one_folder_per_trainee_without_solutions(tmp_path, roster_csv):
    out = tmp_path / "session"
    roster = release([LESSON], out, trainees=roster_csv, build_data=False, progress=False)
    assert roster["folder"].tolist() == ["Nusrat-Jahan", "Reza-Karimi", "Léa-Martin"]
    source = nbformat.read(resolve(LESSON), as_version=4)
    for person in roster.itertuples():
        nb = nbformat.read(out / person.folder / "01-what-a-crm-is.ipynb", as_version=4)
        nbformat.validate(nb)
        assert not any(has_solution(c.source) for c in nb.cells)
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
        assert notebook_exercises(nb) == notebook_exercises(source)  # every exercise still there, by id
        assert nb.metadata["workbench"]["lesson"] == LESSON
        config = json.loads((out / person.folder / ".workbench.json").read_text())
        assert config["learner"] == person.learner and config["seed"] == person.seed
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and f"data_seed = {person.seed}" in injected[0].source
    assert roster["seed"].is_unique and 42 not in set(roster["seed"])


def test_manifest_lists_lessons_exercises_and_trainees(tmp_path):
    out = tmp_path / "session"
    release([LESSON], out, trainees=2, build_data=False, progress=False)
    manifest = json.loads((out / "session.json").read_text())
    assert manifest["lessons"][0]["id"] == LESSON
    assert "crm.intro.count-contacts" in manifest["lessons"][0]["exercises"]
    assert [t["seed"] for t in manifest["trainees"]] == [1001, 1002]
    assert pd.read_csv(out / "roster.csv")["learner"].tolist() == ["trainee-01", "trainee-02"]


def test_roster_seeds_are_kept_and_checked(tmp_path):
    df = pd.DataFrame({"name": ["a", "b"], "seed": ["7", "9"]})
    assert read_roster(df)["seed"].tolist() == [7, 9]
    with pytest.raises(InputError, match="different whole number"):
        read_roster(pd.DataFrame({"name": ["a", "b"], "seed": ["7", "7"]}))


@pytest.mark.parametrize("bad, words", [
    (pd.DataFrame({"email": ["x@y.z"]}), "no name column"),
    (pd.DataFrame({"name": ["Amina", ""]}), "row 3"),
    (pd.DataFrame({"name": ["Amina K", "Amina-K"]}), "share the folder"),
])
def test_bad_rosters_say_what_to_fix(bad, words):
    with pytest.raises(InputError, match=words):
        read_roster(bad)


def test_unknown_lesson_and_missing_roster(tmp_path):
    with pytest.raises(InputError, match="no lesson notebook"):
        release(["crm/99-nope"], tmp_path, trainees=1, build_data=False, progress=False)
    with pytest.raises(InputError, match="no roster file"):
        release([LESSON], tmp_path, trainees=str(tmp_path / "missing.csv"), build_data=False, progress=False)


def test_company_export_is_validated_then_shared(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(SAMPLE_FOLDER, export)
    contacts = pd.read_csv(export / "contacts.csv", dtype=str, keep_default_na=False)
    contacts.loc[4, "lifecycle_stage"] = "custmer"
    contacts.to_csv(export / "contacts.csv", index=False)
    with pytest.raises(DataError) as err:
        release([LESSON], tmp_path / "s1", trainees=2, data=export, progress=False)
    assert err.value.file and "contacts.csv" in err.value.file and err.value.row == 6
    assert err.value.column == "lifecycle_stage"
    assert not (tmp_path / "s1").exists()  # nothing written from a broken export

    contacts.loc[4, "lifecycle_stage"] = "customer"
    contacts.to_csv(export / "contacts.csv", index=False)
    release([LESSON], tmp_path / "s2", trainees=2, data=export, build_data=False, progress=False)
    config = json.loads((tmp_path / "s2" / "trainee-01" / ".workbench.json").read_text())
    assert config["data_dir"] == "../company-data" and "seed" not in config
    assert (tmp_path / "s2" / "company-data" / "contacts.csv").is_file()
    assert json.loads((tmp_path / "s2" / "session.json").read_text())["data"] == "company-data"


def test_released_settings_point_checks_at_the_trainee_variant(tmp_path, monkeypatch):
    from workbench.settings import current

    monkeypatch.delenv("WORKBENCH_LEARNER")
    release([LESSON], tmp_path, trainees=["Omar"], build_data=False, progress=False)
    settings = current(tmp_path / "Omar")
    assert (settings.learner, settings.seed) == ("Omar", 1001)


def test_release_builds_each_trainee_variant_for_the_grader(tmp_path, workbench_home):
    from workbench.settings import variant_folder

    roster = release([LESSON], tmp_path / "s", trainees=["Omar"], progress=False)
    assert (variant_folder(workbench_home, int(roster["seed"][0])) / "meta.json").is_file()


def test_the_roster_lang_column_gives_each_trainee_their_language(tmp_path):
    """An Arabic trainee gets the lesson built in Arabic, with the same cells, code and exercise ids."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name,lang\nAmina Diallo,ar\nLéa Martin,FR\nSam Lee,\n", encoding="utf-8")
    out = tmp_path / "session"
    released = release([LESSON], out, trainees=roster, source="lessons", build_data=False, progress=False)
    assert released["lang"].tolist() == ["ar", "fr", "en"]
    english = nbformat.read(resolve(LESSON, "lessons"), as_version=4)
    for folder, lang in (("Amina-Diallo", "ar"), ("Léa-Martin", "fr"), ("Sam-Lee", "en")):
        nb = nbformat.read(out / folder / "01-what-a-crm-is.ipynb", as_version=4)
        assert nb.metadata.workbench.get("lang", "en") == lang
        assert notebook_exercises(nb) == notebook_exercises(english)
        assert [c.source for c in nb.cells if c.cell_type == "code" and "injected" not in str(c.metadata)] == \
            [c.source for c in english.cells if c.cell_type == "code"]
        assert json.loads((out / folder / ".workbench.json").read_text()).get("lang", "en") == lang
    manifest = json.loads((out / "session.json").read_text())
    assert [t["lang"] for t in manifest["trainees"]] == ["ar", "fr", "en"]
    assert pd.read_csv(out / "roster.csv", keep_default_na=False)["lang"].tolist() == ["ar", "fr", "en"]


def test_an_unknown_roster_language_names_the_row(tmp_path):
    with pytest.raises(InputError, match=r"roster row 3, column 'lang': unknown language 'de'.*one of en, fr"):
        read_roster(pd.DataFrame({"name": ["a", "b"], "lang": ["fr", "de"]}))


def test_a_practice_set_is_released_in_the_trainee_s_language_without_its_solutions(tmp_path):
    """From the practice sets (the default source), a Persian trainee gets the practice set built in Persian:
    solutions stripped as in English, the same exercise ids, the English code."""
    out = tmp_path / "session"
    release([LESSON], out, trainees=pd.DataFrame({"name": ["Reza Karimi"], "lang": ["fa"]}), build_data=False,
            progress=False)
    english = nbformat.read(resolve(LESSON, "practice-sets"), as_version=4)
    nb = nbformat.read(out / "Reza-Karimi" / "01-what-a-crm-is.ipynb", as_version=4)
    assert nb.metadata.workbench["lang"] == "fa" and nb.metadata.workbench["title"] != english.metadata.workbench["title"]
    assert not any(has_solution(cell.source) for cell in nb.cells)
    assert notebook_exercises(nb) == notebook_exercises(english)
    markdown = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    assert all(text.startswith('<div dir="rtl" lang="fa">') for text in markdown)


def test_a_roster_mistake_is_told_in_persian():
    from workbench.i18n.language import use_language

    with use_language("fa"):
        with pytest.raises(InputError) as error:
            read_roster(pd.DataFrame({"name": ["a", "b"], "lang": ["fr", "de"]}))
        said = str(error.value)  # as the command line prints it, in the language it speaks
    assert said == ("فهرست فراگیران، ردیف ۳، ستون 'lang': زبان ناشناختهٔ 'de'. راه\u200cحل: یکی از "
                    "en, fr, ar, fa, bn را بنویسید، یا برای انگلیسی خالی بگذارید.")
