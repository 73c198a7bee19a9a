"""The audit trail viewer."""

from centre_desk.ui.administration.audit.page import AuditPage

__all__ = ["AuditPage"]
