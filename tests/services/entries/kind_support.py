"""A kind of dated entry declared by the tests alone ("phone call home"), on a metadata of its own: it shows
that a later capability adds a kind by declaring it — the service, the tab, the list, the Timeline, the audit
and the permissions come with no code of its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from centre_desk.i18n import N_
from centre_desk.models.base import NAMING_CONVENTION, NFCText
from centre_desk.models.entries import DatedEntry
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries import kinds
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.services.entries.kinds import EntryKind, Restriction, Values
from centre_desk.services.installation import Centre


class TestBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PhoneCall(DatedEntry, TestBase):
    __tablename__ = "test_phone_call"

    who: Mapped[str] = mapped_column(NFCText(100))
    minutes: Mapped[int | None]
    mood: Mapped[str] = mapped_column(NFCText(10), default="")
    worrying: Mapped[bool] = mapped_column(default=False)


def _summary(values: Values) -> str:
    return f"{values.get('who')} ({values.get('minutes') or '?'} min)"


PHONE_CALL = EntryKind(
    code="test_phone_call", model=PhoneCall, title=N_("Phone call home"), plural=N_("Phone calls home"),
    group=FieldGroup.LEGAL, tab="test_calls", restriction=Restriction.OPTIONAL, summary=_summary,
    flag=lambda values: bool(values.get("worrying")),
    fields=(
        Field("who", "Who she called", required=True, max_length=100, in_list=True),
        Field("minutes", "Minutes", FieldType.INTEGER, minimum=Decimal(1), maximum=Decimal(120), in_list=True),
        Field("mood", "Mood after", FieldType.CHOICE, choices=(("calm", "Calm"), ("upset", "Upset"))),
        Field("worrying", "Something worrying was said", FieldType.FLAG),
    ),
)  # fmt: skip


@pytest.fixture
def phone_kind(installed_centre: Centre) -> Iterator[EntryKind]:
    """The test kind registered and its table created in the installation's database."""
    PhoneCall.__table__.create(installed_centre.engine)  # type: ignore[attr-defined]
    kinds.register(PHONE_CALL)
    yield PHONE_CALL
    kinds.unregister(PHONE_CALL.code)


def moment(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)
