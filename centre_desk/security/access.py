"""Who is acting, and the role checks services make before they act."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from centre_desk.errors import PermissionDenied
from centre_desk.i18n import _
from centre_desk.models.staff import Role


@dataclass(frozen=True)
class Actor:
    """The authenticated account a service call acts for."""

    account_id: int | None
    login: str
    roles: frozenset[Role]

    @property
    def role_text(self) -> str:
        return ",".join(sorted(self.roles))


MAINTAINERS = frozenset({Role.MANAGER, Role.ADMINISTRATOR})

SYSTEM = Actor(account_id=None, login="system", roles=frozenset())


def require_role(actor: Actor, allowed: Iterable[Role]) -> None:
    """Raise PermissionDenied unless `actor` holds one of `allowed`."""
    if actor.roles.isdisjoint(allowed):
        raise PermissionDenied(_("Your account is not allowed to do this."))
