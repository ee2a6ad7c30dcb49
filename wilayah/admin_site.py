"""The portal's admin site: Django's, with one guard that holds for every ModelAdmin (ours, auth's,
Celery beat's).

Django reads ``?_to_field=`` on the change, delete and history pages as the field to find the object
by; sent empty, it asks ``_meta.get_field("")`` and answers 500. Empty means "not given" here, so the
page looks the object up by its primary key, as without the parameter.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import TO_FIELD_VAR


def _tanpa_parameter_kosong(data, nama):
    if data.get(nama) == "":
        data = data.copy()
        del data[nama]
    return data


class PortalAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def view_tanpa_to_field_kosong(request, *args, **kwargs):
            request.GET = _tanpa_parameter_kosong(request.GET, TO_FIELD_VAR)
            if request.method == "POST":
                request.POST = _tanpa_parameter_kosong(request.POST, TO_FIELD_VAR)
            return inner(request, *args, **kwargs)

        return view_tanpa_to_field_kosong


class PortalAdminConfig(AdminConfig):
    default_site = "wilayah.admin_site.PortalAdminSite"
