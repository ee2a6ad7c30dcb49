"""The ringkasan contract: each programme's monthly figures, and how they roll up the region tree.

``wilayah`` imports no programme app. Each programme publishes its figures in ``<app>/ringkasan.py``
and registers them in its ``AppConfig.ready()`` (as panels are registered)::

    from wilayah.ringkasan import ProgramRingkasan, register_ringkasan
    register_ringkasan(ProgramRingkasan(app="kader", judul="...", fungsi=ringkasan_bulanan,
                                        kelas=RingkasanKader, urutan=10))

``fungsi(tahun, bulan, *, kelurahan_ids=None) -> dict[kelurahan_id, kelas]`` returns one row per
kelurahan (all, or those of ``kelurahan_ids``) in a fixed number of queries. ``kelas`` is a dataclass
deriving from ``Ringkasan`` whose ``INDIKATOR`` describes its indicators: code, label, unit, how a
value aggregates from kelurahan up to a kecamatan or the city, and the target where one exists.

Aggregation rules (``Agregasi``):
- ``JUMLAH``: the sum of the kelurahan values (KPM aktif, lembaga, visitors, rupiah).
- ``RASIO``: the ratio of the sums, never the mean of the ratios: RW coverage of a kecamatan is
  sum(rw_tercakup) / sum(jumlah_rw), so a kelurahan with 40 RW weighs more than one with 4.
- ``CAPAIAN_TARGET``: the share of kelurahan whose value meets the target, e.g. the kelurahan with
  5 to 10 active KPM. For one kelurahan it is 100 or 0.

The aggregation reads rows as dataclasses or as the dicts they were frozen to (``as_dict()``),
so stored monthly figures roll up by the same rules as fresh ones.

What a report reads from an indicator beyond its value:
- ``target``: the bounds a kelurahan value should lie within (a ``CAPAIAN_TARGET`` counts the kelurahan
  meeting them; a ``JUMLAH`` may carry them too, so a kelurahan's report shows "5–10" beside its KPM).
- ``target_kota``: what the value of a group (a kecamatan, the city) is read against: a number, or the
  name of a row field that carries a target Bappeda sets (the same on every row). A ``CAPAIAN_TARGET``
  is read against 100 % by default.
- ``tindakan``: for one kelurahan, the "needs action" line: shown when the value lies outside its
  ``target``, or, for an indicator without a target, when it is above zero (lembaga whose term ended,
  RW without a destination). ``{nilai}`` and ``{target}`` are filled in.
- ``perubahan``: the figure tells what changed during the month (new cadres, events held, visitors);
  a report lists those that are not zero under "Perubahan bulan ini".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import get_language

from . import tampilan


class Agregasi(StrEnum):
    JUMLAH = "jumlah"
    RASIO = "rasio"
    CAPAIAN_TARGET = "capaian_target"


def _bulat(nilai: float, desimal: int) -> float:
    """Half up, as people round (81.25 -> 81.3), not Python's half to even."""
    return float(Decimal(repr(nilai)).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP))


_terjemahan: dict[tuple[int, str | None], tuple[Any, str]] = {}


def _teks_terjemahan(teks) -> str:
    """A lazy text translated once per language (not once per kelurahan row). The entry keeps the lazy
    object itself, so an id reused after it is gone never returns another text."""
    if isinstance(teks, str):
        return teks
    kunci = (id(teks), get_language())
    ada = _terjemahan.get(kunci)
    if ada is None or ada[0] is not teks:
        ada = _terjemahan[kunci] = (teks, str(teks))
    return ada[1]


def _ambil(baris, nama: str):
    # ``dict`` first: a frozen row is a dict, and an ABC check costs a province's freeze a second
    return baris[nama] if type(baris) is dict or isinstance(baris, Mapping) else getattr(baris, nama)


@dataclass(frozen=True)
class Target:
    """The bounds a kelurahan value must lie within (inclusive); either bound may be open.

    A bound is a number, or the name of a field of the row that carries it (``minimal_dari``), for
    targets Bappeda configures (the KPM 5-10 rule lives in ``PengaturanKader``)."""

    minimal: float | None = None
    maksimal: float | None = None
    minimal_dari: str | None = None
    maksimal_dari: str | None = None

    def batas(self, baris) -> tuple[float | None, float | None]:
        minimal = _ambil(baris, self.minimal_dari) if self.minimal_dari else self.minimal
        maksimal = _ambil(baris, self.maksimal_dari) if self.maksimal_dari else self.maksimal
        return minimal, maksimal

    def terpenuhi(self, nilai, baris) -> bool:
        minimal, maksimal = self.batas(baris)
        return (minimal is None or nilai >= minimal) and (maksimal is None or nilai <= maksimal)

    def kolom(self) -> set[str]:
        return {k for k in (self.minimal_dari, self.maksimal_dari) if k}


@dataclass(frozen=True)
class Indikator:
    """One figure of a programme.

    ``kode``: the indicator's code; for ``JUMLAH`` also the row field summed (unless ``sumber``).
    ``satuan``: the unit ("orang", "lembaga", "RW", "Rp", "%"), which also chooses the display.
    ``pembilang``/``penyebut``: the fields of a ``RASIO``; ``skala`` 100 makes it a percentage.
    ``sumber``/``target``: for ``CAPAIAN_TARGET``, the field compared with the target."""

    kode: str
    label: str
    satuan: str
    agregasi: Agregasi = Agregasi.JUMLAH
    pembilang: str | None = None
    penyebut: str | None = None
    sumber: str | None = None
    target: Target | None = None
    skala: int = 100
    desimal: int = 1
    target_kota: float | str | None = None
    tindakan: str | None = None
    perubahan: bool = False  # a figure of what changed this month (new cadres, events held...)

    def __post_init__(self):
        if self.agregasi == Agregasi.RASIO and not (self.pembilang and self.penyebut):
            raise ValueError(f"Indikator {self.kode}: rasio perlu pembilang dan penyebut.")
        if self.agregasi == Agregasi.CAPAIAN_TARGET and not (self.sumber and self.target):
            raise ValueError(f"Indikator {self.kode}: capaian target perlu sumber dan target.")

    def kolom(self) -> set[str]:
        """The row fields this indicator reads."""
        if self.agregasi == Agregasi.RASIO:
            return {self.pembilang, self.penyebut}
        if self.agregasi == Agregasi.CAPAIAN_TARGET:
            return {self.sumber} | self.target.kolom()
        return {self.sumber or self.kode}

    def nilai(self, baris):
        """The value for one kelurahan row: ``agregat([baris])``, without building a group (a province
        freezes 8,500 rows of some 35 indicators; a test holds the two equal)."""
        if self.agregasi == Agregasi.JUMLAH:
            return _ambil(baris, self.sumber or self.kode) or 0
        if self.agregasi == Agregasi.RASIO:
            penyebut = _ambil(baris, self.penyebut) or 0
            return _bulat(self.skala * (_ambil(baris, self.pembilang) or 0) / penyebut, self.desimal) if penyebut else 0.0
        memenuhi = self.target.terpenuhi(_ambil(baris, self.sumber) or 0, baris)
        return _bulat(self.skala * int(memenuhi), self.desimal)

    def agregat(self, daftar_baris: Iterable) -> int | float:
        """The value for a group of kelurahan rows (a kecamatan, the city) by this indicator's rule."""
        daftar_baris = list(daftar_baris)
        if self.agregasi == Agregasi.JUMLAH:
            return sum(_ambil(b, self.sumber or self.kode) or 0 for b in daftar_baris)
        if self.agregasi == Agregasi.RASIO:
            pembilang = sum(_ambil(b, self.pembilang) or 0 for b in daftar_baris)
            penyebut = sum(_ambil(b, self.penyebut) or 0 for b in daftar_baris)
            return _bulat(self.skala * pembilang / penyebut, self.desimal) if penyebut else 0.0
        memenuhi = sum(1 for b in daftar_baris if self.target.terpenuhi(_ambil(b, self.sumber) or 0, b))
        return _bulat(self.skala * memenuhi / len(daftar_baris), self.desimal) if daftar_baris else 0.0

    def batas_target(self, baris) -> tuple[float | None, float | None] | None:
        """The bounds of ``target`` for one kelurahan row, or None when the indicator has none."""
        return self.target.batas(baris) if self.target else None

    def teks_target(self, baris) -> str:
        """One kelurahan's target as users read it: "5–10", "≥ 5", "≤ 10"; "" when none."""
        batas = self.batas_target(baris)
        if batas is None:
            return ""
        minimal, maksimal = batas
        if minimal is not None and maksimal is not None:
            return f"{tampilan.angka(minimal)}–{tampilan.angka(maksimal)}"
        if minimal is not None:
            return f"≥ {tampilan.angka(minimal)}"
        return f"≤ {tampilan.angka(maksimal)}" if maksimal is not None else ""

    def nilai_target_kota(self, daftar_baris: Iterable) -> float | None:
        """What a group's value (a kecamatan, the city) is read against; None when nothing."""
        if isinstance(self.target_kota, str):
            for baris in daftar_baris:
                nilai = _ambil(baris, self.target_kota)
                if nilai is not None:
                    return nilai
            return None
        if self.target_kota is not None:
            return self.target_kota
        return float(self.skala) if self.agregasi == Agregasi.CAPAIAN_TARGET else None

    def perlu_tindakan(self, baris) -> str | None:
        """The "needs action" line for one kelurahan row, or None (see the module's docstring)."""
        if self.tindakan is None:  # not ``not``: that would translate the lazy text for every row
            return None
        if self.agregasi == Agregasi.CAPAIAN_TARGET:
            nilai = _ambil(baris, self.sumber) or 0
            kurang = not self.target.terpenuhi(nilai, baris)
        elif self.target is not None:
            nilai = self.nilai(baris)
            kurang = not self.target.terpenuhi(nilai, baris)
        else:
            nilai = self.nilai(baris)
            kurang = nilai > 0
        if not kurang:
            return None
        return _teks_terjemahan(self.tindakan).format(nilai=tampilan.angka(nilai), target=self.teks_target(baris))

    def tampil(self, nilai) -> str:
        """The value as users read it: "Rp 1.250.000", "25,0%", "1.250"."""
        if self.satuan == "Rp":
            return tampilan.rupiah(nilai)
        if self.satuan == "%":
            return tampilan.persen(nilai, self.desimal)
        return tampilan.angka(nilai)


class Ringkasan:
    """Base of every programme's per-kelurahan dataclass (frozen or not): it names its indicators.

    A subclass is a ``@dataclass`` with a ``kelurahan_id`` field and ``INDIKATOR``."""

    INDIKATOR: ClassVar[tuple[Indikator, ...]] = ()
    kelurahan_id: int

    @classmethod
    def indikator(cls, kode: str) -> Indikator:
        for ind in cls.INDIKATOR:
            if ind.kode == kode:
                return ind
        raise KeyError(kode)

    def nilai(self, kode: str):
        return self.indikator(kode).nilai(self)

    def as_dict(self) -> dict[str, Any]:
        """The row as it is frozen (plain values): its fields, dicts copied one level (not
        ``dataclasses.asdict``'s deep copy, which a province's 8,500 rows pay for dearly)."""
        return {f.name: (dict(v) if isinstance(v := getattr(self, f.name), dict) else v) for f in fields(self)}

    def nilai_indikator(self) -> dict[str, Any]:
        """Every indicator's value for this kelurahan, by code."""
        return {ind.kode: ind.nilai(self) for ind in self.INDIKATOR}


@dataclass(frozen=True)
class ProgramRingkasan:
    app: str
    judul: str
    fungsi: Callable[..., Mapping[int, Ringkasan]]
    kelas: type[Ringkasan]
    urutan: int = 100

    @property
    def indikator(self) -> tuple[Indikator, ...]:
        return self.kelas.INDIKATOR

    def ringkasan_bulanan(self, tahun: int, bulan: int, *, kelurahan_ids=None) -> Mapping[int, Ringkasan]:
        return self.fungsi(tahun, bulan, kelurahan_ids=kelurahan_ids)


_registry: dict[str, ProgramRingkasan] = {}


def untuk_filter_in(kelurahan_ids):
    """``kelurahan_ids`` as a registered function receives it (a queryset of ids, or any iterable),
    ready for ``__in``: a queryset stays a subquery (no extra query), anything else becomes a list."""
    return kelurahan_ids if isinstance(kelurahan_ids, QuerySet) else list(kelurahan_ids)


def register_ringkasan(program: ProgramRingkasan) -> None:
    """Register (or replace) a programme's monthly figures; the description is checked here, once."""
    kelas = program.kelas
    if not (isinstance(kelas, type) and issubclass(kelas, Ringkasan) and is_dataclass(kelas)):
        raise TypeError(f"{program.app}: kelas ringkasan harus dataclass turunan wilayah.ringkasan.Ringkasan.")
    kolom = {f.name for f in fields(kelas)}
    if "kelurahan_id" not in kolom:
        raise TypeError(f"{program.app}: {kelas.__name__} tidak punya kolom kelurahan_id.")
    kode = [ind.kode for ind in kelas.INDIKATOR]
    if len(kode) != len(set(kode)):
        raise ValueError(f"{program.app}: kode indikator ganda.")
    for ind in kelas.INDIKATOR:
        hilang = (ind.kolom() | ind.target.kolom() if ind.target else ind.kolom()) - kolom
        if isinstance(ind.target_kota, str):
            hilang |= {ind.target_kota} - kolom
        if hilang:
            raise ValueError(f"{program.app}: indikator {ind.kode} membaca kolom yang tidak ada: {', '.join(sorted(hilang))}.")
    _registry[program.app] = program


def terdaftar() -> list[ProgramRingkasan]:
    """The registered programmes, in order."""
    return sorted(_registry.values(), key=lambda p: (p.urutan, p.app))


def program(app: str) -> ProgramRingkasan:
    return _registry[app]


# --------------------------------------------------------------------------- rolling up


def rekap(indikator: Iterable[Indikator], daftar_baris: Iterable) -> dict[str, Any]:
    """Every indicator's value over a group of kelurahan rows (dataclasses or their dicts)."""
    daftar_baris = list(daftar_baris)
    return {ind.kode: ind.agregat(daftar_baris) for ind in indikator}


def rekap_per(indikator: Iterable[Indikator], per_kelurahan: Mapping[int, Any], kelompok: Mapping[int, Any]) -> dict[Any, dict[str, Any]]:
    """Roll kelurahan rows up into groups: ``kelompok`` maps a kelurahan id to its group (its
    kecamatan id, ...). Rows of kelurahan outside ``kelompok`` are left out."""
    indikator = list(indikator)
    grup: dict[Any, list] = {}
    for kelurahan_id, baris in per_kelurahan.items():
        if kelurahan_id in kelompok:
            grup.setdefault(kelompok[kelurahan_id], []).append(baris)
    return {kunci: rekap(indikator, daftar) for kunci, daftar in grup.items()}


def rekap_kecamatan(indikator: Iterable[Indikator], per_kelurahan: Mapping[int, Any]) -> dict[int, dict[str, Any]]:
    """Every indicator per kecamatan id. One query (which kelurahan lies in which kecamatan)."""
    from .models import Kelurahan

    kelompok = dict(Kelurahan.objects.filter(pk__in=list(per_kelurahan)).values_list("pk", "kecamatan_id"))
    return rekap_per(indikator, per_kelurahan, kelompok)


def rekap_kota(indikator: Iterable[Indikator], per_kelurahan: Mapping[int, Any]) -> dict[str, Any]:
    """Every indicator for the whole region (all the rows given)."""
    return rekap(indikator, per_kelurahan.values())
