from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_migrate


class WilayahConfig(AppConfig):
    name = "wilayah"
    verbose_name = "Wilayah dan akses"

    def ready(self):
        from .nik import simpan_catatan_tertunda
        from .roles import sync_role_permissions

        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="wilayah.sync_role_permissions")
        # The NIK access log outlives a rolled-back transaction (wilayah.nik).
        request_finished.connect(simpan_catatan_tertunda, dispatch_uid="wilayah.simpan_catatan_tertunda")
