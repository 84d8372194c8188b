"""Reports: the KPIs, the dashboard figure and CSV / Excel exports (optionally anonymised)."""

from types import SimpleNamespace

import pandas as pd
import pytest

from workbench.crm import reports
from workbench.errors import InputError


@pytest.fixture
def data():
    deals = pd.DataFrame({
        "opportunity_id": ["O1", "O2", "O3", "O4"], "owner_id": ["U1", "U1", "U2", "U2"],
        "stage": ["Prospecting", "Negotiation/Review", "Closed Won", "Closed Lost"],
        "probability": [10, 90, 100, 0], "amount": [10_000.0, 20_000.0, 6_000.0, 7_000.0],
        "created_at": pd.to_datetime(["2026-05-01", "2026-04-01", "2026-01-01", "2026-02-01"]),
        "close_date": pd.to_datetime(["2026-08-01", "2026-06-01", "2026-02-01", "2026-03-01"]),
        "is_closed": [False, False, True, True], "is_won": [False, False, True, False]})
    activities = pd.DataFrame({"activity_id": ["A1", "A2", "A3"], "type": ["call", "email", "email"],
                               "status": ["completed"] * 3, "owner_id": ["U1", "U1", "U2"],
                               "contact_id": ["C1", "C1", "C1"],
                               "completed_at": pd.to_datetime(["2026-06-20", "2026-06-22", "2026-06-23"]),
                               "due_at": pd.to_datetime(["2026-06-20", "2026-06-22", "2026-06-23"])})
    members = pd.DataFrame({"campaign_id": ["K1", "K1"], "contact_id": ["C1", "C2"], "status": ["sent", "responded"],
                            "sent_at": pd.to_datetime(["2026-06-24", "2026-06-24"]), "responded": [False, True]})
    contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Amina", "Omar"],
                             "email": ["amina@example.com", "omar@example.com"], "max_msgs_per_week": [1, 3]})
    users = pd.DataFrame({"user_id": ["U1", "U2"], "name": ["Leila Haddad", "Tom Baker"]})
    return SimpleNamespace(opportunities=deals, activities=activities, campaign_members=members, contacts=contacts,
                           users=users, stages=None, as_of=pd.Timestamp("2026-06-30"))


def test_kpis(data):
    k = reports.kpis(data).set_index("metric")["value"]
    assert k["Open pipeline"] == 30_000 and k["Weighted pipeline"] == 19_000
    assert k["Win rate"] == 0.5 and k["Slipped deals"] == 1
    assert k["Sales velocity"] == pytest.approx(2 * 6000 * 0.5 / 31, abs=0.01)
    assert k["Activities logged, last 30 days"] == 3 and k["Campaign response rate"] == 0.5
    assert k["Over-solicited contacts"] == 1  # C1: 1 campaign + 2 emails in one week, limit 1
    assert len(k) == 8


def test_kpis_need_a_dataset():
    with pytest.raises(InputError, match="no opportunities"):
        reports.kpis(SimpleNamespace())


def test_dashboard_has_four_panels(data):
    fig = reports.dashboard(data)
    assert len(fig.data) == 5 and "Win rate by owner" in [a.text for a in fig.layout.annotations]
    names = set(fig.data[3].x)
    assert names == {"Leila Haddad", "Tom Baker"}


def test_export_excel_and_csv(data, tmp_path):
    path = reports.export({"deals": data.opportunities, "a/b:c": data.contacts}, tmp_path / "out" / "report.xlsx")
    import openpyxl

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["deals", "a_b_c"] and book["deals"].freeze_panes == "A2"
    back = pd.read_excel(path, sheet_name="deals")
    assert back["amount"].sum() == data.opportunities["amount"].sum()
    csv = reports.export(data.contacts.assign(first_name=["Nusrat", "لیلا"]), tmp_path / "c.csv")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(csv, encoding="utf-8-sig")["first_name"].tolist() == ["Nusrat", "لیلا"]


def test_export_anonymised(data, tmp_path):
    path = reports.export(data.contacts, tmp_path / "anon.csv", anonymise="training-salt")
    text = path.read_text(encoding="utf-8-sig")
    assert "amina@example.com" not in text and "Amina" not in text


def test_export_anonymised_with_a_random_salt_joins_within_one_export_only(data, tmp_path):
    tables = {"contacts": data.contacts, "activities": data.activities}
    path = reports.export(tables, tmp_path / "anon.xlsx", anonymise=True)
    contacts = pd.read_excel(path, sheet_name="contacts")
    activities = pd.read_excel(path, sheet_name="activities")
    assert "Amina" not in contacts.to_string() and "C1" not in set(contacts["contact_id"])
    assert set(activities["contact_id"]) <= set(contacts["contact_id"])  # one salt: the sheets still join
    again = pd.read_excel(reports.export(tables, tmp_path / "again.xlsx", anonymise=True), sheet_name="contacts")
    assert set(again["contact_id"]).isdisjoint(contacts["contact_id"])  # a new salt each export
    plain = pd.read_csv(reports.export(data.contacts, tmp_path / "plain.csv", anonymise=False), encoding="utf-8-sig")
    assert plain["first_name"].tolist() == ["Amina", "Omar"]


def test_export_bad_input(data, tmp_path):
    with pytest.raises(InputError, match=".csv or .xlsx"):
        reports.export(data.contacts, tmp_path / "x.pdf")
    with pytest.raises(InputError, match="one table"):
        reports.export({"a": data.contacts, "b": data.contacts}, tmp_path / "x.csv")
    with pytest.raises(InputError, match="nothing to export"):
        reports.export([], tmp_path / "x.csv")
    with pytest.raises(InputError, match="anonymise must be True, False or a secret salt"):
        reports.export(data.contacts, tmp_path / "x.csv", anonymise=1)
    with pytest.raises(InputError, match="at least 8 characters"):
        reports.export(data.contacts, tmp_path / "x.csv", anonymise="short")


def test_the_dashboard_titles_in_arabic(data, english_words_left):
    from workbench.i18n.language import use_language

    with use_language("ar"):
        fig = reports.dashboard(data, weeks=2)
    titles = [fig.layout.title.text] + [a.text for a in fig.layout.annotations] + [t.name for t in fig.data]
    assert "لوحة مبيعات Acme" in titles[0] and "الأنشطة المسجلة، آخر أسبوعين" in titles
    assert all(english_words_left(t, "Acme") == [] for t in titles), titles
