"""The pelatihan panel on the kelurahan, kecamatan and city home pages, as things stand today.
Everything read through ``for_user``; three queries at a kelurahan, one at a kecamatan, two at the
city, whatever the number of commitments or diklat.

- Kelurahan: its open commitments (overdue ones flagged), the next diklat it may see.
- Kecamatan: its commitments counted (open, overdue, done).
- City (Bappeda): the overdue commitments: how many, the kelurahan with the most, a link to the
  list filtered ``terlambat``.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from wilayah.models import Kelurahan

from .models import Diklat, RencanaTindakLanjut, StatusDiklat

#: How many open commitments, upcoming diklat and kelurahan a panel lists (the counts cover all).
BARIS_PANEL = 5


def daftar_url(**filter) -> str:
    """The commitment list with these filters (``status``, ``kelurahan``, ``kecamatan`` by code)."""
    url = reverse("pelatihan:rencana-list")
    return f"{url}?{urlencode(filter)}" if filter else url


def _hitung(qs, hari_ini) -> dict:
    """Counted by the rules of ``RencanaQuerySet.terbuka``/``terlambat`` (one query)."""
    semua = RencanaTindakLanjut.objects.all()
    angka = qs.aggregate(
        jumlah=Count("pk"),
        terbuka=Count("pk", filter=Q(pk__in=semua.terbuka(hari_ini).values("pk"))),
        terlambat=Count("pk", filter=Q(pk__in=semua.terlambat(hari_ini).values("pk"))),
    )
    angka["selesai"] = angka["jumlah"] - angka["terbuka"]
    return angka


def panel_kelurahan(request, kelurahan: Kelurahan) -> dict:
    user, hari_ini = request.user, timezone.localdate()
    rencana = RencanaTindakLanjut.objects.for_user(user).filter(kelurahan=kelurahan)
    angka = _hitung(rencana, hari_ini)
    terbuka = list(rencana.terbuka(hari_ini).select_related("peserta").order_by("tenggat", "pk")[:BARIS_PANEL])
    diklat = list(
        Diklat.objects.for_user(user)
        .filter(tanggal_selesai__gte=hari_ini)
        .exclude(status=StatusDiklat.BATAL)
        .select_related("penyelenggara")
        .order_by("tanggal_mulai", "pk")[:3]
    )
    return {
        "tingkat": "kelurahan", "angka": angka, "terbuka": terbuka, "diklat_mendatang": diklat,
        "url_terbuka": daftar_url(kelurahan=kelurahan.kode, status="terbuka"),
        "url_terlambat": daftar_url(kelurahan=kelurahan.kode, status="terlambat"),
    }


def panel_kecamatan(request, kecamatan) -> dict:
    hari_ini = timezone.localdate()
    angka = _hitung(RencanaTindakLanjut.objects.for_user(request.user).filter(kelurahan__kecamatan=kecamatan), hari_ini)
    return {
        "tingkat": "kecamatan", "angka": angka,
        "url_terbuka": daftar_url(kecamatan=kecamatan.kode, status="terbuka"),
        "url_terlambat": daftar_url(kecamatan=kecamatan.kode, status="terlambat"),
    }


def panel_kota(request, _wilayah) -> dict:
    hari_ini = timezone.localdate()
    rencana = RencanaTindakLanjut.objects.for_user(request.user)
    angka = _hitung(rencana, hari_ini)
    teratas = list(
        rencana.terlambat(hari_ini).order_by().values("kelurahan__kode", "kelurahan__nama", "kelurahan__kecamatan__nama")
        .annotate(n=Count("pk")).order_by("-n", "kelurahan__kode")[:BARIS_PANEL]
    )  # fmt: skip
    for baris in teratas:
        baris["url"] = daftar_url(kelurahan=baris["kelurahan__kode"], status="terlambat")
    return {
        "tingkat": "kota", "angka": angka, "teratas": teratas,
        "url_terbuka": daftar_url(status="terbuka"), "url_terlambat": daftar_url(status="terlambat"),
    }


#: The panel of each level, registered level by level in ``apps.py``.
PANEL = {"kelurahan": panel_kelurahan, "kecamatan": panel_kecamatan, "kota": panel_kota}
