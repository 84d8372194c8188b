"""The certificate: refused until the track's assessment is passed on first tries, issued after, verifiable."""

import pytest

from workbench.certificate import browser, issue, verify
from workbench.cli import main
from workbench.errors import InputError
from workbench.exercises.progress import ProgressLog
from workbench.lessons import in_course_order
from workbench.settings import safe_name

ASSESSMENT = next(lesson for lesson in in_course_order() if lesson.track == "crm" and lesson.assessment)


def take_assessment(home, learner, first_points):
    """Answer every question of the CRM assessment: ``first_points[i]`` at the first try, then right."""
    log = ProgressLog(home / "progress" / f"{safe_name(learner)}.jsonl")
    for id, points in zip(ASSESSMENT.exercises, first_points):
        log.append({"exercise": id, "points": points, "max_points": 1})
        if points < 1:
            log.append({"exercise": id, "points": 1, "max_points": 1})


def passing():
    return [0] + [1] * (len(ASSESSMENT.exercises) - 1)  # 4 of 5: 80 %


def test_refused_before_the_assessment_is_taken(workbench_home, capsys, tmp_path):
    assert main(["certificate", "--learner", "amina", "--track", "crm", "--out", str(tmp_path / "c.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: certificate: amina has not passed the CRM track's assessment")
    assert "pass mark 70%" in err and "Traceback" not in err and not (tmp_path / "c.html").exists()


def test_refused_when_only_later_attempts_are_right(workbench_home):
    take_assessment(workbench_home, "amina", [0, 0, 1, 1, 1])  # 60 % at the first try, 100 % at the best
    with pytest.raises(InputError, match="60% at the first try"):
        issue("amina", "crm")


def test_issued_after_passing_and_verified(workbench_home, tmp_path, capsys):
    take_assessment(workbench_home, "amina", passing())
    assert main(["certificate", "--learner", "amina", "--track", "crm", "--out", str(tmp_path / "amina")]) == 0
    out = capsys.readouterr().out
    code = out.split("verification code: ")[1].split()[0]
    page = (tmp_path / "amina.html").read_text(encoding="utf-8")
    for shown in ("amina", "CRM track", "80 %", code):
        assert shown in page
    if browser():
        assert (tmp_path / "amina.pdf").read_bytes().startswith(b"%PDF")
    else:
        assert "no PDF" in out
    date = issue("amina", "crm").date
    assert main(["certificate", "verify", code, "--learner", "amina", "--track", "crm", "--date", date,
                 "--score", "80"]) == 0
    assert main(["certificate", "verify", code, "--learner", "amina", "--track", "crm", "--date", date,
                 "--score", "100"]) == 1
    assert "not genuine" in capsys.readouterr().err


def test_the_code_depends_on_the_installation_secret(workbench_home, tmp_path):
    take_assessment(workbench_home, "amina", passing())
    certificate = issue("amina", "crm")
    assert verify(certificate.code, "amina", "crm", certificate.date, certificate.score)
    other = tmp_path / "other-home"
    (other / "certificate.key").parent.mkdir()
    (other / "certificate.key").write_text("another installation\n")
    assert not verify(certificate.code, "amina", "crm", certificate.date, certificate.score, home=other)


def test_verify_without_a_secret_says_where_to_verify(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "empty"))
    assert main(["certificate", "verify", "ABCD-EFGH-IJKL-MNOP", "--learner", "a", "--track", "crm",
                 "--date", "2026-01-05", "--score", "80"]) == 2
    assert "issued no certificate" in capsys.readouterr().err


def test_an_existing_certificate_is_not_overwritten(workbench_home, tmp_path, capsys):
    take_assessment(workbench_home, "amina", passing())
    (tmp_path / "c.html").write_text("mine")
    assert main(["certificate", "--learner", "amina", "--track", "crm", "--out", str(tmp_path / "c.html")]) == 2
    assert "already exists" in capsys.readouterr().err and (tmp_path / "c.html").read_text() == "mine"


def test_a_right_to_left_name_is_isolated(workbench_home):
    take_assessment(workbench_home, "سهل الحكير", passing())
    assert "<bdi>سهل الحكير</bdi>" in issue("سهل الحكير", "crm").html()


def test_missing_options_are_named(capsys):
    assert main(["certificate", "--learner", "amina"]) == 2
    assert "--track, --out missing" in capsys.readouterr().err
