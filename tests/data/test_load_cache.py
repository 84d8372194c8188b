"""A checked load kept in the learner's home: the same Dataset as a fresh load, and never a stale or foreign one."""

import importlib
import os
import shutil

import pandas as pd
import pytest

from workbench.data import Dataset, load, start
from workbench.data.load_cache import cached, fingerprint
from workbench.errors import DataError
from workbench.i18n.language import use_language
from workbench.settings import data_cache, variant_folder

loader = importlib.import_module("workbench.data.load")  # the module (``workbench.data.load`` is the function)


def never():
    raise AssertionError("the folder was loaded again instead of read back")


@pytest.fixture
def export(company_export):
    """The tiny company with a contact whose email is not an email address (a warning, with file, row and column)."""
    path = company_export / "contacts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("nusrat.jahan@dhakatex.example", "nusrat@"),
                    encoding="utf-8")
    return company_export


@pytest.fixture
def store(tmp_path):
    return tmp_path / "home" / "cache" / "data"


def fresh(folder) -> Dataset:
    """``folder`` loaded and checked now, as a new process would (the in-process cache emptied first)."""
    loader._CACHE.clear()
    return load(folder)


def kept(folder, store) -> Dataset:
    """``folder`` read back from ``store``; fails if it had to be loaded again."""
    return cached(folder, store, never, Dataset)


def assert_same(a: Dataset, b: Dataset) -> None:
    assert list(a.tables) == list(b.tables)
    for name, df in a.tables.items():
        other = b.tables[name]
        assert list(df.dtypes.astype(str)) == list(other.dtypes.astype(str)), name
        pd.testing.assert_frame_equal(df, other, check_exact=True)
        for column in df.select_dtypes(object).columns:  # None stays None, text stays text
            assert [type(v) for v in df[column]] == [type(v) for v in other[column]], (name, column)
    assert [(str(w), w.file, w.row, w.column) for w in a.warnings] == \
        [(str(w), w.file, w.row, w.column) for w in b.warnings]
    assert (a.folder, a.meta, a.as_of) == (b.folder, b.meta, b.as_of)


def test_a_kept_load_is_the_fresh_load(export, store):
    first = cached(export, store, lambda: fresh(export), Dataset)
    assert first.warnings and first.warnings[0].column == "email" and first.warnings[0].row == 2
    again = kept(export, store)
    assert again is not first
    assert_same(again, fresh(export))
    assert [p.suffix for p in store.iterdir()] == [".pickle"]
    assert oct(next(store.iterdir()).stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("change", ["edit", "meta"])
def test_a_changed_file_is_loaded_again(export, store, change):
    cached(export, store, lambda: fresh(export), Dataset)
    if change == "edit":  # same size, same time: only the contents tell
        path = export / "users.csv"
        stamp = path.stat()
        path.write_text(path.read_text(encoding="utf-8").replace("Amina", "Amira"), encoding="utf-8")
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert path.stat().st_size == stamp.st_size
    else:
        (export / "meta.json").write_text('{"company": "Tiny Ltd", "as_of": "2026-06-30"}', encoding="utf-8")
    made = []
    data = cached(export, store, lambda: made.append(1) or fresh(export), Dataset)
    assert made == [1]
    assert_same(data, fresh(export))
    assert "Amira Rahman" in data.users["name"].tolist() or data.name == "Tiny Ltd"
    assert_same(kept(export, store), data)  # the new load replaced the old one


def test_a_removed_file_is_an_error_again(export, store):
    cached(export, store, lambda: fresh(export), Dataset)
    (export / "cases.csv").unlink()
    with pytest.raises(DataError, match="cases.csv: file is missing"):
        cached(export, store, lambda: fresh(export), Dataset)


@pytest.mark.parametrize("damage", [b"", b"cut", "short", "garbage"])
def test_a_damaged_file_is_loaded_again(export, store, damage):
    cached(export, store, lambda: fresh(export), Dataset)
    path = next(store.iterdir())
    content = path.read_bytes()
    header = content.split(b"\n", 1)[0]
    path.write_bytes({"short": content[: len(content) // 2], "garbage": header + b"\n" + b"\x80\x05not a pickle"}
                     .get(damage, damage))
    assert_same(cached(export, store, lambda: fresh(export), Dataset), fresh(export))
    assert_same(kept(export, store), fresh(export))


def test_a_load_of_another_kind_is_not_trusted(export, store):
    cached(export, store, lambda: {"not": "a dataset"}, dict)
    assert_same(cached(export, store, lambda: fresh(export), Dataset), fresh(export))


def test_another_folder_never_reads_this_folders_load(export, store, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(export, twin)  # the same files in another folder
    cached(export, store, lambda: fresh(export), Dataset)
    (only,) = store.iterdir()
    made = []
    data = cached(twin, store, lambda: made.append(1) or fresh(twin), Dataset)
    assert made == [1] and data.folder == twin.resolve()
    # a kept file copied under the other folder's name is refused too: its header names its own folder
    twins = next(p for p in store.iterdir() if p != only)
    shutil.copyfile(only, twins)
    made.clear()
    assert cached(twin, store, lambda: made.append(1) or fresh(twin), Dataset).folder == twin.resolve()
    assert made == [1]


def test_another_language_loads_again(export, store):
    cached(export, store, lambda: fresh(export), Dataset)
    with use_language("fr"):
        assert fingerprint(export)["language"] == "fr"
        data = cached(export, store, lambda: fresh(export), Dataset)
        assert "adresse" in str(data.warnings[0])  # the warning is worded in the learner's language


def test_another_loader_loads_again(export, store, monkeypatch):
    cached(export, store, lambda: fresh(export), Dataset)
    from workbench.data import load_cache

    monkeypatch.setattr(load_cache, "_loader_digest", lambda: "another version of the loader")
    made = []
    cached(export, store, lambda: made.append(1) or fresh(export), Dataset)
    assert made == [1]


def test_without_the_loaders_source_nothing_is_kept(export, store, monkeypatch):
    from workbench.data import load_cache

    monkeypatch.setattr(load_cache, "_loader_digest", lambda: None)
    assert_same(cached(export, store, lambda: fresh(export), Dataset), fresh(export))
    assert not store.exists()


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_load_others_could_write_is_not_read(export, store, where):
    cached(export, store, lambda: fresh(export), Dataset)
    path = next(store.iterdir())
    (path if where == "file" else store).chmod(0o666 if where == "file" else 0o777)
    made = []
    cached(export, store, lambda: made.append(1) or fresh(export), Dataset)
    assert made == [1]


def test_a_link_is_not_followed(export, store, tmp_path):
    cached(export, store, lambda: fresh(export), Dataset)
    path = next(store.iterdir())
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    made = []
    cached(export, store, lambda: made.append(1) or fresh(export), Dataset)
    assert made == [1]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another account needs root")
def test_a_load_another_account_owns_is_not_read(export, store):
    cached(export, store, lambda: fresh(export), Dataset)
    os.chown(next(store.iterdir()), 65534, 65534)  # nobody's
    made = []
    cached(export, store, lambda: made.append(1) or fresh(export), Dataset)
    assert made == [1]


def test_a_home_that_cannot_be_written_still_loads(export, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go")
    assert_same(cached(export, blocked / "data", lambda: fresh(export), Dataset), fresh(export))


def test_start_keeps_a_variants_load_in_the_learners_home(workbench_home, monkeypatch, own_data):
    monkeypatch.setenv("WORKBENCH_SEED", "5")
    loader._CACHE.clear()
    data = start(None)
    assert data.folder == variant_folder(workbench_home, 5).resolve()
    assert len(list(data_cache(workbench_home).glob("*.pickle"))) == 1
    assert_same(kept(data.folder, data_cache(workbench_home)), data)


def test_start_with_a_folder_keeps_nothing(export, workbench_home, own_data):
    loader._CACHE.clear()
    start(export)
    assert not data_cache(workbench_home).exists()
