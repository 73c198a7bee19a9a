"""The permission matrix, enforced at the service layer, equals docs/permissions.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from centre_desk import i18n
from centre_desk.errors import PermissionDenied
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.permissions import (
    ACTION_NAMES,
    GROUP_NAMES,
    PERMISSIONS,
    Action,
    FieldGroup,
    render_markdown,
    role_name,
)
from centre_desk.services.dto import AccountUpdate, NewAccount
from tests.conftest import MANAGER_PASSWORD, Installed

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_document_is_generated_from_the_code() -> None:
    i18n.install("vi")
    assert DOC.read_text(encoding="utf-8") == render_markdown(), "run: python -m centre_desk.security.permissions"


def _documented() -> dict[tuple[str, str, str], bool]:
    """(role column, group, action) -> allowed, parsed back from docs/permissions.md."""
    i18n.install("vi")
    lines = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")][1:]
    by_name = {i18n._(GROUP_NAMES[g]): g for g in FieldGroup}
    action_by_name = {i18n._(ACTION_NAMES[a]): a for a in Action}
    table = {}
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        group = by_name[cells[0]]
        for role_col, cell in zip(header, cells[1:], strict=True):
            granted = {action_by_name[x.strip()] for x in re.split(",", cell) if x.strip() and x.strip() != "—"}
            for action in Action:
                table[(role_col, group, action)] = action in granted
    return table


@pytest.fixture(scope="module")
def documented() -> dict[tuple[str, str, str], bool]:
    return _documented()


@pytest.fixture
def staff(installed: Installed) -> dict[Role, Actor]:
    """One signed-in account per role (created by the manager, password changed)."""
    actors = {Role.MANAGER: installed.manager}
    for role in Role:
        if role is Role.MANAGER:
            continue
        login = f"u_{role.value}"
        installed.centre.accounts.create(
            installed.manager, NewAccount(login, f"Người thử {role.value}", MANAGER_PASSWORD, frozenset({role}))
        )
        actors[role] = installed.centre.accounts.authenticate(login, MANAGER_PASSWORD)
    return actors


CASES = [(role, action, group) for role in Role for group in FieldGroup for action in Action]


def test_every_cell_of_the_matrix_is_enforced_by_the_service_layer(
    installed: Installed, staff: dict[Role, Actor], documented: dict[tuple[str, str, str], bool]
) -> None:
    """Role × action × field group through AccessControl: 0 mismatches with the document."""
    i18n.install("vi")
    mismatches = []
    for role, action, group in CASES:
        try:
            installed.centre.access.require(staff[role], action, group)
            granted = True
        except PermissionDenied:
            granted = False
        expected = documented[(role_name(role), group, action)]
        if granted != expected or granted != (action in PERMISSIONS[role][group]):
            mismatches.append((role, action, group, granted))
    assert mismatches == []
    assert len(CASES) == len(Role) * len(Action) * len(FieldGroup)


def test_role_change_applies_to_the_next_action(installed: Installed, staff: dict[Role, Actor]) -> None:
    nurse = staff[Role.NURSE]
    installed.centre.access.require(nurse, Action.VIEW, FieldGroup.SENSITIVE_HEALTH)
    row = next(a for a in installed.centre.accounts.all_accounts(installed.manager) if a.login == nurse.login)
    installed.centre.accounts.update(
        installed.manager, AccountUpdate(row.id, row.version, row.full_name, frozenset({Role.INTAKE}), True)
    )
    with pytest.raises(PermissionDenied):
        installed.centre.access.require(nurse, Action.VIEW, FieldGroup.SENSITIVE_HEALTH)  # same stale Actor object


def test_disabled_account_is_refused_at_once(installed: Installed, staff: dict[Role, Actor]) -> None:
    intake = staff[Role.INTAKE]
    row = next(a for a in installed.centre.accounts.all_accounts(installed.manager) if a.login == intake.login)
    installed.centre.accounts.update(
        installed.manager, AccountUpdate(row.id, row.version, row.full_name, row.roles, False)
    )
    with pytest.raises(PermissionDenied, match=r"vô hiệu|disabled"):
        installed.centre.access.require(intake, Action.VIEW, FieldGroup.IDENTITY)


def test_refusals_are_audited(installed: Installed, staff: dict[Role, Actor]) -> None:
    from centre_desk.services.audit_view import AuditFilter

    with pytest.raises(PermissionDenied):
        installed.centre.audit_view.search(staff[Role.NURSE], AuditFilter())
    rows = installed.centre.audit_view.search(installed.manager, AuditFilter(action="view.denied"))
    assert [r.login for r in rows] == [staff[Role.NURSE].login]
    assert rows[0].outcome == "denied" and rows[0].field_group == "audit"


def test_administrator_sees_no_case_data(staff: dict[Role, Actor]) -> None:
    admin = staff[Role.ADMINISTRATOR]
    case_groups = set(FieldGroup) - {FieldGroup.STAFF, FieldGroup.SYSTEM}
    assert not any(admin.can(a, g) for a in Action for g in case_groups)
    assert staff[Role.NURSE].can(Action.VIEW, FieldGroup.SENSITIVE_HEALTH)
    assert not staff[Role.INTAKE].can(Action.VIEW, FieldGroup.SENSITIVE_HEALTH)
