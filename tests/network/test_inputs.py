"""Bad and unusual network inputs: the zip LinkedIn sends, header-only or missing files, empty edge lists, inf."""

import subprocess
import sys
import zipfile

import pytest

from workbench.errors import DataError
from workbench.network.demo import demo_exports
from workbench.network.exports import read_linkedin
from workbench.network.graph import edge_list_network, load_network

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
            'missing."\n\n')


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "workbench.cli", *map(str, args)], capture_output=True, text=True)


def _archive(tmp_path, *, folder=""):
    """An archive shaped like LinkedIn's: about forty CSV files, three of them the network's."""
    sam = demo_exports()[0].folder
    path = tmp_path / "Basic_LinkedInDataExport_02-08-2026.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
            if not (sam / name).exists():
                continue
            text = (sam / name).read_text(encoding="utf-8")
            z.writestr(folder + name, PREAMBLE + text if name == "Connections.csv" else text)
        for other in ("Profile.csv", "Positions.csv", "Skills.csv", "Education.csv", "Endorsement_Received_Info.csv"):
            z.writestr(folder + other, "First Name,Last Name\nSam,Lee\n")
    return path


@pytest.mark.parametrize("folder", ["", "Basic_LinkedInDataExport_02-08-2026/"])
def test_the_zip_linkedin_sends_is_read_as_it_is(tmp_path, folder):
    archive = _archive(tmp_path, folder=folder)
    export = read_linkedin(archive)
    unzipped = read_linkedin(demo_exports()[0].folder)
    assert export.connections["person"].tolist() == unzipped.connections["person"].tolist()
    assert len(export.messages) == len(unzipped.messages) and export.owner == unzipped.owner
    assert export.notes == []


def test_the_zip_on_the_command_line(tmp_path):
    archive = _archive(tmp_path)
    done = _cli("network", "connectors", archive, "--top", "3", "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("person,") and len(lines) == 4
    assert "Traceback" not in done.stderr


def test_a_damaged_zip_is_a_clear_error(tmp_path):
    bad = tmp_path / "Basic_LinkedInDataExport_02-08-2026.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataError, match="archive cannot be opened"):
        read_linkedin(bad)


def test_a_header_only_connections_file_is_said(tmp_path):
    sam = demo_exports()[0].folder
    (tmp_path / "Connections.csv").write_text(PREAMBLE + HEADER, encoding="utf-8")
    (tmp_path / "messages.csv").write_text((sam / "messages.csv").read_text(encoding="utf-8"), encoding="utf-8")
    export = read_linkedin(tmp_path)
    assert export.connections.empty and "has a header and no connections" in export.notes[0]
    assert load_network(tmp_path).notes == export.notes


@pytest.mark.parametrize("command", ["connectors", "report"])
def test_a_folder_with_only_a_header_only_connections_file_stops_cleanly(tmp_path, command):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(HEADER, encoding="utf-8")
    args = ["network", command, folder] + (["--out", tmp_path / "r.html"] if command == "report" else [])
    done = _cli(*args)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "no connections, messages or invitations" in done.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_missing_connections_file_warns_on_the_command_line(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    sam = demo_exports()[0].folder
    (folder / "messages.csv").write_text((sam / "messages.csv").read_text(encoding="utf-8"), encoding="utf-8")
    done = _cli("network", "report", folder, "--out", tmp_path / "r.html")
    assert done.returncode == 0, done.stderr
    assert "warning: the export has no Connections.csv" in done.stderr


@pytest.mark.parametrize("text", ["", "source,target\n", "source,target\na,a\n"])
def test_an_empty_edge_list_is_a_clear_error(tmp_path, text):
    path = tmp_path / "edges.csv"
    path.write_text(text)
    with pytest.raises(DataError, match="edge list"):
        edge_list_network(path)
    done = _cli("network", "connectors", path)
    assert done.returncode != 0 and "Traceback" not in done.stderr and "edges.csv" in done.stderr


@pytest.mark.parametrize("bad", ["inf", "-inf", "nan", "0", "heavy"])
def test_weights_must_be_finite_and_positive(tmp_path, bad):
    path = tmp_path / "edges.csv"
    path.write_text(f"source,target,weight\na,b,1\nb,c,{bad}\n")
    with pytest.raises(DataError) as err:
        edge_list_network(path)
    assert err.value.row == 3 and err.value.column == "weight"
