"""The class folder: the hub's state outside the repository, readable by its owner alone."""

import stat

import pytest

from workbench.classroom.folder import ClassFolder
from workbench.classroom.roster import Trainee
from workbench.errors import InputError
from workbench.lessons import ROOT


def test_state_is_written_owner_only(tmp_path):
    folder = ClassFolder(tmp_path / "class")
    folder.write([Trainee("amina", "Amina", seed=1001, lang="ar")], admin="trainer", port=8000)
    assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.token_file.stat().st_mode) == 0o600
    assert folder.trainees() == [Trainee("amina", "Amina", seed=1001, lang="ar")]
    token = folder.api_token()
    folder.write([], admin="trainer", port=8000)
    assert folder.api_token() == token  # written once, kept when the class starts again
    assert folder.settings()["hub_port"] != folder.settings()["proxy_api_port"]


def test_never_in_the_repository():
    with pytest.raises(InputError, match="inside the repository"):
        ClassFolder(ROOT / "build" / "class").write([], admin="trainer", port=8000)


def test_no_class_yet(tmp_path):
    with pytest.raises(InputError, match="no class in"):
        ClassFolder(tmp_path).settings()
