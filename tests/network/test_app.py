"""The rep's page without a browser: the workspace in the rep's home, the page's widgets, the Voila command."""

import datetime
import io
import zipfile

import pytest

from workbench.errors import DataError
from workbench.network.app import page_notebook, voila_command
from workbench.network.demo import demo_exports, demo_network
from workbench.network.workspace import Workspace
from workbench.widgets.network import ConnectorsView
from workbench.widgets.network_page import RIGHT_TO_LEFT_CONTROLS, RepPage


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buffer.getvalue()


def _linkedin_zip() -> bytes:
    folder = demo_exports()[0].folder
    return _zip({p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.csv")} | {"Profile.csv": "x\n"})


def _upload(name, content):
    return ({"name": name, "content": memoryview(content), "size": len(content), "type": "application/zip",
             "last_modified": datetime.datetime(2026, 1, 1)},)


def test_the_workspace_lives_in_the_rep_home(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKBENCH_LEARNER", "sam")
    assert Workspace.default().folder == tmp_path / "home" / "network" / "sam"


def test_uploads_are_checked_kept_and_deleted(tmp_path):
    ws = Workspace(tmp_path / "rep")
    with pytest.raises(DataError, match="not a zip"):
        ws.save("linkedin", "Connections.csv", b"First Name,Last Name\n")
    ws.save("linkedin", "Basic_LinkedInDataExport_02-08-2026.zip", _linkedin_zip())
    crm = ws.save("crm", "crm.zip", _zip({"export/contacts.csv": "contact_id\n", "../../evil.csv": "x\n",
                                          "readme.txt": "no"}))
    assert sorted(p.name for p in crm.iterdir()) == ["contacts.csv", "evil.csv"]  # flattened, nothing outside
    assert not (tmp_path / "evil.csv").exists()
    assert {p.name for p in ws.files()} == {"linkedin.zip", "contacts.csv", "evil.csv"}
    ws.delete()
    assert ws.files() == [] and not ws.folder.exists()


def test_the_page_reads_the_zip_and_fills_every_section(tmp_path):
    page = RepPage(Workspace(tmp_path / "rep"))
    page.linkedin.value = _upload("Basic_LinkedInDataExport_02-08-2026.zip", _linkedin_zip())
    assert "Kept Basic_LinkedInDataExport_02-08-2026.zip" in page.status.value
    page.targets.value = _upload("targets.txt", b"Orion\nAtlas\n")
    page.update()
    assert page.results.layout.display == "flex"
    assert "wb-connectors" in page.connectors.value and "<details>" in page.connectors.value
    assert "level 1" in page.reach.value and "level 2" in page.reach.value
    assert page.target.options == ("Orion", "Atlas") and "wb-path" in page.path.value
    assert "Who can introduce you to each target account" in page.this_week.value
    assert "produce" in page.plan.value
    assert "download='network-report.html'" in page.downloads.value
    assert "download='editorial-plan.ics'" in page.downloads.value
    page.intro_target.value, page.intro_through.value = "Vega", "Bo Chen"
    page.intro_outcome.value, page.intro_date.value = "declined", datetime.date(2026, 1, 20)
    page._log()
    assert "Logged" in page.status.value and "Bo Chen" in page.log_table.value
    page._delete()
    assert page.workspace.files() == [] and "deleted" in page.status.value


def test_the_page_says_what_is_wrong_instead_of_failing(tmp_path):
    page = RepPage(Workspace(tmp_path / "rep"))
    page.update()
    assert "no LinkedIn archive yet" in page.status.value and page.results.layout.display == "none"
    page.linkedin.value = _upload("photo.zip", b"not a zip at all")
    assert "not a zip archive" in page.status.value


def test_the_served_notebook_and_the_voila_command(tmp_path):
    notebook = page_notebook(tmp_path)
    command = voila_command(notebook, port=9123, open_browser=False)
    assert command[1:3] == ["-m", "voila"] and "--Voila.ip=127.0.0.1" in command and command[-1] == str(notebook)
    assert "--strip_sources=True" in command  # the rep sees a page, not code


def test_the_connectors_widget_compares_default_and_exact():
    view = ConnectorsView(demo_network(), top=4)
    default = view.table["name"].tolist()
    view.betweenness.value = "exact"
    assert view.table.attrs["betweenness_engine"].startswith("exact") and view.table["name"].tolist() == default
    view.by.value = "constraint"
    assert len(view.table) == 4 and view.table["why"].str.len().gt(10).all()


def test_the_page_in_arabic_is_right_to_left_and_speaks_arabic(tmp_path, english_left):
    from workbench.i18n.language import use_language

    with use_language("ar"):
        page = RepPage(Workspace(tmp_path / "rep"))
        assert page.show.description == "اعرض شبكتي"
        page.linkedin.value = _upload("Basic_LinkedInDataExport_02-08-2026.zip", _linkedin_zip())
        page.targets.value = _upload("targets.txt", b"Orion\nAtlas\n")
        page.update()
        shown = {name: getattr(page, name).value for name in ("this_week", "connectors", "reach", "inventory",
                                                               "plan", "path", "downloads", "status")}
        options = [label for label, _value in page.intro_outcome.options]
    for name, markup in shown.items():
        assert markup.startswith('<div lang="ar" dir="rtl">'), name
        if name == "plan":  # its themes are the company's editorial line (data, in the company's language)
            markup = markup.split("<tbody>")[0]
            assert "<th>الموضوع</th>" in markup and "<th>المستوى</th>" in markup
        assert english_left(markup) == [], name
    assert "من تلتقي، وماذا تطلب منه" in shown["this_week"] and "المستوى 1" in shown["reach"]
    assert "<b>المسار عبر المعارف:</b>" in shown["path"] and "تنزيل التقرير (HTML)" in shown["downloads"]
    assert options == ["طُلبت", "تمّت", "رُفضت", "بلا رد"]
    assert [value for _label, value in page.intro_outcome.options] == ["asked", "made", "declined", "no answer"]
    assert "wb-right-to-left" in page.widget._dom_classes  # the controls run right to left too
    assert RIGHT_TO_LEFT_CONTROLS in page.widget.children[0].value
    assert "wb-right-to-left" not in RepPage(Workspace(tmp_path / "rep-en")).widget._dom_classes
