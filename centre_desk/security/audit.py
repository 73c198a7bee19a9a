"""The tamper-evident audit trail.

Each row's MAC is HMAC-SHA256(audit key, previous MAC + the row's fields), so an
edited, deleted or reordered row breaks the chain. The newest (seq, MAC) is also
kept outside the database (security/anchors.py: a file, the system keyring, every
backup), so cutting rows off the end is detected too. Rows hold who, what, when,
where and which record — never field values. docs/threat-model.md says what this
does and does not prove.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import socket
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, event, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.db.engine import storage_error
from centre_desk.errors import StorageError
from centre_desk.i18n import _
from centre_desk.models.audit import AuditEvent
from centre_desk.models.base import utcnow
from centre_desk.security.actor import Actor
from centre_desk.security.anchors import Anchor, AnchorFile, KeyringCopy
from centre_desk.security.audit_chain import FIELDS as _FIELDS
from centre_desk.security.audit_chain import SEP as _SEP
from centre_desk.security.audit_chain import ChainMac, payload_sql
from centre_desk.security.audit_chain import canonical as _canonical
from centre_desk.text import nfc

log = logging.getLogger(__name__)

_PG_LOCK_ID = 0x43D5_A0D1  # pg_advisory_xact_lock key serialising appends
_HEAD_KEY = "centre_desk.audit_head"
RESTORED = "backup.restored"


def _clean(value: str) -> str:
    return nfc(value).replace(_SEP, " ")


@dataclass(frozen=True)
class Witness:
    """A copy of the head that the chain must contain: an anchor copy or a backup's last row."""

    label: str  # for messages: "the backup of 07/12/2026 14:05"
    seq: int
    mac: str
    made_at: datetime


@dataclass(frozen=True)
class AuditReport:
    rows: int
    last_seq: int
    problems: tuple[str, ...] = field(default_factory=tuple)
    copies_ok: bool = True  # False: a copy of the head is missing, altered, older or not matched

    @property
    def ok(self) -> bool:
        return not self.problems


class AuditLog:
    """Appends rows to the chain and keeps the copies of its head (see security/anchors.py).

    Before the first row a process writes, the chain is compared with the copies of its head (the
    tail check: two reads and at most two indexed lookups, whatever the chain's length). Rows cut
    off the end are then left as a gap in the numbering: the next row gets the number after the
    last one the copies knew, so the loss stays visible, with its exact size, for every later
    `check`. A chain that no longer matches a copy in any other way leaves the copies as they are,
    as evidence, until a manager repairs (`check --repair`).
    """

    def __init__(
        self,
        key: bytes,
        installation_id: str,
        anchor: AnchorFile | None = None,
        copy: KeyringCopy | None = None,
        *,
        shared: bool = False,
    ) -> None:
        """`shared`: a server database that several computers use, each with its own copies; a
        computer using it for the first time has none yet. A file database has its anchor file
        from its first row on: a missing one is an alarm."""
        self._keyed = ChainMac(key)
        self._genesis = hmac.new(key, b"genesis:" + installation_id.encode(), hashlib.sha256).hexdigest()
        self.anchor = anchor
        self.copy = copy
        self.workstation = _clean(socket.gethostname())[:100]
        self._shared = shared
        self._state = threading.Lock()
        self._known: tuple[int, str] | None = None  # the head this process trusts; None: not read yet
        self._frozen = False  # copies kept as evidence until a repair
        self.alarm: str | None = None  # what the tail check found (English, for the log)

    def _mac(self, prev: str, payload: bytes) -> str:
        return self._keyed.hexdigest(prev, payload)

    def attach(self, sessions: sessionmaker[Session]) -> None:
        """Move the copies of the head after every commit that appended audit rows."""
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_soft_rollback", self._after_rollback)

    def _after_commit(self, session: Session) -> None:
        head = session.info.pop(_HEAD_KEY, None)
        if head is None:
            return
        with self._state:
            if self._known is None or head[0] > self._known[0]:
                self._known = head
            frozen = self._frozen
        if frozen:
            return
        try:
            if self.anchor is not None:
                self.anchor.write(*head)
            if self.copy is not None:
                self.copy.write(*head)
        except (OSError, StorageError):
            log.exception("could not write the audit anchor")

    def _after_rollback(self, session: Session, previous_transaction: object) -> None:
        session.info.pop(_HEAD_KEY, None)

    def flush(self) -> None:
        """Bring the keyring copy up to date (when closing, before a backup)."""
        if self.copy is not None and not self._frozen:
            self.copy.flush()

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
        last, prev = self._last(s)
        seq = self._next_seq(s, last, prev)
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
        s.info[_HEAD_KEY] = (seq, mac)
        return seq

    # -- the tail check ---------------------------------------------------------------------------
    def _next_seq(self, s: Session, last: int, last_mac: str) -> int:
        if self.anchor is None and self.copy is None:
            return last + 1
        with self._state:
            if self._known is None:
                self._known = self._durable_head(s, last, last_mac)
            known_seq, known_mac = self._known
            frozen = self._frozen
        if known_seq == 0:
            return last + 1
        if known_seq > last:
            self._raise_alarm(
                f"the audit trail ends at row {last} but reached row {known_seq}: "
                f"{known_seq - last} rows are missing; numbering goes on after them"
            )
            return known_seq + 1
        if not frozen and not self._contains(s, known_seq, known_mac, last, last_mac):
            self._raise_alarm(f"row {known_seq} of the audit trail differs from its copies; they are kept")
            self._frozen = True
        return last + 1

    def _durable_head(self, s: Session, last: int, last_mac: str) -> tuple[int, str]:
        """The newest copy that belongs to this chain's history (copies from before a restore do not)."""
        copies: list[Anchor] = []
        file_anchor = keyring_anchor = None
        for source in (self.anchor, self.copy):
            if source is None:
                continue
            try:
                found = source.read()
            except ValueError:
                self._raise_alarm("a copy of the audit head was forged or damaged; the copies are kept")
                self._frozen = True
                continue
            except OSError:
                continue
            if found is not None and found.seq > 0:
                copies.append(found)
                if source is self.anchor:
                    file_anchor = found
                else:
                    keyring_anchor = found
        restored_at = self._restored_at(s)
        current = [
            a
            for a in copies
            if restored_at is None or a.written >= restored_at or self._contains(s, a.seq, a.mac, last, last_mac)
        ]
        if keyring_anchor in current and (file_anchor is None or file_anchor.seq < keyring_anchor.seq):
            self._raise_alarm("the audit anchor file is missing or older than the copy in the system keyring")
        alone = keyring_anchor is None or keyring_anchor not in current  # nothing else tells the end
        if file_anchor is None and last > 0 and self.anchor is not None and alone and not self._shared:
            self._raise_alarm("the audit anchor file is missing; a new one is made only on repair")
            self._frozen = True
        best = max(current, key=lambda a: a.seq, default=None)
        return (0, self._genesis) if best is None else (best.seq, best.mac)

    def _file_expected(self, keyring_anchor: Anchor | None) -> bool:
        """Whether this computer must already have an anchor file for a chain that has rows."""
        return not self._shared or keyring_anchor is not None

    def _contains(self, s: Session, seq: int, mac: str, last: int, last_mac: str) -> bool:
        if seq > last:
            return False
        stored = last_mac if seq == last else s.scalar(select(AuditEvent.mac).where(AuditEvent.seq == seq))
        return stored is not None and hmac.compare_digest(str(stored), mac)

    def _restored_at(self, s: Session) -> datetime | None:
        """When the newest genuine `backup.restored` row was written (its MAC checked)."""
        newest = select(*_columns()).where(AuditEvent.action == RESTORED).order_by(AuditEvent.seq.desc()).limit(1)
        row = s.execute(newest).first()
        if row is None:
            return None
        prev = s.scalar(select(AuditEvent.mac).where(AuditEvent.seq < row[0]).order_by(AuditEvent.seq.desc()).limit(1))
        mac = self._mac(prev or self._genesis, _canonical(int(row[0]), row[1], row[2:-1]))
        return _aware(row[1]) if hmac.compare_digest(mac, str(row[-1])) else None

    def _raise_alarm(self, message: str) -> None:
        if self.alarm != message:
            log.error("audit trail: %s", message)
        self.alarm = message

    def reset_head(self, s: Session) -> tuple[int, int]:
        """Make the chain's present end the head in every copy: after a restore, or on an explicit
        repair. Returns (previous head known here, new head)."""
        seq, mac = self._last(s)
        with self._state:
            previous = self._known[0] if self._known is not None else 0
            if self.anchor is not None:
                self.anchor.write(seq, mac, force=True)
            if self.copy is not None:
                self.copy.write(seq, mac, force=True)
            self._known, self._frozen, self.alarm = (seq, mac), False, None
        return previous, seq

    # -- full verification ------------------------------------------------------------------------
    def _rows(self, conn: Connection, batch: int) -> Iterator[Sequence[Any]]:
        """(seq, canonical text, action, mac) in seq order, in batches of the driver's own tuples."""
        name, version = conn.dialect.name, conn.dialect.server_version_info or ()
        sql = payload_sql(name, concat_ws=name != "sqlite" or version >= (3, 44))
        if sql is None:  # an engine payload_sql does not know: the typed rows, the canonical made here
            for row in conn.execution_options(yield_per=batch).execute(select(*_columns()).order_by(AuditEvent.seq)):
                yield row[0], _canonical(row[0], row[1], row[2:-1]).decode(), row[_ACTION_AT], row[-1]
            return
        if conn.dialect.name != "sqlite":  # a server-side cursor: the rows never all in memory
            yield from conn.execution_options(stream_results=True, yield_per=batch).exec_driver_sql(sql)
            return
        cursor = conn.exec_driver_sql(sql).cursor  # SQLite's rows as tuples: no Row object per row (≈ 40% faster)
        while True:
            try:
                part = cursor.fetchmany(batch)
            except conn.dialect.loaded_dbapi.Error as exc:  # SQLAlchemy no longer sees these: translated here
                raise storage_error(exc) or exc from exc
            if not part:
                return
            yield from part

    def _typed(self, conn: Connection, seq: int) -> Any:
        """One row read through the model's types: at_utc as a datetime, as `record` had it."""
        return conn.execute(select(*_columns()).where(AuditEvent.seq == seq)).one()

    def _copies(self, problems: list[str]) -> tuple[Anchor | None, Anchor | None]:
        found: list[Anchor | None] = []
        for source, altered in (
            (self.anchor, _("The external audit anchor file has been altered.")),
            (self.copy, _("The copy of the audit trail's end in the system keyring has been altered.")),
        ):
            try:
                found.append(None if source is None else source.read())
            except ValueError:
                problems.append(altered)
                found.append(None)
        return found[0], found[1]

    def verify(self, conn: Connection, witnesses: Iterable[Witness] = (), *, batch: int = 20_000) -> AuditReport:
        """Recompute the whole chain; compare it with every copy of its head. Writes nothing."""
        problems: list[str] = []
        file_anchor, keyring_anchor = self._copies(problems)
        copy_problems = len(problems)
        copies = list(witnesses)
        if file_anchor is not None:
            copies.append(Witness(_("the external anchor file"), file_anchor.seq, file_anchor.mac, file_anchor.written))
        if keyring_anchor is not None:
            label = _("the copy in the system keyring")
            copies.append(Witness(label, keyring_anchor.seq, keyring_anchor.mac, keyring_anchor.written))
        wanted = {w.seq for w in copies}
        expected, count = 1, 0
        macs_at: dict[int, str] = {}
        restored_at: datetime | None = None
        digest, compare = self._keyed.digest, hmac.compare_digest
        chain = bytes.fromhex(self._genesis)
        for seq, payload, action, stored in self._rows(conn, batch):
            count += 1
            if seq != expected:
                problems.append(
                    _("Audit trail: {n} rows are missing before row {seq}.").format(n=seq - expected, seq=seq)
                )
            mac = digest(chain, payload.encode()) if payload is not None else b""
            if not compare(mac.hex(), stored):  # the typed row decides, with the canonical `record` made
                row = self._typed(conn, seq)
                typed = self._mac(chain.hex(), _canonical(seq, row[1], row[2:-1]))
                if not compare(typed, stored):
                    problems.append(_("Audit trail: row {seq} has been altered.").format(seq=seq))
                    typed = stored  # continue from the stored value to find further damage
                mac = bytes.fromhex(typed)
            elif action == RESTORED:
                restored_at = _aware(self._typed(conn, seq)[1])
            if seq in wanted:
                macs_at[seq] = stored
            chain, expected = mac, seq + 1
            if len(problems) > 20:
                break
        last = expected - 1
        chain_problems = problems[copy_problems:]
        del problems[copy_problems:]
        current = [w for w in copies if restored_at is None or w.made_at >= restored_at or macs_at.get(w.seq) == w.mac]
        problems.extend(_compare(current, last, macs_at))
        if keyring_anchor is not None and any(w.seq == keyring_anchor.seq for w in current):
            if file_anchor is None and count:
                problems.append(
                    _(
                        "The external audit anchor file is missing, although the copy in the system keyring "
                        "records the trail up to row {seq}."
                    ).format(seq=keyring_anchor.seq)
                )
            elif file_anchor is not None and file_anchor.seq < keyring_anchor.seq:
                problems.append(
                    _(
                        "The external audit anchor file has been replaced by an older copy: it ends at row {old}, "
                        "the copy in the system keyring at row {new}."
                    ).format(old=file_anchor.seq, new=keyring_anchor.seq)
                )
        missing = self.anchor is not None and file_anchor is None and count
        if missing and not problems and self._file_expected(keyring_anchor):
            problems.append(_("The external audit anchor file is missing."))
        copies_ok = not problems
        return AuditReport(count, last, tuple(chain_problems + problems), copies_ok)


_ACTION_AT = 2 + _FIELDS.index("action")


def _columns() -> list[Any]:
    """seq, at_utc, the MAC'd fields, mac: the order _canonical and verify read them in."""
    return [getattr(AuditEvent, f) for f in ("seq", "at_utc", *_FIELDS, "mac")]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _compare(copies: list[Witness], last: int, macs_at: dict[int, str]) -> list[str]:
    """What the copies of the head say about the chain: cut off, or rewritten."""
    problems: list[str] = []
    beyond = max((w for w in copies if w.seq > last), key=lambda w: w.seq, default=None)
    if beyond is not None:
        problems.append(
            _("Audit trail: the last {n} rows have been removed ({source} records the trail up to row {seq}).").format(
                n=beyond.seq - last, source=beyond.label, seq=beyond.seq
            )
        )
    seen: set[int] = set()
    for w in copies:
        if w.seq <= last and w.seq not in seen and not hmac.compare_digest(macs_at.get(w.seq, ""), w.mac):
            seen.add(w.seq)
            problems.append(_("Audit trail: row {seq} differs from {source}.").format(seq=w.seq, source=w.label))
    return problems
