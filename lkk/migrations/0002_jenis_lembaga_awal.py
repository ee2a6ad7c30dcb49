"""Seed the managed list of LKK types (domain notes; Permendagri 18/2018 defaults, editable by Bappeda).
The data lives in ``lkk.referensi``."""

from django.db import migrations

from lkk.referensi import isi_jenis_lembaga


def isi(apps, schema_editor):
    isi_jenis_lembaga(apps.get_model("lkk", "JenisLembaga"))


class Migration(migrations.Migration):
    dependencies = [("lkk", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
