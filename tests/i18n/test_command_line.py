"""argparse in the user's language: its words from the workbench's catalogue, only while a workbench parser works."""

from __future__ import annotations

import argparse

import pytest

from workbench.i18n.command_line import ARGPARSE_WORDS, ArgumentParser, argparse_in_language
from workbench.i18n.language import use_language


def parser() -> ArgumentParser:
    top = ArgumentParser(prog="workbench")
    sub = top.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan")
    plan.add_argument("--out", required=True)
    plan.add_argument("--jobs", type=int)
    return top


@pytest.mark.parametrize("lang, words", [
    ("fr", ["workbench plan\u00a0: erreur\u00a0:", "valeur non valide pour le type int\u00a0: 'many'"]),
    ("fa", ["workbench plan: خطا:", "مقدار نامعتبر برای نوع int: 'many'"]),
    ("ar", ["workbench plan: خطأ:", "قيمة غير صالحة للنوع int: 'many'"]),
])
def test_a_bad_value_is_told_in_the_language(capsys, lang, words):
    with use_language(lang), pytest.raises(SystemExit):
        parser().parse_args(["plan", "--out", "x", "--jobs", "many"])
    err = capsys.readouterr().err
    assert all(word in err for word in words), err
    assert "error" not in err and "invalid" not in err


def test_a_missing_sub_command_is_named_by_its_choices_not_its_variable(capsys):
    with use_language("fa"), pytest.raises(SystemExit):
        parser().parse_args([])
    err = capsys.readouterr().err
    assert "این آرگومان‌ها لازم‌اند: {plan}" in err and "command" not in err


def test_argparse_is_itself_again_outside_a_workbench_parser(capsys):
    with use_language("fr"):
        parser().format_help()
        plain = argparse.ArgumentParser(prog="other")
        assert "usage: other" in plain.format_usage()
        with argparse_in_language():
            assert argparse._("usage: ") == "utilisation\u00a0: "
        assert argparse._("usage: ") == "usage: "


@pytest.mark.parametrize("lang", ["fr", "ar", "fa", "bn"])
def test_every_argparse_word_is_translated(lang):
    from workbench.i18n.messages import translations

    same = [word for word in ARGPARSE_WORDS if translations(lang).gettext(word) == word]
    assert same == (["options"] if lang == "fr" else [])  # French writes "options" as English does
