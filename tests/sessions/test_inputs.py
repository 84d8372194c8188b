"""Bad input and forged records a grading run meets, checked without running a kernel."""

import json

import pytest

from workbench.sessions.diagnostics import describe
from workbench.sessions.grade import grade
from workbench.sessions.submissions import find_submissions

EXERCISES = ["superusers.session.command-order", "superusers.formats.match-format",
             "superusers.own-data.privacy"]


def test_odd_metadata_never_stops_identifying_a_notebook(tmp_path):
    from workbench.sessions.submissions import identify

    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"metadata": {"workbench": {"lesson": ["demo/01-demo"], "exercises": [{"x": 1}, 3]}},
                                "cells": [{"cell_type": "code", "metadata": [], "source": ["a", 3]},
                                          {"cell_type": "code", "source": f"wb.check({EXERCISES[0]!r}, 1)"}]}))
    assert identify(path, {"demo/01-demo": EXERCISES, "other/01-x": ["a.b.c"]}) == "demo/01-demo"
    path.write_text('{"metadata": [1, 2], "cells": {"not": "a list"}}')
    assert identify(path, {"demo/01-demo": EXERCISES, "other/01-x": ["a.b.c"]}) is None


def test_settings_files_that_are_not_objects_and_bad_seeds_are_noted(tmp_path):
    for name, config in (("listed", "[1, 2]"), ("wordy", '{"seed": "abc", "learner": {"a": 1}}')):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".workbench.json").write_text(config)
        (tmp_path / name / "01-demo.ipynb").write_text("{}")
    subs, _ = find_submissions(tmp_path)
    by = {s.path.parent.name: s for s in subs}
    assert by["listed"].trainee == "listed" and by["listed"].seed is None
    assert by["wordy"].trainee == "wordy" and by["wordy"].seed is None
    assert "('abc') is not a whole number" in describe(by["wordy"].notes[0])


def test_a_damaged_manifest_is_explained(tmp_path):
    from workbench.errors import InputError

    (tmp_path / "session.json").write_text('{"lessons": [1]}')
    with pytest.raises(InputError, match="not a release manifest"):
        find_submissions(tmp_path)
    (tmp_path / "session.json").write_text('{"lessons": ')
    with pytest.raises(InputError, match="cannot be read"):
        find_submissions(tmp_path)


def test_forged_progress_records_are_self_reported_and_score_nothing_unless_trusted(tmp_path):
    from workbench.sessions.grade import evidence, write_progress
    from workbench.sessions.handin import HandedIn
    from workbench.sessions.submissions import Submission
    from workbench.sessions.verdict import Policy, decide

    sub = Submission(trainee="forger", path=tmp_path / "01-demo.ipynb", lesson="demo/01-demo", expected=EXERCISES)
    sub.result = {"status": "ran", "problems": [], "cells": [
        {"index": i, "exercises": [e], "status": "ok", "error": ""} for i, e in enumerate(EXERCISES)]}
    sub.handed = HandedIn(records=[
        {"exercise": EXERCISES[0], "points": 99, "max_points": 99, "attempt": "first"},
        {"exercise": EXERCISES[1], "points": "lots", "max_points": "all", "hint": {"not": "text"}},
        {"exercise": EXERCISES[2], "points": float("nan"), "max_points": 2},
        {"exercise": EXERCISES[2], "points": -7, "max_points": 2},
    ])
    found = {ev.exercise: ev for ev in evidence(sub)}
    strict = {e: decide(ev, Policy()) for e, ev in found.items()}
    trusting = {e: decide(ev, Policy(trust_self_reported=True)) for e, ev in found.items()}
    forged = strict[EXERCISES[0]]
    assert (forged["points"], forged["self_reported"], forged["source"]) == (0.0, 1.0, "progress log")
    assert "scores 0" in forged["reason"]
    assert trusting[EXERCISES[0]]["points"] == 1.0  # clamped to the exercise's points
    assert trusting[EXERCISES[1]]["points"] == 0 and trusting[EXERCISES[1]]["hint"] != {"not": "text"}
    assert (trusting[EXERCISES[2]]["points"], trusting[EXERCISES[2]]["max_points"]) == (0.0, 2.0)
    write_progress([sub], tmp_path / "out")
    logged = (tmp_path / "out" / "progress" / "forger.jsonl").read_text().splitlines()
    assert len(logged) == 4 and all(json.loads(x)["learner"] == "forger" for x in logged)


def test_files_that_are_not_notebooks_and_a_failing_grader_step_never_stop_the_batch(tmp_path, monkeypatch):
    import workbench.sessions.grade as grading

    subs = tmp_path / "subs"
    (subs / "folder-named-like-a-notebook" / "01-demo.ipynb").mkdir(parents=True)
    (subs / "boom").mkdir()
    (subs / "boom" / "01-what-a-crm-is.ipynb").write_text("{}")
    real = grading.execute

    def failing(sub, *args, **kwargs):
        if sub.trainee == "boom":
            raise RuntimeError("disk full")
        return real(sub, *args, **kwargs)

    monkeypatch.setattr(grading, "execute", failing)
    grades = grade(subs, tmp_path / "out", jobs=2, progress=False)
    folder = grades[grades["trainee"] == "folder-named-like-a-notebook"].iloc[0]
    assert folder["status"] == "unreadable" and "is a folder, not a notebook file" in folder["reason"]
    boom = grades[grades["trainee"] == "boom"]
    assert (boom["status"] == "not run").all() and boom["reason"].str.contains("RuntimeError: disk full").all()
    expected = {s.trainee: s.expected for s in find_submissions(subs)[0]}["boom"]
    assert len(boom) == len(expected) == 4  # the notebook is known as crm/01 by its name: one row per exercise


def test_every_progress_log_and_the_practice_crm_are_snapshotted_before_grading(tmp_path):
    from workbench.sessions.copies import fingerprint
    from workbench.sessions.handin import snapshot

    folder = tmp_path / "amina"
    logs = folder / ".workbench" / "progress"
    logs.mkdir(parents=True)
    (logs / "amina.jsonl").write_text(json.dumps({"exercise": EXERCISES[0], "points": 1, "max_points": 1}) + "\n")
    (logs / "amina-laptop.jsonl").write_text(json.dumps({"exercise": EXERCISES[1], "points": 1, "max_points": 1}) + "\n{torn\n")
    (folder / ".workbench" / "practice").mkdir()
    (folder / ".workbench" / "practice" / "amina-d.sqlite").write_bytes(b"SQLite format 3\0")
    found = snapshot(folder, "amina", tmp_path / "snap")
    assert sorted(r["exercise"] for r in found.records) == sorted(EXERCISES[:2])  # both logs, none overwritten
    assert any("not valid JSON" in note for note in found.notes)
    assert "amina-d.sqlite, not amina.sqlite" in describe(found.notes[-1])
    assert (found.practice / "amina.sqlite").is_file() and found.practice_fingerprint == fingerprint(found.practice)
    # a settings file pointing outside the trainee's folder is not followed
    (folder / ".workbench.json").write_text(json.dumps({"home": str(tmp_path / "someone-else")}))
    (tmp_path / "someone-else" / "progress").mkdir(parents=True)
    (tmp_path / "someone-else" / "progress" / "x.jsonl").write_text(json.dumps({"exercise": EXERCISES[2]}) + "\n")
    assert EXERCISES[2] not in {r["exercise"] for r in snapshot(folder, "amina", tmp_path / "snap2").records}


def test_a_zip_file_handed_in_is_graded_like_the_folder_and_a_broken_one_is_reported(tmp_path):
    import zipfile

    subs = tmp_path / "subs"
    subs.mkdir()
    with zipfile.ZipFile(subs / "amina.zip", "w") as zf:
        zf.writestr("amina/01-demo.ipynb", "{}")
        zf.writestr("amina/.workbench.json", json.dumps({"learner": "Amina Diallo"}))
        zf.writestr("/etc/evil.ipynb", "{}")
    (subs / "reza.zip").write_bytes(b"PK\x03\x04 cut in the middle")
    (subs / "omar").mkdir()
    (subs / "omar" / "01-demo.ipynb").write_text("{}")
    with zipfile.ZipFile(subs / "omar.zip", "w") as zf:  # an older copy of omar's folder: the folder wins
        zf.writestr("old.ipynb", "{}")
    found, _ = find_submissions(subs, copy_to=tmp_path / "unpacked")
    shown = {s.shown: s for s in found}
    assert sorted(shown) == ["amina.zip/01-demo.ipynb", "omar/01-demo.ipynb", "reza.zip"]
    assert shown["amina.zip/01-demo.ipynb"].trainee == "Amina Diallo"
    assert "not a readable zip file" in shown["reza.zip"].notes[0]
    assert not (tmp_path / "etc").exists()
    grades = grade(subs, tmp_path / "out", jobs=1, progress=False)
    reza = grades[grades["trainee"] == "reza"].iloc[0]
    assert reza["status"] == "unreadable" and "not a readable zip file" in reza["reason"]


@pytest.mark.slow  # generates a data variant twice
def test_a_data_variant_changed_since_release_is_generated_again_from_its_seed(tmp_path):
    from workbench.data.active import ensure_variant
    from workbench.sessions.copies import fingerprint
    from workbench.sessions.submissions import trusted_variant

    cached = ensure_variant(4242, tmp_path / "home")
    recorded = fingerprint(cached)
    assert trusted_variant(4242, cached, recorded, tmp_path / "private") == cached
    with (cached / "contacts.csv").open("a") as fh:
        fh.write("C99999,forged\n")
    again = trusted_variant(4242, cached, recorded, tmp_path / "private")
    assert again != cached and fingerprint(again) == recorded  # the generator's own output, not the cache


def test_the_policy_picks_the_attempt_that_scores_and_caps_them():
    from workbench.sessions.verdict import Evidence, Policy, decide

    def tried(*points):
        return Evidence("a.b.c", 1.0, attempts=[{"points": p, "max_points": 1.0, "hint": None if p else "No.",
                                                 "message": ""} for p in points])

    assert decide(tried(0, 1, 0), Policy(score="last"))["points"] == 0
    assert decide(tried(0, 1, 0), Policy(score="best"))["points"] == 1
    capped = decide(tried(0, 0, 1), Policy(score="best", max_attempts=2))
    assert (capped["points"], capped["best_points"], capped["attempts"]) == (0, 0, 3)
    assert "only the first 2 of 3 attempts count" in capped["reason"]
    first = decide(tried(0, 1), Policy())
    assert first["status"] == "failed" and "a later answer got more points" in first["reason"]


@pytest.mark.parametrize("option, words", [({"score": "worst"}, "score must be one of first, best, last"),
                                           ({"max_attempts": 0}, "max_attempts must be at least 1")])
def test_a_policy_that_makes_no_sense_is_refused(tmp_path, option, words):
    from workbench.errors import InputError
    from workbench.sessions.verdict import Policy

    with pytest.raises(InputError, match=words):
        grade(tmp_path / "class", tmp_path / "out", policy=Policy(**option), progress=False)


def test_a_damaged_manifest_is_explained_in_the_superuser_s_language(tmp_path, english_runs_left):
    from workbench.errors import InputError
    from workbench.i18n.language import use_language

    (tmp_path / "session.json").write_text('{"lessons": [1]}')
    with use_language("fr"), pytest.raises(InputError) as raised:
        find_submissions(tmp_path)
    said = str(raised.value)
    assert "restaurez session.json à partir de votre copie de la distribution" in said
    assert english_runs_left(said) == []
