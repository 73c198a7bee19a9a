"""The audit trail in words: a phrase for every action code the program writes, names for outcomes and records.

The trail stores machine codes ("resident.viewed", "document.printed.admission-decision"); the viewer
and the CSV export show them as a register would ("Xem hồ sơ", "In Quyết định tiếp nhận") and keep
the codes beside them. tests/services/test_audit_terms.py checks that every code written anywhere in
centre_desk has a phrase here.
"""

from __future__ import annotations

from dataclasses import dataclass

from centre_desk.i18n import N_, _
from centre_desk.models.staff import Role
from centre_desk.security.permissions import ACTION_NAMES, GROUP_NAMES, Action, FieldGroup, role_name

# A paper's actions are "<prefix>.<kind>", e.g. "document.issued.admission-decision"
# (services/documents/service.py writes them; this module stays free of the reports' imports).
PREVIEWED, ISSUED, COPIED, PRINTED = "document.previewed", "document.issued", "document.copied", "document.printed"
DOCUMENT = "document."
DENIED_SUFFIX = ".denied"  # a refused permission is "<Action>.denied", outcome "denied"

# Sign-in and screen unlock are recorded under one code whatever happened; the outcome tells.
_ATTEMPTS = {
    ("login", "ok"): N_("Signed in"),
    ("login", "failed"): N_("Failed sign-in"),
    ("login", "throttled"): N_("Sign-in refused: too many attempts, waiting time"),
    ("login", "locked"): N_("Sign-in refused: login locked"),
    ("unlock", "ok"): N_("Unlocked the screen"),
    ("unlock", "failed"): N_("Failed screen unlock"),
    ("unlock", "throttled"): N_("Screen unlock refused: too many attempts, waiting time"),
    ("unlock", "locked"): N_("Screen unlock refused: login locked"),
}

# In the order of the action filter; None starts a new block (a separator in the list).
_PHRASES: tuple[tuple[str, str] | None, ...] = (
    ("login", N_("Signed in")),
    ("unlock", N_("Unlocked the screen")),
    ("password.changed", N_("Changed own password")),
    None,
    ("resident.listed", N_("Viewed the list of residents")),
    ("resident.viewed", N_("Viewed the record")),
    ("resident.matched", N_("Looked for earlier stays of the person")),
    ("resident.admitted", N_("Admitted a resident")),
    ("resident.updated", N_("Changed the record: personal details")),
    ("admission.updated", N_("Changed the record: admission details")),
    ("consent.recorded", N_("Recorded a consent")),
    ("consent.withdrawn", N_("Withdrew a consent")),
    ("resident.photo_set", N_("Set the photo")),
    ("resident.photo_removed", N_("Removed the photo")),
    ("resident.exported_list", N_("Exported the list of residents")),
    None,
    ("entry.listed", N_("Viewed the list of entries")),
    ("entry.viewed", N_("Viewed an entry")),
    ("entry.created", N_("Wrote an entry")),
    ("entry.changed", N_("Changed an entry")),
    ("entry.struck", N_("Struck out an entry")),
    ("entry.history_viewed", N_("Viewed the earlier versions of an entry")),
    ("entry.glass_broken", N_("Opened a restricted entry without the right (breaking the glass)")),
    ("glass.review_viewed", N_("Viewed the restricted entries opened without the right")),
    ("glass.reviewed", N_("Reviewed an opening of a restricted entry")),
    ("timeline.viewed", N_("Viewed the timeline")),
    ("health.today_viewed", N_("Viewed the nurse's Today page")),
    ("health.medication_viewed", N_("Viewed the medication record")),
    ("follow_up.schedule_viewed", N_("Viewed the follow-up schedule of a record")),
    ("follow_up.schedule_set", N_("Changed the follow-up schedule of a record")),
    ("follow_up.default_set", N_("Set the default follow-up schedule")),
    ("follow_up.due_viewed", N_("Viewed the follow-ups due and late")),
    ("follow_up.history_viewed", N_("Viewed the follow-ups of her earlier stays")),
    ("health.charts_viewed", N_("Viewed the vitals charts")),
    ("health.dose_recorded", N_("Recorded a dose of medicine")),
    ("legal.steps_due_viewed", N_("Viewed the legal steps coming due")),
    ("schooling.decisions_late_viewed", N_("Viewed the applications for support waiting past their decision date")),
    ("schooling.courses_viewed", N_("Viewed the catalogue of vocational courses")),
    ("schooling.course_added", N_("Added a vocational course to the catalogue")),
    ("schooling.course_changed", N_("Changed a vocational course of the catalogue")),
    ("schooling.course_retired", N_("Retired a vocational course of the catalogue")),
    ("schooling.course_offered", N_("Offered a retired vocational course again")),
    ("counselling.scale_alerts_viewed", N_("Viewed the wellbeing-scale alerts")),
    ("counselling.scale_trends_viewed", N_("Viewed the trend of the wellbeing scales")),
    None,
    ("health.summary_printed", N_("Printed the health summary without a number")),
    ("health.summary_printed_sensitive", N_("Printed the health summary with the sensitive part, without a number")),
    ("health.summary_issued", N_("Issued and printed the health summary")),
    ("health.summary_issued_sensitive", N_("Issued and printed the health summary with the sensitive part")),
    ("health.summary_copied", N_("Printed a copy of the health summary")),
    ("health.summary_copied_sensitive", N_("Printed a copy of the health summary with the sensitive part")),
    None,
    ("care_plan.viewed", N_("Viewed the care plan")),
    ("care_plan.due_viewed", N_("Viewed the care plans waiting or due for review")),
    ("care_plan.written", N_("Wrote a new version of the care plan")),
    ("care_plan.changed", N_("Changed a draft of the care plan")),
    ("care_plan.submitted", N_("Submitted the care plan for approval")),
    ("care_plan.approved", N_("Approved the care plan")),
    ("care_plan.returned", N_("Returned the care plan for changes")),
    ("care_plan.progress", N_("Recorded the progress of a care plan action")),
    ("care_plan.printed", N_("Printed the care plan without a number")),
    ("discharge.viewed", N_("Viewed the discharge")),
    ("discharge.due_viewed", N_("Viewed the discharge decisions coming due")),
    ("discharge.requested", N_("Recorded a discharge request")),
    ("discharge.changed", N_("Changed a discharge request")),
    ("discharge.item_done", N_("Ticked a discharge checklist item done")),
    ("discharge.item_waived", N_("Waived a discharge checklist item")),
    ("discharge.item_opened", N_("Set a discharge checklist item back to open")),
    ("discharge.belongings_returned", N_("Recorded the belongings handed back")),
    ("discharge.approved", N_("Approved a discharge")),
    ("discharge.cancelled", N_("Cancelled a discharge request")),
    ("discharge.reopened", N_("Reopened a discharge")),
    ("care_plan.issued", N_("Issued and printed the care plan")),
    ("care_plan.copied", N_("Printed a copy of the care plan")),
    None,
    ("activities.listed", N_("Viewed the list of group sessions")),
    ("activities.viewed", N_("Viewed a group session and its attendance")),
    ("activities.present_viewed", N_("Viewed the residents who may attend a group session")),
    ("activities.resident_viewed", N_("Viewed the group sessions a resident attended")),
    ("activities.created", N_("Recorded a group session and its attendance")),
    ("activities.changed", N_("Changed a group session or its attendance")),
    ("activities.struck", N_("Struck out a group session")),
    ("activities.sheet_printed", N_("Printed the attendance sheet of a group session")),
    ("payment.rates_viewed", N_("Viewed the rates of support")),
    ("payment.rate_added", N_("Entered a rate of support")),
    ("payment.list_viewed", N_("Viewed a payment list")),
    ("payment.list_recorded", N_("Recorded a signed payment list")),
    ("holiday.year_viewed", N_("Viewed the days off of a year")),
    ("holiday.day_set", N_("Corrected a day of the holiday calendar")),
    ("holiday.day_reset", N_("Took back a correction of the holiday calendar")),
    ("payment.totals_viewed", N_("Viewed the totals of support payments")),
    ("payment.list_printed", N_("Printed a payment list without a number")),
    ("payment.list_issued", N_("Issued and printed a payment list")),
    ("payment.list_copied", N_("Printed a copy of a payment list")),
    None,
    ("lodging.viewed", N_("Viewed the resident's lodging")),
    ("lodging.census_viewed", N_("Viewed the census")),
    ("lodging.presence", N_("Recorded a change of presence")),
    ("lodging.leave_granted", N_("Granted a leave pass")),
    ("lodging.leave_returned", N_("Recorded the return from leave")),
    ("lodging.overdue_viewed", N_("Viewed the leave passes overdue")),
    ("lodging.stay_extended", N_("Recorded an extension of the stay")),
    ("lodging.stay_alerts_viewed", N_("Viewed the stay limits near or past")),
    None,
    ("draft.saved", N_("Saved a draft")),
    ("draft.opened", N_("Opened a draft")),
    ("draft.discarded", N_("Discarded a draft")),
    None,
    (f"{ISSUED}.admission-decision", N_("Issued and printed the admission decision")),
    (f"{ISSUED}.admission-record", N_("Issued and printed the admission record")),
    (f"{COPIED}.admission-decision", N_("Printed a copy of the admission decision")),
    (f"{COPIED}.admission-record", N_("Printed a copy of the admission record")),
    (f"{PRINTED}.belongings-receipt", N_("Printed the receipt for belongings")),
    (f"{PREVIEWED}.admission-decision", N_("Previewed the admission decision")),
    (f"{PREVIEWED}.admission-record", N_("Previewed the admission record")),
    (f"{PREVIEWED}.belongings-receipt", N_("Previewed the receipt for belongings")),
    (f"{PREVIEWED}.discharge-decision", N_("Previewed the decision to end assistance")),
    (f"{PREVIEWED}.handover", N_("Previewed the hand-over record")),
    (f"{PREVIEWED}.case-summary", N_("Previewed the case summary")),
    (f"{PREVIEWED}.belongings-return", N_("Previewed the paper of belongings returned")),
    (f"{PREVIEWED}.discharge-application", N_("Previewed the application to end assistance (Mẫu 09)")),
    (f"{PRINTED}.discharge-decision", N_("Printed the decision to end assistance, not yet approved")),
    (f"{PRINTED}.handover", N_("Printed the hand-over record, not yet approved")),
    (f"{PRINTED}.case-summary", N_("Printed the case summary")),
    (f"{PRINTED}.belongings-return", N_("Printed the paper of belongings returned")),
    (f"{PRINTED}.discharge-application", N_("Printed the application to end assistance (Mẫu 09)")),
    (f"{ISSUED}.discharge-decision", N_("Issued and printed the decision to end assistance")),
    (f"{ISSUED}.handover", N_("Issued and printed the hand-over record")),
    (f"{COPIED}.discharge-decision", N_("Printed a copy of the decision to end assistance")),
    (f"{COPIED}.handover", N_("Printed a copy of the hand-over record")),
    (
        "discharge.summary_part_included",
        N_("Printed a confidential part in the case summary (the field group names which)"),
    ),
    ("register.viewed", N_("Viewed the outgoing-document register")),
    ("register.file_checked", N_("Checked a PDF file against the register")),
    None,
    ("account.listed", N_("Listed the staff accounts")),
    ("account.viewed", N_("Opened a staff account")),
    ("account.created", N_("Created a staff account")),
    ("account.updated", N_("Changed a staff account")),
    ("password.reset", N_("Reset a password")),
    ("account.unlocked", N_("Unlocked a login")),
    ("account.unlocked_by_recovery_key", N_("Unlocked a login with the recovery key")),
    None,
    ("centre.updated", N_("Changed the centre's details")),
    ("setting.updated", N_("Changed a setting")),
    ("backup.created", N_("Made a backup")),
    ("backup.verified", N_("Checked a backup")),
    ("backup.restored", N_("Restored a backup")),
    ("database.set_aside", N_("Set a damaged database file aside (found at start)")),
    ("integrity.checked", N_("Checked the database")),
    ("audit.protection_restored", N_("Repaired the audit trail's append-only protection")),
    ("audit.head_reset", N_("Reset the audit trail's reference copies (repair)")),
    ("database.initialised", N_("Created the database")),
    ("keys.recovered", N_("Restored the keys with the recovery key")),
    ("demo.populated", N_("Filled the demo database")),
    None,
    ("lodging.board_viewed", N_("Viewed the bed board")),
    ("lodging.placed", N_("Placed a resident in a bed")),
    ("lodging.moved", N_("Moved a resident to another bed")),
    ("lodging.override", N_("Allowed an exception to a room rule")),
    ("lodging.vacated", N_("Freed a resident's bed")),
    ("lodging.keep_apart", N_("Linked residents to keep apart")),
    ("lodging.keep_apart_ended", N_("Ended a keep-apart link")),
    ("lodging.room_saved", N_("Saved a room")),
    ("lodging.room_retired", N_("Took a room off the board")),
    ("lodging.bed_state", N_("Changed a bed's state")),
    ("lodging.occupancy_viewed", N_("Viewed the occupancy figures")),
    ("lodging.roll_call_printed", N_("Printed the night roll-call sheet")),
    ("lodging.board_printed", N_("Printed the bed board")),
    None,
    ("audit.viewed", N_("Viewed the audit trail")),
    ("audit.exported", N_("Exported the audit trail")),
)
ACTION_PHRASES: dict[str, str] = dict(p for p in _PHRASES if p is not None)
# Codes that older versions wrote and this one no longer does: still read, not offered in the filter.
_FORMER = {
    f"{PRINTED}.admission-decision": N_("Printed the admission decision"),
    f"{PRINTED}.admission-record": N_("Printed the admission record"),
}
# A view of the record is written once per sensitive part disclosed, so the part names the phrase.
_VIEWED = {
    FieldGroup.NARRATIVE: N_("Viewed the person's own account"),
    FieldGroup.SENSITIVE_HEALTH: N_("Viewed sensitive health information"),
}
_DENIED = N_("Not allowed to {action}")
_DOCUMENT_OTHER = N_("Document: {code}")
ANY_DOCUMENT = (DOCUMENT, N_("Papers: any preview, issue or print"))

OUTCOME_NAMES = {
    "ok": N_("Done"),
    "failed": N_("Failed"),
    "denied": N_("Not allowed"),
    "throttled": N_("Made to wait"),
    "locked": N_("Login locked"),
}

# Records that are no database row: what a count in record_id counts.
_COUNTS = {
    "audit.exported": N_("{count} rows"),
    "resident.exported_list": N_("{count} residents"),
    "demo.populated": N_("{count} residents"),
    "lodging.overdue_viewed": N_("{count} leave passes"),
    "lodging.stay_alerts_viewed": N_("{count} residents"),
    "lodging.roll_call_printed": N_("{count} residents"),
    "lodging.board_printed": N_("{count} beds"),
}
_SETTINGS = {"idle_lock_minutes": N_("screen lock delay")}
_ATTEMPT_CODES = frozenset(action for action, _outcome in _ATTEMPTS)
_ACTION_VALUES = frozenset(a.value for a in Action)
_ROLE_VALUES = frozenset(r.value for r in Role)
_GROUP_VALUES = frozenset(g.value for g in FieldGroup)


@dataclass(frozen=True)
class ActionChoice:
    """One entry of the action filter: its phrase and the code (or code prefix) it selects."""

    phrase: str
    code: str


def action_choices() -> list[ActionChoice | None]:
    """The action filter's entries in the current language; None marks a separator."""
    found: list[ActionChoice | None] = []
    for entry in _PHRASES:
        if entry is None:
            found.append(None)
            continue
        code, phrase = entry
        if code == f"{ISSUED}.admission-decision":
            found.append(ActionChoice(_(ANY_DOCUMENT[1]), ANY_DOCUMENT[0]))
        found.append(ActionChoice(_(phrase), code))
    return found


def known_action(code: str) -> bool:
    """Whether `code` has a phrase of its own (refusals and prints of any kind included)."""
    if code in ACTION_PHRASES:
        return True
    refused = code.removesuffix(DENIED_SUFFIX)
    return refused != code and refused in _ACTION_VALUES


def describe_action(action: str, outcome: str = "ok", field_group: str = "") -> str:
    """The phrase of a stored action code; the code itself when it is unknown."""
    attempt = _ATTEMPTS.get((action, outcome))
    if attempt is not None:
        return _(attempt)
    if action == "resident.viewed" and field_group in _VIEWED:
        return _(_VIEWED[FieldGroup(field_group)])
    if action in ACTION_PHRASES:
        return _(ACTION_PHRASES[action])
    if action in _FORMER:
        return _(_FORMER[action])
    refused = action.removesuffix(DENIED_SUFFIX)
    if refused != action and refused:
        name = _(ACTION_NAMES[Action(refused)]) if refused in _ACTION_VALUES else refused
        return _(_DENIED).format(action=name)
    if action.startswith(DOCUMENT) and len(action) > len(DOCUMENT):
        return _(_DOCUMENT_OTHER).format(code=action[len(DOCUMENT) :])
    return action


def describe_roles(stored: str) -> str:
    """The comma-separated Role values of an audit row as role names."""
    names = []
    for value in (v.strip() for v in stored.split(",")):
        if value:
            names.append(role_name(Role(value)) if value in _ROLE_VALUES else value)
    return ", ".join(names)


def describe_outcome(outcome: str) -> str:
    return _(OUTCOME_NAMES[outcome]) if outcome in OUTCOME_NAMES else outcome


def describe_group(group: str) -> str:
    return _(GROUP_NAMES[FieldGroup(group)]) if group in _GROUP_VALUES else group


def describe_record(action: str, record_type: str, record_id: str, label: str) -> str:
    """The record as staff know it: a resident code, a login, a file name — never a database id.

    `label` is what the service found for the id (the resident code, the account login); "" if none.
    """
    if action in _COUNTS and record_id:
        return _(_COUNTS[action]).format(count=record_id)
    if action in _ATTEMPT_CODES:
        return ""  # the account that signed in is the row's own login
    if label:
        return label
    if not record_id:
        return ""
    if record_type in ("resident", "staff_account"):
        # a refused print by code keeps the code as typed; a number no longer in the database says so
        return _("(no longer in the database)") if record_id.isdigit() else record_id
    if record_type == "admission_draft":
        return _("draft no. {number}").format(number=record_id)
    if record_type == "centre_settings":
        return _("the centre's details")
    if record_type == "app_setting":
        return _(_SETTINGS[record_id]) if record_id in _SETTINGS else record_id
    return record_id  # a login, a backup file name


def record_code(record_type: str, record_id: str) -> str:
    """The stored reference for machines: "resident:301", "backup:centre-….cdbak"."""
    if record_type and record_id:
        return f"{record_type}:{record_id}"
    return record_type or record_id
