from django.conf import settings

from .scoping import lingkup_of


def lingkup(request):
    """The user's scope for the navigation bar (one cached query per request)."""
    return {"lingkup_pengguna": lingkup_of(getattr(request, "user", None)), "NAMA_WILAYAH": settings.NAMA_WILAYAH}
