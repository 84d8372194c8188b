"""LinkedIn export importers: every layout variant, and malformed files."""

import io

import pandas as pd
import pytest

from workbench.errors import DataError
from workbench.network.exports import read_linkedin, read_team
from workbench.network.linkedin import person_key, read_connections, read_invitations, read_messages

PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
            'are missing."\n\n')
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROWS = ("Amina,Rahman,https://www.linkedin.com/in/amina-rahman,amina@example.com,Orion,CFO,08 Feb 2026\n"
        "Karim,Haddad,https://www.linkedin.com/in/karim-h/,,\"Atlas, Inc.\",CTO,12 Mar 2024\n")


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


@pytest.mark.parametrize("preamble", [PREAMBLE, ""])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_connections_with_or_without_preamble_and_bom(tmp_path, preamble, encoding):
    df = read_connections(write(tmp_path, "Connections.csv", preamble + HEADER + ROWS, encoding))
    assert df["person"].tolist() == ["in/amina-rahman", "in/karim-h"]
    assert df["company"].tolist() == ["Orion", "Atlas, Inc."]
    assert df["connected_on"].tolist() == [pd.Timestamp("2026-02-08"), pd.Timestamp("2024-03-12")]


def test_connections_without_url_column_key_on_name(tmp_path):
    text = ("First Name,Last Name,Email Address,Company,Position,Connected On\n"
            "Amina,Rahman,,Orion,CFO,08 Feb 2026\n")
    df = read_connections(write(tmp_path, "Connections.csv", text))
    assert df.loc[0, "person"] == "name:amina rahman"
    assert df.loc[0, "url"] == ""


def test_headers_matched_by_name_in_any_order_extra_columns_kept(tmp_path):
    text = "Connected On,Position,Tags,Company,Last Name,First Name,URL\n2026-02-08,CFO,vip,Orion,Rahman,Amina,\n"
    df = read_connections(write(tmp_path, "Connections.csv", text))
    assert df.loc[0, "name"] == "Amina Rahman"
    assert df.loc[0, "Tags"] == "vip"
    assert df.loc[0, "connected_on"] == pd.Timestamp("2026-02-08")


def test_hidden_profiles_with_blank_names_are_kept_and_distinct(tmp_path):
    text = HEADER + ",,,,,,08 Feb 2026\n,,,,,,09 Feb 2026\n" + ROWS
    df = read_connections(write(tmp_path, "Connections.csv", text))
    assert df["hidden"].tolist() == [True, True, False, False]
    assert df["person"].nunique() == 4


@pytest.mark.parametrize("value,expected", [
    ("08 Feb 2026", "2026-02-08"), ("2026-02-08", "2026-02-08"), ("Feb 08, 2026", "2026-02-08"),
    ("8 February 2026", "2026-02-08")])
def test_connected_on_date_formats(tmp_path, value, expected):
    text = HEADER + f'Amina,Rahman,,,,,"{value}"\n'
    df = read_connections(write(tmp_path, "Connections.csv", text))
    assert df.loc[0, "connected_on"] == pd.Timestamp(expected)


def test_bad_date_names_file_row_and_column(tmp_path):
    text = PREAMBLE + HEADER + ROWS + "Bo,Chen,,,,,31 Feb 2026\n"
    with pytest.raises(DataError) as err:
        read_connections(write(tmp_path, "Connections.csv", text))
    assert err.value.row == 4 and err.value.column == "Connected On"
    assert "Connections.csv" in str(err.value)


def test_bad_date_error_gives_the_file_line_below_the_preamble(tmp_path):
    text = PREAMBLE + HEADER + ROWS + "Bo,Chen,,,,,31 Feb 2026\n"
    with pytest.raises(DataError) as err:
        read_connections(write(tmp_path, "Connections.csv", text))
    assert "line 7 of the file" in str(err.value)  # 3 preamble lines, the header, then row 4


@pytest.mark.parametrize("preamble,line", [("", 4), (PREAMBLE, 7)])
def test_ragged_row_names_the_row(tmp_path, preamble, line):
    text = preamble + HEADER + ROWS + "Bo,Chen,x,y,z,w,08 Feb 2026,extra,more\n"
    with pytest.raises(DataError) as err:
        read_connections(write(tmp_path, "Connections.csv", text))
    assert err.value.row == 4  # header = row 1, Amina 2, Karim 3, Bo 4
    assert "9 fields, the header has 7" in str(err.value) and f"line {line} of the file" in str(err.value)


def test_ragged_row_after_a_quoted_line_break_and_a_blank_line(tmp_path):
    text = HEADER + 'Amina,Rahman,,,"Orion\nBank",CFO,08 Feb 2026\n\nBo,Chen,x,y,z,w,08 Feb 2026,extra\n'
    with pytest.raises(DataError) as err:
        read_connections(write(tmp_path, "Connections.csv", text))
    assert err.value.row == 3 and "line 5 of the file" in str(err.value)


def test_missing_header_and_empty_file(tmp_path):
    with pytest.raises(DataError, match="no header row") as err:
        read_connections(write(tmp_path, "Connections.csv", "a,b,c\n1,2,3\n"))
    assert err.value.column == "First Name"
    with pytest.raises(DataError, match="empty"):
        read_connections(write(tmp_path, "Connections.csv", ""))


def test_missing_required_column_is_named_with_a_suggestion(tmp_path):
    text = PREAMBLE + HEADER.replace("Connected On", "Conected On") + ROWS
    with pytest.raises(DataError) as err:
        read_connections(write(tmp_path, "Connections.csv", text))
    assert err.value.column == "Connected On"
    assert "line 4 of the file" in str(err.value) and "did you mean 'Conected On'?" in str(err.value)
    with pytest.raises(DataError) as err:
        read_invitations(io.StringIO("From,To,Message,Direction\nAna B,Sam Lee,,INCOMING\n"))
    assert err.value.column == "Sent At" and "did you mean" not in str(err.value)


def test_crlf_files_read_like_lf_files(tmp_path):
    text = (PREAMBLE + HEADER + ROWS).replace("\n", "\r\n")
    path = tmp_path / "Connections.csv"
    path.write_bytes(text.encode("utf-8"))
    df = read_connections(path)
    assert df["person"].tolist() == ["in/amina-rahman", "in/karim-h"]
    assert df["connected_on"].tolist() == [pd.Timestamp("2026-02-08"), pd.Timestamp("2024-03-12")]
    bad = tmp_path / "bad" / "Connections.csv"
    bad.parent.mkdir()
    bad.write_bytes((PREAMBLE + HEADER + ROWS + "Bo,Chen,,,,,31 Feb 2026\n").replace("\n", "\r\n").encode())
    with pytest.raises(DataError, match="line 7 of the file"):
        read_connections(bad)


MSG_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
              "SUBJECT,CONTENT,FOLDER\n")


def test_messages_several_recipients_give_one_row_each():
    text = MSG_HEADER + ('c1,,Sam Lee,https://www.linkedin.com/in/sam,"Ana B, Bo C",'
                         '"https://www.linkedin.com/in/ana, https://www.linkedin.com/in/bo",'
                         '2025-06-01 14:03:22 UTC,,"Hi, both",INBOX\n')
    df = read_messages(io.StringIO(text))
    assert df[["sender", "recipient", "recipient_name"]].values.tolist() == [
        ["in/sam", "in/ana", "Ana B"], ["in/sam", "in/bo", "Bo C"]]
    assert df["date"].iloc[0] == pd.Timestamp("2025-06-01 14:03:22")


def test_messages_old_layout_without_urls_maps_names():
    text = "CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT\nc1,,Sam Lee,Ana B,2025-06-01 14:03:22 UTC,,hi\n"
    df = read_messages(io.StringIO(text), names_to_keys={"ana b": "in/ana"})
    assert df[["sender", "recipient"]].values.tolist() == [["name:sam lee", "in/ana"]]


def test_messages_with_sender_urls_but_no_recipient_urls_key_recipients_by_name():
    text = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
            'c1,,Sam Lee,https://www.linkedin.com/in/sam,"Ana B, Bo C",2025-06-01 14:03:22 UTC,,hi,INBOX\n')
    df = read_messages(io.StringIO(text), names_to_keys={"ana b": "in/ana"})
    assert df[["sender", "recipient"]].values.tolist() == [["in/sam", "in/ana"], ["in/sam", "name:bo c"]]


def test_messages_from_a_deleted_member_are_skipped_not_fatal():
    text = MSG_HEADER + (",,,,Sam Lee,https://www.linkedin.com/in/sam,2025-06-01 14:03:22 UTC,,hi,INBOX\n"
                         "c2,,Ana B,https://www.linkedin.com/in/ana,Sam Lee,https://www.linkedin.com/in/sam,"
                         "2025-06-02 14:03:22 UTC,,hello,INBOX\n").replace(",,,,Sam", "c1,,,,Sam")
    df = read_messages(io.StringIO(text))
    assert df[["sender", "recipient"]].values.tolist() == [["in/ana", "in/sam"]]
    deleted = 'From,To,Sent At,Message,Direction\n,Sam Lee,"1/29/26, 2:37 PM",,INCOMING\n'
    invitations = read_invitations(io.StringIO(deleted), owner="in/sam")
    assert invitations.empty


def test_an_export_with_a_deleted_sender_builds_a_network(tmp_path):
    from workbench.network.graph import build_network

    write(tmp_path, "Connections.csv", HEADER + ROWS)
    write(tmp_path, "messages.csv", MSG_HEADER + (
        "c1,,,,Sam Lee,https://www.linkedin.com/in/sam,2026-02-09 10:00:00 UTC,,hi,INBOX\n"
        "c2,,Sam Lee,https://www.linkedin.com/in/sam,Amina Rahman,https://www.linkedin.com/in/amina-rahman,"
        "2026-02-10 10:00:00 UTC,,hi,INBOX\n"))
    write(tmp_path, "Invitations.csv", 'From,To,Sent At,Message,Direction\n,Sam Lee,"1/29/26, 2:37 PM",,INCOMING\n')
    net = build_network(read_linkedin(tmp_path, owner="Sam Lee"))
    assert net.graph.has_edge("in/sam", "in/amina-rahman") and net.graph.number_of_nodes() == 3


def test_bad_date_in_messages_names_row_column_and_line():
    text = MSG_HEADER + ("c1,,Sam,https://www.linkedin.com/in/sam,Ana,https://www.linkedin.com/in/ana,"
                         "2025-06-01 14:03:22 UTC,,hi,INBOX\n"
                         "c1,,Ana,https://www.linkedin.com/in/ana,Sam,https://www.linkedin.com/in/sam,"
                         "yesterday,,hi,INBOX\n")
    with pytest.raises(DataError) as err:
        read_messages(io.StringIO(text), name="messages.csv")
    assert (err.value.row, err.value.column) == (3, "DATE")
    assert "'yesterday' is not a date" in str(err.value) and "line 3 of the file" in str(err.value)


def test_invitations_four_digit_years_and_bad_dates():
    text = 'From,To,Sent At,Message,Direction\nAna B,Sam Lee,"1/29/2026, 2:37 PM",,INCOMING\n'
    assert read_invitations(io.StringIO(text), owner="in/sam")["sent_at"].iloc[0] == pd.Timestamp("2026-01-29 14:37")
    bad = text + 'Bo C,Sam Lee,"13/45/26, 2:37 PM",,INCOMING\n'
    with pytest.raises(DataError) as err:
        read_invitations(io.StringIO(bad), name="Invitations.csv")
    assert (err.value.row, err.value.column) == (3, "Sent At") and "line 3 of the file" in str(err.value)


def test_messages_variant_columns_and_drafts():
    text = (MSG_HEADER.strip() + ",ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
            "c1,,Sam,https://www.linkedin.com/in/sam,Ana,https://www.linkedin.com/in/ana,2025-06-01 14:03:22 UTC,,hi,SENT,,No,No\n"
            "c1,,Sam,https://www.linkedin.com/in/sam,Ana,https://www.linkedin.com/in/ana,2025-06-02 14:03:22 UTC,,draft,DRAFT,,Yes,No\n")
    df = read_messages(io.StringIO(text))
    assert len(df) == 1
    assert "ATTACHMENTS" in df.columns


def test_invitations_both_layouts_and_bad_direction():
    new = ('From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n'
           'Ana B,Sam Lee,"1/29/26, 2:37 PM",,INCOMING,https://www.linkedin.com/in/ana,https://www.linkedin.com/in/sam\n')
    df = read_invitations(io.StringIO(new), owner="in/sam")
    assert df[["sender", "recipient", "direction"]].values.tolist() == [["in/ana", "in/sam", "INCOMING"]]
    assert df["sent_at"].iloc[0] == pd.Timestamp("2026-01-29 14:37")
    old = 'From,To,Sent At,Message,Direction\nAna B,Sam Lee,"1/29/26, 2:37 PM",,INCOMING\n'
    df = read_invitations(io.StringIO(old), owner="in/sam")
    assert df[["sender", "recipient"]].values.tolist() == [["name:ana b", "in/sam"]]
    bad = 'From,To,Sent At,Message,Direction\nAna B,Sam Lee,"1/29/26, 2:37 PM",,SIDEWAYS\n'
    with pytest.raises(DataError) as err:
        read_invitations(io.StringIO(bad), name="Invitations.csv")
    assert err.value.row == 2 and err.value.column == "Direction"


def test_read_linkedin_folder_infers_owner_and_missing_files_are_empty(tmp_path):
    write(tmp_path, "Connections.csv", PREAMBLE + HEADER + ROWS)
    write(tmp_path, "messages.csv", MSG_HEADER + (
        "c1,,Sam Lee,https://www.linkedin.com/in/sam,Amina Rahman,https://www.linkedin.com/in/amina-rahman,"
        "2026-02-09 10:00:00 UTC,,hi,INBOX\n"
        "c2,,Karim Haddad,https://www.linkedin.com/in/karim-h,Sam Lee,https://www.linkedin.com/in/sam,"
        "2026-02-10 10:00:00 UTC,,hello,INBOX\n"))
    export = read_linkedin(tmp_path)
    assert export.owner == "in/sam" and export.owner_name == "Sam Lee"
    assert len(export.connections) == 2 and len(export.messages) == 2 and export.invitations.empty


def test_file_names_in_any_case_and_any_name_in_a_list(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "CONNECTIONS.CSV", PREAMBLE + HEADER + ROWS)
    write(folder, "Messages.csv", MSG_HEADER + (
        "c1,,Sam Lee,https://www.linkedin.com/in/sam,Amina Rahman,https://www.linkedin.com/in/amina-rahman,"
        "2026-02-09 10:00:00 UTC,,hi,INBOX\n"))
    export = read_linkedin(folder)
    assert len(export.connections) == 2 and len(export.messages) == 1 and export.owner == "in/sam"
    inv = write(tmp_path, "from-sam.csv",
                'From,To,Sent At,Message,Direction\nSam Lee,Bo C,"1/29/26, 2:37 PM",,OUTGOING\n')
    mine = write(tmp_path, "mine.csv", HEADER + ROWS)
    chats = write(tmp_path, "chats.csv", (folder / "Messages.csv").read_text())
    export = read_linkedin([mine, chats, inv], owner="Sam Lee")
    assert (len(export.connections), len(export.messages), len(export.invitations)) == (2, 1, 1)
    with pytest.raises(DataError, match="not a LinkedIn"):
        read_linkedin([write(tmp_path, "notes.csv", "a,b\n1,2\n")])


def test_hidden_profiles_of_two_reps_stay_two_people(tmp_path):
    from workbench.network.graph import build_network

    hidden = HEADER + ",,,,,,08 Feb 2026\n,,,,,,09 Feb 2026\n" + ROWS
    for rep in ("a", "b"):
        (tmp_path / rep).mkdir()
        write(tmp_path / rep, "Connections.csv", hidden)
    sam = read_linkedin(tmp_path / "a", owner="Sam Lee", owner_url="https://www.linkedin.com/in/sam")
    lina = read_linkedin(tmp_path / "b", owner="Lina Park", owner_url="https://www.linkedin.com/in/lina")
    assert sam.connections["person"].tolist()[:2] == ["hidden:in/sam:2", "hidden:in/sam:3"]
    net = build_network([sam, lina], as_of="2026-03-01")
    G = net.graph
    assert not set(G.neighbors("in/sam")) & set(G.neighbors("in/lina")) - {"in/amina-rahman", "in/karim-h"}
    assert G.degree("hidden:in/sam:2") == 1  # tied to Sam only: no fake connector between the reps


def test_read_linkedin_missing_folder():
    with pytest.raises(DataError, match="no such file"):
        read_linkedin("/nonexistent/export")


def test_read_team_from_reps_csv(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "Connections.csv", HEADER + ROWS)
    write(tmp_path / "b", "Connections.csv", HEADER + ROWS.splitlines(True)[0])
    write(tmp_path, "reps.csv", "rep_id,name,folder,linkedin_url\nU1,Sam Lee,a,https://www.linkedin.com/in/sam\n"
                                "U2,Lina Park,b,https://www.linkedin.com/in/lina\n")
    team = read_team(tmp_path)
    assert [e.owner for e in team] == ["in/sam", "in/lina"]
    assert [e.rep_id for e in team] == ["U1", "U2"]
    write(tmp_path, "reps.csv", "rep_id,name,folder\nU1,Sam Lee,missing\n")
    with pytest.raises(DataError, match="does not exist"):
        read_team(tmp_path)


def test_person_key_variants():
    assert person_key("https://fr.linkedin.com/in/Amina-Rahman?x=1") == "in/amina-rahman"
    assert person_key("linkedin.com/in/amina/") == "in/amina"
    assert person_key(float("nan"), "Amina") == "name:amina"


def test_sample_company_exports_read(tmp_path):
    from workbench.data import SAMPLE_FOLDER

    social = SAMPLE_FOLDER / "social"
    if not (social / "reps.csv").exists():
        pytest.skip("sample social data not generated yet")
    team = read_team(social)
    assert len(team) == 3
    for e in team:
        assert e.owner.startswith("in/") and len(e.connections) > 0 and len(e.messages) > 0


def test_person_key_folds_accents_and_case_as_every_name_comparison_does():
    assert person_key(None, "Hélène Dupont") == person_key(None, "Helene DUPONT") == "name:helene dupont"
    assert person_key(None, "كريم") == person_key(None, "کریم")
