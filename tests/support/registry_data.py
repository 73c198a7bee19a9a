"""Residents for registry tests, screenshots and the benchmark: a few admitted through the
service, or many bulk-inserted straight into the tables (no audit, no validation)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from centre_desk.models.base import utcnow
from centre_desk.models.resident import Admission, Channel, Resident, Sex, VictimStatus
from centre_desk.models.resident_search import ResidentSuffix, index_rows
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import AdmissionInput, ResidentInput, default_alias, sort_key
from centre_desk.services.admissions import AdmissionRow
from centre_desk.services.installation import Centre
from centre_desk.text import fold

# (ethnic code, family names, female middle + given names, male middle + given names)
PEOPLE = {
    "08": (  # Mông
        ["Giàng", "Sùng", "Vàng", "Lầu", "Thào", "Mùa", "Hầu", "Tráng", "Vừ", "Hạng"],
        ["Thị Mỷ", "Thị Dợ", "Thị Chớ", "Thị Sua", "Thị Pàng", "Thị Dua", "Thị Xúa", "Thị Máy", "Thị Sá", "Thị Của"],
        ["A Páo", "A Sình", "A Chư", "Văn Tủa", "A Lử"],
    ),
    "03": (  # Thái
        ["Lò", "Lường", "Tòng", "Quàng", "Cầm", "Điêu", "Lù", "Vì"],
        ["Thị Hương", "Thị Ban", "Thị Phương", "Thị Xuân", "Thị Ún", "Thị Lả", "Thị Ngoan", "Thị Dung"],
        ["Văn Páo", "Văn Khiêm", "Văn Ương"],
    ),
    "09": (  # Dao
        ["Tẩn", "Chảo", "Phàn", "Lý", "Triệu", "Đặng"],
        ["Thị Mẩy", "Thị Sằn", "Mý Dín", "Thị Chiêm", "Thị Tả", "Láo Mẩy"],
        ["Láo Lở", "Văn Chiêu", "Phù Vảng"],
    ),
    "01": (  # Kinh
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Vũ"],
        ["Thị Hường", "Thị Lan", "Thị Thu", "Thị Ngọc", "Thị Yến", "Thị Hạnh"],
        ["Đức Độ", "Văn Hùng", "Minh Tuấn"],
    ),
}
COMMUNES = [
    "Tả Lèng", "Sìn Hồ", "Mường Tè", "Phong Thổ", "Than Uyên", "Bum Nưa", "Pa Tần", "Dào San", "Nậm Tăm",
    "Mường Than", "Khun Há", "Hua Bum", "Sì Lở Lầu", "Tân Uyên", "Mù Cả",
]  # fmt: skip
CHANNELS = (
    [Channel.BORDER_GUARD] * 5
    + [Channel.POLICE] * 3
    + [Channel.COMMUNE_AUTHORITY] * 2
    + [
        Channel.CENTRE_TEAM,
        Channel.OTHER_PROVINCE_CENTRE,
        Channel.SELF_REFERRAL,
        Channel.NGO,
    ]
)


def person_name(rng: random.Random) -> tuple[str, str, Sex]:
    ethnic = rng.choices(["08", "03", "09", "01"], weights=[5, 3, 2, 2])[0]
    families, women, men = PEOPLE[ethnic]
    sex = Sex.FEMALE if rng.random() < 0.85 else Sex.MALE
    rest = rng.choice(women if sex is Sex.FEMALE else men)
    return f"{rng.choice(families)} {rest}", ethnic, sex


def admit(centre: Centre, actor: Actor, full_name: str, **changes: object) -> AdmissionRow:
    """One resident through the real admission service (audited, validated)."""
    now = datetime.now(UTC)
    person = ResidentInput(
        full_name=full_name, sex=Sex.FEMALE, ethnic_code="08", birth_year=now.year - 25,
        home_province="Lai Châu", home_commune="Tả Lèng",
    )  # fmt: skip
    person_changes = {k: v for k, v in changes.items() if k in ResidentInput.__dataclass_fields__}
    stay_changes = {k: v for k, v in changes.items() if k not in person_changes}
    person = replace(person, **person_changes)  # type: ignore[arg-type]
    if (person.birth_year and now.year - person.birth_year < 21) and not person.guardian_name:  # minor on arrival
        person = replace(person, guardian_name="Sùng A Páo", guardian_relation="bố")
    arrived = stay_changes.pop("arrived_at", now - timedelta(hours=2))
    data = AdmissionInput(person, arrived, stay_changes.pop("channel", Channel.BORDER_GUARD))  # type: ignore[arg-type]
    data = replace(data, **stay_changes)  # type: ignore[arg-type]
    return centre.admissions.admit(actor, data)


def sample_residents(centre: Centre, actor: Actor, count: int = 40, seed: int = 7) -> list[AdmissionRow]:
    """Realistic residents (Mông, Thái, Dao, Kinh; Lai Châu communes) through the service."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rows: list[AdmissionRow] = []
    for n in range(count):
        name, ethnic, sex = person_name(rng)
        age = rng.choice([13, 14, 15, 16, 16, 17, 17, 19, 21, 24, 28, 33])
        rows.append(
            admit(
                centre, actor, name, ethnic_code=ethnic, sex=sex, birth_year=now.year - age,
                home_commune=rng.choice(COMMUNES), is_pupil=age < 18 and rng.random() < 0.7,
                arrived_at=now - timedelta(days=rng.randint(1, 900), hours=rng.randint(0, 12)),
                channel=rng.choice(CHANNELS),
                previous_resident_id=rows[n - 5].resident_id if n > 10 and n % 9 == 0 else None,
            )
        )  # fmt: skip
    return rows


def bulk_residents(centre: Centre, count: int, seed: int = 1, batch: int = 20_000) -> None:
    """`count` residents with one admission each, inserted in large batches (for volume tests)."""
    rng = random.Random(seed)
    now = utcnow()
    start = datetime(2011, 1, 1, tzinfo=UTC)
    span = int((now - start).total_seconds())
    people: list[dict[str, object]] = []
    stays: list[dict[str, object]] = []
    with centre.sessions() as s:
        first = (s.query(Resident.id).order_by(Resident.id.desc()).limit(1).scalar() or 0) + 1
    for n in range(count):
        rid = first + n
        name, ethnic, sex = person_name(rng)
        arrived = start + timedelta(seconds=rng.randrange(span))
        code = f"LB-{arrived.year}-{rid:06d}"
        alias = default_alias(name, code)
        people.append({
            "id": rid, "version": 1, "code": code, "full_name": name, "other_names": "", "alias": alias,
            "sex": str(sex), "birth_date": None, "birth_year": arrived.year - rng.randint(12, 35),
            "birth_precision": "year", "ethnic_code": ethnic, "nationality": "Việt Nam", "id_document": "none",
            "id_number": "", "mother_tongue": "", "reads_vietnamese": None, "interpreter_needed": False,
            "religion": "", "home_province": "Lai Châu", "home_commune": rng.choice(COMMUNES), "home_village": "",
            "legacy_district": "", "guardian_name": "", "guardian_relation": "", "guardian_phone": "",
            "is_pupil": rng.random() < 0.5, "school_name": "", "school_grade": "", "school_stopped_on": None,
            "search_text": " ".join(fold(t) for t in (name, "", alias, code)), "sort_key": sort_key(name),
            "previous_resident_id": rid - 100 if n > 100 and rng.random() < 0.05 else None, "created_at": now,
        })  # fmt: skip
        stays.append({
            "version": 1, "resident_id": rid, "arrived_at": arrived, "channel": str(rng.choice(CHANNELS)),
            "victim_status": str(VictimStatus.CONFIRMED if rng.random() < 0.7 else VictimStatus.UNDER_IDENTIFICATION),
            "discharged_at": None if rng.random() < 0.05 else arrived + timedelta(days=rng.randint(5, 90)),
        })  # fmt: skip
        if len(people) == batch:
            _flush(centre, people, stays)
    _flush(centre, people, stays)


def _flush(centre: Centre, people: list[dict[str, object]], stays: list[dict[str, object]]) -> None:
    if people:
        with centre.sessions.begin() as s:
            s.execute(insert(Resident), people)
            s.execute(insert(Admission), stays)
            s.execute(insert(ResidentSuffix), index_rows(people))
    people.clear()
    stays.clear()
