"""Request-wide rules that belong to ``wilayah`` (listed in ``settings.MIDDLEWARE``)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .akun import wajib_ganti_sandi

#: The pages a user with a temporary password may still open (URL names): where they replace it, and out.
HALAMAN_BEBAS_SANDI_SEMENTARA = frozenset({"password_change", "password_change_done", "logout", "admin:logout"})


class WajibGantiSandiMiddleware:
    """While ``wilayah.akun.wajib_ganti_sandi(user)`` holds (a temporary password from Bappeda not yet
    replaced), every portal and admin page, GET or POST, answers with a redirect to the password page and
    an Indonesian message; the view does not run, so nothing is written. Free: the pages in
    ``HALAMAN_BEBAS_SANDI_SEMENTARA``, static and media files.

    ``process_view`` runs after every middleware's request phase (sessions, messages) and once the URL is
    resolved; the flag is read with the scope row the request loads anyway (``lingkup_of``, cached on the
    user), so it adds no query to a page that shows the user's scope, at most one elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(_awalan_berkas()):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in HALAMAN_BEBAS_SANDI_SEMENTARA:
            return None
        if not wajib_ganti_sandi(getattr(request, "user", None)):
            return None
        messages.warning(request, _("Ganti kata sandi sementara Anda sebelum melanjutkan."))
        return redirect("password_change")


def _awalan_berkas() -> tuple[str, ...]:
    """URL prefixes of static and media files (``STATIC_URL`` may be relative: ``static/``)."""
    return tuple("/" + u.lstrip("/") for u in (settings.STATIC_URL, settings.MEDIA_URL) if u)
