from django.apps import AppConfig


class LkkConfig(AppConfig):
    name = "lkk"
    verbose_name = "Lembaga Kemasyarakatan Kelurahan (LKK)"

    def ready(self):
        from wilayah.angka import SumberAngka, register_angka
        from wilayah.panels import Panel, register_panel
        from wilayah.referensi import isi_bila_kosong
        from wilayah.ringkasan import ProgramRingkasan, register_ringkasan

        from . import ringkasan
        from .panel import panel_context
        from .referensi import isi_jenis_lembaga

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="lkk", judul=self.verbose_name, template="lkk/panel.html", context=panel_context, urutan=20))
        register_ringkasan(ProgramRingkasan(app="lkk", judul=self.verbose_name, fungsi=ringkasan.ringkasan_bulanan, kelas=ringkasan.RingkasanLKK, urutan=20))

        register_angka(SumberAngka(kunci=ringkasan.KUNCI_CAKUPAN_KOTA, fungsi=ringkasan.hitung_cakupan_kota, judul="Cakupan LKK kota"))

        isi_bila_kosong(self, "JenisLembaga", isi_jenis_lembaga)
