"""Sign-in and password change dialogs (modules imported one by one: the sign-in dialog is drawn before the
database layer is imported, the password change needs the services)."""
