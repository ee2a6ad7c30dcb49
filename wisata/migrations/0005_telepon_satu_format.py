from django.db import migrations

from wilayah.sel import seragamkan_telepon


def seragamkan(apps, schema_editor):
    """Stored phones in the portal's one format, 081234567890 (see wilayah.sel.baca_telepon); values
    that do not read as a phone stay as they are. ``kontak_publik`` is not a phone field (an account may
    be written there)."""
    seragamkan_telepon(apps.get_model("wisata", "Destinasi"), "pengelola_telepon")


class Migration(migrations.Migration):

    dependencies = [
        ("wisata", "0004_berkas_dinamai_menurut_isi"),
    ]

    operations = [
        migrations.RunPython(seragamkan, migrations.RunPython.noop),
    ]
