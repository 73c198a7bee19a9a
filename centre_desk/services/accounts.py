"""Staff accounts: creation, authentication and edits (the minimal model)."""

from __future__ import annotations

import logging
import re

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import AuthenticationFailed, NotFound, ValidationError
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.models.staff import StaffAccount
from centre_desk.security.access import MAINTAINERS, SYSTEM, Actor, require_role
from centre_desk.security.audit import AuditLog
from centre_desk.security.passwords import Passwords, check_password_rules
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.services.dto import AccountRow, NewAccount
from centre_desk.text import nfc, normalized

log = logging.getLogger(__name__)

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
LOGIN_FAILED = N_("The login name or the password is not correct.")


def clean_login(login: str) -> str:
    return nfc(login).strip().casefold()


def clean_full_name(full_name: str) -> str:
    name = " ".join(nfc(full_name).split())
    if not name or len(name) > 200:
        raise ValidationError("full_name", _("Please enter a full name of 1 to 200 characters."))
    if any(ord(ch) < 32 for ch in name):
        raise ValidationError("full_name", _("The full name contains characters that cannot be printed."))
    return name


def check_new_account(data: NewAccount) -> NewAccount:
    """The account data cleaned (NFC, login folded, spaces collapsed), or ValidationError."""
    data = normalized(data)
    login = clean_login(data.login)
    if not _LOGIN.match(login):
        raise ValidationError(
            "login",
            _("A login name has 2 to 64 letters a–z, digits, dots, dashes or underscores, without accents."),
        )
    check_password_rules(data.password)
    if not data.roles:
        raise ValidationError("roles", _("Please choose at least one role."))
    return NewAccount(login, clean_full_name(data.full_name), data.password, data.roles)


class AccountService:
    def __init__(self, sessions: sessionmaker[Session], audit: AuditLog, passwords: Passwords) -> None:
        self._sessions = sessions
        self._audit = audit
        self._passwords = passwords

    def add(self, s: Session, actor: Actor, data: NewAccount) -> StaffAccount:
        """Create an account inside the caller's transaction (used by init and by `create`)."""
        data = check_new_account(data)
        if s.scalar(select(StaffAccount.id).where(StaffAccount.login == data.login)) is not None:
            raise ValidationError("login", _("This login name is already taken."))
        account = StaffAccount(
            login=data.login,
            full_name=data.full_name,
            password_hash=self._passwords.hash(data.password),
            roles=",".join(sorted(data.roles)),
            active=True,
            created_at=utcnow(),
        )
        s.add(account)
        s.flush()
        self._audit.record(s, actor, "account.created", record_type="staff_account", record_id=account.id)
        return account

    def create(self, actor: Actor, data: NewAccount) -> AccountRow:
        require_role(actor, MAINTAINERS)
        with self._sessions.begin() as s:
            return AccountRow.from_model(self.add(s, actor, data))

    def authenticate(self, login: str, password: str) -> Actor:
        """The account's Actor; AuthenticationFailed (same message for every reason) otherwise."""
        login, password = clean_login(login), nfc(password)
        with self._sessions.begin() as s:
            account = s.scalar(select(StaffAccount).where(StaffAccount.login == login))
            ok = self._passwords.verify(account.password_hash if account else None, password)
            if account is None or not ok or not account.active:
                attempted = Actor(account.id if account else None, login[:64], frozenset())
                self._audit.record(s, attempted, "login", outcome="failed")
                failed = True
            else:
                if self._passwords.needs_rehash(account.password_hash):
                    account.password_hash = self._passwords.hash(password)
                actor = Actor(account.id, account.login, account.role_set())
                self._audit.record(s, actor, "login", record_type="staff_account", record_id=account.id)
                failed = False
        if failed:
            raise AuthenticationFailed(_(LOGIN_FAILED))
        return actor

    def get(self, actor: Actor, account_id: int) -> AccountRow:
        require_role(actor, MAINTAINERS)
        with self._sessions.begin() as s:
            account = s.get(StaffAccount, account_id)
            if account is None:
                raise NotFound(_("The record no longer exists."))
            self._audit.record(s, actor, "account.viewed", record_type="staff_account", record_id=account_id)
            return AccountRow.from_model(account)

    def rename(self, actor: Actor, account_id: int, expected_version: int, full_name: str) -> AccountRow:
        """Change the full name; Conflict if someone saved the account since `expected_version`."""
        if actor is not SYSTEM and actor.account_id != account_id:
            require_role(actor, MAINTAINERS)
        name = clean_full_name(full_name)
        with self._sessions.begin() as s, stale_guard():
            account = load_for_edit(s, StaffAccount, account_id, expected_version, AccountRow.from_model)
            account.full_name = name
            s.flush()
            self._audit.record(
                s,
                actor,
                "account.updated",
                record_type="staff_account",
                record_id=account_id,
                field_group="identity",
            )
            return AccountRow.from_model(account)
