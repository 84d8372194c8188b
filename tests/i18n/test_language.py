"""Choosing the language: WORKBENCH_LANG, a clear error for any other, and the CLI's note for an incomplete one."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.i18n.language import LanguageError, current_language, direction


def test_workbench_lang_names_the_language(monkeypatch):
    for lang in ("en", "fr", "ar", "fa", "bn"):
        monkeypatch.setenv("WORKBENCH_LANG", lang)
        assert current_language() == lang
    assert direction("ar") == direction("fa") == "rtl" and direction("bn") == "ltr"


def test_a_language_the_workbench_does_not_speak_is_refused_with_the_choices(monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "de")
    with pytest.raises(LanguageError, match="choose one of en, fr, ar, fa, bn"):
        current_language()


def test_the_command_line_refuses_it_too_and_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("WORKBENCH_LANG", "klingon")
    assert main(["progress"]) == 2
    err = capsys.readouterr().err
    assert "'klingon' is not a language of the workbench" in err and "Traceback" not in err


def test_a_cli_error_in_french_and_the_note_that_some_text_stays_english(catalogue, monkeypatch, capsys):
    import workbench.i18n

    monkeypatch.setenv("WORKBENCH_LANG", "fr")
    monkeypatch.setattr(workbench.i18n, "COMPLETE", ())
    assert main(["certificate"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("note:") and "English" in err[0]  # a language not declared complete: said once
    assert err[1].startswith("erreur : certificate: --learner, --track, --out manquant. Solution : ")
    assert len(err) == 2


def test_a_language_declared_complete_gets_no_note(catalogue, monkeypatch, capsys):
    monkeypatch.setenv("WORKBENCH_LANG", "fr")
    assert main(["certificate"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("erreur : ") and len(err) == 1
