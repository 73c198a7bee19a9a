"""The holiday calendar the manager corrects (issue 14): services/workdays.calendar_of applies it."""
