"""A table of rows by level (kecamatan of the city, kelurahan of a kecamatan): sorted server-side,
paginated, the query string read safely.

    from wilayah.tingkat import TabelTingkat, TabelTingkatMixin

    class KotaView(TabelTingkatMixin, ScopedViewMixin, TemplateView):
        ...
        context["tabel"] = TabelTingkat(
            self.request, tersimpan.data["kecamatan"],          # a list of dicts
            urutan={"nama": "nama", "kpm": "kpm_aktif"},        # ?urut=<key> allowed -> the dict's key
            bawaan="nama",                                      # default; "-kpm" for descending
            per_halaman=50,
        )

``tabel.halaman`` is a Django ``Page`` of the rows; ``tabel.urut`` the key in force, ``tabel.turun``
whether descending; ``tabel.tautan_urut.<key>`` the query string of a header's link (``?urut=key``, or
``?urut=-key`` when the column is already sorted ascending; other parameters kept, the page dropped);
``tabel.arah.<key>`` is "ascending"/"descending"/"" for ``aria-sort``. The pager is the lists' one:
``{% include "wilayah/_pagination.html" with page_obj=tabel.halaman is_paginated=tabel.halaman.has_other_pages %}``.

An unknown ``?urut=`` is the default; a ``?page=`` that is not a number is the first page, one past the
end the last. Ties (and empty values, always last) are ordered by the row's ``kode``: the order is stable.
Views using it inherit ``TabelTingkatMixin``, so the query-string walk
(``tests/wilayah/test_parameter_kueri.py``) sends bad values to ``urut`` and ``page``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict

from .daftar import teks_dari

PARAMETER_URUT = "urut"
PARAMETER_HALAMAN = "page"


def urut_dari(request) -> str:
    """The raw ``?urut=`` (bounded text; checked against the table's keys by ``TabelTingkat``)."""
    return teks_dari(request.GET.get("urut"), 50)


def halaman_dari(request) -> str:
    """The raw ``?page=``: ``Paginator.get_page`` turns anything into the first or the last page."""
    return teks_dari(request.GET.get("page"), 20)


def _nilai(nilai):
    return nilai.casefold() if isinstance(nilai, str) else nilai


class TabelTingkat:
    def __init__(self, request, baris, *, urutan: dict[str, str], bawaan: str, per_halaman: int = 50):
        if bawaan.lstrip("-") not in urutan:
            raise ValueError(f"Urutan bawaan {bawaan!r} tidak ada di urutan")
        self.urutan = urutan
        diminta = urut_dari(request)
        if diminta.lstrip("-") not in urutan:
            diminta = bawaan
        self.turun = diminta.startswith("-")
        self.urut = diminta.lstrip("-")
        self.baris = self._urutkan(list(baris), urutan[self.urut], self.turun)
        self.paginator = Paginator(self.baris, per_halaman)
        self.halaman = self.paginator.get_page(halaman_dari(request) or 1)
        self.tautan_urut = self._tautan(request)
        self.arah = {k: ("" if k != self.urut else "descending" if self.turun else "ascending") for k in urutan}

    @staticmethod
    def _urutkan(baris: list, kolom: str, turun: bool) -> list:
        baris.sort(key=lambda b: str(b.get("kode", "")))
        ada = [b for b in baris if b.get(kolom) is not None]
        kosong = [b for b in baris if b.get(kolom) is None]
        # Python's sort is stable, also reversed: rows of equal value stay in kode order.
        ada.sort(key=lambda b: _nilai(b[kolom]), reverse=turun)
        return ada + kosong

    def _tautan(self, request) -> dict[str, str]:
        # The other parameters are only written back into the links (as Django's {% querystring %} does),
        # never read: the query string is copied as it came.
        asal = request.META.get("QUERY_STRING", "")
        tautan = {}
        for kunci in self.urutan:
            qd = QueryDict(asal, mutable=True)
            qd.pop(PARAMETER_HALAMAN, None)
            qd[PARAMETER_URUT] = f"-{kunci}" if (kunci == self.urut and not self.turun) else kunci
            tautan[kunci] = "?" + qd.urlencode()
        return tautan


class TabelTingkatMixin:
    """Put it on a view that builds a ``TabelTingkat``: declares the parameters it reads (``urut``, ``page``)."""

    parameter_tabel = (PARAMETER_URUT, PARAMETER_HALAMAN)

    def kecamatan_dipilih(self):
        """The drill-down's kecamatan (``?kecamatan=<kode>``, read by the view's FilterSet with a
        ``KecamatanFilter``): the kecamatan when valid and in the user's scope, else None (a bad value is
        the form's error, shown on the page)."""
        filterset = self.get_filterset()
        return filterset.form.cleaned_data.get("kecamatan") if filterset.is_valid() else None
