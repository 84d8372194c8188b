"""Unix accounts the workbench creates: made with a home only its owner reads, never taken over, removed."""

import os
import secrets
import shutil
import stat
import subprocess

import pytest

from workbench.accounts import AccountError, as_account, ensure_account, find_account, is_ours, remove_account

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("useradd") is None,
                                reason="creating accounts needs root and useradd")


@pytest.fixture
def login(request):
    name = f"wbtest-{secrets.token_hex(3)}"
    request.addfinalizer(lambda: remove_account(name))
    return name


def test_a_trainee_account_has_a_private_home(login):
    account = ensure_account(login, login=True, purpose="class trainee")
    assert is_ours(login) and stat.S_IMODE(account.home.stat().st_mode) == 0o700
    assert ensure_account(login, login=True) == account  # found again, not created twice
    done = subprocess.run([*as_account(account), "id", "-u"], capture_output=True, text=True)
    assert done.stdout.strip() == str(account.uid)
    assert remove_account(login) and find_account(login) is None and not account.home.exists()
    assert remove_account(login) is False


def test_an_existing_account_is_never_taken_over():
    with pytest.raises(AccountError, match="was not created by the workbench"):
        ensure_account("root", login=True)
    with pytest.raises(AccountError, match="was not created by the workbench"):
        remove_account("root")
