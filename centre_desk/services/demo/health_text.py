"""Demo health, the words: what the nurse writes, in Vietnamese (invented; no real person or case).

Nothing about HIV, sexually transmitted infections, hepatitis or pregnancy is ever in an ordinary entry (the
intake check, a nursing note): those are in the restricted tests and reproductive-health entries only.
"""

from __future__ import annotations

from centre_desk.services.health.medication_rules import DoseOutcome

NURSE_LOGIN = "yta"
NURSE_NAME = "Lò Thị Hoa"
PRESCRIBER = "BS. Phạm Văn Toàn, Trạm Y tế phường Tân Phong"
HOSPITAL = "Bệnh viện Đa khoa tỉnh Lai Châu"
MATERNITY = "Khoa Sản, Bệnh viện Đa khoa tỉnh Lai Châu"
CDC = "Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu"

# --- the intake health check

HISTORY = (
    "Không ghi nhận bệnh lý trước đây", "Không rõ tiền sử tiêm chủng", "Từng bị sốt rét khi ở quê, đã điều trị khỏi",
    "Hay bị viêm họng khi trời lạnh", "Mổ ruột thừa năm 2021 tại bệnh viện huyện", "Không nhớ đã từng ốm nặng",
    "Bị gãy tay trái khi nhỏ, đã liền", "Thỉnh thoảng đau bụng, chưa đi khám",
)  # fmt: skip
INJURIES = (
    "Nhiều vết bầm tím cũ ở hai cánh tay", "Sẹo cũ dài khoảng 4 cm ở cẳng chân trái",
    "Vết thương ngoài da đã lành ở mu bàn tay phải", "Bầm tím vùng lưng, đau khi ấn",
    "Trầy xước nhẹ ở hai đầu gối do đi đường rừng", "Phồng rộp, trầy da hai bàn chân do đi bộ nhiều ngày",
    "Vết bỏng cũ ở cẳng tay trái", "Bầm tím quanh cổ tay phải, đã nhạt màu",
)  # fmt: skip
ALLERGIES = ("Penicilin", "Hải sản", "Tôm, cua", "Penicilin (nổi mẩn khi tiêm)", "Sulfamid")
ALLERGIC = frozenset({"Penicilin", "Penicilin (nổi mẩn khi tiêm)"})  # never given amoxicillin
CHRONIC = (
    "Viêm dạ dày, hay đau bụng khi đói", "Hen phế quản nhẹ, khó thở khi trời lạnh",
    "Thiếu máu: da xanh, hay chóng mặt", "Bướu cổ đơn thuần", "Viêm mũi dị ứng",
)  # fmt: skip
DISABILITY = ("Nghe kém tai trái", "Cận thị, không có kính", "Đi lại hơi khó do chấn thương cũ ở chân phải")
CURRENT_MEDICINES = ("Không", "Thuốc đau dạ dày mang theo từ Trung Quốc (không rõ tên)", "Không dùng thuốc gì")
MENTAL = (
    "Lo âu, khó ngủ, hay giật mình", "Tỉnh táo, tiếp xúc được, còn sợ hãi khi nhắc đến nơi đã ở",
    "Ít nói, hay khóc, ăn kém", "Tỉnh táo, tiếp xúc tốt", "Buồn bã, nhớ nhà, ngủ ít",
    "Căng thẳng, né tránh khi được hỏi về chuyện đã qua", "Mệt mỏi sau chuyến đi dài, tiếp xúc chậm",
    "Tỉnh táo, hợp tác, mong sớm được về với gia đình",
)  # fmt: skip
URGENT = "Đau bụng dưới nhiều, đi lại khó khăn"
NO_CARD = ("", "", "Lập hồ sơ đề nghị cấp thẻ bảo hiểm y tế năm đầu", "Đã mất thẻ cũ khi ở Trung Quốc, chưa rõ số thẻ")

# --- nursing notes

FIRST_WEEK = (
    "Mới đến, còn lo lắng, ăn ít", "Ngủ được khoảng 5 tiếng, còn hay giật mình", "Ăn được nửa suất, uống nước tốt",
    "Tỉnh táo, đã quen dần với phòng ở", "Đêm qua khó ngủ, hay khóc; đã báo cán bộ tư vấn", "Ngủ được, ăn uống khá",
)  # fmt: skip
INJURED = ("Vết bầm tím đang nhạt dần", "Vết trầy xước khô, không chảy dịch; đã sát khuẩn")
ROUTINE = (
    "Ngủ được, ăn uống khá", "Tỉnh táo, ăn uống bình thường, tham gia sinh hoạt chung", "Sinh hoạt bình thường",
    "Ăn ít, còn buồn, hay ngồi một mình", "Ngủ chập chờn, hay tỉnh giấc ban đêm", "Vui vẻ hơn, đi học lớp kỹ năng",
    "Ăn uống tốt, tăng cân", "Không có gì bất thường", "",
)  # fmt: skip
EPISODE_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "fever": {"start": ("Sốt, đã chườm mát, báo bác sĩ", "Sốt, đau đầu, mệt; cho uống paracetamol, theo dõi"),
              "middle": ("Còn sốt, uống nước ít; đã chườm mát, cho uống paracetamol", "Sốt về chiều, ăn cháo được"),
              "end": ("Hết sốt, ăn uống khá hơn", "Đã hết sốt, ngủ được")},
    "throat": {"start": ("Đau họng, sốt; bác sĩ khám, kê amoxicilin 7 ngày",),
               "middle": ("Còn đau họng, nuốt vướng; uống thuốc đủ", "Đỡ đau họng, còn sốt nhẹ về chiều"),
               "end": ("Hết đau họng, ăn uống bình thường",)},
    "headache": {"middle": ("Đau đầu, cho nghỉ ngơi", "Đau đầu sau khi học, cho nghỉ ngơi, uống nhiều nước")},
    "stomach": {"start": ("Đau bụng âm ỉ sau ăn, cho ăn cháo, theo dõi",),
                "middle": ("Đỡ đau bụng, ăn được cháo",), "end": ("Hết đau bụng, ăn uống bình thường",)},
    "scabies": {"start": ("Ngứa nhiều ở kẽ ngón tay, cổ tay, nghi ghẻ; báo bác sĩ, giặt phơi chăn màn",),
                "middle": ("Đã bôi thuốc, còn ngứa về đêm", "Đỡ ngứa, tổn thương khô dần"),
                "end": ("Hết ngứa, da khô sạch",)},
    "now": {"start": ("Sốt cao, rét run, mệt; đã chườm mát, báo bác sĩ",),
            "middle": ("Sốt cao không hạ, thở nhanh, mạch nhanh; đã báo bác sĩ, theo dõi sát",)},
    "pneumonia": {"start": ("Sốt, ho nhiều, đau ngực; báo bác sĩ",),
                  "middle": ("Còn sốt cao, ho có đờm, thở nhanh; đã báo bác sĩ",),
                  "end": ("Sốt cao, khó thở; bác sĩ cho chuyển Bệnh viện Đa khoa tỉnh",)},
}  # fmt: skip

# --- medicines: (medicine, strength, unit, route, frequency, reason)

FEVER = "Khi sốt từ 38,5 °C; cách nhau ít nhất 6 giờ"

MEDICINES: dict[str, tuple[str, str, str, str, str, str]] = {
    "paracetamol": ("Paracetamol", "500 mg", "viên", "oral", "as_needed", FEVER),
    "paracetamol_child": ("Paracetamol", "325 mg", "viên", "oral", "as_needed", FEVER),
    "amoxicillin": ("Amoxicilin", "500 mg", "viên", "oral", "three_daily", "Viêm họng cấp; uống đủ 7 ngày"),
    "scabies": ("Kem bôi DEP (diethylphtalat)", "", "lần bôi", "topical", "twice_daily",
                "Ghẻ ở kẽ ngón tay, cổ tay; bôi sau khi tắm"),
    "vitamins": ("Vitamin tổng hợp", "", "viên", "oral", "once_daily", "Ăn kém, gầy sau thời gian dài thiếu ăn"),
    "iron": ("Sắt (II) fumarat + acid folic", "162 mg + 0,75 mg", "viên", "oral", "once_daily",
             "Bổ sung sắt và acid folic trong thai kỳ"),
}  # fmt: skip
REASONS: dict[DoseOutcome, tuple[str, ...]] = {
    DoseOutcome.GIVEN: ("",),
    DoseOutcome.REFUSED: ("Không muốn uống, sợ đắng", "Em nói đã đỡ, không muốn uống nữa",
                          "Đang ngủ, không muốn dậy uống thuốc"),
    DoseOutcome.HELD: ("Nôn sau ăn, tạm hoãn liều này, đã báo bác sĩ",),
    DoseOutcome.NOT_AVAILABLE: ("Hết thuốc, đã báo bộ phận hành chính mua bổ sung",),
}  # fmt: skip

# --- referrals: (reason, result, papers received)

VISITS = (
    ("Đau bụng kéo dài, khám chuyên khoa tiêu hóa", "Viêm dạ dày; kê thuốc 14 ngày, ăn uống đúng giờ",
     "Đơn thuốc; phiếu kết quả nội soi"),
    ("Nhìn mờ, hay chảy nước mắt", "Cận thị nhẹ hai mắt; đề nghị cấp kính", "Phiếu khám mắt"),
    ("Đau răng hàm dưới nhiều ngày", "Sâu răng; đã nhổ răng, kê thuốc giảm đau 3 ngày", "Đơn thuốc"),
    ("Ho kéo dài hơn 2 tuần, chụp X-quang phổi", "X-quang phổi bình thường; viêm phế quản, kê thuốc 5 ngày",
     "Phim X-quang; đơn thuốc"),
    ("Đau cổ tay phải sau khi ngã", "Bong gân cổ tay, không gãy xương; băng cố định 1 tuần", "Phim X-quang"),
)  # fmt: skip
OPEN_VISIT = "Khám chuyên khoa: đau bụng kéo dài, làm xét nghiệm"
PNEUMONIA = "Sốt cao, ho có đờm, thở nhanh; nghi viêm phổi"
URGENT_RESULT = "Siêu âm ổ bụng không thấy tổn thương; điều trị giảm đau, theo dõi tại Trung tâm"
LIVER = ("Khám chuyên khoa gan, xét nghiệm tải lượng virus viêm gan B",
         "Viêm gan B mạn, chưa có chỉ định điều trị; tái khám sau 6 tháng", "Phiếu kết quả xét nghiệm")  # fmt: skip
SCAN = ("Siêu âm thai, khám thai lần đầu", "Thai trong tử cung, phát triển bình thường", "Phiếu kết quả siêu âm")
