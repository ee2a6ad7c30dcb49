"""City figures stored, refreshed by Celery: a city page reads one row, never recomputes per hit.

A programme registers, in its ``AppConfig.ready()``, what it computes for the whole city:

    from wilayah.angka import SumberAngka, register_angka
    register_angka(SumberAngka(kunci="lkk.cakupan_kota", fungsi=hitung_cakupan_kota, judul="Cakupan LKK kota"))

``fungsi()`` returns a JSON-serialisable dict for the WHOLE city (every kelurahan, unscoped) in a fixed
number of queries, one row per kecamatan, never one per kelurahan. The rows per kecamatan sit in lists
under a ``"kecamatan"`` key (at any depth); the rest (city totals, settings, the types a table has) is
the summary. Numbers as ``int``/``float`` (a ``Decimal`` would come back as text).

Next to the payload (``data``) each row keeps its summary (``ringkasan``): by default the payload
without its per-kecamatan rows (``tanpa_rincian``; a source may give its own ``ringkas``). A panel that
prints a few totals reads the summary only, a few hundred bytes; the payload, hundreds of kilobytes
at province size, is read (and parsed) only by a page that shows the table.

- ``angka(kunci)``: the stored row (``AngkaTersimpan``: ``.data``, ``.ringkasan``, ``.dihitung_pada``),
  one query when stored and its payload already read by this process since its last computation
  (``_terbaca``), two otherwise. No row yet: computed now and stored. Older than ``settings.ANGKA_UMUR_DETIK``:
  the stored row is returned and the task ``wilayah.perbarui_angka`` queued for the key, at most once per
  period (a cache key guards it), so a request never waits for a recomputation except the very first.
- ``angka(kunci, hanya_ringkasan=True)``: the same row without its payload (``data`` deferred: reading
  it would cost a query); for panels.
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


def tanpa_rincian(data):
    """The summary of a payload: the payload without its rows per kecamatan (every list under a
    ``"kecamatan"`` key, at any depth)."""
    if isinstance(data, dict):
        return {k: tanpa_rincian(v) for k, v in data.items() if not (k == "kecamatan" and isinstance(v, list))}
    return data


@dataclass(frozen=True)
class SumberAngka:
    kunci: str
    fungsi: Callable[[], dict]
    judul: str = ""
    #: payload -> its summary (``AngkaTersimpan.ringkasan``)
    ringkas: Callable[[dict], dict] = tanpa_rincian


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
    baris = AngkaTersimpan(
        kunci=sumber.kunci, data=data, ringkasan=sumber.ringkas(data), dihitung_pada=timezone.now(), lama_detik=time.perf_counter() - mulai
    )
    # One statement, whoever wrote the key first (INSERT ... ON CONFLICT (kunci) DO UPDATE).
    AngkaTersimpan.objects.bulk_create(
        [baris], update_conflicts=True, unique_fields=["kunci"], update_fields=["data", "ringkasan", "dihitung_pada", "lama_detik"]
    )
    if baris.pk is not None:  # PostgreSQL and SQLite return the row's id from the upsert
        _terbaca[sumber.kunci] = (baris.pk, baris.dihitung_pada, data)
    else:
        _terbaca.pop(sumber.kunci, None)
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


#: The payloads this process has read, by key: (pk, dihitung_pada, data). A stored row's payload never
#: changes without a new ``dihitung_pada``, so a payload (400 KB of JSON at province size) is fetched and
#: parsed once per refresh and process, not on every page. Readers share it: they must not change it.
_terbaca: dict[str, tuple] = {}


def _payload(tersimpan) -> dict:
    """The payload of the row read with ``data`` deferred: this process's copy when it is of the same
    computation, else read (one query) and kept."""
    from .models import AngkaTersimpan

    kenal = _terbaca.get(tersimpan.kunci)
    if kenal is not None and kenal[:2] == (tersimpan.pk, tersimpan.dihitung_pada):
        return kenal[2]
    data = AngkaTersimpan.objects.filter(pk=tersimpan.pk, dihitung_pada=tersimpan.dihitung_pada).values_list("data", flat=True).first()
    if data is None:  # recomputed between the two reads: what is stored now, not kept
        return AngkaTersimpan.objects.get(kunci=tersimpan.kunci).data
    _terbaca[tersimpan.kunci] = (tersimpan.pk, tersimpan.dihitung_pada, data)
    return data


def angka(kunci: str, *, hanya_ringkasan: bool = False):
    """The stored figures of ``kunci`` (``AngkaTersimpan``); with ``hanya_ringkasan`` without the payload
    (``data`` deferred). See the module's docstring."""
    from .models import AngkaTersimpan

    sumber = _sumber(kunci)
    tersimpan = AngkaTersimpan.objects.filter(kunci=kunci).defer("data").first()
    if tersimpan is None:
        return _simpan(sumber)
    if not hanya_ringkasan:
        tersimpan.data = _payload(tersimpan)
    if tersimpan.ringkasan is None:  # stored before summaries were kept: made once from the payload
        tersimpan.ringkasan = sumber.ringkas(tersimpan.data)
        AngkaTersimpan.objects.filter(pk=tersimpan.pk).update(ringkasan=tersimpan.ringkasan)
    if (timezone.now() - tersimpan.dihitung_pada).total_seconds() > umur_detik():
        _antrekan(kunci)
    return tersimpan


# --------------------------------------------------------------------------- wilayah's own figures


def hitung_kota() -> dict:
    """"wilayah.kota": per kecamatan, its kelurahan and its RW. Three queries, each one pass over its table
    grouped by kecamatan (no kecamatan⋈kelurahan⋈RW fan-out counted DISTINCT, no subquery per kecamatan)."""
    from django.db.models import Count

    from .models import RW, Kecamatan, Kelurahan

    kelurahan = dict(Kelurahan.objects.order_by().values("kecamatan_id").annotate(n=Count("pk")).values_list("kecamatan_id", "n"))
    rw = dict(RW.objects.order_by().values("kelurahan__kecamatan_id").annotate(n=Count("pk")).values_list("kelurahan__kecamatan_id", "n"))
    baris = [
        {"kode": k["kode"], "nama": k["nama"], "jumlah_kelurahan": kelurahan.get(k["pk"], 0), "jumlah_rw": rw.get(k["pk"], 0)}
        for k in Kecamatan.objects.order_by("kode").values("pk", "kode", "nama")
    ]
    total = {
        "kecamatan": len(baris),
        "kelurahan": sum(b["jumlah_kelurahan"] for b in baris),
        "rw": sum(b["jumlah_rw"] for b in baris),
    }
    return {"total": total, "kecamatan": baris}
