"""The backup screen: back up, verify, and choose a backup to restore."""

from centre_desk.ui.administration.backup.page import BackupPage

__all__ = ["BackupPage"]
