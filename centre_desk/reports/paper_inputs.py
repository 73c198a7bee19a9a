"""The input of the admission papers: plain frozen data, every label already in Vietnamese."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CentreHeader:
    """The centre as its documents name it (settings valid on the admission date)."""

    centre_name: str
    parent_agency: str = ""
    place_name: str = ""
    address: str = ""
    director_name: str = ""
    director_title: str = ""  # "GIÁM ĐỐC", or "PHÓ GIÁM ĐỐC" (signs "KT. GIÁM ĐỐC")
    abbreviation: str = ""  # the document symbol's issuer part, e.g. "CSBTXH"
    founding_decision: str = ""  # "Quyết định số … của Ủy ban nhân dân tỉnh … về việc thành lập …"
    proposing_unit: str = ""  # who proposes a decision: "Trưởng phòng Công tác xã hội"


@dataclass(frozen=True, slots=True)
class Home:
    village: str = ""
    commune: str = ""  # with its kind when known: "xã Tả Lèng", "phường Tân Phong"
    province: str = ""
    legacy_district: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    full_name: str
    sex: str  # "Nữ", "Nam", "Khác"
    ethnic_group: str
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    estimated_age: int | None = None
    other_names: str = ""
    nationality: str = "Việt Nam"
    id_paper: str = ""  # "Căn cước công dân", "Hộ chiếu", … ("" = none)
    id_number: str = ""
    home: Home = Home()
    guardian_name: str = ""
    guardian_relation: str = ""
    guardian_phone: str = ""
    school_name: str = ""  # a pupil or student at the time
    school_grade: str = ""
    code: str = ""  # the centre's file code, e.g. LC-2026-0007


@dataclass(frozen=True, slots=True)
class StatusDocument:
    issuer: str
    number: str
    date: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class AdmissionFacts:
    arrived_at: datetime.datetime  # local time
    channel: str  # label: "Bộ đội Biên phòng bàn giao"
    status: str  # "nạn nhân bị mua bán" / "người đang trong quá trình xác định là nạn nhân"
    referring_agency: str = ""
    referring_officer: str = ""
    referring_phone: str = ""
    status_document: StatusDocument | None = None
    documents: tuple[str, ...] = ()  # labels of the papers received
    condition: str = ""  # initial health and state, urgent needs
    interpreter_needed: bool = False
    interpreter_language: str = ""
    entitlements: tuple[str, ...] = ()  # Law 53/2024 Art. 37 categories, as labels
    self_referral: bool = False  # came of their own accord: nobody hands the person over


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    quantity: int = 1
    condition: str = ""


@dataclass(frozen=True, slots=True)
class Safekeeping:
    items: tuple[Item, ...] = ()
    money_vnd: int = 0
    money_other: str = ""  # "500 nhân dân tệ"


@dataclass(frozen=True, slots=True)
class AdmissionPaper:
    centre: CentreHeader
    person: Person
    admission: AdmissionFacts
    safekeeping: Safekeeping = Safekeeping()
    officer_name: str = ""  # the receiving officer
    officer_title: str = ""  # the officer's job title: "Nhân viên công tác xã hội"
    number: str = ""  # the number from the outgoing-document register; "" = not issued (blank)


KINDS = ("admission-record", "admission-decision", "belongings-receipt")
# The papers that take a number from the outgoing-document register, with their type abbreviation
# (Decree 30/2020, Phụ lục III: QĐ quyết định, BB biên bản). The belongings receipt is not among them: it
# is a receipt handed to the person, not an administrative document sent out, and Phụ lục III has no
# type for it; it carries the resident's file code instead.
REGISTERED: dict[str, str] = {"admission-decision": "QĐ", "admission-record": "BB"}
