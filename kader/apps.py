from django.apps import AppConfig


class KaderConfig(AppConfig):
    name = "kader"
    verbose_name = "Kader Pemberdayaan Masyarakat (KPM)"

    def ready(self):
        from wilayah.angka import SumberAngka, register_angka
        from wilayah.panels import Panel, register_panel
        from wilayah.referensi import isi_bila_kosong
        from wilayah.ringkasan import ProgramRingkasan, register_ringkasan
        from wilayah.target import daftarkan as daftarkan_target

        from . import progres, ringkasan, target
        from .referensi import isi_bidang_kerja, isi_pengaturan

        judul = "Kader Pemberdayaan Masyarakat (KPM)"
        register_panel(Panel(level="kelurahan", app_label="kader", judul=judul, template="kader/panel_kelurahan.html", context=progres.konteks_panel_kelurahan, urutan=10))
        register_panel(Panel(level="kecamatan", app_label="kader", judul=judul, template="kader/panel_wilayah.html", context=progres.konteks_panel_kecamatan, urutan=10))
        register_panel(Panel(level="kota", app_label="kader", judul=judul, template="kader/panel_kota.html", context=progres.konteks_panel_kota, urutan=10))
        register_angka(SumberAngka(kunci=progres.KUNCI_SEBARAN_KOTA, fungsi=progres.hitung_sebaran_kota, judul="KPM aktif per kecamatan"))
        register_ringkasan(ProgramRingkasan(app="kader", judul=judul, fungsi=ringkasan.ringkasan_bulanan, kelas=ringkasan.RingkasanKader, urutan=10))
        # a flushed database (transactional tests) gets the starting rows back (wilayah.referensi)
        isi_bila_kosong(self, "BidangKerja", isi_bidang_kerja)
        isi_bila_kosong(self, "PengaturanKader", isi_pengaturan)
        # its section of the targets page (/wilayah/target/)
        daftarkan_target(target.BAGIAN)
