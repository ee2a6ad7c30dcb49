"""Reference data wisata starts with: the eight categories of the issue, the first entries of the
managed list (Bappeda adds or retires entries in the admin).

Plain data and a function that takes the model class, so the data migration (historical model),
the demo data and the tests seed the same rows from one definition.
"""

# slug, nama
KATEGORI_WISATA = [
    ("kuliner", "Kuliner"),
    ("kerajinan", "Kerajinan"),
    ("seni-budaya", "Seni budaya"),
    ("alam", "Alam"),
    ("religi", "Religi"),
    ("sejarah", "Sejarah"),
    ("edukasi", "Edukasi"),
    ("buatan", "Buatan"),
]


def isi_kategori_wisata(KategoriWisata) -> None:
    """Create the starting categories that are missing (by slug); edits are kept."""
    for urutan, (slug, nama) in enumerate(KATEGORI_WISATA, start=1):
        KategoriWisata.objects.get_or_create(slug=slug, defaults={"nama": nama, "urutan": urutan * 10})
