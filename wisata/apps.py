from django.apps import AppConfig


class WisataConfig(AppConfig):
    name = "wisata"
    verbose_name = "Wisata: destinasi dan event"

    def ready(self):
        from wilayah.panels import Panel, register_panel

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="wisata", judul=self.verbose_name, template="wisata/panel.html", urutan=40))
