"""The labs' fork server: what a lab forked from it is (identity, namespaces, environment), what it keeps from the
fork server (no request, no home but the trainee's), and how it stops."""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub")

from workbench.classroom.forkserver import LabOrder, discard_request, read_line, waiting_bytes  # noqa: E402
from workbench.errors import WorkbenchError  # noqa: E402

from .conftest import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_an_order_is_read_back_as_written_and_never_for_root():
    order = LabOrder(5001, 5001, "/home/amina", {"HOME": "/home/amina"}, ["--debug"])
    assert LabOrder.from_json(order.to_json()) == order
    for uid, gid in ((0, 5001), (5001, 0)):
        with pytest.raises(ValueError, match="never started as root"):
            LabOrder.from_json(json.dumps({"uid": uid, "gid": gid, "home": "/", "env": {}, "args": []}))


def test_a_request_is_read_to_its_line_end_and_no_further():
    reader, writer = os.pipe()
    try:
        os.write(writer, b'{"first": 1}\n{"second": 2}\n')
        assert waiting_bytes(reader) == 27
        assert read_line(reader) == b'{"first": 1}\n'
        assert waiting_bytes(reader) == 14
        os.close(writer)
        assert read_line(reader) == b'{"second": 2}\n' and read_line(reader) == b""
        assert waiting_bytes(reader) == 0  # what the fork server reads as: the hub has gone
    finally:
        os.close(reader)


def test_a_request_that_cannot_be_served_is_taken_off_the_pipe_whole():
    reader, writer = os.pipe()
    try:
        os.write(writer, b'{"env": {"JUPYTERHUB_API_TOKEN": "secret"}}\n{"next": 1}\n')
        discard_request(reader)
        assert read_line(reader) == b'{"next": 1}\n'
    finally:
        os.close(reader)
        os.close(writer)


SCAN = textwrap.dedent("""
    import json, os, sys
    from traitlets import HasTraits
    from jupyterlab.labapp import LabApp
    from workbench.classroom.forkserver import home_options, preload, reload_user_modules

    def remembered(text):
        found = []
        for module in list(sys.modules.values()):
            for name, value in list(vars(module).items()) if module else []:
                if isinstance(value, (str, bytes)) and (text if isinstance(value, str) else text.encode()) in value:
                    found.append(f"{module.__name__}.{name}")
                if isinstance(value, type) and issubclass(value, HasTraits) and value.__module__ == module.__name__:
                    for trait_name, trait in value.class_traits().items():
                        if text in repr(trait.default_value):
                            found.append(f"{module.__name__}.{name}.{trait_name}")
        return sorted(set(found))

    preload()
    importer, os.environ["HOME"] = os.environ["HOME"], sys.argv[1]
    reload_user_modules()
    lab = LabApp()
    lab.parse_command_line(home_options())
    print(json.dumps({"remembered": [name for name in remembered(importer) if not name.startswith(("__main__.", "site."))], "given": home_options(),
                      "lab": [lab.user_settings_dir, lab.workspaces_dir]}))
""")


def test_nothing_the_labs_share_remembers_the_home_it_was_loaded_in(tmp_path):
    importer, trainee = tmp_path / "fork-server-home", tmp_path / "trainee-home"
    env = {"PATH": os.environ["PATH"], "HOME": str(importer), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCAN, str(trainee)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.splitlines()[-1])
    # what JupyterLab computed from the fork server's home is given again, from the trainee's, and nothing else
    assert found["remembered"] == ["jupyterlab.labapp.LabApp.user_settings_dir", "jupyterlab.labapp.LabApp.workspaces_dir"]
    assert [option.split("=")[0].split(".")[-1] for option in found["given"]] == ["user_settings_dir", "workspaces_dir"]
    assert all(path.startswith(str(trainee)) for path in found["lab"])


# ----------------------------------------------------------------------------- a real fork server (root)


@pytest.fixture
def fork_server():
    """The hub's fork server as the spawner starts it, and a workbench account for a lab (both gone at the end)."""
    if os.geteuid() != 0 or shutil.which("bwrap") is None or shutil.which("useradd") is None:
        pytest.skip("the fork server starts labs as other accounts: run as root, with bubblewrap")
    from workbench.accounts import ensure_account, remove_account
    from workbench.classroom.spawner import TraineeSpawner

    login = f"wbtest-{secrets.token_hex(3)}-fs"
    account = ensure_account(login, login=True, purpose="fork server test")
    server = TraineeSpawner().fork_server()
    server.start()  # on this thread, which lives as long as the test (as the hub's does)
    try:
        yield server, account
    finally:
        server.stop()
        TraineeSpawner._fork_server = None
        wait_until(lambda: not processes_of(account.uid), timeout=10)
        remove_account(login)


def lab_order(account, token: str = "a-token") -> LabOrder:
    """A lab for ``account`` whose hub never answers (the server keeps trying to reach it for a while)."""
    env = {"HOME": str(account.home), "PATH": os.environ["PATH"], "JUPYTERHUB_API_TOKEN": token,
           "JUPYTERHUB_API_URL": "http://127.0.0.1:9/hub/api", "JUPYTERHUB_USER": account.name,
           "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:9/", "JUPYTERHUB_SERVICE_PREFIX": f"/user/{account.name}/"}
    return LabOrder(account.uid, account.gid, str(account.home), env, [])


def status_of(pid: int) -> dict[str, str]:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def children_of(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def is_the_trainee_alone(pid: int, account) -> bool:
    """Whether process ``pid`` runs as ``account`` only: its uid and gid (real, effective, saved, file system),
    no other group, no capability in any set, no new privileges."""
    status = status_of(pid)
    return (status["Uid"].split() == [str(account.uid)] * 4 and status["Gid"].split() == [str(account.gid)] * 4
            and status["Groups"].strip() == "" and status["NoNewPrivs"] == "1"
            and all(int(status[name], 16) == 0 for name in ("CapEff", "CapPrm", "CapBnd", "CapInh", "CapAmb")))


def memory_holds(pid: int, secret: bytes) -> bool:
    """Whether ``secret`` is anywhere in the readable memory of process ``pid``."""
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as memory:
        for line in maps:
            start, end = (int(part, 16) for part in line.split()[0].split("-"))
            if "r" not in line.split()[1] or "[vsyscall]" in line:
                continue
            try:
                memory.seek(start)
                if secret in memory.read(end - start):
                    return True
            except OSError:
                continue
    return False


def wait_until(condition, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_forked_lab_is_the_trainee_alone_in_namespaces_of_its_own(fork_server, monkeypatch, tmp_path):
    server, account = fork_server
    token = f"token-{secrets.token_hex(16)}"
    marker = Path.home() / f".wbtest-fork-server-{secrets.token_hex(4)}"
    marker.write_text("root's own file")
    monkeypatch.setenv("WBTEST_HUB_SECRET", "the hub's own secret")
    try:
        init = run(server.start_lab(lab_order(account, token)))
        assert wait_until(lambda: children_of(init)), "the lab was not forked"
        lab, = children_of(init)
        # each becomes the trainee first thing after its fork, the lab then names itself: wait for that moment
        assert wait_until(lambda: is_the_trainee_alone(init, account) and is_the_trainee_alone(lab, account)
                          and Path(f"/proc/{lab}/comm").read_text().strip() == "wb-lab"), \
            [status_of(pid) for pid in (init, lab)]
        assert status_of(init)["NSpid"].split()[1:] == ["1"] and status_of(lab)["NSpid"].split()[1:] == ["2"]
        assert os.readlink(f"/proc/{lab}/cwd") == str(account.home)
        assert [Path(f"/proc/{pid}/comm").read_text().strip() for pid in (init, lab)] == ["wb-lab-init", "wb-lab"]
        assert not Path(f"/proc/{lab}/root{marker}").exists()  # root's home is hidden from the lab
        for node in map(Path, filter(None, (shutil.which("node"), shutil.which("nodejs")))):
            assert Path(f"/proc/{lab}/root{node.resolve()}").stat().st_size == 0
        # the fork server's environment is not the hub's; the lab's is the order's, and only the lab holds it
        forker, = children_of(server.process.pid)  # (the fork server, in its bubblewrap)
        assert b"WBTEST_HUB_SECRET" not in Path(f"/proc/{forker}/environ").read_bytes()
        assert memory_holds(lab, token.encode())
        assert not memory_holds(forker, token.encode())  # no later lab inherits this one's token

        os.kill(init, signal.SIGTERM)  # as the hub stops a lab: passed on to the server, then all of it ends
        assert wait_until(lambda: not Path(f"/proc/{init}").exists()) and not Path(f"/proc/{lab}").exists()
    finally:
        marker.unlink()


def test_the_fork_server_refuses_a_lab_as_root_and_its_labs_end_with_it(fork_server):
    server, account = fork_server
    with pytest.raises(WorkbenchError, match="never started as root"):
        run(server.start_lab(LabOrder(0, 0, "/root", {}, [])))
    init = run(server.start_lab(lab_order(account)))  # the server refused one request and still serves the next
    assert wait_until(lambda: children_of(init))
    server.stop()
    assert wait_until(lambda: not processes_of(account.uid))


def processes_of(uid: int) -> list[int]:
    """The pids of every process running as ``uid``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and status_of(int(entry.name))["Uid"].split()[0] == str(uid):
                found.append(int(entry.name))
        except (OSError, KeyError):
            continue  # ended since it was listed
    return found
