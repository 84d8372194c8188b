"""Fixtures for the classroom tests: a real JupyterHub on 127.0.0.1 with trainee accounts of its own.

``hub_class`` (one per module) creates three Unix accounts (the second trainee's lab in French) named ``wbtest-<random>-a``, ``-b``
and ``-admin`` (a prefix no real user has, and a random part so two runs never collide),
prepares the trainees' homes, starts JupyterHub on a free port with its class folder in a
temporary folder, and at the end stops the hub (with every server it started) and deletes
the accounts and their homes, even when a test failed.

The hub needs root (useradd, setpriv) and the proxy from npm; without them the tests are
skipped with the reason, or fail on CI (``CI`` or ``WORKBENCH_REQUIRE_HUB=1`` set).
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass

import pytest

from workbench.accounts import remove_account
from workbench.classroom.folder import ClassFolder, free_port
from workbench.classroom.roster import Trainee

PREFIX = "wbtest-"  # every account these tests create: never the login of a real user
REQUIRE_HUB = bool(os.environ.get("CI")) or os.environ.get("WORKBENCH_REQUIRE_HUB") == "1"


def pytest_collection_modifyitems(items):
    """Every test in this folder starts a hub; ``-m 'not hub'`` leaves them out."""
    for item in items:
        if "/classroom/" in str(item.fspath):
            item.add_marker(pytest.mark.hub)


def hub_unavailable(reason: str):
    """Skip the hub tests with ``reason``, or fail them where a hub is required."""
    if REQUIRE_HUB:
        pytest.fail(f"{reason} (the hub tests are required here: CI or WORKBENCH_REQUIRE_HUB=1)", pytrace=False)
    pytest.skip(reason)


@dataclass
class HubClass:
    """A running class: its folder, trainees, admin login, and the hub process."""

    folder: ClassFolder
    trainees: list[Trainee]
    admin: str
    process: object

    @property
    def url(self) -> str:
        return self.folder.url


@pytest.fixture(scope="module")
def hub_class(tmp_path_factory, request):
    """A hub serving two trainees (and an admin) on 127.0.0.1; everything it made is removed at the end."""
    if os.geteuid() != 0:
        hub_unavailable("the hub tests create Unix accounts: run them as root")
    for tool in ("useradd", "userdel", "setpriv", "tar"):
        if shutil.which(tool) is None:
            hub_unavailable(f"the hub tests need {tool}")
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        hub_unavailable("the hub tests need JupyterHub: pip install -e '.[hub]'")
    from workbench.classroom.hub import start_hub, stop_hub, wait_ready
    from workbench.classroom.proxy import install
    from workbench.classroom.trainees import prepare
    from workbench.errors import WorkbenchError

    try:
        install()
    except WorkbenchError as err:
        hub_unavailable(f"the hub's proxy could not be installed: {err}")
    tag = f"{PREFIX}{secrets.token_hex(3)}"
    trainees = [Trainee(f"{tag}-a", "Amina Diallo", seed=1001), Trainee(f"{tag}-b", "Reza Karimi", seed=1002, lang="fr")]
    for login in [t.login for t in trainees]:
        request.addfinalizer(lambda login=login: remove_account(login))
    prepare(trainees)
    folder = ClassFolder(tmp_path_factory.mktemp("classroom") / "class")
    folder.write(trainees, admin=f"{tag}-admin", port=free_port(), ip="127.0.0.1")
    process = start_hub(folder)
    request.addfinalizer(lambda: stop_hub(process))
    wait_ready(folder, process, timeout=180)
    return HubClass(folder, trainees, f"{tag}-admin", process)
