"""The Krebs register benchmark's reading and model, on blocks written in the UCI layout by the fixtures."""

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
HEADER = '"id_1","id_2","cmp_fname_c1","cmp_fname_c2","cmp_lname_c1","cmp_lname_c2","cmp_sex","cmp_bd","cmp_bm",' \
         '"cmp_by","cmp_plz","is_match"'


@pytest.fixture(scope="module")
def krebs():
    spec = importlib.util.spec_from_file_location("krebs_register", BENCHMARKS / "krebs_register.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def block_text(seed: int, pairs: int = 3000, matches: int = 60) -> str:
    """A block as the UCI set writes it: true pairs mostly agree, others mostly not; ``?`` where missing."""
    rng = np.random.default_rng(seed)
    lines = [HEADER]
    for k in range(pairs):
        match = k < matches
        agree = 0.93 if match else 0.12
        names = [1.0 if rng.random() < agree else round(float(rng.uniform(0, 0.95)), 3) for _ in range(4)]
        names[1] = names[1] if rng.random() < 0.1 else "?"  # second components are mostly missing
        names[3] = names[3] if rng.random() < 0.05 else "?"
        # strangers in a block often share sex and birth year; a true pair nearly always shares everything
        exact = [int(rng.random() < (0.97 if match else share)) for share in (0.5, 0.05, 0.1, 0.3, 0.05)]
        if rng.random() < 0.02:
            exact[4] = "?"
        row = [k, k + 100_000, *names, *exact, "TRUE" if match else "FALSE"]
        lines.append(",".join(map(str, row)))
    return "\n".join(lines) + "\n"


def write_zip(path: Path, members: dict) -> Path:
    """A zip at ``path`` holding each member: text, or a file already written (a zip inside the zip)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            if isinstance(content, Path):
                archive.write(content, name)
            else:
                archive.writestr(name, content)
    return path


def test_read_blocks_from_a_folder_of_csv_and_zips_and_the_uci_archive(krebs, tmp_path):
    (tmp_path / "block_1.csv").write_text(block_text(1, pairs=50, matches=5))
    write_zip(tmp_path / "block_2.zip", {"block_2.csv": block_text(2, pairs=40, matches=4)})
    # the archive's zip holds one zip per block; block 1 is found again there and read once
    inner = tmp_path / "inner"
    inner.mkdir()
    write_zip(tmp_path / "donation.zip", {
        "block_1.zip": write_zip(inner / "one.zip", {"block_1.csv": block_text(1, pairs=50, matches=5)}),
        "block_3.zip": write_zip(inner / "three.zip", {"block_3.csv": block_text(3, pairs=30, matches=3)}),
        "documentation": "Record Linkage Comparison Patterns"})
    frame = krebs.read_blocks(tmp_path)
    assert sorted(frame["block"].unique()) == [1, 2, 3]
    assert len(frame) == 120 and int(frame["is_match"].sum()) == 12
    assert frame["cmp_fname_c2"].isna().any() and frame["is_match"].dtype == bool
    only_archive = krebs.read_blocks(tmp_path / "donation.zip")
    assert sorted(only_archive["block"].unique()) == [1, 3] and len(only_archive) == 80
    download = write_zip(inner / "download.zip", {"donation.zip": tmp_path / "donation.zip"})  # a zip in a zip
    assert len(krebs.read_blocks(download)) == 80


def test_levels_cut_names_like_our_name_comparison(krebs):
    import pandas as pd

    frame = pd.DataFrame({c: [1.0, 0.95, 0.85, 0.5, np.nan] for c in krebs.FIELDS})
    levels, sizes = krebs.to_levels(frame)
    assert levels[:, 0].tolist() == [3, 2, 1, 0, -1]
    assert levels[:, 8].tolist() == [1, 1, 1, 1, -1]
    assert sizes == [4, 4, 4, 4, 2, 2, 2, 2, 2]


def test_em_without_labels_finds_the_true_pairs(krebs, tmp_path):
    (tmp_path / "block_1.csv").write_text(block_text(7))
    frame = krebs.read_blocks(tmp_path / "block_1.csv")
    called, model = krebs.fit_and_classify(frame)
    precision, recall, f1 = krebs.pair_scores(called, frame["is_match"])
    assert f1 > 0.9, (precision, recall)
    weights = model.weights()
    assert weights.loc[("cmp_bd", 1), "weight"] > weights.loc[("cmp_sex", 1), "weight"]  # a shared birthday says more


def test_run_prints_ours_beside_recordlinkage_ecm(krebs, tmp_path, capsys):
    pytest.importorskip("recordlinkage")
    (tmp_path / "block_1.csv").write_text(block_text(3, pairs=1000, matches=30))
    out = krebs.run(tmp_path)
    printed = capsys.readouterr().out
    assert "1,000 compared pairs in 1 block(s), 30 true matches (part of the set" in printed
    assert "workbench EM" in printed and "recordlinkage ECM" in printed and "learnt weight of the same value: fname_c1" in printed
    assert set(out) == {"ours", "recordlinkage"} and all(0 <= v <= 1 for v in out["recordlinkage"])


@pytest.mark.parametrize(("content", "message"), [
    ('"id_1","id_2","cmp_fname_c1"\n1,2,0.5\n', "no column cmp_fname_c2"),
    (HEADER + "\n1,2,1,?,1,?,1,1,1,1,1,maybe\n", "line 2, column is_match: 'maybe' is not TRUE or FALSE"),
])
def test_bad_blocks_say_which_file_and_what_is_wrong(krebs, tmp_path, content, message):
    (tmp_path / "block_4.csv").write_text(content)
    with pytest.raises(krebs.KrebsDataError, match="block_4.csv") as error:
        krebs.read_blocks(tmp_path)
    assert message in str(error.value)


def test_a_folder_without_blocks_and_the_cli_exit(krebs, tmp_path):
    with pytest.raises(krebs.KrebsDataError, match="no block_N.csv or block_N.zip found"):
        krebs.read_blocks(tmp_path)
    with pytest.raises(krebs.KrebsDataError, match="no such file or folder"):
        krebs.read_blocks(tmp_path / "missing")
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_dedupe.py"), "--krebs", str(tmp_path / "x")],
                          capture_output=True, text=True, timeout=120, cwd=BENCHMARKS.parent)
    assert done.returncode == 2 and "no such file or folder" in done.stderr and "Traceback" not in done.stderr
