"""The document preview: a real admission paper shown page by page, saved, printed; refusals shown."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from centre_desk import i18n
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.ui.documents import preview
from centre_desk.ui.documents.preview import DocumentPreviewDialog, file_name, preview_paper
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.services.test_documents import admit, service, set_centre, text_of


@pytest.fixture
def record_pdf(installed: Installed) -> bytes:
    resident_id, _code = admit(installed)
    return service(installed).render(installed.manager, "admission-record", resident_id)


def dialog_for(qtbot: QtBot, pdf: bytes, name: str = "bien-ban-tiep-nhan-LC-2026-0001") -> DocumentPreviewDialog:
    dialog = DocumentPreviewDialog(None, "Biên bản tiếp nhận", pdf, name)
    qtbot.addWidget(dialog)
    return dialog


def test_shows_every_page_of_a_real_paper(qtbot: QtBot, record_pdf: bytes) -> None:
    dialog = dialog_for(qtbot, record_pdf)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == len(PdfReader(io.BytesIO(record_pdf)).pages) > 0
    assert str(dialog.document.pageCount()) in dialog.pages_label.text()
    assert dialog.print_button.isEnabled()
    assert dialog.view.pageMode() == dialog.view.PageMode.MultiPage
    assert dialog.view.zoomMode() == dialog.view.ZoomMode.FitToWidth
    if os.environ.get("SHOTS"):
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(300)
        Path("/tmp/shots/pdf").mkdir(parents=True, exist_ok=True)
        dialog.grab().save("/tmp/shots/pdf/preview-dialog.png")


def test_save_as_writes_the_same_bytes_with_a_pdf_suffix(
    qtbot: QtBot, record_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def ask(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(tmp_path / "out" / "bản sao"), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    dialog = dialog_for(qtbot, record_pdf)
    (tmp_path / "out").mkdir()
    dialog.save_button.click()
    saved = tmp_path / "out" / "bản sao.pdf"
    assert saved.read_bytes() == record_pdf
    assert offered and offered[0].endswith("bien-ban-tiep-nhan-LC-2026-0001.pdf")
    assert str(saved) in dialog.status_label.text()
    assert [p.name for p in saved.parent.iterdir()] == ["bản sao.pdf"]  # no temporary file left


@pytest.mark.expect_log_warnings
def test_cancelled_or_failed_save(
    qtbot: QtBot, record_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = dialog_for(qtbot, record_pdf)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    dialog.save_button.click()
    assert dialog.status_label.text() == ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "no" / "such" / "x.pdf"), ""))
    dialog.save_button.click()
    assert dialog.status_label.text()  # explained, not crashed
    assert not (tmp_path / "no").exists()


@pytest.mark.expect_log_warnings
def test_print_paints_every_page(
    qtbot: QtBot, record_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"

    def printer(_self: DocumentPreviewDialog) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(out))
        return chosen

    monkeypatch.setattr(DocumentPreviewDialog, "ask_printer", printer)
    dialog = dialog_for(qtbot, record_pdf)
    dialog.print_button.click()
    assert len(PdfReader(out).pages) == dialog.document.pageCount()
    assert dialog.status_label.text()
    monkeypatch.setattr(DocumentPreviewDialog, "ask_printer", lambda _self: None)
    dialog.status_label.clear()
    dialog.print_button.click()  # cancelled: nothing said
    assert dialog.status_label.text() == ""


@pytest.mark.expect_log_warnings
def test_unreadable_bytes_are_explained(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, b"not a pdf", "x")
    assert not dialog.print_button.isEnabled()
    assert dialog.status_label.text()


def test_preview_paper_shows_or_refuses(installed: Installed, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    resident_id, code = admit(installed)
    shown: list[tuple[str, int, str]] = []
    monkeypatch.setattr(
        DocumentPreviewDialog,
        "show_document",
        classmethod(lambda _cls, _parent, title, pdf, name, *_issuing: shown.append((title, len(pdf), name))),
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    documents = service(installed)
    assert preview_paper(None, documents, installed.manager, "admission-decision", resident_id, code)
    assert shown and shown[0][1] > 1000 and shown[0][2] == f"quyet-dinh-tiep-nhan-{code}.pdf"
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    assert not preview_paper(None, documents, nurse, "admission-record", resident_id, code)
    assert len(shown) == 1 and len(warnings) == 1


def test_file_names_are_ascii() -> None:
    for kind in preview.FILE_STEMS:
        assert file_name(kind, "LC-2026-0007").isascii()
    assert file_name("belongings-receipt", "") == "bien-nhan-tai-san.pdf"


# ---------------------------------------------------------------------------------------- issuing


def _pdf_printer(out: Path) -> Callable[[DocumentPreviewDialog], QPrinter]:
    def printer(_self: DocumentPreviewDialog) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(out))
        return chosen

    return printer


def _paper_dialog(qtbot: QtBot, installed: Installed, kind: str = "admission-decision") -> DocumentPreviewDialog:
    set_centre(installed)
    resident_id, code = admit(installed)
    documents = service(installed)
    shown = documents.preview(installed.manager, kind, resident_id)
    dialog = DocumentPreviewDialog(
        None, "Quyết định tiếp nhận", shown.pdf, file_name(kind, code),
        lambda: documents.issue(installed.manager, kind, resident_id), preview.notice_for(shown),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.expect_log_warnings
def test_print_issues_the_number_then_gives_copies(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n.install("vi")
    dialog = _paper_dialog(qtbot, installed)
    assert dialog.notice_label.text() and not dialog.notice_label.isHidden()  # "the number is given when …"
    monkeypatch.setattr(DocumentPreviewDialog, "ask_printer", lambda _self: None)
    dialog.print_button.click()  # cancelled: nothing issued
    assert dialog.issued is None
    monkeypatch.setattr(DocumentPreviewDialog, "ask_printer", _pdf_printer(tmp_path / "1.pdf"))
    dialog.print_button.click()
    first = dialog.issued
    assert first is not None and first.entry is not None and not first.copy
    assert first.entry.number_text == "01/QĐ-CSBTXH" and "01/QĐ-CSBTXH" in dialog.status_label.text()
    assert "01/QĐ-CSBTXH" in dialog.notice_label.text()
    assert len(PdfReader(tmp_path / "1.pdf").pages) == dialog.document.pageCount()
    monkeypatch.setattr(DocumentPreviewDialog, "ask_printer", _pdf_printer(tmp_path / "2.pdf"))
    dialog.print_button.click()
    again = dialog.issued
    assert again is not None and again.copy and again.entry is not None
    assert again.entry.number_text == "01/QĐ-CSBTXH" and "BẢN SAO" in dialog.status_label.text()


def test_save_as_writes_the_issued_paper(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _paper_dialog(qtbot, installed, "admission-record")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    dialog.save_button.click()
    assert dialog.issued is None  # cancelled: nothing issued
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "bb.pdf"), "PDF"))
    dialog.save_button.click()
    issued = dialog.issued
    assert issued is not None and issued.entry is not None
    saved = (tmp_path / "bb.pdf").read_bytes()
    assert saved == issued.pdf and hashlib.sha256(saved).hexdigest() == issued.entry.sha256
    assert "Số: 01/BB-CSBTXH" in text_of(saved) and "BẢN XEM TRƯỚC" not in text_of(saved)


def test_a_refused_issue_is_explained_and_nothing_printed(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n.install("vi")
    resident_id, code = admit(installed)  # no founding decision in the centre's details
    documents = service(installed)
    shown = documents.preview(installed.manager, "admission-decision", resident_id)
    dialog = DocumentPreviewDialog(
        None, "Quyết định", shown.pdf, file_name("admission-decision", code),
        lambda: documents.issue(installed.manager, "admission-decision", resident_id), preview.notice_for(shown),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    assert "Quyết định thành lập" in dialog.notice_label.text()
    monkeypatch.setattr(DocumentPreviewDialog, "ask_printer", _pdf_printer(tmp_path / "x.pdf"))
    dialog.print_button.click()
    assert dialog.issued is None and "Quyết định thành lập" in dialog.status_label.text()
    assert not (tmp_path / "x.pdf").exists()
