"""The questions asked before sign-in: the database passphrase and the recovery key."""

from centre_desk.ui.unlock.dialog import OpenDatabaseDialog
from centre_desk.ui.unlock.secret_field import SecretField

__all__ = ["OpenDatabaseDialog", "SecretField"]
