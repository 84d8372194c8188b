"""The contact explorer: its search index, and the widget driven through its state as a trainee would."""

from types import SimpleNamespace

import pandas as pd
import pytest

from workbench.crm.search import ContactIndex, search_contacts
from workbench.errors import InputError
from workbench.text import search_key
from workbench.widgets.contacts import ContactExplorer, contact_explorer


@pytest.fixture
def tables():
    contacts = pd.DataFrame({
        "contact_id": ["C1", "C2", "C3", "C4", "C5"],
        "account_id": ["A1", "A2", "A1", None, "A2"],
        "first_name": ["Nusrat", "Élodie", "Omar", "Karim", "Amina"],
        "last_name": ["Jahan", "Dupont-Dürr", "Haddad", "Rahman", "Jahan"],
        "email": ["nj@acme.test", "elodie@dupont.test", None, "karim@x.test", "amina@acme.test"],
        "phone": ["+880 1711-000111", None, "+33 6 12 34 56 78", None, None],
        "city": ["Dhaka", "Lyon", "Paris", "كرج", "Dhaka"],
        "lifecycle_stage": ["lead", "customer", "customer", "lead", "customer"],
        "country": ["Bangladesh", "France", "France", "Iran", "Bangladesh"]})
    accounts = pd.DataFrame({"account_id": ["A1", "A2"], "name": ["Rajshahi Agro", "Lumière SA"]})
    consents = pd.DataFrame({"contact_id": ["C2", "C2", "C1"], "channel": ["email", "email", "sms"],
                             "status": ["granted", "revoked", "granted"],
                             "at": ["2025-01-01 09:00", "2025-04-01 10:00", "2025-02-01 08:00"]})
    activities = pd.DataFrame({
        "activity_id": ["A1", "A2", "A3"], "type": ["call", "email", "meeting"],
        "subject": ["Renewal", "Quote sent", "Demo"], "status": ["completed", "completed", "planned"],
        "contact_id": ["C2", "C2", "C1"], "owner_id": ["U1", "U1", "U2"],
        "due_at": ["2025-05-02 09:00", "2025-05-09 09:00", "2025-06-01 10:00"],
        "completed_at": ["2025-05-02 09:20", "2025-05-09 09:05", None]})
    return contacts, consents, activities, accounts


def test_search_key_drops_case_accents_and_punctuation():
    assert search_key(["Dupont-Dürr", "NJ@Acme.test", "  Ève  "]) == ["dupont durr", "nj acme test", "eve"]
    assert search_key(["كريم", "علي"]) == ["کریم", "علی"]  # Arabic and Persian spellings meet
    assert search_key([None, float("nan"), 42]) == ["", "", "42"]
    assert search_key(["a\x00b", "c"]) == ["a b", "c"]  # a value holding the separator does not split
    assert search_key([]) == []


def test_index_finds_every_word_in_any_column(tables):
    contacts, *_ = tables
    index = ContactIndex(contacts)
    assert index.search("jahan").tolist() == [0, 4]
    assert index.search("JAHAN dhaka nusrat").tolist() == [0]
    assert index.search("elodie durr").tolist() == [1]   # accents and hyphens do not matter
    assert index.search("1711 000111").tolist() == [0]  # nor how a phone number is written
    assert index.search("کرج").tolist() == [3]          # typed with the Persian keyboard
    assert index.search("nobody").tolist() == []
    assert index.search("").tolist() == [0, 1, 2, 3, 4]


def test_index_filters_combine_with_the_search(tables):
    contacts, *_ = tables
    index = ContactIndex(contacts)
    assert index.search("", lifecycle_stage="customer").tolist() == [1, 2, 4]
    assert index.search("jahan", lifecycle_stage="customer", country="Bangladesh").tolist() == [4]
    assert index.search("", country="(any)", lifecycle_stage=None).tolist() == [0, 1, 2, 3, 4]
    assert index.search("", country="Narnia").tolist() == []
    with pytest.raises(InputError, match="title"):
        index.search("", title="CEO")
    with pytest.raises(InputError, match="query must be text"):
        index.search(42)


def test_search_contacts_returns_the_rows(tables):
    contacts, *_ = tables
    assert search_contacts(contacts, "acme")["contact_id"].tolist() == ["C1", "C5"]
    index = ContactIndex(contacts)
    assert search_contacts(contacts, "paris", index=index)["first_name"].tolist() == ["Omar"]
    with pytest.raises(InputError, match="contact_id"):
        search_contacts(contacts.drop(columns="contact_id"), "x")


def test_explorer_searches_by_account_name_and_opens_the_first_match(tables):
    ex = ContactExplorer(*tables)
    assert not ex.search.continuous_update  # answers on Enter, not at every keystroke
    ex.search.value = "lumiere"
    assert ex.matches["contact_id"].tolist() == ["C2", "C5"]
    assert ex.results.value == "C2"
    assert "Lumière SA" in ex.results.options[0][0]
    assert "Dupont-Dürr" in ex.detail.value


def test_explorer_shows_consent_in_force_history_and_timeline(tables):
    ex = ContactExplorer(*tables)
    ex.results.value = "C2"
    detail = ex.detail.value
    consent_in_force = detail.split("<h4>Consent in force</h4>")[1].split("<details>")[0]
    assert "revoked" in consent_in_force and "granted" not in consent_in_force
    history = detail.split("<summary>Consent history</summary>")[1].split("</details>")[0]
    assert history.index("revoked") < history.index("granted")  # newest first
    timeline = detail.split("Timeline (newest first)")[1]
    assert timeline.index("Quote sent") < timeline.index("Renewal")
    card = ex.card("C2")
    assert card["consents"]["status"].tolist() == ["revoked"]
    assert card["timeline"]["activity_id"].tolist() == ["A2", "A1"]


def test_a_contact_with_no_consent_or_activity_says_so(tables):
    ex = ContactExplorer(*tables)
    ex.results.value = "C3"
    assert "No consent recorded" in ex.detail.value
    assert "No activity logged" in ex.detail.value


def test_filters_and_pages(tables):
    ex = ContactExplorer(*tables, page_size=2)
    assert "Showing 1–2 of 5 contacts" in ex.count.value and ex.previous.disabled and not ex.next.disabled
    ex.next.click()
    assert [v for _, v in ex.results.options] == ["C3", "C4"] and not ex.previous.disabled
    ex.next.click()
    assert [v for _, v in ex.results.options] == ["C5"] and ex.next.disabled
    ex.next.click()  # past the last page: stays there
    assert "Showing 5–5 of 5" in ex.count.value
    ex.filters["lifecycle_stage"].value = "customer"  # a new filter goes back to the first page
    assert [v for _, v in ex.results.options] == ["C2", "C3"] and ex.page == 0
    ex.filters["country"].value = "France"
    ex.search.value = "omar"
    assert [v for _, v in ex.results.options] == ["C3"] and ex.next.disabled
    ex.filters["country"].value = "Iran"
    assert ex.results.options == () and "No contact matches" in ex.detail.value
    assert "No contacts to show" in ex.count.value
    assert list(ex.filters) == ["lifecycle_stage", "country"]
    assert ex.filters["country"].options[0] == "(any)"


def test_duplicate_ids_open_the_first_and_unknown_ids_are_refused(tables):
    contacts, consents, activities, accounts = tables
    doubled = pd.concat([contacts, contacts.iloc[[0]].assign(first_name="Copy")], ignore_index=True)
    ex = ContactExplorer(doubled, consents, activities, accounts)
    assert ex.card("C1")["record"]["first_name"] == "Nusrat"
    with pytest.raises(InputError, match="no contact with id 'C9'"):
        ex.card("C9")


def test_contacts_alone_are_enough(tables):
    contacts, *_ = tables
    ex = ContactExplorer(contacts[["contact_id", "first_name"]])
    assert ex.results.value == "C1" and "Consent" not in ex.detail.value and "Timeline" not in ex.detail.value


def test_bad_input(tables):
    contacts, consents, _, accounts = tables
    with pytest.raises(InputError, match="page_size"):
        ContactExplorer(contacts, page_size=0)
    with pytest.raises(InputError, match="contact_id"):
        ContactExplorer(contacts, consents.drop(columns="contact_id"))
    with pytest.raises(InputError, match="name"):
        ContactExplorer(contacts, accounts=accounts.drop(columns="name"))
    with pytest.raises(InputError, match="Dataset"):
        contact_explorer(SimpleNamespace(tables={}))


def test_contact_explorer_takes_a_dataset(tables):
    contacts, consents, activities, accounts = tables
    data = SimpleNamespace(tables={"contacts": contacts, "consents": consents, "activities": activities,
                                   "accounts": accounts})
    widget = contact_explorer(data, page_size=3)
    count, results = widget.children[0].children[3:5]
    assert "Showing 1–3 of 5 contacts" in count.value and len(results.options) == 3


def test_the_explorer_speaks_bengali_and_arabic_right_to_left(tables, english_left):
    from workbench.i18n.language import use_language

    for lang, heading, count in (("bn", "বর্তমান সম্মতি", "দেখানো হচ্ছে"), ("ar", "الموافقة السارية", "عرض جهات الاتصال")):
        with use_language(lang):
            ex = ContactExplorer(*tables[:3], tables[3])
            ex.search.value = "elodie"
            detail, counted = ex.detail.value, ex.count.value
            ex.search.value = "nobody at all"
            empty = ex.detail.value
        direction = "rtl" if lang == "ar" else "ltr"
        assert detail.startswith(f'<div lang="{lang}" dir="{direction}">') and heading in detail
        assert count in counted and "Lumière SA" in detail
        for markup in (detail, counted, empty):
            assert english_left(markup) == [], (lang, markup)
