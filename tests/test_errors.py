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


def test_a_notebook_shows_the_message_not_a_traceback():
    """IPython (the notebook's kernel) uses ``_render_traceback_``: two lines, no library code."""
    import subprocess
    import sys

    cell = ("from workbench.errors import DataError\n"
            "def start():\n"
            "    raise DataError('file is missing', file='exports/contacts.csv', fix='export the contacts')\n"
            "start()\n")
    script = ("from IPython.core.interactiveshell import InteractiveShell\n"
              "InteractiveShell.instance(colors='NoColor').run_cell(open(0).read())\n")
    shown = subprocess.run([sys.executable, "-c", script], input=cell, capture_output=True, text=True,
                           timeout=60).stdout
    assert "Traceback" not in shown and "def start" not in shown
    assert "DataError\x1b[0m: contacts.csv: file is missing." in shown
    assert "Fix: export the contacts." in shown
