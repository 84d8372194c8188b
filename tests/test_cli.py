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


def test_network_report_writes_a_page_for_the_sample_team(tmp_path, capsys):
    out = tmp_path / "network.html"
    assert main(["network", "report", str(ACME), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "plotly" in page.lower() and "connector" in page.lower()
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
    assert main(["practice", "reset", "--trainee", "amina"]) == 0
    assert "reset" in capsys.readouterr().out
    assert main(["practice", "audit", "--trainee", "amina", "--table", "activities"]) == 0
    assert "nothing changed yet" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["network"], ["session"], ["practice"]])
def test_groups_without_an_action_explain_usage(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "usage:" in capsys.readouterr().err
