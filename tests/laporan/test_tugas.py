"""The report tasks and their faults: the beat entry (Asia/Jakarta), last month's period, the e-mail,
a run started twice, the broker down at start, retries on transient database errors, and a real
worker killed with SIGKILL in the middle of a report.

Every test is named for the fault or rule it proves."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from laporan import services, tasks
from laporan.models import KUNCI_KOTA, LaporanBulanan, ProsesLaporan, Sumber
from probolinggo_portal.celery import app
from tests.conftest import REDIS_URL, _forget_cached_connections
from tests.laporan.conftest import BROKER_MATI
from tests.factories import make_user
from wilayah.models import Kecamatan, Kelurahan
from wilayah.roles import BAPPEDA, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import Tingkat

TAHUN, BULAN = 2026, 5  # a month that has passed


# --------------------------------------------------------------------------- fixtures and helpers


def jalankan_eager(django_capture_on_commit_callbacks, **kwargs) -> ProsesLaporan:
    """A whole run in-process inside the test's transaction (the queueing waits for a commit)."""
    kwargs.setdefault("sumber", Sumber.PERINTAH)
    with django_capture_on_commit_callbacks(execute=True):
        proses = tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, **kwargs)
    proses.refresh_from_db()
    return proses


def pada_jakarta(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone.utc)


# --------------------------------------------------------------------------- the beat


@pytest.mark.django_db
def test_jadwal_laporan_bulanan_tanggal_1_pukul_01_waktu_jakarta_tersimpan_di_database():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    # What `celery beat` does at start (DatabaseScheduler.update_from_dict): settings -> tables.
    # (Not the whole scheduler here: it closes the database connection, the test's transaction.)
    for nama, entri in app.conf.beat_schedule.items():
        DatabaseScheduler.Entry.from_entry(nama, app=app, **entri)
    tugas = PeriodicTask.objects.get(name="laporan-bulanan")
    assert tugas.task == "laporan.bulanan" and tugas.enabled
    c = tugas.crontab
    assert (c.minute, c.hour, c.day_of_month, c.month_of_year, c.day_of_week) == ("0", "1", "1", "*", "*")
    assert str(c.timezone) == "Asia/Jakarta"
    # As the scheduler reads it back: after 1 May 01:00 WIB the next run is 1 June 01:00 WIB (31 May 18:00 UTC).
    terakhir = pada_jakarta(2026, 4, 30, 18, 0)
    awal, sisa, _sekarang = c.schedule.remaining_delta(terakhir)
    assert (awal + sisa).astimezone(dt.timezone.utc) == pada_jakarta(2026, 5, 31, 18, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("utc, periode", [
    (pada_jakarta(2026, 5, 31, 17, 30), (2026, 5)),  # 1 June 00:30 in Jakarta: May is over
    (pada_jakarta(2026, 5, 31, 16, 59), (2026, 4)),  # 31 May 23:59 in Jakarta: still May, so April
    (pada_jakarta(2026, 12, 31, 18, 0), (2026, 12)),  # 1 January 01:00: December of last year
])
def test_bulanan_melaporkan_bulan_lalu_menurut_waktu_jakarta_bukan_utc(monkeypatch, utc, periode):
    monkeypatch.setattr(timezone, "now", lambda: utc)
    assert tasks.bulanan() is not None
    proses = ProsesLaporan.objects.get()
    assert (proses.tahun, proses.bulan) == periode
    assert proses.sumber == Sumber.BEAT and proses.dibuat_oleh is None


@pytest.mark.django_db
def test_bulanan_kedua_di_bulan_yang_sama_tidak_menggandakan_proses():
    assert tasks.bulanan() is not None
    assert tasks.bulanan() is None  # refused and logged: the month's run is still going
    assert ProsesLaporan.objects.count() == 1


# --------------------------------------------------------------------------- e-mail


@pytest.mark.django_db
def test_surel_laporan_kota_sekali_ke_bappeda_dan_kantor_wali_kota_dengan_tautan(
    dua_wilayah, eager, settings, mailoutbox, django_capture_on_commit_callbacks,
):
    settings.ALAMAT_PORTAL = "https://portal.contoh.go.id"
    make_user(BAPPEDA, username="bappeda1", email="bappeda@contoh.go.id")
    make_user(KANTOR_WALI_KOTA, username="walikota1", email="walikota@contoh.go.id")
    make_user(BAPPEDA, username="bappeda_tanpa_surel", email="")
    make_user(KANTOR_WALI_KOTA, username="walikota_nonaktif", email="lama@contoh.go.id", is_active=False)
    make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator1", email="operator@contoh.go.id")

    proses = jalankan_eager(django_capture_on_commit_callbacks)

    assert proses.status == ProsesLaporan.Status.SELESAI
    kota = LaporanBulanan.objects.get(tingkat=Tingkat.KOTA, terbaru=True)
    assert sorted(m.to[0] for m in mailoutbox) == ["bappeda@contoh.go.id", "walikota@contoh.go.id"]
    assert all(len(m.to) == 1 for m in mailoutbox), "setiap penerima mendapat surelnya sendiri"
    for m in mailoutbox:
        assert f"https://portal.contoh.go.id/laporan/{kota.pk}/" in m.body
        assert "Mei 2026" in m.subject
        assert m.from_email == settings.DEFAULT_FROM_EMAIL

    # A second run of the month has nothing to make: no new city report, no mail.
    kedua = jalankan_eager(django_capture_on_commit_callbacks)
    assert kedua.status == ProsesLaporan.Status.SELESAI and kedua.jumlah_laporan == 0
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_surel_tidak_dikirim_ulang_bila_langkah_tutup_terkirim_dua_kali(
    dua_wilayah, eager, mailoutbox, django_capture_on_commit_callbacks,
):
    make_user(BAPPEDA, username="bappeda1", email="bappeda@contoh.go.id")
    proses = jalankan_eager(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.tutup.delay(proses.pk).get() is False  # a redelivered message
    assert len(mailoutbox) == 1


def test_pengaturan_surel_dari_lingkungan():
    assert settings.EMAIL_BACKEND  # pytest-django swaps in locmem for the tests
    assert settings.ALAMAT_PORTAL == os.environ.get("ALAMAT_PORTAL", "http://127.0.0.1:8000").rstrip("/")
    assert settings.DEFAULT_FROM_EMAIL
    contoh = (Path(settings.BASE_DIR) / ".env.example").read_text()
    for nama in ("EMAIL_BACKEND", "DEFAULT_FROM_EMAIL", "ALAMAT_PORTAL"):
        assert f"{nama}=" in contoh, f"{nama} didokumentasikan di .env.example"


def test_bawaan_surel_ke_konsol():
    kode = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.ALAMAT_PORTAL)"
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL_BACKEND", "ALAMAT_PORTAL")}
    env.update(DJANGO_SETTINGS_MODULE="probolinggo_portal.settings", DEBUG="True")
    keluar = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {kode}"], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout.split()
    assert keluar == ["django.core.mail.backends.console.EmailBackend", "http://127.0.0.1:8000"]


# --------------------------------------------------------------------------- a run started twice


@pytest.mark.django_db
def test_proses_dimulai_dua_kali_yang_kedua_ditolak_dengan_pesan(dua_wilayah):
    pertama = services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    with pytest.raises(ValidationError) as info:
        services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PENGGUNA)
    assert info.value.code == "sedang_berjalan"
    assert "Laporan Mei 2026 sedang dibuat" in info.value.messages[0]
    assert list(ProsesLaporan.objects.all()) == [pertama]
    # Another month is not blocked.
    services.laporan_mulai(tahun=TAHUN, bulan=BULAN - 1, sumber=Sumber.PERINTAH)


@pytest.mark.django_db
def test_proses_dimulai_dua_kali_lewat_pintu_antrian_tidak_mengantrikan_yang_kedua(dua_wilayah, eager, monkeypatch):
    dikirim = []
    monkeypatch.setattr(tasks.siapkan, "apply_async", lambda *a, **k: dikirim.append(a))
    with transaction.atomic():  # the first run is not finished (its queueing waits for the commit)
        tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
        with pytest.raises(ValidationError):
            tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    assert ProsesLaporan.objects.count() == 1


@pytest.mark.django_db
def test_batasan_database_satu_proses_berjalan_per_bulan():
    ProsesLaporan.objects.create(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProsesLaporan.objects.create(tahun=TAHUN, bulan=BULAN, sumber=Sumber.BEAT, status=ProsesLaporan.Status.BERJALAN)
    # Finished runs do not count.
    ProsesLaporan.objects.update(status=ProsesLaporan.Status.SELESAI)
    ProsesLaporan.objects.create(tahun=TAHUN, bulan=BULAN, sumber=Sumber.BEAT)


@pytest.mark.django_db(transaction=True)
def test_proses_dimulai_bersamaan_dari_dua_utas_hanya_satu_yang_jalan(dua_wilayah):
    """Two starts at the same moment, each in its own connection and transaction. On SQLite the
    database serialises writers anyway; on PostgreSQL (CI) the partial unique index is what holds."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in-memory tidak untuk tulis bersamaan; CI menjalankan uji ini di PostgreSQL")
    jumlah = 4
    gerbang = threading.Barrier(jumlah)
    hasil = []

    def mulai():
        try:
            gerbang.wait(timeout=10)
            hasil.append(services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH).pk)
        except ValidationError as exc:
            hasil.append(exc.code)
        finally:
            connection.close()

    utas = [threading.Thread(target=mulai) for _ in range(jumlah)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=30)
    assert sorted(hasil, key=str).count("sedang_berjalan") == jumlah - 1, hasil
    assert ProsesLaporan.objects.count() == 1


# --------------------------------------------------------------------------- the broker down at start


@pytest.mark.django_db
def test_broker_mati_saat_mulai_pesan_jelas_dan_tidak_ada_proses_yang_menghalangi(dua_wilayah, broker_mati):
    mulai = time.monotonic()
    with pytest.raises(tasks.BrokerTidakTersedia) as info:
        tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PENGGUNA)
    assert time.monotonic() - mulai < tasks.BATAS_WAKTU_BROKER + 2, "orang yang menunggu tidak dibiarkan lama"
    assert isinstance(info.value, ValidationError)
    assert "broker Celery) tidak dapat dihubungi" in info.value.messages[0]
    assert BROKER_MATI not in info.value.messages[0]
    assert not ProsesLaporan.objects.exists()


@pytest.mark.django_db
def test_broker_mati_di_antara_pemeriksaan_dan_antrian_proses_ditandai_gagal(
    dua_wilayah, broker_mati, monkeypatch, django_capture_on_commit_callbacks,
):
    """The broker answered the check, then went away before the message was sent."""
    monkeypatch.setattr(tasks, "periksa_broker", lambda: None)
    app.conf.result_backend = "cache+memory://"  # only the broker is down here
    _forget_cached_connections()
    with pytest.raises(tasks.BrokerTidakTersedia):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PENGGUNA)
    proses = ProsesLaporan.objects.get()
    assert proses.status == ProsesLaporan.Status.GAGAL and "tidak dapat dihubungi" in proses.pesan
    # The month is free for the next start.
    services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)


# --------------------------------------------------------------------------- retries


def _gagal_sekali(monkeypatch, nama: str, galat: Exception):
    asli = getattr(services, nama)
    panggilan = []

    def palsu(*args, **kwargs):
        panggilan.append(args)
        if len(panggilan) == 1:
            raise galat
        return asli(*args, **kwargs)

    monkeypatch.setattr(services, nama, palsu)
    return panggilan


def _siapkan_laporan(dua_wilayah) -> tuple[ProsesLaporan, list[int]]:
    proses = services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    return proses, services.angka_siapkan(proses.pk)


@pytest.mark.django_db
def test_galat_database_sementara_di_berkas_buat_dicoba_lagi(dua_wilayah, eager, monkeypatch):
    proses, ids = _siapkan_laporan(dua_wilayah)
    panggilan = _gagal_sekali(monkeypatch, "berkas_buat", OperationalError("server closed the connection unexpectedly"))
    hasil = tasks.berkas.apply((ids[0],))
    assert hasil.get() is True
    assert len(panggilan) == 2, "dicoba sekali lagi"
    laporan = LaporanBulanan.objects.get(pk=ids[0])
    assert laporan.status == LaporanBulanan.Status.SELESAI and laporan.pdf and laporan.xlsx
    proses.refresh_from_db()
    assert proses.jumlah_selesai == 1, "dihitung sekali"


def test_percobaan_ulang_dengan_jeda_yang_makin_panjang():
    for tugas in (tasks.siapkan, tasks.berkas, tasks.rekap, tasks.tutup):
        assert tugas.autoretry_for == tasks.GALAT_DB_SEMENTARA
        assert tugas.retry_backoff and tugas.retry_backoff_max and tugas.retry_jitter and tugas.max_retries == 5
        assert tugas.acks_late and tugas.reject_on_worker_lost


@pytest.mark.django_db
def test_galat_database_sementara_di_angka_siapkan_dicoba_lagi(dua_wilayah, eager, monkeypatch, django_capture_on_commit_callbacks):
    panggilan = _gagal_sekali(monkeypatch, "angka_siapkan", OperationalError("deadlock detected"))
    proses = jalankan_eager(django_capture_on_commit_callbacks)
    assert len(panggilan) == 2
    assert proses.status == ProsesLaporan.Status.SELESAI and proses.jumlah_selesai == proses.jumlah_laporan == 2 + 2 + 1


@pytest.mark.django_db
def test_galat_database_terus_menerus_menandai_laporan_dan_proses_gagal(dua_wilayah, eager, monkeypatch):
    proses, ids = _siapkan_laporan(dua_wilayah)
    panggilan = []

    def selalu_gagal(laporan_id):
        panggilan.append(laporan_id)
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, "berkas_buat", selalu_gagal)
    hasil = tasks.berkas.apply((ids[0],))
    assert hasil.failed() and isinstance(hasil.result, OperationalError)
    assert len(panggilan) == 1 + tasks.berkas.max_retries
    assert LaporanBulanan.objects.get(pk=ids[0]).status == LaporanBulanan.Status.GAGAL
    proses.refresh_from_db()
    assert proses.status == ProsesLaporan.Status.GAGAL, "the month is not left blocked"
    services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)


@pytest.mark.django_db
def test_galat_integritas_bukan_galat_sementara_tidak_dicoba_lagi(dua_wilayah, eager, monkeypatch, django_capture_on_commit_callbacks):
    panggilan = []

    def bug(laporan_id):
        panggilan.append(laporan_id)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "berkas_buat", bug)
    proses = jalankan_eager(django_capture_on_commit_callbacks)
    assert sorted(panggilan) == sorted(LaporanBulanan.objects.values_list("pk", flat=True)), "each report tried once"
    assert proses.status == ProsesLaporan.Status.GAGAL and f"{len(panggilan)} laporan gagal" in proses.pesan
    assert set(LaporanBulanan.objects.values_list("status", flat=True)) == {LaporanBulanan.Status.GAGAL}


@pytest.mark.django_db
def test_bug_di_langkah_rekap_menandai_proses_gagal(dua_wilayah, eager, monkeypatch, django_capture_on_commit_callbacks):
    def bug(proses_id):
        raise KeyError("program")

    monkeypatch.setattr(services, "wilayah_rekap", bug)
    proses = jalankan_eager(django_capture_on_commit_callbacks)
    assert proses.status == ProsesLaporan.Status.GAGAL and "laporan.rekap" in proses.pesan and "program" in proses.pesan
    services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)


# --------------------------------------------------------------------------- a real worker killed with SIGKILL


def _url_database() -> str:
    s = connection.settings_dict
    pengguna = quote(s["USER"] or "", safe="") + (f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else "")
    return f"postgres://{pengguna}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _pekerja(tmp_path: Path, nama: str) -> subprocess.Popen:
    """A real worker process (solo pool, one task at a time) on the test broker and the test database."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=_url_database(), CELERY_BROKER_URL=REDIS_URL, CELERY_RESULT_BACKEND=REDIS_URL,
        MEDIA_ROOT=str(settings.MEDIA_ROOT), SECRET_KEY="uji-pekerja-" + "x" * 50, DEBUG="False", CONN_MAX_AGE="0",
        LOG_LEVEL="WARNING",
    )
    log = open(tmp_path / f"{nama}.log", "w")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "probolinggo_portal", "worker", "--pool=solo", "-c", "1",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO", "-n", f"{nama}-{os.getpid()}@%h"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )


def _tunggu(syarat, *, batas: float, pesan: str, pekerja: subprocess.Popen | None = None, log: Path | None = None):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        if pekerja is not None and pekerja.poll() is not None:
            break
        time.sleep(0.05)
    catatan = log.read_text()[-3000:] if log and log.exists() else ""
    raise AssertionError(f"{pesan}\n--- log pekerja ---\n{catatan}")


def _hentikan(pekerja: subprocess.Popen) -> None:
    if pekerja.poll() is None:
        pekerja.send_signal(signal.SIGTERM)
        try:
            pekerja.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pekerja.kill()
            pekerja.wait(timeout=10)


def _menunggu_kunci(pola: str) -> bool:
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND query LIKE %s", [pola],
        )
        return c.fetchone()[0] > 0


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_pekerja_dimatikan_sigkill_di_tengah_laporan_tanpa_laporan_setengah_jadi_dan_proses_berikut_melengkapi(
    kota, celery_redis, tmp_path, django_capture_on_commit_callbacks,
):
    """A real worker process is killed with SIGKILL while it is inside a report's transaction, its
    files already written. Runs on PostgreSQL only: the worker is another process and needs the
    test database in a server (SQLite's test database lives in this process's memory). CI
    (``.ci/run``) runs the suite on PostgreSQL with the real Redis, so this test runs there.

    How the worker is stopped at a chosen point without a test hook in the code: the month's
    report of kelurahan #10 was made before (version 1, published); the test holds a row lock on
    it; the run makes new versions (``ulang``), and publishing #10's version 2 must take version
    1's ``terbaru`` away, so the worker waits on that lock, after the PDF and xlsx are on disk and
    the report is marked done in its (uncommitted) transaction. The test waits until PostgreSQL
    shows the worker waiting, then kills it."""
    if connection.vendor != "postgresql":
        pytest.skip("butuh PostgreSQL: pekerja proses lain (CI menjalankan uji ini di PostgreSQL)")
    kelurahan = list(Kelurahan.objects.order_by("kode"))
    ke10 = kelurahan[9]
    with django_capture_on_commit_callbacks(execute=True):
        app.conf.task_always_eager = True
        try:
            awal = tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, kelurahan=ke10, sumber=Sumber.PERINTAH)
        finally:
            app.conf.task_always_eager = False
    awal.refresh_from_db()
    assert awal.status == ProsesLaporan.Status.SELESAI
    laporan_awal = set(LaporanBulanan.objects.values_list("pk", flat=True))  # #10, its kecamatan, the city
    v1_ke10 = LaporanBulanan.objects.get(kunci_wilayah=ke10.kode)

    import psycopg2

    s = connection.settings_dict
    pengunci = psycopg2.connect(dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"] or None,
                                host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432)
    pekerja1 = pekerja2 = None
    try:
        with pengunci.cursor() as c:
            c.execute(f'SELECT id FROM "{LaporanBulanan._meta.db_table}" WHERE id = %s FOR UPDATE', [v1_ke10.pk])

        proses = tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, ulang=True, sumber=Sumber.PERINTAH)
        pekerja1 = _pekerja(tmp_path, "pekerja1")
        _tunggu(
            lambda: _menunggu_kunci('UPDATE "laporan_laporanbulanan"%'), batas=90, pekerja=pekerja1, log=tmp_path / "pekerja1.log",
            pesan="pekerja tidak sampai ke laporan #10",
        )
        proses.refresh_from_db()
        assert proses.jumlah_selesai == 9, "kelurahan #1-#9 selesai sebelum #10"
        pekerja1.send_signal(signal.SIGKILL)
        pekerja1.wait(timeout=10)
        pengunci.rollback()  # the lock goes; the killed worker's transaction is already gone
    finally:
        pengunci.close()
        if pekerja1 is not None and pekerja1.poll() is None:
            pekerja1.kill()

    # Nothing half-made: every report of this run is done with both files, or waiting with none.
    baru = LaporanBulanan.objects.exclude(pk__in=laporan_awal)
    for lap in baru:
        if lap.status == LaporanBulanan.Status.SELESAI:
            assert lap.pdf and lap.xlsx and lap.terbaru, lap
            assert Path(lap.pdf.path).is_file() and Path(lap.xlsx.path).is_file()
        else:
            assert lap.status == LaporanBulanan.Status.ANTRI and not lap.pdf and not lap.xlsx and not lap.terbaru, lap
    assert baru.filter(status=LaporanBulanan.Status.SELESAI).count() == 9
    assert baru.filter(status=LaporanBulanan.Status.ANTRI).count() == 29 - 9
    assert not baru.exclude(tingkat=Tingkat.KELURAHAN).exists(), "no group report before the kelurahan are done"
    # The worker was killed after writing #10's files: they are on disk, but not in the report.
    v2_ke10 = baru.get(kunci_wilayah=ke10.kode)
    assert v2_ke10.versi == 2 and not v2_ke10.pdf
    assert (Path(settings.MEDIA_ROOT) / "laporan" / str(TAHUN) / f"{BULAN:02d}" / f"{ke10.kode}-v2.pdf").is_file()
    # The published version stays the one readers see.
    v1_ke10.refresh_from_db()
    assert v1_ke10.terbaru and v1_ke10.status == LaporanBulanan.Status.SELESAI
    proses.refresh_from_db()
    assert proses.status == ProsesLaporan.Status.BERJALAN and proses.jumlah_selesai == 9

    # The next start: the stuck run is taken as abandoned (no progress for PROSES_MACET) and the
    # month is completed, without new versions of what is done.
    with pytest.raises(ValidationError):
        tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    ProsesLaporan.objects.filter(pk=proses.pk).update(diperbarui=timezone.now() - services.PROSES_MACET - dt.timedelta(minutes=1))
    lanjut = tasks.mulai_dan_antrikan(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    try:
        pekerja2 = _pekerja(tmp_path, "pekerja2")
        _tunggu(
            lambda: not ProsesLaporan.objects.get(pk=lanjut.pk).berjalan, batas=120, pekerja=pekerja2,
            log=tmp_path / "pekerja2.log", pesan="proses lanjutan tidak selesai",
        )
    finally:
        if pekerja2 is not None:
            _hentikan(pekerja2)
        import redis

        redis.Redis.from_url(REDIS_URL).delete("unacked", "unacked_index")  # #10's message, never acknowledged

    proses.refresh_from_db()
    lanjut.refresh_from_db()
    assert proses.status == ProsesLaporan.Status.GAGAL and "tidak ada kemajuan" in proses.pesan
    assert lanjut.status == ProsesLaporan.Status.SELESAI, lanjut.pesan
    assert lanjut.jumlah_selesai == lanjut.jumlah_laporan > 0
    bulan_ini = LaporanBulanan.objects.periode(TAHUN, BULAN)
    assert set(bulan_ini.values_list("status", flat=True)) == {LaporanBulanan.Status.SELESAI}
    # Exactly one report per region made by the killed run and its completion; no duplicates.
    baru = bulan_ini.exclude(pk__in=laporan_awal)
    per_wilayah = {}
    for kunci in baru.values_list("kunci_wilayah", flat=True):
        per_wilayah[kunci] = per_wilayah.get(kunci, 0) + 1
    semua_kunci = {k.kode for k in kelurahan} | set(Kecamatan.objects.values_list("kode", flat=True)) | {KUNCI_KOTA}
    assert per_wilayah == {kunci: 1 for kunci in semua_kunci}
    assert bulan_ini.filter(terbaru=True).count() == len(semua_kunci) == 29 + 5 + 1
    for lap in bulan_ini.filter(terbaru=True):
        assert Path(lap.pdf.path).is_file() and Path(lap.xlsx.path).is_file(), lap
    assert bulan_ini.get(kunci_wilayah=ke10.kode, terbaru=True).versi == 2
