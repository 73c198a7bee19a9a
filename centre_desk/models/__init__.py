"""SQLAlchemy 2 typed ORM entities. Importing this package registers every table."""

from centre_desk.models.audit import AuditEvent
from centre_desk.models.base import Base, Versioned
from centre_desk.models.centre import AppSetting, CentreSettings, Installation
from centre_desk.models.resident import Admission, Resident, ResidentCodeCounter
from centre_desk.models.staff import LoginThrottle, Role, StaffAccount

__all__ = [
    "Admission",
    "AppSetting",
    "AuditEvent",
    "Base",
    "CentreSettings",
    "Installation",
    "LoginThrottle",
    "Resident",
    "ResidentCodeCounter",
    "Role",
    "StaffAccount",
    "Versioned",
]
