"""Staff accounts (the minimal model: login, Argon2id hash, roles)."""

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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.split(",") if r)
