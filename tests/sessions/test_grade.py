"""Batch grading: a class of submissions with every kind of broken notebook, graded in one run.

The lesson is a small practice set written here (three exercises of the superusers track, which
need no data), released to six trainees; each trainee's copy is then broken in its own way.
"""

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from workbench.sessions.grade import grade
from workbench.sessions.release import release
from workbench.sessions.submissions import find_submissions

pytestmark = pytest.mark.slow  # runs a kernel per submission: about 30 s on two idle cores

EXERCISES = ["superusers.session.command-order", "superusers.formats.match-format",
             "superusers.own-data.privacy"]
ANSWERS = {
    "superusers.session.command-order": 'answer = "plan, release, grade, report"',
    "superusers.formats.match-format": 'answer = "e-learning"',
    "superusers.own-data.privacy": ('answer = ["keep only the teams and customers the session needs", '
                                    '"replace names and e-mail addresses when the exercises do not need real ones", '
                                    '"delete the training copies when the session is over"]'),
}
PARTIAL_PRIVACY = ('answer = ["keep only the teams and customers the session needs", '
                   '"replace names and e-mail addresses when the exercises do not need real ones"]')


def exercise_cell(id, body):
    return nbformat.v4.new_code_cell(f"{body}\nwb.check({id!r}, answer)", metadata={"workbench": {"exercise": id}})


def practice_set(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook(metadata={"workbench": {"title": "Demo practice", "track": "demo",
                                                          "exercises": EXERCISES}})
    nb.cells = [nbformat.v4.new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import workbench as wb")]
    for id in EXERCISES:
        nb.cells.append(nbformat.v4.new_markdown_cell(f"Answer {id}."))
        nb.cells.append(exercise_cell(id, f"answer = ...\n### BEGIN SOLUTION\n{ANSWERS[id]}\n### END SOLUTION"))
    path = folder / "demo" / "01-demo.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)
    return path


def cell_of(nb, id):
    return next(c for c in nb.cells if c.metadata.get("workbench", {}).get("exercise") == id)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("session")
    source = practice_set(root / "src")
    subs = root / "session"
    names = ["perfect", "blank", "broken-cells", "rearranged", "raiser", "crasher", "bad-json", "absent"]
    release([source], subs, trainees=names, build_data=False, progress=False)
    file = "01-demo.ipynb"

    def load(name):
        return nbformat.read(subs / name / file, as_version=4)

    # perfect: every answer right, file renamed and its metadata wiped (found by exercise ids)
    nb = load("perfect")
    for id in EXERCISES:
        cell_of(nb, id).source = f"{ANSWERS[id]}\nwb.check({id!r}, answer)"
    nb.metadata = {}
    (subs / "perfect" / file).unlink()
    nbformat.write(nb, subs / "perfect" / "my work (final).ipynb")

    # broken-cells: a raised exception, an endless loop and input(), one per exercise; a later cell still runs
    nb = load("broken-cells")
    cell_of(nb, EXERCISES[0]).source = 'raise ValueError("oops")'
    cell_of(nb, EXERCISES[1]).source = "while True:\n    pass"
    cell_of(nb, EXERCISES[2]).source = f'answer = input("your answer? ")\nwb.check({EXERCISES[2]!r}, answer)'
    nb.cells.append(nbformat.v4.new_code_cell(f"{ANSWERS[EXERCISES[0]]}\nwb.check({EXERCISES[0]!r}, answer)"))
    nbformat.write(nb, subs / "broken-cells" / file)

    # rearranged: first exercise deleted, second duplicated (wrong, then right), third moved up, half right
    nb = load("rearranged")
    nb.cells.remove(cell_of(nb, EXERCISES[0]))
    second = cell_of(nb, EXERCISES[1])
    second.source = f"{ANSWERS[EXERCISES[1]]}\nwb.check({EXERCISES[1]!r}, answer)"
    wrong = nbformat.v4.new_code_cell(f'answer = "face-to-face"\nwb.check({EXERCISES[1]!r}, answer)',
                                      metadata={"workbench": {"exercise": EXERCISES[1]}})
    wrong["id"] = second["id"]  # a copy-pasted cell keeps its id: invalid for nbformat, fine for us
    nb.cells.insert(nb.cells.index(second), wrong)
    third = cell_of(nb, EXERCISES[2])
    nb.cells.remove(third)
    third.source = f"{PARTIAL_PRIVACY}\nwb.check({EXERCISES[2]!r}, answer)"
    nb.cells.insert(2, third)
    (subs / "rearranged" / file).write_text(json.dumps(nb), encoding="utf-8")

    # raiser: the first exercise's cell raises and nothing answers it later
    nb = load("raiser")
    cell_of(nb, EXERCISES[0]).source = 'raise ValueError("oops")'
    cell_of(nb, EXERCISES[2]).source = f"{PARTIAL_PRIVACY}\nwb.check({EXERCISES[2]!r}, answer)"  # half right
    nbformat.write(nb, subs / "raiser" / file)

    # crasher: the first answer is right, then a cell kills Python itself
    nb = load("crasher")
    cell_of(nb, EXERCISES[0]).source = f"{ANSWERS[EXERCISES[0]]}\nwb.check({EXERCISES[0]!r}, answer)"
    cell_of(nb, EXERCISES[1]).source = "import os\nos._exit(1)"
    nbformat.write(nb, subs / "crasher" / file)

    # bad-json: the file was cut in the middle of a save
    text = (subs / "bad-json" / file).read_text(encoding="utf-8")
    (subs / "bad-json" / file).write_text(text[: len(text) // 2], encoding="utf-8")

    # blank: left the practice set untouched, but answered one exercise with the lesson's form (logged live)
    live = subs / "blank" / ".workbench" / "progress"
    live.mkdir(parents=True)
    (live / "blank.jsonl").write_text(json.dumps({"exercise": EXERCISES[1], "learner": "blank", "points": 1,
                                                  "max_points": 1, "hint": None, "attempt": 1,
                                                  "answer": "e-learning"}) + "\n")

    # absent: handed nothing back
    (subs / "absent" / file).unlink()

    out = root / "grades"
    grades = grade(subs, out, jobs=2, cell_timeout=6, notebook_timeout=120, progress=False)
    return grades, out, subs


def row(grades, trainee, exercise):
    found = grades[(grades["trainee"] == trainee) & (grades["exercise"] == exercise)]
    assert len(found) == 1, found
    return found.iloc[0]


def test_one_row_per_trainee_and_exercise(graded):
    grades, out, _ = graded
    assert len(grades) == 8 * 3
    assert set(grades["lesson"]) == {"demo/01-demo"}
    on_disk = pd.read_csv(out / "grades.csv")
    assert list(on_disk.columns[:7]) == ["trainee", "lesson", "exercise", "points", "max_points", "status", "hint"]
    assert len(on_disk) == len(grades)


def test_perfect_renamed_notebook_gets_full_marks(graded):
    grades, _, _ = graded
    mine = grades[grades["trainee"] == "perfect"]
    assert (mine["status"] == "passed").all()
    assert mine["points"].sum() == mine["max_points"].sum() == 4


def test_untouched_copy_is_not_answered(graded):
    grades, _, _ = graded
    mine = grades[grades["trainee"] == "blank"].set_index("exercise")
    stub = mine.loc[[EXERCISES[0], EXERCISES[2]]]
    assert (stub["status"] == "not answered").all() and stub["points"].sum() == 0
    assert stub["hint"].str.contains("Replace the").all()
    # the exercise answered with the lesson's form counts: its logged answer, checked again by the grader
    live = mine.loc[EXERCISES[1]]
    assert (live["status"], live["points"], live["source"]) == ("passed", 1, "grader")
    assert live["attempts"] == 2  # the form in the lab first, then the graded run's untouched stub
    _, out, _ = graded
    assert (out / "progress" / "blank.jsonl").is_file()  # kept for the class report


def test_exception_loop_and_input_are_reported_and_later_cells_still_run(graded):
    grades, _, _ = graded
    loop = row(grades, "broken-cells", EXERCISES[1])
    assert loop["status"] == "timeout" and "interrupted" in loop["reason"]
    asked = row(grades, "broken-cells", EXERCISES[2])
    assert asked["status"] == "input" and "input()" in asked["hint"]
    # the first exercise's own cell raised, but the trainee answered it again in a cell further down
    first = row(grades, "broken-cells", EXERCISES[0])
    assert first["status"] == "passed"


def test_raised_exception_is_an_error_with_its_reason_and_later_cells_still_run(graded):
    grades, _, _ = graded
    mine = grades[grades["trainee"] == "raiser"].set_index("exercise")
    assert mine.loc[EXERCISES[0], "status"] == "error"
    assert "ValueError: oops" in mine.loc[EXERCISES[0], "reason"]
    assert mine.loc[EXERCISES[1], "status"] == "not answered"  # later cells still ran


def test_partial_credit_keeps_points_and_hint(graded):
    grades, _, _ = graded
    partial = row(grades, "raiser", EXERCISES[2])
    assert (partial["status"], partial["points"], partial["max_points"]) == ("partial", 1, 2)
    assert partial["hint"].startswith("Look at each item")  # the first step of the hint: where to look


def test_a_crashed_kernel_keeps_what_was_graded_before_it(graded):
    grades, out, _ = graded
    mine = grades[grades["trainee"] == "crasher"].set_index("exercise")
    assert mine.loc[EXERCISES[0], "status"] == "passed"
    assert mine.loc[EXERCISES[1], "status"] == "kernel died"
    assert mine.loc[EXERCISES[2], "status"] == "not run" and "kernel died" in mine.loc[EXERCISES[2], "reason"]


def test_deleted_duplicated_and_moved_cells_are_matched_by_id(graded):
    grades, _, _ = graded
    assert row(grades, "rearranged", EXERCISES[0])["status"] == "missing"
    duplicated = row(grades, "rearranged", EXERCISES[1])  # wrong, then right: the first attempt scores
    assert duplicated["status"] == "failed" and duplicated["attempts"] == 2
    assert (duplicated["first_points"], duplicated["best_points"]) == (0, 1)
    moved = row(grades, "rearranged", EXERCISES[2])
    # moved above `import workbench as wb`: graded as far as possible, the reason names the NameError
    assert moved["status"] == "error" and "NameError" in moved["reason"]


def test_invalid_json_and_missing_notebook_are_reported_without_stopping(graded):
    grades, out, _ = graded
    bad = grades[grades["trainee"] == "bad-json"]
    assert (bad["status"] == "unreadable").all() and bad["reason"].str.contains("JSON").all()
    absent = grades[grades["trainee"] == "absent"]
    assert (absent["status"] == "no submission").all()
    runs = pd.read_csv(out / "notebooks.csv", keep_default_na=False)
    assert set(runs["status"]) >= {"ran", "unreadable"}


def test_feedback_page_per_trainee(graded):
    _, out, _ = graded
    pages = sorted(p.stem for p in (out / "feedback").glob("*.html"))
    assert pages == sorted(["perfect", "blank", "broken-cells", "rearranged", "raiser", "crasher", "bad-json",
                            "absent"])
    text = (out / "feedback" / "broken-cells.html").read_text()
    assert "timeout" in text and "input()" in text


def test_submissions_are_never_modified(graded):
    _, _, subs = graded
    nb = json.loads((subs / "blank" / "01-demo.ipynb").read_text())
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_find_submissions_without_a_manifest_uses_file_and_folder_names(tmp_path):
    folder = tmp_path / "amina"
    folder.mkdir()
    (folder / "notes.ipynb").write_text("{not json")
    subs, manifest = find_submissions(tmp_path)
    assert manifest is None and subs[0].trainee == "amina"


def test_bad_arguments_are_explained(tmp_path):
    from workbench.errors import InputError

    (tmp_path / "class").mkdir()
    with pytest.raises(InputError, match="sub-folder"):
        grade(tmp_path / "class", tmp_path / "out", progress=False)
    with pytest.raises(InputError, match="no folder"):
        grade(tmp_path / "nope", tmp_path / "out", progress=False)


# ---------------------------------------------------------------- trainees who try to get round the grader

DATA_LESSON = "crm/01-what-a-crm-is"
COUNT, BUSIEST, REACH, MODEL = ("crm.intro.count-contacts", "crm.intro.busiest-account", "crm.intro.widest-reach",
                                "crm.intro.database-model")


def solved(nb, source):
    """``nb`` (a released copy) with every exercise cell holding the practice set's solution."""
    for cell in nb.cells:
        ids = cell.metadata.get("workbench", {}).get("exercise")
        if ids:
            cell.source = cell_of(source, ids).source
    return nb


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    """A class of crm/01 where most trainees try something: graded one after the other (``jobs=1``)."""
    from workbench.lessons import resolve
    from workbench.sessions.copies import fingerprint
    from workbench.settings import current, variant_folder

    root = tmp_path_factory.mktemp("tricky")
    subs = root / "session"
    names = ["amina", "bruno", "chloe", "dara", "emil", "fatima"]
    roster = release([DATA_LESSON], subs, trainees=names, progress=False)
    seed = dict(zip(roster["learner"], roster["seed"]))
    home = current().home
    source = nbformat.read(resolve(DATA_LESSON), as_version=4)
    file = resolve(DATA_LESSON).name

    def released(name):
        return nbformat.read(subs / name / file, as_version=4)

    def write(name, nb):
        nbformat.write(nb, subs / name / file)

    def answer_of(exercise, for_seed):
        from workbench.data.active import start
        from workbench.exercises import Context, get

        start(variant_folder(home, for_seed))
        return get(exercise).reference(Context())

    # amina: does it all right; one cell prints the process and the account her code runs as
    nb = solved(released("amina"), source)
    nb.cells.append(nbformat.v4.new_code_cell("import os\nprint('PROCESS', os.getpid(), os.getuid())"))
    write("amina", nb)

    # bruno: sets his data_seed to amina's and hands in her busiest account
    nb = solved(released("bruno"), source)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    injected.source = f"data_seed = {seed['amina']}"
    cell_of(nb, BUSIEST).source = f"answer = {answer_of(BUSIEST, seed['amina'])!r}\nwb.check({BUSIEST!r}, answer)"
    write("bruno", nb)

    # chloe: loads amina's variant in the start cell itself, then answers with the right code
    nb = solved(released("chloe"), source)
    start = next(c for c in nb.cells if "wb.start(" in c.source)
    start.source = start.source.replace("seed=data_seed", f"seed={seed['amina']}")
    write("chloe", nb)

    # dara: right answers, then writes over her data and over every variant she can think of
    nb = solved(released("dara"), source)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import os, pathlib\nroot = pathlib.Path(os.environ['WORKBENCH_HOME']) / 'data'\n"
        f"for seed in {sorted(seed.values())}:\n"
        "    folder = root / f'acme-seed-{seed}'\n    folder.mkdir(parents=True, exist_ok=True)\n"
        "    (folder / 'contacts.csv').write_text('contact_id\\n')"))
    write("dara", nb)

    # emil: graded after dara, on the same grader cache: everything right
    write("emil", solved(released("emil"), source))

    # fatima: leaves the stubs, deletes one exercise cell and forges every record she can reach
    nb = released("fatima")
    nb.cells.remove(cell_of(nb, MODEL))
    nb.cells.append(nbformat.v4.new_code_cell(
        "import json, os, pathlib\n"
        "log = pathlib.Path(os.environ['WORKBENCH_HOME']) / 'progress' / 'fatima.jsonl'\n"
        f"log.open('a').write(json.dumps({{'exercise': {COUNT!r}, 'points': 99, 'max_points': 99}}) + '\\n')\n"
        "log.open('a').write(json.dumps("
        f"{{'exercise': {MODEL!r}, 'unsupported': 'forged', 'points': 99, 'max_points': 99}}) + '\\n')\n"
        "import importlib\nfrom workbench.exercises import Result\n"
        "importlib.import_module('workbench.exercises.check').run_check = lambda e, a, c: Result(99, 99, 'forged')\n"
        f"wb.check({REACH!r}, 'nobody')"))
    write("fatima", nb)
    live = subs / "fatima" / ".workbench" / "progress"
    live.mkdir(parents=True)
    (live / "fatima.jsonl").write_text(json.dumps({"exercise": REACH, "points": 99, "max_points": 99}) + "\n")

    cache = home / "data"
    before = {s: fingerprint(variant_folder(home, s)) for s in seed.values()}
    grades = grade(subs, root / "out", jobs=1, progress=False)
    after = {s: fingerprint(variant_folder(home, s)) for s in seed.values()}
    return grades, root / "out", None, before, after, cache


def test_trainee_code_runs_in_a_process_and_an_account_of_its_own(tricky):
    import os

    grades, out, *_ = tricky
    assert (grades[grades["trainee"] == "amina"]["status"] == "passed").all()
    assert (grades[grades["trainee"] == "amina"]["source"] == "grader").all()
    executed = json.loads((out / "executed" / "amina" / resolve_name()).read_text())
    printed = next(o["text"] for c in executed["cells"] if c["cell_type"] == "code" for o in c["outputs"]
                   if "PROCESS" in o.get("text", ""))
    pid, uid = map(int, printed.split()[1:3])
    assert pid != os.getpid() and pid < 100  # a PID namespace of its own
    assert uid != 0 or os.geteuid() != 0  # run as root, the grader gives each notebook an account of its own


def resolve_name():
    from workbench.lessons import resolve

    return resolve(DATA_LESSON).name


def test_an_edited_data_seed_is_replaced_by_the_trainee_own(tricky):
    grades = tricky[0]
    copied = row(grades, "bruno", BUSIEST)
    assert (copied["status"], copied["points"]) == ("failed", 0)  # amina's answer is wrong on bruno's own data
    assert row(grades, "bruno", REACH)["status"] == "passed"  # his code ran on his own variant after all


def test_answers_computed_on_other_data_are_checked_again_on_the_trainee_own(tricky):
    grades = tricky[0]
    busiest = row(grades, "chloe", BUSIEST)
    assert busiest["status"] == "failed" and busiest["source"] == "grader"
    assert "your notebook showed 1/1" in busiest["reason"] and "other data" in busiest["reason"]
    assert row(grades, "chloe", COUNT)["status"] == "passed"  # the same on every variant


def test_a_notebook_that_writes_into_its_data_changes_nobody_else(tricky):
    grades, *_, before, after, _ = tricky
    assert before == after  # the grader's variants are untouched
    assert (grades[grades["trainee"] == "emil"]["status"] == "passed").all()


def test_forged_records_get_no_more_than_the_exercise_points_and_say_where_they_come_from(tricky):
    grades, out, *_ = tricky
    mine = grades[grades["trainee"] == "fatima"].set_index("exercise")
    # a record with points and no answer, written in the kernel's own log: self-reported, scoring 0
    assert mine.loc[COUNT, ["points", "self_reported", "source"]].tolist() == [0, 1, "grader"]  # her stub: checked
    assert mine.loc[BUSIEST, "status"] == "not answered"
    # the patched check said 99/99; the grader checks the answer itself: wrong
    assert mine.loc[REACH, ["points", "source"]].tolist() == [0, "grader"]
    assert "your notebook showed 99" in mine.loc[REACH, "reason"]
    assert mine.loc[MODEL, ["points", "max_points", "self_reported", "source"]].tolist() == [0, 1, 1, "notebook"]
    assert "forged" in mine.loc[MODEL, "reason"] and "scores 0" in mine.loc[MODEL, "reason"]
    assert (grades["points"] <= grades["max_points"]).all()
    page = (out / "feedback" / "fatima.html").read_text()
    assert "your notebook&#39;s own check" in page and "only its own checks count" in page


# ---------------------------------------------------------------- practice CRM tasks, checked on the handed-in database

TASK = "crm.practice.record-consent-revocation"


@pytest.fixture(scope="module")
def practice_class(tmp_path_factory):
    import shutil

    from workbench import practice
    from workbench.data.load import load
    from workbench.exercises.checks.crm.practice import solve
    from workbench.settings import current, variant_folder

    root = tmp_path_factory.mktemp("practice")
    nb = nbformat.v4.new_notebook(metadata={"workbench": {"title": "Consent, hands on", "exercises": [TASK]}})
    nb.cells = [nbformat.v4.new_code_cell("data_dir = None\ndata_seed = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import workbench as wb\n\ndata = wb.start(data_dir, seed=data_seed)"),
                nbformat.v4.new_code_cell("from workbench import practice\n\ndb = practice.open(data=data)\n"
                                          'wb.practice_task(db, "record-consent-revocation")',
                                          metadata={"workbench": {"exercise": TASK}})]
    lesson = root / "src" / "crm" / "02-consent-hands-on.ipynb"
    lesson.parent.mkdir(parents=True)
    nbformat.write(nb, lesson)
    subs = root / "session"
    roster = release([lesson], subs, trainees=["did", "didnt", "copied", "nodb"], progress=False)
    seed = dict(zip(roster["learner"], roster["seed"]))

    def database(name):
        path = subs / name / ".workbench" / "practice" / f"{name}.sqlite"
        return practice.open(trainee=name, data=load(variant_folder(current().home, seed[name])), path=path)

    with database("did") as db:
        solve(db, "record-consent-revocation")
    database("didnt").close()
    target = subs / "copied" / ".workbench" / "practice"
    target.mkdir(parents=True)
    shutil.copyfile(subs / "did" / ".workbench" / "practice" / "did.sqlite", target / "copied.sqlite")
    grades = grade(subs, root / "out", jobs=2, progress=False)
    return grades.set_index("trainee")


def test_a_practice_task_done_in_the_handed_in_database_passes(practice_class):
    done = practice_class.loc["did"]
    assert (done["exercise"], done["status"], done["source"]) == (TASK, "passed", "practice CRM")
    assert "withdrawn" in done["message"]


def test_a_practice_task_not_done_fails_with_the_task_hint(practice_class):
    missed = practice_class.loc["didnt"]
    assert (missed["status"], missed["points"], missed["source"]) == ("failed", 0, "practice CRM")
    assert "task text" in missed["hint"] and "still granted" in missed["message"]


def test_a_practice_crm_built_from_someone_else_data_does_not_pass(practice_class):
    copied = practice_class.loc["copied"]
    assert copied["status"] == "failed" and "not built from this trainee's own data" in copied["reason"]
    assert copied["points"] == 0 and "your own practice CRM" in copied["hint"]


def test_no_practice_crm_handed_in_is_reported(practice_class):
    none = practice_class.loc["nodb"]
    assert none["status"] == "not attempted" and "no practice CRM was handed in" in none["reason"]


# ---------------------------------------------------------------- the notebook time limit

def test_a_notebook_past_its_time_limit_stops_there_and_says_why(tmp_path, english_runs_left):
    """The runner records why it stopped; the trainee reads it in their language (French here), the trainer's
    notebooks.csv in the grader's."""
    nb = nbformat.v4.new_notebook(metadata={"workbench": {"lesson": "demo/02-slow", "exercises": [EXERCISES[1]]}})
    nb.cells = [nbformat.v4.new_code_cell("import time\nimport workbench as wb"),
                nbformat.v4.new_code_cell("time.sleep(2)"), nbformat.v4.new_code_cell("time.sleep(60)"),
                exercise_cell(EXERCISES[1], ANSWERS[EXERCISES[1]])]
    (tmp_path / "subs" / "slow").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "subs" / "slow" / "02-slow.ipynb")
    (tmp_path / "subs" / "slow" / ".workbench.json").write_text('{"lang": "fr"}')
    grades = grade(tmp_path / "subs", tmp_path / "out", cell_timeout=90, notebook_timeout=20, progress=False)
    late = grades[grades["exercise"] == EXERCISES[1]].iloc[0]
    assert late["status"] == "not run" and "le notebook a dépassé son temps limite (20 s)" in late["reason"]
    page = (tmp_path / "out" / "feedback" / "slow.html").read_text(encoding="utf-8")
    assert "le notebook a dépassé son temps limite (20 s)" in page and english_runs_left(page) == []
    runs = pd.read_csv(tmp_path / "out" / "notebooks.csv", keep_default_na=False)
    assert "time limit" in runs["problems"].iloc[0]
    executed = json.loads((tmp_path / "out" / "executed" / "slow" / "02-slow.ipynb").read_text())
    stopped = [c for c in executed["cells"] if c["cell_type"] == "code" and "sleep" in "".join(c["source"])]
    assert any(o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt") for c in stopped for o in c["outputs"])
