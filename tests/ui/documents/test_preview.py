"""The document preview: a real admission paper shown page by page, saved, printed; refusals shown."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.ui.documents import preview
from centre_desk.ui.documents.preview import DocumentPreviewDialog, file_name, preview_paper
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.services.test_documents import admit, service


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
        classmethod(lambda _cls, _parent, title, pdf, name: shown.append((title, len(pdf), name))),
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
