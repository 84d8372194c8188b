"""Leads, deals and duplicate contacts in the practice CRM: convert, move through stages, merge."""

from __future__ import annotations

import pytest

from workbench.data import rules
from workbench.practice import activities, audit, consent, deals, duplicates, leads, merge, records
from workbench.practice.records import PossibleDuplicate, ValidationError

NEW_ACCOUNT = {"industry": "manufacturing", "country": "IR"}


def test_convert_creates_account_contact_and_deal_in_one_step(db):
    out = leads.convert(db, "L001", account=NEW_ACCOUNT, opportunity={"amount": 18000, "close_date": "2026-09-30"})
    account, contact, deal = (db.row(t, out[k]) for t, k in (("accounts", "account_id"), ("contacts", "contact_id"),
                                                              ("opportunities", "opportunity_id")))
    assert account["name"] == "Tabriz Tools"
    assert (contact["first_name"], contact["last_name"], contact["email"], contact["account_id"]) == (
        "Leila", "Ahmadi", "leila@tabriztools.example", account["account_id"])
    assert contact["lifecycle_stage"] == "opportunity"
    assert (deal["stage"], deal["probability"], deal["primary_contact_id"]) == ("Prospecting", 10, out["contact_id"])
    lead = db.row("leads", "L001")
    assert (lead["status"], lead["converted_at"], lead["converted_contact_id"], lead["converted_opportunity_id"]) == (
        "converted", "2026-06-30", out["contact_id"], out["opportunity_id"])
    assert set(audit.history(db)["action"]) == {"convert lead"}
    with pytest.raises(ValidationError, match="already converted"):
        leads.convert(db, "L001")


def test_convert_without_a_deal_and_into_an_existing_account(db):
    records.update(db, "leads", "L002", {"company": "LUMIERE SA", "email": "omar@lumiere.example"})
    out = leads.convert(db, "L002")
    assert out["account_id"] == "A002" and out["opportunity_id"] is None
    assert db.row("contacts", out["contact_id"])["lifecycle_stage"] == "sales_qualified"


def test_a_failed_conversion_writes_nothing(db):
    before = {t: len(db.query(f"SELECT * FROM {t}")) for t in ("accounts", "contacts", "opportunities")}
    with pytest.raises(ValidationError, match="negative"):
        leads.convert(db, "L001", opportunity={"amount": -1, "close_date": "2026-09-30"})
    with pytest.raises(ValidationError, match="close_date"):
        leads.convert(db, "L001", account=NEW_ACCOUNT, opportunity={"amount": 1})
    assert {t: len(db.query(f"SELECT * FROM {t}")) for t in before} == before
    assert db.row("leads", "L001")["status"] == "qualified"


def test_a_lead_that_is_already_a_contact_is_flagged_then_attached(db):
    records.update(db, "leads", "L002", {"name": "Claire Dupont", "company": "Lumière SA",
                                         "email": "claire.dupont@lumiere.example"})
    with pytest.raises(PossibleDuplicate) as err:
        leads.convert(db, "L002")
    assert err.value.matches["key"].iloc[0] == "C002"
    out = leads.convert(db, "L002", contact_id="C002")
    assert out["contact_id"] == "C002" and len(db.query("SELECT * FROM contacts")) == 4


def test_unqualified_leads_are_not_converted(db):
    records.update(db, "leads", "L002", {"status": "unqualified"})
    with pytest.raises(ValidationError, match="unqualified"):
        leads.convert(db, "L002")
    assert leads.open_leads(db)["lead_id"].tolist() == ["L001"]
    assert leads.split_name("Amina") == ("Amina", "")


def test_moving_a_deal_follows_the_stage_table(db):
    row = deals.move(db, "O002", "Negotiation", next_step="Call the CFO on Monday")
    assert (row["stage"], row["probability"], row["is_closed"], row["is_won"], row["next_step"]) == (
        "Negotiation", 80, 0, 0, "Call the CFO on Monday")
    row = deals.move(db, "O002", "closed won")
    assert (row["probability"], row["is_closed"], row["is_won"]) == (100, 1, 1)
    row = deals.move(db, "O001", "Closed Lost", close_date="2026-06-30")
    assert (row["probability"], row["is_won"], row["close_date"]) == (0, 0, "2026-06-30")
    assert deals.open_deals(db).empty
    assert [a for a in audit.history(db)["action"]] == ["move deal to Negotiation", "move deal to Closed Won",
                                                          "move deal to Closed Lost"]


def test_moving_a_deal_keeps_its_next_step_and_needs_one(db):
    assert deals.move(db, "O001", "Proposal")["next_step"] == "demo"
    with pytest.raises(ValidationError, match="next step"):
        deals.move(db, "O002", "Negotiation")
    with pytest.raises(ValidationError, match="next step"):
        deals.move(db, "O001", "Negotiation", next_step="   ")
    with pytest.raises(ValidationError, match="not a stage: use one of Prospecting, Qualification"):
        deals.move(db, "O001", "Won-ish")
    with pytest.raises(ValidationError, match="not a date"):
        deals.move(db, "O001", "Proposal", close_date="soon")
    assert deals.stages(db)["stage"].tolist()[0] == "Prospecting"


def test_create_deal_at_a_chosen_stage(db):
    key = deals.create(db, {"name": "Dhaka - extension", "account_id": "A001", "amount": 5000,
                            "close_date": "2026-12-31", "stage": "proposal"})
    assert (db.row("opportunities", key)["stage"], db.row("opportunities", key)["probability"]) == ("Proposal", 50)


def test_find_duplicates_and_compare(db):
    pairs = merge.find_duplicates(db)
    assert pairs[["keep", "remove", "keep_name"]].values.tolist() == [["C001", "C003", "Nusrat Jahan"]]
    table = merge.compare(db, "C001", "C003").set_index("field")
    assert table.loc["email", "result"] == "nusrat.jahan@dhakatex.example"
    assert table.loc["activities", "result"] == 2


def test_merging_keeps_both_histories_and_the_removed_record(db):
    consent.record(db, "C003", "sms", "revoked", source="phone_call")
    records.update(db, "contacts", "C001", {"city": None})
    db.conn.execute("UPDATE contacts SET city = 'Chittagong' WHERE contact_id = 'C003'")
    kept = merge.merge_contacts(db, keep="C001", remove="C003")
    assert db.row("contacts", "C003") is None
    assert kept["city"] == "Chittagong" and kept["email"] == "nusrat.jahan@dhakatex.example"
    assert set(activities.timeline(db, contact_id="C001")["activity_id"]) == {"ACT0001", "ACT0002"}
    assert set(consent.status(db, "C001")["channel"]) == {"email", "sms"}
    gone = merge.merged(db)
    assert gone[["contact_id", "merged_into"]].values.tolist() == [["C003", "C001"]]
    assert gone["record"].iloc[0]["email"] == "n.jahan@dhakatex.example"
    assert {"merge contacts"} <= set(audit.history(db)["action"])


def test_merge_can_take_fields_from_the_other_record_and_chains(db):
    kept = merge.merge_contacts(db, "C003", "C001", take=["email"])
    assert kept["email"] == "nusrat.jahan@dhakatex.example" and kept["phone"] == "+880 1711 000111"
    assert kept["created_at"] == "2025-01-12"
    assert db.row("opportunities", "O001")["primary_contact_id"] == "C003"
    merge.merge_contacts(db, "C004", "C003", take=[])
    assert merge.merged(db)["merged_into"].tolist() == ["C004", "C004"]


def test_a_pair_that_already_breaks_the_channel_rule_merges_and_says_what_is_left(db):
    # both records of the same person prefer SMS and neither has a phone: the merge makes nothing worse
    with db.transaction("dirty data"):
        db.conn.execute("UPDATE contacts SET preferred_channel = 'sms', phone = NULL "
                        "WHERE contact_id IN ('C001', 'C003')")
    kept = merge.merge_contacts(db, keep="C001", remove="C003")
    assert db.row("contacts", "C003") is None and kept["preferred_channel"] == "sms"
    assert "preferred channel is sms" in rules.record_problems("contacts", kept)["phone"]


def test_a_merge_takes_the_missing_phone_from_the_other_record(db):
    with db.transaction("dirty data"):
        db.conn.execute("UPDATE contacts SET preferred_channel = 'sms', phone = NULL WHERE contact_id = 'C003'")
    kept = merge.merge_contacts(db, keep="C003", remove="C001")
    assert kept["phone"] == "+880 1711 000111" and rules.record_problems("contacts", kept) == {}


def test_merge_refuses_nonsense(db):
    with pytest.raises(ValidationError, match="two different"):
        merge.merge_contacts(db, "C001", "C001")
    with pytest.raises(ValidationError, match="cannot be taken"):
        merge.merge_contacts(db, "C001", "C003", take=["contact_id"])
    with pytest.raises(Exception, match="no contact 'C999'"):
        merge.merge_contacts(db, "C001", "C999")


def test_the_duplicate_list_grows_with_saved_look_alikes_and_shrinks_with_merges(db):
    key = records.create(db, "contacts", {"first_name": "Claire", "last_name": "Dupond", "lifecycle_stage": "lead"},
                         allow_duplicate=True)
    assert [("C002", key)] == [tuple(p) for p in merge.find_duplicates(db)[["keep", "remove"]].values
                               if "C002" in p]
    merge.merge_contacts(db, "C001", "C003")
    assert merge.find_duplicates(db)[["keep", "remove"]].values.tolist() == [["C002", key]]
    with pytest.raises(PossibleDuplicate, match=r"contact C004: this may already exist: .*Claire Dupont \(C002, same name\)"):
        records.update(db, "contacts", "C004", {"first_name": "Claire", "last_name": "Dupont"})
    records.update(db, "contacts", "C004", {"first_name": "Claire", "last_name": "Dupont"}, allow_duplicate=True)
    assert sorted(map(tuple, merge.find_duplicates(db)[["keep", "remove"]].values)) == [
        ("C002", "C004"), ("C002", key), ("C004", key)]
    # a rescan lists what the lessons' detector finds: names alone (no email, phone or account) are not enough
    contacts = db.query("SELECT * FROM contacts")
    assert merge.find_duplicates(db, rescan_all=True)[["keep", "remove"]].values.tolist() == \
        duplicates.pairs(contacts)[["keep", "remove"]].values.tolist()


def test_merging_moves_the_removed_records_other_look_alikes_to_the_kept_one(db):
    records.create(db, "contacts", {"first_name": "Nusrat", "last_name": "Jahan", "lifecycle_stage": "lead"},
                   allow_duplicate=True)
    merge.merge_contacts(db, "C001", "C003")
    assert merge.find_duplicates(db)[["keep", "remove"]].values.tolist() == [["C001", "C005"]]


def test_a_new_account_does_not_need_what_the_lead_does_not_say(db):
    out = leads.convert(db, "L001", opportunity={"amount": 1, "close_date": "2026-09-30"})
    account = db.row("accounts", out["account_id"])
    assert (account["name"], account["industry"], account["country"]) == ("Tabriz Tools", leads.NOT_KNOWN,
                                                                           leads.NOT_KNOWN)
