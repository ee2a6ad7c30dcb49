from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan bulanan"

    def ready(self):
        from wilayah.panels import Panel, register_panel

        from .views import konteks_panel

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="laporan", judul=self.verbose_name, template="laporan/panel.html", context=konteks_panel, urutan=60))
