"""Small reusable widgets and models shared by several screens."""
