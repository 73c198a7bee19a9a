"""Admission drafts: the wizard's fields saved as the user types, so a crash loses nothing.

A draft belongs to the account that started it; nobody else sees it. The payload is the
screen's own JSON (plain values only); the service does not interpret it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import NotFound, ValidationError
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.resident import AdmissionDraft
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.admission_input import clean_text
from centre_desk.services.concurrency import load_for_edit, stale_guard

MAX_PAYLOAD = 200_000  # characters of JSON: far above any real admission


@dataclass(frozen=True)
class DraftRow:
    id: int
    version: int
    label: str
    created_at: datetime
    updated_at: datetime


def _row(draft: AdmissionDraft) -> DraftRow:
    return DraftRow(draft.id, draft.version, draft.label, draft.created_at, draft.updated_at)


class DraftService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access
        self._clock = clock

    def save(
        self, actor: Actor, draft_id: int | None, version: int | None, label: str, payload: Mapping[str, Any]
    ) -> DraftRow:
        """Create (draft_id None) or overwrite the caller's own draft; Conflict if saved elsewhere since."""
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        if len(text) > MAX_PAYLOAD:
            raise ValidationError("draft", _("The draft is too large to save."))
        label = clean_text(label, "label", _("label"), 200)
        with (
            self._access.unit(actor, Action.CREATE, FieldGroup.IDENTITY, record_type="admission_draft") as (s, cur),
            stale_guard(),
        ):
            now = self._clock()
            if draft_id is None:
                draft = AdmissionDraft(owner_id=cur.account_id, label=label, payload=text, created_at=now)
                s.add(draft)
            else:
                draft = self._own(s, cur, draft_id)
                load_for_edit(s, AdmissionDraft, draft_id, version or 0, _row)
                draft.label = label
                draft.payload = text
            draft.updated_at = now
            s.flush()
            self._audit.record(s, cur, "draft.saved", record_type="admission_draft", record_id=draft.id)
            return _row(draft)

    def mine(self, actor: Actor) -> list[DraftRow]:
        """The caller's drafts, newest first."""
        with self._access.unit(actor, Action.CREATE, FieldGroup.IDENTITY, record_type="admission_draft") as (s, cur):
            rows = s.scalars(
                select(AdmissionDraft)
                .where(AdmissionDraft.owner_id == cur.account_id)
                .order_by(AdmissionDraft.updated_at.desc())
            )
            return [_row(d) for d in rows]

    def load(self, actor: Actor, draft_id: int) -> tuple[DraftRow, dict[str, Any]]:
        with self._access.unit(actor, Action.CREATE, FieldGroup.IDENTITY, record_type="admission_draft") as (s, cur):
            draft = self._own(s, cur, draft_id)
            self._audit.record(s, cur, "draft.opened", record_type="admission_draft", record_id=draft.id)
            payload = json.loads(draft.payload)
            return _row(draft), payload if isinstance(payload, dict) else {}

    def discard(self, actor: Actor, draft_id: int) -> None:
        """Delete the draft (after the admission was saved, or when the user gives it up)."""
        with self._access.unit(actor, Action.CREATE, FieldGroup.IDENTITY, record_type="admission_draft") as (s, cur):
            draft = self._own(s, cur, draft_id)
            s.delete(draft)
            self._audit.record(s, cur, "draft.discarded", record_type="admission_draft", record_id=draft_id)

    @staticmethod
    def _own(s: Session, actor: Actor, draft_id: int) -> AdmissionDraft:
        draft = s.get(AdmissionDraft, draft_id)
        if draft is None or draft.owner_id != actor.account_id:
            raise NotFound(_("The draft no longer exists."))
        return draft
