"""The spawner of a class: the fork server's bubblewrap, the lab it asks for, and labs started a few at a time."""

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub")

from workbench.accounts import Account  # noqa: E402
from workbench.classroom import spawner as module  # noqa: E402
from workbench.classroom.singleuser import LAB_OPTIONS  # noqa: E402
from workbench.errors import WorkbenchError  # noqa: E402

from .conftest import run  # noqa: E402


def test_node_is_hidden_from_the_labs():
    wrapper = module.fork_server_wrapper(Path("/nonexistent"), hidden_files=[Path("/usr/bin/node")])
    at = wrapper.index("/dev/null")
    assert wrapper[at - 1:at + 2] == ["--ro-bind", "/dev/null", "/usr/bin/node"]
    assert wrapper[-1] == "--"


def test_node_files_are_the_real_executables():
    for path in module.node_files():
        assert path.is_file() and path == path.resolve()


def test_wait_for_port_sees_a_listening_server_a_dead_one_and_a_silent_one():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert run(module.wait_for_port("127.0.0.1", port, lambda: True, timeout=5))
    assert not run(module.wait_for_port("127.0.0.1", port, lambda: False, timeout=5))
    assert not run(module.wait_for_port("127.0.0.1", port, lambda: True, timeout=0.3))


def process(status=None) -> subprocess.Popen:
    """A process standing for the lab's: still running (``status`` None), or ended with ``status`` (and collected)."""
    if status is None:
        return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    ended = subprocess.Popen([sys.executable, "-c", f"raise SystemExit({status})"])
    ended.wait()
    return ended


def trainee_spawner(monkeypatch, name: str, **traits):
    """A TraineeSpawner for ``name`` whose account checks pass (nothing runs as anyone; no hub: the environment is
    the spawner's own and the user's name)."""
    class User:
        pass

    User.name = name
    monkeypatch.setattr(module, "find_account", lambda login: Account(login, 5000, 5000, Path("/nonexistent")))
    monkeypatch.setattr(module, "is_ours", lambda login: True)
    monkeypatch.setattr(module.TraineeSpawner, "get_env", lambda self: {**self.environment, "USER": self.user.name})
    spawner = module.TraineeSpawner(**traits)
    spawner.user = User
    return spawner


@pytest.fixture
def fork_server(monkeypatch):
    """The fork server, replaced by one that records each order and answers with the pid of ``lab`` (a process)."""
    class Recorder:
        orders, lab = [], None

        async def start_lab(self, order):
            self.orders.append(order)
            return self.lab.pid

    recorder = Recorder()
    monkeypatch.setattr(module.TraineeSpawner, "_starting", None)
    monkeypatch.setattr(module.TraineeSpawner, "fork_server", lambda self: recorder)
    return recorder


def test_the_lab_is_the_lightened_single_user_server_as_the_trainee(monkeypatch, fork_server):
    fork_server.lab = process()
    monkeypatch.setattr(module, "wait_for_port", lambda *args, **kwargs: asyncio.sleep(0, True))
    spawner = trainee_spawner(monkeypatch, "amina")
    spawner.environment = {"WORKBENCH_SEED": "1001"}
    try:
        ip, port = run(spawner.start())
    finally:
        fork_server.lab.kill()
        fork_server.lab.wait()
    order, = fork_server.orders
    assert (order.uid, order.gid, order.home) == (5000, 5000, "/nonexistent")
    assert order.args[:len(LAB_OPTIONS)] == LAB_OPTIONS and (ip, port) == ("127.0.0.1", spawner.port) and port > 0
    assert order.env["WORKBENCH_SEED"] == "1001" and order.env["USER"] == "amina"
    assert spawner.pid == fork_server.lab.pid and spawner.proc is None  # stopped by pid, as after a hub restart


def test_labs_start_a_few_at_a_time_first_come_first_served(monkeypatch, fork_server):
    starting, most = 0, 0
    fork_server.lab = process()

    async def port_opens(ip, port, alive, timeout):
        nonlocal starting, most
        starting += 1
        most = max(most, starting)
        await asyncio.sleep(0.05)
        starting -= 1
        return True

    monkeypatch.setattr(module, "wait_for_port", port_opens)
    names = [f"trainee{i}" for i in range(7)]

    async def a_class():
        spawners = [trainee_spawner(monkeypatch, name, starts_at_once=2) for name in names]
        return await asyncio.gather(*(s.start() for s in spawners))

    try:
        started = run(a_class())
    finally:
        fork_server.lab.kill()
        fork_server.lab.wait()
    assert [ip for ip, _ in started] == ["127.0.0.1"] * 7
    assert most == 2 and [order.env["USER"] for order in fork_server.orders] == names


def test_a_lab_that_stops_as_it_starts_is_reported(monkeypatch, fork_server):
    fork_server.lab = process(status=1)
    spawner = trainee_spawner(monkeypatch, "amina")
    with pytest.raises(WorkbenchError, match="amina stopped as it started"):
        run(spawner.start())


def test_a_login_without_a_workbench_account_gets_no_lab(monkeypatch, fork_server):
    spawner = trainee_spawner(monkeypatch, "root")
    monkeypatch.setattr(module, "is_ours", lambda login: False)
    with pytest.raises(WorkbenchError, match="root has no trainee account"):
        run(spawner.start())
    assert fork_server.orders == []


def test_a_lab_port_is_below_the_ephemeral_ports_free_and_given_to_one_starting_lab(monkeypatch):
    spawner = trainee_spawner(monkeypatch, "amina")
    low = module.lab_ports().start
    ports = None
    for start in range(low, module.lab_ports().stop - 3):  # three free ports in a row
        if all(module.is_free(port) for port in range(start, start + 3)):
            ports = range(start, start + 3)
            break
    monkeypatch.setattr(module, "lab_ports", lambda: ports)
    monkeypatch.setattr(module.TraineeSpawner, "_ports_starting", {ports[0]})
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", ports[1]))
        listening.listen()
        assert spawner.choose_port() == ports[2]
        module.TraineeSpawner._ports_starting.add(ports[2])
        with pytest.raises(WorkbenchError, match=f"no free port for a lab between {ports[0]} and {ports[2]}"):
            spawner.choose_port()


def test_each_start_is_given_a_lab_port_freed_once_the_lab_listens(monkeypatch, fork_server):
    fork_server.lab = process()
    given = []

    async def port_opens(ip, port, alive, timeout):
        given.append(port)
        assert port in module.TraineeSpawner._ports_starting  # no other lab may be given it meanwhile
        return True

    monkeypatch.setattr(module, "wait_for_port", port_opens)
    monkeypatch.setattr(module.TraineeSpawner, "_ports_starting", set())
    spawner = trainee_spawner(monkeypatch, "amina")
    try:
        run(spawner.start())
        run(spawner.start())
    finally:
        fork_server.lab.kill()
        fork_server.lab.wait()
    assert len(given) == 2 and all(port in module.lab_ports() for port in given)
    assert module.TraineeSpawner._ports_starting == set()
