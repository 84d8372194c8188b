"""The practice CRM's screens in the trainee's language: labels, choices, stored values and confirmations
translated, right to left in Arabic and Persian with ids and dates kept left to right, stored values unchanged."""

from __future__ import annotations

import html

import pytest

from workbench.i18n.language import use_language
from workbench.practice import sandbox, tiny_dataset
from workbench.widgets.practice import (
    AccessScreen,
    ConsentScreen,
    ConvertLeadScreen,
    LogActivityScreen,
    MoveDealScreen,
    RecordView,
    TodoScreen,
)


@pytest.fixture
def db():
    return sandbox(tiny_dataset())


def test_logging_a_call_in_arabic_is_said_right_to_left_and_stores_the_english_type(db, english_words_left):
    with use_language("ar"):
        s = LogActivityScreen(db, contact_id="C001")
        s.subject.value = "Quote"
        s.follow.value = True
        s.due.value = db.today.date()
        key = s.submit()
    assert [label for label, _ in s.type.options][:2] == ["مكالمة", "بريد إلكتروني"]
    assert s.due.text.description == "موعده في" and s.reminder.text.placeholder in ("يوم/شهر/سنة", "شهر/يوم/سنة",
                                                                                         "سنة-شهر-يوم")
    page = s.message.value
    assert 'lang="ar" dir="rtl"' in page and "تم التسجيل: مكالمة" in page
    assert f"<bdi>{key}</bdi>" in page  # the id stays left to right inside the Arabic sentence
    assert english_words_left(page) == []
    assert db.row("activities", key)["type"] == "call"


def test_the_to_do_list_in_bengali_names_weekdays_and_types_in_bengali(db, english_words_left):
    with use_language("bn"):
        s = TodoScreen(db)
        s.day.value = db.today.date().replace(year=db.today.year + 1)
        items = [label for label, _ in s.items.options]
        reminders = s.reminders.value
    people = [f"{r['first_name']} {r['last_name']}" for r in db.query("SELECT * FROM contacts").to_dict("records")]
    assert items and all(english_words_left(item, "Visit", *people) == [] for item in items)
    assert "মিটিং" in " ".join(items) and "বৃহস্পতি" in " ".join(items)  # Thursday, as Bengali writes it
    assert english_words_left(reminders, "Visit", *people) == []


def test_moving_a_deal_in_french_offers_french_stage_names_and_keeps_the_stored_one(db):
    with use_language("fr"):
        s = MoveDealScreen(db, "O002")
        assert ("Négociation", "Negotiation") in s.stage.options
        s.stage.value = "Negotiation"
        s.next_step.value = "Envoyer le contrat vendredi"
        row = s.submit()
    assert row["stage"] == "Negotiation"
    assert "est maintenant à l'étape Négociation (80 %)." in html.unescape(s.message.value)
    assert "probabilité à cette étape : 80 %" in s.probability.value


def test_converting_a_lead_in_persian_is_said_in_persian(db, english_words_left):
    with use_language("fa"):
        s = ConvertLeadScreen(db, "L001")
        account = s.account.value
        s.amount.value = "15000"
        s.close_date.value = db.today.date()
        s.submit()
    assert "سرنخ" in account or "حساب" in account
    assert english_words_left(account, "Tabriz Tools") == []
    assert english_words_left(s.message.value) == [] and "اکنون" not in s.message.value


def test_recording_consent_in_arabic_shows_the_table_in_arabic(db, english_words_left):
    with use_language("ar"):
        s = ConsentScreen(db, "C001")
        s.source.value = "phone_call"
        assert s.submit()
    assert "تم التسجيل: الموافقة عبر البريد الإلكتروني، مسحوبة." in s.message.value
    assert "مكالمة هاتفية" in s.current.value and english_words_left(s.current.value, "Nusrat Jahan") == []
    assert ("مسحوبة (revoked)", "revoked") in s.status.options


def test_a_record_view_and_who_sees_what_in_bengali(db, english_words_left):
    with use_language("bn"):
        view = RecordView(db, "contacts", "C001")
        access = AccessScreen(db)
        access.user.value = "U02"
    assert "সম্মতি" in view.consents.value and "কল" in view.timeline.value
    assert english_words_left(view.timeline.value, "Intro call", "Price list", "Visit") == []
    assert english_words_left(access.summary.value, "Paul Martin") == []


def test_the_merge_screen_gives_its_reasons_in_french_and_keeps_the_stored_reason(db):
    from workbench.widgets.practice import MergeScreen

    with use_language("fr"):
        s = MergeScreen(db)
    labels = [label for label, _ in s.pairs.options]
    assert labels and all(label.endswith("· même nom") for label in labels)
    assert db.query("SELECT reason FROM duplicate_candidates")["reason"].tolist() == ["same name"]


def test_a_records_history_in_arabic_names_each_action_and_change_right_to_left(db, english_words_left):
    from workbench.practice import deals, records

    records.update(db, "contacts", "C002", {"title": "Directrice"})
    deals.move(db, "O002", "Negotiation", next_step="Send the offer")
    with use_language("ar"):
        contact, deal = RecordView(db, "contacts", "C002"), RecordView(db, "opportunities", "O002")
        contact.history.click()
        deal.history.click()
    pages = [contact.screen.widget.value, deal.screen.widget.value]
    assert all('dir="rtl"' in page for page in pages)
    assert "تعديل جهة الاتصال" in pages[0] and "تعديل" in pages[0]
    assert "نقل الصفقة إلى مرحلة التفاوض" in pages[1]
    for page in pages:
        table = page[page.index("<table"):]
        assert "edit contact" not in table and "move deal" not in table and ">update<" not in table
    assert db.query("SELECT DISTINCT action FROM audit_log")["action"].tolist()[:2] == ["edit contact",
                                                                                         "move deal to Negotiation"]
