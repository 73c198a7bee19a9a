"""A realistic health summary as the paper receives it: a Mông woman of 24 from Tả Lèng leaving after six months,
with an intake check, vitals, two medicines running, a referral with a follow-up, one NEWS2 alert and, in the
sensitive part, tests, a pregnancy follow-up and a restricted medicine."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from centre_desk.reports.health import HealthPaper
from centre_desk.reports.paper_inputs import CentreHeader, Home
from centre_desk.services.health.summary import (
    HealthSummary,
    IntakeCheck,
    Medication,
    Observation,
    ReferralLine,
    ReproductiveLine,
    SensitiveHealth,
    SummaryPerson,
    TestLine,
    Vitals,
)

CENTRE = CentreHeader(
    centre_name="Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu",
    parent_agency="Sở Y tế tỉnh Lai Châu",
    place_name="Lai Châu",
    director_name="Mai Văn Tùng",
    director_title="Giám đốc",
    abbreviation="CSBTXH",
)
DAY = datetime.date(2026, 11, 20)
PERSON = SummaryPerson(
    code="LC-2026-0007", full_name="Lò Thị Mai", sex="Nữ", ethnic_group="Mông", birth_year=2002,
    home=Home("Sì Thâu Chải", "xã Tả Lèng", "tỉnh Lai Châu"),
)  # fmt: skip
SENSITIVE = SensitiveHealth(
    tests=(
        TestLine(datetime.date(2026, 5, 4), "HIV", "Âm tính", datetime.date(2026, 5, 6), counselled=True),
        TestLine(datetime.date(2026, 5, 4), "Giang mai", "Dương tính", datetime.date(2026, 5, 6), counselled=True),
        TestLine(datetime.date(2026, 5, 4), "Thử thai", "Dương tính", datetime.date(2026, 5, 4)),
    ),
    reproductive=(
        ReproductiveLine(
            datetime.date(2026, 5, 12),
            "Khám thai",
            "Có thai",
            10,
            datetime.date(2026, 11, 28),
            "Thai phát triển bình thường, đã tiêm phòng uốn ván mũi 1.",
        ),
    ),
    medications=(
        Medication(
            "Benzathin penicilin G",
            "2,4 triệu đơn vị",
            "1 lọ",
            "tiêm bắp",
            "tuần 1 lần",
            datetime.date(2026, 11, 6),
            datetime.date(2026, 11, 27),
            "điều trị giang mai",
        ),
    ),
)


def summary(sensitive: bool = False) -> HealthSummary:
    return HealthSummary(
        person=PERSON,
        admitted_on=datetime.date(2026, 5, 2),
        left_on=DAY,
        as_of=DAY,
        intake=IntakeCheck(
            checked_on=datetime.date(2026, 5, 2),
            allergies="Penicilin (nổi mẩn)",
            chronic_conditions="",
            disability="",
            current_medicines="Không",
            insurance="card",
            insurance_number="DN4121234567890",
            insurance_place="Trạm Y tế xã Tả Lèng",
            insurance_expiry=datetime.date(2026, 12, 31),
        ),
        vitals=Vitals(
            taken_at=datetime.datetime(2026, 11, 19, 7, 30),
            temperature=Decimal("36.8"),
            pulse=82,
            systolic=110,
            diastolic=70,
            resp_rate=18,
            spo2=98,
            weight_kg=Decimal("48.5"),
            height_cm=Decimal("152.0"),
            bmi=Decimal("21.0"),
            bmi_category="bình thường",
        ),
        medications=(
            Medication(
                "Sắt (II) fumarat + acid folic",
                "162 mg + 0,75 mg",
                "1 viên",
                "uống",
                "ngày 1 lần",
                datetime.date(2026, 6, 1),
                None,
                "bổ sung khi mang thai",
            ),
            Medication(
                "Paracetamol",
                "500 mg",
                "1 viên",
                "uống",
                "khi cần",
                datetime.date(2026, 11, 14),
                datetime.date(2026, 11, 24),
                "đau đầu, sốt trên 38,5 °C",
            ),
        ),
        referrals=(
            ReferralLine(
                datetime.date(2026, 6, 10),
                "Bệnh viện Đa khoa tỉnh Lai Châu",
                "đau bụng dưới, sốt",
                urgent=True,
                returned_on=datetime.date(2026, 6, 12),
                result="Viêm đường tiết niệu, đã điều trị ổn định",
                closed=True,
            ),
            ReferralLine(
                datetime.date(2026, 11, 15),
                "Bệnh viện Đa khoa tỉnh Lai Châu",
                "Khám răng hàm mặt",
                returned_on=datetime.date(2026, 11, 15),
                result="Sâu răng hàm dưới, đã hàn 1 răng",
                follow_up_on=datetime.date(2026, 12, 15),
            ),
        ),
        observations=(
            Observation(
                datetime.datetime(2026, 11, 13, 21, 15),
                "Sốt 38,9 °C, đau đầu; đã cho hạ sốt, theo dõi mỗi 4 giờ, sáng hôm sau hết sốt.",
                news2=5,
                alert=True,
                notify_manager=True,
                evolution="xấu hơn",
            ),
        ),
        sensitive=SENSITIVE if sensitive else None,
    )


def paper(sensitive: bool = False, number: str = "5", day: datetime.date = DAY) -> HealthPaper:
    return HealthPaper(CENTRE, summary(sensitive), day, number)


def bare(day: datetime.date = datetime.date(2025, 6, 20)) -> HealthPaper:
    """Nothing recorded but the person: before the 2025 law, no commune, unnumbered."""
    person = dataclasses.replace(PERSON, home=Home(province="tỉnh Lai Châu"), birth_year=2010)
    empty = HealthSummary(person=person, admitted_on=datetime.date(2025, 6, 1), left_on=None, as_of=day)
    return HealthPaper(dataclasses.replace(CENTRE, director_title="Phó Giám đốc"), empty, day)
