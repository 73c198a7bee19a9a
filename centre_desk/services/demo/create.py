"""The demo generator: a separate, clearly marked database full of realistic but invented residents.

`populate` adds synthetic residents to an installation quickly (bulk inserts in one transaction), with
rows exactly as `AdmissionService.admit` writes them: every generated admission is already what
`check_admission` returns (the tests verify it), and the rows are filled by the same `apply_person` /
`apply_stay`; codes and their counters follow `AdmissionService._next_code`. Those in the centre now are as
many as its 40 beds can take, and get rooms, beds, moves, leave and stay-limit clocks (`lodging`), then a year of
health records written by the demo's nurse "yta" (`health`), counselling by the counsellor "tuvan"
(`counselling`), who also assesses needs and writes the care plans the director approves (`care_plan`),
legal aid, schooling and vocational training by the manager (`legal`, `schooling`), the monthly group sessions
since 2011 with their attendance (`activities`), illustrative rates and support payments (`payments`), the
discharge of every stay that ended and a few requests under way (`discharge`).
`create_demo` initialises a new encrypted installation with a manager account "demo" and populates it (the nurse
"yta" and the counsellor "tuvan" get the same password). A demo database carries the setting "demo" = "1";
`is_demo` tells the front ends to mark every window "DỮ LIỆU MẪU".

Names, villages and places come from resources/demo/people.json; everyone is fictional.
"""

from __future__ import annotations

import logging
import random
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.db.location import resolve_target
from centre_desk.errors import StorageError, UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.centre import AppSetting
from centre_desk.models.resident import (
    Admission,
    Belonging,
    Consent,
    Contact,
    Resident,
    ResidentCodeCounter,
)
from centre_desk.models.resident_search import ResidentSuffix, index_rows
from centre_desk.models.staff import Role, StaffAccount
from centre_desk.security.access import SYSTEM
from centre_desk.security.credentials import KeyCustody
from centre_desk.security.passwords import Passwords
from centre_desk.services.admission_input import (
    AdmissionInput,
    age_on,
    check_admission,
    default_alias,
)
from centre_desk.services.admissions import CODE_PREFIX_DEFAULT, CODE_PREFIX_KEY, apply_person, apply_stay
from centre_desk.services.counters import locked_counter
from centre_desk.services.demo.activities import ActivityFigures
from centre_desk.services.demo.activities import fill as fill_activities
from centre_desk.services.demo.care_plan import CarePlanFigures
from centre_desk.services.demo.care_plan import fill as fill_care_plans
from centre_desk.services.demo.counselling import CounsellingFigures, counsellor_account
from centre_desk.services.demo.counselling import fill as fill_counselling
from centre_desk.services.demo.data import (
    FIRST_YEAR,
    PROVINCE,
    Stay,
    plan,
)
from centre_desk.services.demo.discharge import DischargeFigures
from centre_desk.services.demo.discharge import fill as fill_discharge
from centre_desk.services.demo.discharge_papers import discharge_jobs
from centre_desk.services.demo.follow_up import FollowUpFigures
from centre_desk.services.demo.follow_up import fill as fill_follow_up
from centre_desk.services.demo.health import HealthFigures, fill, nurse_account
from centre_desk.services.demo.holidays import fill as fill_holidays
from centre_desk.services.demo.legal import LegalFigures
from centre_desk.services.demo.legal import fill as fill_legal
from centre_desk.services.demo.lodging import LodgingFigures, furnish, settle
from centre_desk.services.demo.maker import Maker
from centre_desk.services.demo.marker import DEMO_KEY, FOLDER_NOTE, FOLDER_NOTE_TEXT, is_demo, is_demo_session
from centre_desk.services.demo.papers import register_jobs, write_in_order
from centre_desk.services.demo.payments import PaymentFigures
from centre_desk.services.demo.payments import fill as fill_payments
from centre_desk.services.demo.schooling import SchoolingFigures
from centre_desk.services.demo.schooling import fill as fill_schooling
from centre_desk.services.discharge.guard import history_writes
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, anchor_path, initialise, open_centre
from centre_desk.services.settings import CentreDetails

log = logging.getLogger(__name__)

DEMO_LOGIN = "demo"
DEMO_FULL_NAME = "Tài khoản dùng thử"
CHUNK = 2000


@dataclass(frozen=True)
class DemoSummary:
    residents: int  # resident rows added (one per stay)
    people: int
    readmissions: int
    present: int  # stays not discharged
    minors: int  # under 18 on arrival
    first_code: str
    last_code: str
    seconds: float
    registered: int = 0  # register lines of the demo's papers
    lodging: LodgingFigures = field(default_factory=LodgingFigures)  # rooms, beds and tonight's census
    health: HealthFigures = field(default_factory=HealthFigures)  # the nurse's year
    counselling: CounsellingFigures = field(default_factory=CounsellingFigures)  # the counsellor's sessions
    care_plans: CarePlanFigures = field(default_factory=CarePlanFigures)  # assessments, plans, reviews
    legal: LegalFigures = field(default_factory=LegalFigures)  # legal information, cases, papers, steps
    activities: ActivityFigures = field(default_factory=ActivityFigures)  # group sessions and their attendance
    payments: PaymentFigures = field(default_factory=PaymentFigures)  # illustrative rates, payments, signed lists
    schooling: SchoolingFigures = field(default_factory=SchoolingFigures)  # schools, courses, Mẫu 07, jobs
    discharge: DischargeFigures = field(default_factory=DischargeFigures)  # discharges, requests under way
    follow_up: FollowUpFigures = field(default_factory=FollowUpFigures)  # contacts after discharge


@dataclass(frozen=True)
class DemoCreated:
    data_dir: Path
    where: str  # the database file or server, for messages
    login: str
    recovery_key: str
    summary: DemoSummary


def new_demo_password() -> str:
    """A password to print when none is given: easy to type, 15 characters, not guessable."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(3))


# --- rows ----------------------------------------------------------------------------------------------------------


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def _resident_row(stay: Stay, data: AdmissionInput, created_at: datetime) -> dict[str, Any]:
    """The values `AdmissionService.admit` stores for this person (same `apply_person`)."""
    p = data.resident
    arrived = data.arrived_at.astimezone(UTC)
    row = SimpleNamespace(code=stay.code, birth_year=None)
    apply_person(cast(Resident, row), p, p.alias or default_alias(p.full_name, stay.code), arrived.date())
    values = vars(row)
    previous = stay.first.resident_id if stay.first is not None else None
    values.update(previous_resident_id=previous, created_at=created_at, version=1)
    return values


def _admission_row(stay: Stay, data: AdmissionInput, received_by: int | None) -> dict[str, Any]:
    row = SimpleNamespace()
    apply_stay(cast(Admission, row), data)
    values = vars(row)
    values.update(resident_id=stay.resident_id, discharged_at=stay.discharged, received_by=received_by, version=1)
    return values


@dataclass
class _Counts:
    minors: int = 0
    present: int = 0


def _generate(
    maker: Maker, stays: Sequence[Stay], now: datetime, check: bool = False
) -> Iterator[tuple[Stay, AdmissionInput]]:
    """Each planned stay with what the wizard would have collected (already clean: `check_admission` of it
    returns it unchanged, which the tests verify; `check` runs it anyway)."""
    for stay in stays:
        data = maker.admission(stay, now)
        if check:
            data = check_admission(data, now)
        if stay.readmitted:
            stay.person = data.resident
        yield stay, data


def _insert_chunk(
    s: Session,
    maker: Maker,
    chunk: Sequence[Stay],
    now: datetime,
    recorded_by: int | None,
    counts: _Counts,
    check: bool,
) -> None:
    made = list(_generate(maker, chunk, now, check))
    for stay, data in made:
        age = age_on(data.resident, stay.arrived.date())
        counts.minors += age is not None and age < 18
        counts.present += stay.discharged is None
    residents = _table(Resident)
    ready = [m for m in made if m[0].first is None or m[0].first.resident_id is not None]
    waiting = [m for m in made if m[0].first is not None and m[0].first.resident_id is None]
    for group in (ready, waiting):  # a readmission may follow its first stay within the chunk
        if not group:
            continue
        rows = [
            _resident_row(stay, data, min(stay.arrived + timedelta(minutes=maker.rng.randint(5, 120)), now))
            for stay, data in group
        ]
        stmt = insert(residents).returning(residents.c.id, sort_by_parameter_order=True)
        ids = s.execute(stmt, rows).scalars().all()
        for (stay, _data), rid in zip(group, ids, strict=True):
            stay.resident_id = rid
        # the search index (Core inserts skip its mapper events)
        s.execute(
            insert(_table(ResidentSuffix)), index_rows({**r, "id": rid} for r, rid in zip(rows, ids, strict=True))
        )
    admissions = _table(Admission)
    stmt = insert(admissions).returning(admissions.c.id, sort_by_parameter_order=True)
    admission_ids = s.execute(stmt, [_admission_row(stay, data, recorded_by) for stay, data in made]).scalars().all()
    contacts: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    belongings: list[dict[str, Any]] = []
    for (stay, data), admission_id in zip(made, admission_ids, strict=True):
        stay.admission_id = admission_id
        rid = stay.resident_id
        contacts += [
            {"resident_id": rid, "name": c.name, "relation": c.relation, "phone": c.phone, "address": c.address,
             "version": 1}
            for c in data.contacts
        ]  # fmt: skip
        consents += [
            {"resident_id": rid, "kind": str(c.kind), "given": c.given, "legal_basis": c.legal_basis,
             "given_on": c.given_on, "given_by": c.given_by, "withdrawn_on": None, "recorded_by": recorded_by,
             "version": 1}
            for c in data.consents
        ]  # fmt: skip
        belongings += [
            {"admission_id": admission_id, "position": i, "item": b.item, "quantity": b.quantity,
             "condition": b.condition, "returned_at": stay.discharged, "version": 1}
            for i, b in enumerate(data.belongings, 1)
        ]  # fmt: skip
    for model, rows in ((Contact, contacts), (Consent, consents), (Belonging, belongings)):
        if rows:
            s.execute(insert(_table(model)), rows)


def _mark(s: Session) -> None:
    setting = s.get(AppSetting, DEMO_KEY)
    if setting is None:
        s.add(AppSetting(key=DEMO_KEY, value="1"))
    else:
        setting.value = "1"


# --- the public entry points -----------------------------------------------------------------------------------------


def populate(
    centre: Centre,
    count: int,
    seed: int = 2026,
    progress: Callable[[int], None] | None = None,
    *,
    now: datetime | None = None,
    check: bool = False,
    password: str | None = None,
) -> DemoSummary:
    """Add `count` synthetic residents (about 5% of them readmissions) in one transaction.

    The same seed and `now` give the same residents. Refuses a database with real residents. `check` also runs
    every admission through `check_admission` (about twice as slow; the generated input is clean already).
    Their health records are written by the installation's first nurse; without one, the nurse "yta" is added
    with `password` (a random one when None: the manager sets a new one on the staff accounts page).
    """
    if not 0 <= count <= 1_000_000:
        raise ValidationError("residents", _("The number of demo residents must be between 0 and 1000000."))
    started = time.perf_counter()
    now = (now or utcnow()).astimezone(UTC)
    rng = random.Random(seed)
    stays = plan(rng, count, now)
    roster = settle(stays, seed, now, count)  # who is in the centre now: as many as the beds can take
    maker = Maker(rng, count)
    counts = _Counts()
    with centre.sessions.begin() as s:
        if not is_demo_session(s) and s.scalar(select(Resident.id).limit(1)) is not None:
            raise StorageError(_("This database holds real records: demo residents are never added to it."))
        _mark(s)
        history_writes(s)  # the stays that ended get their history too (services/discharge/guard.py)
        prefix = s.scalar(select(AppSetting.value).where(AppSetting.key == CODE_PREFIX_KEY)) or CODE_PREFIX_DEFAULT
        counters = {
            year: locked_counter(s, ResidentCodeCounter, prefix=prefix, year=year)
            for year in sorted({stay.arrived.astimezone().year for stay in stays})
        }
        for stay in stays:  # in order of arrival, as admissions typed one by one would get them
            counter = counters[stay.arrived.astimezone().year]
            counter.last += 1
            stay.code = f"{prefix}-{counter.year}-{counter.last:04d}"
        s.flush()
        recorded_by = s.scalar(
            select(StaffAccount.id).where(StaffAccount.roles.contains(str(Role.MANAGER))).order_by(StaffAccount.id)
        )
        for start in range(0, len(stays), CHUNK):
            _insert_chunk(s, maker, stays[start : start + CHUNK], now, recorded_by, counts, check)
            if progress is not None:
                progress(min(start + CHUNK, len(stays)))
        lodging = furnish(s, roster, recorded_by, now)
        nurse = nurse_account(s, centre.accounts, password or new_demo_password())
        health = fill(s, roster, nurse, now)
        counsellor = counsellor_account(s, centre.accounts, password or new_demo_password())
        counselling = fill_counselling(s, counsellor, now)
        care_plans = fill_care_plans(s, counsellor, recorded_by, now)
        legal = fill_legal(s, recorded_by, now)
        activities = fill_activities(s, counsellor, now)
        payments = fill_payments(s, recorded_by, now)
        fill_holidays(s, recorded_by, now)  # before every clock counted in working days
        schooling = fill_schooling(s, recorded_by, now)
        discharge = fill_discharge(s, recorded_by, now)
        follow_up = fill_follow_up(s, recorded_by, now)  # after the stays and their discharges
        # after the demo's discharges are written: both kinds numbered together, in the order they were issued
        registered = write_in_order(register_jobs(s, stays, recorded_by, now) + discharge_jobs(s, recorded_by, now))
        centre.audit.record(s, SYSTEM, "demo.populated", record_type="installation", record_id=count)
    readmissions = sum(stay.first is not None for stay in stays)
    summary = DemoSummary(
        residents=len(stays),
        people=len(stays) - readmissions,
        readmissions=readmissions,
        present=counts.present,
        minors=counts.minors,
        first_code=stays[0].code if stays else "",
        last_code=stays[-1].code if stays else "",
        seconds=time.perf_counter() - started,
        registered=registered,
        lodging=lodging,
        health=health,
        counselling=counselling,
        care_plans=care_plans,
        legal=legal,
        activities=activities,
        payments=payments,
        schooling=schooling,
        discharge=discharge,
        follow_up=follow_up,
    )
    log.info("demo data: %d residents in %.1f s", summary.residents, summary.seconds)
    return summary


def demo_details() -> list[CentreDetails]:
    """The fictional centre: under the labour department until 03/2025, then under Sở Y tế."""
    first = CentreDetails(
        date(FIRST_YEAR, 1, 1),
        "Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu",
        parent_agency="Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",
        address="Phường Tân Phong, tỉnh Lai Châu",
        province=PROVINCE,
        place_name="Lai Châu",
        director_name="Nguyễn Văn An",
        director_title="Giám đốc",
        abbreviation="CSBTXH",
        founding_decision=(
            "Quyết định số 32/2014/QĐ-UBND ngày 25 tháng 9 năm 2014 của Ủy ban nhân dân tỉnh Lai Châu "
            "về việc thành lập Trung tâm Bảo trợ xã hội tỉnh Lai Châu"
        ),
        proposing_unit="Trưởng phòng Công tác xã hội",
        officer_title="Nhân viên công tác xã hội",
    )
    return [first, replace(first, effective_from=date(2025, 3, 1), parent_agency="Sở Y tế tỉnh Lai Châu")]


def create_demo(
    where: Path | Options,
    password: str,
    residents: int,
    *,
    seed: int = 2026,
    progress: Callable[[int], None] | None = None,
    db: str | None = None,
    passwords: Passwords | None = None,
    custody: KeyCustody | None = None,
) -> DemoCreated:
    """A new encrypted demo installation with the manager "demo" (password `password`), populated; closed again.

    `where` is the data directory, or the front end's Options (its data directory, database, hasher and key
    custody are used). An earlier demo database there (SQLite) is replaced; any other database is refused and
    left untouched. Without a secure keyring the keys are wrapped under `password` as the database passphrase.
    """
    if isinstance(where, Options):
        data_dir, db = where.data_dir, where.db if db is None else db
        passwords, custody = passwords or where.passwords, custody or where.custody
    else:
        data_dir = where
    options = Options(data_dir, db, ask_passphrase=lambda _confirm: password, passwords=passwords, custody=custody)
    _remove_old_demo(options)
    first, later = demo_details()
    manager = NewAccount(DEMO_LOGIN, DEMO_FULL_NAME, password, frozenset({Role.MANAGER}))
    centre, recovery_key = initialise(options, manager, first)
    try:
        with centre.sessions.begin() as s:
            _mark(s)  # first, so that a failed run can be replaced by the next one
        centre.settings.save_centre(SYSTEM, later)
        summary = populate(centre, residents, seed, progress, password=password)
        described = centre.target.describe()
    finally:
        centre.close()
    (data_dir / FOLDER_NOTE).write_text(FOLDER_NOTE_TEXT, encoding="utf-8")
    return DemoCreated(data_dir, described, DEMO_LOGIN, recovery_key, summary)


def _remove_old_demo(options: Options) -> None:
    target = resolve_target(options.data_dir, options.db)
    path = target.path
    if path is None or not any(Path(f"{path}{suffix}").exists() for suffix in ("", "-wal", "-journal")):
        return  # nothing here (a server database is checked by `initialise`, which refuses any)
    refused = _("A database that is not a demo is already in {folder}; it has not been touched. Choose another folder.")
    try:
        old = open_centre(options, migrate=False)
    except UserError as exc:
        locked = _(
            "A database is already in {folder} and cannot be opened with this password; it has not been touched."
        )
        raise StorageError(locked.format(folder=options.data_dir)) from exc
    try:
        demo, installation_id = is_demo(old.read_sessions), old.installation_id
    finally:
        old.close()
    if not demo:
        raise StorageError(refused.format(folder=options.data_dir))
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    anchor_path(options.data_dir, installation_id).unlink(missing_ok=True)
    options.get_custody().forget(installation_id)
    log.info("an earlier demo database was replaced")
