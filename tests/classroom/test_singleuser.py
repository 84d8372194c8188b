"""The trainee's lab server: the imports it blocks and the settings it starts with."""

import subprocess
import sys

import pytest

from workbench.classroom.singleuser import BLOCKED_IMPORTS, LAB_OPTIONS, UNUSED_EXTENSIONS, block_unused_imports

pytest.importorskip("jupyterlab")


def iri_checked(block: bool) -> bool:
    """Whether jsonschema checks the ``iri`` format in a fresh interpreter, the imports blocked or not."""
    code = ("from workbench.classroom.singleuser import block_unused_imports\n"
            + ("block_unused_imports()\n" if block else "")
            + "from jsonschema import FormatChecker\nprint('iri' in FormatChecker().checkers)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def test_blocked_imports_fail_and_jsonschema_does_without_them():
    modules = {}
    block_unused_imports(modules)
    assert modules == dict.fromkeys(BLOCKED_IMPORTS)
    assert not iri_checked(block=True)


def test_blocking_keeps_what_is_already_imported():
    marker = object()
    modules = {"rfc3987_syntax": marker}
    block_unused_imports(modules)
    assert modules["rfc3987_syntax"] is marker


def test_lab_options_turn_off_what_a_class_does_not_use():
    from jupyter_server.serverapp import ServerApp
    from jupyterlab.handlers.announcements import NeverCheckForUpdate
    from jupyterlab.labapp import LabApp

    lab = LabApp()
    lab.parse_command_line(LAB_OPTIONS)
    assert lab.news_url is None and lab.check_for_updates_class is NeverCheckForUpdate
    assert lab.extension_manager == "readonly"
    server = ServerApp(config=lab.config)
    assert server.jpserver_extensions == dict.fromkeys(UNUSED_EXTENSIONS, False)
    assert server.terminals_enabled is False
