"""Staff accounts and the per-login failure counters that throttle password guessing."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class Role(enum.StrEnum):
    INTAKE = "intake"
    NURSE = "nurse"
    COUNSELLOR = "counsellor"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"


class StaffAccount(Versioned, Base):
    __tablename__ = "staff_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(NFCText(64), unique=True)
    full_name: Mapped[str] = mapped_column(NFCText(200))
    password_hash: Mapped[str] = mapped_column(NFCText(200))
    roles: Mapped[str] = mapped_column(NFCText(200))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.split(",") if r)


class LoginThrottle(Base):
    """Consecutive failed sign-ins per login name typed — known or not, so that waits and
    locks never reveal whether an account exists. Security counters, not user data: no
    version counter."""

    __tablename__ = "login_throttle"

    login: Mapped[str] = mapped_column(NFCText(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    locked: Mapped[bool] = mapped_column(default=False)
