"""Models of the pud programme (see its issue)."""
