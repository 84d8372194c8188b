"""The package's messages in the trainee's language: switching, fallback, lists, plurals, a wrong answer's message and hint."""

from __future__ import annotations

from workbench.exercises import Context, check
from workbench.i18n.language import set_language, use_language
from workbench.i18n.messages import _, joined, ngettext


def test_the_language_switches_inside_one_process(catalogue):
    assert _("Check") == "Check"
    with use_language("fr"):
        assert _("Check") == "Vérifier"
        with use_language("ar"):
            assert _("Check") == "تحقّق"
        assert _("Check") == "Vérifier"
    set_language("ar")
    try:
        assert _("Check") == "تحقّق"
    finally:
        set_language(None)
    assert _("Check") == "Check"


def test_the_environment_variable_picks_the_language(catalogue, monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "fr")
    assert _("Check") == "Vérifier"


def test_an_entry_not_translated_yet_stays_english(catalogue):
    with use_language("fr"):
        assert _("Next hint:") == "Next hint:"


def test_a_list_is_joined_as_each_language_writes_it():  # the real catalogues
    reasons = ["3 calls", "2 meetings"]
    expected = {"en": "3 calls; 2 meetings", "fr": "3 calls\u202f; 2 meetings", "ar": "3 calls\u061b 2 meetings",
                "fa": "3 calls\u061b 2 meetings", "bn": "3 calls; 2 meetings"}
    for lang, text in expected.items():
        with use_language(lang):
            assert joined(reasons) == text
            assert joined(iter(reasons)) == text and joined([]) == ""


def test_plural_forms_follow_each_language(catalogue):
    with use_language("ar"):
        said = [ngettext("{n} hint", "{n} hints", n).format(n=n) for n in (0, 1, 2, 3, 11, 100)]
    assert said == ["لا تلميحات", "تلميح واحد", "تلميحان", "3 تلميحات", "11 تلميحًا", "100 تلميح"]
    with use_language("fr"):
        assert [ngettext("{n} hint", "{n} hints", n).format(n=n) for n in (1, 2)] == ["1 indice", "2 indices"]


def _wrong_answer(lang):
    ctx = Context()
    accounts = len(ctx.data.accounts)
    with use_language(lang):
        return accounts, check("crm.intro.count-contacts", accounts, ctx=ctx, record=False)


def test_a_wrong_answer_s_message_and_hint_in_french(catalogue):
    accounts, result = _wrong_answer("fr")
    assert result.message == f"{accounts} est le nombre de comptes (les entreprises), pas de personnes."
    assert result.hints == ("Vous avez compté les entreprises : regardez plutôt la table des contacts.",
                            "Comptez les lignes de la table des contacts : une ligne par personne.")
    with use_language("fr"):
        assert result.text().endswith("pas de personnes. Indice : Vous avez compté les entreprises : regardez plutôt la table des contacts.")


def test_a_wrong_answer_s_message_and_hint_in_arabic_right_to_left(catalogue):
    accounts, result = _wrong_answer("ar")
    assert result.message == f"{accounts} هو عدد الحسابات (الشركات)، لا عدد الأشخاص."
    assert result.hint == "لقد عددت الشركات: انظر إلى جدول جهات الاتصال بدلًا من ذلك."
    with use_language("ar"):
        page = result.html()
    assert 'lang="ar" dir="rtl"' in page and "تلميح:" in page


def test_a_right_answer_writes_its_number_as_the_language_does(catalogue):
    ctx = Context()
    contacts = len(ctx.data.contacts)
    with use_language("fr"):
        result = check("crm.intro.count-contacts", contacts, ctx=ctx, record=False)
    assert result.message == "Oui : {} contacts.".format(f"{contacts:,}".replace(",", "\u202f"))


def test_a_stale_compiled_catalogue_is_compiled_again_rather_than_read(catalogue):
    import os

    from workbench.i18n import compile as compiling
    from workbench.i18n import messages

    po, mo = compiling.po_file("fr", catalogue), compiling.mo_file("fr", catalogue)
    compiling.compile_all(catalogue)
    text = po.read_text(encoding="utf-8").replace('msgstr "Vérifier"', 'msgstr "Contrôler"')
    po.write_text(text, encoding="utf-8")
    os.utime(mo, ns=(po.stat().st_mtime_ns - 10**9,) * 2)  # the .mo is older than the .po edited since
    messages.forget()
    with use_language("fr"):
        assert _("Check") == "Contrôler"
    assert list((catalogue / "cache").rglob("fr.mo")), "compiled into the user's cache for the next time"
