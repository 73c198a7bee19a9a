"""The demo's health records: intake checks, nursing notes with NEWS2, medicines and doses, tests, referrals."""

from __future__ import annotations

import json
import random
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.entries import DatedEntry, EntryRevision
from centre_desk.models.health import (
    DoseRecord,
    HealthCheck,
    HealthTest,
    MedicationPlan,
    NursingNote,
    Referral,
    ReproductiveEntry,
)
from centre_desk.models.resident import Admission, Resident
from centre_desk.models.staff import Role, StaffAccount
from centre_desk.services.demo import create as demo
from centre_desk.services.demo.health_care import zone
from centre_desk.services.entries import store
from centre_desk.services.entries.fields import check_values
from centre_desk.services.entries.kinds import EntryKind
from centre_desk.services.health import vitals
from centre_desk.services.health.kinds import HEALTH_CHECK, HEALTH_TEST, NURSING_NOTE, REFERRAL, REPRODUCTIVE
from centre_desk.services.health.medication_rules import DoseOutcome, DoseSchedule, dose_states
from centre_desk.services.health.medication_rules import DoseRecord as Dose
from centre_desk.services.lodging.common import local_day
from centre_desk.services.registry import age_on
from tests.conftest import Installed

NOW = datetime(2026, 2, 5, 3, 0, tzinfo=UTC)
COUNT = 300
YEAR_AGO = NOW - timedelta(days=425)


@pytest.fixture
def healthy(installed: Installed) -> tuple[Installed, demo.DemoSummary]:
    return installed, demo.populate(installed.centre, COUNT, now=NOW)


def _values(kind: EntryKind, obj: DatedEntry) -> dict[str, object]:
    return {name: getattr(obj, name) for name in kind.columns}


def _fields(kind: EntryKind, obj: DatedEntry) -> dict[str, object]:
    return {f.name: getattr(obj, f.name) for f in kind.fields}


def _present(s: Session) -> dict[int, Admission]:
    return {a.resident_id: a for a in s.scalars(select(Admission).where(Admission.discharged_at.is_(None)))}


def test_every_resident_in_the_centre_had_an_intake_check(healthy: tuple[Installed, demo.DemoSummary]) -> None:
    installed, summary = healthy
    with installed.centre.read_sessions() as s:
        checked = {c.resident_id: c for c in s.scalars(select(HealthCheck))}
        present = _present(s)
        assert present
        for rid, admission in present.items():
            if admission.arrived_at >= YEAR_AGO:
                check = checked[rid]
                assert admission.arrived_at < check.occurred_at <= admission.arrived_at + timedelta(days=1)
        for check in checked.values():
            values = _values(HEALTH_CHECK, check)
            ctx = store.context(s, check.resident_id, local_day(check.occurred_at))
            assert not check_values(HEALTH_CHECK.fields, values) and not HEALTH_CHECK.check(values, ctx)
            text = " ".join(str(v) for v in values.values()).casefold()
            assert not any(w in text for w in ("hiv", "giang mai", "viêm gan", "thai"))  # restricted matters only
            if check.insurance == "card":
                assert len(check.insurance_number) == 15 and check.insurance_number[:3] in ("HS4", "DT2", "HN2", "TE1")
        insured = [c.insurance for c in checked.values()]
        assert insured.count("none_first_year") > insured.count("card") > 0
        assert sum(bool(c.allergies) for c in checked.values()) >= 2
        assert sum(bool(c.injuries) for c in checked.values()) > len(checked) / 3
    assert summary.health.checks == len(checked)


def test_nursing_notes_carry_the_news2_the_service_would_store(healthy: tuple[Installed, demo.DemoSummary]) -> None:
    installed, summary = healthy
    with installed.centre.read_sessions() as s:
        notes = list(s.scalars(select(NursingNote).order_by(NursingNote.id)))
        assert len(notes) == summary.health.notes > 300
        residents = {
            r.id: r for r in s.scalars(select(Resident).where(Resident.id.in_({n.resident_id for n in notes})))
        }
        pregnant = {
            e.resident_id for e in s.scalars(select(ReproductiveEntry).where(ReproductiveEntry.pregnant == "yes"))
        }
        assert pregnant
        sample = random.Random(1).sample(notes, 150) + [n for n in notes if n.resident_id in pregnant]
        for note in sample:
            values = _values(NURSING_NOTE, note)
            ctx = store.context(s, note.resident_id, local_day(note.occurred_at))
            assert not check_values(NURSING_NOTE.fields, _fields(NURSING_NOTE, note)) and not NURSING_NOTE.check(
                values, ctx
            )
            assert vitals.derive(values, ctx) == {"news2": note.news2, "news2_alert": note.news2_alert}
        for note in notes:
            r = residents[note.resident_id]
            age = age_on(r.birth_date, r.birth_year, local_day(note.occurred_at))
            if age is not None and age < 16:
                assert note.news2 is None and not note.news2_alert
        theirs = [n for n in notes if n.resident_id in pregnant]
        after = [n for n in theirs if store.context(s, n.resident_id, local_day(n.occurred_at)).pregnant]
        assert after and all(n.news2 is None for n in after)
        recent = [n for n in notes if n.occurred_at > NOW - timedelta(hours=24) and n.struck_at is None]
        assert any(n.news2_alert and n.news2 is not None and n.news2 >= 5 for n in recent)
        assert summary.health.alerts >= 1
        children_with_fever = [
            n for n in recent if n.temperature is not None and n.temperature >= 38 and n.news2 is None
        ]
        assert children_with_fever
        assert any(n.weight_kg is not None for n in notes) and any(n.height_cm is not None for n in notes)
        assert any(n.notify_manager for n in notes)
        assert all(n.occurred_at <= NOW and n.recorded_at <= NOW for n in notes)
        assert all(unicodedata.is_normalized("NFC", n.note) for n in notes)


def test_restricted_kinds_are_restricted(healthy: tuple[Installed, demo.DemoSummary]) -> None:
    installed, summary = healthy
    with installed.centre.read_sessions() as s:
        tests = list(s.scalars(select(HealthTest)))
        entries = list(s.scalars(select(ReproductiveEntry)))
        assert len(tests) == summary.health.tests > 30 and 2 <= len(entries) == summary.health.reproductive <= 4
        for kind, objs in ((HEALTH_TEST, tests), (REPRODUCTIVE, entries)):
            for obj in objs:
                values = _values(kind, obj)
                ctx = store.context(s, obj.resident_id, local_day(obj.occurred_at))
                assert obj.restricted and not check_values(kind.fields, values) and not kind.check(values, ctx)
        results = defaultdict(list)
        for t in tests:
            results[t.test].append(t.result)
        assert {"hiv", "syphilis", "hepatitis_b", "pregnancy"} <= set(results)
        assert 1 <= results["hepatitis_b"].count("positive") <= 2 and "positive" not in results["hiv"]
        assert results["pregnancy"].count("positive") == 1 and "pending" in results["hiv"]


def test_medicines_and_their_doses(healthy: tuple[Installed, demo.DemoSummary]) -> None:
    installed, summary = healthy
    with installed.centre.read_sessions() as s:
        plans = list(s.scalars(select(MedicationPlan)))
        doses = list(s.scalars(select(DoseRecord).order_by(DoseRecord.at)))
        present = _present(s)
        allergic = {c.resident_id for c in s.scalars(select(HealthCheck)) if "penicilin" in c.allergies.casefold()}
        checks = {c.resident_id for c in s.scalars(select(HealthCheck))}
    assert len(plans) == summary.health.plans and len(doses) == summary.health.doses
    holders = {p.resident_id for p in plans}
    assert 0.2 <= len(holders & set(present)) / len(present) <= 0.45
    assert not any(p.medicine.startswith("Amoxicilin") and p.resident_id in allergic for p in plans)
    assert holders <= checks
    by_plan = defaultdict(list)
    for d in doses:
        assert d.outcome in set(DoseOutcome) and d.at <= NOW
        by_plan[d.plan_id].append(d)
    outcomes = {d.outcome for d in doses}
    assert {DoseOutcome.GIVEN, DoseOutcome.REFUSED} <= outcomes
    gaps = 0
    for plan in plans:
        assert all(d.resident_id == plan.resident_id for d in by_plan[plan.id])
        times = tuple(datetime.strptime(t, "%H:%M").time() for t in plan.times.split())
        schedule = DoseSchedule(times, plan.every_hours, plan.as_needed, plan.start_on, plan.end_on)
        records = [Dose(d.scheduled_for, DoseOutcome(d.outcome), d.at, d.reason) for d in by_plan[plan.id]]
        states = dose_states(schedule, records, NOW, NOW - plan.occurred_at, timedelta(0), tz=zone())
        missed = [d for d in states if d.state == "missed"]
        gaps += len(missed)
        assert all(d.scheduled_for > NOW - timedelta(hours=31) for d in missed)  # only recent gaps
    assert gaps == summary.health.gaps >= 1


def test_referrals_struck_entries_and_the_nurse(healthy: tuple[Installed, demo.DemoSummary]) -> None:
    installed, summary = healthy
    with installed.centre.read_sessions() as s:
        referrals = list(s.scalars(select(Referral)))
        nurse = s.scalar(select(StaffAccount).where(StaffAccount.login == "yta"))
        assert nurse is not None and nurse.role_set() == {Role.NURSE}
        for r in referrals:
            values = _values(REFERRAL, r)
            ctx = store.context(s, r.resident_id, local_day(r.occurred_at))
            assert not check_values(REFERRAL.fields, values) and not REFERRAL.check(values, ctx)
        struck = [*s.scalars(select(NursingNote).where(NursingNote.struck_at.is_not(None))),
                  *s.scalars(select(Referral).where(Referral.struck_at.is_not(None)))]  # fmt: skip
        revisions = list(s.scalars(select(EntryRevision)))
        writers = {
            o.recorded_by
            for model in (HealthCheck, NursingNote, HealthTest, ReproductiveEntry, Referral, MedicationPlan)
            for o in s.scalars(select(model))
        }
    assert 8 <= len(referrals) == summary.health.referrals <= 16
    assert 2 <= sum(r.returned_on is None for r in referrals if r.struck_at is None) <= 3
    assert any(r.urgent for r in referrals) and any(r.follow_up_on for r in referrals)
    assert len(struck) == summary.health.struck == 2 and all(o.struck_reason and o.version == 2 for o in struck)
    assert {(r.kind, r.entry_id) for r in revisions} == {(NURSING_NOTE.code if isinstance(o, NursingNote)
                                                          else REFERRAL.code, o.id) for o in struck}  # fmt: skip
    assert all(json.loads(r.values_json)["_struck_reason"] == "" for r in revisions)
    assert writers == {nurse.id}
    assert summary.health.seconds < 3
