"""A trainee's feedback page in their language: right to left for Arabic and Persian, every word of the page
translated, the exercise ids and lesson names left to right."""

from __future__ import annotations

import pandas as pd

from workbench.i18n.language import use_language
from workbench.sessions.feedback import write_feedback
from workbench.sessions.verdict import Evidence, Policy, decide


def test_the_feedback_page_is_written_whole_in_persian(tmp_path, english_runs_left):
    with use_language("fa"):  # as the grader decides a Persian trainee's grades
        row = decide(Evidence("crm.intro.count-contacts", 1.0,
                              unchecked=[{"notebook_points": 1, "unsupported": None}]), Policy())
    grades = pd.DataFrame([{"trainee": "Reza", "lesson": "crm/01-what-a-crm-is", "exercise": "crm.intro.count-contacts",
                            **row}])
    page = write_feedback("Reza", grades, tmp_path / "reza.html", lang="fa").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in page
    assert "پاسخ را به صورت عدد، متن، فهرست یا جدول بدهید" in page  # the hint, translated on the page
    assert "دوباره بررسی نشد: پاسخی از نوع ناشناخته" in page  # the reason, decided in Persian
    assert '<code dir="ltr">crm.intro.count-contacts</code>' in page
    assert english_runs_left(page) == []


def test_a_row_about_the_whole_notebook_is_named_and_explained_in_the_trainee_s_language(tmp_path, english_runs_left):
    from workbench.sessions.diagnostics import describe, note
    from workbench.sessions.feedback import WHOLE

    with use_language("fa"):  # as the grader words an unreadable hand-in's note for a Persian trainee
        reason = describe(note("no-cells"))
    grades = pd.DataFrame([{"trainee": "Reza", "lesson": "unknown", "exercise": WHOLE, "points": 0.0,
                            "max_points": 0.0, "status": "unreadable", "hint": "", "message": "", "reason": reason,
                            "source": "", "attempts": 0, "self_reported": 0.0}])
    page = write_feedback("Reza", grades, tmp_path / "reza.html", lang="fa").read_text(encoding="utf-8")
    assert "<td>کل دفترچه</td>" in page and WHOLE not in page
    assert "JSON معتبر است اما فهرستی از سلول‌ها ندارد" in page
    assert english_runs_left(page) == []
