"""The idle lock: after N minutes without input, or on Ctrl+L, every window is covered."""
