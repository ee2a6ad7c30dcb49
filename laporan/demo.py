"""Demo reports (idempotent): the last ``BULAN_DEMO`` finished months, made in-process through the
same services a run uses, so the mayor's page, the dashboard and the trends have something to show
right after ``make run``. A few kelurahan confirm last month's data (completeness)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from wilayah.models import Kelurahan, KonfirmasiBulan
from wilayah.periode import tambah_bulan

from . import services
from .models import LaporanBulanan, Sumber

BULAN_DEMO = 6
# last month's data confirmed: the demo kelurahan by its kasi Pemmas, two more by Bappeda on their
# behalf (one on time, one late): kelurahan code -> (day of this month, demo user)
KONFIRMASI_DEMO = {
    "35.74.04.1004": (2, "pemmas.kebonsariwetan"), "35.74.04.1001": (3, "bappeda"), "35.74.01.1001": (9, "bappeda"),
}


def muat_demo(stdout=None) -> None:
    hari_ini = timezone.localdate()
    tahun, bulan = services.bulan_lalu(hari_ini)
    for kode, (hari, username) in KONFIRMASI_DEMO.items():
        kelurahan = Kelurahan.objects.filter(kode=kode).first()
        if kelurahan is not None:
            pada = timezone.make_aware(dt.datetime(hari_ini.year, hari_ini.month, 1, 9) + dt.timedelta(days=hari - 1))
            KonfirmasiBulan.objects.get_or_create(kelurahan=kelurahan, tahun=tahun, bulan=bulan, defaults={
                "dikonfirmasi_pada": min(pada, timezone.now()),
                "dikonfirmasi_oleh": get_user_model().objects.filter(username=username).first(),
            })
    awal = dt.date(tahun, bulan, 1)
    for n in range(BULAN_DEMO - 1, -1, -1):
        d = tambah_bulan(awal, -n)
        if LaporanBulanan.objects.filter(tahun=d.year, bulan=d.month, tingkat="kota", terbaru=True).exists():
            continue
        proses = services.laporan_mulai(tahun=d.year, bulan=d.month, sumber=Sumber.PERINTAH)
        services.jalankan_langsung(proses.pk, kirim_surel=False)
        if stdout is not None:
            stdout.write(f"  laporan bulanan {d.year}-{d.month:02d} dibuat")
