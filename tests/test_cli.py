"""The ``workbench`` command: each sub-command runs end to end, and mistakes exit 2 without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main

ACME = Path(__file__).resolve().parents[1] / "datasets" / "acme"


def test_network_connectors_ranks_an_edge_list(tmp_path, capsys):
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\nana,bo\nbo,cy\ncy,dan\nbo,eve\n", encoding="utf-8")
    assert main(["network", "connectors", str(edges), "--top", "2", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("person,")
    assert lines[1].split(",")[0] == "bo"  # the hub everyone goes through
    assert len(lines) == 3


def test_network_connectors_of_the_sample_team_by_industry_as_json(capsys):
    import json

    assert main(["network", "connectors", str(ACME), "--top", "3", "--group", "industry", "--format", "json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert len(ranked) == 3 and all(row["person"] for row in ranked)


def test_network_report_writes_a_page_for_the_sample_team(tmp_path, capsys):
    out = tmp_path / "network.html"
    assert main(["network", "report", str(ACME), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "connector" in page.lower()  # a light page
    assert str(out) in capsys.readouterr().out


def test_network_report_on_a_missing_folder_exits_2_with_a_reason(tmp_path, capsys):
    assert main(["network", "report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_session_plan_writes_the_facilitator_guide(tmp_path, capsys):
    out = tmp_path / "guide.html"
    assert main(["session", "plan", "crm/01-what-a-crm-is", "crm/02-accounts-contacts-and-consent",
                 "--format", "in-house", "--start", "13:30", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "13:30" in page and "Accounts, contacts and consent" in page


def test_session_plan_names_an_unknown_lesson(tmp_path, capsys):
    assert main(["session", "plan", "crm/99-nothing", "--out", str(tmp_path / "g.html")]) == 2
    assert "99-nothing" in capsys.readouterr().err


def test_session_report_on_progress_logs(tmp_path, capsys):
    from workbench.sessions.report import sample_class

    grades = tmp_path / "grades.csv"
    sample_class(trainees=5).to_csv(grades, index=False)
    out = tmp_path / "class.html"
    assert main(["session", "report", str(grades), "--out", str(out)]) == 0
    assert out.stat().st_size > 1000


def test_practice_audit_then_reset(capsys):
    from workbench import practice

    db = practice.open(trainee="amina")
    practice.activities.log(db, "call", "Asked about the renewal", contact_id=db.query(
        "SELECT contact_id FROM contacts LIMIT 1")["contact_id"][0])
    assert main(["practice", "audit", "--trainee", "amina", "--table", "activities"]) == 0
    assert "Asked about the renewal" in capsys.readouterr().out
    assert main(["practice", "reset", "--trainee", "amina", "--yes"]) == 0
    assert "reset" in capsys.readouterr().out
    assert main(["practice", "audit", "--db", str(db.path), "--table", "activities"]) == 0
    after = capsys.readouterr().out
    assert "Asked about the renewal" in after, "the audit log outlives a reset"
    assert "reset at" in after and "NaT" not in after.splitlines()[-1]


def test_practice_reset_asks_first(monkeypatch, capsys):
    from workbench import practice

    db = practice.open(trainee="amina")
    contact = db.query("SELECT contact_id FROM contacts LIMIT 1")["contact_id"][0]
    practice.activities.log(db, "call", "Kept", contact_id=contact)
    monkeypatch.setattr("builtins.input", lambda question: "n")
    assert main(["practice", "reset", "--trainee", "amina"]) == 1
    assert "nothing reset" in capsys.readouterr().out
    assert not practice.audit.history(db, "activities", since_reset=True).empty


def test_practice_commands_never_create_a_crm_for_a_misspelt_trainee(capsys):
    from workbench import practice

    practice.open(trainee="amina").close()
    assert main(["practice", "audit", "--trainee", "amnia"]) == 2
    assert "amina" in capsys.readouterr().err
    assert practice.database.trainees() == ["amina"]


@pytest.mark.parametrize("argv", [["network"], ["session"], ["practice"]])
def test_groups_without_an_action_explain_usage(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "usage:" in capsys.readouterr().err


def run_cli(*args, cwd=None, **kwargs):
    """The real command in its own process, as a user runs it."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, **kwargs)


def assert_one_clear_line(done, *words):
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Fix:" in lines[0], lines
    for word in words:
        assert word in lines[0]


def test_a_missing_notebook_is_one_line_not_a_traceback(tmp_path):
    assert_one_clear_line(run_cli("exercises", "strip", "nosuch.ipynb", "--out", str(tmp_path / "out"), cwd=tmp_path),
                          "nosuch.ipynb", "no such file")


def test_an_unclosed_solution_names_the_notebook_and_cell(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Practice"),
                nbformat.v4.new_code_cell("answer = ...\n### BEGIN SOLUTION\nanswer = 3\nwb.check('a.b.c', answer)")]
    nbformat.write(nb, tmp_path / "01-practice.ipynb")
    assert_one_clear_line(run_cli("exercises", "strip", str(tmp_path / "01-practice.ipynb"), "--out", str(tmp_path / "out")),
                          "01-practice.ipynb, cell 2, line 2", "never closed", "END SOLUTION")


def test_an_unwritable_folder_is_one_line_not_a_traceback():
    assert_one_clear_line(run_cli("data", "generate", "--out", "/proc/x"), "/proc/x")


def test_piping_into_head_is_quiet(tmp_path):
    """`workbench progress | head -1`: the reader leaves early; no BrokenPipeError is shown."""
    import json
    import os
    import subprocess
    import sys

    log = tmp_path / "progress" / "amina.jsonl"
    log.parent.mkdir()
    log.write_text("".join(json.dumps({"exercise": f"crm.many.e{i:05d}", "points": 1, "max_points": 1,
                                       "at": "2026-01-05T09:00:00+00:00"}) + "\n" for i in range(3000)))
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path), "WORKBENCH_LEARNER": "amina"}
    done = subprocess.run(f"{sys.executable} -m workbench.cli progress | head -1", shell=True, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("amina: 0 of ")  # none of those made-up ids is in the course
    assert done.stderr == ""


def test_validate_prints_warnings_but_passes_the_sample(capsys):
    from workbench.data import SAMPLE_FOLDER

    assert main(["data", "validate", str(SAMPLE_FOLDER)]) == 0
    out, err = capsys.readouterr()
    assert "every table matches the schema" in out and "warning(s) above" in out
    assert err.startswith("warning: contacts.csv, row ") and "Fix:" in err


def test_generate_onto_company_data_is_refused_unless_forced(tmp_path, capsys):
    export = tmp_path / "export"
    export.mkdir()
    (export / "contacts.csv").write_text("contact_id,first_name\nC1,Amina\n", encoding="utf-8")
    (export / "meta.json").write_text("{}", encoding="utf-8")
    assert main(["data", "generate", "--out", str(export), "--scale", "0.05"]) == 2
    err = capsys.readouterr().err
    assert "already holds company data (contacts.csv, meta.json)" in err and "add --force" in err
    assert (export / "contacts.csv").read_text(encoding="utf-8") == "contact_id,first_name\nC1,Amina\n"
    assert not (export / "users.csv").exists()
    assert main(["data", "generate", "--out", str(export), "--scale", "0.05", "--force"]) == 0
    assert (export / "users.csv").exists()


def test_strip_onto_its_own_notebooks_is_refused_and_changes_nothing(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("answer = ...\n### BEGIN SOLUTION\nanswer = 3\n### END SOLUTION")]
    folder = tmp_path / "exercises"
    (folder / "crm").mkdir(parents=True)
    nbformat.write(nb, folder / "crm" / "01.ipynb")
    before = (folder / "crm" / "01.ipynb").read_bytes()
    for source, out in ((folder, folder), (folder / "crm" / "01.ipynb", folder / "crm")):
        assert_one_clear_line(run_cli("exercises", "strip", str(source), "--out", str(out)),
                              "would overwrite the notebook itself", "--out")
    assert run_cli("exercises", "strip", "exercises", "--out", ".", cwd=tmp_path).returncode == 0  # beside, not on
    assert (tmp_path / "crm" / "01.ipynb").exists()
    assert (folder / "crm" / "01.ipynb").read_bytes() == before


def test_progress_skips_records_of_the_wrong_shape_and_says_which(tmp_path, capsys, monkeypatch):
    import json

    log = tmp_path / "progress" / "amina.jsonl"
    log.parent.mkdir()
    good = {"exercise": "crm.intro.count-contacts", "points": 1, "max_points": 1, "at": "2026-01-05T09:00:00+00:00"}
    odd = [{"exercise": "a.b.c", "points": "1", "max_points": 1}, {"exercise": "a.b.c", "max_points": 1},
           {"exercise": 7, "points": 1, "max_points": 1}, [1, 2], {"exercise": "a.b.c", "points": 1, "max_points": 1,
                                                                   "at": 5}]
    log.write_text("".join(json.dumps(r) + "\n" for r in [good, *odd]))
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.setenv("WORKBENCH_LEARNER", "amina")
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("amina: 1 of ") and "exercises of the course done" in out
    assert "5 lines" in out and "line 2: field 'points' is not a number, skipped" in out
    assert "line 3: field 'points' is missing" in out and "line 4: field 'exercise' is missing or not a text" in out


def test_a_command_line_mistake_is_told_in_french(capsys):
    """argparse's own words (usage, error, required arguments) come from the workbench's catalogue."""
    from workbench.i18n.language import use_language

    with use_language("fr"), pytest.raises(SystemExit) as stop:
        main(["session", "plan"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("utilisation\u00a0: workbench session plan")
    assert "workbench session plan\u00a0: erreur\u00a0: les arguments suivants sont obligatoires\u00a0: lessons, --out" in err
    assert not any(word in err for word in ("usage:", "error:", "the following arguments"))
    with use_language("fr"), pytest.raises(SystemExit):
        main(["nope"])
    err = capsys.readouterr().err
    assert "choix non valide\u00a0: 'nope' (choisissez parmi 'data'," in err and "command" not in err


def test_a_missing_file_is_told_in_french(capsys):
    from workbench.i18n.language import use_language

    with use_language("fr"):
        assert main(["data", "validate", "no/such/folder"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("erreur\u00a0: ") and "Pour corriger" in err and "Fix:" not in err


def test_the_help_is_in_persian(capsys, english_runs_left):
    from workbench.i18n.language import use_language

    with use_language("fa"), pytest.raises(SystemExit):
        main(["lessons", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("طرز استفاده: workbench lessons")
    assert "گزینه‌ها:" in out and "نمایش این راهنما و خروج" in out
    assert english_runs_left(out) == [] and "options:" not in out


def test_the_reset_question_and_its_answer_are_in_bengali(monkeypatch, capsys):
    from workbench import practice
    from workbench.i18n.language import use_language

    practice.open(trainee="amina").close()
    asked = []
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "না")
    with use_language("bn"):
        assert main(["practice", "reset", "--trainee", "amina"]) == 1
    assert asked[0].startswith("amina-এর অনুশীলনের CRM কি নতুন করে শুরু করবেন?") and "[হ্যাঁ/না]" in asked[0]
    monkeypatch.setattr("builtins.input", lambda question: "হ্যাঁ")
    with use_language("bn"):
        assert main(["practice", "reset", "--trainee", "amina"]) == 0
    assert "amina" in capsys.readouterr().out
