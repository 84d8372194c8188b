"""Data quality: completeness, activity coverage per owner, cleaning helpers."""

import pandas as pd
import pytest

from workbench.crm.quality import (
    activity_coverage,
    clean_contacts,
    completeness,
    invalid_emails,
    normalise_email,
    normalise_name,
    normalise_phone,
    phone_key,
)
from workbench.errors import InputError


def test_completeness_counts_blank_text_as_missing():
    df = pd.DataFrame({"owner_id": ["U1", "U1", "U2", "U2"], "email": ["a@x", "  ", None, "d@x"],
                       "phone": ["1", "2", "3", "4"]})
    overall = completeness(df, ["email", "phone"])
    assert overall.loc["email", "filled"] == 2 and overall.loc["phone", "share_filled"] == 1.0
    by = completeness(df, ["email", "phone"], by="owner_id")
    assert by.loc["U1", "email"] == 0.5 and by.loc["U1", "records"] == 2
    with pytest.raises(InputError, match="column 'fax'"):
        completeness(df, ["fax"])


def test_activity_coverage_flags_the_rep_who_logs_little():
    opps = pd.DataFrame({"opportunity_id": [f"O{i}" for i in range(6)],
                         "owner_id": ["U1", "U1", "U2", "U2", "U3", "U3"],
                         "is_closed": [False, False, False, False, False, True]})
    acts = pd.DataFrame({"activity_id": [f"A{i}" for i in range(9)],
                         "opportunity_id": ["O0", "O0", "O1", "O1", "O2", "O3", "O3", "O4", "O5"]})
    users = pd.DataFrame({"user_id": ["U1", "U2", "U3"], "name": ["Ana", "Bo", "Cy"]})
    cov = activity_coverage(opps, acts, users)
    assert cov.index.tolist() == ["U3", "U2", "U1"]
    assert cov.loc["U3", "per_open_deal"] == 1.0 and cov.loc["U1", "per_open_deal"] == 2.0
    assert cov["logs_little"].tolist() == [False, False, False]
    cov = activity_coverage(opps, acts[acts.opportunity_id != "O4"], users)
    assert cov.loc["U3", ["name", "deals_without_activity", "logs_little"]].tolist() == ["Cy", 1, True]


def test_cleaning_helpers():
    assert normalise_name(pd.Series(["  mARIE   o'NEIL ", None])).tolist()[0] == "mARIE o'NEIL"  # mixed case left as typed
    assert normalise_name(pd.Series(["ANNE-MARIE DUPONT"])).tolist() == ["Anne-Marie Dupont"]
    assert normalise_name(pd.Series(["Hélène", "ك"]), for_matching=True).tolist() == ["helene", "ک"]
    assert normalise_name(pd.Series(["রাহুল"]), for_matching=True).tolist() == ["রাহুল"]  # vowel signs stay
    assert normalise_email(["X@Y.COM "]).tolist() == ["x@y.com"]
    assert normalise_phone(pd.Series(["+880 1711-000111", "01711 000111"]), country_code="880").tolist() == \
        ["+8801711000111", "+8801711000111"]
    assert phone_key(pd.Series(["12"])).isna().all()
    with pytest.raises(InputError, match="country_code"):
        normalise_phone(pd.Series(["1"]), country_code="France")
    with pytest.raises(InputError, match="Series"):
        normalise_email(42)


def test_clean_contacts_and_invalid_emails():
    df = pd.DataFrame({"first_name": ["OMAR"], "email": [" Omar@X.com"], "phone": ["00 33 6 12 34 56 78"],
                       "city": ["lyon"]})
    clean = clean_contacts(df)
    assert clean.iloc[0].tolist() == ["Omar", "omar@x.com", "+33612345678", "lyon"]
    assert invalid_emails(pd.DataFrame({"email": ["a@b.co", "a@b", "", None]})).index.tolist() == [1]
    with pytest.raises(InputError, match="contacts"):
        clean_contacts(pd.DataFrame({"city": ["x"]}))


@pytest.fixture(scope="module")
def small_acme(tmp_path_factory):
    """A small generated company; ``data.meta["planted"]`` says what was hidden in it."""
    from workbench.data import load
    from workbench.data.sample import generate

    return load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))


def test_generated_silent_rep_is_flagged(small_acme):
    cov = activity_coverage(small_acme.opportunities, small_acme.activities, small_acme.users)
    silent = small_acme.meta["planted"]["silent_rep"]
    assert cov.index[0] == silent and cov.loc[silent, "logs_little"]
    assert cov["logs_little"].sum() == 1
