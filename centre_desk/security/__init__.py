"""Security primitives: key custody, passwords, the audit chain. No Qt."""
