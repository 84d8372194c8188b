"""Activities and consent in the practice CRM: log, follow up, remind, to-do list, consent rules."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.practice import activities, consent
from workbench.practice.records import ValidationError


def test_log_records_a_completed_activity_with_the_account_filled_in(db):
    key = activities.log(db, "call", "Intro", contact_id="C002", outcome="wants a demo", at="2026-06-29 15:00")
    row = db.row("activities", key)
    assert (row["status"], row["account_id"], row["completed_at"], row["direction"]) == (
        "completed", "A002", "2026-06-29 15:00:00", "outbound")
    assert row["owner_id"] == db.user_id
    assert activities.log(db, "meeting", "Visit", opportunity_id="O001") and \
        db.query("SELECT account_id FROM activities WHERE subject = 'Visit' AND status = 'completed'")[
            "account_id"].tolist() == ["A001"]


@pytest.mark.parametrize("kwargs, field, words", [
    ({"type": "fax", "subject": "x", "contact_id": "C001"}, "type", "not an activity type"),
    ({"type": "call", "subject": "", "contact_id": "C001"}, "subject", "required"),
    ({"type": "call", "subject": "x"}, "contact_id", "say who the activity is about"),
    ({"type": "call", "subject": "x", "contact_id": "C999"}, "contact_id", "there is no contact"),
    ({"type": "call", "subject": "x", "contact_id": "C001", "at": "2026-07-30 10:00"}, "completed_at",
     "already happened"),
])
def test_log_rules(db, kwargs, field, words):
    with pytest.raises(ValidationError) as err:
        activities.log(db, kwargs.pop("type"), kwargs.pop("subject"), **kwargs)
    assert words in err.value.problems[field]


def test_emailing_someone_who_withdrew_consent_is_refused_but_their_email_can_be_logged(db):
    consent.record(db, "C001", "email", "revoked", source="phone_call")
    with pytest.raises(ValidationError, match="withdrew consent"):
        activities.log(db, "email", "Newsletter", contact_id="C001")
    assert activities.log(db, "email", "Their question", contact_id="C001", direction="inbound")


def test_follow_up_rules_and_the_to_do_list(db):
    friday = activities.next_weekday(db.today, "friday")
    assert friday == pd.Timestamp("2026-07-03")
    with pytest.raises(ValidationError, match="in the past"):
        activities.follow_up(db, "late", "2026-06-01", contact_id="C001")
    with pytest.raises(ValidationError, match="reminder comes after"):
        activities.follow_up(db, "x", friday, contact_id="C001", reminder=friday + pd.Timedelta(days=1))
    with pytest.raises(ValidationError, match="required"):
        activities.follow_up(db, "x", None, contact_id="C001")
    key = activities.follow_up(db, "Send quote", friday, contact_id="C001", reminder="2026-07-02")
    row = db.row("activities", key)
    assert (row["status"], row["due_at"], row["reminder_at"]) == ("planned", "2026-07-03 09:00:00",
                                                                  "2026-07-02 08:00:00")
    today = activities.todo(db)
    assert today.empty
    week = activities.todo(db, friday)
    assert week["subject"].tolist() == ["Visit", "Send quote"] and not week["overdue"].any()
    later = activities.todo(db, "2026-07-10")
    assert not later["overdue"].any() and later["contact"].tolist() == ["Claire Dupont", "Nusrat Jahan"]
    db.conn.execute("UPDATE activities SET due_at = '2026-06-25 10:00:00' WHERE activity_id = 'ACT0003'")
    assert activities.todo(db)[["subject", "overdue"]].values.tolist() == [["Visit", True]]
    assert activities.reminders(db, "2026-07-01 12:00")["subject"].tolist() == ["Visit"]
    assert activities.reminders(db, "2026-07-02 08:00")["subject"].tolist() == ["Visit", "Send quote"]


def test_set_reminder_and_complete(db):
    activities.set_reminder(db, "ACT0003", "2026-07-01 16:00")
    assert db.row("activities", "ACT0003")["reminder_at"] == "2026-07-01 16:00:00"
    with pytest.raises(ValidationError, match="after the due time"):
        activities.set_reminder(db, "ACT0003", "2026-07-05")
    activities.complete(db, "ACT0003", outcome="went well", at="2026-06-30 11:00")
    row = db.row("activities", "ACT0003")
    assert (row["status"], row["outcome"]) == ("completed", "went well")
    with pytest.raises(ValidationError, match="already completed"):
        activities.complete(db, "ACT0003")
    with pytest.raises(ValidationError, match="already done"):
        activities.set_reminder(db, "ACT0003", "2026-07-01")


def test_timeline_is_newest_first_per_record(db):
    activities.log(db, "note", "Prefers mornings", contact_id="C001", at="2026-06-29 18:00")
    line = activities.timeline(db, contact_id="C001")
    assert line["subject"].tolist() == ["Prefers mornings", "Intro call"]
    assert activities.timeline(db, account_id="A001")["subject"].tolist()[:2] == ["Prefers mornings", "Price list"]
    assert activities.timeline(db, contact_id="C004").empty
    with pytest.raises(ValidationError):
        activities.timeline(db)


def test_next_weekday():
    assert activities.next_weekday("2026-06-30", 0) == pd.Timestamp("2026-07-06")
    with pytest.raises(ValidationError, match="not a day"):
        activities.next_weekday("2026-06-30", "someday")


@pytest.mark.parametrize("kwargs, field, words", [
    ({"channel": "fax", "status": "revoked", "source": "phone_call"}, "channel", "not a channel"),
    ({"channel": "email", "status": "maybe", "source": "phone_call"}, "status", "granted or revoked"),
    ({"channel": "email", "status": "revoked", "source": ""}, "source", "your proof"),
    ({"channel": "email", "status": "revoked", "source": "web_form", "at": "2027-01-01"}, "at", "future"),
])
def test_consent_rules(db, kwargs, field, words):
    with pytest.raises(ValidationError) as err:
        consent.record(db, "C001", **kwargs)
    assert words in err.value.problems[field]


def test_a_channel_needs_an_address_before_an_opt_in(db):
    with pytest.raises(ValidationError, match="no phone number"):
        consent.record(db, "C003", "sms", "granted", source="web_form")
    consent.record(db, "C003", "email", "granted", source="web_form", wording_version="v2")
    assert consent.allowed(db, "C003", "email") is True


def test_the_newest_consent_wins_and_the_log_only_grows(db):
    consent.record(db, "C002", "email", "revoked", source="phone_call", at="2026-06-01 10:00:00")
    consent.record(db, "C002", "email", "granted", source="web_form", at="2026-06-20 10:00:00")
    now = consent.status(db, "C002")
    assert now[["channel", "status", "source"]].values.tolist() == [["email", "granted", "web_form"]]
    assert len(db.query("SELECT * FROM consents WHERE contact_id = 'C002'")) == 3
