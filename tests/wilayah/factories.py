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
