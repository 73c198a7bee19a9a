"""Follow-up after reintegration: the schedule page of the record's tab (panel.py), the schedule dialog, the main
window's working list of follow-ups due and late (page.py)."""
