"""Discharges written straight into their tables (the discharge workflow service is another part): a request on the
resident's latest admission, approved or not, with her family and commune, the belongings handed back, and the
consent to share (or a legal basis recorded instead)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from centre_desk.models.discharge import BelongingReturn, Discharge
from centre_desk.models.resident import Admission, Belonging, Consent
from centre_desk.services import intake_terms as terms
from centre_desk.services.installation import Centre

FAMILY = {
    "family_name": "Sùng A Páo", "family_relation": "bố", "family_id_number": "012345678901",
    "family_address": "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu", "family_phone": "0912 345 678",
    "commune_officer": "Lò Văn Thành", "commune_officer_position": "Công chức Văn hóa - Xã hội",
    "commune_name": "xã Tả Lèng", "commune_province": "tỉnh Lai Châu",
    "condition_on_leaving": "Sức khỏe ổn định, tâm lý vui vẻ", "support_given": "Chăm sóc, nuôi dưỡng tại cơ sở",
    "follow_up_arrangements": "Cán bộ xã thăm gia đình hằng tháng",
}  # fmt: skip


def admission_of(centre: Centre, resident_id: int) -> int:
    with centre.sessions() as s:
        found = s.scalar(select(Admission.id).where(Admission.resident_id == resident_id)
                         .order_by(Admission.arrived_at.desc()).limit(1))  # fmt: skip
    assert found is not None
    return int(found)


def request(
    centre: Centre, resident_id: int, *, approved_at: datetime | None = None, reason: str = "family",
    planned_on: date | None = None, **changes: object,
) -> int:  # fmt: skip
    """A discharge of her latest admission; `approved_at` approves it (and she leaves then). Its id."""
    now = datetime.now(UTC)
    values: dict[str, object] = {
        **FAMILY, "reason": reason, "planned_on": planned_on or (now + timedelta(days=7)).date(),
        "application_on": (now - timedelta(days=2)).date(), "requested_at": now - timedelta(days=2),
        "decision_due_on": (now + timedelta(days=7)).date(),
    }  # fmt: skip
    if approved_at is not None:
        values.update(state="approved", decided_at=approved_at, leaves_at=approved_at)
    values.update(changes)
    with centre.sessions.begin() as s:
        row = Discharge(version=1, admission_id=admission_of(centre, resident_id), resident_id=resident_id, **values)
        s.add(row)
        s.flush()
        return row.id


def hand_back(
    centre: Centre, discharge_id: int, quantities: dict[str, int], notes: dict[str, str] | None = None
) -> None:
    """Record the belongings handed back, by item name."""
    with centre.sessions.begin() as s:
        discharge = s.get(Discharge, discharge_id)
        assert discharge is not None
        for item in s.scalars(select(Belonging).where(Belonging.admission_id == discharge.admission_id)):
            if item.item in quantities:
                s.add(BelongingReturn(version=1, discharge_id=discharge_id, belonging_id=item.id,
                                      quantity=quantities[item.item], missing_note=(notes or {}).get(item.item, ""),
                                      at=datetime.now(UTC)))  # fmt: skip


def sharing(centre: Centre, resident_id: int, given: bool = True, legal_basis: str = "") -> None:
    """The consent to share with other agencies (or, `given` False, the legal basis recorded instead)."""
    with centre.sessions.begin() as s:
        s.add(Consent(version=1, resident_id=resident_id, kind=terms.ConsentKind.SHARING, given=given,
                      legal_basis=legal_basis, given_on=date.today(), given_by="Sùng A Páo"))  # fmt: skip
