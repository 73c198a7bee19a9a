"""The outgoing-document register: numbers per kind and year, copies, refusals, races, demo marks, listing."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from centre_desk import i18n
from centre_desk.errors import PermissionDenied, ValidationError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.centre import AppSetting
from centre_desk.models.documents import DocumentCounter, OutgoingCopy, OutgoingDocument
from centre_desk.models.resident import Channel, Resident
from centre_desk.models.staff import Role
from centre_desk.reports.marks import COPY_STAMP, DEMO_WATERMARK, PREVIEW_STAMP
from centre_desk.services.documents import IssuedPaper, RegisterFilter
from centre_desk.services.dto import NewAccount
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.services.test_documents import LAI_CHAU, admit, service, set_centre, text_of

T = TypeVar("T")


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def in_threads(count: int, work: Callable[[int], T]) -> list[T]:
    """Run `work(i)` for i < count on `count` threads started together; re-raise the first failure."""
    barrier = threading.Barrier(count)
    results: dict[int, T] = {}
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return [results[i] for i in range(count)]


def test_numbers_run_per_kind_and_year(installed: Installed) -> None:
    set_centre(installed)
    docs = service(installed)
    first, _c1 = admit(installed, datetime(2025, 12, 30, 9, 0, tzinfo=LAI_CHAU))
    second, _c2 = admit(installed, datetime(2026, 1, 2, 9, 0, tzinfo=LAI_CHAU))
    third, _c3 = admit(installed, datetime(2026, 1, 3, 9, 0, tzinfo=LAI_CHAU))
    issued = [
        docs.issue(installed.manager, "admission-decision", first),
        docs.issue(installed.manager, "admission-decision", second),
        docs.issue(installed.manager, "admission-record", second),
        docs.issue(installed.manager, "admission-decision", third),
    ]
    assert [(i.entry.number_text, i.entry.year) for i in issued if i.entry] == [
        ("01/QĐ-CSBTXH", 2025), ("01/QĐ-CSBTXH", 2026), ("01/BB-CSBTXH", 2026), ("02/QĐ-CSBTXH", 2026),
    ]  # fmt: skip
    decision = issued[1]
    assert decision.entry is not None and not decision.copy
    entry = decision.entry
    assert (entry.document_date, entry.kind_code, entry.paper_kind) == (date(2026, 1, 2), "QĐ", "admission-decision")
    assert (entry.signer_name, entry.signer_title) == ("Mai Văn Tùng", "Giám đốc")
    assert entry.issued_by == "Nguyễn Thị Hường (giamdoc)" and entry.resident_label == "Sùng Thị Dợ"
    assert entry.sha256 == hashlib.sha256(decision.pdf).hexdigest() and entry.copies == 0
    assert entry.subject.startswith("Về việc tiếp nhận đối tượng vào")
    text = text_of(decision.pdf)
    assert "Số: 01/QĐ-CSBTXH" in text and PREVIEW_STAMP not in text and COPY_STAMP not in text
    record = issued[2].entry
    assert record is not None and record.signer_name == "Nguyễn Thị Hường"  # the receiving officer
    with installed.centre.sessions() as s:
        counters = {(c.year, c.kind_code): c.last for c in s.scalars(select(DocumentCounter))}
        assert counters == {(2025, "QĐ"): 1, (2026, "QĐ"): 2, (2026, "BB"): 1}


def test_a_reprint_reuses_the_number_and_says_ban_sao_on_every_page(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(installed)
    docs = service(installed)
    original = docs.issue(installed.manager, "admission-decision", resident_id)
    again = docs.issue(installed.manager, "admission-decision", resident_id)
    assert original.entry is not None and again.entry is not None and again.copy and not original.copy
    assert again.entry.number_text == original.entry.number_text == "01/QĐ-CSBTXH"
    assert again.entry.copies == 1 and again.entry.id == original.entry.id
    copy_pages = pages_of(again.pdf)
    assert len(copy_pages) >= 2 and all(page.startswith(COPY_STAMP) for page in copy_pages)
    assert not any(COPY_STAMP in page for page in pages_of(original.pdf))
    assert "Số: 01/QĐ-CSBTXH" in copy_pages[0]
    # the screen shows what a reprint will print, and says so
    preview = docs.preview(installed.manager, "admission-decision", resident_id)
    assert preview.entry is not None and preview.entry.number_text == "01/QĐ-CSBTXH" and not preview.warnings
    assert pages_of(preview.pdf)[0].startswith(COPY_STAMP)
    with installed.centre.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutgoingDocument)) == 1
        assert s.scalar(select(func.count()).select_from(OutgoingCopy)) == 1


def test_a_copy_repeats_the_issued_text_after_a_correction(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(installed)
    docs = service(installed)
    docs.issue(installed.manager, "admission-record", resident_id)
    with installed.centre.sessions.begin() as s:
        s.execute(update(Resident).where(Resident.id == resident_id).values(full_name="Sùng Thị Dợ Sửa"))
    preview = docs.preview(installed.manager, "admission-record", resident_id)
    (changed,) = preview.warnings
    assert preview.entry is not None and preview.entry.document_date.strftime("%d/%m/%Y") in changed
    copy = docs.issue(installed.manager, "admission-record", resident_id)
    assert "Sùng Thị Dợ Sửa" not in text_of(copy.pdf) and "Sùng Thị Dợ" in text_of(copy.pdf)


def test_the_preview_is_not_an_issue(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(installed)
    preview = service(installed).preview(installed.manager, "admission-decision", resident_id)
    assert preview.registered and preview.entry is None and not preview.warnings
    pages = pages_of(preview.pdf)
    assert all(page.startswith(PREVIEW_STAMP) for page in pages)
    assert "Số: /QĐ-CSBTXH" in pages[0]
    with installed.centre.sessions() as s:
        assert s.scalar(select(OutgoingDocument)) is None and s.scalar(select(DocumentCounter)) is None


def test_a_blank_founding_decision_stops_a_decision_but_not_a_record(installed: Installed) -> None:
    i18n.install("vi")
    resident_id, _code = admit(installed)
    docs = service(installed)
    preview = docs.preview(installed.manager, "admission-decision", resident_id)
    assert any("Quyết định thành lập" in w for w in preview.warnings)
    with pytest.raises(ValidationError) as refused:
        docs.issue(installed.manager, "admission-decision", resident_id)
    assert refused.value.field == "founding_decision" and "Quyết định thành lập" in refused.value.message
    record = docs.issue(installed.manager, "admission-record", resident_id)
    assert record.entry is not None and record.entry.number_text.startswith("01/BB-")
    set_centre(installed)
    decision = docs.issue(installed.manager, "admission-decision", resident_id)
    assert decision.entry is not None and decision.entry.number_text == "01/QĐ-CSBTXH"  # no number was lost


def test_the_receipt_takes_no_number(installed: Installed) -> None:
    resident_id, code = admit(installed)
    printed = service(installed).issue(installed.manager, "belongings-receipt", resident_id)
    assert printed.entry is None and not printed.copy
    assert f"Mã hồ sơ: {code}" in text_of(printed.pdf)
    with installed.centre.sessions() as s:
        assert s.scalar(select(OutgoingDocument)) is None


def test_demo_papers_carry_the_watermark_and_real_ones_never(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(installed)
    docs = service(installed)
    real = docs.issue(installed.manager, "admission-decision", resident_id)
    assert DEMO_WATERMARK not in text_of(real.pdf)
    with installed.centre.sessions.begin() as s:
        s.add(AppSetting(key="demo", value="1"))
    for kind in ("admission-record", "belongings-receipt", "admission-decision"):
        pdf = docs.issue(installed.manager, kind, resident_id).pdf
        pages = pages_of(pdf)
        assert all("DỮ LIỆU MẪU" in page and "PHÁP LÝ" in page for page in pages), kind


def test_two_computers_printing_at_once_never_share_a_number(installed: Installed) -> None:
    set_centre(installed)
    residents = [admit(installed)[0] for _ in range(6)]
    docs = service(installed)

    def work(i: int) -> list[IssuedPaper]:
        return [docs.issue(installed.manager, "admission-decision", rid) for rid in residents[i::2]]

    issued = [paper for batch in in_threads(2, work) for paper in batch]
    numbers = sorted(p.entry.number_text for p in issued if p.entry is not None)
    assert numbers == [f"0{n}/QĐ-CSBTXH" for n in range(1, 7)]
    assert not any(p.copy for p in issued)


def test_the_same_paper_printed_at_once_on_two_computers_is_one_number_and_a_copy(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(installed)
    docs = service(installed)
    both = in_threads(2, lambda _i: docs.issue(installed.manager, "admission-record", resident_id))
    assert sorted(p.copy for p in both) == [False, True]
    assert {p.entry.number_text for p in both if p.entry} == {"01/BB-CSBTXH"}


def test_register_lists_filters_and_is_audited(installed: Installed) -> None:
    set_centre(installed)
    docs = service(installed)
    early, early_code = admit(installed, datetime(2025, 12, 30, 9, 0, tzinfo=LAI_CHAU))
    late, late_code = admit(installed, datetime.now(UTC) - timedelta(hours=1))
    for rid in (early, late):
        docs.issue(installed.manager, "admission-decision", rid)
        docs.issue(installed.manager, "admission-record", rid)
    docs.issue(installed.manager, "admission-record", late)  # a copy
    everything = docs.register(installed.manager, RegisterFilter())
    assert len(everything.entries) == 4 and not everything.truncated
    assert everything.entries[0].year >= everything.entries[-1].year
    assert [e.resident_code for e in docs.register(installed.manager, RegisterFilter(year=2025)).entries] == [
        early_code,
        early_code,
    ]
    records = docs.register(installed.manager, RegisterFilter(kind_code="BB", resident_code=late_code.lower()))
    assert [(e.kind_code, e.copies) for e in records.entries] == [("BB", 1)]
    dated = docs.register(installed.manager, RegisterFilter(date_from=date(2025, 12, 30), date_to=date(2025, 12, 31)))
    assert {e.document_date for e in dated.entries} == {date(2025, 12, 30)}
    with installed.centre.sessions() as s:
        viewed = s.scalars(select(AuditEvent).where(AuditEvent.action == "register.viewed")).all()
        assert len(viewed) == 4 and all(r.field_group == "register" for r in viewed)


def test_who_may_read_the_register(installed: Installed) -> None:
    accounts = installed.centre.accounts
    for login, role in (("yta", Role.NURSE), ("tiepnhan", Role.INTAKE), ("quantri", Role.ADMINISTRATOR)):
        accounts.create(installed.manager, NewAccount(login, "Lò Thị Mai", MANAGER_PASSWORD, frozenset({role})))
    docs = service(installed)
    assert docs.register(accounts.authenticate("tiepnhan", MANAGER_PASSWORD), RegisterFilter()).entries == ()
    for login in ("yta", "quantri"):
        with pytest.raises(PermissionDenied):
            docs.register(accounts.authenticate(login, MANAGER_PASSWORD), RegisterFilter())
    with installed.centre.sessions() as s:
        denied = s.scalars(select(AuditEvent.actor_login).where(AuditEvent.action == "view.denied")).all()
        assert sorted(denied) == ["quantri", "yta"]


def test_names_only_with_identity_access(installed: Installed) -> None:
    from centre_desk.services.documents import register

    set_centre(installed)
    resident_id, code = admit(installed)
    service(installed).issue(installed.manager, "admission-record", resident_id)
    with installed.centre.sessions() as s:
        (named,) = register.listing(s, RegisterFilter(), names=True).entries
        (masked,) = register.listing(s, RegisterFilter(), names=False).entries
        alias = s.scalar(select(Resident.alias).where(Resident.id == resident_id))
    assert named.resident_label == "Sùng Thị Dợ" and masked.resident_label == alias != "Sùng Thị Dợ"
    assert masked.resident_code == code


def test_a_file_is_checked_against_the_register(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(installed)
    docs = service(installed)
    original = docs.issue(installed.manager, "admission-decision", resident_id)
    copy = docs.issue(installed.manager, "admission-decision", resident_id)
    found = docs.check_file(installed.manager, original.pdf)
    assert found is not None and not found.copy and found.entry.number_text == "01/QĐ-CSBTXH"
    found_copy = docs.check_file(installed.manager, copy.pdf)
    assert found_copy is not None and found_copy.copy
    assert docs.check_file(installed.manager, original.pdf + b" ") is None


def test_a_self_referral_has_no_handing_over_party(installed: Installed) -> None:
    set_centre(installed)
    resident_id, _code = admit(
        installed, channel=Channel.SELF_REFERRAL, referring_agency="", referring_officer="", referring_phone="",
        documents_received=frozenset(),
    )  # fmt: skip
    text = text_of(service(installed).issue(installed.manager, "admission-record", resident_id).pdf)
    assert "Bên giao" not in text and "BÊN GIAO" not in text and "tự đến trình báo" in text
    assert "CHA MẸ HOẶC NGƯỜI GIÁM HỘ" in text and "Sùng A Páo" in text  # a child of 15


def test_the_snapshot_reads_back_as_the_paper(installed: Installed) -> None:
    from centre_desk.services.documents import snapshot
    from centre_desk.services.documents.paper import latest_admission, paper_for

    set_centre(installed)
    resident_id, _code = admit(installed)
    with installed.centre.sessions() as s:
        resident = s.get(Resident, resident_id)
        assert resident is not None
        paper = paper_for(s, resident, latest_admission(s, resident), installed.manager)
    numbered = dataclasses.replace(paper, number="7")
    assert snapshot.load(snapshot.dump(numbered)) == numbered
