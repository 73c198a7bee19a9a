"""Demo legal aid: the record's Legal aid tab as a centre keeps it, for the residents in the centre now.

* legal information sessions for most of them: her rights as a victim a few days after arrival (given by the
  centre's social worker), later the support regime, papers or safe migration (the provincial legal aid centre,
  the police), with an interpreter for those who need one;
* papers to obtain for those who came without identity papers (identity card, birth certificate) and a few
  residence confirmations: to apply for, applied for, obtained — and one the commune did not issue;
* legal-aid cases with the provincial legal aid centre on identity papers at every stage (requested with her
  consent not asked yet, in progress, closed; one closed because she refused to share her record), one
  criminal case with its steps before the police, the procuracy and the court (the trial hearing due this
  week), one claim for compensation with a lawyer (the payment past its date).

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

from centre_desk.models.legal import LegalAidCase, LegalInfoSession, LegalPaper, LegalStep
from centre_desk.models.resident import Admission, IdDocument, Resident
from centre_desk.services.lodging.common import local_day

STATE_CENTRE = "Trung tâm Trợ giúp pháp lý nhà nước tỉnh Lai Châu"
HELPER = "Trợ giúp viên pháp lý Nguyễn Thị Hằng, 0213 3876 415"
SOCIAL_WORKER = "Cán bộ công tác xã hội Lò Văn Sơn"
INTERPRETER = "Vàng Thị Pà (tiếng Mông)"
POLICE = "Cơ quan Cảnh sát điều tra Công an tỉnh Lai Châu"
PROCURACY = "Viện kiểm sát nhân dân tỉnh Lai Châu"
COURT = "Tòa án nhân dân tỉnh Lai Châu"
ID_OFFICE = "Công an tỉnh Lai Châu (Phòng Cảnh sát quản lý hành chính về trật tự xã hội)"
SESSION_NOTES = (
    "Em hỏi nhiều về việc có phải trả tiền khi nhờ luật sư không; đã giải thích trợ giúp pháp lý miễn phí.",
    "Em đã hiểu quyền được giữ bí mật thông tin cá nhân và quyền từ chối trả lời báo chí.",
    "Em chăm chú nghe, hỏi thêm về thủ tục làm lại giấy khai sinh.",
    "Nhóm 6 người; các em hỏi cách nhận biết lời mời đi làm xa có dấu hiệu lừa đảo.",
    "Em còn lo sợ khi nhắc đến người đưa đi; hẹn nói tiếp vào buổi khác.",
)
LATER_TOPICS = (("support", "Các chế độ hỗ trợ theo Luật Phòng, chống mua bán người"),
                ("identity", "Thủ tục cấp thẻ căn cước, đăng ký khai sinh muộn"),
                ("marriage", "Hôn nhân có yếu tố nước ngoài, con sinh ra ở nước ngoài"),
                ("migration", "Đi làm việc an toàn, nhận biết thủ đoạn lừa đảo"))  # fmt: skip


@dataclass(frozen=True)
class LegalFigures:
    sessions: int = 0
    cases: int = 0
    papers: int = 0
    steps: int = 0


@dataclass(frozen=True)
class _Here:
    resident_id: int
    arrived: datetime
    id_document: str
    commune: str
    interpreter: bool


class _Writer:
    """The rows of one resident's entries, dated from her arrival and never after `now`."""

    def __init__(self, rng: random.Random, by: int | None, now: datetime) -> None:
        self.rng, self.by, self.now, self.today = rng, by, now, local_day(now)
        self.rows: dict[type[Any], list[dict[str, Any]]] = {m: [] for m in (LegalInfoSession, LegalAidCase,
                                                                              LegalPaper, LegalStep)}  # fmt: skip

    def at(self, person: _Here, days: float) -> datetime:
        return min(person.arrived + timedelta(days=days, hours=self.rng.randint(1, 5)), self.now - timedelta(hours=1))

    def day(self, person: _Here, days: float) -> date:
        return min(local_day(person.arrived) + timedelta(days=int(days)), self.today)

    def span(self, person: _Here) -> int:
        return (self.today - local_day(person.arrived)).days

    def add(self, model: type[Any], person: _Here, when: datetime, **values: Any) -> None:
        recorded = min(when + timedelta(minutes=40), self.now)
        self.rows[model].append({"version": 1, "restricted": False, "struck_reason": "", "recorded_by": self.by,
                                 "resident_id": person.resident_id, "occurred_at": when, "recorded_at": recorded}
                                | values)  # fmt: skip


def fill(s: Session, by: int | None, now: datetime, seed: int = 13) -> LegalFigures:
    rng = random.Random(seed)
    found = s.execute(select(Admission.resident_id, Admission.arrived_at, Resident.id_document, Resident.home_commune,
                             Resident.interpreter_needed)
                      .join(Resident, Resident.id == Admission.resident_id)
                      .where(Admission.discharged_at.is_(None), Admission.arrived_at <= now)
                      .order_by(Admission.arrived_at, Admission.resident_id)).all()  # fmt: skip
    here = [_Here(int(r), a, str(d), c or "Tả Lèng", bool(i)) for r, a, d, c, i in found]
    w = _Writer(rng, by, now)
    for person in here:
        _sessions(w, person)
    without_papers = [p for p in here[2:] if p.id_document == IdDocument.NONE]
    for number, person in enumerate(without_papers):
        _identity_case(w, person, number)
    for person in here[2:]:
        if person.id_document != IdDocument.NONE and rng.random() < 0.25:
            _residence(w, person)
    if here:
        _criminal_case(w, here[0])
    if len(here) > 1:
        _compensation(w, here[1])
    for model, rows in w.rows.items():
        table: Table = model.__table__
        for start in range(0, len(rows), 500):
            s.execute(insert(table), rows[start : start + 500])
    r = w.rows
    return LegalFigures(len(r[LegalInfoSession]), len(r[LegalAidCase]), len(r[LegalPaper]), len(r[LegalStep]))


def _sessions(w: _Writer, person: _Here) -> None:
    if w.span(person) < 2 or w.rng.random() < 0.08:
        return  # just arrived, or not seen yet
    interpreter = INTERPRETER if person.interpreter else ""
    w.add(LegalInfoSession, person, w.at(person, 3), topic="rights", form="individual", given_by="centre",
          details="Quyền của nạn nhân, quyền được trợ giúp pháp lý miễn phí", given_by_name=SOCIAL_WORKER,
          minutes=45, interpreter=interpreter, notes=w.rng.choice(SESSION_NOTES))  # fmt: skip
    if w.span(person) >= 14:
        topic, details = w.rng.choice(LATER_TOPICS)
        w.add(LegalInfoSession, person, w.at(person, w.rng.randint(10, 14)), topic=topic, details=details,
              form=w.rng.choice(("individual", "group")), given_by="legal_aid_centre", given_by_name=HELPER,
              minutes=w.rng.choice((45, 60, 90)), interpreter=interpreter,
              notes=w.rng.choice(SESSION_NOTES))  # fmt: skip
    if w.span(person) >= 30 and w.rng.random() < 0.4:
        w.add(LegalInfoSession, person, w.at(person, w.rng.randint(20, 30)), topic="migration", form="group",
              details="Thủ đoạn của đối tượng mua bán người qua mạng xã hội", given_by="police",
              given_by_name="Phòng Cảnh sát hình sự, Công an tỉnh Lai Châu", minutes=90, interpreter=interpreter,
              notes="Buổi nói chuyện chung cho các đối tượng đang ở Trung tâm.")  # fmt: skip


def _paper_dates(w: _Writer, person: _Here) -> dict[str, Any]:
    """Applied for in her first weeks (once her papers from home are gathered), obtained two to six weeks later."""
    span, applied_after, takes = w.span(person), w.rng.randint(5, 30), w.rng.randint(14, 42)
    if span < applied_after:
        return {"status": "to_apply", "requested_on": None, "expected_on": None, "obtained_on": None}
    requested = w.day(person, applied_after)
    expected = requested + timedelta(days=w.rng.randint(15, 30))
    if span < applied_after + takes:
        return {"status": "applied", "requested_on": requested, "expected_on": expected, "obtained_on": None}
    obtained = min(requested + timedelta(days=takes), w.today)
    return {"status": "obtained", "requested_on": requested, "expected_on": expected, "obtained_on": obtained}


def _residence(w: _Writer, person: _Here) -> None:
    w.add(LegalPaper, person, w.at(person, 5), paper="residence", other_name="", office=f"Công an xã {person.commune}",
          note="Để làm hồ sơ hỗ trợ học nghề.", **_paper_dates(w, person))  # fmt: skip


def _paper(w: _Writer, person: _Here, start: int, which: str, status: str, applied: int, obtained: int,
           note: str = "") -> None:  # fmt: skip
    """A paper noted on the case's first day, applied for and obtained so many days after it."""
    office = ID_OFFICE if which == "identity_card" else f"Ủy ban nhân dân xã {person.commune}"
    dates: dict[str, date | None] = {"requested_on": None, "expected_on": None, "obtained_on": None}
    if status != "to_apply":
        dates |= {"requested_on": w.day(person, start + applied), "expected_on": w.day(person, start + applied + 20)}
    if status == "obtained":
        dates["obtained_on"] = w.day(person, start + obtained)
    w.add(LegalPaper, person, w.at(person, start), paper=which, other_name="", office=office, status=status,
          note=note, **dates)  # fmt: skip


def _identity_case(w: _Writer, person: _Here, number: int) -> None:
    """Her identity papers with the provincial legal aid centre, the stages in turn: requested these days (her
    consent not asked yet), in progress for a month (birth certificate obtained, identity card applied for),
    closed (both obtained), closed because she refused to share her record (the commune did not issue the
    birth certificate: the centre's staff help her again)."""
    stage = ("requested", "in_progress", "closed", "refused")[number % 4]
    span = w.span(person)
    back = {"requested": w.rng.randint(1, 5), "in_progress": w.rng.randint(25, 45)}.get(stage, span)
    start = max(min(5, span), span - back)
    asked = w.at(person, start)
    asked_on, closed_on = local_day(asked), w.day(person, start + 40)
    common = {"matter": "identity", "provider_type": "state_centre", "provider_name": STATE_CENTRE,
              "contact_person": HELPER, "interpreter": person.interpreter,
              "interpreter_details": INTERPRETER if person.interpreter else "", "closed_on": None, "outcome": "",
              "request": "Hỗ trợ làm thủ tục đăng ký khai sinh muộn và cấp thẻ căn cước để em về địa phương "
                         "hưởng các chế độ hỗ trợ."}  # fmt: skip
    birth = "Đăng ký khai sinh muộn; gia đình gửi bản sao sổ hộ khẩu cũ."
    if stage == "requested":
        w.add(LegalAidCase, person, asked, status="requested", consent="not_asked", consent_on=None, **common)
        _paper(w, person, start, "birth_certificate", "to_apply", 0, 0, birth)
        _paper(w, person, start, "identity_card", "to_apply", 0, 0)
    elif stage == "in_progress":
        w.add(LegalAidCase, person, asked, status="in_progress", consent="given", consent_on=asked_on, **common)
        _paper(w, person, start, "birth_certificate", "obtained", 3, 20, birth)
        _paper(w, person, start, "identity_card", "applied", 22, 0, "Lấy dấu vân tay, ảnh chân dung tại Trung tâm.")
    elif stage == "closed":
        w.add(LegalAidCase, person, asked, **common | {"status": "closed", "consent": "given", "consent_on": asked_on,
              "closed_on": closed_on, "outcome": "Đã được đăng ký khai sinh muộn và cấp thẻ căn cước."})  # fmt: skip
        _paper(w, person, start, "birth_certificate", "obtained", 3, 20, birth)
        _paper(w, person, start, "identity_card", "obtained", 22, 35)
    else:
        w.add(LegalAidCase, person, asked, **common | {"status": "closed", "consent": "refused",
              "consent_on": asked_on, "closed_on": asked_on,
              "outcome": "Em không đồng ý chia sẻ hồ sơ với Trung tâm Trợ giúp pháp lý; cán bộ Trung tâm tự hướng "
                         "dẫn em làm giấy tờ."})  # fmt: skip
        _paper(w, person, start, "birth_certificate", "not_issued", 3, 0,
               "Xã trả lại hồ sơ đăng ký khai sinh muộn: thiếu văn bản của người làm chứng. Cán bộ Trung tâm "
               "hướng dẫn bổ sung.")  # fmt: skip
        _paper(w, person, start, "identity_card", "to_apply", 0, 0)


def _criminal_case(w: _Writer, person: _Here) -> None:
    """Her statement, her identification as a victim, the indictment; the trial hearing in three days."""
    span = max(w.span(person), 1)
    w.add(LegalAidCase, person, w.at(person, 1), matter="criminal", provider_type="state_centre",
          provider_name=STATE_CENTRE, contact_person=HELPER, status="in_progress", consent="given",
          consent_on=w.day(person, 1), closed_on=None, outcome="", interpreter=person.interpreter,
          interpreter_details=INTERPRETER if person.interpreter else "",
          request="Bảo vệ quyền, lợi ích hợp pháp của em là người bị hại trong vụ án mua bán người; "
                  "đề nghị bồi thường thiệt hại.")  # fmt: skip
    done = [("police", POLICE, "statement", 0.1, "Biên bản ghi lời khai người bị hại"),
            ("police", POLICE, "identification", 0.2, "Văn bản xác nhận nạn nhân số 125/XN-CSHS"),
            ("procuracy", PROCURACY, "indictment", 0.6, "Cáo trạng số 18/CT-VKS-P1")]  # fmt: skip
    for authority, name, step, part, document in done:
        on = w.day(person, span * part)
        w.add(LegalStep, person, w.at(person, span * part), authority=authority, authority_name=name, step=step,
              step_detail="", due_on=None, done_on=on, document=document, note="")  # fmt: skip
    w.add(LegalStep, person, w.at(person, span * 0.7), authority="court", authority_name=COURT,
          step="hearing", step_detail="", due_on=w.today + timedelta(days=3), done_on=None,
          document="Giấy triệu tập người bị hại",
          note="Trợ giúp viên pháp lý và cán bộ Trung tâm đi cùng em; xin xét xử kín, bố trí phiên dịch.")  # fmt: skip


def _compensation(w: _Writer, person: _Here) -> None:
    """The judgment gave her damages; the payment is past its date."""
    span = max(w.span(person), 1)
    w.add(LegalAidCase, person, w.at(person, 2), matter="compensation", provider_type="lawyer",
          provider_name="Luật sư Trần Văn Minh, Đoàn Luật sư tỉnh Lai Châu",
          contact_person="Trần Văn Minh, 0912 604 318",
          status="in_progress", consent="given", consent_on=w.day(person, 2), closed_on=None, outcome="",
          interpreter=False, interpreter_details="",
          request="Yêu cầu thi hành phần bồi thường thiệt hại của bản án cho em.")  # fmt: skip
    w.add(LegalStep, person, w.at(person, span * 0.3), authority="court", authority_name=COURT,
          step="judgment", step_detail="", due_on=None, done_on=w.day(person, span * 0.3),
          document="Bản án hình sự sơ thẩm số 07/HS-ST",
          note="Bị cáo phải bồi thường cho em 30.000.000 đồng.")  # fmt: skip
    w.add(LegalStep, person, w.at(person, span * 0.4), authority="other",
          authority_name="Thi hành án dân sự tỉnh Lai Châu", step="compensation", step_detail="",
          due_on=w.today - timedelta(days=10), done_on=None, document="Quyết định thi hành án số 42/QĐ-THADS",
          note="Chưa nhận được tiền; luật sư đã gửi văn bản đề nghị.")  # fmt: skip
