"""City figures stored, refreshed by Celery: a city page reads one row, never recomputes per hit.

A programme registers, in its ``AppConfig.ready()``, what it computes for the whole city:

    from wilayah.angka import SumberAngka, register_angka
    register_angka(SumberAngka(kunci="lkk.cakupan_kota", fungsi=hitung_cakupan_kota, judul="Cakupan LKK kota"))

``fungsi()`` returns a JSON-serialisable dict for the WHOLE city (every kelurahan, unscoped) in a fixed
number of queries, one row per kecamatan, never one per kelurahan: the payload is read on every city page
hit. Numbers as ``int``/``float`` (a ``Decimal`` would come back as text).

- ``angka(kunci)``: the stored row (``AngkaTersimpan``: ``.data``, ``.dihitung_pada``), one query when
  stored. No row yet: computed now and stored. Older than ``settings.ANGKA_UMUR_DETIK``: the stored row
  is returned and the task ``wilayah.perbarui_angka`` queued for the key, at most once per period (a
  cache key guards it), so a request never waits for a recomputation except the very first.
- ``perbarui(kunci=None)``: recompute one key (or every key) now and store it (one upsert per key). The
  task calls it; the beat runs it for every key every 15 minutes.

The figures are unscoped: a page shows them only to a city-level user (``cakupan_wajib = Tingkat.KOTA``
or a branch on the level) after the usual permission check. Such a page says when they were computed:
``{% include "wilayah/_angka_per.html" with angka=tersimpan %}``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

UMUR_BAWAAN = 900


@dataclass(frozen=True)
class SumberAngka:
    kunci: str
    fungsi: Callable[[], dict]
    judul: str = ""


_registry: dict[str, SumberAngka] = {}


def register_angka(sumber: SumberAngka) -> None:
    """Register (or replace, on a second ``ready()``) the figures stored under ``sumber.kunci``."""
    _registry[sumber.kunci] = sumber


def terdaftar() -> list[SumberAngka]:
    return [_registry[k] for k in sorted(_registry)]


def _sumber(kunci: str) -> SumberAngka:
    try:
        return _registry[kunci]
    except KeyError:
        raise LookupError(f"Angka tidak terdaftar: {kunci}") from None


def umur_detik() -> int:
    return int(getattr(settings, "ANGKA_UMUR_DETIK", UMUR_BAWAAN))


def _kunci_antrean(kunci: str) -> str:
    return f"wilayah.angka:antre:{kunci}"


def _simpan(sumber: SumberAngka):
    from .models import AngkaTersimpan

    mulai = time.perf_counter()
    data = sumber.fungsi()
    baris = AngkaTersimpan(kunci=sumber.kunci, data=data, dihitung_pada=timezone.now(), lama_detik=time.perf_counter() - mulai)
    # One statement, whoever wrote the key first (INSERT ... ON CONFLICT (kunci) DO UPDATE).
    AngkaTersimpan.objects.bulk_create(
        [baris], update_conflicts=True, unique_fields=["kunci"], update_fields=["data", "dihitung_pada", "lama_detik"]
    )
    return baris


def perbarui(kunci: str | None = None):
    """Recompute and store one key (returns its row) or, without a key, every key (returns the rows)."""
    if kunci is not None:
        baris = _simpan(_sumber(kunci))
        cache.delete(_kunci_antrean(kunci))
        return baris
    hasil = []
    for sumber in terdaftar():
        hasil.append(_simpan(sumber))
        cache.delete(_kunci_antrean(sumber.kunci))
    return hasil


def _antrekan(kunci: str) -> None:
    """Queue the refresh of ``kunci`` once per period, whatever the number of requests that find it stale."""
    if not cache.add(_kunci_antrean(kunci), 1, timeout=umur_detik()):
        return
    from .tasks import perbarui_angka

    try:
        perbarui_angka.delay(kunci)
    except Exception:  # the broker is down: the page still shows the stored figures
        logger.exception("Pembaruan angka %s tidak dapat diantrekan", kunci)


def angka(kunci: str):
    """The stored figures of ``kunci`` (``AngkaTersimpan``); see the module's docstring."""
    from .models import AngkaTersimpan

    sumber = _sumber(kunci)
    tersimpan = AngkaTersimpan.objects.filter(kunci=kunci).first()
    if tersimpan is None:
        return _simpan(sumber)
    if (timezone.now() - tersimpan.dihitung_pada).total_seconds() > umur_detik():
        _antrekan(kunci)
    return tersimpan


# --------------------------------------------------------------------------- wilayah's own figures


def hitung_kota() -> dict:
    """"wilayah.kota": per kecamatan, its kelurahan and its RW, one query. Each count is a subquery
    grouped before it meets the kecamatan (no kecamatan⋈kelurahan⋈RW fan-out to count DISTINCT over)."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from .models import RW, Kecamatan, Kelurahan

    def jumlah(queryset, kolom):
        grup = queryset.filter(**{kolom: OuterRef("pk")}).order_by().values(kolom).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(grup, output_field=IntegerField()), 0)

    baris = list(
        Kecamatan.objects.order_by("kode")
        .annotate(jumlah_kelurahan=jumlah(Kelurahan.objects.all(), "kecamatan"), jumlah_rw=jumlah(RW.objects.all(), "kelurahan__kecamatan"))
        .values("kode", "nama", "jumlah_kelurahan", "jumlah_rw")
    )
    total = {
        "kecamatan": len(baris),
        "kelurahan": sum(b["jumlah_kelurahan"] for b in baris),
        "rw": sum(b["jumlah_rw"] for b in baris),
    }
    return {"total": total, "kecamatan": baris}
