"""Group sessions and activities of the centre (life skills, recreation, prevention talks) and their attendance."""
