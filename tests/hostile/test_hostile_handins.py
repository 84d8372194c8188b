"""Hostile hand-ins: each attack a trainee's notebook (or folder), graded with an honest classmate in one run.

Every test says what must not happen: no grade changes (the classmate keeps full marks, the attacker
gains nothing), no file outside the attacker's scratch folder changes (class folder, installed package,
the grader's data variants, progress log and output), no process started by a hand-in outlives grading.
One class is released and graded once for the whole module.
"""

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from workbench.lessons import resolve
from workbench.sessions.copies import fingerprint
from workbench.sessions.grade import grade
from workbench.sessions.release import release

pytestmark = pytest.mark.slow  # one release and one grading run of ten notebooks: about a minute on two cores

LESSON = "crm/01-what-a-crm-is"
COUNT, BUSIEST, REACH, MODEL = ("crm.intro.count-contacts", "crm.intro.busiest-account", "crm.intro.widest-reach",
                                "crm.intro.database-model")
MARK = "WBHOSTILE"  # in the command line of every process a hand-in starts
SECRET = "grader-secret-7f3a"
ATTACKERS = ["sleeper", "prowler", "patcher", "poisoner", "vandal", "forger", "scribe", "brute", "linker", "crasher"]
LANGS = {"linker": "fr", "crasher": "fa"}  # their notes are read on their feedback pages in their languages


def exercise_cell(nb, exercise):
    return next(c for c in nb.cells if c.metadata.get("workbench", {}).get("exercise") == exercise)


def with_cell(nb, code: str):
    nb.cells.append(nbformat.v4.new_code_cell(code))
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    import workbench
    from workbench.settings import current, variant_folder

    root = tmp_path_factory.mktemp("hostile")
    klass, out = root / "class", root / "grades"
    import pandas as pd

    trainees = pd.DataFrame({"learner": ["victim", *ATTACKERS],
                             "lang": [LANGS.get(t, "en") for t in ["victim", *ATTACKERS]]})
    roster = release([LESSON], klass, trainees=trainees, source="practice-sets", progress=False)
    seeds = dict(zip(roster["learner"], roster["seed"]))
    home = current().home
    source = nbformat.read(resolve(LESSON, "practice-sets"), as_version=4)
    file = resolve(LESSON, "practice-sets").name
    victim_notebook = klass / "victim" / file
    package_check = Path(workbench.__file__).parent / "exercises" / "check.py"
    grader_log = current().progress_file
    grader_log.parent.mkdir(parents=True, exist_ok=True)
    grader_log.write_text(json.dumps({"exercise": COUNT, "points": 0, "max_points": 1}) + "\n")
    canary = root / "canary.txt"
    canary.write_text("the grader's own file")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    port = listener.getsockname()[1]

    def released(name):
        return nbformat.read(klass / name / file, as_version=4)

    def write(name, nb):
        nbformat.write(nb, klass / name / file)

    # the honest classmate: every answer right, in the notebook and in her lab's progress log
    nb = released("victim")
    for exercise in (COUNT, BUSIEST, REACH, MODEL):
        exercise_cell(nb, exercise).source = exercise_cell(source, exercise).source
    write("victim", nb)
    (klass / "victim" / ".workbench" / "progress").mkdir(parents=True)
    (klass / "victim" / ".workbench" / "progress" / "victim.jsonl").write_text(
        json.dumps({"exercise": MODEL, "points": 1, "max_points": 1, "answer": "hierarchical"}) + "\n")

    # a detached sleeper (and 49 more, half in sessions of their own) rewriting grades.csv after the grader exits
    write("sleeper", with_cell(released("sleeper"), (
        "import subprocess, sys\n"
        f"code = '''import time, pathlib\\nfor _ in range(60):\\n    time.sleep(0.5)\\n    try:\\n"
        f"        p = pathlib.Path({str(out)!r}) / 'grades.csv'\\n"
        "        p.write_text(p.read_text().replace('failed', 'passed'))\\n    except Exception:\\n        pass\\n"
        f"# {MARK}'''\n"
        "for i in range(50):\n"
        "    subprocess.Popen([sys.executable, '-c', code], start_new_session=i % 2 == 0,\n"
        "                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n")))

    # finds the class folder through /proc, then overwrites the classmate's hand-in (and the grader's copy of it)
    write("prowler", with_cell(released("prowler"), (
        "import glob, os, pathlib\nseen = []\n"
        "for pid in filter(str.isdigit, os.listdir('/proc')):\n"
        "    for link in ('cwd', 'root'):\n"
        "        try:\n            seen.append(os.readlink(f'/proc/{pid}/{link}'))\n        except OSError:\n"
        "            pass\n"
        f"targets = [{str(victim_notebook)!r}] + glob.glob('/tmp/workbench-grade-*/handed-in/*/victim/*.ipynb')\n"
        "for target in targets:\n"
        "    try:\n        pathlib.Path(target).write_text('{}')\n        print('OVERWROTE', target)\n"
        "    except OSError as err:\n        print('blocked', target, err)\n"
        "print('processes seen:', len(seen))\n")))

    # rewrites the installed package's check code so that every answer scores
    write("patcher", with_cell(released("patcher"), (
        "import pathlib\n"
        f"path = pathlib.Path({str(package_check)!r})\n"
        "try:\n    path.write_text(path.read_text() + '\\nrun_check = lambda e, a, c: None\\n')\n"
        "    print('PATCHED')\nexcept OSError as err:\n    print('blocked', err)\n")))

    # appends to the grader's data-variant cache (the classmate's variant) and to the grader's own progress log
    victim_variant = variant_folder(home, seeds["victim"])
    write("poisoner", with_cell(released("poisoner"), (
        "import pathlib\n"
        f"for path in [pathlib.Path({str(victim_variant / 'contacts.csv')!r}), pathlib.Path({str(grader_log)!r})]:\n"
        "    try:\n        with path.open('a') as fh:\n            fh.write('C999,forged\\n')\n"
        "        print('APPENDED', path)\n    except OSError as err:\n        print('blocked', path, err)\n")))

    # deletes files outside its folder, opens sockets, reads the grader's environment
    write("vandal", with_cell(released("vandal"), (
        "import os, shutil, socket\n"
        f"for path in [{str(canary)!r}, {str(victim_notebook)!r}]:\n"
        "    try:\n        os.remove(path)\n        print('DELETED', path)\n"
        "    except OSError as err:\n        print('blocked', err)\n"
        f"shutil.rmtree({str(klass)!r}, ignore_errors=True)\n"
        f"for address in [('127.0.0.1', {port}), ('1.1.1.1', 53)]:\n"
        "    try:\n        socket.create_connection(address, timeout=2).close()\n        print('CONNECTED', address)\n"
        "    except OSError as err:\n        print('blocked', address, err)\n"
        "print(sorted(os.environ.items()))\n")))

    # a hand-written progress log claiming every exercise, and no code at all
    (klass / "scribe" / ".workbench" / "progress").mkdir(parents=True)
    (klass / "scribe" / ".workbench" / "progress" / "scribe.jsonl").write_text("".join(
        json.dumps({"exercise": e, "points": 1, "max_points": 1, "passed": True}) + "\n"
        for e in (COUNT, BUSIEST, REACH, MODEL)))

    # forges lines in the graded run's own log, patches the check and gives an answer that cannot be written down
    write("forger", with_cell(released("forger"), (
        "import importlib, json, os, pathlib\nfrom workbench.exercises import Result\n"
        "log = pathlib.Path(os.environ['WORKBENCH_HOME']) / 'progress' / 'forger.jsonl'\n"
        f"log.open('a').write(json.dumps({{'exercise': {COUNT!r}, 'points': 1, 'max_points': 1}}) + '\\n')\n"
        f"log.open('a').write(json.dumps({{'exercise': {BUSIEST!r}, 'unsupported': 'x', 'points': 1}}) + '\\n')\n"
        "importlib.import_module('workbench.exercises.check').run_check = lambda e, a, c: Result(1, 1, 'forged')\n"
        f"print(wb.check({REACH!r}, object()))\nprint(wb.check({MODEL!r}, 'relational'))\n")))

    # tries a hundred answers (the stub's, then 99 numbers around the right one)
    write("brute", with_cell(released("brute"), (
        "import workbench as wb\n"
        f"for n in range(len(data.contacts) - 50, len(data.contacts) + 49):\n    wb.check({COUNT!r}, n)\n"
        f"for guess in ['flat', 'relational', 'network', 'graph', 'hierarchical']:\n    wb.check({MODEL!r}, guess)\n")))

    # symlinks in the hand-in: the classmate's progress log, and a notebook that is a link to hers
    (klass / "linker" / ".workbench").mkdir(parents=True)
    os.symlink(klass / "victim" / ".workbench" / "progress", klass / "linker" / ".workbench" / "progress")
    os.symlink(victim_notebook, klass / "linker" / "victim-copy.ipynb")

    # kills its own kernel before any exercise cell runs
    nb = released("crasher")
    nb.cells.insert(0, nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"))
    write("crasher", nb)

    protected = {"class folder (but the linker's links)": lambda: fingerprint(klass / "victim"),
                 "installed check code": lambda: fingerprint(package_check),
                 "grader's data variant": lambda: fingerprint(victim_variant),
                 "grader's progress log": lambda: grader_log.read_text(),
                 "canary outside every folder": lambda: canary.read_text()}
    before = {name: read() for name, read in protected.items()}
    os.environ["WB_HOSTILE_SECRET"] = SECRET
    try:
        grades = grade(klass, out, jobs=2, cell_timeout=20, notebook_timeout=120, progress=False)
    finally:
        del os.environ["WB_HOSTILE_SECRET"]
    time.sleep(3)  # what a detached sleeper would need to rewrite the grades
    accepted = []
    try:
        while True:
            accepted.append(listener.accept())
    except OSError:
        pass
    listener.close()
    after = {name: read() for name, read in protected.items()}
    return {"grades": grades, "out": out, "before": before, "after": after, "accepted": accepted, "file": file}


def mine(attacked, trainee):
    grades = attacked["grades"]
    return grades[grades["trainee"] == trainee].set_index("exercise")


def executed(attacked, trainee) -> str:
    """What the trainee's graded notebook printed (its outputs, not its code)."""
    nb = json.loads((attacked["out"] / "executed" / trainee / attacked["file"]).read_text())
    return "".join(str(o.get("text", "")) + str(o.get("evalue", "")) for c in nb["cells"] if c["cell_type"] == "code"
                   for o in c["outputs"])


def test_the_honest_classmate_keeps_full_marks(attacked):
    victim = mine(attacked, "victim")
    assert (victim["status"] == "passed").all() and victim["points"].sum() == victim["max_points"].sum()


def test_no_file_outside_the_scratch_folders_changed(attacked):
    assert attacked["after"] == attacked["before"]


def test_no_attacker_scores_anything(attacked):
    grades = attacked["grades"]
    attackers = grades[grades["trainee"].isin(ATTACKERS)]
    assert attackers["points"].sum() == 0, attackers[attackers["points"] > 0][["trainee", "exercise", "source"]]


def test_no_process_a_hand_in_started_is_alive_after_grading(attacked):
    import psutil

    alive = []
    for proc in psutil.process_iter(["cmdline"]):
        if any(MARK in part for part in proc.info["cmdline"] or []):
            alive.append(proc.pid)
    assert alive == []


def test_grades_written_are_the_grades_decided_and_checksummed(attacked):
    out = attacked["out"]
    done = subprocess.run(["sha256sum", "--check", "--quiet", "checksums.sha256"], cwd=out, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    import pandas as pd

    on_disk = pd.read_csv(out / "grades.csv", keep_default_na=False)
    assert on_disk["status"].tolist() == attacked["grades"]["status"].tolist()


def test_the_sandbox_showed_no_other_process_no_class_folder_and_no_grader_secret(attacked):
    prowler = executed(attacked, "prowler")
    assert "OVERWROTE" not in prowler and "processes seen:" in prowler
    assert "PATCHED" not in executed(attacked, "patcher")
    assert "APPENDED" not in executed(attacked, "poisoner")
    vandal = executed(attacked, "vandal")
    assert "DELETED" not in vandal and "CONNECTED" not in vandal and SECRET not in vandal
    assert attacked["accepted"] == []  # the grader's machine took no connection from a notebook


def test_self_reported_points_score_nothing_and_are_shown_apart(attacked):
    scribe = mine(attacked, "scribe")  # her untouched notebook's stubs were checked by the grader: not answered
    assert (scribe["self_reported"] == 1).all() and scribe["points"].sum() == 0
    forger = mine(attacked, "forger")
    assert forger.loc[COUNT, "self_reported"] == 1 and forger.loc[COUNT, "points"] == 0
    assert forger.loc[REACH, ["points", "self_reported"]].tolist() == [0, 1]  # an object: not written down
    assert forger.loc[MODEL, ["source", "points", "best_points"]].tolist() == ["grader", 0, 0]  # patched check: 1/1


def test_a_hundred_tries_pass_nothing_under_the_first_attempt_policy(attacked):
    brute = mine(attacked, "brute")
    assert brute.loc[COUNT, "attempts"] == 100 and brute.loc[COUNT, "first_points"] == 0
    assert brute.loc[COUNT, "best_points"] == 1  # one of the hundred was right, and it does not count
    assert brute.loc[MODEL, ["points", "best_points"]].tolist() == [0, 1]


def test_symlinks_in_a_hand_in_are_not_followed(attacked):
    import pandas as pd

    linker = mine(attacked, "linker")
    assert linker["points"].sum() == 0 and "self_reported" in linker and linker["self_reported"].sum() == 0
    runs = pd.read_csv(attacked["out"] / "notebooks.csv", keep_default_na=False)
    notes = " ".join(runs[runs["trainee"] == "linker"]["problems"])
    assert "symbolic link" in notes


def test_each_note_is_on_the_feedback_page_in_the_trainee_s_language(attacked, english_runs_left):
    feedback = attacked["out"] / "feedback"
    linker = (feedback / "linker.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in linker
    assert "linker/.workbench/progress est un lien symbolique : non suivi, laissé de côté" in linker
    assert "victim-copy.ipynb est un lien symbolique" in linker
    crasher = (feedback / "crasher.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in crasher
    assert "هسته (kernel) از کار افتاد" in crasher
    assert english_runs_left(linker) == [] and english_runs_left(crasher) == []
    crashed = mine(attacked, "crasher")
    assert (crashed["status"] == "not run").all() and crashed["points"].sum() == 0
