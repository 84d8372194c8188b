"""The spawner of a class: the bubblewrap around each lab, its command, and labs started a few at a time."""

import asyncio
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub")

from workbench.accounts import Account  # noqa: E402
from workbench.classroom import spawner as module  # noqa: E402
from workbench.classroom.singleuser import LAB_OPTIONS  # noqa: E402
from workbench.errors import WorkbenchError  # noqa: E402


def run(coroutine):
    """Run ``coroutine`` to its end in a thread of its own (the browser tests keep an event loop running here)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_node_is_hidden_from_the_lab():
    wrapper = module.server_wrapper(Path("/nonexistent"), hidden_files=[Path("/usr/bin/node")])
    at = wrapper.index("/dev/null")
    assert wrapper[at - 1:at + 2] == ["--ro-bind", "/dev/null", "/usr/bin/node"]
    assert wrapper[-1] == "--"


def test_node_files_are_the_real_executables():
    for path in module.node_files():
        assert path.is_file() and path == path.resolve()


def test_the_lab_runs_the_lightened_single_user_server():
    assert module.server_command() == [sys.executable, "-m", "workbench.classroom.singleuser", *LAB_OPTIONS]


def test_wait_for_port_sees_a_listening_server_a_dead_one_and_a_silent_one():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert run(module.wait_for_port("127.0.0.1", port, lambda: True, timeout=5))
    assert not run(module.wait_for_port("127.0.0.1", port, lambda: False, timeout=5))
    assert not run(module.wait_for_port("127.0.0.1", port, lambda: True, timeout=0.3))


def process(status=None) -> subprocess.Popen:
    """A process standing for the lab's: still running (``status`` None), or ended with ``status``."""
    if status is None:
        return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    ended = subprocess.Popen([sys.executable, "-c", f"raise SystemExit({status})"])
    ended.wait()
    return ended


def trainee_spawner(monkeypatch, name: str, **traits):
    """A TraineeSpawner for ``name`` whose account checks pass (nothing runs as anyone)."""
    class User:
        pass

    User.name = name
    monkeypatch.setattr(module, "find_account", lambda login: Account(login, 5000, 5000, Path("/nonexistent")))
    monkeypatch.setattr(module, "is_ours", lambda login: True)
    spawner = module.TraineeSpawner(**traits)
    spawner.user = User
    return spawner


def test_labs_start_a_few_at_a_time_first_come_first_served(monkeypatch):
    from jupyterhub.spawner import LocalProcessSpawner

    monkeypatch.setattr(module.TraineeSpawner, "_starting", None)
    starting, most, order = 0, 0, []
    running = process()

    async def launch(self):
        nonlocal starting, most
        starting += 1
        most = max(most, starting)
        order.append(self.user.name)
        self.proc = running
        return "127.0.0.1", 1

    async def port_opens(ip, port, alive, timeout):
        nonlocal starting
        await asyncio.sleep(0.05)
        starting -= 1
        return True

    monkeypatch.setattr(LocalProcessSpawner, "start", launch)
    monkeypatch.setattr(module, "wait_for_port", port_opens)
    names = [f"trainee{i}" for i in range(7)]

    async def a_class():
        spawners = [trainee_spawner(monkeypatch, name, starts_at_once=2) for name in names]
        return await asyncio.gather(*(s.start() for s in spawners))

    try:
        assert run(a_class()) == [("127.0.0.1", 1)] * 7
    finally:
        running.kill()
        running.wait()
    assert most == 2 and order == names


def test_a_lab_that_stops_as_it_starts_is_reported(monkeypatch):
    from jupyterhub.spawner import LocalProcessSpawner

    monkeypatch.setattr(module.TraineeSpawner, "_starting", None)

    async def launch(self):
        self.proc = process(status=1)
        return "127.0.0.1", 9

    monkeypatch.setattr(LocalProcessSpawner, "start", launch)
    spawner = trainee_spawner(monkeypatch, "amina")
    with pytest.raises(WorkbenchError, match="amina stopped as it started"):
        run(spawner.start())
