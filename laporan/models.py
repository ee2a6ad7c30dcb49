"""Models of the laporan programme (see its issue)."""
