"""Small pieces every lodging module uses: a person's label by permission, ages, staff names, local days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.resident import Resident
from centre_desk.models.staff import StaffAccount
from centre_desk.security.access import SYSTEM, Actor
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.registry import age_on


def names_allowed(actor: Actor) -> bool:
    """Whether the actor sees names (identity) or only aliases and codes."""
    return actor is SYSTEM or allowed(actor.roles, Action.VIEW, FieldGroup.IDENTITY)


def label(resident: Resident, names: bool) -> str:
    return resident.full_name if names else resident.alias


def age(resident: Resident, day: date) -> int | None:
    return age_on(resident.birth_date, resident.birth_year, day)


def staff_names(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Full names of the staff accounts among `ids` (one query)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = s.execute(select(StaffAccount.id, StaffAccount.full_name).where(StaffAccount.id.in_(wanted)))
    return {int(i): str(n) for i, n in rows}


def local_moment(day: date, at: time) -> datetime:
    """`day` at `at` local time, as aware UTC."""
    return datetime.combine(day, at).astimezone().astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()
