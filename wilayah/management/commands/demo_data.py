import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand

from wilayah import demo
from wilayah.roles import PORTAL_APPS


class Command(BaseCommand):
    help = "Mengisi data contoh (wilayah, RW, satu pengguna per peran, dan data program). Aman dijalankan berulang."

    def handle(self, *args, **options):
        credentials = demo.muat_demo(self.stdout)
        # Each programme app may ship a `demo.py` with `muat_demo(stdout)`; wilayah imports none by name.
        for app_config in apps.get_app_configs():
            if app_config.label not in PORTAL_APPS or app_config.label == "wilayah":
                continue
            module_name = f"{app_config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            if hasattr(module, "muat_demo"):
                module.muat_demo(self.stdout)
                self.stdout.write(f"Data contoh {app_config.verbose_name} dimuat.")
        self.stdout.write(self.style.SUCCESS("Data contoh siap. Akun demo (nama pengguna / kata sandi / peran):"))
        for username, password, role in credentials:
            self.stdout.write(f"  {username:24} {password:24} {role}")
