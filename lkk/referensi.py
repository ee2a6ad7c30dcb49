"""Reference data lkk starts with: the LKK types (Permendagri 18/2018 defaults, editable by Bappeda).

Plain data and a function that takes the model class, so the data migration (historical model),
the post-migrate refill of a flushed database and the tests seed the same rows from one definition.
"""

# kode, nama, singkatan, tingkat, satu per wilayah, urutan
JENIS_LEMBAGA = [
    ("lpm", "Lembaga Pemberdayaan Masyarakat", "LPM", "kelurahan", True, 10),
    ("rw", "Rukun Warga", "RW", "rw", True, 20),
    ("rt", "Rukun Tetangga", "RT", "rt", True, 30),
    ("pkk", "Tim Penggerak PKK", "TP PKK", "kelurahan", True, 40),
    ("karang-taruna", "Karang Taruna", "Karang Taruna", "kelurahan", True, 50),
    ("posyandu", "Posyandu", "Posyandu", "rw", False, 60),
    ("pokmas", "Kelompok Masyarakat", "Pokmas", "kelurahan", False, 70),
]


def isi_jenis_lembaga(JenisLembaga) -> None:
    """Create the default types that are missing (by kode); edits made by Bappeda are kept."""
    for kode, nama, singkatan, tingkat, satu, urutan in JENIS_LEMBAGA:
        JenisLembaga.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama, "singkatan": singkatan, "tingkat": tingkat, "satu_per_wilayah": satu, "urutan": urutan,
                "masa_bakti_tahun": 5, "maks_periode": 2, "larang_rangkap": True, "wajib_pernyataan_nonpartai": True,
            },
        )
