"""The authenticated account a service call acts for."""

from __future__ import annotations

from dataclasses import dataclass

from centre_desk.models.staff import Role
from centre_desk.security.permissions import Action, FieldGroup, allowed


@dataclass(frozen=True)
class Actor:
    """A snapshot taken at sign-in; services re-read roles and status on every action."""

    account_id: int | None
    login: str
    roles: frozenset[Role]
    full_name: str = ""
    must_change_password: bool = False

    @property
    def role_text(self) -> str:
        return ",".join(sorted(self.roles))

    def can(self, action: Action, group: FieldGroup) -> bool:
        """For screens deciding what to show; services check again against the database."""
        return allowed(self.roles, action, group)


SYSTEM = Actor(account_id=None, login="system", roles=frozenset())
