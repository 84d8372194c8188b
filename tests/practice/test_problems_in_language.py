"""What the practice CRM refuses, said in the trainee's language: every validation problem a screen shows
(activities, consent, deals, leads, merge, users) is a whole sentence from the catalogue, ids kept as they are."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.i18n.language import use_language
from workbench.practice import activities, consent, deals, leads, merge, permissions, sandbox, tiny_dataset
from workbench.practice.records import ValidationError


@pytest.fixture
def db():
    return sandbox(tiny_dataset())


def refused(action) -> dict:
    with pytest.raises(ValidationError) as err:
        action()
    return err.value.problems


def test_activity_problems_in_arabic(db, english_words_left):
    with use_language("ar"):
        past = refused(lambda: activities.follow_up(db, "Call back", "2020-01-01", contact_id="C001"))
        nobody = refused(lambda: activities.follow_up(db, "Call back", db.today.date()))
        key = activities.log(db, "call", "Intro", contact_id="C001")
        done = refused(lambda: activities.complete(db, key))
        reminder = refused(lambda: activities.set_reminder(db, key, db.today))
        bad_day = refused(lambda: activities.next_weekday("2026-07-03", "someday"))
    assert "تاريخ مضى" in past["due_at"] and "حدّد من يخصه النشاط" in nobody["contact_id"]
    assert done["status"] == "هذا النشاط مكتمل بالفعل"
    assert "التذكيرات للأنشطة المجدولة" in reminder["reminder_at"]
    for problem in [*past.values(), *nobody.values(), *done.values(), *reminder.values(), *bad_day.values()]:
        assert english_words_left(problem) == [], problem


def test_an_outbound_email_after_a_withdrawal_is_refused_in_french_in_one_sentence(db, english_runs_left):
    consent.record(db, "C001", "email", "revoked", source="phone_call")
    with use_language("fr"):
        problems = refused(lambda: activities.log(db, "email", "Offer", contact_id="C001"))
    assert problems["type"].startswith("ce contact a retiré son consentement aux e-mails")
    assert "enregistrez un e-mail entrant" in problems["type"]
    assert english_runs_left(problems["type"]) == []


def test_consent_deal_lead_and_merge_problems_in_bengali(db, english_words_left):
    with use_language("bn"):
        sms = refused(lambda: consent.record(db, "C003", "sms", "granted", source=""))
        step = refused(lambda: deals.move(db, "O001", "Proposal", next_step=""))
        leads.convert(db, "L001")
        again = refused(lambda: leads.convert(db, "L001"))
        same = refused(lambda: merge.merge_contacts(db, "C001", "C001"))
        with pytest.raises(InputError) as who:
            permissions.role(db, "U99")
    assert sms["channel"] == "এই পরিচিতির কোনো ফোন নম্বর নেই: SMS অপ্ট-ইন নথিভুক্ত করার আগে একটি যোগ করুন"
    assert "আপনার প্রমাণ" in sms["source"]
    assert "পরবর্তী পদক্ষেপ" in step["next_step"] and "আগেই" in again["status"]
    assert same["remove"] == "একত্র করার জন্য দুটি আলাদা রেকর্ড বেছে নিন"
    for problem in [*sms.values(), *step.values(), *again.values(), *same.values()]:
        assert english_words_left(problem, "SMS", "phone_call", "web_form") == [], problem
    assert "U99" in str(who.value) and "U01, U02" in str(who.value)
    assert english_words_left(str(who.value), "U99", "CRM") == []


def test_stored_values_stay_english_whatever_the_language(db):
    with use_language("fa"):
        key = activities.log(db, "meeting", "Visit", contact_id="C002")
    assert db.row("activities", key)["type"] == "meeting"


def test_a_forms_format_and_channel_problems_in_arabic(english_words_left):
    from workbench.data import rules

    with use_language("ar"):
        email = rules.format_problem("email", "ali@")
        field, channel = rules.channel_problem("sms", email="ali@rezaei.example", phone=None)
    assert email.startswith("'ali@' ليس عنوان بريد إلكتروني")
    assert field == "phone" and channel == "القناة المفضلة هي «الرسائل القصيرة»: أدخل رقم هاتف أو اختر قناة أخرى"
    assert english_words_left(email, "name@domain.tld", "amina.rahman@example.com") == []


def test_a_missing_record_and_a_changed_id_are_said_in_french_and_persian(db, english_words_left):
    from workbench.practice import records

    with use_language("fr"), pytest.raises(InputError) as missing:
        records.get(db, "opportunities", "O999")
    assert missing.value.what == "il n'y a pas d'affaire 'O999'"
    with use_language("fa"), pytest.raises(ValidationError) as changed:
        records.update(db, "contacts", "C002", {"contact_id": "C777"})
    assert "شناسهٔ یک رکورد قابل تغییر نیست" in str(changed.value)
    assert english_words_left(str(changed.value), "C002", "C777", "contact_id") == []
