"""Counselling: sessions, the counsellor-only notes kept apart from a shareable summary, wellbeing scales."""
