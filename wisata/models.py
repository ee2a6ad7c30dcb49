"""Models of the wisata programme (see its issue)."""
