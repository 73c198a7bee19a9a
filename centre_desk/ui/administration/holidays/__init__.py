"""The holiday calendar the manager corrects (issue 14)."""
