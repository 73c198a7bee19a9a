"""HealthService: the nurse's views across residents and the health actions that are not a single entry.

The entries themselves (intake checks, nursing notes, tests, referrals, medication plans) are written and
read through services/entries (EntryService) like every dated entry; this service adds what a nurse needs
around them: the Today page, the charts, the medication administration record and the Overview's alerts.
Permissions: VIEW on HEALTH to read; CREATE on HEALTH to record a dose; restricted entries stay out of every
view here unless the actor may see the sensitive group.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from centre_desk.models.base import utcnow
from centre_desk.security.access import AccessControl
from centre_desk.security.audit import AuditLog


class HealthService:
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
