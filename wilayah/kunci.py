"""A month's data: completeness (DHIS2's expected / actual / on time) and the lock.

- A kelurahan's operator confirms "Data bulan ini sudah lengkap" (``KonfirmasiBulan``).
- Expected: the kelurahan of the region (every kelurahan in the tree is active in every period).
  Actual: those that confirmed. On time: those that confirmed by ``PengaturanBulan.hari_tepat_waktu``
  of the following month (to the end of that day, Asia/Jakarta).
- A month locks ``PengaturanBulan.hari_kunci`` days after its last day: from the day after
  ``tanggal_kunci`` nothing dated in it may be changed, unless Bappeda granted the kelurahan a
  ``PengecualianKunci`` for that month still valid today.

Programme services call ``pastikan_terbuka(kelurahan_id, tanggal, ...)`` with the dates that put a
record in a month (old and new), before they write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .periode import batas_bulan, bulan_tahun, tambah_bulan, tanggal_id


def tanggal_kunci(tahun: int, bulan: int, *, pengaturan=None) -> dt.date:
    """The last day a month may still be changed: its last day plus ``hari_kunci``."""
    from .models import PengaturanBulan

    pengaturan = pengaturan or PengaturanBulan.aktif()
    return batas_bulan(tahun, bulan)[1] + dt.timedelta(days=pengaturan.hari_kunci)


def batas_tepat_waktu(tahun: int, bulan: int, *, pengaturan=None) -> dt.date:
    """The last day a confirmation counts as on time: day ``hari_tepat_waktu`` of the next month."""
    from .models import PengaturanBulan

    pengaturan = pengaturan or PengaturanBulan.aktif()
    berikut = tambah_bulan(dt.date(tahun, bulan, 1), 1)
    return berikut.replace(day=pengaturan.hari_tepat_waktu)


def tepat_waktu(dikonfirmasi_pada: dt.datetime, tahun: int, bulan: int, *, pengaturan=None) -> bool:
    return timezone.localdate(dikonfirmasi_pada) <= batas_tepat_waktu(tahun, bulan, pengaturan=pengaturan)


@dataclass(frozen=True)
class StatusBulan:
    tahun: int
    bulan: int
    terkunci: bool
    tanggal_kunci: dt.date
    pengecualian_sampai: dt.date | None = None  # an exception valid today lets the kelurahan change it

    @property
    def nama(self) -> str:
        return bulan_tahun(self.tahun, self.bulan)


def status_bulan(kelurahan_id: int, tahun: int, bulan: int, *, hari_ini: dt.date | None = None, pengaturan=None) -> StatusBulan:
    """Whether the month is locked for this kelurahan today (two queries at most)."""
    from .models import PengecualianKunci

    hari_ini = hari_ini or timezone.localdate()
    kunci = tanggal_kunci(tahun, bulan, pengaturan=pengaturan)
    if hari_ini <= kunci:
        return StatusBulan(tahun, bulan, False, kunci)
    sampai = (
        PengecualianKunci.objects.filter(kelurahan_id=kelurahan_id, tahun=tahun, bulan=bulan, berlaku_sampai__gte=hari_ini)
        .values_list("berlaku_sampai", flat=True).first()
    )
    return StatusBulan(tahun, bulan, sampai is None, kunci, sampai)


def pesan_terkunci(status: StatusBulan, nama_kelurahan: str = "") -> str:
    pesan = _("Data bulan %(bulan)s sudah dikunci sejak %(tanggal)s, jadi perubahan untuk bulan itu tidak disimpan.") % {
        "bulan": status.nama, "tanggal": tanggal_id(status.tanggal_kunci + dt.timedelta(days=1)),
    }
    if nama_kelurahan:
        return pesan + " " + _("Bila memang perlu diperbaiki, minta Bappeda memberi pengecualian kunci untuk %(kelurahan)s.") % {
            "kelurahan": nama_kelurahan,
        }
    return pesan + " " + _("Bila memang perlu diperbaiki, minta Bappeda memberi pengecualian kunci.")


def pastikan_terbuka(kelurahan_id: int | None, *tanggal: dt.date | None, field: str | None = None, hari_ini: dt.date | None = None) -> None:
    """Refuse (``ValidationError``, on ``field`` when given) a write whose dates lie in a month locked
    for the kelurahan. Dates of ``None`` are ignored; each distinct month is checked once."""
    if kelurahan_id is None:
        return
    from .models import Kelurahan, PengaturanBulan

    bulan = sorted({(t.year, t.month) for t in tanggal if t is not None})
    if not bulan:
        return
    hari_ini = hari_ini or timezone.localdate()
    pengaturan = PengaturanBulan.aktif()
    for tahun, bln in bulan:
        status = status_bulan(kelurahan_id, tahun, bln, hari_ini=hari_ini, pengaturan=pengaturan)
        if status.terkunci:
            nama = str(Kelurahan.objects.filter(pk=kelurahan_id).first() or "")
            pesan = pesan_terkunci(status, nama)
            raise ValidationError({field: pesan} if field else pesan, code="bulan_terkunci")


@dataclass(frozen=True)
class Kelengkapan:
    """DHIS2's reporting rates for one month over a set of kelurahan."""

    diharapkan: int
    aktual: int
    tepat_waktu: int
    dikonfirmasi: dict  # kelurahan id -> (confirmed at, on time)

    @property
    def persen_aktual(self) -> float:
        return round(100 * self.aktual / self.diharapkan, 1) if self.diharapkan else 0.0

    @property
    def persen_tepat_waktu(self) -> float:
        return round(100 * self.tepat_waktu / self.diharapkan, 1) if self.diharapkan else 0.0

    def as_dict(self) -> dict:
        return {"diharapkan": self.diharapkan, "aktual": self.aktual, "tepat_waktu": self.tepat_waktu}


def kelengkapan(tahun: int, bulan: int, kelurahan_ids) -> Kelengkapan:
    """Expected, actual and on-time confirmations of the month over ``kelurahan_ids`` (a list or a
    queryset of ids). Two queries, whatever the number of kelurahan."""
    from .models import KonfirmasiBulan, PengaturanBulan

    pengaturan = PengaturanBulan.aktif()
    ids = list(kelurahan_ids)
    dikonfirmasi = {}
    for kel_id, pada in KonfirmasiBulan.objects.filter(tahun=tahun, bulan=bulan, kelurahan_id__in=ids).values_list(
        "kelurahan_id", "dikonfirmasi_pada"
    ):
        dikonfirmasi[kel_id] = (pada, tepat_waktu(pada, tahun, bulan, pengaturan=pengaturan))
    return Kelengkapan(
        diharapkan=len(ids), aktual=len(dikonfirmasi), tepat_waktu=sum(1 for _p, t in dikonfirmasi.values() if t),
        dikonfirmasi=dikonfirmasi,
    )
