"""Staff account administration: the accounts list, the account and password dialogs."""
