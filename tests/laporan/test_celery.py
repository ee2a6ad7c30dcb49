"""Celery plumbing: eager with no broker, and a real worker on the real Redis broker."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import OperationalError

from laporan import berkas as berkas_laporan
from laporan.models import LaporanBulanan, ProsesLaporan, Sumber
from laporan.tasks import mulai_dan_antrikan, ping, siapkan
from probolinggo_portal.celery import app
from wilayah.scoping import Tingkat


def test_without_broker_tasks_run_eagerly():
    app.conf.task_always_eager = True
    try:
        result = ping.delay("eager")
        assert result.get(timeout=1)["balasan"] == "halo eager"
    finally:
        app.conf.task_always_eager = not os.environ.get("CELERY_BROKER_URL")


@pytest.mark.celery_worker
def test_real_worker_on_redis_runs_the_task(celery_redis):
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = ping.delay("pekerja")
        answer = result.get(timeout=20)
    assert answer["balasan"] == "halo pekerja"
    assert answer["waktu"].endswith("+07:00"), "waktu tugas harus Asia/Jakarta"
    assert result.backend.__class__.__name__ == "RedisBackend"


# --------------------------------------------------------------------------- the monthly run, end to end


def _tunggu_selesai(proses_id: int, batas: float = 90) -> ProsesLaporan:
    """Look at the run until it ends. (On SQLite the in-memory test database is shared with the
    worker's thread; a look that meets its write lock is simply tried again.)"""
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        try:
            proses = ProsesLaporan.objects.get(pk=proses_id)
        except OperationalError:
            proses = None
        if proses is not None and not proses.berjalan:
            return proses
        time.sleep(0.1)
    raise AssertionError(f"proses {proses_id} belum selesai setelah {batas} detik")


def _periksa_bulan_lengkap(proses: ProsesLaporan, jumlah_kelurahan: int, jumlah_kecamatan: int) -> None:
    assert proses.status == ProsesLaporan.Status.SELESAI, proses.pesan
    assert proses.jumlah_selesai == proses.jumlah_laporan == jumlah_kelurahan + jumlah_kecamatan + 1
    laporan = LaporanBulanan.objects.periode(2026, 5)
    assert laporan.filter(tingkat=Tingkat.KELURAHAN, status="selesai", terbaru=True).count() == jumlah_kelurahan
    assert laporan.filter(tingkat=Tingkat.KECAMATAN, status="selesai", terbaru=True).count() == jumlah_kecamatan
    assert laporan.filter(tingkat=Tingkat.KOTA, status="selesai", terbaru=True).count() == 1
    assert laporan.count() == jumlah_kelurahan + jumlah_kecamatan + 1, "nothing doubled"
    for lap in laporan:
        assert lap.pdf and lap.xlsx and lap.angka.exists(), lap


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_pekerja_nyata_di_redis_menjalankan_chord_laporan_sebulan_sampai_selesai(celery_redis, monkeypatch):
    """The whole chain on the real broker and a real worker: siapkan -> chord(berkas per
    kelurahan) -> rekap -> chord(berkas per kecamatan and the city) -> tutup."""
    call_command("muat_wilayah", verbosity=0)
    dikirim = []
    kirim = siapkan.apply_async

    def catat(*args, **kwargs):
        dikirim.append(kirim(*args, **kwargs))
        return dikirim[-1]

    monkeypatch.setattr(siapkan, "apply_async", catat)
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        proses = mulai_dan_antrikan(tahun=2026, bulan=5, sumber=Sumber.PENGGUNA)
        assert len(dikirim) == 1 and dikirim[0].id == ProsesLaporan.objects.get().task_id, "through the broker"
        proses = _tunggu_selesai(proses.pk)
    assert dikirim[0].backend.__class__.__name__ == "RedisBackend"
    _periksa_bulan_lengkap(proses, 29, 5)


@pytest.mark.django_db
def test_tanpa_broker_kode_yang_sama_berjalan_eager(django_capture_on_commit_callbacks, monkeypatch):
    """No broker configured (the embedded default): the same start runs the whole chain in-process.
    The chain is the point here, not the files' layout: each report stores a placeholder PDF and
    workbook (the real-worker test above and tests/laporan/test_berkas.py make real ones)."""
    monkeypatch.setattr(berkas_laporan, "pdf_laporan", lambda isi: b"%PDF-1.4 uji")
    monkeypatch.setattr(berkas_laporan, "xlsx_laporan", lambda isi: b"PK uji")
    call_command("muat_wilayah", verbosity=0)
    simpan = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            proses = mulai_dan_antrikan(tahun=2026, bulan=5, sumber=Sumber.PERINTAH)
    finally:
        app.conf.task_always_eager = simpan
    proses.refresh_from_db()
    _periksa_bulan_lengkap(proses, 29, 5)
