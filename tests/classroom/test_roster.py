"""The class roster: every bad row named by file, row and column, with how to fix it."""

import pytest

from workbench.classroom.roster import read_class_roster
from workbench.cli import main
from workbench.errors import DataError


@pytest.fixture
def roster(tmp_path):
    def write(text: str):
        path = tmp_path / "roster.csv"
        path.write_text(text, encoding="utf-8")
        return path
    return write


def test_logins_names_seeds_and_languages(roster):
    trainees = read_class_roster(roster("login,name,email,seed,lang\namina,Amina Diallo,a@acme.example,,fr\n"
                                        "reza,,,1001,\n\n"))
    assert [t.as_dict() for t in trainees] == [
        {"login": "amina", "name": "Amina Diallo", "email": "a@acme.example", "seed": 1002, "lang": "fr"},
        {"login": "reza", "name": "reza", "email": "", "seed": 1001, "lang": ""}]


def test_seeds_as_session_release_gives_them(roster):
    assert [t.seed for t in read_class_roster(roster("login\na\nb\nc\n"))] == [1001, 1002, 1003]


@pytest.mark.parametrize("text, row, column, words", [
    ("login\nAmina\n", 2, "login", "not a login"),
    ("login\na\n\n", None, None, None),
    ("login\na\na\n", 3, "login", "already on row 2"),
    ("login,seed\na,x1\n", 2, "seed", "not a whole number"),
    ("login,seed\na,7\nb,7\n", 3, "seed", "already on row 2"),
    ("login,email\na,not-an-address\n", 2, "email", "not an email"),
    ("login,lang\na,French\n", 2, "lang", "not a language code"),
    ("login,team\na,x\n", 1, "team", "unknown column"),
    ("name\nAmina\n", 1, None, "no 'login' column"),
    ("login\na,b\n", 2, None, "2 cells but 1 columns"),
    ("", 1, None, "empty"),
    ("login\n", 2, None, "no trainee"),
])
def test_a_bad_row_is_named(roster, text, row, column, words):
    if words is None:
        assert len(read_class_roster(roster(text))) == 1
        return
    with pytest.raises(DataError) as err:
        read_class_roster(roster(text))
    assert (err.value.row, err.value.column) == (row, column)
    assert words in str(err.value) and "Fix:" in str(err.value) and "roster.csv" in str(err.value)


def test_the_command_says_what_is_wrong_without_a_traceback(roster, capsys):
    assert main(["classroom", "start", str(roster("login\nAmina D\n"))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: roster.csv, row 2, column 'login'") and "Traceback" not in err
    assert main(["classroom", "start", "no/such/roster.csv"]) == 2
