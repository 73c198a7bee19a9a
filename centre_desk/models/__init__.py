"""SQLAlchemy 2 typed ORM entities. Importing this package registers every table."""

from centre_desk.models.audit import AuditEvent
from centre_desk.models.base import Base, Versioned
from centre_desk.models.centre import CentreProfile, Installation
from centre_desk.models.staff import Role, StaffAccount

__all__ = ["AuditEvent", "Base", "CentreProfile", "Installation", "Role", "StaffAccount", "Versioned"]
