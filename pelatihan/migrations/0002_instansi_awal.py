from django.db import migrations


def isi(apps, schema_editor):
    from pelatihan.referensi import INSTANSI_BAWAAN

    Instansi = apps.get_model("pelatihan", "Instansi")
    for nama, singkatan in INSTANSI_BAWAAN:
        Instansi.objects.get_or_create(nama=nama, defaults={"singkatan": singkatan})


class Migration(migrations.Migration):
    dependencies = [("pelatihan", "0001_initial")]
    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
