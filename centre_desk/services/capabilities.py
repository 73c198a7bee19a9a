"""The capabilities' services of an open installation (`Centre` inherits them): each made, and its module imported,
when first used, all on the centre's sessions, audit trail and access gate. A new capability adds its service here."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from centre_desk.security.access import AccessControl
from centre_desk.security.audit import AuditLog

if TYPE_CHECKING:
    from centre_desk.services.activities.service import ActivityService
    from centre_desk.services.care_plan.papers import CarePlanPapers
    from centre_desk.services.care_plan.service import CarePlanService
    from centre_desk.services.counselling.service import CounsellingService
    from centre_desk.services.discharge.papers import DischargePapers
    from centre_desk.services.discharge.service import DischargeService
    from centre_desk.services.entries import EntryService
    from centre_desk.services.follow_up.service import FollowUpService
    from centre_desk.services.health.papers import HealthPapers
    from centre_desk.services.health.service import HealthService
    from centre_desk.services.holidays.service import HolidayService
    from centre_desk.services.legal.service import LegalService
    from centre_desk.services.payments.papers import PaymentPapers
    from centre_desk.services.payments.service import PaymentService
    from centre_desk.services.schooling.service import SchoolingService


class CapabilityServices:
    sessions: sessionmaker[Session]
    read_sessions: sessionmaker[Session]
    audit: AuditLog
    access: AccessControl

    @cached_property
    def entries(self) -> EntryService:
        from centre_desk.services.entries import EntryService  # imported when first used

        return EntryService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def health(self) -> HealthService:
        from centre_desk.services.health.service import HealthService  # imported when first used

        return HealthService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def health_papers(self) -> HealthPapers:
        from centre_desk.services.health.papers import HealthPapers  # reportlab: imported when first used

        return HealthPapers(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def holidays(self) -> HolidayService:
        from centre_desk.services.holidays.service import HolidayService  # imported when first used

        return HolidayService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def care_plans(self) -> CarePlanService:
        from centre_desk.services.care_plan.service import CarePlanService  # imported when first used

        return CarePlanService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def care_plan_papers(self) -> CarePlanPapers:
        from centre_desk.services.care_plan.papers import CarePlanPapers  # reportlab: imported when first used

        return CarePlanPapers(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def discharge_papers(self) -> DischargePapers:
        from centre_desk.services.discharge.papers import DischargePapers  # reportlab: imported when first used

        return DischargePapers(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def follow_up(self) -> FollowUpService:
        from centre_desk.services.follow_up.service import FollowUpService  # imported when first used

        return FollowUpService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def legal(self) -> LegalService:
        from centre_desk.services.legal.service import LegalService  # imported when first used

        return LegalService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def activities(self) -> ActivityService:
        from centre_desk.services.activities.service import ActivityService  # imported when first used

        return ActivityService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def payments(self) -> PaymentService:
        from centre_desk.services.payments.service import PaymentService  # imported when first used

        return PaymentService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def payment_papers(self) -> PaymentPapers:
        from centre_desk.services.payments.papers import PaymentPapers  # reportlab: imported when first used

        return PaymentPapers(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def schooling(self) -> SchoolingService:
        from centre_desk.services.schooling.service import SchoolingService  # imported when first used

        return SchoolingService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def counselling(self) -> CounsellingService:
        from centre_desk.services.counselling.service import CounsellingService  # imported when first used

        return CounsellingService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def discharge(self) -> DischargeService:
        from centre_desk.services.discharge.service import DischargeService  # imported when first used

        return DischargeService(self.sessions, self.read_sessions, self.audit, self.access)
