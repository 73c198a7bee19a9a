"""Who is acting, and the one gate every service call goes through.

`AccessControl.unit(actor, action, group)` opens the transaction of one user action,
re-reads the account (so a disabled account or a changed role applies to the very next
action), checks the permission matrix and yields the session. A refusal is audited in
its own transaction, after the refused one has been rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import PermissionDenied
from centre_desk.i18n import _
from centre_desk.models.staff import StaffAccount
from centre_desk.security.actor import SYSTEM, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup, allowed

__all__ = ["SYSTEM", "AccessControl", "Actor"]


class AccessControl:
    def __init__(self, sessions: sessionmaker[Session], audit: AuditLog) -> None:
        self._sessions = sessions
        self._audit = audit

    def current(self, s: Session, actor: Actor) -> Actor:
        """The actor as the database now knows it; PermissionDenied if disabled or gone."""
        if actor is SYSTEM:
            return actor
        account = s.get(StaffAccount, actor.account_id) if actor.account_id is not None else None
        if account is None or not account.active:
            raise PermissionDenied(_("This account has been disabled. Please sign in again."))
        return replace(actor, roles=account.role_set(), must_change_password=account.must_change_password)

    @contextmanager
    def unit(
        self,
        actor: Actor,
        action: Action,
        group: FieldGroup,
        *,
        record_type: str = "",
        record_id: object = "",
        also: Iterable[tuple[Action, FieldGroup]] = (),
    ) -> Iterator[tuple[Session, Actor]]:
        """One authorised user action: (session, current actor) inside one transaction.

        `also` lists further permissions the action needs (e.g. writing a narrative at admission).
        """
        try:
            with self._sessions.begin() as s:
                current = self.current(s, actor)
                needed = [(action, group), *also]
                if current is not SYSTEM and not all(allowed(current.roles, a, g) for a, g in needed):
                    raise PermissionDenied(_("Your account is not allowed to do this."))
                yield s, current
        except PermissionDenied:
            with self._sessions.begin() as s:
                self._audit.record(
                    s, actor, f"{action}.denied", record_type=record_type, record_id=record_id,
                    field_group=group, outcome="denied",
                )  # fmt: skip
            raise

    def require(self, actor: Actor, action: Action, group: FieldGroup) -> Actor:
        """Check (and audit a refusal) without doing anything else; returns the current actor."""
        with self.unit(actor, action, group) as (_s, current):
            return current
