"""A destination may have no manager yet (type empty); a "Lembaga" type naming no lembaga and no name
(what the detail page showed as "- (Lembaga ...)") becomes "no manager yet"."""

from django.db import migrations, models


def tanpa_pengelola_jadi_belum(apps, schema_editor):
    Destinasi = apps.get_model("wisata", "Destinasi")
    Destinasi.objects.filter(pengelola_jenis="lembaga", pengelola_lembaga__isnull=True, pengelola_nama="").update(pengelola_jenis="")


class Migration(migrations.Migration):

    dependencies = [
        ('wisata', '0006_diubah'),
    ]

    operations = [
        migrations.AlterField(
            model_name='destinasi',
            name='pengelola_jenis',
            field=models.CharField(blank=True, choices=[('', 'Belum ada pengelola'), ('lembaga', 'Lembaga (LKK: Pokmas, Karang Taruna, ...)'), ('perorangan', 'Perorangan')], default='', help_text="Pilih 'Belum ada pengelola' bila belum ada yang mengelola.", max_length=12, verbose_name='jenis pengelola'),
        ),
        migrations.AlterField(
            model_name='historicaldestinasi',
            name='pengelola_jenis',
            field=models.CharField(blank=True, choices=[('', 'Belum ada pengelola'), ('lembaga', 'Lembaga (LKK: Pokmas, Karang Taruna, ...)'), ('perorangan', 'Perorangan')], default='', help_text="Pilih 'Belum ada pengelola' bila belum ada yang mengelola.", max_length=12, verbose_name='jenis pengelola'),
        ),
        migrations.RunPython(tanpa_pengelola_jadi_belum, migrations.RunPython.noop),
    ]
