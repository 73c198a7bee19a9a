"""The resident registry page."""

from centre_desk.ui.registry.page import RegistryPage

__all__ = ["RegistryPage"]
