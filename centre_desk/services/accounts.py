"""Staff accounts: sign-in with throttling, passwords, and account administration.

Throttling (SECURITY.md G3.2): after 5 consecutive failures a login waits 1, 2, 4 … 60 s between
attempts; after 20 it is locked until a manager unlocks it — except the last active manager,
who is never locked (nobody would be left to unlock anyone) but waits longer and longer, up to
15 minutes between attempts. Whoever holds the installation's recovery key can unlock any login
(`unlock_with_recovery_key`), the way back when every manager is locked out.
"""

from __future__ import annotations

import hmac
import logging
import math
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import AuthenticationFailed, NotFound, UserError, ValidationError
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.models.centre import Installation
from centre_desk.models.staff import LoginThrottle, Role, StaffAccount
from centre_desk.reports.glyphs import printable_text
from centre_desk.security.access import SYSTEM, AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.keys import derive_keys, key_check, parse_recovery_key
from centre_desk.security.password_policy import check_password
from centre_desk.security.passwords import Passwords
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.services.dto import AccountRow, AccountUpdate, NewAccount
from centre_desk.services.settings import centre_name_now
from centre_desk.text import nfc, normalized

log = logging.getLogger(__name__)

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
THROTTLE_AFTER = 5  # failures before waits start
LOCK_AFTER = 20  # consecutive failures that lock the login until a manager unlocks it (not the last manager)
MAX_WAIT_SECONDS = 60
LAST_MANAGER_MAX_WAIT_SECONDS = 15 * 60  # beyond LOCK_AFTER: 2, 4, 8, then 15 minutes between attempts

LOGIN_FAILED = N_("The login name or the password is not correct.")
LOGIN_WAIT = N_("Too many failed attempts. Please wait {seconds} seconds and try again.")
LOGIN_WAIT_MINUTES = N_("Too many failed attempts. Please wait {minutes} minutes and try again.")
LOGIN_LOCKED = N_(
    "This login is locked after too many failed attempts. A manager can unlock it on the staff accounts page, "
    "or anyone can with the recovery key."
)
WRONG_RECOVERY_KEY = N_("This recovery key does not belong to this database.")


RECOVERY_UNLOCK = "account.unlocked_by_recovery_key"


def _other_managers(s: Session, account_id: int) -> int:
    """Active accounts other than `account_id` with the manager role."""
    return int(
        s.scalar(
            select(func.count())
            .select_from(StaffAccount)
            .where(StaffAccount.active, StaffAccount.id != account_id, StaffAccount.roles.contains(Role.MANAGER.value))
        )
        or 0
    )


def clean_login(login: str) -> str:
    return nfc(login).strip().casefold()


def clean_full_name(full_name: str) -> str:
    """Spaces collapsed, invisible characters removed; only what the papers can print (the name
    of the receiving officer is on them)."""
    name = printable_text(" ".join(nfc(full_name).split()), "full_name", _("full name"), about_a_person=False)
    if not name or len(name) > 200:
        raise ValidationError("full_name", _("Please enter a full name of 1 to 200 characters."))
    return name


def check_new_account(data: NewAccount, centre_name: str = "") -> NewAccount:
    """The account data cleaned (NFC, login folded, spaces collapsed), or ValidationError."""
    data = normalized(data)
    login = clean_login(data.login)
    if not _LOGIN.match(login):
        raise ValidationError(
            "login",
            _("A login name has 2 to 64 letters a–z, digits, dots, dashes or underscores, without accents."),
        )
    full_name = clean_full_name(data.full_name)
    check_password(data.password, (login, full_name, centre_name))
    if not data.roles:
        raise ValidationError("roles", _("Please choose at least one role."))
    return NewAccount(login, full_name, data.password, data.roles)


def throttle_wait(failures: int) -> int:
    """Seconds to wait after `failures` consecutive failures: 0, then 1, 2, 4 … 60; from LOCK_AFTER
    on (reached only by the last active manager, every other login is locked there) 120, 240, 480,
    then 900 — at most 25 password checks in the first hour, 4 an hour after that."""
    if failures < THROTTLE_AFTER:
        return 0
    if failures < LOCK_AFTER:
        return int(min(MAX_WAIT_SECONDS, 2 ** (failures - THROTTLE_AFTER)))
    return int(min(LAST_MANAGER_MAX_WAIT_SECONDS, MAX_WAIT_SECONDS * 2 ** (failures - LOCK_AFTER + 1)))


def wait_message(seconds: int) -> str:
    if seconds <= 2 * MAX_WAIT_SECONDS:
        return _(LOGIN_WAIT).format(seconds=seconds)
    return _(LOGIN_WAIT_MINUTES).format(minutes=math.ceil(seconds / 60))


class AccountService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        passwords: Passwords,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access
        self._passwords = passwords
        self._clock = clock

    # -- signing in -----------------------------------------------------------------------------
    def authenticate(self, login: str, password: str) -> Actor:
        """The account's Actor; AuthenticationFailed otherwise, with the same message whether
        or not the login exists. Waits and locks count per login name typed."""
        login, password = clean_login(login), nfc(password)
        with self._sessions.begin() as s:
            outcome, message, account = self._attempt(s, login, password, "login")
            if account is not None:
                if self._passwords.needs_rehash(account.password_hash):
                    account.password_hash = self._passwords.hash(password)
                actor = Actor(
                    account.id, account.login, account.role_set(), account.full_name, account.must_change_password
                )
        if message is not None:
            raise AuthenticationFailed(message)
        log.info("sign-in %s for account %s", outcome, actor.account_id)
        return actor

    def verify_password(self, actor: Actor, password: str) -> None:
        """Unlocking the idle lock: the same user's password, throttled like a sign-in."""
        with self._sessions.begin() as s:
            _outcome, message, account = self._attempt(s, actor.login, nfc(password), "unlock")
            if account is not None and account.id != actor.account_id:
                message = _(LOGIN_FAILED)
        if message is not None:
            raise AuthenticationFailed(message)

    def _attempt(
        self, s: Session, login: str, password: str, action: str
    ) -> tuple[str, str | None, StaffAccount | None]:
        now = self._clock()
        throttle = s.get(LoginThrottle, login[:64])
        subject = Actor(None, login[:64], frozenset())
        if throttle is not None and throttle.locked and not self._is_last_manager(s, login):
            self._audit.record(s, subject, action, outcome="locked")
            return "locked", _(LOGIN_LOCKED), None
        if throttle is not None and throttle.last_failure_at is not None:
            ready_at = throttle.last_failure_at + timedelta(seconds=throttle_wait(throttle.failures))
            if ready_at > now:
                self._audit.record(s, subject, action, outcome="throttled")
                return "throttled", wait_message(math.ceil((ready_at - now).total_seconds())), None
        account = s.scalar(select(StaffAccount).where(StaffAccount.login == login))
        ok = self._passwords.verify(account.password_hash if account else None, password)
        if account is None or not ok or not account.active:
            if throttle is None:
                throttle = LoginThrottle(login=login[:64], failures=0, locked=False)
                s.add(throttle)
            throttle.failures += 1
            throttle.last_failure_at = now
            throttle.locked = throttle.failures >= LOCK_AFTER and not self._is_last_manager(s, login)
            failed = Actor(account.id if account else None, login[:64], frozenset())
            self._audit.record(s, failed, action, outcome="locked" if throttle.locked else "failed")
            return "failed", _(LOGIN_FAILED), None
        if throttle is not None:
            s.delete(throttle)
        actor = Actor(account.id, account.login, account.role_set())
        self._audit.record(s, actor, action, record_type="staff_account", record_id=account.id)
        return "ok", None, account

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        self.verify_password(actor, old_password)
        new_password = nfc(new_password)
        with self._sessions.begin() as s:
            self._access.current(s, actor)
            account = s.get(StaffAccount, actor.account_id)
            if account is None:
                raise NotFound(_("The record no longer exists."))
            check_password(new_password, (account.login, account.full_name, centre_name_now(s)))
            if self._passwords.verify(account.password_hash, new_password):
                raise ValidationError("password", _("The new password must differ from the old one."))
            account.password_hash = self._passwords.hash(new_password)
            account.must_change_password = False
            self._audit.record(s, actor, "password.changed", record_type="staff_account", record_id=account.id)

    # -- administration -------------------------------------------------------------------------
    def add(self, s: Session, actor: Actor, data: NewAccount) -> StaffAccount:
        """Create an account inside the caller's transaction (used by init and by `create`)."""
        data = check_new_account(data, centre_name_now(s))
        if s.scalar(select(StaffAccount.id).where(StaffAccount.login == data.login)) is not None:
            raise ValidationError("login", _("This login name is already taken."))
        account = StaffAccount(
            login=data.login,
            full_name=data.full_name,
            password_hash=self._passwords.hash(data.password),
            roles=",".join(sorted(data.roles)),
            active=True,
            must_change_password=actor is not SYSTEM,
            created_at=utcnow(),
        )
        s.add(account)
        s.flush()
        self._audit.record(s, actor, "account.created", record_type="staff_account", record_id=account.id)
        return account

    def create(self, actor: Actor, data: NewAccount) -> AccountRow:
        """A new account; its first password is temporary (changed at first sign-in)."""
        with self._access.unit(actor, Action.ADMINISTER, FieldGroup.STAFF) as (s, current):
            return AccountRow.from_model(self.add(s, current, data), self._locked(s))

    def _locked(self, s: Session) -> frozenset[str]:
        return frozenset(s.scalars(select(LoginThrottle.login).where(LoginThrottle.locked)))

    def all_accounts(self, actor: Actor) -> list[AccountRow]:
        with self._access.unit(actor, Action.VIEW, FieldGroup.STAFF) as (s, current):
            locked = self._locked(s)
            rows = [
                AccountRow.from_model(a, locked) for a in s.scalars(select(StaffAccount).order_by(StaffAccount.login))
            ]
            self._audit.record(s, current, "account.listed", record_type="staff_account", field_group=FieldGroup.STAFF)
            return rows

    def get(self, actor: Actor, account_id: int) -> AccountRow:
        with self._access.unit(
            actor, Action.VIEW, FieldGroup.STAFF, record_type="staff_account", record_id=account_id
        ) as (
            s,
            current,
        ):
            account = s.get(StaffAccount, account_id)
            if account is None:
                raise NotFound(_("The record no longer exists."))
            self._audit.record(s, current, "account.viewed", record_type="staff_account", record_id=account_id)
            return AccountRow.from_model(account, self._locked(s))

    def update(self, actor: Actor, change: AccountUpdate) -> AccountRow:
        """Full name, roles and enabled state; Conflict on a stale version. At least one
        active manager always remains."""
        change = normalized(change)
        name = clean_full_name(change.full_name)
        if not change.roles:
            raise ValidationError("roles", _("Please choose at least one role."))
        with (
            self._access.unit(
                actor, Action.ADMINISTER, FieldGroup.STAFF, record_type="staff_account", record_id=change.id
            ) as (s, current),
            stale_guard(),
        ):
            account = load_for_edit(s, StaffAccount, change.id, change.version, AccountRow.from_model)
            was_manager = account.active and Role.MANAGER in account.role_set()
            account.full_name = name
            account.roles = ",".join(sorted(change.roles))
            account.active = change.active
            if was_manager and not (change.active and Role.MANAGER in change.roles):
                self._keep_a_manager(s, account.id)
            s.flush()
            self._audit.record(s, current, "account.updated", record_type="staff_account", record_id=account.id)
            return AccountRow.from_model(account, self._locked(s))

    def _keep_a_manager(self, s: Session, leaving_id: int) -> None:
        if not _other_managers(s, leaving_id):
            raise ValidationError("roles", _("At least one active account must keep the centre manager role."))

    @staticmethod
    def _is_last_manager(s: Session, login: str) -> bool:
        """The login belongs to the only active manager: never locked, only made to wait."""
        account = s.scalar(select(StaffAccount).where(StaffAccount.login == login))
        if account is None or not account.active or Role.MANAGER not in account.role_set():
            return False
        return not _other_managers(s, account.id)

    def reset_password(self, actor: Actor, account_id: int, expected_version: int, new_password: str) -> AccountRow:
        """A temporary password the person must change at their next sign-in; also unlocks."""
        new_password = nfc(new_password)
        with (
            self._access.unit(
                actor, Action.ADMINISTER, FieldGroup.STAFF, record_type="staff_account", record_id=account_id
            ) as (s, current),
            stale_guard(),
        ):
            account = load_for_edit(s, StaffAccount, account_id, expected_version, AccountRow.from_model)
            check_password(new_password, (account.login, account.full_name, centre_name_now(s)))
            account.password_hash = self._passwords.hash(new_password)
            account.must_change_password = True
            throttle = s.get(LoginThrottle, account.login)
            if throttle is not None:
                s.delete(throttle)
            s.flush()
            self._audit.record(s, current, "password.reset", record_type="staff_account", record_id=account_id)
            return AccountRow.from_model(account, self._locked(s))

    def unlock(self, actor: Actor, login: str) -> None:
        login = clean_login(login)
        with self._access.unit(actor, Action.ADMINISTER, FieldGroup.STAFF, record_type="login", record_id=login) as (
            s,
            current,
        ):
            throttle = s.get(LoginThrottle, login)
            if throttle is not None:
                s.delete(throttle)
            self._audit.record(s, current, "account.unlocked", record_type="login", record_id=login)

    def unlock_with_recovery_key(self, login: str, recovery_key: str) -> None:
        """Clear the failures and the lock of `login` for whoever holds this installation's recovery
        key (no sign-in needed: the way back when every manager is locked out). Audited; a wrong or
        mistyped key is refused, and audited too."""
        login = clean_login(login)
        problem: UserError | None = None
        with self._sessions.begin() as s:
            try:
                given = key_check(derive_keys(parse_recovery_key(recovery_key)))
                stored = s.scalar(select(Installation.key_check))
                if stored is None or not hmac.compare_digest(given, stored):
                    problem = ValidationError("recovery_key", _(WRONG_RECOVERY_KEY))
            except ValidationError as exc:
                problem = exc
            if problem is None:
                throttle = s.get(LoginThrottle, login[:64])
                if throttle is not None:
                    s.delete(throttle)
            outcome = "ok" if problem is None else "failed"
            self._audit.record(s, SYSTEM, RECOVERY_UNLOCK, record_type="login", record_id=login, outcome=outcome)
        log.info("unlock with the recovery key: %s", outcome)
        if problem is not None:
            raise problem

    def rename(self, actor: Actor, account_id: int, expected_version: int, full_name: str) -> AccountRow:
        """Change only the full name (kept for callers that edit nothing else)."""
        row = self.get(actor, account_id)
        return self.update(actor, AccountUpdate(account_id, expected_version, full_name, row.roles, row.active))
