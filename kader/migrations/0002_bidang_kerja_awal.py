"""The starting list of fields of work (Bappeda may add more in the admin) and the 5-to-10 target.
The data lives in ``kader.referensi``."""

from django.db import migrations

from kader.referensi import isi_bidang_kerja, isi_pengaturan


def isi(apps, schema_editor):
    isi_bidang_kerja(apps.get_model("kader", "BidangKerja"))
    isi_pengaturan(apps.get_model("kader", "PengaturanKader"))


class Migration(migrations.Migration):
    dependencies = [("kader", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
