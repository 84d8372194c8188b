"""The grader's notes are recorded as codes and worded in the language of the page that shows them."""

import re

import pytest

from workbench.i18n.language import use_language
from workbench.sessions.diagnostics import MESSAGES, describe, describe_all, note


@pytest.mark.parametrize(("lang", "worded"), [
    ("fr", "le notebook a dépassé son temps limite (20 s)"),
    ("ar", "تجاوز الدفتر الوقت المسموح له (\u206620\u2069 ثانية)"),
    ("bn", "নোটবুকটি তার সময়সীমা (20 সেকেন্ড) পেরিয়ে গেছে"),
])
def test_a_note_is_worded_in_the_language_in_force(lang, worded, english_runs_left):
    recorded = note("notebook-timeout", seconds=20.0)
    assert recorded == {"code": "notebook-timeout", "seconds": "20"}  # what the runner writes: no sentence
    with use_language(lang):
        text = describe(recorded)
    assert text == worded and english_runs_left(text) == []


def test_every_code_is_worded_in_every_language_without_english(english_runs_left):
    for lang in ("fr", "ar", "fa", "bn"):
        with use_language(lang):
            for code, message in MESSAGES.items():
                fields = dict.fromkeys(re.findall(r"\{(\w+)\}", message), "x")
                text = describe(note(code, **fields))
                assert english_runs_left(text) == [], (lang, code, text)


def test_a_path_keeps_its_order_in_right_to_left_text():
    with use_language("fa"):
        text = describe(note("symlink-left-out", path="amina/.workbench/progress"))
    assert text.startswith("\u2066amina/.workbench/progress\u2069 ")


def test_a_forged_note_never_chooses_the_message(english_runs_left):
    """A runner's result file sits where the hand-in's code could rewrite it: only known codes are worded,
    a parameter is shown as text (never read as a template) and a note lacking a field says so."""
    with use_language("fr"):
        assert describe({"code": "you passed"}) == "le correcteur a relevé un problème qu'il ne sait pas décrire"
        assert describe({"code": ["kernel-died"]}) == describe({"code": "you passed"})
        assert describe({"code": "runner-failed"}) == describe({"code": "you passed"})  # its {error} is missing
        shown = describe({"code": "runner-failed", "error": "{0.__class__} " + "x" * 1000})
    assert shown.startswith("l'exécution du notebook a échoué : {0.__class__} x") and len(shown) < 400
    assert describe_all([note("kernel-died"), "already worded"]).endswith("; already worded")
    with pytest.raises(KeyError):
        note("no-such-code")
