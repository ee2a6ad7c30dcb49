#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS
    except ImproperlyConfigured as exc:
        # Django would go on without the apps (a shell with no models, an empty registry): stop instead.
        sys.exit(
            f"Pengaturan belum lengkap: {exc}\n"
            "Produksi: isi SECRET_KEY (lihat .env.example). Komputer pengembang: LOKAL=True python manage.py ..."
        )
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
