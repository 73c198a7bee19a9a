"""Ending assistance (Decree 20/2021 Art. 30): the discharge workflow and its papers (`papers`: DischargePapers)."""
