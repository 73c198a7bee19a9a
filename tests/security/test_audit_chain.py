"""The fast MAC and the database-made canonical text give exactly what `record` computes."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from centre_desk.security.audit_chain import FIELDS, ChainMac, canonical, payload_sql
from tests.conftest import Installed
from tests.security.test_audit import DROP_GUARDS


@given(key=st.binary(min_size=1, max_size=200), prev=st.binary(min_size=32, max_size=32), payload=st.binary())
def test_chain_mac_is_hmac_sha256(key: bytes, prev: bytes, payload: bytes) -> None:
    assert ChainMac(key).digest(prev, payload) == hmac.new(key, prev + payload, hashlib.sha256).digest()


@pytest.mark.parametrize("concat_ws", [True, False])
def test_database_payload_equals_canonical(installed: Installed, concat_ws: bool) -> None:
    with installed.centre.engine.connect() as conn:
        sql = payload_sql(conn.dialect.name, concat_ws=concat_ws)
        assert sql is not None
        made = {seq: payload for seq, payload, _action, _mac in conn.exec_driver_sql(sql)}
        columns = ", ".join(("seq", "at_utc", *FIELDS))
        typed = conn.execute(text(f"SELECT {columns} FROM audit_event")).all()
    assert made
    for seq, at, *values in typed:
        at = at if isinstance(at, datetime) else datetime.fromisoformat(at)
        assert made[seq].encode() == canonical(seq, at.replace(tzinfo=UTC), values)


def test_unknown_engine_has_no_sql() -> None:
    assert payload_sql("oracle") is None


def test_a_row_stored_in_another_time_format_is_checked_through_its_type(installed: Installed) -> None:
    """SQLite: at_utc text without microseconds (not what SQLAlchemy writes): read typed, still verified."""
    engine, audit = installed.centre.engine, installed.centre.audit
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL stores a timestamp")
    with engine.begin() as conn:
        seq, prev = conn.execute(text("SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1")).one()
        at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        values = (None, "x", "y", "pc", "test.row", "", "", "", "ok")
        mac = audit._mac(prev, canonical(seq + 1, at, values))
        for statement in DROP_GUARDS["sqlite"]:
            conn.execute(text(statement))
        conn.execute(
            text(f"INSERT INTO audit_event (seq, at_utc, {', '.join(FIELDS)}, mac) VALUES "
                 "(:seq, '2026-01-02 03:04:05', NULL, 'x', 'y', 'pc', 'test.row', '', '', '', 'ok', :mac)"),
            {"seq": seq + 1, "mac": mac},
        )  # fmt: skip
    with engine.connect() as conn:
        report = audit.verify(conn)
        assert report.rows == seq + 1
        assert not [p for p in report.problems if "altered" in p or "missing before" in p]
