"""Ending assistance: the discharge request, its checklist, the manager's approval, reopening (issue 14)."""
