"""The rep's HTML report, targets files, weekly means and the explorer widget."""

import pandas as pd
import pytest

from workbench.errors import DataError, InputError
from workbench.network.demo import demo_exports, demo_network
from workbench.network.means import weekly_means
from workbench.network.report import default_targets, network_report, read_targets, write_report


def test_write_report_from_export_folders(tmp_path):
    exports = demo_exports()
    out = write_report([e.folder for e in exports], tmp_path / "r" / "report.html", targets=["Vega", "Atlas"])
    page = out.read_text(encoding="utf-8")
    for heading in ("This week", "Who can introduce you to each target account", "Ties going quiet", "Reach",
                    "Relationship classes", "Top connectors", "Possible customers", "Weekly means", "Map"):
        assert heading in page
    assert page.index("This week") < page.index("Top connectors") < page.index("Reach")  # what to do first
    assert "Eve Fox" in page and "<script" not in page and "<svg" in page
    assert "<details><summary>details</summary>betweenness" in page  # the measures, folded, with units
    assert "Could you introduce us?" in page or "Write to" in page  # the message to send


def test_report_weighs_a_few_hundred_kilobytes_on_the_sample_team(tmp_path):
    from workbench.data import SAMPLE_FOLDER

    out = write_report([SAMPLE_FOLDER], tmp_path / "team.html")
    assert out.stat().st_size < 600_000
    page = out.read_text(encoding="utf-8")
    reasons = page.split("<ol class='people'>")[1].split("</ol>")[0].split("<li>")[1:]
    why = [r.split(": ", 1)[1].split("<details>")[0] for r in reasons]
    assert len(why) == 15 and len(set(why)) == 15  # one reason each, no two alike


def test_a_missing_connections_file_is_said_on_the_page_and_to_the_caller(tmp_path):
    sam = demo_exports()[0]
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "messages.csv").write_text((sam.folder / "messages.csv").read_text(encoding="utf-8"), encoding="utf-8")
    said = []
    page = write_report([folder], tmp_path / "r.html", on_note=said.append).read_text(encoding="utf-8")
    assert said and "no Connections.csv" in said[0]
    assert "role='alert'" in page and "no Connections.csv" in page


def test_introductions_log_changes_the_next_report(tmp_path):
    from workbench.network.introductions import log_introduction

    log = tmp_path / "introductions.csv"
    log_introduction(log, target="Eve Fox", through="Bo Chen", outcome="made", date="2026-01-25")
    exports = demo_exports()
    page = write_report([exports[0].folder], tmp_path / "r.html", introductions=log).read_text(encoding="utf-8")
    assert "Introduced you to Eve Fox on 2026-01-25" in page


def test_report_tables_and_default_targets():
    net = demo_network()
    tables = network_report(net, targets=None)
    assert tables["targets"] == default_targets(net)
    assert set(tables["classes"].columns) >= {"rep", "Strong", "Familiar", "Weak", "Unknown"}
    assert tables["connectors"].columns[0] == "person"


def test_read_targets_variants(tmp_path):
    (tmp_path / "t.txt").write_text("Orion\n\nVega\nOrion\n")
    assert read_targets(tmp_path / "t.txt") == ["Orion", "Vega"]
    (tmp_path / "t.csv").write_text("Account,priority\nOrion,1\nVega,2\n")
    assert read_targets(tmp_path / "t.csv") == ["Orion", "Vega"]
    (tmp_path / "bad.csv").write_text("x,y\n1,2\n")
    with pytest.raises(DataError, match="account"):
        read_targets(tmp_path / "bad.csv")
    with pytest.raises(DataError):
        read_targets(tmp_path / "missing.txt")
    with pytest.raises(InputError):
        write_report([], tmp_path / "x.html")


def test_weekly_means_counts_and_goals():
    sam = demo_exports()[0]
    w = weekly_means(sam, as_of="2026-01-18", weeks=3, goals={"messages_sent": 3})
    assert w["week"].tolist() == ["2025-12-29", "2026-01-05", "2026-01-12"]
    jan5 = w.set_index("week").loc["2026-01-05"]
    # Sam wrote to Ana on 5, 6, 7 and 8 January and to Dee on the 6th
    assert jan5["messages_sent"] == 5 and jan5["people_messaged"] == 2 and jan5["goals_met"] == "1/1"
    with pytest.raises(InputError):
        weekly_means(sam, goals={"likes": 3})
    with pytest.raises(InputError):
        weekly_means(demo_exports())


def test_weekly_means_counts_crm_meetings():
    sam = demo_exports()[0]
    acts = pd.DataFrame({"owner_id": ["U-sam", "U-sam", "U-other"], "type": ["meeting", "call", "meeting"],
                         "status": ["completed"] * 3,
                         "completed_at": pd.to_datetime(["2026-01-13 10:00", "2026-01-14 10:00", "2026-01-13 10:00"]),
                         "due_at": pd.to_datetime(["2026-01-13 10:00"] * 3)})
    w = weekly_means(sam, {"activities": acts}, as_of="2026-01-18", weeks=1)
    assert w[["meetings", "calls"]].values.tolist() == [[1, 1]]


def test_explorer_widget_updates_tables_and_reports_unknown_targets():
    from workbench.widgets.network import NetworkExplorer

    ex = NetworkExplorer(demo_network(), show_map=False)
    ex.target.value = "Orion"
    assert set(ex.paths["target_name"]) == {"Ana Borges", "Cy Dube"}
    ex.rep.value = "in/lina"
    assert set(ex.paths["from"]) == {"in/lina"}
    ex.target.value = "Nowhere Ltd"
    assert ex.paths.empty and "nobody" in ex.message.value


def test_rep_view_follows_the_rep_picked():
    from workbench.data import load_sample
    from workbench.network.graph import team_network
    from workbench.widgets.network import RepView

    data = load_sample()
    net = team_network(data)
    view = RepView(net, "inventory")
    assert view.rep.value == net.reps[0] and len(view.table)
    view.rep.value = net.reps[1]
    assert view.table["name"].tolist() == inventory_names(net, net.reps[1])
    weekly = RepView(net, "weekly means", data=data, rep=net.reps[2])
    assert len(weekly.table) == 8 and "people_messaged" in weekly.table
    with pytest.raises(InputError, match="weekly means need the data"):
        RepView(net, "weekly means")
    with pytest.raises(InputError, match="no view"):
        RepView(net, "horoscope")


def inventory_names(net, rep):
    from workbench.network.strength import inventory

    return inventory(net, rep)["name"].tolist()


def test_connectors_from_a_data_folder():
    from workbench.data import SAMPLE_FOLDER
    from workbench.network.command import connectors_from_path

    if not (SAMPLE_FOLDER / "social" / "reps.csv").exists():
        pytest.skip("sample social data not generated yet")
    text = connectors_from_path(SAMPLE_FOLDER, top=3, format="csv")
    assert text.splitlines()[0].startswith("person,") and len(text.splitlines()) == 4


def test_report_from_the_sample_data_folder(tmp_path):
    from workbench.data import SAMPLE_FOLDER

    if not (SAMPLE_FOLDER / "social" / "reps.csv").exists():
        pytest.skip("sample social data not generated yet")
    out = write_report([SAMPLE_FOLDER], tmp_path / "team.html")
    page = out.read_text(encoding="utf-8")
    assert "Joan Brennan" in page and "Possible customers" in page


def _report_in(lang, folder):
    from workbench.i18n.language import use_language

    with use_language(lang):
        return write_report(demo_exports(), folder / f"report-{lang}.html", targets=["Vega", "Atlas"]).read_text(
            encoding="utf-8")


def test_the_report_in_french_has_french_headings_and_no_english_sentence(tmp_path, english_left):
    import html

    page = html.unescape(_report_in("fr", tmp_path))
    assert '<html lang="fr" dir="ltr">' in page
    for heading in ("Rapport réseau", "Cette semaine", "Qui rencontrer, et quoi lui demander", "Liens qui s'éteignent",
                    "Meilleurs connecteurs", "Portée", "Classes de relation", "Clients possibles dans votre réseau",
                    "Moyens de la semaine", "Carte"):
        assert heading in page
    assert "<th>personne à rencontrer</th>" in page and "<summary>détails</summary>intermédiarité" in page
    assert "Pourriez-vous nous mettre en relation ?" in page or "Écrivez vous-même" in page  # the message to send
    assert english_left(page) == []


def test_the_report_in_arabic_is_right_to_left_with_arabic_headings_and_no_english_sentence(tmp_path, english_left):
    page = _report_in("ar", tmp_path)
    assert '<html lang="ar" dir="rtl">' in page
    for heading in ("تقرير الشبكة", "هذا الأسبوع", "من يمكنه أن يعرّفك على كل حساب مستهدف", "صلات تخفت",
                    "أبرز الوسطاء", "الوصول", "فئات العلاقة", "الخريطة"):
        assert heading in page
    assert "<bdi>Eve Fox</bdi>" in page  # a Latin name stays whole inside the right-to-left text
    assert "<div dir='ltr'><svg" in page  # the map keeps its own layout
    assert "border-inline-start" in page and "text-align:start" in page  # the layout follows the direction
    assert english_left(page) == []
    assert english_left(_report_in("en", tmp_path))  # the check itself finds English where there is some
