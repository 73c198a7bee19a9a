"""Engines, database location rules and migrations. No Qt."""
