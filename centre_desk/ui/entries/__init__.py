"""The screens of dated entries, for every kind: the record tab, the list, the form and the Timeline."""
