"""Finding a kelurahan, RW and RT from what an import cell holds (pencari = finder).

``PencariWilayah(user)`` loads, once per import, every kelurahan (a small table), which of them are in
the user's scope, and the keys of their RWs (RTs on first use): at most four queries whatever the
number of rows. An RW or RT becomes a model instance only when a cell names it (a province holds tens of
thousands; the rest of its fields load on first use). Then each lookup is a dictionary read:

- ``kelurahan(nilai)``: by Kemendagri code (35.74.04.1004, or its digits 3574041004 from a number
  cell) or by name compared with ``wilayah.sel.kunci_nama`` (case, non-breaking and repeated spaces
  do not count; "Kelurahan"/"Kel." in front is allowed). An unknown kelurahan, one outside the user's
  scope (named) and a name two kelurahan share get different messages;
- ``rw(kelurahan, nilai)``: RW 03, RW. 3, RW.03, 03, 3 (``wilayah.sel.baca_nomor``); the message names
  the RW once: "RW 03 tidak tercatat di Kebonsari Wetan.";
- ``rt(rw, nilai)``: the same for an RT of that RW.

Each raises ``wilayah.sel.SelTidakSah`` (a ``ValueError``) with the Indonesian message for the cell;
blank RW/RT is None, blank kelurahan is refused. Instances share their parents (``rw.kelurahan`` is the
kelurahan returned by ``kelurahan``), so reading them later costs no query.
"""

from __future__ import annotations

import re

from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from .models import RT, RW, Kelurahan
from .sel import SelTidakSah, baca_nomor, baca_teks, kunci_nama

# "Kelurahan Kebonsari Wetan", "Kel. Kebonsari Wetan", "Kel.Kebonsari Wetan", "Desa ..." (on a kunci_nama key).
_AWALAN = re.compile(r"(?:kelurahan|desa|kel\.|ds\.|kel|ds)(?:\s+|(?<=\.))")
# A Kemendagri code as typed: 35.74.04.1004, 35 74 04 1004, 3574041004.
_KODE = re.compile(r"\d[\d.\s]*", re.ASCII)
CONTOH_KODE, CONTOH_NAMA = "35.74.04.1004", "Kebonsari Wetan"


class PencariWilayah:
    """The kelurahan, RW and RT an import's cells name, within ``user``'s scope (see the module docstring)."""

    def __init__(self, user):
        self.user = user
        dalam_qs = Kelurahan.objects.for_user(user)
        dalam = set(dalam_qs.values_list("pk", flat=True))
        self._semua: dict[str, Kelurahan] = {}  # digits of the code -> kelurahan, the whole city
        self._nama: dict[str, list[Kelurahan]] = {}  # kunci_nama(name) -> kelurahan, the whole city
        self._dalam: dict[int, Kelurahan] = {}  # pk -> kelurahan in scope
        for k in Kelurahan.objects.order_by("kode"):
            self._semua[_digit(k.kode)] = k
            self._nama.setdefault(kunci_nama(k.nama), []).append(k)
            if k.pk in dalam:
                self._dalam[k.pk] = k
        # RW and RT as (parent, number) -> pk; a model instance is made only for those a cell names: a
        # city-wide user's province holds tens of thousands of RW, and most files name a few of them.
        self._dalam_qs = dalam_qs
        self._rw_pk: dict[tuple[int, int], int] = {
            (kel_id, nomor): pk for pk, kel_id, nomor in RW.objects.filter(kelurahan__in=dalam_qs).values_list("pk", "kelurahan_id", "nomor")
        }
        self._rw: dict[tuple[int, int], RW] = {}
        self._rt_pk: dict[tuple[int, int], int] | None = None
        self._rt: dict[tuple[int, int], RT] = {}
        contoh = next(iter(self._dalam.values()), None)
        self._contoh = (contoh.kode, contoh.nama) if contoh else (CONTOH_KODE, CONTOH_NAMA)

    # --- kelurahan

    def kelurahan(self, nilai) -> Kelurahan:
        """The kelurahan in the user's scope that the cell names, by code or by name."""
        teks = baca_teks(nilai)
        if not teks:
            raise SelTidakSah(
                _("Kelurahan wajib diisi; tulis kode Kemendagri (seperti %(kode)s) atau namanya (seperti %(nama)s).")
                % {"kode": self._contoh[0], "nama": self._contoh[1]}
            )
        calon = self._calon(teks)
        if not calon:
            raise SelTidakSah(
                _("Kelurahan '%(isi)s' tidak dikenal; tulis kode Kemendagri (seperti %(kode)s) atau nama kelurahan "
                  "(seperti %(nama)s).") % {"isi": teks, "kode": self._contoh[0], "nama": self._contoh[1]}
            )  # fmt: skip
        dalam = [k for k in calon if k.pk in self._dalam]
        if not dalam:
            k = calon[0]
            raise SelTidakSah(
                _("Kelurahan %(nama)s (%(kode)s) di luar wilayah kerja Anda; isi hanya kelurahan di wilayah kerja Anda.")
                % {"nama": k.nama, "kode": k.kode}
            )
        if len(dalam) > 1:
            raise SelTidakSah(
                _("Ada %(n)d kelurahan bernama '%(isi)s'; tulis kodenya: %(kode)s.")
                % {"n": len(dalam), "isi": teks, "kode": ", ".join(k.kode for k in dalam)}
            )
        return dalam[0]

    def _calon(self, teks: str) -> list[Kelurahan]:
        if _KODE.fullmatch(teks):
            k = self._semua.get(_digit(teks))
            return [k] if k else []
        kunci = kunci_nama(teks)
        calon = self._nama.get(kunci)
        if calon is None:
            awalan = _AWALAN.match(kunci)
            calon = self._nama.get(kunci[awalan.end() :]) if awalan else None
        return calon or []

    # --- RW and RT

    def rw(self, kelurahan: Kelurahan, nilai) -> RW | None:
        """The RW of ``kelurahan`` the cell names (RW 03, RW. 3, 03, 3); blank -> None."""
        nomor = baca_nomor(nilai)
        if nomor is None:
            return None
        kunci = (kelurahan.pk, nomor)
        rw = self._rw.get(kunci)
        if rw is None:
            pk = self._rw_pk.get(kunci)
            if pk is None:
                raise SelTidakSah(_("RW %(rw)02d tidak tercatat di %(kelurahan)s.") % {"rw": nomor, "kelurahan": kelurahan.nama})
            rw = self._rw[kunci] = _baris(RW, ("id", "kelurahan_id", "nomor"), (pk, kelurahan.pk, nomor))
            rw.kelurahan = kelurahan
        return rw

    def rt(self, rw: RW, nilai) -> RT | None:
        """The RT of ``rw`` the cell names (RT 04, 4); blank -> None."""
        nomor = baca_nomor(nilai)
        if nomor is None:
            return None
        if self._rt_pk is None:
            self._rt_pk = {
                (rw_id, n): pk
                for pk, rw_id, n in RT.objects.filter(rw__kelurahan__in=self._dalam_qs).values_list("pk", "rw_id", "nomor")
            }
        kunci = (rw.pk, nomor)
        rt = self._rt.get(kunci)
        if rt is None:
            pk = self._rt_pk.get(kunci)
            if pk is None:
                raise SelTidakSah(
                    _("RT %(rt)02d tidak tercatat di RW %(rw)02d %(kelurahan)s.") % {"rt": nomor, "rw": rw.nomor, "kelurahan": rw.kelurahan.nama}
                )
            rt = self._rt[kunci] = _baris(RT, ("id", "rw_id", "nomor"), (pk, rw.pk, nomor))
            rt.rw = rw
        return rt


def _baris(model, kolom, nilai):
    """A row as the database would give it for ``.only(*kolom)``: the other fields load on first use."""
    return model.from_db(DEFAULT_DB_ALIAS, list(kolom), nilai)


def _digit(kode: str) -> str:
    return re.sub(r"\D", "", kode)
