from django.apps import AppConfig


class LkkConfig(AppConfig):
    name = "lkk"
    verbose_name = "Lembaga Kemasyarakatan Kelurahan (LKK)"

    def ready(self):
        from wilayah.panels import Panel, register_panel

        from .panel import panel_context

        for level in ("kelurahan", "kecamatan", "kota"):
            register_panel(Panel(level=level, app_label="lkk", judul=self.verbose_name, template="lkk/panel.html", context=panel_context, urutan=20))
