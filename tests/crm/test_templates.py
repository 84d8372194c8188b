"""Templates and mail merge: placeholders, missing fields, SMS encoding and segments."""

import pandas as pd
import pytest

from workbench.crm import templates
from workbench.errors import InputError


def test_placeholders_and_broken_templates():
    assert templates.placeholders("Dear {title} {last_name}, {{not a field}}") == ["title", "last_name"]
    with pytest.raises(InputError, match="broken placeholder"):
        templates.placeholders("Hello {first_name")
    with pytest.raises(InputError, match="empty placeholder"):
        templates.placeholders("Hello {}")


def test_render_reports_every_missing_field():
    with pytest.raises(InputError, match=r"\{city\}, \{title\}"):
        templates.render("{first_name} {city} {title}", {"first_name": "Rania", "city": "  ", "title": float("nan")})


def test_mail_merge_with_a_templates_row():
    contacts = pd.DataFrame({"contact_id": ["C1", "C2", "C3"], "first_name": ["Nusrat", "Léa", None],
                             "city": ["Dhaka", None, "Tehran"]})
    row = pd.Series({"template_id": "T1", "channel": "email", "subject": "News for {city}",
                     "body": "Hello {first_name}, see you in {city}."})
    merged = templates.mail_merge(row, contacts)
    assert merged["ok"].tolist() == [True, False, False]
    assert merged.loc[0, "subject"] == "News for Dhaka" and merged.loc[0, "body"] == "Hello Nusrat, see you in Dhaka."
    assert merged.loc[1, "missing"] == "city" and merged.loc[2, "missing"] == "first_name"
    report = templates.merge_report(merged).set_index("field")["contacts"]
    assert report.to_dict() == {"(ready to send)": 1, "city": 1, "first_name": 1}


def test_extra_values_shared_by_every_message():
    contacts = pd.DataFrame({"contact_id": ["C1"], "first_name": ["Omar"]})
    out = templates.mail_merge("{first_name}: offer ends {offer_end}", contacts, extra={"offer_end": "31 May"})
    assert out.loc[0, "body"] == "Omar: offer ends 31 May"


def test_sms_segments_gsm_and_unicode():
    assert templates.sms_length("a" * 160)["segments"] == 1
    assert templates.sms_length("a" * 161)["segments"] == 2
    assert templates.sms_length("a" * 306)["segments"] == 2 and templates.sms_length("a" * 307)["segments"] == 3
    assert templates.sms_length("[" * 81)["segments"] == 2  # extension characters count twice
    bengali = templates.sms_length("আমার সোনার বাংলা")
    assert bengali["encoding"] == "UCS-2" and bengali["segments"] == 1
    assert templates.sms_length("ب" * 71)["segments"] == 2 and templates.sms_length("ب" * 134)["segments"] == 2
    assert templates.sms_length("😀" * 35)["units"] == 70
    assert templates.sms_length("")["segments"] == 0


def test_sms_merge_adds_length_columns():
    contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Amina", "مریم"]})
    out = templates.mail_merge("Hi {first_name}, your order has shipped.", contacts, channel="sms")
    assert out["encoding"].tolist() == ["GSM-7", "UCS-2"] and "subject" not in out


def test_bad_input():
    with pytest.raises(InputError, match="channel"):
        templates.mail_merge("x", pd.DataFrame({"contact_id": ["C1"]}), channel="fax")
    with pytest.raises(InputError, match="contact_id"):
        templates.mail_merge("x", pd.DataFrame({"id": ["C1"]}))
    with pytest.raises(InputError, match="no body"):
        templates.mail_merge({"subject": "x"}, pd.DataFrame({"contact_id": ["C1"]}))
    with pytest.raises(InputError, match="must be text"):
        templates.sms_length(42)
