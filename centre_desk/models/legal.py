"""Legal aid (trợ giúp pháp lý) and legal information (hỗ trợ pháp luật): the sessions where she learns her rights,
the legal-aid cases opened for her with a provider, the papers to obtain (identity card, birth certificate,
residence confirmation) and the steps of the proceedings (statement, identification as a victim, trial,
compensation). All four are dated entries (models/entries.py) in the field group LEGAL, declared in
services/legal/kinds.py.

Since 01/07/2025 legal aid is free for victims and people under identification as victims, with no means test
(Law 53/2024 adding point 6a to Art. 7 of the Legal Aid Law 2017).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText
from centre_desk.models.entries import DatedEntry


class LegalInfoSession(DatedEntry, Base):
    """A legal information or counselling session: the topic, who gave it, its length, the interpreter."""

    __tablename__ = "legal_info_session"

    topic: Mapped[str] = mapped_column(NFCText(20))  # rights / support / civil_status / migration / proceedings…
    details: Mapped[str] = mapped_column(NFCText(300), default="")
    form: Mapped[str] = mapped_column(NFCText(10), default="individual")  # individual / group
    given_by: Mapped[str] = mapped_column(NFCText(20))  # centre / legal_aid_centre / police / other
    given_by_name: Mapped[str] = mapped_column(NFCText(200), default="")
    minutes: Mapped[int | None]
    interpreter: Mapped[str] = mapped_column(NFCText(200), default="")
    notes: Mapped[str] = mapped_column(NFCText(2000), default="")


class LegalAidCase(DatedEntry, Base):
    """A request for legal aid: the provider, the matter, what is asked, where it stands, the interpreter and
    her consent to share her record with the provider (occurred_at: the day it was requested)."""

    __tablename__ = "legal_aid_case"

    provider_type: Mapped[str] = mapped_column(NFCText(20))  # state_centre / lawyer / ngo / centre / other
    provider_name: Mapped[str] = mapped_column(NFCText(200), default="")
    contact_person: Mapped[str] = mapped_column(NFCText(200), default="")
    matter: Mapped[str] = mapped_column(NFCText(20))  # identity / civil_status / compensation / testimony / …
    request: Mapped[str] = mapped_column(NFCText(2000))
    status: Mapped[str] = mapped_column(NFCText(20), default="requested")  # requested / in_progress / closed
    closed_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(NFCText(2000), default="")
    interpreter: Mapped[bool] = mapped_column(default=False)
    interpreter_details: Mapped[str] = mapped_column(NFCText(200), default="")  # who, which language
    consent: Mapped[str] = mapped_column(NFCText(20), default="not_asked")  # given / refused / not_asked
    consent_on: Mapped[date | None] = mapped_column(Date)


class LegalPaper(DatedEntry, Base):
    """A paper she needs: which, from which office, where the request stands and its dates."""

    __tablename__ = "legal_paper"

    paper: Mapped[str] = mapped_column(NFCText(30))  # identity_card / birth_certificate / residence / civil_status…
    other_name: Mapped[str] = mapped_column(NFCText(200), default="")
    office: Mapped[str] = mapped_column(NFCText(200), default="")
    status: Mapped[str] = mapped_column(NFCText(20), default="to_apply")  # to_apply / applied / obtained / not_issued
    requested_on: Mapped[date | None] = mapped_column(Date)
    expected_on: Mapped[date | None] = mapped_column(Date)
    obtained_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText(1000), default="")


class LegalStep(DatedEntry, Base):
    """A step of the proceedings before an authority: what, when it is due, when it was done, the document."""

    __tablename__ = "legal_step"
    # the record's list and the Timeline (as every entry); the Overview's steps due: not done, by due date
    __table_args__ = (
        Index("ix_legal_step_timeline", "resident_id", "occurred_at", "id"),
        Index("ix_legal_step_due", "done_on", "due_on"),
    )

    authority: Mapped[str] = mapped_column(NFCText(20))  # police / procuracy / court / legal_aid_centre / other
    authority_name: Mapped[str] = mapped_column(NFCText(200), default="")
    step: Mapped[str] = mapped_column(NFCText(20))  # statement / identification / indictment / hearing / …
    step_detail: Mapped[str] = mapped_column(NFCText(300), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    document: Mapped[str] = mapped_column(NFCText(300), default="")  # number and name
    note: Mapped[str] = mapped_column(NFCText(1000), default="")
