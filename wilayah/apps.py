from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate


class WilayahConfig(AppConfig):
    name = "wilayah"
    verbose_name = "Wilayah dan akses"

    def ready(self):
        from .nik import lupakan_catatan_tertunda, simpan_catatan_tertunda
        from .roles import sync_role_permissions

        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="wilayah.sync_role_permissions")
        # The NIK access log outlives a rolled-back transaction (wilayah.nik).
        request_started.connect(lupakan_catatan_tertunda, dispatch_uid="wilayah.lupakan_catatan_tertunda")
        request_finished.connect(simpan_catatan_tertunda, dispatch_uid="wilayah.simpan_catatan_tertunda")

        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .generasi import data_berubah

        # What is kept in the cache by the state of the data (wilayah.generasi: a list's count, a panel)
        # is renewed when a model is written.
        post_save.connect(data_berubah, dispatch_uid="wilayah.generasi.simpan")
        post_delete.connect(data_berubah, dispatch_uid="wilayah.generasi.hapus")
        m2m_changed.connect(data_berubah, dispatch_uid="wilayah.generasi.m2m")

        from axes.signals import user_locked_out

        from .masuk import catat_terkunci

        user_locked_out.connect(catat_terkunci, dispatch_uid="wilayah.catat_terkunci")

        from .angka import SumberAngka, hitung_kota, register_angka

        register_angka(SumberAngka(kunci="wilayah.kota", fungsi=hitung_kota, judul="Kecamatan, kelurahan dan RW kota"))
