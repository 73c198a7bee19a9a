"""Health and nursing care: the intake health check, nursing notes and vitals (NEWS2), medication plans and
their administration record, hospital referrals, restricted (sensitive) entries and the health summary."""
