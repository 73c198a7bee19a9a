"""Administration screens: staff accounts, centre settings, audit trail, backups."""
