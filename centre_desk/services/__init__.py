"""Use cases. Each public method is one unit of work (one transaction). No Qt."""
