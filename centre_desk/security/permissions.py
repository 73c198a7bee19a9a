"""The permission matrix: role × action × field group, in one place.

Services call `AccessControl.authorize(...)` (security/access.py) for every action;
screens only hide what services would refuse anyway. docs/permissions.md is generated
from this module (`python -m centre_desk.security.permissions`) and a test keeps the two
identical.
"""

from __future__ import annotations

import enum
import sys

from centre_desk.i18n import N_, _
from centre_desk.models.staff import Role


class Action(enum.StrEnum):
    VIEW = "view"
    CREATE = "create"
    EDIT = "edit"
    PRINT = "print"
    EXPORT = "export"
    APPROVE = "approve"
    ADMINISTER = "administer"


class FieldGroup(enum.StrEnum):
    IDENTITY = "identity"
    TRAFFICKING = "trafficking"
    NARRATIVE = "narrative"
    PLACEMENT = "placement"
    LODGING = "lodging"  # rooms, beds, presence (sĩ số), leave; approve = override a room rule, extend a stay;
    # administer = rooms and beds
    HEALTH = "health"
    SENSITIVE_HEALTH = "sensitive_health"
    COUNSELLING = "counselling"  # the counsellor's own notes
    COUNSELLING_SESSIONS = "counselling_sessions"  # sessions held and their shareable summary
    CARE_PLAN = "care_plan"  # needs assessment, the care plan, its reviews and evaluation; approve = the plan
    LEGAL = "legal"
    SCHOOLING = "schooling"  # administer = the catalogue of vocational courses
    ACTIVITIES = "activities"  # group sessions: life skills, recreation, prevention talks, and their attendance
    PAYMENTS = "payments"  # support payments and their lists; administer = the rates
    DISCHARGE = "discharge"  # ending assistance: request, checklist, receiving party; approve = the discharge,
    # a waived checklist item, a reopening; print = the discharge papers; administer = the holiday calendar
    FOLLOW_UP = "follow_up"  # follow-up after reintegration: schedule and contacts; administer = the default schedule
    REGISTER = "register"  # the outgoing-document register (sổ văn bản đi): create = issue a number
    AUDIT = "audit"
    STAFF = "staff"
    SYSTEM = "system"


_LETTERS = {
    "v": Action.VIEW,
    "c": Action.CREATE,
    "e": Action.EDIT,
    "p": Action.PRINT,
    "x": Action.EXPORT,
    "a": Action.APPROVE,
    "d": Action.ADMINISTER,
}

G = FieldGroup
# v view, c create, e edit, p print, x export, a approve, d administer
_MATRIX: dict[Role, dict[FieldGroup, str]] = {
    Role.INTAKE: {
        G.IDENTITY: "vcep", G.TRAFFICKING: "vcep", G.NARRATIVE: "vce", G.PLACEMENT: "vcep", G.LODGING: "vcep",
        G.HEALTH: "vc", G.SENSITIVE_HEALTH: "c", G.COUNSELLING_SESSIONS: "v", G.CARE_PLAN: "vcep", G.LEGAL: "vcep",
        G.SCHOOLING: "vcep", G.ACTIVITIES: "vcep", G.PAYMENTS: "vcep", G.REGISTER: "vc",
        G.DISCHARGE: "vcep", G.FOLLOW_UP: "vcep",
    },
    Role.NURSE: {
        G.IDENTITY: "v", G.PLACEMENT: "v", G.LODGING: "vep", G.HEALTH: "vcep", G.SENSITIVE_HEALTH: "vcep",
        G.COUNSELLING_SESSIONS: "v", G.CARE_PLAN: "v", G.ACTIVITIES: "v",
        G.DISCHARGE: "ve", G.FOLLOW_UP: "v",
    },
    Role.COUNSELLOR: {
        G.IDENTITY: "v", G.TRAFFICKING: "v", G.NARRATIVE: "v", G.PLACEMENT: "v", G.LODGING: "v", G.HEALTH: "v",
        G.COUNSELLING: "vcep", G.COUNSELLING_SESSIONS: "vcep", G.CARE_PLAN: "vcep",
        G.LEGAL: "v", G.SCHOOLING: "vp", G.ACTIVITIES: "vcep",
        G.DISCHARGE: "v", G.FOLLOW_UP: "vcep",
    },
    Role.MANAGER: {
        G.IDENTITY: "vcepxa", G.TRAFFICKING: "vcepxa", G.NARRATIVE: "vcep", G.PLACEMENT: "vcepxa",
        G.LODGING: "vcepxad", G.HEALTH: "vcpxa",
        G.SENSITIVE_HEALTH: "vcp", G.COUNSELLING: "v", G.COUNSELLING_SESSIONS: "vp", G.CARE_PLAN: "vcepxa",
        G.LEGAL: "vcepxa",
        G.SCHOOLING: "vcepxad", G.ACTIVITIES: "vcepxa", G.PAYMENTS: "vcepxad", G.REGISTER: "vc",
        G.DISCHARGE: "vcepxad", G.FOLLOW_UP: "vcepxad",
        G.AUDIT: "vx", G.STAFF: "vd", G.SYSTEM: "ved",
    },
    Role.ADMINISTRATOR: {
        G.STAFF: "vced", G.SYSTEM: "ved",
    },
}  # fmt: skip
del G

PERMISSIONS: dict[Role, dict[FieldGroup, frozenset[Action]]] = {
    role: {group: frozenset(_LETTERS[ch] for ch in groups.get(group, "")) for group in FieldGroup}
    for role, groups in _MATRIX.items()
}


def allowed(roles: frozenset[Role], action: Action, group: FieldGroup) -> bool:
    """True when any of `roles` may do `action` on `group`."""
    return any(action in PERMISSIONS[role][group] for role in roles)


ROLE_NAMES = {
    Role.INTAKE: N_("Intake officer / social worker"),
    Role.NURSE: N_("Nurse"),
    Role.COUNSELLOR: N_("Counsellor"),
    Role.MANAGER: N_("Centre manager"),
    Role.ADMINISTRATOR: N_("System administrator"),
}
ACTION_NAMES = {
    Action.VIEW: N_("view"),
    Action.CREATE: N_("create"),
    Action.EDIT: N_("edit"),
    Action.PRINT: N_("print"),
    Action.EXPORT: N_("export"),
    Action.APPROVE: N_("approve"),
    Action.ADMINISTER: N_("administer"),
}
GROUP_NAMES = {
    FieldGroup.IDENTITY: N_("Identity"),
    FieldGroup.TRAFFICKING: N_("Trafficking history"),
    FieldGroup.NARRATIVE: N_("The person's own account (narrative)"),
    FieldGroup.PLACEMENT: N_("Placement and whereabouts"),
    FieldGroup.LODGING: N_("Rooms, beds and presence"),
    FieldGroup.HEALTH: N_("Health"),
    FieldGroup.SENSITIVE_HEALTH: N_("Sensitive health (HIV, pregnancy)"),
    FieldGroup.COUNSELLING: N_("Counselling notes"),
    FieldGroup.COUNSELLING_SESSIONS: N_("Counselling sessions (shareable summary)"),
    FieldGroup.CARE_PLAN: N_("Care plan (assessment, plan, reviews)"),
    FieldGroup.LEGAL: N_("Legal"),
    FieldGroup.SCHOOLING: N_("Schooling and training"),
    FieldGroup.ACTIVITIES: N_("Group sessions and activities"),
    FieldGroup.PAYMENTS: N_("Support payments"),
    FieldGroup.DISCHARGE: N_("Discharge and hand-over"),
    FieldGroup.FOLLOW_UP: N_("Follow-up after reintegration"),
    FieldGroup.REGISTER: N_("Outgoing-document register"),
    FieldGroup.AUDIT: N_("Audit trail"),
    FieldGroup.STAFF: N_("Staff accounts"),
    FieldGroup.SYSTEM: N_("Settings and backups"),
}


def role_name(role: Role) -> str:
    return _(ROLE_NAMES[role])


def render_markdown() -> str:
    """docs/permissions.md: one table, field groups × roles (in the current language)."""
    roles = list(Role)
    lines = [
        "# " + _("Permissions"),
        "",
        _("Generated from centre_desk/security/permissions.py; a test keeps this file identical to the code."),
        _("Each cell lists what the role may do with that group of fields; a dash means no access."),
        "",
        "| " + _("Field group") + " | " + " | ".join(role_name(r) for r in roles) + " |",
        "|---" * (len(roles) + 1) + "|",
    ]
    for group in FieldGroup:
        cells = []
        for role in roles:
            actions = [a for a in Action if a in PERMISSIONS[role][group]]
            cells.append(", ".join(_(ACTION_NAMES[a]) for a in actions) or "—")
        lines.append(f"| {_(GROUP_NAMES[group])} | " + " | ".join(cells) + " |")
    lines += ["", _("A person with several roles may do what any of their roles allows."), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
