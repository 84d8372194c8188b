"""The practice CRM's checks in the trainee's language: stage names, activity types, channels and dates are
translated inside whole sentences, never English words slipped into a translated one."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.exercises import check
from workbench.i18n.language import use_language
from workbench.practice import activities, records, sandbox, tasks, tiny_dataset


@pytest.fixture
def db():
    return sandbox(tiny_dataset())


def _checked(db, task, lang):
    with use_language(lang):
        return check(tasks.exercise_id(task), db, record=False)


def test_a_deal_left_where_it_was_is_said_in_arabic(db, english_words_left):
    p = tasks.params(db, "move-deal-to-negotiation")
    result = _checked(db, "move-deal-to-negotiation", "ar")
    assert result.message == f"الصفقة «{p['name']}» ما زالت في مرحلة العرض."
    assert english_words_left(result.text(), p["name"]) == []


def test_a_deal_moved_to_the_wrong_stage_is_said_in_french(db):
    p = tasks.params(db, "move-deal-to-negotiation")
    records.update(db, "opportunities", p["opportunity_id"], {"stage": "Closed Won"})
    result = _checked(db, "move-deal-to-negotiation", "fr")
    assert result.message == f"L'affaire « {p['name']} » est à l'étape Gagnée."
    assert "Négociation" in result.hints[-1]


def test_a_stage_moved_by_hand_names_the_probability_in_french(db):
    p = tasks.params(db, "move-deal-to-negotiation")
    records.update(db, "opportunities", p["opportunity_id"], {"stage": p["stage"]})
    result = _checked(db, "move-deal-to-negotiation", "fr")
    assert result.message.startswith("L'affaire est à l'étape Négociation, mais sa probabilité est de ")
    assert result.hints[0] == "Regardez la probabilité de l'affaire : elle ne correspond pas à son étape."


def test_a_follow_up_on_the_wrong_day_is_dated_in_bengali(db, english_words_left):
    p = tasks.params(db, "log-call-and-follow-up")
    activities.log(db, "call", "Call", contact_id=p["contact_id"], direction="inbound")
    thursday = pd.Timestamp(p["friday"]) - pd.Timedelta(days=1)
    activities.follow_up(db, "Follow up", thursday, contact_id=p["contact_id"])
    result = _checked(db, "log-call-and-follow-up", "bn")
    assert "বৃহস্পতিবার" in result.message and "শুক্রবার" in result.hints[-1]
    assert english_words_left(result.text(), p["name"]) == []


def test_an_email_logged_instead_of_a_call_names_its_type_in_french(db):
    p = tasks.params(db, "log-call-and-follow-up")
    activities.log(db, "email", "Email", contact_id=p["contact_id"])
    result = _checked(db, "log-call-and-follow-up", "fr")
    assert result.message == f"Vous avez enregistré une activité de type e-mail avec {p['name']}, pas un appel."


def test_consent_recorded_on_the_wrong_channel_names_it_in_arabic(db, english_words_left):
    from workbench.practice import consent

    p = tasks.params(db, "record-consent-revocation")
    consent.record(db, p["contact_id"], "sms", "revoked", source="phone_call")
    result = _checked(db, "record-consent-revocation", "ar")
    assert "الرسائل القصيرة" in result.message
    assert english_words_left(result.text(), p["name"]) == []
