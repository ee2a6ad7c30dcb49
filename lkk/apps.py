from django.apps import AppConfig


class LkkConfig(AppConfig):
    name = "lkk"
    verbose_name = "Lembaga Kemasyarakatan Kelurahan (LKK)"

    def ready(self):
        from django.db.models.signals import post_migrate

        from wilayah.angka import SumberAngka, register_angka
        from wilayah.panels import Panel, register_panel
        from wilayah.ringkasan import ProgramRingkasan, register_ringkasan

        from . import ringkasan
        from .panel import panel_context

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="lkk", judul=self.verbose_name, template="lkk/panel.html", context=panel_context, urutan=20))
        register_ringkasan(ProgramRingkasan(app="lkk", judul=self.verbose_name, fungsi=ringkasan.ringkasan_bulanan, kelas=ringkasan.RingkasanLKK, urutan=20))

        register_angka(SumberAngka(kunci=ringkasan.KUNCI_CAKUPAN_KOTA, fungsi=ringkasan.hitung_cakupan_kota, judul="Cakupan LKK kota"))

        post_migrate.connect(isi_jenis_bila_kosong, sender=self, dispatch_uid="lkk_isi_jenis_bila_kosong")


def isi_jenis_bila_kosong(sender, using="default", **kwargs):
    """A flushed database (transactional tests, ``flush``) gets the default types back; a filled list is left alone."""
    from .models import JenisLembaga
    from .referensi import isi_jenis_lembaga

    if not JenisLembaga.objects.using(using).exists():
        isi_jenis_lembaga(JenisLembaga.objects.db_manager(using).model)
