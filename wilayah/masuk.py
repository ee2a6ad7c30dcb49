"""Login throttling with django-axes: the client's address, the lock-out page, the lock-out log, and
who is locked out now. The settings (limit, cool-off, what is locked) are the "Login throttling" block
of ``probolinggo_portal/settings.py``; unlocking is a write on an account: ``wilayah.akun.buka_kunci``.
"""

from __future__ import annotations

import ipaddress
import logging

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


def _alamat_sah(teks: str) -> str | None:
    try:
        return str(ipaddress.ip_address(teks.strip()))
    except ValueError:
        return None


def alamat_klien(request) -> str | None:
    """The client's address as the lock-out counts it (``AXES_CLIENT_IP_CALLABLE``).

    Without a proxy (``JUMLAH_PROXY = 0``) the socket's address. Behind ``JUMLAH_PROXY`` reverse proxies,
    each appending the address it was reached from to X-Forwarded-For, the N-th entry from the right:
    what the outermost proxy saw. Entries a client wrote itself stand further left and are never read.
    A header shorter than that, or not an address, falls back to the socket's address."""
    jumlah = settings.JUMLAH_PROXY
    if jumlah > 0:
        daftar = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(daftar) >= jumlah:
            alamat = _alamat_sah(daftar[-jumlah])
            if alamat is not None:
                return alamat
    return _alamat_sah(request.META.get("REMOTE_ADDR", "") or "")


def menit_jeda() -> int:
    """The cool-off in whole minutes (for the lock-out page)."""
    return int(get_cool_off().total_seconds() // 60)


def respons_terkunci(request, original_response=None, credentials=None):
    """The lock-out page (``AXES_LOCKOUT_CALLABLE``), for the portal's and the admin's login alike."""
    konteks = {
        "nama_pengguna": get_client_username(request, credentials) or "",
        "batas_gagal": settings.AXES_FAILURE_LIMIT,
        "menit_jeda": menit_jeda(),
    }
    response = render(request, "registration/terkunci.html", konteks, status=429)
    response["Retry-After"] = str(menit_jeda() * 60)
    return response


def catat_terkunci(sender, request, username, ip_address, **kwargs):
    """Every lock-out (and every try while locked out) in the log: user name, address, page."""
    logger.warning(
        "Login terkunci: nama pengguna %r dari alamat %s di %s (%s kali gagal dalam %s menit).",
        username, ip_address, getattr(request, "path", "?"), getattr(request, "axes_failures_since_start", "?"), menit_jeda(),
    )  # fmt: skip


def kunci_aktif(nama_pengguna=None) -> dict[str, list[str]]:
    """User name -> the addresses it is locked out from now (one query). ``nama_pengguna``: only these."""
    batas = timezone.now() - get_cool_off()
    qs = AccessAttempt.objects.filter(attempt_time__gte=batas)
    if nama_pengguna is not None:
        qs = qs.filter(username__in=list(nama_pengguna))
    baris = (
        qs.values("username", "ip_address")
        .annotate(gagal=Sum("failures_since_start"))
        .filter(gagal__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username", "ip_address")
    )
    hasil: dict[str, list[str]] = {}
    for b in baris:
        hasil.setdefault(b["username"], []).append(b["ip_address"] or "-")
    return hasil
