from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WilayahConfig(AppConfig):
    name = "wilayah"
    verbose_name = "Wilayah dan akses"

    def ready(self):
        from .roles import sync_role_permissions

        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="wilayah.sync_role_permissions")

        from axes.signals import user_locked_out

        from .masuk import catat_terkunci

        user_locked_out.connect(catat_terkunci, dispatch_uid="wilayah.catat_terkunci")
