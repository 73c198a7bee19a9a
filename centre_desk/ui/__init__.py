"""The Qt layer: one folder per screen; pages receive services through their constructors."""
