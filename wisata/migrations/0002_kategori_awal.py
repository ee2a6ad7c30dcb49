"""The eight categories of the issue, as the first entries of the managed list."""

from django.db import migrations

KATEGORI = [
    ("kuliner", "Kuliner"),
    ("kerajinan", "Kerajinan"),
    ("seni-budaya", "Seni budaya"),
    ("alam", "Alam"),
    ("religi", "Religi"),
    ("sejarah", "Sejarah"),
    ("edukasi", "Edukasi"),
    ("buatan", "Buatan"),
]


def isi(apps, schema_editor):
    KategoriWisata = apps.get_model("wisata", "KategoriWisata")
    for urutan, (slug, nama) in enumerate(KATEGORI, start=1):
        KategoriWisata.objects.get_or_create(slug=slug, defaults={"nama": nama, "urutan": urutan * 10})


class Migration(migrations.Migration):
    dependencies = [("wisata", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
