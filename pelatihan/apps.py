from django.apps import AppConfig


class PelatihanConfig(AppConfig):
    name = "pelatihan"
    verbose_name = "Diklat dan pembinaan"

    def ready(self):
        from wilayah.panels import Panel, register_panel

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="pelatihan", judul=self.verbose_name, template="pelatihan/panel.html", urutan=50))
