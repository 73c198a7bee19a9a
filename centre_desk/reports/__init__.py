"""PDF documents, rendered with reportlab from DTOs. No Qt, no Session."""
