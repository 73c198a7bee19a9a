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
    officer_title: str = ""
    number: str = ""  # "" = left blank for the clerk


KINDS = ("admission-record", "admission-decision", "belongings-receipt")
