"""The main window shell: navigation, menus, status bar. Pages live in their own folders."""
