"""Demo data, part 2: one invented person and stay, as the admission wizard would have collected it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from centre_desk.models.resident import (
    Channel,
    IdDocument,
    Sex,
    VictimStatus,
)
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import (
    LOCAL_GOVERNMENT_REFORM,
    AdmissionInput,
    BelongingInput,
    ConsentInput,
    ContactInput,
    ResidentInput,
    age_on,
)
from centre_desk.services.demo.data import (
    BELONGINGS,
    BORDER_POSTS,
    CHANNELS_AFTER,
    CHANNELS_BEFORE,
    CHINA_PLACES,
    CONDITIONS,
    CONTROL,
    FREED_INLAND,
    GATES,
    GUARDIANS,
    HOW_FREED,
    INLAND_PLACES,
    ISSUERS,
    LEGACY_DISTRICT,
    MOBILE,
    NEEDS,
    NGOS,
    NO_CONSENT_BASIS,
    OFFICE_DISTRICT,
    OTHER_CENTRES,
    OTHER_NAMES,
    PROVINCE,
    RANKS,
    RECRUITERS,
    TYPES_FEMALE,
    TYPES_MALE,
    VIETNAM,
    Group,
    Stay,
    groups,
    weighted,
)


class Maker:
    """Turns a planned stay into the AdmissionInput the wizard would have collected."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.rng = rng
        self.groups = groups()
        self.weights = [g.weight for g in self.groups]
        self.by_code = {g.code: g for g in self.groups}
        self.communes = sorted({c for g in self.groups for c in g.communes})
        # The search tests look for these two; they are planted among the first stays.
        self.planted = ["Nguyễn Thị Hường", "Đặng Đức Độ"] if count >= 50 else []

    def phone(self) -> str:
        r = self.rng
        return f"{r.choice(MOBILE)}{r.randint(0, 9)} {r.randint(0, 999):03d} {r.randint(0, 999):03d}"

    def name(self, g: Group, sex: Sex, family: str | None = None) -> str:
        r = self.rng
        female = sex is Sex.FEMALE
        middle = weighted(r, g.middle_female if female else g.middle_male)
        given = r.choice(g.given_female if female else g.given_male)
        while given == middle:
            given = r.choice(g.given_female if female else g.given_male)
        return " ".join(w for w in (family or r.choice(g.family), middle, given) if w)

    def person(self, stay: Stay) -> ResidentInput:
        r = self.rng
        day = stay.arrived.date()
        planted = self.planted.pop(0) if self.planted else None
        if planted is not None:
            g = self.by_code["01"]
            sex = Sex.FEMALE if "Thị" in planted else Sex.MALE
        else:
            g = r.choices(self.groups, weights=self.weights)[0]
            sex = Sex.FEMALE if r.random() < 0.9 else Sex.MALE
            sex = stay.sex or sex
        full_name = planted or self.name(g, sex)
        family = full_name.split()[0]
        a = r.random()
        if sex is Sex.FEMALE:
            age = r.randint(7, 12) if a < 0.04 else r.randint(13, 17) if a < 0.46 else r.randint(18, 30)
            age = r.randint(31, 45) if a >= 0.9 else age
        else:
            age = r.randint(14, 17) if a < 0.3 else r.randint(18, 35)
        birth: dict[str, Any] = {}
        p = r.random()
        if stay.born is not None:  # the lodging plan chose her birth date (the draws above are made all the same)
            age = day.year - stay.born.year - ((day.month, day.day) < (stay.born.month, stay.born.day))
            birth["birth_date"] = stay.born
        elif p < 0.6:
            try:
                anniversary = day.replace(year=day.year - age)
            except ValueError:  # 29 February
                anniversary = day.replace(year=day.year - age, day=28)
            birth["birth_date"] = anniversary - timedelta(days=r.randint(1, 364))
        elif p < 0.9:
            birth["birth_year"] = day.year - age
        else:
            birth["estimated_age"] = age
        commune = r.choice(g.communes) if r.random() < 0.75 else r.choice(self.communes)
        village = r.choice(g.villages)
        village = village if village.startswith(("Tổ ", "Khu ", "Thôn ")) else f"Bản {village}"
        guardian = self.guardian(g, family) if age < 18 else ("", "", "")
        while guardian[0] == full_name:
            guardian = self.guardian(g, family)
        born = birth.get("birth_date")
        year = born.year if born else birth.get("birth_year", day.year - age)
        id_doc, id_number = self.identity(age, sex, year)
        kinh = g.code == "01"
        reads = True if kinh or age < 18 or r.random() < 0.6 else (None if r.random() < 0.4 else False)
        other = "" if r.random() >= 0.12 else r.choice(OTHER_NAMES)
        return ResidentInput(
            full_name=full_name, sex=sex, ethnic_code=g.code, **birth, other_names=other, id_document=id_doc,
            id_number=id_number, mother_tongue=g.tongue, reads_vietnamese=reads,
            interpreter_needed=reads is False and r.random() < 0.6, religion=weighted(r, g.religion),
            home_province=PROVINCE, home_commune=commune, home_village=village,
            guardian_name=guardian[0], guardian_relation=guardian[1], guardian_phone=guardian[2],
            **self.schooling(age, commune),
        )  # fmt: skip

    def guardian(self, g: Group, family: str) -> tuple[str, str, str]:
        r = self.rng
        relation = weighted(r, GUARDIANS)
        if relation in ("Bố", "Ông nội", "Anh trai"):
            name = self.name(g, Sex.MALE, family)
        elif relation == "Chị gái":
            name = self.name(g, Sex.FEMALE, family)
        else:
            name = self.name(g, Sex.FEMALE)
        return name, relation, self.phone() if r.random() < 0.85 else ""

    def identity(self, age: int, sex: Sex, year: int) -> tuple[IdDocument, str]:
        r = self.rng
        if age >= 14:
            p = r.random()
            if p < 0.55:
                century = 0 if year < 2000 else 2
                digit = century + (1 if sex is Sex.FEMALE else 0)
                return IdDocument.CCCD, f"012{digit}{year % 100:02d}{r.randint(0, 999_999):06d}"
            if p < 0.57:
                return IdDocument.PASSPORT, f"{r.choice('CKP')}{r.randint(0, 9_999_999):07d}"
            return IdDocument.NONE, ""
        return (IdDocument.BIRTH_CERTIFICATE, "") if r.random() < 0.6 else (IdDocument.NONE, "")

    def schooling(self, age: int, commune: str) -> dict[str, Any]:
        r = self.rng
        if age < 18 and r.random() < 0.6:
            grade = max(1, min(12, age - 5 - r.choice((0, 0, 1, 1, 2))))
            if grade <= 5:
                school = f"Trường PTDTBT Tiểu học {commune}"
            elif grade <= 9:
                school = f"Trường PTDTBT THCS {commune}"
            else:
                school = r.choice((f"Trường THPT {commune}", "Trường Phổ thông Dân tộc nội trú tỉnh Lai Châu"))
            return {"is_pupil": True, "school_name": school, "school_grade": f"Lớp {grade}"}
        if 18 <= age <= 22 and r.random() < 0.12:
            school = r.choice(("Trường Cao đẳng Lai Châu", "Trường Đại học Tây Bắc"))
            year = r.choice(("Năm thứ nhất", "Năm thứ hai", "Năm thứ ba"))
            return {"is_pupil": True, "school_name": school, "school_grade": year}
        return {}

    def again(self, first: ResidentInput, first_arrived: datetime) -> ResidentInput:
        """The same person arriving again: same name, birth year and home; school is over."""
        person = replace(first, is_pupil=False, school_name="", school_grade="", school_stopped_on=None)
        if first.estimated_age is not None:  # what the first stay stored as the birth year
            person = replace(person, estimated_age=None, birth_year=first_arrived.year - first.estimated_age)
        return person

    def admission(self, stay: Stay, now: datetime) -> AdmissionInput:
        r = self.rng
        day = stay.arrived.date()
        if stay.first is not None:
            assert stay.first.person is not None
            person = self.again(stay.first.person, stay.first.arrived.astimezone(UTC))
        else:
            person = self.person(stay)
        age = age_on(person, day)
        assert age is not None
        female = person.sex is Sex.FEMALE
        returned = day - timedelta(days=r.choice((0, 0, 1, 1, 2, 3, 5, 7, 10)))
        q = r.random()
        length = r.randint(20, 365) if q < 0.7 else r.randint(366, 1460) if q < 0.9 else r.randint(1461, 3000)
        longest = 365 if person.is_pupil else 700 if age < 18 else max(30, (age - 12) * 365)
        left = returned - timedelta(days=min(length, longest))
        if stay.first is not None and stay.first.discharged is not None:
            left = min(returned, max(left, stay.first.discharged.date() + timedelta(days=1)))
        if person.is_pupil:
            person = replace(person, school_stopped_on=left)
        if left < LOCAL_GOVERNMENT_REFORM and not person.legacy_district:
            person = replace(person, legacy_district=LEGACY_DISTRICT.get(person.home_commune, ""))
        where = r.random()
        if where < 0.04:
            country, place, gate = "Việt Nam", r.choice(INLAND_PLACES), ""
            how = weighted(r, FREED_INLAND)
        elif where < 0.07:
            country, place, gate = "Lào", r.choice(("Phông Sa Lỳ", "Luông Nậm Thà")), "Cửa khẩu Quốc tế Tây Trang"
            how = weighted(r, HOW_FREED)
        else:
            country, place, gate = "Trung Quốc", weighted(r, CHINA_PLACES), weighted(r, GATES)
            how = weighted(r, HOW_FREED)
        channel = weighted(r, CHANNELS_BEFORE if day < LOCAL_GOVERNMENT_REFORM else CHANNELS_AFTER)
        if country == "Việt Nam" and channel in (Channel.BORDER_GUARD, Channel.OTHER_PROVINCE_CENTRE):
            channel = Channel.POLICE
        if channel is Channel.BORDER_GUARD and country == "Trung Quốc":
            gate = r.choice(("Cửa khẩu Ma Lù Thàng", ""))
        agency, officer, phone = self.referral(channel, person.home_commune, gate, day)
        status = self.status(country, agency, returned, now)
        types = weighted(r, TYPES_FEMALE if female else TYPES_MALE)
        control = {m for m, w in CONTROL.items() if r.random() * 100 < w} or {"false_promises"}
        confirmed = status["victim_status"] is VictimStatus.CONFIRMED
        docs = set() if channel in (Channel.SELF_REFERRAL, Channel.CENTRE_TEAM) else {"handover_record"}
        docs |= {"declaration"} if r.random() < 0.7 else set()
        docs |= {"identity_copy"} if person.id_document is not IdDocument.NONE and r.random() < 0.7 else set()
        docs |= {"victim_certificate"} if confirmed and status["status_date"] <= day else set()
        docs |= {"district_request"} if channel is Channel.DISTRICT_LABOUR_OFFICE else set()
        docs |= {"commune_request"} if channel is Channel.COMMUNE_AUTHORITY else set()
        docs |= {"repatriation_papers"} if how == "returned_foreign" else set()
        docs |= {"emergency_minutes"} if r.random() < 0.1 else set()
        injured, medical = r.random() < 0.08, r.random() < 0.12
        return AdmissionInput(
            resident=person, arrived_at=stay.arrived, channel=channel, referring_agency=agency,
            referring_officer=officer, referring_phone=phone, documents_received=frozenset(docs),
            exploitation_country=country, exploitation_place=place, exploitation_types=frozenset(types),
            control_means=frozenset(control), recruiter_relation=weighted(r, RECRUITERS),
            left_home_on=left if r.random() < 0.9 or person.is_pupil else None, returned_on=returned,
            border_gate=gate, how_freed=how,
            injured=injured, needs_medical_now=medical,
            condition_note=r.choice(CONDITIONS) if injured or medical or r.random() < 0.2 else "",
            urgent_needs=" ".join(r.sample(NEEDS, r.randint(1, 2))) if r.random() < 0.4 else "",
            pregnancy_suspected=female and age >= 18 and "forced_marriage" in types and r.random() < 0.06,
            money_vnd=r.randint(5, 200) * 10_000 if r.random() < 0.25 else 0,
            money_other=f"{r.choice((50, 100, 200, 500, 1000))} nhân dân tệ"
            if country == "Trung Quốc" and r.random() < 0.1 else "",
            contacts=self.contacts(person, age), consents=self.consents(person, age, day, now),
            belongings=self.belongings(person), **status,
        )  # fmt: skip

    def referral(self, channel: Channel, commune: str, gate: str, day: date) -> tuple[str, str, str]:
        r = self.rng
        unit = f"phường {commune}" if commune in ("Tân Phong", "Đoàn Kết") else f"xã {commune}"
        district = OFFICE_DISTRICT.get(commune, "huyện Phong Thổ")
        before = day < LOCAL_GOVERNMENT_REFORM
        if channel in (Channel.SELF_REFERRAL, Channel.CENTRE_TEAM):
            return "", "", ""
        agency = {
            Channel.DISTRICT_LABOUR_OFFICE: f"Phòng Lao động - Thương binh và Xã hội {district}",
            Channel.COMMUNE_AUTHORITY: f"Ủy ban nhân dân {unit}",
            Channel.HEALTH_DEPARTMENT: "Sở Y tế tỉnh Lai Châu",
            Channel.PROVINCIAL_POLICE: "Công an tỉnh Lai Châu",
            Channel.BORDER_GUARD: f"Đồn Biên phòng {gate}"
            if gate == "Cửa khẩu Ma Lù Thàng"
            else r.choice(BORDER_POSTS[1:]),
            Channel.POLICE: f"Công an {district}" if before else f"Công an {unit}",
            Channel.NGO: r.choice(NGOS),
        }.get(channel) or centre_for_gate(gate, before, r)
        uniformed = channel in (Channel.BORDER_GUARD, Channel.POLICE, Channel.PROVINCIAL_POLICE)
        g = self.by_code[r.choice(("01", "01", "03"))]
        officer = self.name(g, Sex.MALE if uniformed or r.random() < 0.5 else Sex.FEMALE)
        if uniformed:
            officer = f"{r.choice(RANKS)} {officer}"
        return agency, officer, self.phone() if r.random() < 0.8 else ""

    def status(self, country: str, agency: str, returned: date, now: datetime) -> dict[str, Any]:
        r = self.rng
        if r.random() >= 0.8:
            return {"victim_status": VictimStatus.UNDER_IDENTIFICATION}
        kind = weighted(r, ISSUERS)
        if kind == "foreign_authority" and country != "Trung Quốc":
            kind = "police"
        issuer, suffix = {
            "police": (r.choice(("Công an tỉnh Lai Châu", "Cơ quan Cảnh sát điều tra Công an tỉnh Lai Châu")), "PC02"),
            "border_guard": ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu", "BĐBP"),
            "foreign_authority": ("Công an tỉnh Vân Nam, Trung Quốc (giấy tờ đã hợp pháp hóa lãnh sự)", "VN"),
            "rescuing_agency": (agency or "Công an tỉnh Lai Châu", "XN"),
        }[kind]
        on = min(returned + timedelta(days=r.randint(0, 20)), now.astimezone(VIETNAM).date())
        return {
            "victim_status": VictimStatus.CONFIRMED, "status_issuer_kind": kind, "status_issuer": issuer,
            "status_number": f"{r.randint(1, 320)}/GXN-{suffix}", "status_date": on,
        }  # fmt: skip

    def contacts(self, person: ResidentInput, age: int) -> tuple[ContactInput, ...]:
        r = self.rng
        if r.random() >= 0.6:
            return ()
        g = self.by_code[person.ethnic_code]
        family = person.full_name.split()[0]
        head = "Trưởng bản" if person.home_village.startswith("Bản ") else "Trưởng thôn"
        if person.home_village.startswith(("Tổ ", "Khu ")):
            head = "Tổ trưởng tổ dân phố"
        kinds = ["Mẹ", "Bố", "Anh trai", "Chị gái", head] + (["Chồng"] if age >= 18 else [])
        kinds = [k for k in kinds if k != person.guardian_relation]
        address = f"{person.home_village}, {'phường' if person.home_commune in ('Tân Phong', 'Đoàn Kết') else 'xã'} "
        address += f"{person.home_commune}, tỉnh {PROVINCE}"
        out = []
        for relation in r.sample(kinds, r.randint(1, 2)):
            if relation in ("Bố", "Anh trai"):
                name = self.name(g, Sex.MALE, family)
            elif relation == "Chị gái":
                name = self.name(g, Sex.FEMALE, family)
            elif relation == "Mẹ":
                name = self.name(g, Sex.FEMALE)
            else:
                name = self.name(g, Sex.MALE)
            if name == person.full_name or name == person.guardian_name:
                continue
            out.append(ContactInput(name, relation, self.phone() if r.random() < 0.75 else "", address))
        return tuple(out)

    def consents(self, person: ResidentInput, age: int, day: date, now: datetime) -> tuple[ConsentInput, ...]:
        r = self.rng
        today = now.astimezone(VIETNAM).date()
        by = person.full_name if age >= 16 or not person.guardian_name else person.guardian_name
        kind = terms.ConsentKind
        if r.random() < 0.05:
            return (ConsentInput(kind.PROCESSING, False, day, legal_basis=NO_CONSENT_BASIS),)
        out = [ConsentInput(kind.PROCESSING, True, day, by)]
        if 7 <= age <= 15:
            out += [
                ConsentInput(kind.CHILD_ASSENT, True, day, person.full_name),
                ConsentInput(kind.GUARDIAN_CONSENT, True, day, person.guardian_name),
            ]
        later = min(day + timedelta(days=r.randint(0, 3)), today)
        if r.random() < 0.5:
            out.append(ConsentInput(kind.PHOTO, r.random() < 0.7, later, by))
        if r.random() < 0.6:
            out.append(ConsentInput(kind.SHARING, True, later, by))
        return tuple(out)

    def belongings(self, person: ResidentInput) -> tuple[BelongingInput, ...]:
        r = self.rng
        if r.random() >= 0.45:
            return ()
        items = [
            BelongingInput(item, r.randint(low, high), r.choice(conditions))
            for item, low, high, conditions in r.sample(BELONGINGS, r.randint(1, 4))
        ]
        if person.id_document is IdDocument.CCCD and r.random() < 0.3:
            items.append(BelongingInput("Căn cước công dân", 1, "Còn hạn"))
        return tuple(items)


def centre_for_gate(gate: str, before: bool, r: random.Random) -> str:
    by_gate = {
        "Cửa khẩu Quốc tế Lào Cai": "Trung tâm Công tác xã hội tỉnh Lào Cai",
        "Cửa khẩu Quốc tế Hữu Nghị": "Trung tâm Công tác xã hội tỉnh Lạng Sơn",
        "Cửa khẩu Quốc tế Móng Cái": "Trung tâm Công tác xã hội tỉnh Quảng Ninh",
        "Cửa khẩu Tà Lùng": "Trung tâm Công tác xã hội tỉnh Cao Bằng",
        "Cửa khẩu Thanh Thủy": f"Trung tâm Công tác xã hội tỉnh {'Hà Giang' if before else 'Tuyên Quang'}",
        "Cửa khẩu Quốc tế Tây Trang": "Trung tâm Công tác xã hội tỉnh Điện Biên",
    }
    return by_gate.get(gate) or r.choice(OTHER_CENTRES)
