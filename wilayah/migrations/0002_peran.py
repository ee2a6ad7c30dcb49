"""Create the four role groups. Their model permissions are kept in step with the installed
models after every migrate by ``wilayah.roles.sync_role_permissions`` (post_migrate)."""

from django.db import migrations

ROLES = ("Operator Kelurahan", "Camat", "Bappeda", "Kantor Wali Kota")


def buat_peran(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def hapus_peran(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wilayah", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(buat_peran, hapus_peran)]
