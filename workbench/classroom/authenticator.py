"""How trainees log in: FirstUseAuthenticator, with its password hashing off the hub's event loop.

FirstUseAuthenticator lets each trainee choose their password at their first login and
keeps it hashed with bcrypt (about a quarter of a second of CPU per hash).  It hashes on the
hub's event loop: a class of thirty logging in at once holds the whole hub for about seven
seconds in a row, during which it starts no lab and answers no page.  Here the hashing runs
in threads (bcrypt releases the interpreter lock while it works), while the password store is
read and written on the event loop as before (never by two threads at once), and one user
name logs in at a time: two first logins with different passwords cannot both set it.
"""

from __future__ import annotations

import asyncio
import dbm

import bcrypt
from firstuseauthenticator import FirstUseAuthenticator


class ClassAuthenticator(FirstUseAuthenticator):
    """FirstUseAuthenticator whose bcrypt work runs beside the hub's event loop, not on it."""

    _logging_in: dict[str, asyncio.Lock] = {}  # one lock per user name, shared by the hub's authenticators

    async def authenticate(self, handler, data):
        username = self.normalize_username(data["username"])
        password = data["password"].encode("utf8")
        if not self.create_users and not self._user_exists(username):
            return None
        async with self._logging_in.setdefault(username, asyncio.Lock()):
            with dbm.open(self.dbm_path, "c", 0o600) as passwords:
                stored = passwords.get(username.encode("utf8"))
            if stored is not None:
                return username if await asyncio.to_thread(bcrypt.checkpw, password, stored) else None
            if not self._validate_password(data["password"]):
                handler.custom_login_error = ("Password too short! Please choose a password at least "
                                              f"{self.min_password_length} characters long.")
                self.log.error(handler.custom_login_error)
                return None
            hashed = await asyncio.to_thread(bcrypt.hashpw, password, bcrypt.gensalt())
            with dbm.open(self.dbm_path, "c", 0o600) as passwords:
                passwords[username.encode("utf8")] = hashed
        return username
