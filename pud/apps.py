from django.apps import AppConfig


class PudConfig(AppConfig):
    name = "pud"
    verbose_name = "Produk Unggulan Daerah (PUD)"

    def ready(self):
        from wilayah.panels import Panel, register_panel
        from wilayah.publik import daftarkan_tanda
        from wilayah.ringkasan import ProgramRingkasan, register_ringkasan

        from . import ringkasan
        from .panel import PANEL
        from .views import TANDA_KATALOG

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="pud", judul=self.verbose_name, template="pud/panel.html", context=PANEL[level], urutan=30))
        # after kader (10) and lkk (20), before wisata (40): the order of the programmes everywhere
        register_ringkasan(ProgramRingkasan(app="pud", judul=self.verbose_name, fungsi=ringkasan.ringkasan_bulanan, kelas=ringkasan.RingkasanPUD, urutan=30))
        # the public catalogue: a save or delete forgets its kept tanda (wilayah.publik)
        daftarkan_tanda(TANDA_KATALOG)
