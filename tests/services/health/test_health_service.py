"""HealthService against a fixed clock: the Today page (vitals due, doses due and missed, alerts), the
medication administration record, charts, and a round of vitals for 40 residents in one transaction."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models.health import NursingNote
from centre_desk.models.staff import Role
from centre_desk.services.entries import EntryService
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.health.dto import DoseInput
from centre_desk.services.health.service import HealthService
from centre_desk.services.lodging.common import local_moment
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import Clock, resident

DAY = date(2026, 11, 20)
NOW = local_moment(DAY, time(10, 0))  # 10:00 local on the day


def services(installed: Installed, clock: Clock) -> tuple[EntryService, HealthService]:
    c = installed.centre
    return (EntryService(c.sessions, c.read_sessions, c.audit, c.access, clock=clock),
            HealthService(c.sessions, c.read_sessions, c.audit, c.access, clock=clock))  # fmt: skip


def person(installed: Installed, name: str, age: int = 30) -> int:
    return resident(installed.centre, installed.manager, name, local_moment(DAY - timedelta(days=10), time(9)),
                    birth_year=DAY.year - age)  # fmt: skip


def vitals(when: datetime, **values: object) -> EntryInput:
    base: dict[str, object] = {"temperature": Decimal("36.8"), "pulse": 80, "systolic": 118, "diastolic": 74,
                               "resp_rate": 16, "spo2": 98, "consciousness": "A"}  # fmt: skip
    return EntryInput(when, tuple((base | values).items()))  # type: ignore[arg-type]


def plan(start: date, frequency: str = "three_daily", **more: object) -> EntryInput:
    values = {"medicine": "Amoxicillin", "strength": "500 mg", "dose": Decimal(1), "unit": "capsule",
              "route": "oral", "frequency": frequency, "start_on": start, **more}  # fmt: skip
    return EntryInput(local_moment(start, time(7)), tuple(values.items()))  # type: ignore[arg-type]


def test_today_lists_vitals_due_doses_and_alerts(installed: Installed) -> None:
    clock = Clock(NOW)
    entries, health = services(installed, clock)
    nurse = staff(installed, Role.NURSE)
    calm, feverish, unseen = (
        person(installed, "Lò Thị Calm"),
        person(installed, "Vàng Thị Sốt"),
        person(installed, "Mùa Thị Mới"),
    )
    entries.save(nurse, "nursing_note", calm, None, None, vitals(NOW - timedelta(hours=3)))
    fever = vitals(NOW - timedelta(hours=2), temperature=Decimal("39.4"), pulse=118, resp_rate=24, spo2=94)
    entries.save(nurse, "nursing_note", feverish, None, None, fever)
    entries.save(nurse, "medication_plan", feverish, None, None, plan(DAY - timedelta(days=1)))
    view = health.today(nurse)
    rows = {r.resident_id: r for r in view.rows}
    assert not rows[calm].vitals_due and rows[calm].news2 == 0
    assert rows[feverish].news2_alert and rows[feverish].vitals_due  # an alert: every hour
    assert rows[unseen].vitals_due and rows[unseen].last_vitals_at is None
    kinds = [(a.resident_id, a.kind) for a in view.alerts]
    assert (feverish, "news2") in kinds
    assert (feverish, "missed") in kinds  # the 07:00 dose, past 08:00 without a record
    assert [d.scheduled_for.astimezone().time() for d in view.doses] == [time(12)]  # due within 4 hours
    assert rows[feverish].doses_missed == 1


def test_recording_doses_and_the_medication_record(installed: Installed) -> None:
    clock = Clock(NOW)
    entries, health = services(installed, clock)
    nurse = staff(installed, Role.NURSE)
    rid = person(installed, "Vàng Thị Sốt")
    made = entries.save(nurse, "medication_plan", rid, None, None, plan(DAY))
    seven = local_moment(DAY, time(7))
    health.record_dose(nurse, DoseInput(made.id, seven, "refused", "Sợ đắng, không muốn uống"))
    with pytest.raises(ValidationErrors) as caught:
        health.record_dose(nurse, DoseInput(made.id, local_moment(DAY, time(9)), "given"))
    assert [f for f, _m in caught.value.problems] == ["scheduled_for"]
    with pytest.raises(ValidationErrors):
        health.record_dose(nurse, DoseInput(made.id, seven, "refused", ""))  # she refused: why?
    day = health.medication_day(nurse, rid)
    (mine,) = day.plans
    assert [(d.scheduled_for.astimezone().time(), d.outcome) for d in mine.doses if d.scheduled_for] == [
        (time(7), "refused"),
        (time(12), ""),
        (time(19), ""),
    ]
    assert "Amoxicillin 500 mg" in mine.summary
    clock.now = local_moment(DAY, time(13, 30))
    later = health.medication_day(nurse, rid)
    assert [d.state for d in later.plans[0].doses] == ["recorded", "missed", "due_soon"]
    counsellor = staff(installed, Role.COUNSELLOR)
    with pytest.raises(PermissionDenied):
        health.record_dose(counsellor, DoseInput(made.id, local_moment(DAY, time(19)), "given"))


def test_the_allergy_warning_and_the_schedule_checks(installed: Installed) -> None:
    entries, _health = services(installed, Clock(NOW))
    nurse = staff(installed, Role.NURSE)
    rid = person(installed, "Giàng Thị Dị Ứng")
    check = EntryInput(NOW - timedelta(days=9), (("allergies", "Penicilin, hải sản"), ("insurance", "none_first_year")))
    entries.save(nurse, "health_check", rid, None, None, check)
    warning = entries.preview(nurse, "medication_plan", rid, plan(DAY, medicine="Amoxicilin"))
    assert "Penicilin" in warning
    assert entries.preview(nurse, "medication_plan", rid, plan(DAY, medicine="Paracetamol")) == ""
    with pytest.raises(ValidationErrors) as caught:
        entries.save(nurse, "medication_plan", rid, None, None,
                     plan(DAY, frequency="custom", times="25:00", end_on=DAY - timedelta(days=2)))  # fmt: skip
    assert {f for f, _m in caught.value.problems} == {"times"}
    typed = entries.save(nurse, "medication_plan", rid, None, None, plan(DAY, frequency="custom", times="7 19:30"))
    assert typed.value("times") == "07:00 19:30"


def test_charts_of_an_adult_and_a_child(installed: Installed) -> None:
    entries, health = services(installed, Clock(NOW))
    nurse = staff(installed, Role.NURSE)
    adult, child = person(installed, "Lò Thị Lớn", 30), person(installed, "Lò Thị Bé", 8)
    for n in range(5):
        entries.save(nurse, "nursing_note", adult, None, None, vitals(NOW - timedelta(days=n), weight_kg=Decimal(50)))
        entries.save(nurse, "nursing_note", child, None, None, vitals(NOW - timedelta(days=n), weight_kg=Decimal(24)))
    charts, growth = health.charts(nurse, adult)
    codes = [c.code for c in charts]
    assert codes[:5] == ["temperature", "pulse", "blood_pressure", "resp_rate", "spo2"] and growth is None
    assert charts[0].normal == (36.1, 38.0) and len(charts[2].lines) == 2
    _charts, growth = health.charts(nurse, child)
    assert growth is not None and len(growth.points) == 5 and 90 < growth.points[0].age_months < 110


def test_a_round_of_vitals_for_forty_residents_is_one_transaction(installed: Installed) -> None:
    entries, _health = services(installed, Clock(NOW))
    nurse = staff(installed, Role.NURSE)
    ids = [person(installed, f"Người số {n}") for n in range(40)]
    round_ = [(rid, vitals(NOW - timedelta(minutes=5))) for rid in ids]
    bad = [*round_[:39], (ids[39], vitals(NOW, temperature=Decimal(50)))]
    with pytest.raises(ValidationErrors) as caught:
        entries.save_many(nurse, "nursing_note", bad)
    assert [f for f, _m in caught.value.problems] == ["39.temperature"]
    with installed.centre.sessions() as s:
        assert s.scalar(select(func.count()).select_from(NursingNote)) == 0  # all or none
    saved = entries.save_many(nurse, "nursing_note", round_)
    assert len(saved) == 40 and all(r.value("news2") == 0 for r in saved)
