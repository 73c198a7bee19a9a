"""What the document service hands to screens and the command line: frozen data, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the outgoing-document register (sổ đăng ký văn bản đi)."""

    id: int
    number: int
    number_text: str  # "12/QĐ-CSBTXH" (a leading 0 below 10: "05/QĐ-CSBTXH")
    year: int
    kind_code: str  # "QĐ", "BB"
    paper_kind: str  # "admission-decision"
    document_date: date
    subject: str  # trích yếu
    resident_id: int | None  # None: a paper of the centre (a payment list)
    resident_code: str  # "" for a paper of the centre
    resident_label: str  # the name with identity access, otherwise the alias
    signer_name: str
    signer_title: str
    issued_at: datetime
    issued_by: str  # "Lò Thị Xuân (xuanlt)"; "" for demo data
    copies: int  # reprints marked "BẢN SAO"
    sha256: str


@dataclass(frozen=True)
class RegisterFilter:
    """Which register lines to list; empty fields do not filter."""

    year: int | None = None
    kind_code: str = ""
    resident_code: str = ""  # the whole code or its beginning, any case
    date_from: date | None = None  # on the document's date, both ends included
    date_to: date | None = None


@dataclass(frozen=True)
class RegisterPage:
    entries: tuple[RegisterEntry, ...]
    truncated: bool  # more lines matched than are listed (narrow the filter)


@dataclass(frozen=True)
class PaperPreview:
    """A paper as it shows on screen before printing.

    `registered`: printing it takes a number from the register. `entry`: it was issued already, and what is
    shown is the copy a reprint gives ("BẢN SAO", same number). `warnings`: what will stop or mar the print
    (translated), e.g. an empty founding decision.
    """

    kind: str
    resident_code: str
    pdf: bytes
    registered: bool
    entry: RegisterEntry | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssuedPaper:
    """A paper printed for real: the PDF to print or save, and its register line (None for a paper that
    takes no number). `copy`: a reprint of a paper issued before, marked "BẢN SAO"."""

    kind: str
    resident_code: str
    pdf: bytes
    entry: RegisterEntry | None
    copy: bool = False


@dataclass(frozen=True)
class FileCheck:
    """What the register knows of a PDF file, by its SHA-256: the line it belongs to, and whether the file is
    the issued original or one of its copies."""

    entry: RegisterEntry
    copy: bool
    printed_at: datetime
