"""Models of the kader programme (see its issue)."""
