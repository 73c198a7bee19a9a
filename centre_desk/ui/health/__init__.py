"""The health screens: the nurse's Today page, the vitals charts and the health dialogs."""
