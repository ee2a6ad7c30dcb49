"""Models of the pelatihan programme (see its issue)."""
