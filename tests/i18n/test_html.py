"""Right to left where HTML is written: the feedback page, the certificate, the Check button's feedback."""

from __future__ import annotations

import pandas as pd

from workbench.certificate import Certificate
from workbench.exercises import Result
from workbench.i18n.language import use_language
from workbench.sessions.feedback import write_feedback


def _grades():
    return pd.DataFrame([{"trainee": "أمينة", "lesson": "crm.intro", "exercise": "crm.intro.count-contacts",
                          "points": 0.0, "max_points": 1.0, "attempts": 2, "first_points": 0.0, "best_points": 0.0,
                          "status": "failed", "message": "Not yet.", "hint": "Look at the contacts table.",
                          "reason": "", "source": "grader", "self_reported": 0.0}])


def test_the_feedback_page_in_arabic_is_right_to_left_with_ids_left_to_right(catalogue, tmp_path):
    page = write_feedback("أمينة", _grades(), tmp_path / "amina.html", lang="ar").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "ملاحظات إلى أمينة" in page
    assert '<code dir="ltr">crm.intro.count-contacts</code>' in page
    assert '<bdi dir="ltr">crm.intro</bdi>' in page


def test_the_feedback_page_in_english_stays_left_to_right(tmp_path):
    page = write_feedback("Amina", _grades(), tmp_path / "amina.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in page and "Feedback for Amina" in page


def test_the_certificate_in_persian_and_arabic_is_right_to_left_its_code_left_to_right(catalogue):
    certificate = Certificate("Nusrat Jahan", "crm", "2026-06-30", 85, 70, "ABCD-EFGH-IJKL")
    for lang in ("fa", "ar"):
        page = certificate.html(lang)
        assert f'<html lang="{lang}" dir="rtl">' in page
        assert '<b class="code" dir="ltr">ABCD-EFGH-IJKL</b>' in page and '<code dir="ltr">workbench certificate' in page
    assert "شهادة إتمام" in certificate.html("ar")
    assert "۲۰۲۶" in certificate.html("fa")  # the date in Persian digits


def test_check_feedback_carries_the_direction_of_its_language():
    result = Result.wrong(1, "Not yet.", "Look at the stage.")
    with use_language("fa"):
        assert 'dir="rtl"' in result.html()
    assert 'dir="ltr"' in result.html()
