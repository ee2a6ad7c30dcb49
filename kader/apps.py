from django.apps import AppConfig


class KaderConfig(AppConfig):
    name = "kader"
    verbose_name = "Kader Pemberdayaan Masyarakat (KPM)"

    def ready(self):
        from wilayah.panels import Panel, register_panel

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="kader", judul=self.verbose_name, template="kader/panel.html", urutan=10))
