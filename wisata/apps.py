from django.apps import AppConfig


class WisataConfig(AppConfig):
    name = "wisata"
    verbose_name = "Wisata: destinasi dan event"

    def ready(self):
        from wilayah.angka import SumberAngka, register_angka
        from wilayah.panels import Panel, register_panel
        from wilayah.publik import daftarkan_tanda
        from wilayah.referensi import isi_bila_kosong
        from wilayah.ringkasan import ProgramRingkasan, register_ringkasan
        from wilayah.target import daftarkan as daftarkan_target

        from . import ringkasan, target
        from .kalender import TANDA_BERANDA, TANDA_EVENT, TANDA_KATALOG
        from .panel import panel_kecamatan, panel_kelurahan, panel_kota
        from .referensi import isi_kategori_wisata

        register_panel(Panel(level="kelurahan", app_label="wisata", judul="Wisata: RW dan destinasi", template="wisata/panel.html", context=panel_kelurahan, urutan=40))
        register_panel(Panel(level="kecamatan", app_label="wisata", judul="Wisata: RW dan destinasi", template="wisata/panel.html", context=panel_kecamatan, urutan=40))
        register_panel(Panel(level="kota", app_label="wisata", judul="Wisata: target kota", template="wisata/panel_kota.html", context=panel_kota, urutan=40))
        register_angka(SumberAngka(kunci=ringkasan.KUNCI_KOTA, fungsi=ringkasan.hitung_wisata_kota, judul="Wisata: cakupan dan target kota"))
        register_ringkasan(ProgramRingkasan(app="wisata", judul=self.verbose_name, fungsi=ringkasan.ringkasan_bulanan, kelas=ringkasan.RingkasanKelurahan, urutan=40))
        # the public calendar, feed and catalogue: a save or delete forgets their kept tanda (wilayah.publik)
        daftarkan_tanda(TANDA_EVENT)
        daftarkan_tanda(TANDA_KATALOG)
        daftarkan_tanda(TANDA_BERANDA)
        # a flushed database (transactional tests) gets the starting categories back (wilayah.referensi)
        isi_bila_kosong(self, "KategoriWisata", isi_kategori_wisata)
        # its section of the targets page (/wilayah/target/)
        daftarkan_target(target.BAGIAN)
