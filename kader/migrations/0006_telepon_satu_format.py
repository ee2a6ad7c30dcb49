from django.db import migrations

from wilayah.sel import seragamkan_telepon


def seragamkan(apps, schema_editor):
    """Stored phones in the portal's one format, 081234567890 (see wilayah.sel.baca_telepon); values
    that do not read as a phone stay as they are."""
    seragamkan_telepon(apps.get_model("kader", "Kader"), "telepon")


class Migration(migrations.Migration):

    dependencies = [
        ("kader", "0005_berkas_dinamai_menurut_isi"),
    ]

    operations = [
        migrations.RunPython(seragamkan, migrations.RunPython.noop),
    ]
