"""Default deny: every view in the URLconf is declared public or served through the scoping mechanism."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, path

from wilayah.access import ScopedViewMixin, public_view, scoped_view
from wilayah.admin import ScopedAdminMixin
from wilayah.models import Lingkup
from wilayah.roles import PORTAL_APPS

# Admin models that are not region-bound rows: only superusers and Bappeda (by permission) reach them.
ADMIN_UNSCOPED_ALLOWED = {Lingkup}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin is checked model by model below
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def is_guarded(callback) -> bool:
    if getattr(callback, "akses_publik", False) or getattr(callback, "akses_lingkup", False):
        return True
    view_class = getattr(callback, "view_class", None)
    return view_class is not None and issubclass(view_class, ScopedViewMixin)


def unguarded_views(urlconf=None):
    return [route for route, callback in _walk(get_resolver(urlconf).url_patterns) if not is_guarded(callback)]


def test_every_view_is_public_or_scoped():
    assert unguarded_views() == [], "Tandai view ini dengan public_view atau layani lewat ScopedViewMixin/scoped_view."


def _plain_view(request):
    return None


urlpatterns = [
    path("lupa/", _plain_view),
    path("publik/", public_view(lambda request: None)),
    path("berlingkup/", scoped_view(lambda request: None)),
]


def test_checker_catches_an_unmarked_view():
    assert unguarded_views(__name__) == ["lupa/"]


def test_every_portal_admin_is_scoped():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in PORTAL_APPS and model not in ADMIN_UNSCOPED_ALLOWED:
            assert isinstance(model_admin, ScopedAdminMixin), f"Admin {model._meta.label} tidak memakai ScopedAdminMixin."
