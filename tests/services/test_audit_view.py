"""The audit viewer: records named by code or login, phrases beside codes in the CSV, filters, audited reads."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from centre_desk.errors import AuthenticationFailed
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.audit_terms import describe_action
from centre_desk.services.audit_view import AuditFilter, AuditRow, csv_header, safe_cell
from centre_desk.services.dto import NewAccount
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import admit


def test_filters(installed: Installed) -> None:
    view, manager = installed.centre.audit_view, installed.manager
    with pytest.raises(AuthenticationFailed):
        installed.centre.accounts.authenticate("ke-la", "đoán bừa")
    assert {r.login for r in view.search(manager, AuditFilter(login="ke-la"))} == {"ke-la"}
    assert all(r.action.startswith("account.") for r in view.search(manager, AuditFilter(action="account.")))
    today = date.today()
    assert view.search(manager, AuditFilter(date_from=today, date_to=today))
    assert view.search(manager, AuditFilter(date_to=today - timedelta(days=2))) == []
    assert [
        r.record_id for r in view.search(manager, AuditFilter(record="staff_account:1", action="account.created"))
    ] == ["1"]
    failed = view.search(manager, AuditFilter(outcome="failed"))
    assert failed and {(r.login, r.outcome) for r in failed} == {("ke-la", "failed")}


@contextmanager
def _selects(installed: Installed) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = installed.centre.engine

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "audit_event" not in statement:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_records_read_as_codes_and_logins_with_one_query(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    nurse = centre.accounts.create(
        manager, NewAccount("yta.lan", "Lò Thị Lan", "Hoa ban trắng nở 2026", frozenset({Role.NURSE}))
    )
    admitted = [admit(centre, manager, name) for name in ("Giàng Thị Mỷ", "Sùng Thị Dợ", "Lò Thị Ban")]
    for row in admitted:
        centre.residents.record(manager, row.resident_id)
        centre.documents.render(manager, "admission-decision", row.resident_id)
    with _selects(installed) as statements:
        rows = centre.audit_view.search(manager, AuditFilter())
    # the access check reads the account; the labels of the whole page come in one more statement
    assert len([s for s in statements if "resident" in s]) == 1

    about = {(r.action, r.record) for r in rows}
    for row in admitted:
        assert ("resident.admitted", row.code) in about
        assert ("resident.viewed", row.code) in about
        assert ("document.previewed.admission-decision", row.code) in about
    assert ("account.created", "yta.lan") in about
    assert {r.record for r in rows if r.action == "login"} == {""}  # the row's own login says who signed in
    shown = " ".join(r.record for r in rows)
    assert "resident:" not in shown and "staff_account:" not in shown
    assert not any(r.record.isdigit() for r in rows)  # never a bare database id
    exported = centre.audit_view.search(manager, AuditFilter(action="audit.viewed"))
    assert exported and exported[0].record == ""

    by_code = centre.audit_view.search(manager, AuditFilter(record=admitted[1].code.lower()))
    assert by_code and {r.record for r in by_code} == {admitted[1].code}
    about_her = {"resident.admitted", "resident.viewed", "document.previewed.admission-decision"}
    assert about_her <= {r.action for r in by_code}
    by_login = centre.audit_view.search(manager, AuditFilter(record="YTA.LAN"))
    assert by_login and {(r.record_type, r.record_id) for r in by_login} == {("staff_account", str(nurse.id))}
    printed = centre.audit_view.search(manager, AuditFilter(action="document.previewed."))
    assert len(printed) == 3 and {describe_action(r.action) for r in printed} == {_("Previewed the admission decision")}


def test_viewing_and_exporting_are_audited(installed: Installed, tmp_path: Path) -> None:
    view, manager = installed.centre.audit_view, installed.manager
    with pytest.raises(AuthenticationFailed):
        installed.centre.accounts.authenticate('=HYPERLINK("x")', MANAGER_PASSWORD)
    row = admit(installed.centre, manager, "Vàng Thị Sua")
    count = view.export_csv(manager, AuditFilter(), tmp_path / "nhat-ky.csv")
    with (tmp_path / "nhat-ky.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == count + 1
    header = rows[0]
    assert header == csv_header()
    for phrase, code in ((_("Action"), _("Action code")), (_("Record"), _("Record code")),
                         (_("Outcome"), _("Outcome code")), (_("Role"), _("Role code"))):  # fmt: skip
        assert header.index(code) == header.index(phrase) + 1
    column = {name: header.index(name) for name in header}
    admitted = next(r for r in rows[1:] if r[column[_("Action code")]] == "resident.admitted")
    assert admitted[column[_("Action")]] == _("Admitted a resident")
    assert admitted[column[_("Record")]] == row.code
    assert admitted[column[_("Record code")]] == f"resident:{row.resident_id}"
    assert admitted[column[_("Outcome")]] == _("Done") and admitted[column[_("Outcome code")]] == "ok"
    cells = [c for line in rows[1:] for c in line]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'=") for c in cells)
    view.search(manager, AuditFilter(action="audit."))  # a search is audited after it has read
    actions = [r.action for r in view.search(manager, AuditFilter(action="audit."))]
    assert actions[:2] == ["audit.viewed", "audit.exported"]
    exported = view.search(manager, AuditFilter(action="audit.exported"))[0]
    assert exported.record == _("{count} rows").format(count=count)


def test_a_refusal_reads_as_not_allowed(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    row = admit(centre, manager, "Hầu Thị Chớ")
    created = centre.accounts.create(
        manager, NewAccount("tuvan.dua", "Giàng Thị Dua", "Suối trong bản xa 2026", frozenset({Role.ADMINISTRATOR}))
    )
    admin = Actor(created.id, created.login, created.roles)
    with pytest.raises(Exception, match=_("Your account is not allowed to do this.")):
        centre.documents.issue_by_code(admin, "admission-record", row.code)
    refused = centre.audit_view.search(manager, AuditFilter(outcome="denied"))
    assert [(r.action, r.record, r.outcome) for r in refused] == [("print.denied", row.code, "denied")]
    assert describe_action(refused[0].action, "denied") == _("Not allowed to {action}").format(action=_("print"))


def test_rows_without_a_label_never_show_an_id() -> None:
    from datetime import UTC, datetime

    gone = AuditRow(1, datetime.now(UTC), "giamdoc", "manager", "pc", "resident.viewed", "resident", "301", "", "ok")
    assert gone.record == _("(no longer in the database)")
    draft = AuditRow(2, datetime.now(UTC), "giamdoc", "manager", "pc", "draft.saved", "admission_draft", "12", "", "ok")
    assert draft.record == _("draft no. {number}").format(number="12")


@pytest.mark.parametrize(
    ("raw", "safe"), [("=1+1", "'=1+1"), ("+84", "'+84"), ("-x", "'-x"), ("@a", "'@a"), ("bình thường", "bình thường")]
)
def test_safe_cell(raw: str, safe: str) -> None:
    assert safe_cell(raw) == safe
