"""Records in the practice CRM: every validation rule, the duplicate warning, search and edits."""

from __future__ import annotations

import pytest

from workbench.practice import records
from workbench.practice.records import PossibleDuplicate, ValidationError

GOOD = {"first_name": "Ali", "last_name": "Rezaei", "email": "ali@rezaei.example", "phone": "+98 912 555 0000"}


@pytest.mark.parametrize("table, values, field, words", [
    ("contacts", {"first_name": "Ali"}, "last_name", "required"),
    ("contacts", {**GOOD, "email": "ali@rezaei"}, "email", "not an email address"),
    ("contacts", {**GOOD, "phone": "call me"}, "phone", "not a phone number"),
    ("contacts", {**GOOD, "lifecycle_stage": "friend"}, "lifecycle_stage", "not allowed"),
    ("contacts", {**GOOD, "max_msgs_per_week": "two"}, "max_msgs_per_week", "not a whole number"),
    ("contacts", {**GOOD, "max_msgs_per_week": -1}, "max_msgs_per_week", "negative"),
    ("contacts", {**GOOD, "account_id": "A999"}, "account_id", "there is no account"),
    ("contacts", {**GOOD, "email": None, "preferred_channel": "email"}, "email", "preferred channel is email"),
    ("contacts", {**GOOD, "phone": None, "preferred_channel": "sms"}, "phone", "preferred channel is sms"),
    ("contacts", {**GOOD, "shoe_size": 42}, "shoe_size", "no field"),
    ("accounts", {"name": "Nile Foods", "country": "EG"}, "industry", "required"),
    ("accounts", {"name": "Nile Foods", "industry": "food", "country": "EG", "employees": 1.5}, "employees",
     "whole number"),
    ("leads", {"name": "Omar", "company": "X", "fit_score": 140}, "fit_score", "percentage"),
    ("leads", {"name": "Omar", "company": "X", "email": "omar at x"}, "email", "not an email"),
    ("leads", {"name": "Omar", "company": "X", "status": "converted"}, "status", "use Convert lead"),
    ("opportunities", {"name": "Deal", "account_id": "A001", "amount": "lots", "close_date": "2026-09-30"},
     "amount", "not a number"),
    ("opportunities", {"name": "Deal", "account_id": "A001", "amount": 10, "close_date": "31/09/2026"},
     "close_date", "not a date"),
    ("opportunities", {"name": "Deal", "account_id": "A001", "amount": 10}, "close_date", "required"),
])
def test_each_rule_names_the_field_and_nothing_is_written(db, table, values, field, words):
    before = len(db.query(f"SELECT * FROM {table}"))
    assert words in records.validate(db, table, values)[field]
    with pytest.raises(ValidationError) as err:
        records.create(db, table, values)
    assert words in err.value.problems[field]
    assert "Fix: correct the fields marked" in str(err.value)
    assert len(db.query(f"SELECT * FROM {table}")) == before


def test_a_valid_contact_is_created_with_defaults_and_a_continued_key(db):
    key = records.create(db, "contacts", {**GOOD, "account_id": "A002", "preferred_channel": "sms"})
    row = records.get(db, "contacts", key)
    assert key == "C005"
    assert (row["lifecycle_stage"], row["created_at"], row["account_id"]) == ("lead", "2026-06-30", "A002")
    assert records.validate(db, "contacts", GOOD) == {}


def test_new_keys_continue_the_numbering_of_each_table(db):
    assert records.new_key(db, "activities") == "ACT0004"
    assert records.new_key(db, "accounts") == "A003"
    key = records.create(db, "accounts", {"name": "Nile Foods", "industry": "food", "country": "EG"})
    assert key == "A003" and db.row("accounts", key)["owner_id"] == db.user_id


@pytest.mark.parametrize("values, reason", [
    ({"first_name": "Nusrat", "last_name": "Jahan"}, "same name"),
    ({"first_name": "Nusrat", "last_name": "Jahaan"}, "similar name"),
    ({"first_name": "Someone", "last_name": "Else", "email": "CLAIRE.DUPONT@lumiere.example"}, "same email"),
    ({"first_name": "Someone", "last_name": "Else", "phone": "06 12 34 56 78"}, "same phone"),
])
def test_a_likely_duplicate_is_flagged_at_entry_with_its_matches(db, values, reason):
    with pytest.raises(PossibleDuplicate) as err:
        records.create(db, "contacts", values)
    assert reason in set(err.value.matches["reason"])
    assert "allow_duplicate=True" in str(err.value)
    key = records.create(db, "contacts", values, allow_duplicate=True)
    assert db.row("contacts", key) is not None


def test_accounts_and_leads_get_the_duplicate_warning_too(db):
    with pytest.raises(PossibleDuplicate, match="Lumière SA"):
        records.create(db, "accounts", {"name": "Lumiere S.A.", "industry": "retail", "country": "FR"})
    with pytest.raises(PossibleDuplicate, match="Leila Ahmadi"):
        records.create(db, "leads", {"name": "Leila Ahmady", "company": "Other"})


def test_unrelated_names_are_not_duplicates(db):
    assert records.likely_duplicates(db, "contacts", {"first_name": "Reza", "last_name": "Dupond-Moretti"}).empty


def test_update_checks_the_changes_and_keeps_the_rest(db):
    with pytest.raises(ValidationError, match="email"):
        records.update(db, "contacts", "C002", {"email": "nope"})
    with pytest.raises(ValidationError, match="id cannot change"):
        records.update(db, "contacts", "C002", {"contact_id": "C999"})
    with pytest.raises(ValidationError, match="required"):
        records.update(db, "contacts", "C002", {"last_name": ""})
    with pytest.raises(ValidationError, match="preferred channel is phone"):
        records.update(db, "contacts", "C002", {"phone": None})
    saved = records.update(db, "contacts", "C002", {"title": "Directrice générale"})
    assert saved["title"] == "Directrice générale" and saved["email"] == "claire.dupont@lumiere.example"
    with pytest.raises(Exception, match="no contact 'C999'"):
        records.update(db, "contacts", "C999", {"title": "x"})


def test_a_record_that_already_breaks_the_channel_rule_can_be_edited_and_is_checked_when_it_is_touched(db):
    with db.transaction("dirty data"):
        db.conn.execute("UPDATE contacts SET preferred_channel = 'sms', phone = NULL WHERE contact_id = 'C003'")
    assert records.update(db, "contacts", "C003", {"title": "Head buyer"})["title"] == "Head buyer"
    with pytest.raises(ValidationError, match="preferred channel is sms"):
        records.update(db, "contacts", "C003", {"email": "nusrat@dhakatex.example"})
    fixed = records.update(db, "contacts", "C003", {"phone": "+880 1711 000222"})
    assert fixed["phone"] == "+880 1711 000222"


def test_an_edit_that_makes_a_record_look_like_another_gets_the_duplicate_warning(db):
    with pytest.raises(PossibleDuplicate) as err:
        records.update(db, "contacts", "C004", {"phone": "06 12 34 56 78"})
    assert err.value.matches["key"].tolist() == ["C002"] and "same phone" in str(err.value)
    assert db.row("contacts", "C004")["phone"] == "+98 912 000 1111"  # nothing saved
    with pytest.raises(PossibleDuplicate, match="Leila Ahmadi"):
        records.update(db, "leads", "L002", {"name": "Leila Ahmady"})
    # a record's old look-alikes are not named again, and other edits are not held up
    assert records.update(db, "contacts", "C003", {"title": "Head buyer", "email": "nj@dhakatex.example"})
    saved = records.update(db, "contacts", "C004", {"phone": "06 12 34 56 78"}, allow_duplicate=True)
    assert saved["phone"] == "06 12 34 56 78"


def test_an_edit_that_changes_nothing_writes_nothing(db):
    from workbench.practice import audit

    records.update(db, "contacts", "C002", dict(db.row("contacts", "C002")))
    assert audit.history(db).empty


def test_search_ignores_case_and_accents_and_needs_every_word(db):
    assert records.search(db, "accounts", "lumiere")["account_id"].tolist() == ["A002"]
    assert records.search(db, "contacts", "NUSRAT jahan")["contact_id"].tolist() == ["C001", "C003"]
    assert records.search(db, "contacts", "nusrat dupont").empty
    assert records.search(db, "contacts", "C004")["last_name"].tolist() == ["Karimi"]
    assert len(records.search(db, "contacts")) == 4
    assert records.search(db, "opportunities", "proposal")["opportunity_id"].tolist() == ["O002"]
    assert records.search(db, "leads", "tabriz")["lead_id"].tolist() == ["L001"]


def test_unknown_tables_are_refused_with_the_list(db):
    with pytest.raises(Exception, match="use one of: contacts, accounts, leads, opportunities"):
        records.search(db, "users", "x")


def test_search_and_duplicate_indexes_follow_changes_from_any_notebook_and_resets(db):
    from workbench import practice

    other = practice.open(trainee="tester")
    assert records.search(db, "contacts", "rezaei").empty
    assert records.likely_duplicates(db, "contacts", {"first_name": "Ali", "last_name": "Rezaei"}).empty
    key = records.create(other, "contacts", GOOD)
    assert records.search(db, "contacts", "rezaei")["contact_id"].tolist() == [key]
    assert records.likely_duplicates(db, "contacts", {"email": "ALI@rezaei.example"})["key"].tolist() == [key]
    records.update(other, "contacts", key, {"last_name": "Tehrani", "email": "ali@tehrani.example"})
    assert records.search(db, "contacts", "rezaei").empty
    assert records.search(db, "contacts", "tehrani")["contact_id"].tolist() == [key]
    assert records.likely_duplicates(db, "contacts", {"email": "ali@rezaei.example"}).empty
    practice.reset(other, confirm=True)
    assert records.search(db, "contacts", "tehrani").empty
    other.close()
