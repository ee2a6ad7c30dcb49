from django.apps import AppConfig


class PudConfig(AppConfig):
    name = "pud"
    verbose_name = "Produk Unggulan Daerah (PUD)"

    def ready(self):
        from wilayah.panels import Panel, register_panel

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="pud", judul=self.verbose_name, template="pud/panel.html", urutan=30))
