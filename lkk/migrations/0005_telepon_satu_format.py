from django.db import migrations

from lkk.models import normalkan_nama, normalkan_telepon
from wilayah.sel import seragamkan_telepon


def seragamkan(apps, schema_editor):
    """Stored phones in the portal's one format, 081234567890 (see wilayah.sel.baca_telepon); values
    that do not read as a phone stay as they are. A board member's name-and-phone key is computed again
    for the rows whose phone changed (as ``Pengurus.hitung_turunan`` computes it)."""
    seragamkan_telepon(apps.get_model("lkk", "Lembaga"), "kontak_telepon")
    Pengurus = apps.get_model("lkk", "Pengurus")
    berubah = [p.pk for p in seragamkan_telepon(Pengurus, "telepon")]
    for i in range(0, len(berubah), 500):
        daftar = list(Pengurus._base_manager.filter(pk__in=berubah[i : i + 500]).only("pk", "nama", "telepon", "kunci_nama_telepon"))
        for p in daftar:
            telepon = normalkan_telepon(p.telepon)
            p.kunci_nama_telepon = f"{normalkan_nama(p.nama)}|{telepon}" if telepon else ""
        Pengurus._base_manager.bulk_update(daftar, ["kunci_nama_telepon"])


class Migration(migrations.Migration):

    dependencies = [
        ("lkk", "0004_berkas_dinamai_menurut_isi"),
    ]

    operations = [
        migrations.RunPython(seragamkan, migrations.RunPython.noop),
    ]
