"""Contact pressure: messages per week against each contact's limit and a global cap; frequency cap."""

import pandas as pd
import pytest

from workbench.crm import pressure
from workbench.errors import InputError


@pytest.fixture
def contacts():
    return pd.DataFrame({"contact_id": ["C1", "C2", "C3"], "max_msgs_per_week": pd.array([1, 5, None], dtype="Int64")})


@pytest.fixture
def members():
    return pd.DataFrame({"campaign_id": ["K1", "K1", "K2", "K2", "K3"], "contact_id": ["C1", "C2", "C1", "C2", "C3"],
                         "status": ["sent", "sent", "sent", "bounced", "sent"],
                         "sent_at": pd.to_datetime(["2026-03-02 10:00", "2026-03-02 09:00", "2026-03-06 09:00", "2026-03-06 09:00",
                                                    "2026-03-03 09:00"])})


@pytest.fixture
def activities():
    return pd.DataFrame({"activity_id": ["A1", "A2", "A3", "A4", "A5"], "type": ["email", "email", "call", "email", "email"],
                         "status": ["completed", "completed", "completed", "planned", "completed"],
                         "direction": ["outbound", "outbound", "outbound", "outbound", "inbound"],
                         "contact_id": ["C2", "C2", "C2", "C2", "C2"],
                         "completed_at": pd.to_datetime(["2026-03-03", "2026-03-04", "2026-03-04", None, "2026-03-04"]),
                         "due_at": pd.to_datetime(["2026-03-03", "2026-03-04", "2026-03-04", "2026-03-05", "2026-03-04"])})


def test_messages_combine_campaigns_and_outbound_emails(members, activities):
    msgs = pressure.messages(members, activities)
    # bounced, the call, the planned email and the inbound email are not messages received
    assert len(msgs) == 4 + 2
    assert set(msgs["source"]) >= {"campaign:K1", "activity:A1"}


def test_pressure_against_own_limit_and_global_cap(members, activities, contacts):
    msgs = pressure.messages(members, activities)
    table = pressure.contact_pressure(msgs, contacts, global_cap=3).set_index("contact_id")
    assert table.loc["C1", "busiest_week"] == 2 and table.loc["C1", "cap"] == 1 and table.loc["C1", "over"]
    assert table.loc["C2", "busiest_week"] == 3 and table.loc["C2", "cap"] == 3 and not table.loc["C2", "over"]
    tight = pressure.contact_pressure(msgs, contacts, global_cap=2).set_index("contact_id")
    assert tight.loc["C2", "over"] and tight.loc["C2", "excess"] == 1
    loose = pressure.contact_pressure(msgs, contacts, global_cap=None).set_index("contact_id")
    assert not loose.loc["C2", "over"] and pd.isna(loose.loc["C3", "cap"])
    assert pressure.over_solicited(msgs, contacts)["contact_id"].tolist() == ["C1"]


def test_weeks_run_monday_to_sunday():
    msgs = pd.DataFrame({"contact_id": ["C1"] * 3, "at": pd.to_datetime(["2026-03-01 08:00", "2026-03-02 08:00", "2026-03-08 23:00"])})
    weekly = pressure.weekly_counts(msgs)
    assert weekly["week"].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-23", "2026-03-02"]
    assert weekly["messages"].tolist() == [1, 2]


def test_frequency_cap_keeps_the_first_messages_within_the_cap(members, activities, contacts):
    msgs = pressure.messages(members, activities)
    plan = pd.DataFrame({"contact_id": ["C1", "C2", "C3", "C3", "C3", "C3"], "offer": list("abcdef")})
    kept = pressure.apply_frequency_cap(plan, msgs, contacts, send_at="2026-03-06", global_cap=3)
    # C1 already at 2 of 1; C2 has 3 of 3; C3 has 1 of 3: two more allowed
    assert kept["offer"].tolist() == ["c", "d"]
    every = pressure.apply_frequency_cap(plan, msgs, contacts, send_at="2026-03-06", keep_excluded=True)
    assert every["allowed"].sum() == 2 and every.loc[0, "reason"] == "cap of 1 a week reached"
    next_week = pressure.apply_frequency_cap(plan, msgs, contacts, send_at="2026-03-10", global_cap=3)
    assert next_week["offer"].tolist() == ["a", "b", "c", "d", "e"]


def test_bad_input(members, contacts):
    with pytest.raises(InputError, match="no messages"):
        pressure.messages()
    with pytest.raises(InputError, match="sent_at"):
        pressure.messages(members.drop(columns="sent_at"))
    with pytest.raises(InputError, match="global_cap"):
        pressure.caps(contacts, global_cap="three")
    with pytest.raises(InputError, match="send_at"):
        pressure.apply_frequency_cap(pd.DataFrame({"contact_id": ["C1"]}), pressure.messages(members), contacts,
                                     send_at="next tuesday")


def test_chart_builds(members, contacts):
    table = pressure.contact_pressure(pressure.messages(members), contacts)
    assert len(pressure.pressure_chart(table).data) == 2


def test_sample_over_contacted_contacts_are_found(sample):
    data, planted = sample
    msgs = pressure.messages(data.campaign_members, data.activities, campaign_channels=data.campaigns)
    found = pressure.over_solicited(msgs, data.contacts, global_cap=None)
    assert set(found["contact_id"]) == set(planted["over_contacted"])
    weeks = {(w["contact_id"], w["week_start"]) for w in planted["over_contacted_weeks"]}
    weekly = pressure.weekly_counts(msgs)
    assert all(((weekly["contact_id"] == c) & (weekly["week"] == pd.Timestamp(w))).any() for c, w in weeks)


def test_sample_emails_after_revocation_are_found_through_consent(sample):
    from workbench.crm import consent

    data, planted = sample
    msgs = pressure.messages(data.campaign_members, data.activities, campaign_channels=data.campaigns)
    after = consent.contacted_without_consent(msgs[msgs["channel"] == "email"], data.consents, "email", at="at")
    assert set(after.loc[after["consent_status"] == "revoked", "contact_id"]) == set(planted["emailed_after_revocation"])


def test_the_chart_speaks_bengali(members, contacts, english_words_left):
    from workbench.i18n.language import use_language

    table = pressure.contact_pressure(pressure.messages(members), contacts)
    with use_language("bn"):
        fig = pressure.pressure_chart(table, top=2)
    words = [fig.layout.title.text, fig.layout.yaxis.title.text, fig.layout.xaxis.title.text, *(t.name for t in fig.data)]
    assert words[0].startswith("সবচেয়ে ব্যস্ত সপ্তাহের বার্তা") and "শীর্ষ ২ জন" in words[0]
    assert all(english_words_left(w) == [] for w in words), words
