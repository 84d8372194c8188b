"""The "Who sees what" screen and the referrals a contact's record shows."""

from workbench.practice import records
from workbench.widgets.practice import AccessScreen, RecordView


def test_the_screen_lists_the_head_first_and_explains_each_rule(db):
    screen = AccessScreen(db)
    values = [value for _, value in screen.user.options]
    assert values[0] == "U01"
    screen.user.value = "U01"
    assert "head of the company" in screen.summary.value and "2 deals" in screen.summary.value
    screen.user.value = "U02"
    assert "sees no deals" in screen.summary.value and "0 deals" in screen.summary.value
    assert "nothing yet" in screen.deals.value


def test_a_contacts_record_shows_who_referred_them_and_whom_they_referred(db):
    records.update(db, "contacts", "C002", {"referred_by": "C001"})
    records.update(db, "leads", "L001", {"referred_by": "C001"})
    referred = RecordView(db, "contacts", "C002")
    assert "(C001)" in referred.fields.value
    connector = RecordView(db, "contacts", "C001")
    assert "Referred 2 people to us" in connector.consents.value
