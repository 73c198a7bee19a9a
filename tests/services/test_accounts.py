"""Sign-in: identical failures, throttling, lock and unlock, rehash; password rules; administration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from centre_desk.errors import AuthenticationFailed, PermissionDenied, ValidationError
from centre_desk.models import StaffAccount
from centre_desk.models.staff import Role
from centre_desk.security.passwords import Passwords
from centre_desk.services.accounts import LOCK_AFTER, THROTTLE_AFTER, AccountService, throttle_wait
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


def test_waits_grow_after_five_failures_then_the_login_locks(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    for _ in range(THROTTLE_AFTER):
        _message(accounts.authenticate, "giamdoc", "sai")
    waiting = _message(accounts.authenticate, "giamdoc", MANAGER_PASSWORD)  # right password, but too soon
    assert "1" in waiting
    failures = THROTTLE_AFTER
    while failures < LOCK_AFTER:
        clock.now += timedelta(seconds=throttle_wait(failures))
        _message(accounts.authenticate, "giamdoc", "sai")
        failures += 1
    clock.now += timedelta(hours=5)
    locked = _message(accounts.authenticate, "giamdoc", MANAGER_PASSWORD)
    assert locked != waiting
    assert [throttle_wait(n) for n in range(4, 13)] == [0, 1, 2, 4, 8, 16, 32, 60, 60]


def test_unknown_logins_are_throttled_identically(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    known = [_message(accounts.authenticate, "giamdoc", "sai") for _ in range(THROTTLE_AFTER + 1)]
    unknown = [_message(accounts.authenticate, "ai-do", "sai") for _ in range(THROTTLE_AFTER + 1)]
    assert known == unknown


def test_manager_unlocks_a_locked_login(installed: Installed) -> None:
    clock = Clock()
    accounts = _service(installed, clock)
    accounts.create(installed.manager, NewAccount("yta", "Lò Thị Mai", "y tá trực đêm 2026", frozenset({Role.NURSE})))
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
