"""DischargeService (`Centre.discharge`): ending assistance, each user action one transaction with its audit row.

Permissions (docs/permissions.md, field group DISCHARGE): VIEW reads the tab; CREATE requests; EDIT changes the
request, ticks an item done, records the belongings handed back and cancels before approval; APPROVE (the manager)
waives an item with a reason, approves — refused while an item is open — and reopens. The approval is the moment
she leaves: her bed is vacated through the lodging placement (the bed history shows it), an open leave pass ends,
`Admission.discharged_at` is set (census, stay clock and registry read it) and the record becomes read-only
(`guard.py`). Audit codes start with "discharge.".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import UserError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.discharge import BelongingReturn, Discharge, DischargeCheck, DischargeReopening
from centre_desk.models.lodging import BedState, LeavePass
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.admission_input import clean_block, clean_text
from centre_desk.services.base import Service
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.services.discharge import due, rules, store
from centre_desk.services.discharge.dto import DischargeDue, DischargeInput, DischargeState, ReturnInput
from centre_desk.services.discharge.terms import Check, Item, State
from centre_desk.services.entries.timeline import sees
from centre_desk.services.lodging import placement
from centre_desk.services.lodging.common import local_day, names_allowed
from centre_desk.services.workdays import calendar_of
from centre_desk.text import nfc

GROUP = FieldGroup.DISCHARGE


class DischargeService(Service):
    # ------------------------------------------------------------------------------------ reading

    def state(self, actor: Actor, resident_id: int) -> DischargeState:
        """The record tab's page: the request in progress (or the last one), its history, what she may do."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="resident", record_id=resident_id) as (s, cur):
            self._audit.record(s, cur, "discharge.viewed", record_type="resident", record_id=resident_id,
                               field_group=GROUP)  # fmt: skip
            return self._state(s, cur, resident_id)

    def check(self, data: DischargeInput) -> DischargeInput:
        """The form's check as one types (the same rule the service applies)."""
        return rules.check(data, self._today())

    def deadline(self, application_on: date | None) -> date | None:
        with self._read() as s:
            return rules.deadline(calendar_of(s), application_on)

    def due(self, actor: Actor) -> tuple[DischargeDue, ...]:
        """The Overview's lines: decisions due within two working days, or late."""
        with self._access.unit(actor, Action.VIEW, GROUP) as (s, cur):
            found = due.due(s, self._today(), names_allowed(cur))
            self._audit.record(s, cur, "discharge.due_viewed", field_group=GROUP)
            return found

    # ------------------------------------------------------------------------------------ writing

    def request(self, actor: Actor, resident_id: int, data: DischargeInput) -> DischargeState:
        """A new request on her current admission (one open request at a time), with its checklist."""
        with self._unit(actor, Action.CREATE, "resident", resident_id) as (s, cur):
            today = self._today()
            data = rules.check(data, today)
            person, a = store.resident(s, resident_id), store.admission(s, resident_id)
            if a.discharged_at is not None:
                raise UserError(_("She has already left the centre: a manager can reopen the discharge."))
            if store.still_open(s, a.id) is not None:
                raise UserError(_("A request is already in progress: change that one."))
            due_on = rules.deadline(calendar_of(s), data.application_on)
            d = Discharge(admission_id=a.id, resident_id=resident_id, state=State.REQUESTED, requested_at=self._clock(),
                          requested_by=cur.account_id, decision_due_on=due_on)  # fmt: skip
            store.put(d, data)
            s.add(d)
            s.flush()
            for item in rules.items_for(store.minor(s, d, person, today)):
                s.add(DischargeCheck(discharge_id=d.id, item=item, state=Check.OPEN))
            return self._done(s, cur, "discharge.requested", resident_id)

    def change(self, actor: Actor, discharge_id: int, version: int, data: DischargeInput) -> DischargeState:
        """Change the request: reason, dates, applicant, receiving party, what the hand-over record says."""
        with self._unit(actor, Action.EDIT, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, version)
            data = rules.check(data, self._today())
            store.put(d, data)
            d.decision_due_on = rules.deadline(calendar_of(s), data.application_on)
            self._fit_checklist(s, d)
            return self._done(s, cur, "discharge.changed", d.resident_id)

    def check_item(self, actor: Actor, discharge_id: int, item: str, version: int, note: str = "") -> DischargeState:
        """Tick an item done, with a note. Belongings: only once every safekeeping item is accounted for;
        receiving party: only once its fields are filled."""
        with self._unit(actor, Action.EDIT, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, None)
            c = load_for_edit(s, DischargeCheck, store.check_row(s, d, item).id, version, lambda obj: None)
            if item == Item.BELONGINGS:
                items, back = store.returns(s, d)
                if len(back) < len(items):
                    raise UserError(_("Record what was handed back for every item on the safekeeping list first."))
            if item == Item.RECEIVING_PARTY:
                missing = rules.receiving_missing(store.data_of(d))
                if missing:
                    names = rules.labels()
                    raise UserError(_("Fill in the receiving party first: {fields}.").format(
                        fields=", ".join(names[f] for f in missing)))  # fmt: skip
            self._set(c, Check.DONE, clean_block(note, "note", _("note"), 1000), cur)
            return self._done(s, cur, "discharge.item_done", d.resident_id)

    def waive_item(self, actor: Actor, discharge_id: int, item: str, version: int, reason: str) -> DischargeState:
        """The manager waives an item, with a reason of at least 10 characters."""
        reason = rules.reason_text(reason)
        with self._unit(actor, Action.APPROVE, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, None)
            c = load_for_edit(s, DischargeCheck, store.check_row(s, d, item).id, version, lambda obj: None)
            self._set(c, Check.WAIVED, reason, cur)
            return self._done(s, cur, "discharge.item_waived", d.resident_id)

    def reopen_item(self, actor: Actor, discharge_id: int, item: str, version: int) -> DischargeState:
        """Set an item done or waived by mistake back to open."""
        with self._unit(actor, Action.EDIT, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, None)
            c = load_for_edit(s, DischargeCheck, store.check_row(s, d, item).id, version, lambda obj: None)
            self._set(c, Check.OPEN, "", cur)
            return self._done(s, cur, "discharge.item_opened", d.resident_id)

    def return_belongings(
        self, actor: Actor, discharge_id: int, version: int, rows: Sequence[ReturnInput], money_vnd: int,
        money_other: str = "",
    ) -> DischargeState:  # fmt: skip
        """Record, item by item, how many were handed back and what is missing; and the money returned."""
        with self._unit(actor, Action.EDIT, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, version)
            items, back = store.returns(s, d)
            taken = {b.id: b for b in items}
            problems: list[tuple[str, str]] = []
            for n, r in enumerate(rows):
                b = taken.get(r.belonging_id)
                if b is None:
                    raise UserError(_("This item is not on her safekeeping list."))
                note = nfc(r.missing_note).strip()
                if not 0 <= r.quantity <= b.quantity:
                    problems.append((f"returns.{n}.quantity", _("Between 0 and {n} handed back.").format(n=b.quantity)))
                elif r.quantity < b.quantity and not note:
                    problems.append((f"returns.{n}.missing_note", _("Write what is missing and why.")))
            if money_vnd < 0:
                problems.append(("money_returned_vnd", _("The money returned cannot be negative.")))
            if problems:
                raise ValidationErrors(problems)
            now = self._clock()
            for r in rows:
                row, note = back.get(r.belonging_id), nfc(r.missing_note).strip()
                if row is None:
                    s.add(BelongingReturn(discharge_id=d.id, belonging_id=r.belonging_id, quantity=r.quantity,
                                          missing_note=note, at=now, by=cur.account_id))  # fmt: skip
                elif (row.quantity, row.missing_note) != (r.quantity, note):
                    row.quantity, row.missing_note, row.at, row.by = r.quantity, note, now, cur.account_id
            d.money_returned_vnd = money_vnd
            d.money_other_returned = clean_text(money_other, "money_other_returned", _("other money"), 200)
            return self._done(s, cur, "discharge.belongings_returned", d.resident_id)

    def approve(self, actor: Actor, discharge_id: int, version: int, note: str = "") -> DischargeState:
        """The manager approves: refused while an item is open. She leaves now — her bed is vacated, an open leave
        pass ends, her admission is discharged — all in this one transaction."""
        with self._unit(actor, Action.APPROVE, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, version)
            still = store.open_items(s, d)
            if still:
                raise UserError(_("The checklist is not complete. Still open: {items}.").format(items="; ".join(still)))
            a = store.admission(s, d.resident_id)
            if a.id != d.admission_id or a.discharged_at is not None:
                raise UserError(_("This request is not for her current stay."))
            now = self._clock()
            if placement.open_stay(s, d.resident_id) is not None:
                placement.vacate(s, cur, d.resident_id, _("Left the centre"), BedState.CLEANING, now)
            for p in s.scalars(
                select(LeavePass).where(
                    LeavePass.resident_id == d.resident_id, LeavePass.returned_at.is_(None), LeavePass.leaves_at <= now
                )
            ):
                p.returned_at, p.note = now, (p.note + " " + _("(ended by the discharge)")).strip()[:500]
            items, back = store.returns(s, d)
            for b in items:
                if b.id in back and b.returned_at is None:
                    b.returned_at = back[b.id].at
            d.state, d.decided_at, d.decided_by, d.leaves_at = State.APPROVED, now, cur.account_id, now
            d.decision_note = clean_block(note, "note", _("note"), 1000)
            a.discharged_at = now
            return self._done(s, cur, "discharge.approved", d.resident_id)

    def cancel(self, actor: Actor, discharge_id: int, version: int, reason: str) -> DischargeState:
        """Withdraw a request before approval, with a reason (kept)."""
        reason = rules.reason_text(reason)
        with self._unit(actor, Action.EDIT, "discharge", discharge_id) as (s, cur):
            d = self._requested(s, discharge_id, version)
            d.state, d.decided_at, d.decided_by, d.decision_note = (
                State.CANCELLED,
                self._clock(),
                cur.account_id,
                reason,
            )
            return self._done(s, cur, "discharge.cancelled", d.resident_id)

    def reopen(self, actor: Actor, discharge_id: int, version: int, reason: str) -> DischargeState:
        """The manager undoes an approved discharge, with a reason: her record is writable again. Her bed is not
        given back: place her again on the Rooms page."""
        reason = rules.reason_text(reason)
        with self._unit(actor, Action.APPROVE, "discharge", discharge_id) as (s, cur):
            d = load_for_edit(s, Discharge, discharge_id, version, lambda obj: None)
            if d.state != State.APPROVED:
                raise UserError(_("Only an approved discharge can be reopened."))
            a = store.admission(s, d.resident_id)
            if a.id != d.admission_id or a.discharged_at is None:
                raise UserError(_("This request is not for her current stay."))
            store.refuse_if_readmitted(s, d.resident_id)
            s.add(DischargeReopening(discharge_id=d.id, admission_id=a.id, was_discharged_at=a.discharged_at,
                                     reason=reason, at=self._clock(), by=cur.account_id))  # fmt: skip
            d.state = State.REOPENED
            a.discharged_at = None
            return self._done(s, cur, "discharge.reopened", d.resident_id)

    # ------------------------------------------------------------------------------------ inside

    def _today(self) -> date:
        return local_day(self._clock())

    @contextmanager
    def _unit(self, actor: Actor, action: Action, record_type: str, record_id: int) -> Iterator[tuple[Session, Actor]]:
        with self._access.unit(actor, action, GROUP, record_type=record_type, record_id=record_id) as (s, cur), \
                stale_guard():  # fmt: skip
            yield s, cur

    @staticmethod
    def _requested(s: Session, discharge_id: int, version: int | None) -> Discharge:
        d = store.discharge(s, discharge_id) if version is None else \
            load_for_edit(s, Discharge, discharge_id, version, lambda obj: None)  # fmt: skip
        if d.state != State.REQUESTED:
            raise UserError(_("This request has already been decided."))
        return d

    def _set(self, c: DischargeCheck, state: Check, note: str, cur: Actor) -> None:
        c.state, c.note, c.changed_at, c.changed_by = state, note, self._clock(), cur.account_id

    def _fit_checklist(self, s: Session, d: Discharge) -> None:
        """The guardian's item comes or goes with her age on the planned day (a changed date)."""
        wanted = set(rules.items_for(store.minor(s, d, store.resident(s, d.resident_id), self._today())))
        have = store.checks(s, d.id)
        if Item.CHILD_GUARDIAN in wanted and Item.CHILD_GUARDIAN not in have:
            s.add(DischargeCheck(discharge_id=d.id, item=Item.CHILD_GUARDIAN, state=Check.OPEN))
        elif Item.CHILD_GUARDIAN not in wanted and Item.CHILD_GUARDIAN in have:
            s.delete(have[Item.CHILD_GUARDIAN])

    def _done(self, s: Session, cur: Actor, code: str, resident_id: int) -> DischargeState:
        self._audit.record(s, cur, code, record_type="resident", record_id=resident_id, field_group=GROUP)
        s.flush()
        return self._state(s, cur, resident_id)

    def _state(self, s: Session, cur: Actor, resident_id: int) -> DischargeState:
        today = self._today()
        person, a = store.resident(s, resident_id), store.admission(s, resident_id)
        found = store.requests(s, resident_id)
        d = found[0] if found else None
        current = store.view(s, d, calendar_of(s), today) if d is not None else None
        return DischargeState(
            resident_id, current, store.history(s, found), a.discharged_at,
            store.minor(s, d, person, today), can_write=sees(cur, Action.EDIT, GROUP),
            can_approve=sees(cur, Action.APPROVE, GROUP), can_print=sees(cur, Action.PRINT, GROUP),
        )  # fmt: skip
