"""Printable documents and the outgoing-document register (sổ đăng ký văn bản đi).

* `service` — DocumentService: preview, issue (numbered from the register, or a "BẢN SAO" copy), the
  register's lines and file checks; access control and audit;
* `paper` — the papers' input from the database; `words` — the Vietnamese words printed for stored values;
* `register` — numbers, register lines and copies inside a transaction; `snapshot` — what an issued paper
  said, as JSON; `dto` — what screens and the command line receive.
"""

from centre_desk.services.documents.dto import (
    FileCheck,
    IssuedPaper,
    PaperPreview,
    RegisterEntry,
    RegisterFilter,
    RegisterPage,
)
from centre_desk.services.documents.service import KINDS, REGISTERED, DocumentService

__all__ = [
    "KINDS",
    "REGISTERED",
    "DocumentService",
    "FileCheck",
    "IssuedPaper",
    "PaperPreview",
    "RegisterEntry",
    "RegisterFilter",
    "RegisterPage",
]
