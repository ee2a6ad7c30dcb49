"""Benchmark: wisata figures and pages at ten times the city's size.

Run:  .venv/bin/python benchmarks/wisata_ringkasan.py
It builds a throwaway SQLite database in a temporary folder (removed afterwards); set
BENCH_DATABASE_URL to run it on another (empty, throwaway) database instead.
Data: 300 kelurahan x 10 RW, 12,000 destinations (mixed status), 30,000 events (a third annual).
Prints, for each function or page: queries and the best of 5 runs.
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
tmp = tempfile.TemporaryDirectory(prefix="bench_wisata_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "True")  # static files without a collectstatic manifest; no SSL redirect
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from wilayah.models import RW, Kecamatan, Kelurahan, Lingkup  # noqa: E402
from wisata.models import Destinasi, Event, KategoriWisata, StatusDestinasi, StatusEvent  # noqa: E402
from wisata.ringkasan import progres_target, ringkasan_bulanan  # noqa: E402

N_KELURAHAN = 300
RW_PER_KELURAHAN = 10
DESTINASI_PER_KELURAHAN = 40
EVENT_PER_KELURAHAN = 100


def build():
    call_command("migrate", verbosity=0)
    hari_ini = timezone.localdate()
    kategori = list(KategoriWisata.objects.all())
    status = [StatusDestinasi.AKTIF, StatusDestinasi.AKTIF, StatusDestinasi.PENGEMBANGAN, StatusDestinasi.POTENSI]
    with transaction.atomic():
        kec = Kecamatan.objects.bulk_create([Kecamatan(kode=f"35.74.{i:02d}", nama=f"Kec {i}") for i in range(10, 20)])
        kel = Kelurahan.objects.bulk_create(
            [Kelurahan(kode=f"{kec[i % 10].kode}.{1000 + i:04d}", nama=f"Kel {i}", kecamatan=kec[i % 10]) for i in range(N_KELURAHAN)]
        )
        RW.objects.bulk_create([RW(kelurahan=k, nomor=n) for k in kel for n in range(1, RW_PER_KELURAHAN + 1)])
        rw_by_kel = {}
        for rw in RW.objects.all():
            rw_by_kel.setdefault(rw.kelurahan_id, []).append(rw)
        destinasi = []
        for k in kel:
            for i in range(DESTINASI_PER_KELURAHAN):
                s = status[i % 4]
                destinasi.append(Destinasi(
                    nama=f"Destinasi {k.pk}-{i}", kelurahan=k, rw=rw_by_kel[k.pk][(i * 3) % 7], kategori=kategori[i % len(kategori)],
                    status=s, tanggal_aktif=hari_ini - dt.timedelta(days=(i * 37) % 500) if s == StatusDestinasi.AKTIF else None,
                    baru=i % 3 != 0, pengelola_nama=f"Pokmas {i}",
                ))
        Destinasi.objects.bulk_create(destinasi, batch_size=2000)
        event = []
        for k in kel:
            for i in range(EVENT_PER_KELURAHAN):
                mulai = hari_ini - dt.timedelta(days=(i * 11) % 700) + dt.timedelta(days=60)
                event.append(Event(
                    nama=f"Event {k.pk}-{i}", kelurahan=k, kategori=kategori[i % len(kategori)], tanggal_mulai=mulai,
                    tanggal_selesai=mulai + dt.timedelta(days=i % 3), tahunan=i % 3 == 0,
                    status=[StatusEvent.RENCANA, StatusEvent.TERLAKSANA, StatusEvent.TERLAKSANA, StatusEvent.BATAL][i % 4],
                    pengunjung=100 + i, umkm_terlibat=i % 20, transaksi=1_000_000 * (i % 9),
                ))
        Event.objects.bulk_create(event, batch_size=2000)
    User = get_user_model()
    user = User.objects.create_user("bench_bappeda", password="x")
    user.groups.add(Group.objects.get(name="Bappeda"))
    Lingkup.objects.create(user=user, tingkat="kota")
    return user, len(destinasi), len(event)


def measure(label, fn):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    print(f"{label:48} {len(ctx):3d} queries   best of 5: {best * 1000:8.1f} ms")


def main():
    t = time.perf_counter()
    user, n_dest, n_event = build()
    print(f"Database: {connection.vendor}; built {N_KELURAHAN} kelurahan, {N_KELURAHAN * RW_PER_KELURAHAN} RW, "
          f"{n_dest} destinasi, {n_event} event in {time.perf_counter() - t:.1f} s")
    hari_ini = timezone.localdate()
    measure("ringkasan_bulanan (all kelurahan, one month)", lambda: ringkasan_bulanan(hari_ini.year, hari_ini.month))
    measure("progres_target (year, projection)", lambda: progres_target(hari_ini.year, hari_ini=hari_ini))
    anon = Client()
    client = Client()
    client.force_login(user)

    def get(c, url):
        def run():
            r = c.get(url)
            assert r.status_code == 200, (url, r.status_code)
        return run

    measure("GET /wisata/jelajah/ (public catalogue)", get(anon, "/wisata/jelajah/"))
    measure("GET /wisata/jelajah/event/ (public calendar)", get(anon, f"/wisata/jelajah/event/?bulan={hari_ini:%Y-%m}"))
    measure("GET /wisata/jelajah/event.ics (feed)", get(anon, "/wisata/jelajah/event.ics"))
    measure("GET /wisata/kota/ (city page, Bappeda)", get(client, "/wisata/kota/"))
    measure("GET /wisata/destinasi/ (list, Bappeda)", get(client, "/wisata/destinasi/"))
    # The city's 218 recorded events from one spreadsheet: preview (dry run) and the real import.
    import io

    import openpyxl

    from wilayah.impor import baca_xlsx, jalankan_impor
    from wisata.resources import EventResource

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "penyelenggara", "status"])
    kel = list(Kelurahan.objects.order_by("kode")[:29])
    for i in range(218):
        ws.append([f"Event impor {i}", kel[i % 29].kode, 1 + i % 10, "Kuliner", f"{1 + i % 28:02d}-0{1 + i % 9}-2025", f"{1 + i % 28:02d}-0{1 + i % 9}-2025", "ya" if i % 4 == 0 else "tidak", "Kelurahan", "terlaksana"])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    jumlah_event = Event.objects.count()
    for dry, judul in ((True, "preview (dry run)"), (False, "confirm (written)"), (True, "same file again (all skipped)")):
        connection.queries_log.clear()
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            hasil = jalankan_impor(EventResource(user=user), baca_xlsx(data), dry_run=dry)
        assert not hasil.ada_galat, hasil.galat[:3]
        print(f"{'import 218 events, ' + judul:48} {len(ctx):3d} queries   once:       {(time.perf_counter() - t) * 1000:8.1f} ms")
    assert hasil.dilewati == 218 and Event.objects.count() == jumlah_event + 218, "a second upload adds nothing"
    ics = anon.get("/wisata/jelajah/event.ics")
    print(f".ics feed: {len(ics.content) / 1024:.0f} KiB, {ics.content.count(b'BEGIN:VEVENT')} events")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        tmp.cleanup()
