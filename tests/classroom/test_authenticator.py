"""Trainees' first-use passwords: set once, checked after, hashed beside the hub's event loop, one login per name."""

import asyncio
import threading

import pytest

pytest.importorskip("firstuseauthenticator")

import bcrypt  # noqa: E402

from workbench.classroom import authenticator as module  # noqa: E402

from .conftest import run  # noqa: E402


class Handler:
    """What the login page hands the authenticator (it may leave an error message on it)."""

    custom_login_error = ""


@pytest.fixture
def authenticator(tmp_path, monkeypatch):
    monkeypatch.setattr(module.ClassAuthenticator, "_logging_in", {})
    return module.ClassAuthenticator(dbm_path=str(tmp_path / "passwords.dbm"), create_users=True,
                                     check_passwords_on_startup=False)


def log_in(authenticator, username, password, handler=None):
    return authenticator.authenticate(handler or Handler(), {"username": username, "password": password})


def test_the_first_password_is_kept_hashed_and_checked_from_then_on(authenticator):
    assert run(log_in(authenticator, "amina", "first-password")) == "amina"
    with module.dbm.open(authenticator.dbm_path) as passwords:
        assert bcrypt.checkpw(b"first-password", passwords[b"amina"])
    assert run(log_in(authenticator, "amina", "another-password")) is None
    assert run(log_in(authenticator, "amina", "first-password")) == "amina"


def test_a_password_too_short_is_refused_with_the_reason(authenticator):
    handler = Handler()
    assert run(log_in(authenticator, "amina", "abc", handler)) is None
    assert "at least 7 characters" in handler.custom_login_error
    with module.dbm.open(authenticator.dbm_path, "c") as passwords:
        assert b"amina" not in passwords


def test_two_first_logins_at_once_cannot_both_choose_the_password(authenticator):
    async def both():
        return await asyncio.gather(log_in(authenticator, "amina", "amina-chose-this"),
                                    log_in(authenticator, "amina", "someone-else-chose"))

    first, second = run(both())
    assert (first, second) == ("amina", None)
    assert run(log_in(authenticator, "amina", "someone-else-chose")) is None


def test_hashing_runs_beside_the_event_loop_and_many_names_at_once(authenticator, monkeypatch):
    loop_threads, hash_threads = set(), set()
    real_hash = bcrypt.hashpw

    def recorded(*args):
        hash_threads.add(threading.get_ident())
        return real_hash(*args)

    monkeypatch.setattr(module.bcrypt, "hashpw", recorded)

    async def a_class():
        loop_threads.add(threading.get_ident())
        return await asyncio.gather(*(log_in(authenticator, f"trainee{i}", f"password-{i}") for i in range(4)))

    assert run(a_class()) == [f"trainee{i}" for i in range(4)]
    assert hash_threads and not hash_threads & loop_threads
    assert all(run(log_in(authenticator, f"trainee{i}", f"password-{i}")) == f"trainee{i}" for i in range(4))
