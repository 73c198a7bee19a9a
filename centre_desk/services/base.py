"""The wiring a capability's service holds: the sessions (read-write and read-only), the audit trail, the
access gate and the clock (tests move it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from centre_desk.models.base import utcnow
from centre_desk.security.access import AccessControl
from centre_desk.security.audit import AuditLog


class Service:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        read_sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._read = read_sessions
        self._audit = audit
        self._access = access
        self._clock = clock
