"""The care and support plan of Circular 02/2020's case management: needs assessment, the plan and its approval,
monthly reviews, the closing evaluation (models/care_plan.py)."""
