"""The starting list of fields of work (Bappeda may add more in the admin) and the 5-to-10 target."""

from django.db import migrations

BIDANG = ["Ekonomi", "Kesehatan", "Pendidikan", "Lingkungan hidup", "Sosial", "Infrastruktur", "Kepemudaan", "Seni dan budaya"]


def isi(apps, schema_editor):
    BidangKerja = apps.get_model("kader", "BidangKerja")
    for urutan, nama in enumerate(BIDANG, 1):
        BidangKerja.objects.get_or_create(nama=nama, defaults={"urutan": urutan})
    PengaturanKader = apps.get_model("kader", "PengaturanKader")
    if not PengaturanKader.objects.exists():
        PengaturanKader.objects.create(target_minimal=5, target_maksimal=10)


class Migration(migrations.Migration):
    dependencies = [("kader", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
