"""The eight categories of the issue, as the first entries of the managed list.
The data lives in ``wisata.referensi``."""

from django.db import migrations

from wisata.referensi import isi_kategori_wisata


def isi(apps, schema_editor):
    isi_kategori_wisata(apps.get_model("wisata", "KategoriWisata"))


class Migration(migrations.Migration):
    dependencies = [("wisata", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
