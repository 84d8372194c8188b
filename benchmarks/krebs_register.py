"""The Krebs register benchmark: our Fellegi-Sunter fit on record pairs already compared field by field.

The UCI "Record Linkage Comparison Patterns" set (Epidemiologisches
Krebsregister NRW, compared at IMBEI Mainz; CC BY 4.0) holds 5,749,132 pairs
of cancer-registry records in 10 blocks (``block_1.csv`` ... ``block_10.csv``),
20,931 of them true matches.  Each pair is given as the similarity of each field
(first name and last name in two components, sex, birth day, month and year,
postcode; ``?`` where a value is missing) and the gold ``is_match``, not as the
raw records, so blocking and comparing do not apply: what can be measured is
the model.  The similarities are cut into levels the way
:mod:`workbench.crm.comparisons` grades names (the same, alike, somewhat alike,
different; the 0/1 fields different or the same), :mod:`workbench.crm.fellegi_sunter`
fits ``m``, ``u`` and the prior by EM without the labels, and a pair is a match
when its probability reaches the threshold chosen from the probabilities.  The
``recordlinkage`` toolkit's ECM classifier is run on the same patterns, as its
documentation does (missing as 0, binarised at 0.8).

The data: the UCI archive's zip (``donation.zip``, holding ``block_N.zip``; as it
is, or inside the zip a download wraps it in), a folder of ``block_N.csv`` or
``block_N.zip`` files, or ``recordlinkage``'s download cache
(``~/rl_data/krebsregister``).  ``recordlinkage`` does not ship the set:
``load_krebsregister()`` downloads it from the UCI archive on first use.

    python benchmarks/bench_dedupe.py --krebs ~/Downloads/donation.zip
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

#: The comparison fields of a block file, in order, with the kind of levels each is cut into.
FIELDS = {"cmp_fname_c1": "name", "cmp_fname_c2": "name", "cmp_lname_c1": "name", "cmp_lname_c2": "name",
          "cmp_sex": "same", "cmp_bd": "same", "cmp_bm": "same", "cmp_by": "same", "cmp_plz": "same"}
#: Similarity from which a name is "somewhat alike", "alike" and "the same": the cuts
#: :func:`workbench.crm.comparisons.compare` uses for two names' Jaro-Winkler similarity.
NAME_CUTS = (0.8, 0.92, 1.0)
_BLOCK = re.compile(r"^block_(\d+)\.(csv|zip)$")
#: What the whole UCI set holds, to tell a partial copy from the full one.
FULL_PAIRS, FULL_MATCHES = 5_749_132, 20_931


class KrebsDataError(ValueError):
    """The Krebs register files given cannot be read as the UCI comparison patterns."""


def _read_block(source, name: str, block: int) -> pd.DataFrame:
    frame = pd.read_csv(source, na_values="?", low_memory=False)
    missing = [c for c in (*FIELDS, "is_match") if c not in frame.columns]
    if missing:
        raise KrebsDataError(f"{name}: no column {', '.join(missing)} (columns: {', '.join(map(str, frame.columns))}); "
                             "give the UCI 'Record Linkage Comparison Patterns' blocks as downloaded")
    match = frame["is_match"]
    if match.dtype != bool:
        text = match.astype(str).str.upper()
        bad = ~text.isin(["TRUE", "FALSE"])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise KrebsDataError(f"{name}, line {row + 2}, column is_match: {match.iloc[row]!r} is not TRUE or "
                                 "FALSE; give the blocks as downloaded")
        match = text.eq("TRUE")
    fields = frame[list(FIELDS)].apply(pd.to_numeric, errors="coerce")
    return fields.assign(is_match=match.to_numpy(), block=block)


def _blocks_in_zip(archive: zipfile.ZipFile, where: str, found: dict) -> None:
    for member in archive.namelist():
        hit = _BLOCK.match(member.rsplit("/", 1)[-1])
        if member.lower().endswith(".zip"):  # block_N.zip, or the archive's zip inside a download's zip
            with zipfile.ZipFile(io.BytesIO(archive.read(member))) as inner:
                _blocks_in_zip(inner, f"{where}:{member}", found)
        elif hit and int(hit.group(1)) not in found:
            found[int(hit.group(1))] = _read_block(io.BytesIO(archive.read(member)), f"{where}:{member}",
                                                   int(hit.group(1)))


def _blocks_in_file(file: Path, found: dict) -> None:
    if zipfile.is_zipfile(file):
        with zipfile.ZipFile(file) as archive:
            _blocks_in_zip(archive, str(file), found)
    else:
        hit = _BLOCK.match(file.name)
        if hit and int(hit.group(1)) not in found:
            found[int(hit.group(1))] = _read_block(file, str(file), int(hit.group(1)))


def read_blocks(path) -> pd.DataFrame:
    """The comparison patterns of every block under ``path``: a folder, or a zip as the UCI archive gives it.

    One row per pair: the nine similarity fields (NaN where a value was missing), ``is_match`` and
    ``block``.  A folder may hold ``block_N.csv`` or ``block_N.zip`` files, or the archive's zip; a
    block found twice (extracted and still zipped) is read once.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise KrebsDataError(f"{path}: no such file or folder; give the folder of block_1.csv ... block_10.csv "
                             "or the UCI archive's zip")
    found: dict[int, pd.DataFrame] = {}
    files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
    for file in files:
        if file.suffix.lower() in (".zip", ".csv"):
            _blocks_in_file(file, found)
    if not found:
        raise KrebsDataError(f"{path}: no block_N.csv or block_N.zip found; give the folder of the UCI "
                             "'Record Linkage Comparison Patterns' blocks or its zip (donation.zip)")
    return pd.concat([found[block] for block in sorted(found)], ignore_index=True)


def recordlinkage_cache() -> Path:
    """Where ``recordlinkage.datasets.load_krebsregister`` keeps the blocks it downloaded (``$RL_DATA``)."""
    return Path(os.environ.get("RL_DATA", "~/rl_data")).expanduser() / "krebsregister"


def to_levels(frame: pd.DataFrame) -> tuple[np.ndarray, list[int]]:
    """Levels (pairs x fields, ``-1`` where missing) and the number of levels of each field.

    Names: 0 different, 1 somewhat alike, 2 alike, 3 the same (:data:`NAME_CUTS`); the 0/1 fields: 0 or 1.

    >>> frame = pd.DataFrame({c: [1.0, 0.85, np.nan] for c in FIELDS})
    >>> levels, sizes = to_levels(frame)
    >>> levels[:, 0].tolist(), levels[:, 4].tolist(), sizes[:5]
    ([3, 1, -1], [1, 1, -1], [4, 4, 4, 4, 2])
    """
    columns, sizes = [], []
    for field, kind in FIELDS.items():
        values = frame[field].to_numpy(dtype=float)
        if kind == "name":
            level = np.searchsorted(np.asarray(NAME_CUTS), values, side="right")
            sizes.append(len(NAME_CUTS) + 1)
        else:
            level = (values >= 0.5).astype(int)
            sizes.append(2)
        columns.append(np.where(np.isnan(values), -1, level).astype(np.int8))
    return np.column_stack(columns), sizes


def fit_and_classify(frame: pd.DataFrame):
    """Our model fitted by EM on ``frame``'s patterns (labels unused): which pairs it calls matches, and the model."""
    from workbench.crm.dedupe import starting_values
    from workbench.crm.fellegi_sunter import best_threshold, fit, generic_levels

    levels, sizes = to_levels(frame)
    starts = [starting_values("name") if kind == "name" else (generic_levels(2, True), generic_levels(2, False))
              for kind in FIELDS.values()]
    model = fit(levels, sizes, columns=list(FIELDS), m_start=[m for m, _ in starts], u_start=[u for _, u in starts])
    probability = model.probability(levels)
    return probability >= best_threshold(probability), model


def recordlinkage_ecm(frame: pd.DataFrame) -> np.ndarray:
    """The ``recordlinkage`` ECM classifier on the same patterns, as its documentation runs it on this set."""
    import recordlinkage

    features = frame[list(FIELDS)].fillna(0)
    features.index = pd.MultiIndex.from_arrays([np.arange(len(frame)), np.arange(len(frame))])
    found = recordlinkage.ECMClassifier(binarize=0.8).fit_predict(features)
    return np.isin(np.arange(len(frame)), found.get_level_values(0))


def pair_scores(called, truth) -> tuple[float, float, float]:
    """Precision, recall and F1 of the pairs ``called`` matches against the true ones.

    >>> pair_scores(np.array([True, True, False]), np.array([True, False, True]))
    (0.5, 0.5, 0.5)
    """
    called, truth = np.asarray(called, dtype=bool), np.asarray(truth, dtype=bool)
    tp = int((called & truth).sum())
    precision = tp / called.sum() if called.sum() else 1.0
    recall = tp / truth.sum() if truth.sum() else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def run(path=None, *, with_recordlinkage: bool = True) -> dict:
    """Load the set (``path``, else recordlinkage's download cache), print our F1 and the ECM classifier's.

    Returns ``{"ours": (precision, recall, f1), "recordlinkage": (...)}``, empty when there is no data.
    """
    if path is None and not any(recordlinkage_cache().glob("block_*.zip")):
        print(f"Krebs register: not available: {recordlinkage_cache()} holds no blocks and recordlinkage only "
              "downloads them from the UCI archive (unreachable here); give them with --krebs FOLDER_OR_ZIP")
        return {}
    path = recordlinkage_cache() if path is None else path
    frame = read_blocks(path)
    label = f"Krebs register ({path})"
    truth = frame["is_match"].to_numpy(dtype=bool)
    whole = "the whole set" if (len(frame), int(truth.sum())) == (FULL_PAIRS, FULL_MATCHES) else "part of the set"
    print(f"{label}: {len(frame):,} compared pairs in {frame['block'].nunique()} block(s), "
          f"{int(truth.sum()):,} true matches ({whole}; pairs, not clusters)")
    started = time.perf_counter()
    called, model = fit_and_classify(frame)
    seconds = time.perf_counter() - started
    out = {"ours": pair_scores(called, truth)}
    p, r, f1 = out["ours"]
    print(f"  {'workbench EM':<26} {seconds:7.2f} s  precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    weights = model.weights()["weight"]
    print("  learnt weight of the same value: " + ", ".join(
        f"{field[4:]} {weights[(field, len(m) - 1)]:+.1f}" for field, m in zip(FIELDS, model.m)))
    if with_recordlinkage:
        started = time.perf_counter()
        out["recordlinkage"] = pair_scores(recordlinkage_ecm(frame), truth)
        seconds_rl = time.perf_counter() - started
        rp, rr, rf1 = out["recordlinkage"]
        print(f"  {'recordlinkage ECM':<26} {seconds_rl:7.2f} s  precision {rp:.3f}  recall {rr:.3f}  F1 {rf1:.3f}")
        print(f"  F1 workbench - recordlinkage ECM: {f1 - rf1:+.3f};  ratio time recordlinkage / workbench: "
              f"{seconds_rl / max(seconds, 1e-9):.2f}x")
    print("  (Splink needs the raw records, which the set does not hold: not run here)")
    return out
