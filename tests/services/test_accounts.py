"""Sign-in: identical failures, throttling, lock and unlock, rehash; password rules; administration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from centre_desk.errors import AuthenticationFailed, PermissionDenied, ValidationError
from centre_desk.i18n import _
from centre_desk.models import StaffAccount
from centre_desk.models.staff import Role
from centre_desk.security.keys import format_recovery_key, new_secret
from centre_desk.security.passwords import Passwords
from centre_desk.services.accounts import (
    LOCK_AFTER,
    LOGIN_FAILED,
    LOGIN_LOCKED,
    LOGIN_WAIT,
    LOGIN_WAIT_MINUTES,
    RECOVERY_UNLOCK,
    THROTTLE_AFTER,
    AccountService,
    throttle_wait,
)
from centre_desk.services.audit_view import AuditFilter
from centre_desk.services.dto import AccountUpdate, NewAccount
from tests.conftest import MANAGER_PASSWORD, Installed


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _service(installed: Installed, clock: Clock, passwords: Passwords | None = None) -> AccountService:
    c = installed.centre
    return AccountService(c.sessions, c.audit, c.access, passwords or installed.options.get_passwords(), clock=clock)


def _message(fn: object, *args: str) -> str:
    with pytest.raises(AuthenticationFailed) as caught:
        fn(*args)  # type: ignore[operator]
    return caught.value.message


def test_unknown_user_and_wrong_password_look_the_same(installed: Installed) -> None:
    accounts = installed.centre.accounts
    assert _message(accounts.authenticate, "giamdoc", "sai mật khẩu rồi") == _message(
        accounts.authenticate, "khong-ton-tai", MANAGER_PASSWORD
    )


NURSE_PASSWORD = "y tá trực đêm 2026"


def _add_nurse(installed: Installed, accounts: AccountService) -> None:
    accounts.create(installed.manager, NewAccount("yta", "Lò Thị Mai", NURSE_PASSWORD, frozenset({Role.NURSE})))


def _fail_until(accounts: AccountService, clock: Clock, login: str, failures: int) -> None:
    """`failures` consecutive wrong passwords, each as soon as the wait allows."""
    for n in range(failures):
        clock.now += timedelta(seconds=throttle_wait(n))
        assert _message(accounts.authenticate, login, "sai") == _(LOGIN_FAILED)


def test_waits_grow_after_five_failures_then_the_login_locks(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    _add_nurse(installed, accounts)
    for _n in range(THROTTLE_AFTER):
        _message(accounts.authenticate, "yta", "sai")
    waiting = _message(accounts.authenticate, "yta", NURSE_PASSWORD)  # right password, but too soon
    assert "1" in waiting
    failures = THROTTLE_AFTER
    while failures < LOCK_AFTER:
        clock.now += timedelta(seconds=throttle_wait(failures))
        _message(accounts.authenticate, "yta", "sai")
        failures += 1
    clock.now += timedelta(hours=5)
    locked = _message(accounts.authenticate, "yta", NURSE_PASSWORD)
    assert locked == _(LOGIN_LOCKED) != waiting
    assert [throttle_wait(n) for n in range(4, 13)] == [0, 1, 2, 4, 8, 16, 32, 60, 60]


def test_the_last_manager_is_never_locked_only_made_to_wait_longer(installed: Installed) -> None:
    """Today 20 wrong passwords lock the only manager for good; now the waits keep growing instead."""
    clock = Clock()
    accounts = _service(installed, clock)
    _fail_until(accounts, clock, "giamdoc", LOCK_AFTER + 5)
    assert [throttle_wait(n) for n in range(LOCK_AFTER - 1, LOCK_AFTER + 5)] == [60, 120, 240, 480, 900, 900]
    clock.now += timedelta(seconds=throttle_wait(LOCK_AFTER + 5) - 1)
    too_soon = _message(accounts.authenticate, "giamdoc", MANAGER_PASSWORD)
    assert too_soon == _(LOGIN_WAIT).format(seconds=1)
    clock.now += timedelta(seconds=1)
    assert accounts.authenticate("giamdoc", MANAGER_PASSWORD).login == "giamdoc"
    assert not next(a for a in accounts.all_accounts(installed.manager) if a.login == "giamdoc").locked


def test_waits_of_minutes_are_told_in_minutes(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    _fail_until(accounts, clock, "giamdoc", LOCK_AFTER + 4)
    assert _message(accounts.authenticate, "giamdoc", MANAGER_PASSWORD) == _(LOGIN_WAIT_MINUTES).format(minutes=15)


def test_a_scripted_guesser_gets_at_most_25_checks_in_the_first_hour_then_4_an_hour(installed: Installed) -> None:
    """SECURITY.md G3.2 for the one login that is never locked: guesses exactly when allowed."""
    clock = Clock()
    start = clock.now
    accounts = _service(installed, clock)
    checked: list[datetime] = []
    while clock.now < start + timedelta(hours=3):
        assert _message(accounts.authenticate, "giamdoc", "sai") == _(LOGIN_FAILED)
        checked.append(clock.now)
        wait = throttle_wait(len(checked))
        if wait > 1:  # one second too early: refused without checking the password
            clock.now += timedelta(seconds=wait - 1)
            assert _message(accounts.authenticate, "giamdoc", "sai") != _(LOGIN_FAILED)
        clock.now += timedelta(seconds=min(wait, 1))
    per_hour = [sum(timedelta(hours=h) <= t - start < timedelta(hours=h + 1) for t in checked) for h in range(3)]
    assert per_hour[0] <= 25 and per_hour[1] <= 4 and per_hour[2] <= 4


def test_a_lock_is_lifted_once_its_login_is_the_last_manager(installed: Installed) -> None:
    """Two managers: the second is locked as usual; when the first leaves, the lock no longer holds."""
    clock = Clock()
    accounts = _service(installed, clock)
    accounts.create(installed.manager, NewAccount("phogd", "Lò Văn Sáu", NURSE_PASSWORD, frozenset({Role.MANAGER})))
    _fail_until(accounts, clock, "phogd", LOCK_AFTER)
    clock.now += timedelta(hours=1)
    assert _message(accounts.authenticate, "phogd", NURSE_PASSWORD) == _(LOGIN_LOCKED)
    assert installed.manager.account_id is not None
    me = accounts.get(installed.manager, installed.manager.account_id)
    accounts.update(installed.manager, AccountUpdate(me.id, me.version, me.full_name, me.roles, False))
    assert accounts.authenticate("phogd", NURSE_PASSWORD).login == "phogd"


def _one_letter_changed(key: str) -> str:
    return key[:-1] + ("B" if key[-1] == "A" else "A")


def test_the_recovery_key_unlocks_any_login_and_is_audited(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    _add_nurse(installed, accounts)
    _fail_until(accounts, clock, "yta", LOCK_AFTER)
    other_installation = format_recovery_key(new_secret())
    for wrong in (other_installation, _one_letter_changed(installed.recovery_key), "không phải mã"):
        with pytest.raises(ValidationError) as caught:
            accounts.unlock_with_recovery_key("yta", wrong)
        assert caught.value.field == "recovery_key"
    assert _message(accounts.authenticate, "yta", NURSE_PASSWORD) == _(LOGIN_LOCKED)
    accounts.unlock_with_recovery_key(" YTA ", installed.recovery_key.lower().replace("-", " "))
    assert accounts.authenticate("yta", NURSE_PASSWORD).login == "yta"
    rows = installed.centre.audit_view.search(installed.manager, AuditFilter(action=RECOVERY_UNLOCK))
    assert [(r.outcome, r.record_id, r.login) for r in rows] == [("ok", "yta", "system")] + [
        ("failed", "yta", "system")
    ] * 3


def test_unknown_logins_are_throttled_identically(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    known = [_message(accounts.authenticate, "giamdoc", "sai") for _ in range(THROTTLE_AFTER + 1)]
    unknown = [_message(accounts.authenticate, "ai-do", "sai") for _ in range(THROTTLE_AFTER + 1)]
    assert known == unknown


def test_manager_unlocks_a_locked_login(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    _add_nurse(installed, accounts)
    for n in range(LOCK_AFTER):
        clock.now += timedelta(seconds=throttle_wait(n) + 1)
        _message(accounts.authenticate, "yta", "sai")
    clock.now += timedelta(days=1)
    _message(accounts.authenticate, "yta", "y tá trực đêm 2026")
    assert next(a for a in accounts.all_accounts(installed.manager) if a.login == "yta").locked
    accounts.unlock(installed.manager, "yta")
    assert accounts.authenticate("yta", "y tá trực đêm 2026").login == "yta"


def test_every_attempt_is_audited(installed: Installed) -> None:
    accounts = installed.centre.accounts
    _message(accounts.authenticate, "giamdoc", "sai")
    accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    rows = installed.centre.audit_view.search(installed.manager, AuditFilter(action="login"))
    assert [r.outcome for r in rows[:3]] == ["ok", "failed", "ok"]


def test_hash_is_upgraded_at_sign_in_when_parameters_change(installed: Installed) -> None:
    stronger = Passwords(PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1))
    with installed.centre.sessions() as s:
        before = s.scalar(select(StaffAccount.password_hash).where(StaffAccount.login == "giamdoc"))
    assert before is not None and stronger.needs_rehash(before)
    _service(installed, Clock(), stronger).authenticate("giamdoc", MANAGER_PASSWORD)
    with installed.centre.sessions() as s:
        after = s.scalar(select(StaffAccount.password_hash).where(StaffAccount.login == "giamdoc"))
    assert after != before and after is not None and not stronger.needs_rehash(after)
    assert "m=1024,t=2,p=1" in after


@pytest.mark.parametrize(
    "password",
    [
        "password123",
        "12345678",
        "matkhau123",
        "mật khẩu 123",
        "giamdoc2026",
        "Nguyễn Thị Hường 1",
        "aaaaaaaaaa",
        "ngắn",
    ],
)
def test_weak_passwords_are_refused_with_a_clear_message(installed: Installed, password: str) -> None:
    with pytest.raises(ValidationError) as caught:
        installed.centre.accounts.create(
            installed.manager, NewAccount("giamdoc2", "Nguyễn Thị Hường", password, frozenset({Role.NURSE}))
        )
    assert caught.value.field == "password" and caught.value.message


def test_temporary_password_must_be_changed(installed: Installed) -> None:
    accounts = installed.centre.accounts
    accounts.create(
        installed.manager, NewAccount("tuvan", "Giàng Thị Dua", "tạm thời cho tư vấn", frozenset({Role.COUNSELLOR}))
    )
    first = accounts.authenticate("tuvan", "tạm thời cho tư vấn")
    assert first.must_change_password
    with pytest.raises(ValidationError):
        accounts.change_password(first, "tạm thời cho tư vấn", "tạm thời cho tư vấn")
    accounts.change_password(first, "tạm thời cho tư vấn", "núi cao suối sâu bản xa")
    assert not accounts.authenticate("tuvan", "núi cao suối sâu bản xa").must_change_password


def test_the_last_manager_cannot_be_removed(installed: Installed) -> None:
    accounts, manager = installed.centre.accounts, installed.manager
    assert manager.account_id is not None
    row = accounts.get(manager, manager.account_id)
    with pytest.raises(ValidationError):
        accounts.update(manager, AccountUpdate(row.id, row.version, row.full_name, frozenset({Role.NURSE}), True))
    assert accounts.get(manager, manager.account_id).roles == frozenset({Role.MANAGER})


def test_only_staff_administrators_create_accounts(installed: Installed) -> None:
    accounts = installed.centre.accounts
    accounts.create(
        installed.manager, NewAccount("tiepnhan", "Vàng A Sình", "bản Sì Thâu Chải 88", frozenset({Role.INTAKE}))
    )
    intake = accounts.authenticate("tiepnhan", "bản Sì Thâu Chải 88")
    with pytest.raises(PermissionDenied):
        accounts.create(intake, NewAccount("khac", "Người khác", "một câu rất dài khác", frozenset({Role.MANAGER})))
    assert "khac" not in {a.login for a in accounts.all_accounts(installed.manager)}
