"""The Group sessions page: life skills, recreation and prevention talks, and who took part."""
