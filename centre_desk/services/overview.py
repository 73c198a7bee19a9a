"""The figures on the Overview page: residents in the centre, admissions this month, one's own drafts, stay
limits near or past and leave passes overdue.

Counts only, no person: nothing here is audited (opening a list or a record is). Each figure is
given only to an account allowed to see what it counts; the others get None and the page leaves it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.models.base import utcnow
from centre_desk.models.resident import Admission, AdmissionDraft, Resident
from centre_desk.security.access import SYSTEM, AccessControl, Actor
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.lodging.census import overdue_passes
from centre_desk.services.lodging.stay import alert_counts


@dataclass(frozen=True)
class Figures:
    in_centre: int | None  # residents whose latest stay has not ended
    admitted_this_month: int | None  # admissions (readmissions included) since the 1st, local time
    my_drafts: int | None  # admissions the actor started and has not saved yet
    # lodging (VIEW on LODGING): stay limits near or past, leave passes overdue
    stay_soon: int | None = None  # ≤ 14 days left
    stay_urgent: int | None = None  # ≤ 3 days left
    stay_over: int | None = None  # past the deadline
    overdue_leaves: int | None = None


_LATEST = (
    select(func.max(Admission.id)).where(Admission.resident_id == Resident.id).correlate(Resident).scalar_subquery()
)


def month_start_utc(today: date) -> datetime:
    return datetime.combine(today.replace(day=1), time.min).astimezone().astimezone(UTC)


class OverviewService:
    def __init__(
        self, read_sessions: sessionmaker[Session], access: AccessControl, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._read = read_sessions
        self._access = access
        self._clock = clock

    def figures(self, actor: Actor) -> Figures:
        """The counts in one read transaction (a few milliseconds on 100,000 residents: index only; the
        lodging counts read only the stays near their limit and the passes past their return)."""
        with self._read() as s:
            current = self._access.current(s, actor)
            in_centre = admitted = drafts = None
            if current is SYSTEM or allowed(current.roles, Action.VIEW, FieldGroup.PLACEMENT):
                in_centre = s.scalar(
                    select(func.count(Resident.id))
                    .select_from(Resident)
                    .join(Admission, Admission.id == _LATEST)
                    .where(Admission.discharged_at.is_(None))
                )
                since = month_start_utc(self._clock().astimezone().date())
                admitted = s.scalar(select(func.count(Admission.id)).where(Admission.arrived_at >= since))
            if current.account_id is not None and allowed(current.roles, Action.CREATE, FieldGroup.IDENTITY):
                drafts = s.scalar(
                    select(func.count(AdmissionDraft.id)).where(AdmissionDraft.owner_id == current.account_id)
                )
            figures = Figures(
                None if in_centre is None else int(in_centre),
                None if admitted is None else int(admitted),
                None if drafts is None else int(drafts),
            )
            if current is SYSTEM or allowed(current.roles, Action.VIEW, FieldGroup.LODGING):
                now = self._clock()
                stays = alert_counts(s, now.astimezone().date(), now)
                figures = replace(
                    figures, stay_soon=stays["soon"], stay_urgent=stays["urgent"], stay_over=stays["over"],
                    overdue_leaves=len(overdue_passes(s, now)),
                )  # fmt: skip
            return figures
