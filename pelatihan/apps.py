from django.apps import AppConfig


class PelatihanConfig(AppConfig):
    name = "pelatihan"
    verbose_name = "Diklat dan pembinaan"

    def ready(self):
        from wilayah.panels import Panel, register_panel
        from wilayah.referensi import isi_bila_kosong
        from wilayah.ringkasan import ProgramRingkasan, register_ringkasan

        from . import ringkasan
        from .panel import PANEL
        from .referensi import isi_instansi

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="pelatihan", judul=self.verbose_name, template="pelatihan/panel.html", context=PANEL[level], urutan=50))
        # after kader (10), lkk (20), pud (30) and wisata (40): the order of the programmes everywhere
        register_ringkasan(ProgramRingkasan(app="pelatihan", judul=self.verbose_name, fungsi=ringkasan.ringkasan_bulanan, kelas=ringkasan.RingkasanPelatihan, urutan=50))
        # a flushed database (transactional tests) gets the starting institutions back (wilayah.referensi)
        isi_bila_kosong(self, "Instansi", isi_instansi)
