"""SQLAlchemy 2 typed ORM entities. Importing this package registers every table."""

from centre_desk.models.activities import ActivityAttendance, ActivitySession
from centre_desk.models.audit import AuditEvent
from centre_desk.models.base import Base, Versioned
from centre_desk.models.calendar import HolidayChange
from centre_desk.models.care_plan import (
    CarePlan,
    CarePlanAction,
    CarePlanDecision,
    CarePlanEvaluation,
    CarePlanReview,
    NeedsAssessment,
)
from centre_desk.models.centre import AppSetting, CentreSettings, Installation
from centre_desk.models.counselling import CounsellingSession, CounsellorNote, WellbeingScore
from centre_desk.models.discharge import BelongingReturn, Discharge, DischargeCheck, DischargeReopening
from centre_desk.models.documents import DocumentCounter, OutgoingCopy, OutgoingDocument
from centre_desk.models.entries import DatedEntry, EntryRevision, GlassBreak, GlassReview
from centre_desk.models.follow_up import FollowUpContact, FollowUpSchedule
from centre_desk.models.health import (
    DoseRecord,
    HealthCheck,
    HealthTest,
    MedicationPlan,
    NursingNote,
    Referral,
    ReproductiveEntry,
)
from centre_desk.models.legal import LegalAidCase, LegalInfoSession, LegalPaper, LegalStep
from centre_desk.models.lodging import (
    Bed,
    BedStateChange,
    BedStay,
    KeepApart,
    LeavePass,
    PresenceChange,
    Room,
    StayExtension,
)
from centre_desk.models.payments import PaymentList, PaymentRate, SupportPayment
from centre_desk.models.resident import (
    Admission,
    AdmissionDraft,
    Belonging,
    Consent,
    Contact,
    Resident,
    ResidentCodeCounter,
    ResidentPhoto,
)
from centre_desk.models.resident_search import ResidentSuffix
from centre_desk.models.schooling import (
    JobSupport,
    SchoolEnrolment,
    SchoolTermResult,
    SupportApplication,
    VocationalCourse,
    VocationalEnrolment,
)
from centre_desk.models.staff import LoginThrottle, Role, StaffAccount

__all__ = [
    "ActivityAttendance",
    "ActivitySession",
    "Admission",
    "AdmissionDraft",
    "AppSetting",
    "AuditEvent",
    "Base",
    "Bed",
    "BedStateChange",
    "BedStay",
    "Belonging",
    "BelongingReturn",
    "CarePlan",
    "CarePlanAction",
    "CarePlanDecision",
    "CarePlanEvaluation",
    "CarePlanReview",
    "CentreSettings",
    "Consent",
    "Contact",
    "CounsellingSession",
    "CounsellorNote",
    "DatedEntry",
    "Discharge",
    "DischargeCheck",
    "DischargeReopening",
    "DocumentCounter",
    "DoseRecord",
    "EntryRevision",
    "FollowUpContact",
    "FollowUpSchedule",
    "GlassBreak",
    "GlassReview",
    "HealthCheck",
    "HealthTest",
    "HolidayChange",
    "Installation",
    "JobSupport",
    "KeepApart",
    "LeavePass",
    "LegalAidCase",
    "LegalInfoSession",
    "LegalPaper",
    "LegalStep",
    "LoginThrottle",
    "MedicationPlan",
    "NeedsAssessment",
    "NursingNote",
    "OutgoingCopy",
    "OutgoingDocument",
    "PaymentList",
    "PaymentRate",
    "PresenceChange",
    "Referral",
    "ReproductiveEntry",
    "Resident",
    "ResidentCodeCounter",
    "ResidentPhoto",
    "ResidentSuffix",
    "Role",
    "Room",
    "SchoolEnrolment",
    "SchoolTermResult",
    "StaffAccount",
    "StayExtension",
    "SupportApplication",
    "SupportPayment",
    "Versioned",
    "VocationalCourse",
    "VocationalEnrolment",
    "WellbeingScore",
]
