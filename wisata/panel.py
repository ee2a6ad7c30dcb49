"""Panels of the wisata programme on the kelurahan, kecamatan and city home pages (fixed queries)."""

from django.utils import timezone

from wilayah.models import Kelurahan

from .ringkasan import progres_target, progres_tersimpan, ringkasan_bulanan, total_kota, wisata_kota


def _ringkasan(request, kelurahan_qs):
    hari_ini = timezone.localdate()
    ids = kelurahan_qs.values_list("pk", flat=True)
    data = ringkasan_bulanan(hari_ini.year, hari_ini.month, kelurahan_ids=ids, dengan_target=False)  # the panel prints no target
    return data, total_kota(data)


def panel_kelurahan(request, kelurahan):
    data, total = _ringkasan(request, Kelurahan.objects.for_user(request.user).filter(pk=kelurahan.pk))
    return {"total": total, "kode": kelurahan.kode, "tingkat": "kelurahan"}


def panel_kecamatan(request, kecamatan):
    data, total = _ringkasan(request, Kelurahan.objects.for_user(request.user).filter(kecamatan=kecamatan))
    return {"total": total, "kode": None, "tingkat": "kecamatan"}  # no kelurahan code: the ranking link


def panel_kota(request, _wilayah):
    """The mayor's three targets from the stored city figures' summary (``wisata.kota`` without its rows per
    kecamatan: two queries); shown only on the city page, which only city-wide scopes open (``cakupan_wajib``)."""
    hari_ini = timezone.localdate()
    tersimpan = wisata_kota(request.user, hanya_ringkasan=True)
    if tersimpan is None:
        return {}
    progres = progres_tersimpan(tersimpan, hari_ini.year) or progres_target(hari_ini.year, hari_ini=hari_ini)
    return {"progres": progres, "angka": tersimpan}
