"""Benchmark: the monthly reports at province size (issue 11's "Scale").

Run:  .venv/bin/python benchmarks/laporan_bulanan.py
It builds a throwaway SQLite database in a temporary folder (removed afterwards); set
BENCH_DATABASE_URL to run it on another (empty, throwaway) database instead, e.g. PostgreSQL:

    createdb -h 127.0.0.1 -U postgres bench_laporan
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_laporan .venv/bin/python benchmarks/laporan_bulanan.py
    dropdb -h 127.0.0.1 -U postgres bench_laporan

BENCH_KELURAHAN (default 8500), BENCH_SAMPEL_PDF (default 200) and BENCH_PERMINTAAN (requests per
client, default 40) size it. Data: ``benchmarks/provinsi.py``. It measures, in one run, last month:

1. the figures-only batch for every kelurahan (``services.angka_siapkan``, publishing the kelurahan
   reports as the file step would, ``services.wilayah_rekap``; no files) against the raw aggregates
   it needs (every registered programme's ``ringkasan_bulanan`` for all kelurahan, nothing else);
   the ratio is the price of freezing, the roll-up and the writes (aim: within 5x);
2. PDFs and xlsx (``services.berkas_buat``) for a sample of kelurahan reports on one worker and on
   two (two processes; on SQLite one writer at a time, so only one is measured): reports per second;
3. the dashboard's p50 under 8 concurrent clients against a one-query page rendered in the same
   base template (aim: within 3x). The server is this script in a subprocess (Django's threaded
   development WSGI server, the portal's urls plus the baseline page), the clients 8 threads with a
   Bappeda session. ``URL_DASBOR`` names the page; until the dashboard lands, the city report's page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
SERVER = "--server" in sys.argv
if not SERVER:
    tmp = tempfile.TemporaryDirectory(prefix="bench_laporan_")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{tmp.name}/media"
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "True")  # static files without a collectstatic manifest; no SSL redirect
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.urls import reverse  # noqa: E402


URL_DASBOR = "laporan:dasbor"  # the Bappeda dashboard; falls back to the city report's page below
URL_CADANGAN = "laporan:detail"
N_KELURAHAN = int(os.environ.get("BENCH_KELURAHAN", 8500))
SAMPEL_PDF = int(os.environ.get("BENCH_SAMPEL_PDF", 200))
KLIEN = 8
PERMINTAAN = int(os.environ.get("BENCH_PERMINTAAN", 40))


# The baseline page (base.html around one COUNT) and the urlconf serving it with the portal's are
# shared with benchmarks/halaman.py: benchmarks/umum.py, benchmarks/urls.py.


# --------------------------------------------------------------------------- the server (subprocess)


def jalankan_server(port: int) -> None:
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class Senyap(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    settings.ROOT_URLCONF = "benchmarks.urls"
    server = ThreadedWSGIServer(("127.0.0.1", port), Senyap, allow_reuse_address=True)
    server.set_app(WSGIHandler())
    print("siap", flush=True)
    server.serve_forever()


# --------------------------------------------------------------------------- 1. figures only


def _batch(tahun, bulan, ulang):
    """One figures-only run: freeze every kelurahan, publish them (the file step's flag), roll up, close."""
    from laporan import services
    from laporan.models import LaporanBulanan, ProsesLaporan

    proses = services.laporan_mulai(tahun=tahun, bulan=bulan, sumber="perintah", ulang=ulang)
    ids = services.angka_siapkan(proses.pk)
    lama = LaporanBulanan.objects.filter(tahun=tahun, bulan=bulan, tingkat="kelurahan", terbaru=True).exclude(pk__in=ids)
    lama.update(terbaru=False)
    LaporanBulanan.objects.filter(pk__in=ids).update(status=LaporanBulanan.Status.SELESAI, terbaru=True)
    kelompok = services.wilayah_rekap(proses.pk)
    LaporanBulanan.objects.filter(tahun=tahun, bulan=bulan, terbaru=True).exclude(tingkat="kelurahan").update(terbaru=False)
    LaporanBulanan.objects.filter(pk__in=kelompok).update(status=LaporanBulanan.Status.SELESAI, terbaru=True)
    # closed as proses_tutup would, without its e-mail (no files were made)
    ProsesLaporan.objects.filter(pk=proses.pk).update(status=ProsesLaporan.Status.SELESAI)
    return len(ids), len(kelompok)


def ukur_angka(tahun, bulan):
    from django.test.utils import CaptureQueriesContext

    from wilayah.ringkasan import terdaftar

    def mentah():
        for p in terdaftar():
            p.ringkasan_bulanan(tahun, bulan)

    waktu_mentah = []
    for _ in range(3):
        t = time.perf_counter()
        mentah()
        waktu_mentah.append(time.perf_counter() - t)
    waktu_batch = []
    for i in range(3):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            n_kel, n_kelompok = _batch(tahun, bulan, ulang=i > 0)
            waktu_batch.append(time.perf_counter() - t)
    mentah_s, batch_s = min(waktu_mentah), min(waktu_batch)
    print(f"1. raw aggregates (every programme's ringkasan_bulanan, all kelurahan): {mentah_s:8.2f} s (best of 3)")
    print(f"   figures-only batch (angka_siapkan + publish + wilayah_rekap): {batch_s:8.2f} s (best of 3; "
          f"{n_kel:,} kelurahan + {n_kelompok:,} kecamatan/city reports, {len(q)} queries)")
    print(f"   ratio batch / raw: {batch_s / mentah_s:.2f}x (aim: within 5x)")


# --------------------------------------------------------------------------- 2. files


def _berkas(ids):
    from laporan import services

    connections.close_all()
    for pk in ids:
        services.berkas_buat(pk)
    connections.close_all()


def ukur_berkas(tahun, bulan):
    import multiprocessing

    from laporan.models import LaporanBulanan

    ids = list(
        LaporanBulanan.objects.filter(tahun=tahun, bulan=bulan, tingkat="kelurahan", terbaru=True).order_by("kunci_wilayah")
        .values_list("pk", flat=True)[:SAMPEL_PDF]
    )

    def siapkan():
        LaporanBulanan.objects.filter(pk__in=ids).update(status=LaporanBulanan.Status.ANTRI)

    siapkan()
    t = time.perf_counter()
    _berkas(ids)
    satu = time.perf_counter() - t
    ukuran = LaporanBulanan.objects.get(pk=ids[0]).pdf.size
    print(f"2. PDF + xlsx, one worker: {len(ids)} kelurahan reports in {satu:.1f} s = {len(ids) / satu:.1f} reports/s "
          f"(PDF {ukuran / 1024:.0f} KiB)")
    if connection.vendor == "sqlite":
        print("   two workers: not measured on SQLite (one writer at a time); run on PostgreSQL")
        return
    siapkan()
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    t = time.perf_counter()
    proses = [ctx.Process(target=_berkas, args=(ids[i::2],)) for i in range(2)]
    for p in proses:
        p.start()
    for p in proses:
        p.join()
    dua = time.perf_counter() - t
    selesai = LaporanBulanan.objects.filter(pk__in=ids, status=LaporanBulanan.Status.SELESAI).count()
    assert selesai == len(ids), f"{selesai} of {len(ids)} made"
    print(f"   two workers (processes): {len(ids)} in {dua:.1f} s = {len(ids) / dua:.1f} reports/s ({satu / dua:.2f}x one worker)")


# --------------------------------------------------------------------------- 3. the dashboard under 8 clients


def ukur_halaman(tahun, bulan):
    import socket

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from laporan.models import LaporanBulanan
    from wilayah.models import Lingkup

    user = get_user_model().objects.create_user("bench_bappeda", password="x")
    user.groups.add(Group.objects.get(name="Bappeda"))
    Lingkup.objects.create(user=user, tingkat="kota")
    client = Client()
    client.force_login(user)
    sesi = client.cookies[settings.SESSION_COOKIE_NAME].value
    try:
        url_dasbor, nama = reverse(URL_DASBOR), URL_DASBOR
    except Exception:
        kota = LaporanBulanan.objects.get(tahun=tahun, bulan=bulan, tingkat="kota", terbaru=True)
        url_dasbor, nama = reverse(URL_CADANGAN, kwargs={"pk": kota.pk}), f"{URL_CADANGAN} (city report; {URL_DASBOR} not found)"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    connections.close_all()
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--server", str(port)], stdout=subprocess.PIPE, env=os.environ.copy(), cwd=BASE,
    )
    try:
        assert server.stdout.readline().strip() == b"siap"
        hasil = {}
        for label, url in (("baseline (base.html + one COUNT)", "/bench/dasar/"), (nama, url_dasbor)):
            hasil[label] = _beban(port, url, sesi)
        for label, (p50, p95, rps) in hasil.items():
            print(f"   {label:60} p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  {rps:6.1f} req/s")
        (d50, _a, _b), (h50, _c, _d) = hasil.values()
        print(f"   ratio page / baseline (p50): {h50 / d50:.2f}x (aim: within 3x)")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _beban(port, url, sesi):
    """8 clients, PERMINTAAN requests each (after a warm-up): (p50, p95, requests per second)."""
    from benchmarks.umum import beban

    b = beban(port, url, f"{settings.SESSION_COOKIE_NAME}={sesi}", klien=KLIEN, permintaan=PERMINTAAN, batas_detik=600)
    assert not b.gagal, (url, b.gagal[:5])
    return b.p50, b.p95, b.rps


def main():
    from django.core.management import call_command

    from benchmarks.provinsi import bangun
    from laporan import services

    call_command("migrate", verbosity=0)
    provinsi = bangun(n_kelurahan=N_KELURAHAN)
    tahun, bulan = services.bulan_lalu()
    print(f"Database: {connection.vendor}; {provinsi}")
    print(f"Month: {tahun}-{bulan:02d}")
    ukur_angka(tahun, bulan)
    ukur_berkas(tahun, bulan)
    print(f"3. {KLIEN} concurrent clients x {PERMINTAAN} requests, Bappeda session, live server (subprocess):")
    ukur_halaman(tahun, bulan)


if __name__ == "__main__":
    if SERVER:
        jalankan_server(int(sys.argv[sys.argv.index("--server") + 1]))
    else:
        try:
            main()
        finally:
            connections.close_all()
            tmp.cleanup()
