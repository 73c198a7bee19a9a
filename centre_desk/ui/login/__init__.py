"""Sign-in and password change dialogs."""

from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.dialog import LoginDialog, SignIn

__all__ = ["ChangePasswordDialog", "LoginDialog", "SignIn"]
