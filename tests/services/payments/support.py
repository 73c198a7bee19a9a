"""A small centre for the payment tests: rates across the change of law, a confirmed victim, a child accompanying
her, a person under identification, and their payments written through the entry service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from centre_desk.models.resident import VictimStatus
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput, EntryRow
from centre_desk.services.entries.fields import Value
from centre_desk.services.installation import Centre
from centre_desk.services.payments.dto import RateInput, RateRow
from tests.support.registry_data import admit

SOURCE = "Nghị quyết số 99/2024/NQ-HĐND tỉnh Lai Châu (thử nghiệm)"
ARRIVED = datetime(2025, 6, 1, 3, 0, tzinfo=UTC)


def at(day: date) -> datetime:
    """Noon local time of `day`, as aware UTC (the payment's date)."""
    return datetime.combine(day, time(12)).astimezone().astimezone(UTC)


def rate(centre: Centre, actor: Actor, category: str, amount: int, unit: str, since: date) -> RateRow:
    return centre.payments.add_rate(actor, RateInput(category, amount, unit, since, SOURCE))


@dataclass(frozen=True)
class People:
    victim: int  # confirmed by the border guard on 10/06/2025, arrived 01/06/2025
    child: int  # her child, accompanying her
    unconfirmed: int  # under identification


def people(centre: Centre, actor: Actor) -> People:
    victim = admit(centre, actor, "Sùng Thị Dợ", arrived_at=ARRIVED, victim_status=VictimStatus.CONFIRMED,
                   status_issuer_kind="border_guard", status_issuer="Đồn Biên phòng Ma Lù Thàng",
                   status_number="15/XN-ĐBP", status_date=date(2025, 6, 10))  # fmt: skip
    child = admit(centre, actor, "Sùng A Tú", arrived_at=ARRIVED, birth_year=2019, accompanying_child=True)
    other = admit(centre, actor, "Lò Thị Mai", arrived_at=ARRIVED, victim_status=VictimStatus.UNDER_IDENTIFICATION)
    return People(victim.resident_id, child.resident_id, other.resident_id)


def pay(centre: Centre, actor: Actor, resident_id: int, day: date, category: str = "essential",
        **values: Value) -> EntryRow:  # fmt: skip
    given: dict[str, Value] = {"category": category, "status": "planned", "method": "cash", "source": "state_budget"}
    data = EntryInput(at(day), tuple({**given, **values}.items()))
    return centre.entries.save(actor, "support_payment", resident_id, None, None, data)
