"""`workbench editorial plan`: the function the command calls, and the command itself, end to end on a small folder."""
import subprocess
import sys

import pandas as pd
import pytest

from workbench.cli import main
from workbench.editorial.command import plan_from_folder, write_demo_folder
from workbench.editorial.export import read_ics, read_plan_csv
from workbench.errors import DataError, InputError

PLAN = ["editorial", "plan", "--weeks", "2", "--start", "2026-03-02"]


@pytest.fixture
def folder(tmp_path):
    write_demo_folder(tmp_path)
    return tmp_path


def test_plan_from_folder_writes_both_files(folder):
    plan, report = plan_from_folder(folder, weeks=4, start="2026-03-02", ics=folder / "p.ics",
                                    csv=folder / "p.csv", manager="Lina Saleh", stamp="2026-02-27")
    assert len(read_ics(folder / "p.ics")) == len(plan) == len(read_plan_csv(folder / "p.csv"))
    assert any(line.startswith("hard constraints: all met") for line in report)
    assert plan.attrs["manager"] == "Lina Saleh"


def test_each_rep_keeps_their_own_settings_from_reps_csv(folder):
    reps = pd.read_csv(folder / "social" / "reps.csv", dtype=str, keep_default_na=False)
    reps["posts_per_week"] = ["2", ""]  # Farid's cell is empty: the command-line value applies
    reps["hours_per_week"] = ["6", ""]
    reps["days_off"] = ["", "2026-03-04;2026-03-05"]
    reps.to_csv(folder / "social" / "reps.csv", index=False)
    plan, report = plan_from_folder(folder, weeks=2, start="2026-03-02", posts_per_week=3, react_per_week=1)
    pub = plan[plan["level"] != "react"].groupby(["rep_id", "week"]).size()
    assert pub[("U1", 1)] == 2 and pub[("U2", 1)] == 3
    assert plan.loc[plan["rep_id"] == "U1", "hours"].groupby(plan["week"]).sum().max() <= 6
    assert not plan.loc[plan["rep_id"] == "U2", "planned_on"].isin(pd.to_datetime(["2026-03-04", "2026-03-05"])).any()
    assert (plan[plan["level"] == "react"].groupby(["rep_id", "week"]).size() == 1).all()
    assert "rep U1 (Amina Rahman): 2 posts, 1 reactions, 6 h a week" in report
    assert "rep U2 (Farid Haddad): 3 posts, 1 reactions, 4 h a week, 2 day(s) off" in report


def test_bad_cells_in_reps_csv_are_located(folder):
    reps = pd.read_csv(folder / "social" / "reps.csv", dtype=str, keep_default_na=False)
    reps.assign(posts_per_week=["three", ""]).to_csv(folder / "social" / "reps.csv", index=False)
    with pytest.raises(DataError, match="reps.csv, row 2, column 'posts_per_week': 'three' is not a whole number"):
        plan_from_folder(folder, weeks=1, start="2026-03-02")
    reps.assign(days_off=["", "soon"]).to_csv(folder / "social" / "reps.csv", index=False)
    with pytest.raises(DataError, match="row 3, column 'days_off': 'soon' is not a date"):
        plan_from_folder(folder, weeks=1, start="2026-03-02")


def test_saved_line_is_reused_and_its_review_reminded(folder):
    path = folder / "line.json"
    _, first = plan_from_folder(folder, weeks=1, start="2026-03-02", line=path)
    assert path.is_file() and any(line.startswith("editorial line saved to") for line in first)
    _, again = plan_from_folder(folder, weeks=1, start="2026-09-07", line=path)
    assert f"editorial line read from {path}" in again
    assert any(line.startswith("note: Editorial line review due") for line in again)


def test_command_line_plans_and_writes(folder, capsys):
    assert main([*PLAN, "--data", str(folder), "--out", str(folder / "plan.ics"), "--mix", "5-3-2",
                 "--react-per-week", "1", "--theme-gap-weeks", "2", "--persona-window-weeks", "1"]) == 0
    out = capsys.readouterr().out
    assert "content mix 5-3-2" in out and "3 posts, 1 reactions, 4 h a week" in out
    events = read_ics(folder / "plan.ics")
    assert events["categories"].str.startswith("react").sum() == 4  # 2 reps x 2 weeks x 1 reaction


@pytest.mark.parametrize("args, message", [
    (["--start", "notadate"], "the start date (--start): 'notadate' is not a date. Fix: write the first day as"),
    (["--posts-per-week", "1"], "constraint 'cadence'"),
    (["--theme-gap-weeks", "-1"], "theme_gap_weeks is negative"),
    (["--data", "nowhere"], "no social/personas.json"),
])
def test_command_line_errors_exit_2_without_traceback(folder, capsys, args, message):
    argv = [*PLAN, "--data", str(folder), *args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_function_errors_name_the_problem(folder):
    with pytest.raises(InputError, match="'31/02/2026' is not a date"):
        plan_from_folder(folder, weeks=1, start="31/02/2026")
    with pytest.raises(DataError, match="personas.json"):
        plan_from_folder(folder / "nowhere", weeks=1, start="2026-03-02")


def test_the_command_module_does_not_import_pandas():  # `workbench --help` loads it
    code = "import sys, workbench.editorial.command; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_package_names_resolve_lazily():
    from workbench import editorial

    assert all(hasattr(editorial, name) for name in editorial.__all__)


@pytest.mark.parametrize("start, message", [
    ("05/01/2026", "'05/01/2026' is ambiguous: the day and the month could be either way round"),
    ("25/01/2026", "'25/01/2026' is not a date written YYYY-MM-DD"),
    ("9999-01-04", "9999-01-04 is outside the years a plan can start in (1900 to 2200)"),
    ("2262-04-01", "2262-04-01 is outside the years a plan can start in"),
])
def test_a_start_that_is_not_an_iso_date_in_range_is_refused(folder, capsys, start, message):
    assert main(["editorial", "plan", "--weeks", "2", "--start", start, "--data", str(folder),
                 "--csv", str(folder / "plan.csv")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Fix: write the first day as YYYY-MM-DD" in err and "Traceback" not in err
    assert not (folder / "plan.csv").exists()


def test_an_iso_start_is_read_as_written(folder):
    plan, _ = plan_from_folder(folder, weeks=1, start="2026-05-01")
    assert plan["planned_on"].min() >= pd.Timestamp("2026-05-01") and plan["week"].max() == 1


def test_a_plan_of_more_weeks_than_a_calendar_holds_is_refused(folder):
    with pytest.raises(InputError, match="100000 weeks is more than a plan can hold"):
        plan_from_folder(folder, weeks=100_000, start="2026-03-02")


@pytest.mark.parametrize("extra", [["--csv", "other.csv"], ["--ics", "other.ics"]])
def test_out_with_csv_or_ics_is_refused_rather_than_one_ignored(folder, capsys, extra):
    extra = [extra[0], str(folder / extra[1])]
    assert main([*PLAN, "--data", str(folder), "--out", str(folder / "plan.ics"), *extra]) == 2
    err = capsys.readouterr().err
    assert "--out cannot be given together with --csv or --ics" in err and "Fix:" in err
    assert not list(folder.glob("*.ics")) and not list(folder.glob("*.csv"))


def test_out_with_an_unknown_extension_is_refused(folder, capsys):
    assert main([*PLAN, "--data", str(folder), "--out", str(folder / "plan.txt")]) == 2
    assert "must end in .csv or .ics" in capsys.readouterr().err
    assert not (folder / "plan.txt").exists()


def test_the_plan_s_report_is_in_bengali(folder):
    from workbench.i18n.language import use_language

    with use_language("bn"):
        _plan, report = plan_from_folder(folder, weeks=2, start="2026-03-02", csv=folder / "p.csv")
    assert report[0].startswith("2026-03-02 থেকে ২ সপ্তাহের পরিকল্পনা ২ জন বিক্রয় প্রতিনিধির জন্য")
    assert any(line.startswith("কঠোর শর্ত: সবগুলো পূরণ হয়েছে") for line in report)
    assert any(line.startswith("কনটেন্ট মিশ্রণ 4-1-1") for line in report)
    assert report[-1].endswith("p.csv লেখা হয়েছে")
    assert not any(word in line for line in report for word in ("planned", "posts", "hard constraints", "wrote"))
