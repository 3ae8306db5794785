"""Password stores (keyring backends) for tests: never the computer's real one.

In-process: ``keyring.set_keyring(MemoryKeyring({("unlisted", "me"): "pw"}))`` (the `keyring_store`
fixture in tests/optout/test_mail.py puts the previous one back). In a subprocess: set
``PYTHON_KEYRING_BACKEND=tests.support_keyring.MemoryKeyring``, ``PYTHONPATH`` to the project folder and
``UNLISTED_TEST_KEYRING`` to JSON like ``{"unlisted": {"me": "pw"}}``.
"""

from __future__ import annotations

import json
import os

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Passwords kept in a dict: (service, username) -> password."""

    priority = 0.1      # low: only used where a test names it

    def __init__(self, passwords: dict[tuple[str, str], str] | None = None):
        super().__init__()
        seeded = json.loads(os.environ.get("UNLISTED_TEST_KEYRING", "{}"))
        self.passwords = {(service, user): pw for service, users in seeded.items() for user, pw in users.items()}
        self.passwords.update(passwords or {})

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


class LockedKeyring(KeyringBackend):
    """A store that refuses to open (a locked login keychain); its message carries a would-be secret."""

    priority = 0.1
    SECRET = "hunter2-in-an-error-message"

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked(f"locked ({self.SECRET})")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")
