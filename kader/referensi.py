"""Reference data kader starts with (seeded by migration 0002; Bappeda edits it in the admin afterwards).

Plain data and functions that take the model class, so the data migration (historical model) and
anything else (demo data, tests) seed the same rows from one definition.
"""

BIDANG_KERJA = ["Ekonomi", "Kesehatan", "Pendidikan", "Lingkungan hidup", "Sosial", "Infrastruktur", "Kepemudaan", "Seni dan budaya"]

# The DPMD target of active KPM per kelurahan (not a regulation: Bappeda may change it).
TARGET_MINIMAL_AWAL = 5
TARGET_MAKSIMAL_AWAL = 10


def isi_bidang_kerja(BidangKerja) -> None:
    """Create the starting fields of work that are missing (by name); edits are kept."""
    for urutan, nama in enumerate(BIDANG_KERJA, 1):
        BidangKerja.objects.get_or_create(nama=nama, defaults={"urutan": urutan})


def isi_pengaturan(PengaturanKader) -> None:
    """The one settings row, when there is none yet."""
    if not PengaturanKader.objects.exists():
        PengaturanKader.objects.create(target_minimal=TARGET_MINIMAL_AWAL, target_maksimal=TARGET_MAKSIMAL_AWAL)
