"""Ending assistance (Decree 20/2021 Art. 30): the discharge request, its checklist, the manager's approval and
reopening (`service`: DischargeService), and its papers (`papers`: DischargePapers)."""
