"""Seed the managed list of LKK types (domain notes; Permendagri 18/2018 defaults, editable by Bappeda)."""

from django.db import migrations

# kode, nama, singkatan, tingkat, satu per wilayah, urutan
JENIS = [
    ("lpm", "Lembaga Pemberdayaan Masyarakat", "LPM", "kelurahan", True, 10),
    ("rw", "Rukun Warga", "RW", "rw", True, 20),
    ("rt", "Rukun Tetangga", "RT", "rt", True, 30),
    ("pkk", "Tim Penggerak PKK", "TP PKK", "kelurahan", True, 40),
    ("karang-taruna", "Karang Taruna", "Karang Taruna", "kelurahan", True, 50),
    ("posyandu", "Posyandu", "Posyandu", "rw", False, 60),
    ("pokmas", "Kelompok Masyarakat", "Pokmas", "kelurahan", False, 70),
]


def isi(apps, schema_editor):
    isi_jenis_lembaga(apps.get_model("lkk", "JenisLembaga"))


def isi_jenis_lembaga(JenisLembaga):
    """Create the default types that are missing (by kode); edits made by Bappeda are kept."""
    for kode, nama, singkatan, tingkat, satu, urutan in JENIS:
        JenisLembaga.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama, "singkatan": singkatan, "tingkat": tingkat, "satu_per_wilayah": satu, "urutan": urutan,
                "masa_bakti_tahun": 5, "maks_periode": 2, "larang_rangkap": True, "wajib_pernyataan_nonpartai": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("lkk", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
