"""Loading and validation: typed tables, and a clear error for each kind of bad input."""

import shutil

import pandas as pd
import pytest

from workbench.cli import main
from workbench.data import SAMPLE_FOLDER, SCHEMA, load, load_sample, validate
from workbench.errors import DataError


@pytest.fixture
def company(tmp_path):
    """A writable copy of the sample company's tables."""
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE_FOLDER, folder, ignore=shutil.ignore_patterns("social", "README.md"))
    return folder


def edit(folder, table, fn):
    path = folder / f"{table}.csv"
    path.write_text(fn(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_sample_loads_typed():
    data = load_sample()
    for table in SCHEMA.values():
        df = data.tables[table.name]
        assert list(df.columns[: len(table.columns)]) == table.column_names
        for column in table.columns:
            dtype = df[column.name].dtype
            if column.kind in ("date", "datetime"):
                assert pd.api.types.is_datetime64_any_dtype(dtype), (table.name, column.name)
            elif column.kind == "category":
                assert isinstance(dtype, pd.CategoricalDtype), (table.name, column.name)
            elif column.kind == "int":
                assert str(dtype) == "Int64", (table.name, column.name)
            elif column.kind == "bool":
                assert str(dtype) == "boolean", (table.name, column.name)
    assert data.as_of == pd.Timestamp("2026-06-30")
    assert validate(SAMPLE_FOLDER) == []


def test_load_is_cached_and_a_company_folder_loads(company):
    first = load(company)
    assert load(company) is first
    assert len(first.contacts) == len(load_sample().contacts)


def raises(folder, **expected):
    with pytest.raises(DataError) as info:
        load(folder)
    err = info.value
    for key, value in expected.items():
        got = getattr(err, key)
        if key == "file":
            assert got.endswith(value), (got, value)
        elif key == "what":
            assert value in got, (got, value)
        else:
            assert got == value, (key, got, value)
    assert err.fix, "every error says how to fix it"
    return err


def test_missing_folder(tmp_path):
    raises(tmp_path / "nope", what="folder not found")


def test_missing_file(company):
    (company / "cases.csv").unlink()
    raises(company, file="cases.csv", what="file is missing")


def test_empty_file(company):
    (company / "products.csv").write_text("")
    raises(company, file="products.csv", what="empty")


def test_misspelled_column(company):
    edit(company, "contacts", lambda t: t.replace(",email,", ",emial,", 1))
    err = raises(company, file="contacts.csv", row=1, column="emial", what="misspelling of 'email'")
    assert "rename" in err.fix


def test_missing_required_column(company):
    def drop_stage(text):
        rows = [line.split(",") for line in text.splitlines()]
        i = rows[0].index("stage")
        return "\n".join(",".join(r[:i] + r[i + 1:]) for r in rows) + "\n"
    edit(company, "stages", drop_stage)
    raises(company, file="stages.csv", column=None, what="required column 'stage'")


def set_cell(*, line: int, column: str, value: str):
    """An edit writing ``value`` into ``column`` of the file's ``line`` (0 is the header)."""
    def edit_text(text):
        lines = text.splitlines()
        cells = lines[line].split(",")
        cells[lines[0].split(",").index(column)] = value
        lines[line] = ",".join(cells)
        return "\n".join(lines) + "\n"
    return edit_text


def test_unparseable_date(company):
    edit(company, "accounts", set_cell(line=2, column="created_at", value="31/02/2024"))
    err = raises(company, file="accounts.csv", row=3, column="created_at", what="not a date")
    assert "YYYY-MM-DD" in err.fix


def test_duplicate_key(company):
    edit(company, "users", lambda t: t + t.splitlines()[1] + "\n")
    raises(company, file="users.csv", column="user_id", what="duplicate key")


def test_dangling_reference(company):
    edit(company, "accounts", set_cell(line=1, column="owner_id", value="U999"))
    raises(company, file="accounts.csv", row=2, column="owner_id", what="not in users.csv")


def test_wrong_encoding(company):
    path = company / "users.csv"
    path.write_bytes(path.read_bytes() + "U900,Zoé Ça,sales,,Europe\n".encode("latin-1"))
    err = raises(company, file="users.csv", what="not UTF-8")
    assert "UTF-8" in err.fix and "iconv -f WINDOWS-1252 -t UTF-8 users.csv" in err.fix


def test_arabic_windows_encoding_gets_its_own_fix(company):
    path = company / "users.csv"
    path.write_bytes(path.read_bytes() + "U900,سهل الحكير,sales,,Gulf\n".encode("cp1256"))
    err = raises(company, file="users.csv", what="not UTF-8")
    assert "Windows-1256" in err.fix and "iconv -f WINDOWS-1256" in err.fix


def test_wrong_delimiter(company):
    edit(company, "products", lambda t: t.replace(",", ";"))
    raises(company, file="products.csv", row=1, what="semicolons")


def test_value_not_allowed(company):
    edit(company, "activities", lambda t: t.replace(",call,", ",phonecall,", 1))
    raises(company, file="activities.csv", column="type", what="not an allowed value")


def test_extra_columns_are_kept(company):
    edit(company, "products", lambda t: "\n".join(
        line + (",note" if i == 0 else ",x") for i, line in enumerate(t.splitlines())) + "\n")
    assert "note" in load(company).products.columns


def test_validate_collects_every_problem(company):
    (company / "cases.csv").unlink()
    edit(company, "users", lambda t: t + t.splitlines()[1] + "\n")
    problems = validate(company)
    assert len(problems) >= 2
    assert {p.file.split("/")[-1] for p in problems} >= {"cases.csv", "users.csv"}


def test_cli_validate_prints_short_error_and_exits_2(company, capsys):
    (company / "cases.csv").unlink()
    assert main(["data", "validate", str(company)]) == 2
    err = capsys.readouterr().err
    assert "cases.csv: file is missing" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2


def test_cli_validate_clean_folder(capsys):
    assert main(["data", "validate", str(SAMPLE_FOLDER)]) == 0
    assert "matches the schema" in capsys.readouterr().out


def test_start_uses_settings_folder(company, monkeypatch):
    import workbench as wb

    monkeypatch.setenv("WORKBENCH_DATA", str(company))
    assert wb.start(None).folder == company.resolve()
    monkeypatch.delenv("WORKBENCH_DATA")
    assert wb.start(None).folder == SAMPLE_FOLDER


def _set(folder, table, row, column, value):
    """Set one cell (``row`` counted as a spreadsheet does: the header is row 1)."""
    path = folder / f"{table}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


def test_bad_email_and_phone_formats_load_with_a_warning_naming_file_row_and_column(company):
    _set(company, "contacts", 5, "email", "amina.rahman@example")
    _set(company, "contacts", 7, "email", "no email")
    _set(company, "contacts", 9, "phone", "call me")
    _set(company, "leads", 3, "email", "leila@")
    data = load(company)
    assert len(data.contacts) == len(load_sample().contacts)  # the load goes through
    found = {(w.file.split("/")[-1], w.column): w for w in data.warnings}
    email = found[("contacts.csv", "email")]
    assert email.row == 5 and email.what == "not an email address: 'amina.rahman@example' (2 rows: 5, 7)"
    assert "name@domain.tld" in email.fix
    assert "'amina.rahman@example'" in str(email)
    phone = found[("contacts.csv", "phone")]
    assert phone.row == 9 and "not a phone number: 'call me'" in phone.what and "+33 6 12 34 56 78" in phone.fix
    assert found[("leads.csv", "email")].row == 3


def test_the_loader_and_the_forms_apply_the_same_format_rules():
    from workbench.data import rules
    from workbench.practice import records, sandbox, tiny_dataset

    db = sandbox(tiny_dataset())
    for column, value in (("email", "amina.rahman@example"), ("phone", "call me"), ("email", "a@b.example")):
        form = records.validate(db, "contacts", {"first_name": "A", "last_name": "B", column: value}).get(column)
        assert form == rules.format_problem(column, value)
        assert bool(rules.bad_format(column, pd.Series([value])).iloc[0]) == (form is not None)


def test_a_preferred_channel_without_its_address_is_a_warning(company):
    from workbench.data.rules import channel_without_address

    found = []
    assert validate(company, warnings=found) == []
    sample = load_sample().contacts
    expected = sample.index[channel_without_address(sample)][0] + 2
    (warning,) = [w for w in found if w.column == "preferred_channel"]
    assert warning.row == expected and warning.file.endswith("contacts.csv") and "address" in warning.what


def test_validate_keeps_errors_and_warnings_apart(company):
    _set(company, "contacts", 4, "phone", "call me")
    (company / "cases.csv").unlink()
    found = []
    errors = validate(company, warnings=found)
    assert [e.file.split("/")[-1] for e in errors] == ["cases.csv"]
    assert any(w.column == "phone" and w.row == 4 for w in found)


def _header_only(folder, tables=None):
    for path in sorted(folder.glob("*.csv")):
        if tables is None or path.stem in tables:
            path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def test_an_export_of_header_only_tables_is_refused_by_validate_load_and_start(company, capsys):
    import workbench as wb

    _header_only(company)
    (problem,) = validate(company)
    assert problem.what.startswith("users.csv, accounts.csv, contacts.csv, stages.csv, opportunities.csv, "
                                   "activities.csv hold only their header row")
    assert "export those tables again with their rows" in problem.fix
    with pytest.raises(DataError, match="hold only their header row"):
        wb.start(company)
    assert main(["data", "validate", str(company)]) == 2
    err = capsys.readouterr().err
    assert "hold only their header row" in err and "Traceback" not in err


def test_one_empty_table_the_lessons_need_is_named(company):
    _header_only(company, {"activities"})
    (problem,) = validate(company)
    assert problem.what == "activities.csv holds only its header row, and the lessons need records in it"


def test_validate_counts_every_bad_value_of_a_column_and_lists_the_first_rows(company):
    for row in (3, 5, 8, 9, 10, 12, 20):
        _set(company, "accounts", row, "created_at", "31/02/2024")
    (problem,) = validate(company)
    assert (problem.row, problem.column) == (3, "created_at")
    assert problem.what == "not a date: '31/02/2024' (7 rows: 3, 5, 8, 9, 10, ...)"


def test_load_and_validation_errors_in_french_and_persian_keep_the_file_and_column(company, english_runs_left,
                                                                                     english_words_left):
    from workbench.i18n.language import use_language

    for row in (3, 5):
        _set(company, "accounts", row, "created_at", "31/02/2024")
    _set(company, "accounts", 4, "owner_id", "U999")
    with use_language("fr"):
        problems = [str(p) for p in validate(company)]
    dates = next(p for p in problems if "created_at" in p)
    assert dates.startswith("accounts.csv, ligne 3") and "pas une date" in dates and "(2 lignes : 3, 5)" in dates
    assert "écrivez les dates sous la forme" in dates
    owner = next(p for p in problems if "U999" in p)
    assert "renvoie à une fiche absente de users.csv" in owner and "owner_id" in owner
    assert all(english_runs_left(p) == [] for p in problems), problems
    with use_language("fa"):
        problems = [str(p) for p in validate(company)]
    assert problems and all(english_words_left(p, "accounts.csv", "users.csv", "created_at", "owner_id",
                                               "user_id", "YYYY-MM-DD") == [] for p in problems), problems


def test_values_written_loosely_load_to_the_same_tables_as_the_clean_export(company, tmp_path):
    """White space around values (a tab, a non-breaking space), yes/no words and thousands separators are read as
    the clean values they stand for, in every kind of column."""
    clean = tmp_path / "clean"
    shutil.copytree(company, clean)
    edit(company, "stages", lambda t: t.replace(",false,false", ", No ,0", 2).replace(",true,true", ",Yes,\tY", 1))
    edit(company, "accounts", lambda t: t.replace(",205,28530000.00,,U003,", ",205,\"28,530,000.00\",, U003\u00a0,", 1))
    edit(company, "contacts", lambda t: t.replace(",Office Manager,lead,email,1,", ",Office Manager , lead,email\t,1,", 1))
    loose, expected = load(company), load(clean)
    for name, df in expected.tables.items():
        pd.testing.assert_frame_equal(loose.tables[name], df, check_exact=True)
    assert loose.accounts.loc[0, "annual_revenue"] == 28_530_000.0 and loose.accounts.loc[0, "owner_id"] == "U003"
    assert [str(w) for w in loose.warnings] == [str(w).replace(str(clean), str(company)) for w in expected.warnings]
