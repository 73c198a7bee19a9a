"""CarePlanService: the care and support plan's life — written, submitted, approved or returned with a comment,
a new version to change an approved one, its actions' progress — each action one transaction with its audit row.

Permissions (docs/permissions.md, "Kế hoạch chăm sóc"): VIEW on CARE_PLAN reads; CREATE writes a new version;
EDIT changes a draft or a returned version, submits it and moves an approved plan's actions on; APPROVE (the
manager) approves or returns. An approved plan is never changed: `write` starts the next version, which replaces
it only once approved. Audit codes start with "care_plan.".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm import Session

from centre_desk.errors import UserError, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.care_plan import CarePlan, CarePlanAction
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.care_plan import due, rules, store
from centre_desk.services.care_plan.dto import CarePlanDue, CarePlanState, PlanInput, PlanView
from centre_desk.services.care_plan.terms import OPEN, PlanStatus
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.services.entries.timeline import sees
from centre_desk.services.lodging.common import local_day, names_allowed
from centre_desk.text import nfc

GROUP = FieldGroup.CARE_PLAN
COMMENT_MIN = 10  # characters: a reason the writer can act on, not "no"
NOT_EDITABLE = {
    PlanStatus.SUBMITTED: "The plan is waiting for approval: it can be changed once the manager returns it.",
    PlanStatus.APPROVED: "An approved plan changes only through a new version.",
    PlanStatus.SUPERSEDED: "This version was replaced by a newer one and is kept as it was.",
}


class CarePlanService(Service):
    # ------------------------------------------------------------------------------------ reading

    def state(self, actor: Actor, resident_id: int) -> CarePlanState:
        """The record tab's page: the newest version, the one in force, every version, what may be chosen."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="resident", record_id=resident_id) as (s, cur):
            person = store.resident(s, resident_id)
            today = self._today()
            found = store.versions(s, resident_id)
            current = store.view(s, found[0], today) if found else None
            approved = next((p for p in found if p.status == PlanStatus.APPROVED), None)
            in_force = current if current and approved is found[0] else None
            if approved is not None and in_force is None:
                in_force = store.view(s, approved, today)
            self._audit.record(s, cur, "care_plan.viewed", record_type="resident", record_id=resident_id,
                               field_group=GROUP)  # fmt: skip
            return CarePlanState(
                resident_id, current, in_force, tuple(store.brief(p) for p in found),
                rules.categories(store.entitled(s, person)), store.staff(s),
                can_write=sees(cur, Action.CREATE, GROUP), can_approve=sees(cur, Action.APPROVE, GROUP),
            )  # fmt: skip

    def version(self, actor: Actor, plan_id: int) -> PlanView:
        """One version of a plan (an older one, to compare)."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="care_plan", record_id=plan_id) as (s, cur):
            p = store.plan(s, plan_id)
            self._audit.record(s, cur, "care_plan.viewed", record_type="care_plan", record_id=plan_id,
                               field_group=GROUP)  # fmt: skip
            return store.view(s, p, self._today())

    def due(self, actor: Actor) -> CarePlanDue:
        """The Overview's lists: plans waiting for approval, plans in force whose monthly review is overdue."""
        with self._access.unit(actor, Action.VIEW, GROUP) as (s, cur):
            found = due.due(s, self._clock(), names_allowed(cur))
            self._audit.record(s, cur, "care_plan.due_viewed", field_group=GROUP)
            return found

    def entitled(self, actor: Actor, resident_id: int) -> tuple[str, ...]:
        """The support categories the plan's actions may use (Law 53/2024 Art. 37, the record's status)."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="resident", record_id=resident_id) as (s, _c):
            return store.entitled(s, store.resident(s, resident_id))

    # ------------------------------------------------------------------------------------ writing

    def write(self, actor: Actor, resident_id: int, data: PlanInput) -> PlanView:
        """A new version: the first plan, or the next one after an approved plan (which stays in force until the
        new one is approved). Refused while another version is being decided."""
        with self._unit(actor, Action.CREATE, "resident", resident_id) as (s, cur):
            person = store.resident(s, resident_id)
            self._check(data, store.entitled(s, person))
            found = store.versions(s, resident_id)
            if found and found[0].status in OPEN:
                raise UserError(_("Version {n} of the plan is still being decided: change that one.").format(
                    n=found[0].number))  # fmt: skip
            now = self._clock()
            p = CarePlan(
                resident_id=resident_id, number=(found[0].number + 1) if found else 1, status=PlanStatus.DRAFT,
                objectives=nfc(data.objectives).strip(), period_from=data.period_from, period_to=data.period_to,
                written_by=cur.account_id, written_at=now,
            )  # fmt: skip
            s.add(p)
            s.flush()
            store.put_actions(s, p, data.actions)
            store.decide(s, p, "written", cur.account_id, now)
            self._audit.record(s, cur, "care_plan.written", record_type="care_plan", record_id=p.id,
                               field_group=GROUP)  # fmt: skip
            s.flush()
            return store.view(s, p, self._today())

    def change(self, actor: Actor, plan_id: int, version: int, data: PlanInput) -> PlanView:
        """Change a draft or a returned version (its earlier text stays in the audit trail and the decisions)."""
        with self._unit(actor, Action.EDIT, "care_plan", plan_id) as (s, cur):
            p = self._load(s, plan_id, version)
            if p.status in NOT_EDITABLE:
                raise UserError(_(NOT_EDITABLE[PlanStatus(p.status)]))
            self._check(data, store.entitled(s, store.resident(s, p.resident_id)))
            p.objectives = nfc(data.objectives).strip()
            p.period_from, p.period_to = data.period_from, data.period_to
            store.put_actions(s, p, data.actions)
            store.decide(s, p, "changed", cur.account_id, self._clock())
            self._audit.record(s, cur, "care_plan.changed", record_type="care_plan", record_id=p.id,
                               field_group=GROUP)  # fmt: skip
            s.flush()
            return store.view(s, p, self._today())

    def submit(self, actor: Actor, plan_id: int, version: int) -> PlanView:
        """Send a draft (or a returned version, changed) to the manager for approval."""
        with self._unit(actor, Action.EDIT, "care_plan", plan_id) as (s, cur):
            p = self._load(s, plan_id, version)
            if p.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
                raise UserError(_("Only a draft or a returned plan can be submitted."))
            p.status = PlanStatus.SUBMITTED
            store.decide(s, p, "submitted", cur.account_id, self._clock())
            self._audit.record(s, cur, "care_plan.submitted", record_type="care_plan", record_id=p.id,
                               field_group=GROUP)  # fmt: skip
            s.flush()
            return store.view(s, p, self._today())

    def approve(self, actor: Actor, plan_id: int, version: int, comment: str = "") -> PlanView:
        """The manager approves a submitted version: it comes into force, the one before is superseded."""
        with self._unit(actor, Action.APPROVE, "care_plan", plan_id) as (s, cur):
            p = self._submitted(s, plan_id, version)
            now, today = self._clock(), self._today()
            for old in store.versions(s, p.resident_id):
                if old.status == PlanStatus.APPROVED:
                    old.status = PlanStatus.SUPERSEDED
                    store.decide(s, old, "superseded", cur.account_id, now)
            p.status, p.approved_on = PlanStatus.APPROVED, today
            store.decide(s, p, "approved", cur.account_id, now, comment)
            self._audit.record(s, cur, "care_plan.approved", record_type="care_plan", record_id=p.id,
                               field_group=GROUP)  # fmt: skip
            s.flush()
            return store.view(s, p, today)

    def return_plan(self, actor: Actor, plan_id: int, version: int, comment: str) -> PlanView:
        """The manager sends a submitted version back with a comment (kept with the plan's history)."""
        if len(nfc(comment).strip()) < COMMENT_MIN:
            raise ValidationError("comment", _("Write what is to be changed (at least {n} characters).").format(
                n=COMMENT_MIN))  # fmt: skip
        with self._unit(actor, Action.APPROVE, "care_plan", plan_id) as (s, cur):
            p = self._submitted(s, plan_id, version)
            p.status = PlanStatus.RETURNED
            store.decide(s, p, "returned", cur.account_id, self._clock(), comment)
            self._audit.record(s, cur, "care_plan.returned", record_type="care_plan", record_id=p.id,
                               field_group=GROUP)  # fmt: skip
            s.flush()
            return store.view(s, p, self._today())

    def progress(self, actor: Actor, action_id: int, version: int, status: str, note: str) -> PlanView:
        """Move an action of the plan in force on (its status and note: the plan's content does not change)."""
        problems = rules.check_progress(status, note)
        if problems:
            raise ValidationErrors(problems)
        with self._unit(actor, Action.EDIT, "care_plan_action", action_id) as (s, cur):
            a = load_for_edit(s, CarePlanAction, action_id, version, lambda obj: None)
            p = store.plan(s, a.plan_id)
            if p.status != PlanStatus.APPROVED:
                raise UserError(_("Progress is recorded on the plan in force; change a draft instead."))
            a.status, a.note = status, nfc(note).strip()
            store.decide(s, p, "progress", cur.account_id, self._clock(), f"{a.position + 1}: {status}")
            self._audit.record(s, cur, "care_plan.progress", record_type="care_plan", record_id=p.id,
                               field_group=GROUP)  # fmt: skip
            s.flush()
            return store.view(s, p, self._today())

    # ------------------------------------------------------------------------------------ inside

    def _today(self) -> date:
        return local_day(self._clock())

    @contextmanager
    def _unit(self, actor: Actor, action: Action, record_type: str, record_id: int) -> Iterator[tuple[Session, Actor]]:
        with self._access.unit(actor, action, GROUP, record_type=record_type, record_id=record_id) as (s, cur), \
                stale_guard():  # fmt: skip
            yield s, cur

    @staticmethod
    def _check(data: PlanInput, entitled: tuple[str, ...]) -> None:
        problems = rules.check_plan(data, entitled)
        if problems:
            raise ValidationErrors(problems)

    @staticmethod
    def _load(s: Session, plan_id: int, version: int) -> CarePlan:
        return load_for_edit(s, CarePlan, plan_id, version, lambda obj: None)

    def _submitted(self, s: Session, plan_id: int, version: int) -> CarePlan:
        p = self._load(s, plan_id, version)
        if p.status != PlanStatus.SUBMITTED:
            raise UserError(_("Only a plan waiting for approval can be approved or returned."))
        return p
