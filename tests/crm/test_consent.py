"""Consent: newest event wins, opt-in lists, messages sent without consent."""

import pandas as pd
import pytest

from workbench.crm.consent import consent_summary, contacted_without_consent, current_consent, mailing_list, may_contact
from workbench.errors import InputError


@pytest.fixture(scope="module")
def small_acme(tmp_path_factory):
    """A small generated company; ``data.meta["planted"]`` says what was hidden in it."""
    from workbench.data import load
    from workbench.data.sample import generate

    return load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))


@pytest.fixture
def log():
    return pd.DataFrame({
        "contact_id": ["C1", "C1", "C1", "C2", "C3", "C3"],
        "channel": ["email", "email", "email", "email", "email", "sms"],
        "status": ["granted", "revoked", "granted", "granted", "revoked", "granted"],
        "at": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-01-10", "2025-01-10", "2025-01-10"]),
        "source": ["web"] * 6, "wording_version": ["v1"] * 6})


def test_newest_event_wins_and_as_of_looks_back(log):
    now = current_consent(log).set_index(["contact_id", "channel"])["status"]
    assert now[("C1", "email")] == "granted" and now[("C3", "email")] == "revoked"
    then = current_consent(log, as_of="2025-02-15").set_index(["contact_id", "channel"])["status"]
    assert then[("C1", "email")] == "revoked"


def test_same_time_revoked_wins_whatever_the_row_order():
    rows = pd.DataFrame({"contact_id": ["C1", "C1"], "channel": ["email", "email"],
                         "status": ["revoked", "granted"], "at": ["2025-01-01 10:00"] * 2})
    assert current_consent(rows)["status"].tolist() == ["revoked"]
    assert current_consent(rows.iloc[::-1])["status"].tolist() == ["revoked"]


def test_may_contact_is_opt_in_per_channel(log):
    assert may_contact(log, "email") == ["C1", "C2"]
    assert may_contact(log, "sms") == ["C3"]
    assert may_contact(log, "phone") == []


def test_summary_counts_current_status(log):
    s = consent_summary(log)
    assert s.loc["email", "granted"] == 2 and s.loc["email", "revoked"] == 1


def test_mailing_list_reasons(log):
    contacts = pd.DataFrame({"contact_id": ["C1", "C2", "C3", "C4", "C5"],
                             "first_name": ["A", "B", "C", "D", "E"],
                             "email": ["a@x.test", "A@X.test ", "c@x.test", "d@x.test", "bad-address"]})
    log5 = pd.concat([log, pd.DataFrame({"contact_id": ["C5"], "channel": ["email"], "status": ["granted"],
                                         "at": pd.to_datetime(["2025-01-01"])})])
    explained = mailing_list(contacts, log5, explain=True).set_index("contact_id")["reason"]
    assert explained.to_dict() == {"C1": "opted in", "C2": "same address as C1", "C3": "consent revoked",
                                   "C4": "no consent given", "C5": "address not valid"}
    assert mailing_list(contacts, log5)["email"].tolist() == ["a@x.test"]


def test_sent_after_revocation_and_before_any_opt_in(log):
    sent = pd.DataFrame({"contact_id": ["C1", "C1", "C3", "C9"],
                         "sent_at": pd.to_datetime(["2025-02-10", "2025-03-10", "2025-02-01", "2025-02-01"])})
    bad = contacted_without_consent(sent, log)
    assert bad[["contact_id", "consent_status"]].values.tolist() == [["C1", "revoked"], ["C3", "revoked"],
                                                                      ["C9", "none"]]


def test_bad_input_is_explained(log):
    with pytest.raises(InputError, match="status"):
        current_consent(log.assign(status=["granted", "maybe", "granted", "granted", "revoked", "granted"]))
    with pytest.raises(InputError, match="column 'at'"):
        current_consent(log.drop(columns="at"))
    with pytest.raises(InputError, match="not a date"):
        may_contact(log, "email", as_of="someday")
    with pytest.raises(InputError, match="channel"):
        mailing_list(pd.DataFrame({"contact_id": [], "email": []}), log, channel="fax")


def test_on_generated_data_finds_exactly_the_planted_revocations(small_acme):
    from workbench.crm.pressure import messages

    sent = messages(small_acme.campaign_members, small_acme.activities, campaign_channels=small_acme.campaigns)
    found = contacted_without_consent(sent, small_acme.consents, at="at", only_revoked=True)
    assert set(found["contact_id"]) == set(small_acme.meta["planted"]["emailed_after_revocation"])
    assert set(found["consent_status"]) == {"revoked"}
