"""The outgoing-document register (sổ đăng ký văn bản đi): every decision and record the centre issues.

One `OutgoingDocument` row per number: the number restarts at 1 each year for each kind of document
(Decree 30/2020 Art. 15; the symbol's type part from Phụ lục III: QĐ, BB). `DocumentCounter` holds the
last number given per (year, kind) and is locked while the next one is taken, so two computers printing
at the same moment never get the same number; the unique constraints are the last line of defence.

A paper is issued once per admission and kind; printing it again records an `OutgoingCopy` (a "BẢN SAO"
with the same number). The row keeps what was printed (`snapshot`, the paper's input as JSON) so that a
copy shows exactly the issued text even after the record is corrected, and the SHA-256 of the PDF, so a
file can be checked against the register. Rows are never changed after they are written.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime


class DocumentCounter(Base):
    """The last number given per (year, kind of document)."""

    __tablename__ = "document_counter"

    year: Mapped[int] = mapped_column(primary_key=True)
    kind_code: Mapped[str] = mapped_column(NFCText(10), primary_key=True)  # "QĐ", "BB"
    last: Mapped[int]


class OutgoingDocument(Base):
    __tablename__ = "outgoing_document"
    __table_args__ = (
        UniqueConstraint("year", "kind_code", "number", name="uq_outgoing_document_number"),
        UniqueConstraint("admission_id", "paper_kind", name="uq_outgoing_document_paper"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    kind_code: Mapped[str] = mapped_column(NFCText(10))
    number: Mapped[int]
    symbol: Mapped[str] = mapped_column(NFCText(60))  # "QĐ-CSBTXH", as printed after the number
    paper_kind: Mapped[str] = mapped_column(NFCText(40))  # "admission-decision"
    document_date: Mapped[date] = mapped_column(Date, index=True)  # the date the paper bears
    subject: Mapped[str] = mapped_column(NFCText(300))  # trích yếu: "Về việc tiếp nhận đối tượng vào …"
    # the resident and admission a paper is about; None for a paper of the centre (a payment list, migration 0015)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), index=True)
    admission_id: Mapped[int | None] = mapped_column(ForeignKey("admission.id"))
    signer_name: Mapped[str] = mapped_column(NFCText(200))
    signer_title: Mapped[str] = mapped_column(NFCText(200))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    sha256: Mapped[str] = mapped_column(NFCText(64), index=True)  # "" when no file was made (demo data)
    snapshot: Mapped[str] = mapped_column(Text)  # the paper's input as printed (JSON)


class OutgoingCopy(Base):
    """One reprint of an issued paper, marked "BẢN SAO"."""

    __tablename__ = "outgoing_copy"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("outgoing_document.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    printed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    sha256: Mapped[str] = mapped_column(NFCText(64), index=True)
