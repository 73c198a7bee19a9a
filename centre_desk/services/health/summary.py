"""The health summary handed over to the commune health station when a resident leaves: what the paper needs,
read from an open Session (reports/health.py lays it out; services/health/papers.py checks, numbers and audits).

* identity: code, name, sex, birth, ethnic group, home (with the administrative units' kinds);
* the stay: admission day, the day the resident left (if they have);
* the latest intake health check: allergies, chronic conditions, disability, medicines taken, health insurance;
* the latest vital signs with their time, and the BMI from the latest weight and height;
* the medication plans active on the day; the referrals with their result and follow-up;
* important observations: nursing notes flagged by NEWS2 or "báo lãnh đạo" in the last 30 days, shortened;
* only with `include_sensitive`: the tests, the reproductive-health entries and every restricted entry of the
  ordinary kinds (a restricted medication plan, referral, note or check) — never in the ordinary sections.

Struck-out entries (entered in error) are left out everywhere. Every choice is already in Vietnamese (papers are
Vietnamese whatever the screen language, so these words are not in the catalogue).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.entries import DatedEntry
from centre_desk.models.health import HealthCheck, HealthTest, MedicationPlan, NursingNote, Referral, ReproductiveEntry
from centre_desk.models.resident import Resident
from centre_desk.reports.paper_inputs import Home
from centre_desk.services.documents.paper import latest_admission, person_of
from centre_desk.services.health import growth
from centre_desk.services.health.medication_rules import FREQUENCIES

__all__ = [
    "OBSERVATION_DAYS", "HealthSummary", "IntakeCheck", "Medication", "Observation", "ReferralLine",
    "ReproductiveLine", "SensitiveHealth", "SummaryPerson", "TestLine", "Vitals", "health_summary",
]  # fmt: skip

OBSERVATION_DAYS = 30
NOTE_LENGTH = 160  # an observation's note, shortened on the paper

# ------------------------------------------------------------------------------------------- words

ROUTE_WORDS = {
    "oral": "uống", "sublingual": "ngậm dưới lưỡi", "iv": "tiêm tĩnh mạch", "im": "tiêm bắp",
    "sc": "tiêm dưới da", "topical": "bôi ngoài da", "inhaled": "hít", "rectal": "đặt hậu môn",
    "vaginal": "đặt âm đạo", "eye": "nhỏ mắt", "ear": "nhỏ tai", "nasal": "nhỏ mũi",
}  # fmt: skip
FREQUENCY_WORDS = {
    "once_daily": "ngày 1 lần", "twice_daily": "ngày 2 lần, sáng và tối", "three_daily": "ngày 3 lần sau ăn",
    "four_daily": "ngày 4 lần", "every_8_hours": "8 giờ một lần", "every_6_hours": "6 giờ một lần",
    "at_night": "buổi tối", "as_needed": "khi cần",
}  # fmt: skip
TEST_WORDS = {
    "hiv": "HIV", "syphilis": "Giang mai", "hepatitis_b": "Viêm gan B", "hepatitis_c": "Viêm gan C",
    "other_sti": "Bệnh lây truyền qua đường tình dục khác", "pregnancy": "Thử thai", "other": "Xét nghiệm khác",
}  # fmt: skip
RESULT_WORDS = {"pending": "Chờ kết quả", "negative": "Âm tính", "positive": "Dương tính",
                "indeterminate": "Không xác định"}  # fmt: skip
TOPIC_WORDS = {"pregnancy": "Theo dõi thai", "antenatal": "Khám thai", "contraception": "Tư vấn tránh thai",
               "other": "Khác"}  # fmt: skip
PREGNANT_WORDS = {"yes": "Có thai", "no": "Không có thai", "unknown": "Chưa rõ có thai hay không"}
EVOLUTION_WORDS = {"better": "tốt hơn", "same": "không đổi", "worse": "xấu hơn"}
BMI_WORDS = {
    "severe_thinness": "gầy độ III", "moderate_thinness": "gầy độ II", "mild_thinness": "gầy độ I",
    "normal": "bình thường", "pre_obese": "thừa cân", "obese_1": "béo phì độ I", "obese_2": "béo phì độ II",
    "obese_3": "béo phì độ III",
}  # fmt: skip
_FREQUENCY_HOURS = {f.code: f.every_hours for f in FREQUENCIES}

# --------------------------------------------------------------------------------------------- DTO


@dataclass(frozen=True, slots=True)
class SummaryPerson:
    code: str
    full_name: str
    sex: str  # "Nữ"
    ethnic_group: str
    birth_date: date | None = None
    birth_year: int | None = None
    estimated_age: int | None = None
    home: Home = field(default_factory=Home)


@dataclass(frozen=True, slots=True)
class IntakeCheck:
    checked_on: date
    allergies: str = ""
    chronic_conditions: str = ""
    disability: str = ""
    current_medicines: str = ""
    insurance: str = "unknown"  # card / none_first_year / unknown
    insurance_number: str = ""
    insurance_place: str = ""
    insurance_expiry: date | None = None


@dataclass(frozen=True, slots=True)
class Vitals:
    taken_at: datetime  # local time, naive
    temperature: Decimal | None = None
    pulse: int | None = None
    systolic: int | None = None
    diastolic: int | None = None
    resp_rate: int | None = None
    spo2: int | None = None
    weight_kg: Decimal | None = None  # the latest weight and height known, maybe from an earlier note
    height_cm: Decimal | None = None
    bmi: Decimal | None = None
    bmi_category: str = ""  # "bình thường" (adults only: the WHO cut-offs)


@dataclass(frozen=True, slots=True)
class Medication:
    medicine: str
    strength: str = ""
    dose: str = ""  # "1 viên"
    route: str = ""  # "uống"
    frequency: str = ""  # "ngày 2 lần, sáng và tối"
    start_on: date | None = None
    end_on: date | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReferralLine:
    referred_on: date
    facility: str
    reason: str
    urgent: bool = False
    returned_on: date | None = None
    result: str = ""
    follow_up_on: date | None = None
    closed: bool = False


@dataclass(frozen=True, slots=True)
class Observation:
    at: datetime  # local time, naive
    note: str = ""  # shortened
    news2: int | None = None
    alert: bool = False
    notify_manager: bool = False
    evolution: str = ""  # "xấu hơn"


@dataclass(frozen=True, slots=True)
class TestLine:
    taken_on: date
    test: str  # "HIV"
    result: str  # "Âm tính"
    result_on: date | None = None
    counselled: bool = False


@dataclass(frozen=True, slots=True)
class ReproductiveLine:
    on: date
    topic: str
    pregnant: str
    weeks: int | None = None
    due_date: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class SensitiveHealth:
    """The confidential part: for the health worker only."""

    tests: tuple[TestLine, ...] = ()
    reproductive: tuple[ReproductiveLine, ...] = ()
    intake: IntakeCheck | None = None  # a restricted intake check newer than the ordinary one
    medications: tuple[Medication, ...] = ()
    referrals: tuple[ReferralLine, ...] = ()
    observations: tuple[Observation, ...] = ()

    def __bool__(self) -> bool:
        return any((self.tests, self.reproductive, self.intake, self.medications, self.referrals, self.observations))


@dataclass(frozen=True, slots=True)
class HealthSummary:
    person: SummaryPerson
    admitted_on: date
    left_on: date | None  # the day the resident left, if they have
    as_of: date  # the day the plans and observations are read for: the day they left, or today
    intake: IntakeCheck | None = None
    vitals: Vitals | None = None
    medications: tuple[Medication, ...] = ()
    referrals: tuple[ReferralLine, ...] = ()
    observations: tuple[Observation, ...] = ()
    sensitive: SensitiveHealth | None = None  # None unless asked for (and allowed)


# ------------------------------------------------------------------------------------------ reading

E = TypeVar("E", bound=DatedEntry)


def _local(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None)


def _entries(s: Session, model: type[E], resident_id: int, restricted: bool | None) -> Sequence[E]:
    """The resident's entries of `model`, newest first, struck-out ones left out; only the restricted ones
    (True), only the others (False) or all (None)."""
    query = select(model).where(model.resident_id == resident_id, model.struck_at.is_(None))
    if restricted is not None:
        query = query.where(model.restricted.is_(restricted))
    return s.scalars(query.order_by(model.occurred_at.desc(), model.id.desc())).all()


def _short(text: str, length: int = NOTE_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _number(value: Decimal) -> str:
    """ "1", "0,5", "2,25": the Vietnamese decimal comma, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _intake(row: HealthCheck) -> IntakeCheck:
    return IntakeCheck(
        checked_on=_local(row.occurred_at).date(),
        allergies=row.allergies,
        chronic_conditions=row.chronic_conditions,
        disability=row.disability,
        current_medicines=row.current_medicines,
        insurance=row.insurance,
        insurance_number=row.insurance_number,
        insurance_place=row.insurance_place,
        insurance_expiry=row.insurance_expiry,
    )


def _has_vitals(note: NursingNote) -> bool:
    return any(
        v is not None for v in (note.temperature, note.pulse, note.systolic, note.resp_rate, note.spo2, note.weight_kg)
    )


def _vitals(notes: Sequence[NursingNote], age: int | None) -> Vitals | None:
    latest = next((n for n in notes if _has_vitals(n)), None)
    if latest is None:
        return None
    weight = next((n.weight_kg for n in notes if n.weight_kg is not None), None)
    height = next((n.height_cm for n in notes if n.height_cm is not None), None)
    bmi = growth.bmi(weight, height) if weight is not None and height is not None else None
    category = growth.adult_bmi_category(bmi, age) if bmi is not None else None
    return Vitals(
        taken_at=_local(latest.occurred_at),
        temperature=latest.temperature,
        pulse=latest.pulse,
        systolic=latest.systolic,
        diastolic=latest.diastolic,
        resp_rate=latest.resp_rate,
        spo2=latest.spo2,
        weight_kg=weight,
        height_cm=height,
        bmi=bmi,
        bmi_category=BMI_WORDS.get(category, "") if category else "",
    )


def _frequency(plan: MedicationPlan) -> str:
    if plan.as_needed:
        return FREQUENCY_WORDS["as_needed"]
    if plan.frequency in FREQUENCY_WORDS:
        return FREQUENCY_WORDS[plan.frequency]
    if plan.every_hours:
        return f"{plan.every_hours} giờ một lần"
    times = [t for t in plan.times.split() if t]
    if times:
        return "lúc " + ", ".join(times)
    return plan.frequency


def _medication(plan: MedicationPlan) -> Medication:
    dose = f"{_number(plan.dose)} {plan.unit}".strip() if plan.dose is not None else plan.unit
    return Medication(
        medicine=plan.medicine,
        strength=plan.strength,
        dose=dose,
        route=ROUTE_WORDS.get(plan.route, plan.route),
        frequency=_frequency(plan),
        start_on=plan.start_on,
        end_on=plan.end_on,
        reason=plan.reason,
    )


def _active(plans: Sequence[MedicationPlan], day: date) -> tuple[Medication, ...]:
    """The plans running on `day`, oldest first (the order they were prescribed in)."""
    running = [p for p in plans if p.start_on <= day and (p.end_on is None or p.end_on >= day)]
    return tuple(_medication(p) for p in reversed(running))


def _referral(row: Referral) -> ReferralLine:
    return ReferralLine(
        referred_on=_local(row.occurred_at).date(),
        facility=row.facility,
        reason=row.reason,
        urgent=row.urgent,
        returned_on=row.returned_on,
        result=row.result,
        follow_up_on=row.follow_up_on,
        closed=row.closed,
    )


def _observations(notes: Sequence[NursingNote], day: date) -> tuple[Observation, ...]:
    """Notes flagged by NEWS2 or "báo lãnh đạo" in the OBSERVATION_DAYS up to `day`, oldest first."""
    since = day - timedelta(days=OBSERVATION_DAYS - 1)
    found = [
        Observation(
            at=_local(n.occurred_at), note=_short(n.note), news2=n.news2, alert=n.news2_alert,
            notify_manager=n.notify_manager, evolution=EVOLUTION_WORDS.get(n.evolution, ""),
        )
        for n in notes
        if (n.news2_alert or n.notify_manager) and since <= _local(n.occurred_at).date() <= day
    ]  # fmt: skip
    return tuple(reversed(found))


def _test(row: HealthTest) -> TestLine:
    name = row.other_name if row.test == "other" and row.other_name.strip() else TEST_WORDS.get(row.test, row.test)
    return TestLine(
        taken_on=_local(row.occurred_at).date(),
        test=name,
        result=RESULT_WORDS.get(row.result, row.result),
        result_on=row.result_on,
        counselled=row.counselled,
    )


def _reproductive(row: ReproductiveEntry) -> ReproductiveLine:
    return ReproductiveLine(
        on=_local(row.occurred_at).date(),
        topic=TOPIC_WORDS.get(row.topic, row.topic),
        pregnant=PREGNANT_WORDS.get(row.pregnant, row.pregnant),
        weeks=row.weeks if row.pregnant == "yes" else None,
        due_date=row.due_date if row.pregnant == "yes" else None,
        note=_short(row.note),
    )


def _sensitive(s: Session, resident_id: int, day: date, ordinary_check: HealthCheck | None) -> SensitiveHealth:
    checks = _entries(s, HealthCheck, resident_id, True)
    newer = checks[0] if checks else None
    if newer is not None and ordinary_check is not None and newer.occurred_at <= ordinary_check.occurred_at:
        newer = None
    return SensitiveHealth(
        tests=tuple(_test(t) for t in reversed(_entries(s, HealthTest, resident_id, None))),
        reproductive=tuple(_reproductive(r) for r in reversed(_entries(s, ReproductiveEntry, resident_id, None))),
        intake=_intake(newer) if newer is not None else None,
        medications=_active(_entries(s, MedicationPlan, resident_id, True), day),
        referrals=tuple(_referral(r) for r in reversed(_entries(s, Referral, resident_id, True))),
        observations=_observations(_entries(s, NursingNote, resident_id, True), day),
    )


def _age(person: SummaryPerson, day: date) -> int | None:
    if person.birth_date is not None:
        born = person.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if person.birth_year is not None:
        return day.year - person.birth_year
    return person.estimated_age


def health_summary(s: Session, resident_id: int, today: date, include_sensitive: bool) -> HealthSummary:
    """The summary of the resident's latest stay, as of the day they left (or `today` while they stay).

    No permission check here: services/health/papers.py decides whether `include_sensitive` may be asked."""
    resident = s.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("There is no resident with this code or number."))
    admission = latest_admission(s, resident)
    admitted_on = _local(admission.arrived_at).date()
    left_on = _local(admission.discharged_at).date() if admission.discharged_at is not None else None
    as_of = min(today, left_on) if left_on is not None else today
    full = person_of(resident, admitted_on)
    person = SummaryPerson(
        code=resident.code, full_name=full.full_name, sex=full.sex, ethnic_group=full.ethnic_group,
        birth_date=full.birth_date, birth_year=full.birth_year, estimated_age=full.estimated_age, home=full.home,
    )  # fmt: skip
    checks = _entries(s, HealthCheck, resident_id, False)
    notes = _entries(s, NursingNote, resident_id, False)
    return HealthSummary(
        person=person,
        admitted_on=admitted_on,
        left_on=left_on,
        as_of=as_of,
        intake=_intake(checks[0]) if checks else None,
        vitals=_vitals(notes, _age(person, as_of)),
        medications=_active(_entries(s, MedicationPlan, resident_id, False), as_of),
        referrals=tuple(_referral(r) for r in reversed(_entries(s, Referral, resident_id, False))),
        observations=_observations(notes, as_of),
        sensitive=_sensitive(s, resident_id, as_of, checks[0] if checks else None) if include_sensitive else None,
    )
