"""Public pages built once per state of their data for anonymous visitors (the calendar, the .ics feed,
the destination catalogue, the PUD catalogue).

- A page declares what its content depends on as a ``SumberTanda``: a function reading, in one aggregate
  query, the state of that data (counts, latest changes, latest deletion) as a ``Tanda``, and the models
  whose save or delete changes it. ``daftarkan_tanda`` (called from the app's ``ready()``) connects
  ``post_save``/``post_delete`` receivers of those models that forget the kept tanda.
- ``tanda(sumber)`` keeps the computed tanda in the cache for ``TANDA_DETIK`` (60 s), so a visitor costs
  no aggregate query. A save or delete in this process forgets it at once (and again when the transaction
  commits, so a visitor between the write and its commit cannot keep the old state). The default cache is
  per process (LocMem): another process keeps its old tanda, and so serves its old page, until it expires,
  at most ``TANDA_DETIK`` seconds. That staleness is accepted. Bulk writes send no signals: their service
  calls ``lupakan_tanda`` itself.
- ``halaman_publik(sumber)`` wraps a view: for an anonymous visitor the ETag is the tanda hashed with the
  path and query string and the language, Last-Modified is the tanda's latest change (If-None-Match and
  If-Modified-Since answer 304 without building anything), and the built page is kept in the cache for
  ``SIMPAN_DETIK`` per (host, path and query string, language) with the state it was built for (today and
  the ETag): filters and page numbers are separate entries, a change of the data rebuilds the entry in
  place (old states take no memory). With ``gzip_juga=True`` a gzip-compressed copy is kept beside it and
  given (``Content-Encoding: gzip``, ``Vary: Accept-Encoding``) to a client that accepts it. Changes the
  tanda does not see (a kecamatan or a category renamed) show when the entry expires. Signed-in visitors'
  pages carry their menu and CSRF token: never kept, no ETag.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models import Func, Max, Subquery
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

#: how long a computed tanda is kept (a save or delete in this process forgets it at once)
TANDA_DETIK = 60
#: how long an anonymous visitor's page is kept once built (its key changes with the data)
SIMPAN_DETIK = 900
#: the headers a kept page keeps
_KEPALA = ("Content-Type", "Content-Disposition", "Content-Language")
_TERIMA_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class Tanda:
    """The state of a public page's data: ``isi`` (text that changes with any change the page shows) and
    ``diubah`` (the latest change, an aware datetime, or None when there is nothing)."""

    isi: str
    diubah: datetime | None

    def etag(self, *bagian) -> str:
        """The ETag of one page over this state: ``bagian`` names the page (path, query, language)."""
        return hashlib.sha256("|".join(str(x) for x in (self.isi, *bagian)).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class SumberTanda:
    """What a public page depends on: ``hitung(hari_ini)`` reads the state in one query; a save or delete
    of one of ``model`` forgets the kept tanda."""

    nama: str
    hitung: Callable[[date], Tanda]
    model: tuple = field(default=())


def jumlah_dan_terakhir(qs, nama: str) -> dict:
    """Two aggregate expressions over another table, to read inside a tanda's one query: ``<nama>_n`` the
    rows of ``qs`` (one removed changes it) and ``<nama>_id`` its latest id (one added changes it)."""
    baris = qs.order_by().values("pk")
    return {
        f"{nama}_n": Max(Subquery(baris.annotate(_n=Func("pk", function="COUNT")).values("_n")[:1])),
        f"{nama}_id": Max(Subquery(baris.order_by("-pk")[:1])),
    }


def _kunci_tanda(sumber: SumberTanda, hari_ini: date) -> str:
    return f"wilayah.publik.tanda:{sumber.nama}:{hari_ini}"


def tanda(sumber: SumberTanda, hari_ini: date | None = None) -> Tanda:
    """The kept tanda of ``sumber`` for today, computed (one query) when missing or older than TANDA_DETIK."""
    hari_ini = hari_ini or timezone.localdate()
    kunci = _kunci_tanda(sumber, hari_ini)
    hasil = cache.get(kunci)
    if hasil is None:
        hasil = sumber.hitung(hari_ini)
        cache.set(kunci, hasil, TANDA_DETIK)
    return hasil


def lupakan_tanda(sumber: SumberTanda) -> None:
    """Forget the kept tanda of ``sumber`` now and when the current transaction commits."""
    kunci = _kunci_tanda(sumber, timezone.localdate())
    cache.delete(kunci)
    transaction.on_commit(lambda: cache.delete(kunci))


def daftarkan_tanda(sumber: SumberTanda) -> None:
    """Connect the receivers: a save or delete of any of ``sumber.model`` forgets its tanda."""

    def lupakan(sender, **kwargs):
        lupakan_tanda(sumber)

    for model in sumber.model:
        for sinyal in (post_save, post_delete):
            sinyal.connect(lupakan, sender=model, weak=False, dispatch_uid=f"wilayah.publik:{sumber.nama}:{model._meta.label}")


def terima_gzip(request) -> bool:
    return bool(_TERIMA_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _jawaban(isi: bytes, kepala: dict, *, dipadatkan: bool, berbeda_menurut_encoding: bool) -> HttpResponse:
    response = HttpResponse(isi)
    for nama, nilai in kepala.items():
        response[nama] = nilai
    if berbeda_menurut_encoding:
        patch_vary_headers(response, ("Accept-Encoding",))
    if dipadatkan:
        response["Content-Encoding"] = "gzip"
    return response


def halaman_publik(sumber: SumberTanda, *, gzip_juga: bool = False, baca_query: bool = True):
    """The view decorator (see the module docstring): conditional answers and the page kept per state of
    ``sumber`` for anonymous visitors. ``gzip_juga``: a gzip copy is kept too (large text bodies: the .ics);
    ``baca_query=False``: the page does not read its query string, which then names no other page (a
    visitor adding ``?x=1`` gets the same entry, not a new ten-megabyte one)."""

    def dekorator(view):
        @wraps(view)
        def dibungkus(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            hari_ini = timezone.localdate()
            t = tanda(sumber, hari_ini)
            halaman = request.get_full_path() if baca_query else request.path
            etag = quote_etag(t.etag(halaman, get_language()))
            diubah = int(t.diubah.timestamp()) if t.diubah else None
            response = get_conditional_response(request, etag=etag, last_modified=diubah)
            if response is None:
                response = _dari_simpanan(request, view, args, kwargs, sumber, halaman, f"{hari_ini}|{etag}", gzip_juga)
            elif gzip_juga:
                patch_vary_headers(response, ("Accept-Encoding",))
            if diubah and not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(diubah)
            # the gzip body is another representation of the same page: its ETag is weak (as GZipMiddleware does)
            response.headers.setdefault("ETag", "W/" + etag if response.get("Content-Encoding") == "gzip" else etag)
            return response

        return dibungkus

    return dekorator


def _dari_simpanan(request, view, args, kwargs, sumber: SumberTanda, halaman: str, versi: str, gzip_juga: bool):
    """The kept page if it is of this state (``versi``: today and the ETag), else built and kept. One entry
    per page (host, path, language), overwritten when the data change, so old states take no memory; the
    gzip copy has its own entry, so a client reading one does not load the other (ten megabytes plain)."""
    kunci = "wilayah.publik:" + hashlib.sha256(f"{sumber.nama}|{request.get_host()}|{halaman}|{get_language()}".encode()).hexdigest()
    dipadatkan = gzip_juga and terima_gzip(request)
    tersimpan = cache.get(kunci + (":gzip" if dipadatkan else ""))
    if tersimpan is not None and tersimpan[0] == versi:
        return _jawaban(tersimpan[1], tersimpan[2], dipadatkan=dipadatkan, berbeda_menurut_encoding=gzip_juga)
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code != 200 or response.streaming:
        return response
    kepala = {n: response[n] for n in _KEPALA if response.has_header(n)}
    isi = response.content
    cache.set(kunci, (versi, isi, kepala), SIMPAN_DETIK)
    if gzip_juga:
        isi_gzip = gzip.compress(isi, compresslevel=6, mtime=0)
        cache.set(kunci + ":gzip", (versi, isi_gzip, kepala), SIMPAN_DETIK)
        isi = isi_gzip if dipadatkan else isi
    return _jawaban(isi, kepala, dipadatkan=dipadatkan, berbeda_menurut_encoding=gzip_juga)
