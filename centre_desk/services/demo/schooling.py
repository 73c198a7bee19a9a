"""Demo schooling and vocational training: the record's Schooling and training tab as a centre keeps it.

* the catalogue: six courses with the local vocational centres and a hairdresser (tailoring, hairdressing, cooking,
  motorbike repair, brocade weaving, mushroom growing) and one retired;
* the pupils of school age in the centre go to the schools of the ward (primary, lower and upper secondary), their
  school records transferred for most, the tuition exemption and the books and supplies support, the results of
  the terms that ended during their stay; the Mẫu 07 application for most of them — decided by the Sở Y tế within
  its 9 working days, still waiting, one waiting past its date (on the Overview);
* the adults take a course of the catalogue: ongoing, completed with the certificate (one still to get), dropped
  out; a Mẫu 07 application for vocational training and the initial hardship allowance; job counselling, and a
  couple of placements with their employer and wage;
* the same for some of those who left in the years since 2011.

Written by the caller's account (the demo's manager), in the caller's transaction, with its own random stream
(seeded). Invented words; no real person or case. Every row passes its kind's checks (the tests verify it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.models.resident import Admission, Resident
from centre_desk.models.schooling import (
    JobSupport,
    SchoolEnrolment,
    SchoolTermResult,
    SupportApplication,
    VocationalCourse,
    VocationalEnrolment,
)
from centre_desk.services.lodging.common import local_day
from centre_desk.services.schooling.terms import DECISION_DAYS, school_year
from centre_desk.services.workdays import WorkCalendar, calendar_of

DECREE_162 = date(2025, 7, 1)
PAST_SHARE = 0.06  # of those who left, the share whose schooling or training the demo fills
COURSES = (  # trade, level, months, hours, cost, provider, contact, active
    ("May công nghiệp", "elementary", 3, 300, 3_600_000, "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên "
     "huyện Tam Đường", "Thầy Lò Văn Tính, 0213 3875 120", True),
    ("Cắt tóc, gội đầu", "short", 2, 240, 2_400_000, "Salon tóc Hoa Lan, phường Tân Phong", "Chị Trần Thị Lan, "
     "0915 226 418", True),
    ("Nấu ăn", "short", 2, 200, 2_000_000, "Trường Cao đẳng Cộng đồng Lai Châu", "Phòng Đào tạo, 0213 3876 902", True),
    ("Sửa chữa xe máy", "elementary", 3, 300, 3_300_000, "Trường Cao đẳng Cộng đồng Lai Châu",
     "Phòng Đào tạo, 0213 3876 902", True),
    ("Thêu, dệt thổ cẩm", "short", 1, 120, 1_200_000, "Hợp tác xã Thổ cẩm Sìn Hồ", "Chị Lò Thị Xuân, 0986 447 210",
     True),
    ("Trồng nấm", "short", 1, 120, 1_500_000, "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Tam "
     "Đường", "Thầy Lò Văn Tính, 0213 3875 120", True),
    ("Tin học văn phòng", "short", 2, 160, 1_800_000, "Trường Cao đẳng Cộng đồng Lai Châu",
     "Phòng Đào tạo, 0213 3876 902", False),
)  # fmt: skip
SCHOOLS = {
    "primary": ("Trường Tiểu học Tân Phong", ("3A", "4B", "5A")),
    "lower_secondary": ("Trường THCS Tân Phong", ("6A", "7B", "8A", "9C")),
    "upper_secondary": ("Trường THPT Thành phố Lai Châu", ("10A2", "11A1", "12A3")),
}
TEACHERS = ("Cô Lò Thị Hoa, giáo viên chủ nhiệm, 0912 345 678", "Thầy Nguyễn Văn Hùng, phó hiệu trưởng, 0983 112 405",
            "Cô Tẩn Thị Mẩy, giáo viên chủ nhiệm, 0868 530 219")  # fmt: skip
RESULT_NOTES = ("Em tiến bộ rõ ở môn Toán.", "Em còn rụt rè, ít phát biểu.", "Em hòa đồng với các bạn trong lớp.",
                "Em nghỉ học vài buổi vì đi khám sức khỏe.", "")  # fmt: skip
EMPLOYERS = (("Công ty TNHH May mặc Tân Uyên", "Công nhân may", 4_800_000),
             ("Nhà hàng Hương Rừng, phường Đoàn Kết", "Phụ bếp", 4_200_000),
             ("Salon tóc Hoa Lan, phường Tân Phong", "Thợ cắt tóc", 3_900_000),
             ("Cửa hàng sửa xe Quang Minh, xã Bình Lư", "Thợ sửa xe", 4_500_000))  # fmt: skip
SCHOOL_NOTE = "Học cùng lớp với học sinh địa phương; cán bộ Trung tâm đưa đón."
NOT_GRANTED = "Hồ sơ thiếu xác nhận của Ủy ban nhân dân xã; bổ sung và nộp lại."
DROPPED_HOME, DROPPED_HERE = "Về địa phương trước khi kết thúc khóa học.", "Em xin nghỉ để chăm con nhỏ."
COUNSELLED = "Tư vấn về việc làm ở địa phương và chương trình vay vốn giải quyết việc làm."
MODELS = (SchoolEnrolment, SchoolTermResult, SupportApplication, VocationalEnrolment, JobSupport)


@dataclass(frozen=True)
class SchoolingFigures:
    courses: int = 0
    enrolments: int = 0
    results: int = 0
    applications: int = 0
    trainees: int = 0
    certificates: int = 0
    jobs: int = 0


@dataclass(frozen=True)
class _Person:
    resident_id: int
    arrived: date
    left: date | None  # None: in the centre
    age: int | None


class _Writer:
    def __init__(self, rng: random.Random, by: int | None, now: datetime, courses: list[tuple[int, int]],
                 work: WorkCalendar) -> None:  # fmt: skip
        self.rng, self.by, self.now, self.today, self.work = rng, by, now, local_day(now), work
        self.courses = courses  # (id, index in COURSES) of the courses offered
        self.rows: dict[type[Any], list[dict[str, Any]]] = {m: [] for m in MODELS}
        self.late_waiting = False
        self.placements = 0

    def end(self, p: _Person) -> date:
        return p.left or self.today

    def at(self, day: date) -> datetime:
        moment = datetime(day.year, day.month, day.day, 9 + self.rng.randint(0, 6), self.rng.choice((0, 15, 30)))
        return min(moment.astimezone(), self.now - timedelta(minutes=30))

    def add(self, model: type[Any], p: _Person, day: date, **values: Any) -> None:
        when = self.at(min(day, self.today))
        self.rows[model].append({"version": 1, "restricted": False, "struck_reason": "", "recorded_by": self.by,
                                 "resident_id": p.resident_id, "occurred_at": when,
                                 "recorded_at": min(when + timedelta(minutes=30), self.now)} | values)  # fmt: skip


def _level(age: int) -> str:
    return "primary" if age <= 10 else "lower_secondary" if age <= 14 else "upper_secondary"


def _term_ends(start: date, end: date) -> list[tuple[str, str, date]]:
    """The terms that ended between `start` and `end`: (school year, term, the day its results are given)."""
    found = []
    for year in range(start.year - 1, end.year + 1):
        ends = (("mid1", date(year, 11, 5)), ("term1", date(year + 1, 1, 15)), ("mid2", date(year + 1, 3, 25)),
                ("year", date(year + 1, 5, 25)))  # fmt: skip
        for term, day in ends:
            if start + timedelta(days=25) <= day <= end:
                found.append((f"{year}-{year + 1}", term, day))
    return found


def _school(w: _Writer, p: _Person) -> None:
    """Enrolled a week or two after arriving (or on the first day of the school year), results of each term that
    ended during her stay, a Mẫu 07 application for the support at home."""
    assert p.age is not None
    rng, end = w.rng, w.end(p)
    enrolled = p.arrived + timedelta(days=rng.randint(6, 14))
    if enrolled.month in (6, 7, 8):  # the summer holidays: the school year opens on 05/09
        enrolled = date(enrolled.year, 9, 5)
    if enrolled >= end:
        return
    level = _level(p.age)
    school, classes = SCHOOLS[level]
    transferred = rng.random() < 0.7
    w.add(SchoolEnrolment, p, enrolled - timedelta(days=1), level=level, school=school, class_name=rng.choice(classes),
          enrolled_on=enrolled, left_on=p.left, records_transferred=transferred,
          records_transferred_on=enrolled + timedelta(days=rng.randint(3, 20)) if transferred else None,
          tuition_exempt=True, books_support=True, support_from=school_year(enrolled),
          school_contact=rng.choice(TEACHERS),
          note=SCHOOL_NOTE if rng.random() < 0.4 else "")  # fmt: skip
    for year, term, day in _term_ends(enrolled, end):
        result = rng.choices(("good", "fair", "passed", "not_passed"), (2, 4, 3, 1))[0]
        if level == "primary":
            result = {"good": "completed_well", "not_passed": "not_completed"}.get(result, "completed")
        w.add(SchoolTermResult, p, day + timedelta(days=rng.randint(1, 5)), school_year=year, term=term, result=result,
              conduct=rng.choice(("good", "good", "fair")), days_absent=rng.choice((0, 0, 1, 2, 4)),
              note=rng.choice(RESULT_NOTES))  # fmt: skip
    if (end - p.arrived).days >= 25 and rng.random() < 0.8:
        _application(w, p, "schooling", "family", p.arrived + timedelta(days=rng.randint(15, 22)))


def _application(w: _Writer, p: _Person, support: str, applicant: str, applied: date) -> None:
    """Written, sent the next working day, decided within the 9 working days — or still waiting (one past it). Only
    from 01/07/2025, when Decree 162/2025 and its Mẫu 07 came into force."""
    work, rng = w.work, w.rng
    sent = work.add(applied, 1)
    if sent >= w.today or applied < DECREE_162:
        return
    due = work.add(sent, DECISION_DAYS)
    decided = work.add(sent, rng.randint(4, DECISION_DAYS))
    values: dict[str, Any] = {"support": support, "applicant": applicant, "applied_on": applied, "sent_on": sent,
                              "complete_on": None, "decision_due_on": due, "outcome": "waiting",
                              "decision_number": "", "decision_on": None, "note": ""}  # fmt: skip
    if decided < w.today and not (due < w.today and p.left is None and not w.late_waiting):
        granted = rng.random() < 0.92
        values |= {"outcome": "granted" if granted else "refused", "decision_on": decided,
                   "decision_number": f"{rng.randint(80, 990)}/QĐ-SYT",
                   "note": "" if granted else NOT_GRANTED}  # fmt: skip
    elif due < w.today:
        w.late_waiting = True
        values["note"] = "Đã gọi điện cho Sở Y tế, hồ sơ đang trình lãnh đạo Sở."
    w.add(SupportApplication, p, applied, **values)


def _training(w: _Writer, p: _Person) -> None:
    """A course of the catalogue that fits her stay; its outcome; for those who finished, counselling and now and
    then a placement."""
    rng, end = w.rng, w.end(p)
    started = p.arrived + timedelta(days=rng.randint(8, 15))
    if started >= end:
        return
    course_id, index = rng.choice(w.courses)
    trade, _level, months, hours, _cost, provider, _contact, _active = COURSES[index]
    finish = started + timedelta(days=30 * months)
    values: dict[str, Any] = {"course_id": course_id, "course": trade, "provider": provider, "started_on": started,
                              "status": "ongoing", "ended_on": None, "certificate_number": "",
                              "certificate_on": None, "note": ""}  # fmt: skip
    if finish <= end and rng.random() < 0.9:
        certified = finish + timedelta(days=rng.randint(3, 10))
        values |= {"status": "completed", "ended_on": finish, "hours_attended": hours - rng.choice((0, 0, 8, 16))}
        if certified < w.today and rng.random() < 0.93:
            values |= {"certificate_number": f"{rng.randint(10, 480)}/CC-{finish.year}", "certificate_on": certified}
    elif finish <= end or p.left is not None:
        stopped = min(started + timedelta(days=rng.randint(10, 40)), end)
        values |= {"status": "dropped", "ended_on": stopped, "hours_attended": hours * (stopped - started).days // 90,
                   "note": DROPPED_HOME if p.left else DROPPED_HERE}  # fmt: skip
    else:
        values["hours_attended"] = hours * (end - started).days // (30 * months)
    w.add(VocationalEnrolment, p, started, **values)
    if (end - p.arrived).days >= 25 and rng.random() < 0.6:
        _application(w, p, "vocational_hardship", "herself", p.arrived + timedelta(days=rng.randint(12, 20)))
    if values["status"] == "completed":
        _job(w, p, finish)


def _job(w: _Writer, p: _Person, finished: date) -> None:
    rng = w.rng
    counselled = finished + timedelta(days=rng.randint(1, 6))
    if counselled > w.end(p):
        return
    w.add(JobSupport, p, counselled, support="counselling", employer="", job="", start_on=None, wage=None,
          loan=rng.random() < 0.2, note=COUNSELLED)  # fmt: skip
    if w.placements < 2 + (p.left is not None) * 3 and rng.random() < 0.5:
        w.placements += 1
        employer, job, wage = rng.choice(EMPLOYERS)
        start = counselled + timedelta(days=rng.randint(5, 20))
        w.add(JobSupport, p, counselled + timedelta(days=2), support="placement", employer=employer, job=job,
              start_on=start, wage=wage, loan=False,
              note="Trung tâm dịch vụ việc làm tỉnh giới thiệu; em ở ký túc xá của nơi làm việc.")  # fmt: skip


def _catalogue(s: Session) -> list[tuple[int, int]]:
    table: Table = VocationalCourse.__table__  # type: ignore[assignment]
    rows = [{"trade": t, "level": lv, "months": m, "hours": h, "cost": c, "provider": p, "provider_contact": ct,
             "note": "" if a else "Ngừng mở từ năm 2019: ít người đăng ký.", "active": a, "version": 1}
            for t, lv, m, h, c, p, ct, a in COURSES]  # fmt: skip
    ids = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    return [(int(i), n) for n, i in enumerate(ids) if COURSES[n][7]]


def fill(s: Session, by: int | None, now: datetime, seed: int = 14) -> SchoolingFigures:
    rng = random.Random(seed)
    courses = _catalogue(s)
    found = s.execute(select(Admission.resident_id, Admission.arrived_at, Admission.discharged_at, Resident.birth_year)
                      .join(Resident, Resident.id == Admission.resident_id).where(Admission.arrived_at <= now)
                      .order_by(Admission.arrived_at, Admission.resident_id)).all()  # fmt: skip
    w = _Writer(rng, by, now, courses, calendar_of(s))
    for rid, arrived, left, born in found:
        day = local_day(arrived)
        if left is not None and rng.random() >= PAST_SHARE:
            continue
        person = _Person(int(rid), day, local_day(left) if left else None, day.year - born if born else None)
        if person.age is None or person.age < 6:
            continue
        if person.age < 18:
            _school(w, person)
        elif rng.random() < 0.7:
            _training(w, person)
    for model, rows in w.rows.items():
        table: Table = model.__table__
        for start in range(0, len(rows), 500):
            s.execute(insert(table), rows[start : start + 500])
    r = w.rows
    certificates = sum(bool(v["certificate_number"]) for v in r[VocationalEnrolment])
    return SchoolingFigures(len(COURSES), len(r[SchoolEnrolment]), len(r[SchoolTermResult]),
                            len(r[SupportApplication]), len(r[VocationalEnrolment]), certificates,
                            len(r[JobSupport]))  # fmt: skip
