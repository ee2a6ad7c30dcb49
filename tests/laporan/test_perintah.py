"""``manage.py laporan_bulanan``: bad input, a run already going, the broker down, ``--eager``,
the progress bar, and a real worker. Each test is named for what it proves."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.utils import timezone

from laporan import services
from laporan.management.commands.laporan_bulanan import Command
from laporan.models import LaporanBulanan, ProsesLaporan, Sumber
from probolinggo_portal.celery import app
from wilayah.models import Kelurahan
from wilayah.scoping import Tingkat


def perintah(*args) -> str:
    keluar = io.StringIO()
    call_command("laporan_bulanan", *args, stdout=keluar, stderr=io.StringIO())
    return keluar.getvalue()


@pytest.fixture
def cepat(monkeypatch):
    """Look at the run's progress often (the command's default is once a second)."""
    monkeypatch.setattr(Command, "selang", 0.05)


@pytest.fixture
def tanpa_eager():
    """A broker is configured (as in production): tasks are not eager unless --eager says so."""
    simpan = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = simpan


# --------------------------------------------------------------------------- bad input


@pytest.mark.django_db
@pytest.mark.parametrize("periode, pesan", [
    ("2026-13", "Bulan harus 1 sampai 12."),
    ("2026-00", "Bulan harus 1 sampai 12."),
    ("abc", 'Periode "abc" tidak dikenali: tulis tahun dan bulan, misalnya 2026-05.'),
    ("2026-5-1", 'Periode "2026-5-1" tidak dikenali'),
    ("26-05", 'Periode "26-05" tidak dikenali'),
    ("", 'Periode "" tidak dikenali'),
    ("1999-12", "Tahun 1999 terlalu awal"),
])
def test_periode_salah_tulis_ditolak_dengan_pesan_dan_tidak_menulis_apa_pun(periode, pesan):
    with pytest.raises(CommandError, match=re.escape(pesan)):
        perintah("--periode", periode)
    assert not ProsesLaporan.objects.exists()


@pytest.mark.django_db
def test_periode_yang_belum_tiba_ditolak():
    depan = timezone.localdate().replace(day=28) + dt.timedelta(days=7)
    for periode in (f"{depan.year}-{depan.month:02d}", "2099-01"):
        with pytest.raises(CommandError, match="belum tiba: laporan hanya dibuat untuk bulan yang sudah selesai"):
            perintah("--periode", periode)
    assert not ProsesLaporan.objects.exists()


@pytest.mark.django_db
def test_bulan_berjalan_ditolak():
    """Not the month in progress: its report would be published half-way and the beat of the 1st would skip it."""
    hari_ini = timezone.localdate()
    with pytest.raises(ValidationError, match="belum selesai: laporan bulan ini dibuat mulai tanggal 1 bulan depan"):
        services.periksa_periode(hari_ini.year, hari_ini.month)
    with pytest.raises(CommandError, match="belum selesai"):
        perintah("--periode", f"{hari_ini.year}-{hari_ini.month:02d}")
    assert not ProsesLaporan.objects.exists()
    lalu = services.bulan_lalu(hari_ini)
    assert services.periksa_periode(*lalu) == lalu


def test_periode_salah_dari_baris_perintah_kode_keluar_bukan_nol():
    """As an operator or cron sees it: a message on stderr and exit code 1 (no database needed)."""
    env = dict(os.environ, DEBUG="True", DATABASE_URL="sqlite:////nonexistent/tidak-dipakai.sqlite3")
    hasil = subprocess.run(
        [sys.executable, "manage.py", "laporan_bulanan", "--periode", "2026-13"], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=60,
    )
    assert hasil.returncode == 1
    assert "Bulan harus 1 sampai 12." in hasil.stderr and "Traceback" not in hasil.stderr


@pytest.mark.django_db
def test_kode_kelurahan_tidak_ada_ditolak(dua_wilayah):
    with pytest.raises(CommandError, match=r"^Kelurahan dengan kode 35\.74\.99\.9999 tidak ada\.$"):
        perintah("--periode", "2026-05", "--kelurahan", "35.74.99.9999")
    assert not ProsesLaporan.objects.exists()


# --------------------------------------------------------------------------- a run already going


@pytest.mark.django_db
def test_proses_bulan_yang_sama_sedang_berjalan_perintah_kedua_ditolak(dua_wilayah):
    services.laporan_mulai(tahun=2026, bulan=5, sumber=Sumber.PENGGUNA)
    with pytest.raises(CommandError, match="Laporan Mei 2026 sedang dibuat"):
        perintah("--periode", "2026-05", "--eager")
    assert ProsesLaporan.objects.count() == 1


# --------------------------------------------------------------------------- the broker down


@pytest.mark.django_db
def test_broker_mati_pesan_jelas_menyarankan_eager_dan_bulan_tidak_terhalang(dua_wilayah, broker_mati):
    with pytest.raises(CommandError) as info:
        perintah("--periode", "2026-05")
    pesan = str(info.value)
    assert "broker Celery) tidak dapat dihubungi" in pesan and "--eager" in pesan
    assert "127.0.0.1:1" in pesan, "says which broker"
    assert not ProsesLaporan.objects.filter(status__in=["antri", "berjalan"]).exists()


@pytest.mark.django_db(transaction=True)
def test_broker_mati_dengan_eager_laporan_dibuat_di_proses_ini(kota, broker_mati):
    keluar = perintah("--periode", "2026-05", "--eager")
    proses = ProsesLaporan.objects.get()
    assert proses.status == ProsesLaporan.Status.SELESAI and proses.sumber == Sumber.PERINTAH
    assert proses.jumlah_selesai == proses.jumlah_laporan == 29 + 5 + 1
    assert LaporanBulanan.objects.filter(status=LaporanBulanan.Status.SELESAI, terbaru=True).count() == 35
    assert "Selesai: 35 laporan Mei 2026 dibuat." in keluar
    assert app.conf.task_always_eager is False, "--eager only for the command's duration"


# --------------------------------------------------------------------------- --eager, the bar, options


@pytest.mark.django_db(transaction=True)
def test_eager_menampilkan_bilah_kemajuan_per_laporan(kota):
    keluar = perintah("--periode", "2026-05", "--eager")
    bilah = [b for b in keluar.splitlines() if b.startswith("[")]
    assert bilah[0] == "[" + "#" * 1 + "-" * 29 + "]   3% 1/29 laporan"
    assert "[" + "#" * 30 + "] 100% 29/29 laporan" in bilah
    assert bilah[-1] == "[" + "#" * 30 + "] 100% 35/35 laporan"
    assert len(bilah) == 35, "one line per report made"


@pytest.mark.django_db(transaction=True)
def test_satu_kelurahan_saja_dengan_kecamatan_dan_kotanya(kota):
    kel = Kelurahan.objects.order_by("kode").first()
    keluar = perintah("--periode", "2026-05", "--kelurahan", kel.kode, "--eager")
    dibuat = LaporanBulanan.objects.filter(status=LaporanBulanan.Status.SELESAI)
    assert sorted(dibuat.values_list("tingkat", "kunci_wilayah")) == sorted([
        (Tingkat.KELURAHAN, kel.kode), (Tingkat.KECAMATAN, kel.kecamatan.kode), (Tingkat.KOTA, "kota"),
    ])
    assert ProsesLaporan.objects.get().kelurahan == kel
    assert "Selesai: 3 laporan" in keluar


@pytest.mark.django_db(transaction=True)
def test_jalankan_lagi_tanpa_ulang_tidak_menggandakan_dengan_ulang_versi_baru(kota):
    kel = Kelurahan.objects.order_by("kode").first()
    perintah("--periode", "2026-05", "--kelurahan", kel.kode, "--eager")
    keluar = perintah("--periode", "2026-05", "--kelurahan", kel.kode, "--eager")
    assert "sudah lengkap" in keluar and "--ulang" in keluar
    assert LaporanBulanan.objects.count() == 3
    perintah("--periode", "2026-05", "--kelurahan", kel.kode, "--ulang", "--eager")
    assert sorted(LaporanBulanan.objects.filter(terbaru=True).values_list("versi", flat=True)) == [2, 2, 2]
    assert LaporanBulanan.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_proses_berakhir_gagal_perintah_keluar_dengan_galat(kota, monkeypatch):
    kel = Kelurahan.objects.order_by("kode").first()
    asli = services.berkas_buat

    def rusak(laporan_id):
        if LaporanBulanan.objects.get(pk=laporan_id).tingkat == Tingkat.KELURAHAN:
            raise IntegrityError("rusak")
        return asli(laporan_id)

    monkeypatch.setattr(services, "berkas_buat", rusak)
    with pytest.raises(CommandError, match="Laporan Mei 2026 gagal: 1 laporan gagal dibuat; mulai lagi untuk melengkapinya."):
        perintah("--periode", "2026-05", "--kelurahan", kel.kode, "--eager")
    assert not ProsesLaporan.objects.get().berjalan


# --------------------------------------------------------------------------- a real worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_perintah_dengan_pekerja_nyata_menunggu_dan_menampilkan_kemajuan(kota, celery_redis, cepat):
    kel = Kelurahan.objects.order_by("kode")[:1].get()
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        keluar = perintah("--periode", "2026-05", "--kelurahan", kel.kode)
    assert "diantrikan ke pekerja Celery" in keluar
    assert keluar.strip().splitlines()[-1] == "Selesai: 3 laporan Mei 2026 dibuat."
    assert "] 100% 3/3 laporan" in keluar
    proses = ProsesLaporan.objects.get()
    assert proses.status == ProsesLaporan.Status.SELESAI and proses.task_id


@pytest.mark.django_db
def test_tanpa_pekerja_perintah_memberi_tahu_dan_ctrl_c_tidak_membatalkan_proses(dua_wilayah, tanpa_eager, monkeypatch):
    """No worker takes the run: after a while the command says so; Ctrl+C stops the display, not the run."""
    from laporan import tasks
    from laporan.management.commands import laporan_bulanan

    monkeypatch.setattr(tasks, "periksa_broker", lambda: None)  # a broker that answers (the message waits for a commit here)
    monkeypatch.setattr(laporan_bulanan, "PERINGATAN_ANTRI", -1)

    def ctrl_c(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(Command, "_jeda", ctrl_c)
    keluar, galat = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"proses #\d+ tetap berjalan di pekerja Celery"):
        call_command("laporan_bulanan", "--periode", "2026-05", stdout=keluar, stderr=galat)
    assert "Belum ada pekerja Celery yang mengambil proses ini" in galat.getvalue()
    assert "menyiapkan angka..." in keluar.getvalue()
    assert ProsesLaporan.objects.get().status == ProsesLaporan.Status.ANTRI
