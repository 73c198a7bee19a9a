"""The words the admission papers print for stored values: documents are always in Vietnamese, whatever
the screen language, so these live here and not in the catalogue (the legal names: Law 53/2024 Art. 37,
Decree 20/2021 Art. 27). A key missing from a dict prints as stored."""

from __future__ import annotations

import enum
from typing import TypeVar

from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus

SEX_WORDS = {Sex.FEMALE: "Nữ", Sex.MALE: "Nam", Sex.OTHER: "Khác"}
ID_PAPERS = {
    IdDocument.ID_CARD: "Thẻ căn cước",
    IdDocument.CCCD: "Căn cước công dân",
    IdDocument.PASSPORT: "Hộ chiếu",
    IdDocument.BIRTH_CERTIFICATE: "Giấy khai sinh",
    IdDocument.NONE: "",
}
CHANNELS = {
    Channel.CENTRE_TEAM: "Cơ sở trực tiếp tiếp nhận",
    Channel.COMMUNE_AUTHORITY: "Ủy ban nhân dân cấp xã chuyển đến",
    Channel.DISTRICT_LABOUR_OFFICE: "Phòng Lao động - Thương binh và Xã hội cấp huyện chuyển đến",
    Channel.HEALTH_DEPARTMENT: "Sở Y tế chuyển đến",
    Channel.PROVINCIAL_POLICE: "Công an tỉnh chuyển đến",
    Channel.OTHER_PROVINCE_CENTRE: "Cơ sở trợ giúp xã hội tỉnh khác chuyển đến",
    Channel.BORDER_GUARD: "Bộ đội Biên phòng bàn giao",
    Channel.POLICE: "Cơ quan Công an bàn giao",
    Channel.SELF_REFERRAL: "Tự đến trình báo",
    Channel.NGO: "Tổ chức xã hội chuyển đến",
}
DOSSIER_WORDS = {
    "declaration": "Tờ khai của đối tượng hoặc người giám hộ (Mẫu số 07 Nghị định số 20/2021/NĐ-CP)",
    "identity_copy": "Bản sao căn cước công dân hoặc giấy tờ tùy thân khác",
    "emergency_minutes": "Biên bản về tình trạng khẩn cấp",
    "commune_request": "Văn bản đề nghị của Chủ tịch Ủy ban nhân dân cấp xã",
    "district_request": "Văn bản đề nghị của Chủ tịch Ủy ban nhân dân cấp huyện",
    "victim_certificate": "Giấy tờ, tài liệu xác nhận là nạn nhân",
    "handover_record": "Biên bản bàn giao của cơ quan chuyển đến",
    "repatriation_papers": "Giấy tờ của cơ quan có thẩm quyền nước ngoài hoặc đồn biên phòng",
}
# Law 53/2024/QH15 Art. 37.1 (DOMAIN.md §1.2), with the law's own letters.
SUPPORT_WORDS = {
    "essential": "Hỗ trợ nhu cầu thiết yếu",
    "medical": "Hỗ trợ y tế",
    "interpretation": "Hỗ trợ phiên dịch",
    "legal_information": "Hỗ trợ pháp luật",
    "legal_aid": "Trợ giúp pháp lý",
    "travel": "Hỗ trợ chi phí đi lại",
    "psychological": "Hỗ trợ tâm lý",
    "schooling": "Hỗ trợ học văn hóa",
    "vocational": "Hỗ trợ học nghề, tư vấn, tạo điều kiện để có việc làm",
    "initial_allowance": "Trợ cấp khó khăn ban đầu, hỗ trợ vay vốn",
}
STATUS_WORDS = {
    VictimStatus.CONFIRMED: "nạn nhân bị mua bán",
    VictimStatus.UNDER_IDENTIFICATION: "người đang trong quá trình xác định là nạn nhân",
}
ACCOMPANYING = "người dưới 18 tuổi đi cùng nạn nhân"
E = TypeVar("E", bound=enum.StrEnum)


def word(words: dict[E, str], kind: type[E], value: str) -> str:
    """The printed word for a stored key; an unknown key prints as stored."""
    try:
        return words.get(kind(value), value)
    except ValueError:
        return value
