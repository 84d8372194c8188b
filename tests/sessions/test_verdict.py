"""A grade's reasons in the trainee's language: each a whole sentence, numbers written as the language writes them."""

from __future__ import annotations

from workbench.i18n.language import use_language
from workbench.sessions.verdict import Evidence, Policy, decide


def test_a_self_reported_answer_is_explained_in_arabic():
    claimed = Evidence("a.b.c", 2.0, unchecked=[{"notebook_points": 2, "unsupported": None}])
    with use_language("ar"):
        row = decide(claimed, Policy())
    assert row["reason"] == ("لم يُعَد التحقق منه: إجابة من نوع غير معروف؛ النتيجة المُبلَّغ عنها ذاتيًا 2/2 "
                             "تُحتسب صفرًا (لم يختر المستخدم الخبير الوثوق بها)")
    # the hint stays an English message id in grades.csv: the feedback page shows it translated
    assert row["hint"] == "Give the answer as a number, a text, a list or a table so the grader can check it."


def test_attempts_that_disagree_and_a_capped_policy_are_explained_in_bengali():
    tries = [{"points": 0.0, "max_points": 1.0, "hint": None, "message": "", "notebook_points": 1.0},
             {"points": 1.0, "max_points": 1.0, "hint": None, "message": ""},
             {"points": 1.0, "max_points": 1.0, "hint": None, "message": ""}]
    with use_language("bn"):
        reason = decide(Evidence("a.b.c", 1.0, attempts=tries), Policy(max_attempts=2))["reason"]
    assert reason.startswith("চেষ্টা ১: আপনার নোটবুক এই উত্তরের জন্য ১/১ দেখিয়েছিল;")
    assert "৩টি চেষ্টার মধ্যে শুধু প্রথম ২টি গণ্য হয়" in reason
    assert "প্রথম চেষ্টাই গণ্য হয়; পরের একটি উত্তর বেশি নম্বর পেয়েছে" in reason


def test_english_stays_the_source():
    claimed = Evidence("a.b.c", 1.0, logged=[{"points": 1}])
    assert decide(claimed, Policy())["reason"] == ("points in your progress log with no answer the grader could "
                                                   "check; self-reported 1/1 scores 0 (the superuser did not choose "
                                                   "to trust it)")
