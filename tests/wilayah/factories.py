"""Factories of the month's completeness and lock rows (``wilayah.kunci``), for the scoping matrix."""

import datetime as dt

from django.utils import timezone

from wilayah.models import KonfirmasiBulan, PengecualianKunci


def konfirmasi(kelurahan, *, tahun=2020, bulan=1, oleh=None, pada=None) -> KonfirmasiBulan:
    return KonfirmasiBulan.objects.create(
        kelurahan=kelurahan, tahun=tahun, bulan=bulan, dikonfirmasi_oleh=oleh, dikonfirmasi_pada=pada or timezone.now(),
    )


def pengecualian(kelurahan, *, tahun=2020, bulan=1, berlaku_sampai=None, alasan="Perbaikan data", oleh=None) -> PengecualianKunci:
    return PengecualianKunci.objects.create(
        kelurahan=kelurahan, tahun=tahun, bulan=bulan, berlaku_sampai=berlaku_sampai or timezone.localdate() + dt.timedelta(days=30),
        alasan=alasan, diberikan_oleh=oleh,
    )


SCOPED_FACTORIES = {
    "wilayah.KonfirmasiBulan": konfirmasi,
    "wilayah.PengecualianKunci": pengecualian,
}


# --- the month lock in tests: in force from 2000 on, ten days after a month ends ---


def kunci_berlaku(*, mulai=dt.date(2000, 1, 1), hari_kunci=10, hari_tepat_waktu=5):
    """The settings row with the lock in force (from ``mulai``)."""
    from wilayah.models import PengaturanBulan

    return PengaturanBulan.objects.create(hari_kunci=hari_kunci, hari_tepat_waktu=hari_tepat_waktu, kunci_mulai=mulai)


def tanggal_terkunci(hari: int = 15) -> dt.date:
    """A day of the month three months ago: past its lock date whatever today is (ten days after its end)."""
    from wilayah.periode import tambah_bulan

    return tambah_bulan(timezone.localdate().replace(day=1), -3).replace(day=hari)


def tanggal_terbuka() -> dt.date:
    """A day of this month, never locked (and not in the future)."""
    return timezone.localdate().replace(day=1)
