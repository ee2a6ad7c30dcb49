"""Models of the lkk programme (see its issue)."""
