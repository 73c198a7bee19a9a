"""Follow-up after reintegration: the contacts after her discharge (a kind of dated entry, kinds.py), the schedule of
contacts due (schedule.py: the centre's default months, a case's own), what is due or late across residents and the
earlier stays' follow-ups of a readmitted person (due.py, service.py)."""
