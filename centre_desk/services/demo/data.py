"""Demo data, part 1: the weights, places and names the generator draws from, and the plan of stays."""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Any

from centre_desk.models.resident import (
    Channel,
    Sex,
)
from centre_desk.paths import resource
from centre_desk.services.admission_input import (
    ResidentInput,
)
from centre_desk.text import nfc

FIRST_YEAR = 2011
VIETNAM = timezone(timedelta(hours=7))
PROVINCE = "Lai Châu"


class Weights:
    """Keys drawn with their weights (cumulative sums computed once)."""

    def __init__(self, options: Mapping[Any, float]) -> None:
        self.keys = list(options)
        self.cumulative = list(itertools.accumulate(options.values()))

    def draw(self, rng: random.Random) -> Any:
        return self.keys[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True)
class Group:
    code: str
    weight: float
    tongue: str
    religion: Weights
    family: tuple[str, ...]
    middle_female: Weights
    middle_male: Weights
    given_female: tuple[str, ...]
    given_male: tuple[str, ...]
    communes: tuple[str, ...]
    villages: tuple[str, ...]


def nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc_tree(v) for k, v in value.items()}
    return value


@cache
def groups() -> tuple[Group, ...]:
    raw = nfc_tree(json.loads(resource("demo", "people.json").read_text(encoding="utf-8")))
    return tuple(
        Group(
            code=code,
            weight=float(g["weight"]),
            tongue=g["tongue"],
            religion=Weights(g["religion"]),
            family=tuple(g["family"]),
            middle_female=Weights(g["middle_female"]),
            middle_male=Weights(g["middle_male"]),
            given_female=tuple(g["given_female"]),
            given_male=tuple(g["given_male"]),
            communes=tuple(g["communes"]),
            villages=tuple(g["villages"]),
        )
        for code, g in raw["groups"].items()
    )


# Old district (before 01/07/2025) of the current communes formed from one district only.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "Than Uyên": ("Mường Kim", "Khoen On", "Than Uyên", "Mường Than"),
    "Tân Uyên": ("Pắc Ta", "Nậm Sỏ", "Tân Uyên", "Mường Khoa"),
    "Tam Đường": ("Bản Bo", "Bình Lư", "Tả Lèng", "Khun Há"),
    "Phong Thổ": ("Phong Thổ", "Dào San", "Sì Lở Lầu", "Khổng Lào"),
    "Sìn Hồ": ("Tủa Sín Chải", "Sìn Hồ", "Hồng Thu", "Nậm Tăm", "Pu Sam Cáp", "Nậm Cuổi", "Nậm Mạ"),
    "Nậm Nhùn": ("Nậm Hàng", "Mường Mô"),
    "Mường Tè": ("Bum Nưa", "Bum Tở", "Mường Tè", "Thu Lũm", "Pa Ủ", "Mù Cả", "Tà Tổng"),
}
LEGACY_DISTRICT = {commune: district for district, communes in DISTRICTS.items() for commune in communes}
OFFICE_DISTRICT = {
    **{c: f"huyện {d}" for c, d in LEGACY_DISTRICT.items()},
    "Tân Phong": "thành phố Lai Châu", "Đoàn Kết": "thành phố Lai Châu", "Sin Suối Hồ": "huyện Phong Thổ",
    "Lê Lợi": "huyện Nậm Nhùn", "Hua Bum": "huyện Nậm Nhùn", "Pa Tần": "huyện Sìn Hồ",
}  # fmt: skip

CHANNELS_BEFORE = Weights({
    Channel.DISTRICT_LABOUR_OFFICE: 34, Channel.BORDER_GUARD: 22, Channel.POLICE: 12, Channel.CENTRE_TEAM: 10,
    Channel.OTHER_PROVINCE_CENTRE: 10, Channel.SELF_REFERRAL: 6, Channel.NGO: 6,
})  # fmt: skip
CHANNELS_AFTER = Weights({
    Channel.COMMUNE_AUTHORITY: 28, Channel.BORDER_GUARD: 22, Channel.PROVINCIAL_POLICE: 12,
    Channel.HEALTH_DEPARTMENT: 8, Channel.CENTRE_TEAM: 10, Channel.OTHER_PROVINCE_CENTRE: 8, Channel.POLICE: 6,
    Channel.SELF_REFERRAL: 3, Channel.NGO: 3,
})  # fmt: skip
BORDER_POSTS = (
    "Đồn Biên phòng Cửa khẩu Ma Lù Thàng", "Đồn Biên phòng Dào San", "Đồn Biên phòng Pa Vây Sử",
    "Đồn Biên phòng Vàng Ma Chải", "Đồn Biên phòng Sì Lở Lầu", "Đồn Biên phòng Mù Cả", "Đồn Biên phòng Ka Lăng",
    "Đồn Biên phòng Thu Lũm", "Đồn Biên phòng Huổi Luông",
)  # fmt: skip
OTHER_CENTRES = (
    "Trung tâm Công tác xã hội tỉnh Lào Cai", "Trung tâm Công tác xã hội tỉnh Lạng Sơn",
    "Trung tâm Công tác xã hội tỉnh Quảng Ninh", "Trung tâm Công tác xã hội tỉnh Cao Bằng",
    "Trung tâm Công tác xã hội tỉnh Điện Biên",
)  # fmt: skip
NGOS = ("Tổ chức Rồng Xanh (Blue Dragon)", "Ngôi nhà Bình Yên - Trung tâm Phụ nữ và Phát triển")
CHINA_PLACES = Weights({
    "Hà Khẩu, Vân Nam": 12, "Kim Bình, Vân Nam": 10, "Kim Thủy Hà, Vân Nam": 8, "Mông Tự, Vân Nam": 6,
    "Văn Sơn, Vân Nam": 5, "Côn Minh, Vân Nam": 5, "Quảng Tây": 8, "Nam Ninh, Quảng Tây": 5,
    "Bằng Tường, Quảng Tây": 4, "Hà Nam": 8, "Sơn Đông": 8, "An Huy": 6, "Giang Tô": 5, "Hồ Nam": 4,
    "Phúc Kiến": 3, "Chiết Giang": 3, "Quảng Đông": 5, "Hà Bắc": 4,
})  # fmt: skip
INLAND_PLACES = ("Hà Nội", "Thành phố Hồ Chí Minh", "Bắc Ninh", "Quảng Ninh", "Hải Phòng")
GATES = Weights({
    "Cửa khẩu Ma Lù Thàng": 34, "Cửa khẩu Quốc tế Lào Cai": 26, "Cửa khẩu Quốc tế Hữu Nghị": 12,
    "Cửa khẩu Thanh Thủy": 8, "Cửa khẩu Quốc tế Móng Cái": 8, "Cửa khẩu Tà Lùng": 4, "": 8,
})  # fmt: skip
TYPES_FEMALE = Weights({
    ("forced_marriage",): 50, ("forced_marriage", "forced_childbirth"): 8, ("forced_marriage", "domestic_servitude"): 6,
    ("sexual_exploitation",): 16, ("forced_labour",): 10, ("forced_childbirth",): 6, ("domestic_servitude",): 4,
})  # fmt: skip
TYPES_MALE = Weights({("forced_labour",): 85, ("forced_criminality",): 8, ("other",): 7})
CONTROL = {
    "false_promises": 70, "restricts_movement": 45, "withholds_documents": 35, "isolation": 35,
    "language_barrier": 30, "threats": 25, "physical_abuse": 15, "psychological_abuse": 15, "debt_bondage": 10,
    "takes_earnings": 10, "sexual_abuse": 10, "withholds_necessities": 5,
}  # fmt: skip
RECRUITERS = Weights({
    "acquaintance": 28, "online_contact": 18, "stranger": 14, "intimate_partner": 12, "friend": 10, "family": 6,
    "broker": 6, "": 6,
})  # fmt: skip
HOW_FREED = Weights({
    "returned_foreign": 38, "escaped": 20, "rescued_vietnam": 16, "family_helped": 10, "self_reported": 7,
    "ngo_helped": 5, "released": 4,
})  # fmt: skip
OTHER_NAMES = (
    "A Mai", "A Hoa", "A Lan", "Tiểu Mỹ", "Tiểu Hồng", "Lý Mỹ Linh", "Vương Lệ Hoa", "Trương Tiểu Yến",
    "Lưu Xuân Mai", "Hoàng Mỹ Phương",
)  # fmt: skip
BELONGINGS = (
    ("Điện thoại di động", 1, 1, ("Cũ, màn hình bị nứt", "Còn dùng được", "Hết pin, không có sạc")),
    ("Quần áo (bộ)", 2, 6, ("Đã qua sử dụng", "Cũ")),
    ("Giấy khai sinh (bản sao)", 1, 1, ("Rách mép", "Còn nguyên")),
    ("Thẻ SIM Trung Quốc", 1, 2, ("",)),
    ("Vòng tay bạc", 1, 2, ("Cũ",)),
    ("Khuyên tai bạc", 2, 2, ("",)),
    ("Ba lô", 1, 1, ("Cũ, rách quai", "Còn dùng được")),
    ("Túi xách", 1, 1, ("Cũ",)),
    ("Giấy tờ viết bằng tiếng Trung Quốc", 1, 3, ("Chưa rõ nội dung",)),
    ("Sổ tay ghi số điện thoại", 1, 1, ("",)),
)
CONDITIONS = (
    "Sức khỏe yếu, suy dinh dưỡng nhẹ.", "Mệt mỏi, mất ngủ, hay lo âu.", "Có vết bầm tím ở tay và lưng.",
    "Sốt nhẹ, ho.", "Hoảng sợ, ít nói.",
)  # fmt: skip
NEEDS = (
    "Quần áo, đồ dùng cá nhân.", "Liên lạc với gia đình.", "Khám sức khỏe tổng quát.", "Tư vấn tâm lý.",
    "Làm lại giấy tờ tùy thân.",
)  # fmt: skip
MOBILE = ("096", "097", "098", "086", "091", "094", "088", "083", "084", "035", "036", "038", "039", "032", "033")
RANKS = ("Thiếu úy", "Trung úy", "Thượng úy", "Đại úy", "Thiếu tá")
GUARDIANS = Weights({"Bố": 50, "Mẹ": 35, "Ông nội": 5, "Bà ngoại": 3, "Anh trai": 4, "Chị gái": 3})
FREED_INLAND = Weights({"rescued_vietnam": 50, "escaped": 30, "family_helped": 20})
ISSUERS = Weights({"police": 40, "border_guard": 45, "foreign_authority": 10, "rescuing_agency": 5})
NO_CONSENT_BASIS = "Điều 17 Nghị định 13/2023/NĐ-CP: bảo vệ tính mạng, sức khỏe của chủ thể dữ liệu"


# --- planning: who arrives when --------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Stay:
    arrived: datetime  # aware, Vietnam time
    discharged: datetime | None
    first: Stay | None = None  # the earlier stay of a readmission
    readmitted: bool = False
    code: str = ""
    person: ResidentInput | None = None  # kept on first stays that are readmitted later
    resident_id: int | None = None
    admission_id: int | None = None
    sex: Sex | None = None  # set by the lodging plan (lodging.settle) for who is in the centre now
    born: date | None = None  # likewise: her birth date, so that she fits the room kept for her


def weighted(rng: random.Random, weights: Weights) -> Any:
    return weights.draw(rng)


def arrival(rng: random.Random, now: datetime) -> datetime:
    last_day = now.astimezone(VIETNAM).date() - timedelta(days=1)
    years = list(range(FIRST_YEAR, last_day.year + 1))
    weights = [1 + (y - FIRST_YEAR) * 0.5 for y in years]
    weights[-1] *= (last_day.timetuple().tm_yday) / 366
    year = rng.choices(years, weights=weights)[0]
    start = date(year, 1, 1)
    span = (min(date(year, 12, 31), last_day) - start).days
    day = start + timedelta(days=rng.randint(0, span))
    hour = rng.randint(18, 22) if rng.random() < 0.1 else rng.randint(7, 16)
    return datetime(day.year, day.month, day.day, hour, rng.randrange(0, 60, 5), tzinfo=VIETNAM)


def discharge(rng: random.Random, arrived: datetime, now: datetime) -> datetime | None:
    old = (now - arrived).days > 730
    if rng.random() >= (0.8 if old else 0.4):
        return None
    r = rng.random()
    days = rng.randint(7, 45) if r < 0.7 else rng.randint(46, 120) if r < 0.95 else rng.randint(121, 365)
    day = arrived.date() + timedelta(days=days)
    out = datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randrange(0, 60, 5), tzinfo=VIETNAM)
    return out if out < now else None


def plan(rng: random.Random, count: int, now: datetime) -> list[Stay]:
    readmissions = count // 20
    stays = [arrival_stay(rng, now) for _ in range(count - readmissions)]
    latest = now - timedelta(days=31)
    candidates = [s for s in stays if s.discharged is not None and s.discharged < latest]
    chosen = rng.sample(candidates, min(readmissions, len(candidates)))
    for first in chosen:
        assert first.discharged is not None
        gap = (now - first.discharged).days - 2
        arrived = first.discharged + timedelta(days=rng.randint(30, max(30, min(gap, 1500))))
        arrived = arrived.replace(hour=rng.randint(7, 16), minute=rng.randrange(0, 60, 5))
        first.readmitted = True
        stays.append(Stay(arrived, discharge(rng, arrived, now), first=first))
    stays += [arrival_stay(rng, now) for _ in range(readmissions - len(chosen))]
    stays.sort(key=lambda s: s.arrived)
    return stays


def arrival_stay(rng: random.Random, now: datetime) -> Stay:
    arrived = arrival(rng, now)
    return Stay(arrived, discharge(rng, arrived, now))


# --- making one admission ------------------------------------------------------------------------------------------
