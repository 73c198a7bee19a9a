"""The discharge's queries and views: a request with its checklist (who, when, what the centre already knows about
each item) and the safekeeping list with what was handed back; the history of her earlier requests."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, UserError
from centre_desk.i18n import _
from centre_desk.models.care_plan import CarePlanEvaluation
from centre_desk.models.discharge import BelongingReturn, Discharge, DischargeCheck, DischargeReopening
from centre_desk.models.payments import SupportPayment
from centre_desk.models.resident import Admission, Belonging, Resident
from centre_desk.services.discharge import rules
from centre_desk.services.discharge.dto import BelongingRow, CheckRow, DischargeInput, DischargeView, HistoryRow
from centre_desk.services.discharge.terms import ITEMS, REASONS, Item, State
from centre_desk.services.lodging.common import age, local_day, staff_names
from centre_desk.services.lodging.stay import latest_admission
from centre_desk.services.workdays import WorkCalendar


def resident(s: Session, resident_id: int) -> Resident:
    found = s.get(Resident, resident_id)
    if found is None:
        raise NotFound(_("The resident's record no longer exists."))
    return found


def admission(s: Session, resident_id: int) -> Admission:
    found = latest_admission(s, resident_id)
    if found is None:
        raise NotFound(_("The resident's record no longer exists."))
    return found


def discharge(s: Session, discharge_id: int) -> Discharge:
    found = s.get(Discharge, discharge_id)
    if found is None:
        raise NotFound(_("The discharge request no longer exists."))
    return found


def requests(s: Session, resident_id: int) -> list[Discharge]:
    """Her requests, the newest first."""
    return list(s.scalars(select(Discharge).where(Discharge.resident_id == resident_id).order_by(Discharge.id.desc())))


def minor(s: Session, d: Discharge | None, person: Resident, today: date) -> bool:
    day = max(d.planned_on, today) if d is not None else today
    return rules.is_minor(age(person, day))


def data_of(d: Discharge) -> DischargeInput:
    return DischargeInput(**{f.name: getattr(d, f.name) for f in fields(DischargeInput)})


def put(d: Discharge, data: DischargeInput) -> None:
    for f in fields(DischargeInput):
        setattr(d, f.name, getattr(data, f.name))


def checks(s: Session, discharge_id: int) -> dict[str, DischargeCheck]:
    found = s.scalars(select(DischargeCheck).where(DischargeCheck.discharge_id == discharge_id))
    return {c.item: c for c in found}


def check_row(s: Session, d: Discharge, item: str) -> DischargeCheck:
    found = checks(s, d.id).get(item)
    if found is None:
        raise NotFound(_("This item is not on her checklist."))
    return found


def returns(s: Session, d: Discharge) -> tuple[list[Belonging], dict[int, BelongingReturn]]:
    items = list(s.scalars(select(Belonging).where(Belonging.admission_id == d.admission_id).order_by(
        Belonging.position, Belonging.id)))  # fmt: skip
    back = {r.belonging_id: r for r in s.scalars(select(BelongingReturn).where(BelongingReturn.discharge_id == d.id))}
    return items, back


def open_items(s: Session, d: Discharge) -> list[str]:
    return [_(ITEMS[c.item]) for c in checks(s, d.id).values() if c.state == "open"]


def hints(s: Session, d: Discharge, items: list[Belonging], back: dict[int, BelongingReturn]) -> dict[str, str]:
    """What the centre already knows, shown next to each item so the user sees why it is still open."""
    found: dict[str, str] = {}
    found[Item.BELONGINGS] = _("{done} of {all} items handed back").format(done=len(back), all=len(items))
    evaluated = s.scalar(select(func.max(CarePlanEvaluation.occurred_at)).where(
        CarePlanEvaluation.resident_id == d.resident_id, CarePlanEvaluation.struck_at.is_(None)))  # fmt: skip
    found[Item.CARE_PLAN] = (
        _("Closing evaluation on {day}").format(day=local_day(evaluated).strftime("%d/%m/%Y"))
        if evaluated is not None else _("No closing evaluation yet")
    )  # fmt: skip
    planned = s.scalar(select(func.count()).select_from(SupportPayment).where(
        SupportPayment.resident_id == d.resident_id, SupportPayment.status == "planned",
        SupportPayment.struck_at.is_(None)))  # fmt: skip
    found[Item.PAYMENTS] = (
        _("Payments planned but not paid: {n}").format(n=planned)
        if planned else _("No payment waiting")
    )  # fmt: skip
    missing = rules.receiving_missing(data_of(d))
    names = rules.labels()
    found[Item.RECEIVING_PARTY] = (
        _("Still to fill: {fields}").format(fields=", ".join(names[f] for f in missing)) if missing else ""
    )
    return found


def view(s: Session, d: Discharge, calendar: WorkCalendar, today: date) -> DischargeView:
    items, back = returns(s, d)
    rows = sorted(checks(s, d.id).values(), key=lambda c: list(Item).index(Item(c.item)))
    who = staff_names(s, [d.requested_by, d.decided_by, *(c.changed_by for c in rows)])
    told = hints(s, d, items, back)
    a = s.get(Admission, d.admission_id)
    assert a is not None
    return DischargeView(
        d.id, d.version, d.resident_id, d.admission_id, d.state, data_of(d), d.decision_due_on,
        rules.working_days_left(calendar, today, d.decision_due_on) if d.state == State.REQUESTED else None,
        d.requested_at, who.get(d.requested_by or 0, ""), d.decided_at, who.get(d.decided_by or 0, ""),
        d.decision_note, d.leaves_at,
        tuple(CheckRow(c.item, _(ITEMS[c.item]), c.state, c.note, c.changed_at, who.get(c.changed_by or 0, ""),
                       c.version, told.get(c.item, "")) for c in rows),
        tuple(BelongingRow(b.id, b.item, b.quantity, b.condition,
                           back[b.id].quantity if b.id in back else None,
                           back[b.id].missing_note if b.id in back else "",
                           back[b.id].at if b.id in back else None) for b in items),
        a.money_vnd, a.money_other, d.money_returned_vnd, d.money_other_returned,
    )  # fmt: skip


def history(s: Session, found: list[Discharge]) -> tuple[HistoryRow, ...]:
    """Every request's steps and every reopening, the newest first."""
    ids = [d.id for d in found]
    reopened = list(s.scalars(select(DischargeReopening).where(DischargeReopening.discharge_id.in_(ids)))) if ids \
        else []  # fmt: skip
    who = staff_names(s, [*(d.requested_by for d in found), *(d.decided_by for d in found), *(r.by for r in reopened)])
    keyed = [((d.requested_at, d.id, 0), HistoryRow(d.requested_at, State.REQUESTED, who.get(d.requested_by or 0, ""),
                                                    _(REASONS[d.reason]))) for d in found]  # fmt: skip
    for d in found:
        if d.decided_at is not None:
            what = State.CANCELLED if d.state == State.CANCELLED else State.APPROVED
            keyed.append(((d.decided_at, d.id, 1), HistoryRow(d.decided_at, what, who.get(d.decided_by or 0, ""),
                                                              d.decision_note)))  # fmt: skip
    keyed += [((r.at, r.discharge_id, 2), HistoryRow(r.at, State.REOPENED, who.get(r.by or 0, ""), r.reason))
              for r in reopened]  # fmt: skip
    return tuple(row for _k, row in sorted(keyed, key=lambda k: k[0], reverse=True))


def still_open(s: Session, admission_id: int) -> Discharge | None:
    return s.scalar(select(Discharge).where(Discharge.admission_id == admission_id, Discharge.state == State.REQUESTED))


def refuse_if_readmitted(s: Session, resident_id: int) -> None:
    if s.scalar(select(Resident.id).where(Resident.previous_resident_id == resident_id).limit(1)) is not None:
        raise UserError(_("She has been readmitted since: this stay stays closed."))
