"""The first-run wizard, shown when there is no database yet."""

from centre_desk.ui.first_run.wizard import CreateDatabase, FirstRunWizard

__all__ = ["CreateDatabase", "FirstRunWizard"]
