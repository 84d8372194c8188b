from workbench.errors import DataError, InputError, WorkbenchError


def test_message_has_what_where_and_fix():
    err = DataError("not a date: 'x'", file="/tmp/a/contacts.csv", row=3, column="created_at",
                    fix="write dates as YYYY-MM-DD")
    assert str(err) == ("contacts.csv, row 3, column 'created_at': not a date: 'x'. "
                        "Fix: write dates as YYYY-MM-DD.")
    assert isinstance(err, WorkbenchError)
    assert err.file.endswith("contacts.csv")


def test_message_without_location():
    assert str(InputError("k must be positive")) == "k must be positive."
