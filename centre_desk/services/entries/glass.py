"""Breaks of the glass and the manager's review of them (the rows the review page lists)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, ValidationError
from centre_desk.i18n import _
from centre_desk.models.entries import GlassBreak, GlassReview
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import GlassBreakRow
from centre_desk.services.entries.kinds import kind
from centre_desk.services.lodging.common import staff_names

SHOWN = 500  # the newest breaks listed


def _kind_title(code: str) -> str:
    try:
        return kind(code).title_text()
    except KeyError:
        return code


def rows(s: Session, include_reviewed: bool, only: int | None = None) -> tuple[GlassBreakRow, ...]:
    query = (
        select(GlassBreak, GlassReview, Resident.code)
        .join(Resident, Resident.id == GlassBreak.resident_id)
        .outerjoin(GlassReview, GlassReview.glass_break_id == GlassBreak.id)
    )
    if only is not None:
        query = query.where(GlassBreak.id == only)
    elif not include_reviewed:
        query = query.where(GlassReview.id.is_(None))
    found = list(s.execute(query.order_by(GlassBreak.at.desc(), GlassBreak.id.desc()).limit(SHOWN)))
    names = staff_names(s, [b.account_id for b, _r, _c in found] + [r.reviewed_by for _b, r, _c in found if r])
    return tuple(
        GlassBreakRow(
            id=b.id,
            at=b.at,
            by=names.get(b.account_id or 0, ""),
            resident_code=code,
            kind_title=_kind_title(b.kind),
            reason=b.reason,
            reviewed=r is not None,
            reviewed_by=names.get(r.reviewed_by or 0, "") if r else "",
            justified=r.justified if r else None,
            review_note=r.note if r else "",
        )
        for b, r, code in found
    )


def row(s: Session, break_id: int) -> GlassBreakRow:
    found = rows(s, True, only=break_id)
    if not found:
        raise NotFound(_("The record no longer exists."))
    return found[0]


def review(s: Session, actor: Actor, break_id: int, justified: bool, note: str, now: datetime) -> None:
    if s.get(GlassBreak, break_id) is None:
        raise NotFound(_("The record no longer exists."))
    if s.scalar(select(GlassReview.id).where(GlassReview.glass_break_id == break_id)) is not None:
        raise ValidationError("review", _("This access has been reviewed already."))
    note = note.strip()
    if not justified and len(note) < 5:
        raise ValidationError("note", _("Write what was wrong with this access (at least 5 characters)."))
    s.add(GlassReview(glass_break_id=break_id, reviewed_by=actor.account_id, reviewed_at=now, justified=justified,
                      note=note[:1000]))  # fmt: skip
