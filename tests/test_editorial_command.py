"""`workbench editorial plan`: the function the command calls, end to end on a small folder."""
import pytest

from workbench.editorial.command import main, plan_from_folder, write_demo_folder
from workbench.editorial.export import read_ics, read_plan_csv
from workbench.errors import DataError


def test_plan_from_folder_writes_both_files(tmp_path):
    write_demo_folder(tmp_path)
    plan, report = plan_from_folder(tmp_path, weeks=4, start="2026-03-02", ics=tmp_path / "p.ics",
                                    csv=tmp_path / "p.csv", manager="Lina Saleh", stamp="2026-02-27")
    assert len(read_ics(tmp_path / "p.ics")) == len(plan) == len(read_plan_csv(tmp_path / "p.csv"))
    assert "hard constraints: 0 breach(es)" in report
    assert plan.attrs["manager"] == "Lina Saleh"


def test_main_with_out_and_errors(tmp_path, capsys):
    write_demo_folder(tmp_path)
    assert main(["plan", "--weeks", "2", "--start", "2026-03-02", "--data", str(tmp_path),
                 "--out", str(tmp_path / "plan.ics"), "--mix", "5-3-2"]) == 0
    assert (tmp_path / "plan.ics").is_file()
    assert "content mix 5-3-2" in capsys.readouterr().out
    assert main(["plan", "--weeks", "2", "--start", "2026-03-02", "--data", str(tmp_path),
                 "--posts-per-week", "1"]) == 2
    assert "constraint 'cadence'" in capsys.readouterr().err
    with pytest.raises(DataError, match="personas.json"):
        plan_from_folder(tmp_path / "nowhere", weeks=1, start="2026-03-02")


def test_package_names_resolve_lazily():
    from workbench import editorial

    assert all(hasattr(editorial, name) for name in editorial.__all__)
