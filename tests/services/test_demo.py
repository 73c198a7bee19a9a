"""Demo data: realistic synthetic residents stored exactly as an admission would store them."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from sqlalchemy import select

from centre_desk.errors import StorageError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.resident import Admission, Channel, Consent, Resident, ResidentCodeCounter, Sex
from centre_desk.models.staff import Role
from centre_desk.paths import resource
from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.admission_input import (
    LOCAL_GOVERNMENT_REFORM,
    AdmissionInput,
    ResidentInput,
    age_on,
    check_admission,
    default_alias,
    sort_key,
)
from centre_desk.services.demo import create as demo
from centre_desk.services.demo import is_demo_folder
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise, open_centre
from centre_desk.services.intake_terms import ConsentKind
from centre_desk.services.reference import lai_chau_communes
from centre_desk.text import fold
from tests.conftest import Installed

NOW = datetime(2026, 2, 5, 3, 0, tzinfo=UTC)
PASSWORD = "mật khẩu dùng thử 2026"
_CODE = re.compile(r"^LC-(\d{4})-(\d{4,})$")
_BEFORE_ONLY = {Channel.DISTRICT_LABOUR_OFFICE}
_AFTER_ONLY = {Channel.COMMUNE_AUTHORITY, Channel.HEALTH_DEPARTMENT, Channel.PROVINCIAL_POLICE}


def _generated(count: int, seed: int = 2026) -> list[tuple[demo.Stay, AdmissionInput]]:
    rng = random.Random(seed)
    stays = demo.plan(rng, count, NOW)
    return list(demo._generate(demo.Maker(rng, count), stays, NOW))


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


# --- the generator alone (no database) ----------------------------------------------------------------------------


def test_every_generated_admission_passes_the_wizard_checks_unchanged() -> None:
    for _stay, data in _generated(2000):
        assert check_admission(data, NOW) == data  # clean already: what admit would store


def test_generation_is_deterministic_for_a_seed() -> None:
    first = [data for _s, data in _generated(300)]
    again = [data for _s, data in _generated(300)]
    other = [data for _s, data in _generated(300, seed=7)]
    assert first == again
    assert first != other


def test_the_mix_looks_like_the_caseload() -> None:
    made = _generated(3000)
    people = [data.resident for _s, data in made]
    groups = Counter(p.ethnic_code for p in people)
    assert groups.most_common(1)[0][0] == "08"  # Mông
    assert groups["03"] > groups["09"] > groups["01"] > 0  # then Thái, Dao, ... Kinh
    assert len(groups) >= 12
    female = sum(p.sex is Sex.FEMALE for p in people) / len(people)
    assert 0.85 < female < 0.95
    ages = [age_on(data.resident, data.arrived_at.date()) for _s, data in made]
    assert all(a is not None and 7 <= a <= 45 for a in ages)
    minors = [data.resident for (_s, data), a in zip(made, ages, strict=True) if a is not None and a < 18]
    pupils = sum(p.is_pupil for p in minors) / len(minors)
    assert 0.5 < pupils < 0.7
    assert sum(13 <= a <= 30 for a in ages if a is not None) / len(ages) > 0.8
    discharged = sum(s.discharged is not None for s, _d in made) / len(made)
    assert 0.6 < discharged < 0.8
    years = Counter(data.arrived_at.year for _s, data in made)
    assert min(years) == 2011 and max(years) == 2026
    assert years[2024] > years[2012]  # more in recent years
    china = sum(data.exploitation_country == "Trung Quốc" for _s, data in made) / len(made)
    assert china > 0.85
    types = Counter(t for _s, data in made for t in data.exploitation_types)
    assert types.most_common(1)[0][0] == "forced_marriage"


def test_names_and_places_are_clean_vietnamese() -> None:
    raw = resource("demo", "people.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    communes = {c.name for c in lai_chau_communes()}
    for group in json.loads(raw)["groups"].values():
        assert set(group["communes"]) <= communes
    made = _generated(500)
    names = {data.resident.full_name for _s, data in made}
    assert {"Nguyễn Thị Hường", "Đặng Đức Độ"} <= names
    for _s, data in made:
        person = data.resident
        assert person.home_province == "Lai Châu" and person.home_commune in communes
        assert person.home_village.startswith(("Bản ", "Tổ ", "Khu ", "Thôn "))
        words = person.full_name.split()
        assert 2 <= len(words) <= 3 and all(w[0].isupper() for w in words)


def test_channels_respect_the_local_government_reform() -> None:
    for _s, data in _generated(3000):
        day = _local_day(data.arrived_at)
        if day >= LOCAL_GOVERNMENT_REFORM:
            assert data.channel not in _BEFORE_ONLY
        else:
            assert data.channel not in _AFTER_ONLY


def test_children_have_guardians_and_both_consents() -> None:
    children = 0
    for _s, data in _generated(1000):
        age = age_on(data.resident, _local_day(data.arrived_at))
        assert age is not None
        kinds = {c.kind for c in data.consents if c.given}
        if age < 18:
            assert data.resident.guardian_name and data.resident.guardian_relation
        if 7 <= age <= 15 and ConsentKind.PROCESSING in kinds:
            children += 1
            assert {ConsentKind.CHILD_ASSENT, ConsentKind.GUARDIAN_CONSENT} <= kinds
    assert children > 0


# --- populate on both engines -------------------------------------------------------------------------------------


def test_populate_stores_rows_as_an_admission_would(installed: Installed) -> None:
    centre = installed.centre
    assert not demo.is_demo(centre.read_sessions)
    seen: list[int] = []
    summary = demo.populate(centre, 300, progress=seen.append, now=NOW)
    assert summary.residents == 300 and summary.readmissions == 15 and summary.people == 285
    assert seen and seen[-1] == 300
    assert demo.is_demo(centre.read_sessions)
    with centre.read_sessions() as s:
        residents = s.scalars(select(Resident).order_by(Resident.id)).all()
        admissions = {a.resident_id: a for a in s.scalars(select(Admission))}
        counters = {(c.prefix, c.year): c.last for c in s.scalars(select(ResidentCodeCounter))}
        processing = Counter(
            c.resident_id for c in s.scalars(select(Consent).where(Consent.kind == ConsentKind.PROCESSING))
        )
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "demo.populated")).all()
    assert len(residents) == 300 and len(admissions) == 300
    codes = [r.code for r in residents]
    assert len(set(codes)) == 300
    by_year: dict[int, list[int]] = {}
    for r in residents:
        match = _CODE.match(r.code)
        assert match is not None, r.code
        year = int(match.group(1))
        assert year == admissions[r.id].arrived_at.astimezone().year
        by_year.setdefault(year, []).append(int(match.group(2)))
        assert r.version == 1 and admissions[r.id].version == 1
        assert r.alias == default_alias(r.full_name, r.code)
        assert r.sort_key == sort_key(r.full_name)
        assert r.search_text == " ".join(fold(t) for t in (r.full_name, r.other_names, r.alias, r.code))
        for value in (r.full_name, r.other_names, r.home_commune, r.home_village, r.guardian_name, r.school_name):
            assert unicodedata.normalize("NFC", value) == value
        assert processing[r.id] == 1
    for year, numbers in by_year.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        assert counters[("LC", year)] == len(numbers)
    names = {r.full_name for r in residents}
    assert {"Nguyễn Thị Hường", "Đặng Đức Độ"} <= names
    assert len(audit) == 1 and audit[0].record_id == "300" and audit[0].actor_login == "system"


def test_the_demo_register_has_the_last_years_papers(installed: Installed) -> None:
    from centre_desk.models.documents import DocumentCounter, OutgoingDocument
    from centre_desk.services.documents import DocumentService, RegisterFilter

    centre = installed.centre
    summary = demo.populate(centre, 300, now=NOW)
    with centre.read_sessions() as s:
        lines = s.scalars(select(OutgoingDocument).order_by(OutgoingDocument.issued_at)).all()
        counters = {(c.year, c.kind_code): c.last for c in s.scalars(select(DocumentCounter))}
        arrivals = {a.id: a.arrived_at for a in s.scalars(select(Admission))}
    assert summary.registered == len(lines) > 20
    admission_papers = [line for line in lines if line.paper_kind.startswith("admission-")]
    assert all(NOW - arrivals[line.admission_id] <= timedelta(days=366) for line in admission_papers)
    assert all(NOW - line.issued_at <= timedelta(days=366) for line in lines)  # the last year's papers
    for (year, kind), last in counters.items():
        numbers = [line.number for line in lines if (line.year, line.kind_code) == (year, kind)]
        assert numbers == list(range(1, last + 1))  # in order of issue, admission and discharge together, no gaps
    kinds = {line.paper_kind.split("-")[0] for line in lines}
    assert {line.paper_kind for line in admission_papers} == {"admission-decision", "admission-record"}
    assert kinds == {"admission", "discharge", "handover"}  # the discharge papers of the last year too
    docs = DocumentService(centre.sessions, centre.audit, centre.access)
    listed = docs.register(installed.manager, RegisterFilter())
    assert len(listed.entries) == len(lines) and all(e.issued_by for e in listed.entries)
    # a reprint of a demo paper is its copy, with the watermark
    copy = docs.issue(installed.manager, lines[-1].paper_kind, lines[-1].resident_id)
    assert copy.copy and copy.entry is not None and copy.entry.id == lines[-1].id


def test_readmissions_link_the_same_person(installed: Installed) -> None:
    centre = installed.centre
    demo.populate(centre, 300, now=NOW)
    with centre.read_sessions() as s:
        residents = {r.id: r for r in s.scalars(select(Resident))}
        arrivals = {a.resident_id: a for a in s.scalars(select(Admission))}
    again = [r for r in residents.values() if r.previous_resident_id is not None]
    assert len(again) == 15
    for later in again:
        earlier = residents[later.previous_resident_id]  # type: ignore[index]
        assert (later.full_name, later.birth_year, later.home_commune, later.ethnic_code) == (
            earlier.full_name, earlier.birth_year, earlier.home_commune, earlier.ethnic_code
        )  # fmt: skip
        discharged = arrivals[earlier.id].discharged_at
        assert discharged is not None and arrivals[later.id].arrived_at > discharged
        assert later.code != earlier.code


def test_channels_and_guardians_in_the_database(installed: Installed) -> None:
    centre = installed.centre
    demo.populate(centre, 300, now=NOW)
    with centre.read_sessions() as s:
        rows = s.execute(select(Resident, Admission).join(Admission, Admission.resident_id == Resident.id)).all()
    for resident, admission in rows:
        day = _local_day(admission.arrived_at)
        assert (admission.channel in _BEFORE_ONLY) <= (day < LOCAL_GOVERNMENT_REFORM)
        assert (admission.channel in _AFTER_ONLY) <= (day >= LOCAL_GOVERNMENT_REFORM)
        if resident.birth_year is not None and day.year - resident.birth_year < 17:
            assert resident.guardian_name
        if admission.discharged_at is not None:
            assert admission.discharged_at > admission.arrived_at


def test_a_real_admission_after_the_demo_gets_the_next_code(installed: Installed) -> None:
    centre = installed.centre
    demo.populate(centre, 300, now=NOW)
    with centre.read_sessions() as s:
        last_2015 = s.scalar(select(ResidentCodeCounter.last).where(ResidentCodeCounter.year == 2015))
    assert last_2015
    person = ResidentInput("Lò Thị Ơn", Sex.FEMALE, "03", birth_year=1995)
    arrived = datetime(2015, 6, 3, 9, 0, tzinfo=UTC)
    row = centre.admissions.admit(installed.manager, AdmissionInput(person, arrived, Channel.BORDER_GUARD))
    assert row.code == f"LC-2015-{last_2015 + 1:04d}"


def test_populate_refuses_a_database_with_real_residents(installed: Installed) -> None:
    centre = installed.centre
    person = ResidentInput("Lò Thị Ơn", Sex.FEMALE, "03", birth_year=1995)
    arrived = datetime.now(UTC) - timedelta(hours=1)
    centre.admissions.admit(installed.manager, AdmissionInput(person, arrived, Channel.COMMUNE_AUTHORITY))
    with pytest.raises(StorageError):
        demo.populate(centre, 10)
    assert not demo.is_demo(centre.read_sessions)


# --- create_demo ------------------------------------------------------------------------------------------------------


def _custody(data: Path) -> LayeredCustody:
    return LayeredCustody(PassphraseCustody(data / "keys", lambda _c: PASSWORD, CHEAP_ARGON2))


def _options(data: Path) -> Options:
    return Options(data, passwords=Passwords(cheap_hasher()), custody=_custody(data))


def test_create_demo_signs_in_as_demo(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    made = demo.create_demo(data, PASSWORD, 60, passwords=Passwords(cheap_hasher()), custody=_custody(data))
    assert is_demo_folder(data) and not is_demo_folder(tmp_path)
    assert made.login == "demo" and made.summary.residents == 60 and made.recovery_key
    assert made.where == str((data / "centre.db").resolve())
    centre = open_centre(_options(data))
    try:
        actor = centre.accounts.authenticate("demo", PASSWORD)
        assert actor.login == "demo" and Role.MANAGER in actor.roles
        report = centre.maintenance.check(actor)  # encryption, schema and the audit chain are intact
        assert report.ok, report.problems
        assert demo.is_demo(centre.read_sessions)
        assert centre.centre_name() == "Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu"
        assert centre.settings.centre_on(date(2026, 1, 1)).parent_agency == "Sở Y tế tỉnh Lai Châu"  # type: ignore[union-attr]
        early = centre.settings.centre_on(date(2020, 1, 1))
        assert early is not None and early.abbreviation == "CSBTXH" and early.director_name == "Nguyễn Văn An"
        assert early.parent_agency == "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"
        first_id = centre.installation_id
    finally:
        centre.close()
    # running it again (here with the front end's Options, as the command line does) replaces the earlier demo
    demo.create_demo(_options(data), PASSWORD, 10)
    centre = open_centre(_options(data))
    try:
        assert centre.installation_id != first_id
        with centre.read_sessions() as s:
            assert len(s.scalars(select(Resident.id)).all()) == 10
    finally:
        centre.close()


def test_create_demo_never_touches_a_real_database(tmp_path: Path) -> None:
    data = tmp_path / "real"
    options = Options(data, passwords=Passwords(cheap_hasher()), custody=_custody(data))
    centre, _key = initialise(options, NewAccount("giamdoc", "Lò Thị Ơn", PASSWORD, frozenset({Role.MANAGER})), "TT")
    centre.close()
    before = (data / "centre.db").read_bytes()
    with pytest.raises(StorageError):
        demo.create_demo(data, PASSWORD, 10, passwords=Passwords(cheap_hasher()), custody=_custody(data))
    assert (data / "centre.db").read_bytes() == before
    assert open_centre(options).accounts.authenticate("giamdoc", PASSWORD).login == "giamdoc"


def test_create_demo_without_a_keyring_uses_the_password_as_passphrase(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the autouse fixture restores the previous one
    data = tmp_path / "demo"
    demo.create_demo(data, PASSWORD, 5, passwords=Passwords(cheap_hasher()))
    assert list((data / "keys").glob("*.json"))
    reopened = open_centre(Options(data, ask_passphrase=lambda _c: PASSWORD, passwords=Passwords(cheap_hasher())))
    try:
        assert demo.is_demo(reopened.read_sessions)
        assert reopened.accounts.authenticate("demo", PASSWORD).login == "demo"
    finally:
        reopened.close()
