"""Privacy: deterministic pseudonyms, dropped free text, coarse dates, what not to store."""

import pandas as pd
import pytest

from workbench.crm.privacy import anonymise_extract, coarsen_dates, pseudonymise, sensitive_columns, what_not_to_store
from workbench.errors import InputError

SALT = "acme training 2026"


def test_pseudonyms_are_stable_keyed_and_ignore_formatting():
    a = pseudonymise(pd.Series(["+33 6 12 34 56 78", "06.12.34.56.78"], name="phone"), SALT)
    assert a[0] == a[1]
    assert pseudonymise(pd.Series(["Amina"], name="first_name"), SALT)[0] != \
        pseudonymise(pd.Series(["Amina"], name="first_name"), SALT + "!")[0]
    assert pseudonymise(pd.Series(["AMINA "], name="first_name"), SALT)[0] == \
        pseudonymise(pd.Series(["amina"], name="first_name"), SALT)[0]


def test_salt_must_be_a_real_secret():
    with pytest.raises(InputError, match="salt"):
        pseudonymise(pd.Series(["x"]), "abc")
    with pytest.raises(InputError, match="salt"):
        anonymise_extract(pd.DataFrame({"a": [1]}), None)


def test_extract_keeps_joins_between_tables():
    contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Amina", "Omar"],
                             "last_name": ["Rahman", "Haddad"], "email": ["a@x.test", "o@x.test"],
                             "phone": ["0612345678", None], "lifecycle_stage": ["lead", "customer"],
                             "created_at": pd.to_datetime(["2025-03-17", "2025-05-02"])})
    acts = pd.DataFrame({"activity_id": ["A1"], "contact_id": ["C2"], "subject": ["Call about his divorce"],
                         "outcome": ["left voicemail"], "due_at": pd.to_datetime(["2025-06-11 10:30"])})
    c, report = anonymise_extract(contacts, SALT, report=True)
    a = anonymise_extract(acts, SALT)
    assert "Amina" not in c.to_string() and "a@x.test" not in c.to_string()
    assert set(a.columns) == {"activity_id", "contact_id", "due_at"}
    assert a["contact_id"][0] == c["contact_id"][1]
    assert c["lifecycle_stage"].tolist() == ["lead", "customer"]
    assert c["created_at"].dt.day.tolist() == [1, 1]
    assert pd.isna(c["phone"][1])
    assert dict(zip(report["column"], report["action"]))["created_at"] == "coarsened"


def test_rules_can_be_overridden():
    df = pd.DataFrame({"company": ["Acme"], "notes": ["fine"], "day": pd.to_datetime(["2025-01-20"])})
    out = anonymise_extract(df, SALT, identifiers=["company"], drop=[], dates=[])
    assert out.columns.tolist() == ["company", "notes", "day"]
    assert out["company"][0].startswith("P") and out["day"][0].day == 20
    with pytest.raises(InputError, match="column 'nope'"):
        anonymise_extract(df, SALT, drop=["nope"])


def test_coarsen_dates_units():
    s = pd.Series(pd.to_datetime(["2025-08-14 16:00"]))
    assert str(coarsen_dates(s, "year")[0].date()) == "2025-01-01"
    assert str(coarsen_dates(s, "week")[0].date()) == "2025-08-11"
    with pytest.raises(InputError, match="unit"):
        coarsen_dates(s, "decade")


def test_what_not_to_store_and_sensitive_columns():
    assert {"what", "examples", "why"} == set(what_not_to_store().columns)
    df = pd.DataFrame({"health_notes": ["x"], "iban_text": ["y"], "outcome": ["IBAN FR76 3000 6000 0112 3456 7890 189"],
                       "city": ["Dhaka"]})
    assert sensitive_columns(df)["column"].tolist() == ["health_notes", "iban_text", "outcome"]
    assert sensitive_columns(pd.DataFrame({"city": ["Dhaka"]})).empty
    phones = pd.DataFrame({"phone": ["0033 6 12 34 56 78 90 12"], "notes": ["order ref 1234 5678 9012 3456"]})
    assert sensitive_columns(phones).empty  # a phone column, and a number failing the Luhn check


@pytest.fixture(scope="module")
def small_acme(tmp_path_factory):
    """A small generated company; ``data.meta["planted"]`` says what was hidden in it."""
    from workbench.data import load
    from workbench.data.sample import generate

    return load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))


def test_generated_contacts_anonymise_without_names(small_acme):
    contacts = small_acme.contacts
    out = anonymise_extract(contacts, SALT)
    text = out.to_string()
    for name in contacts["last_name"].head(20):
        assert f" {name} " not in text
    assert out["contact_id"].nunique() == contacts["contact_id"].nunique()
