"""The centre's effective-dated details and the screen-lock delay."""
