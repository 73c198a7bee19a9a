"""A discharge paper's input, as services/discharge/papers.py would build it: Sùng Thị Dợ, 15, handed back to her
father and the commune of Tả Lèng (the admission papers' sample person)."""

from __future__ import annotations

import dataclasses
import datetime

from centre_desk.reports.discharge_inputs import CaseFacts, DischargePaper, Receiving, Returned
from tests.reports.test_admission_papers import CENTRE, sample

CANARIES = {"narrative": "CANARYNARRATIVE", "sensitive-health": "CANARYHEALTH", "counselling-notes": "CANARYCOUNSEL"}
RECEIVING = Receiving(
    "Sùng A Páo", "bố", "012345678901", "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu", "0912 345 678",
    "Lò Văn Thành", "Công chức Văn hóa - Xã hội", "xã Tả Lèng", "tỉnh Lai Châu",
)  # fmt: skip
TRANSFER = Receiving(family_name="Nguyễn Văn Hùng", family_relation="Phó Giám đốc",
                     centre="Trung tâm Công tác xã hội tỉnh Điện Biên",
                     centre_address="phường Mường Thanh, tỉnh Điện Biên")  # fmt: skip
FACTS = CaseFacts(
    support=("b) Hỗ trợ y tế: Khám sức khỏe tổng quát (đã hoàn thành)",),
    schooling=("Trường Phổ thông dân tộc bán trú THCS Tả Lèng, lớp 8A: từ 01/03/2026",),
    payments=("Hỗ trợ nhu cầu thiết yếu: 3.000.000 đồng",), payments_total=3_000_000,
    health=("Dị ứng: Chưa ghi nhận",), sharing_basis="sự đồng ý chia sẻ thông tin của Sùng A Páo ngày 06/02/2026",
)  # fmt: skip


def discharge_sample(day: datetime.date = datetime.date(2026, 9, 10), **changes: object) -> DischargePaper:
    admission = sample()
    paper = DischargePaper(
        centre=CENTRE, person=admission.person, admitted_on=datetime.date(2026, 2, 5), status="nạn nhân bị mua bán",
        reason="family", reason_text="Trở về với gia đình", ends_on=day + datetime.timedelta(days=5), day=day,
        reason_note="gia đình đã ổn định, có nơi ở", application_on=day - datetime.timedelta(days=9),
        applicant_name="Sùng A Páo", applicant_relation="bố", receiving=RECEIVING,
        condition="Sức khỏe ổn định, tâm lý vui vẻ, mong về nhà",
        support_given="Chăm sóc, nuôi dưỡng 7 tháng; hỗ trợ học văn hóa lớp 8; tư vấn tâm lý 12 buổi",
        follow_up="Cán bộ xã thăm gia đình hằng tháng; Trung tâm gọi điện sau 1, 3, 6 và 12 tháng",
        documents=("Quyết định dừng trợ giúp xã hội", "Tóm tắt hồ sơ"),
        returned=(Returned("Điện thoại di động Oppo A57 màu đen", 1, 1),
                  Returned("Vòng cổ bạc chạm hoa văn người Mông", 2, 1, "thất lạc khi chuyển phòng"),
                  Returned("Giấy khai sinh bản chính", 1, 1)),
        money_in_vnd=1_250_000, money_in_other="500 nhân dân tệ", money_returned_vnd=1_250_000,
        money_returned_other="500 nhân dân tệ", officer_name="Lò Thị Xuân", officer_title="Nhân viên công tác xã hội",
        summary=FACTS,
    )  # fmt: skip
    return dataclasses.replace(paper, **changes)  # type: ignore[arg-type]


def with_parts(paper: DischargePaper, *parts: str) -> DischargePaper:
    """The summary with every sensitive part filled (canary words) and `parts` ticked."""
    facts = dataclasses.replace(
        paper.summary, included=parts, narrative=f"{CANARIES['narrative']} Em bị dụ sang Trung Quốc làm việc.",
        sensitive_health=(f"{CANARIES['sensitive-health']}: xét nghiệm",),
        counselling_notes=(f"{CANARIES['counselling-notes']}: buổi tham vấn",),
    )  # fmt: skip
    return dataclasses.replace(paper, summary=facts)
