from django.db import migrations


def isi(apps, schema_editor):
    from pelatihan.referensi import isi_instansi

    isi_instansi(apps.get_model("pelatihan", "Instansi"))


class Migration(migrations.Migration):
    dependencies = [("pelatihan", "0001_initial")]
    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
