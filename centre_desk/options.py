"""How to reach the installation (`Options`), built once by the front end before anything heavy is imported:
the desktop program holds one while its sign-in window is drawn, so the keyring, Argon2 and the database layer
are imported only when a method here first needs them (on the worker that opens the database)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from centre_desk.errors import KeyUnavailable
from centre_desk.i18n import _

if TYPE_CHECKING:
    from centre_desk.security.credentials import Argon2Params, KeyCustody
    from centre_desk.security.passwords import Passwords


def no_passphrase(confirm: bool) -> str:
    """The default: no way to ask. Front ends replace it with a prompt or a file reader."""
    raise KeyUnavailable(_("No secure system keyring is available and no database passphrase was given."))


@dataclass
class Options:
    """How to reach the installation; built once by the front end."""

    data_dir: Path
    db: str | None = None
    ask_passphrase: Callable[[bool], str] = no_passphrase
    passwords: Passwords | None = None
    custody: KeyCustody | None = None
    argon2: Argon2Params | None = None  # how hard a passphrase is to guess (tests use a cheap one)

    def get_custody(self) -> KeyCustody:
        from centre_desk.security.credentials import LayeredCustody, PassphraseCustody  # keyring: when first used

        if self.custody is None:
            # Asked through `self`, so a passphrase given later (give_passphrase) is the one used.
            self.custody = LayeredCustody(PassphraseCustody(self.data_dir / "keys", self._ask, self.argon2))
        return self.custody

    def _ask(self, confirm: bool) -> str:
        return self.ask_passphrase(confirm)

    def give_passphrase(self, passphrase: str, *, instead_of_keyring: bool = False) -> None:
        """Answer every passphrase question with `passphrase` (typed once in a dialog; a reopen after
        a restore needs it again). With `instead_of_keyring`, new keys are wrapped under it even
        where a secure keyring exists: the person chose the passphrase mode after the keyring refused."""
        self.ask_passphrase = lambda _confirm: passphrase
        if instead_of_keyring:
            from centre_desk.security.credentials import LayeredCustody

            custody = self.get_custody()
            if isinstance(custody, LayeredCustody):
                custody.keyring_allowed = False

    def new_keys_need_passphrase(self) -> bool:
        """Whether keys saved now (a first run, a recovery) are wrapped under a database passphrase."""
        from centre_desk.security.credentials import LayeredCustody, PassphraseCustody

        custody = self.get_custody()
        if isinstance(custody, LayeredCustody):
            return not custody.uses_keyring
        return isinstance(custody, PassphraseCustody)

    def get_passwords(self) -> Passwords:
        if self.passwords is None:
            from centre_desk.security.passwords import Passwords, default_hasher  # argon2: when first used

            self.passwords = Passwords(default_hasher())
        return self.passwords
