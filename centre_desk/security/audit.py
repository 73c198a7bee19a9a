"""The tamper-evident audit trail.

Each row's MAC is HMAC-SHA256(audit key, previous MAC + the row's fields), so an
edited, deleted or reordered row breaks the chain. The newest (seq, MAC) is also
written to an anchor file outside the database after every commit that appends,
so cutting rows off the end is detected too. Rows hold who, what, when, where and
which record — never field values.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.i18n import _
from centre_desk.models.audit import AuditEvent
from centre_desk.models.base import utcnow
from centre_desk.paths import write_atomic
from centre_desk.security.actor import Actor
from centre_desk.text import nfc

log = logging.getLogger(__name__)

_SEP = "\x1f"
_PG_LOCK_ID = 0x43D5_A0D1  # pg_advisory_xact_lock key serialising appends
_HEAD_KEY = "centre_desk.audit_head"


def _clean(value: str) -> str:
    return nfc(value).replace(_SEP, " ")


def _canonical(seq: int, at_utc: datetime, values: Iterable[object]) -> bytes:
    stamp = at_utc.astimezone(UTC).isoformat(timespec="microseconds")
    parts = [str(seq), stamp, *("" if v is None else str(v) for v in values)]
    return _SEP.join(parts).encode("utf-8")


_FIELDS = (
    "actor_id",
    "actor_login",
    "actor_role",
    "workstation",
    "action",
    "record_type",
    "record_id",
    "field_group",
    "outcome",
)


@dataclass(frozen=True)
class Anchor:
    seq: int
    mac: str
    written_at: str


@dataclass(frozen=True)
class AuditReport:
    rows: int
    last_seq: int
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


class AnchorFile:
    """The chain head kept outside the database, signed with the audit key."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self._lock = threading.Lock()
        self._written = 0  # highest seq written by this process: the anchor never moves back

    def _sign(self, payload: dict[str, Any]) -> str:
        body = json.dumps(payload, sort_keys=True).encode()
        return hmac.new(self._key, b"anchor" + body, hashlib.sha256).hexdigest()

    def write(self, seq: int, mac: str) -> None:
        """Record (seq, mac) as the newest head; commits finishing out of order are ignored."""
        with self._lock:
            if seq <= self._written:
                return
            payload = {"seq": seq, "mac": mac, "written_at": utcnow().isoformat()}
            payload["signature"] = self._sign(payload)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(payload).encode())
            self._written = seq

    def read(self) -> Anchor | None:
        """The anchor, None when there is none; ValueError when it was forged or damaged."""
        if not self.path.exists():
            return None
        payload = json.loads(self.path.read_text(encoding="utf-8"))
        signature = payload.pop("signature", "")
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise ValueError("anchor signature")
        return Anchor(int(payload["seq"]), str(payload["mac"]), str(payload["written_at"]))


class AuditLog:
    def __init__(self, key: bytes, installation_id: str, anchor: AnchorFile | None = None) -> None:
        self._key = key
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)
        self._genesis = hmac.new(key, b"genesis:" + installation_id.encode(), hashlib.sha256).hexdigest()
        self.anchor = anchor
        self.workstation = _clean(socket.gethostname())[:100]

    def _mac(self, prev: str, payload: bytes) -> str:
        mac = self._keyed.copy()
        mac.update(bytes.fromhex(prev))
        mac.update(payload)
        return mac.hexdigest()

    def attach(self, sessions: sessionmaker[Session]) -> None:
        """Write the anchor after every commit that appended audit rows."""
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_soft_rollback", self._after_rollback)

    def _after_commit(self, session: Session) -> None:
        head = session.info.pop(_HEAD_KEY, None)
        if head is not None and self.anchor is not None:
            try:
                self.anchor.write(*head)
            except OSError:
                log.exception("could not write the audit anchor")

    def _after_rollback(self, session: Session, previous_transaction: object) -> None:
        session.info.pop(_HEAD_KEY, None)

    def _last(self, conn: Session) -> tuple[int, str]:
        if conn.get_bind().dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
        row = conn.execute(select(AuditEvent.seq, AuditEvent.mac).order_by(AuditEvent.seq.desc()).limit(1)).first()
        return (0, self._genesis) if row is None else (int(row[0]), str(row[1]))

    def record(
        self,
        s: Session,
        actor: Actor,
        action: str,
        *,
        record_type: str = "",
        record_id: object = "",
        field_group: str = "",
        outcome: str = "ok",
    ) -> int:
        """Append one row inside the caller's transaction; returns its seq."""
        seq, prev = self._last(s)
        consistent = self._matches_anchor(s, seq, prev)
        seq += 1
        at = utcnow()
        values = {
            "actor_id": actor.account_id,
            "actor_login": _clean(actor.login)[:64],
            "actor_role": actor.role_text,
            "workstation": self.workstation,
            "action": action,
            "record_type": record_type,
            "record_id": _clean(str(record_id))[:64],
            "field_group": field_group,
            "outcome": outcome,
        }
        mac = self._mac(prev, _canonical(seq, at, (values[f] for f in _FIELDS)))
        s.execute(insert(AuditEvent).values(seq=seq, at_utc=at, mac=mac, **values))
        if consistent:
            s.info[_HEAD_KEY] = (seq, mac)
        return seq

    def _matches_anchor(self, s: Session, last_seq: int, last_mac: str) -> bool:
        """False when the stored chain no longer contains the anchored head (rows cut off or
        rewritten). The anchor is then left as it is, as evidence for `check`."""
        if self.anchor is None:
            return True
        try:
            anchor = self.anchor.read()
        except (ValueError, KeyError, json.JSONDecodeError):
            anchor = None
            log.error("the audit anchor file is damaged; it is kept as it is")
            return False
        if anchor is None or anchor.seq == 0:
            return True
        if anchor.seq == last_seq:
            stored: str | None = last_mac
        elif anchor.seq > last_seq:
            stored = None
        else:
            stored = s.scalar(select(AuditEvent.mac).where(AuditEvent.seq == anchor.seq))
        if stored is None or not hmac.compare_digest(stored, anchor.mac):
            log.error("the audit trail no longer matches its anchor; the anchor is kept as evidence")
            return False
        return True

    def _rows(self, conn: Connection, batch: int) -> Iterator[Any]:
        columns = [getattr(AuditEvent, f) for f in ("seq", "at_utc", *_FIELDS, "mac")]
        result = conn.execution_options(yield_per=batch).execute(select(*columns).order_by(AuditEvent.seq))
        yield from result

    def verify(self, conn: Connection, *, batch: int = 20_000) -> AuditReport:
        """Recompute the whole chain and compare it with the anchor file."""
        problems: list[str] = []
        prev, expected, count = self._genesis, 1, 0
        macs_at: dict[int, str] = {}
        anchor: Anchor | None = None
        if self.anchor is not None:
            try:
                anchor = self.anchor.read()
            except (ValueError, KeyError, json.JSONDecodeError):
                problems.append(_("The external audit anchor file has been altered."))
        for row in self._rows(conn, batch):
            seq = int(row[0])
            count += 1
            if seq != expected:
                problems.append(_("Audit trail: rows are missing before row {seq}.").format(seq=seq))
                expected = seq
            mac = self._mac(prev, _canonical(seq, row[1], row[2:-1]))
            if not hmac.compare_digest(mac, row[-1]):
                problems.append(_("Audit trail: row {seq} has been altered.").format(seq=seq))
                mac = row[-1]  # continue from the stored value to find further damage
            if anchor is not None and seq == anchor.seq:
                macs_at[seq] = row[-1]
            prev, expected = mac, seq + 1
            if len(problems) > 20:
                break
        last = expected - 1
        if anchor is not None:
            if anchor.seq > last:
                problems.append(_("Audit trail: the last {n} rows have been removed.").format(n=anchor.seq - last))
            elif anchor.seq in macs_at and not hmac.compare_digest(macs_at[anchor.seq], anchor.mac):
                problems.append(_("Audit trail: row {seq} differs from the external anchor.").format(seq=anchor.seq))
        elif self.anchor is not None and not problems and count:
            problems.append(_("The external audit anchor file is missing."))
        return AuditReport(rows=count, last_seq=last, problems=tuple(problems))
