"""Printable documents: preview, print and save."""
