"""Benchmark: the city coverage table (lkk.ringkasan.tabel_cakupan) and the monthly summary
over 30,000 lembaga and 300,000 pengurus.

Run:  .venv/bin/python benchmarks/lkk_cakupan.py
It builds a throwaway SQLite database in a temporary folder (removed afterwards).
On PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_lkk_bench .venv/bin/python benchmarks/lkk_cakupan.py
creates that database, runs, and drops it again.
Prints rows created, build time, and for each function: queries and the best of 5 runs.
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
tmp = tempfile.TemporaryDirectory(prefix="bench_lkk_")
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "")
os.environ["DATABASE_URL"] = BENCH_URL or f"sqlite:///{tmp.name}/bench.sqlite3"


def _pg_admin(sql_template):
    """CREATE/DROP the throwaway PostgreSQL database named in BENCH_DATABASE_URL."""
    from urllib.parse import urlparse

    import psycopg2

    url = urlparse(BENCH_URL)
    name = url.path.lstrip("/")
    conn = psycopg2.connect(host=url.hostname, port=url.port or 5432, user=url.username, password=url.password, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql_template.format(name=name))
    conn.close()


if BENCH_URL.startswith("postgres"):
    _pg_admin('DROP DATABASE IF EXISTS "{name}"')
    _pg_admin('CREATE DATABASE "{name}"')
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "True")  # static files without a collectstatic manifest
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from lkk.models import Jabatan, JenisLembaga, Lembaga, Pengurus, akhir_masa_bakti  # noqa: E402
from lkk.ringkasan import ringkasan_bulanan, tabel_cakupan  # noqa: E402
from wilayah.models import RT, RW, Kecamatan, Kelurahan  # noqa: E402

N_KELURAHAN = 300  # ten times the city, so a per-kelurahan query would show
RW_PER_KELURAHAN = 10
RT_PER_RW = 5
LEMBAGA_PER_KELURAHAN = 100  # -> 30,000
PENGURUS_PER_LEMBAGA = 10  # -> 300,000
JABATAN = [Jabatan.KETUA, Jabatan.WAKIL_KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA] + [Jabatan.ANGGOTA] * 6


def build():
    call_command("migrate", verbosity=0)
    jenis = {j.kode: j for j in JenisLembaga.objects.all()}
    with transaction.atomic():
        kec = Kecamatan.objects.bulk_create([Kecamatan(kode=f"35.74.{i:02d}", nama=f"Kec {i}") for i in range(10, 20)])
        kel = Kelurahan.objects.bulk_create(
            [Kelurahan(kode=f"{kec[i % 10].kode}.{1000 + i:04d}", nama=f"Kel {i}", kecamatan=kec[i % 10]) for i in range(N_KELURAHAN)]
        )
        RW.objects.bulk_create([RW(kelurahan=k, nomor=n) for k in kel for n in range(1, RW_PER_KELURAHAN + 1)])
        rw_by_kel = {}
        for rw in RW.objects.all():
            rw_by_kel.setdefault(rw.kelurahan_id, []).append(rw)
        RT.objects.bulk_create([RT(rw=rw, nomor=n) for rws in rw_by_kel.values() for rw in rws for n in range(1, RT_PER_RW + 1)], batch_size=5000)
        rt_by_kel = {}
        for rt in RT.objects.select_related("rw"):
            rt_by_kel.setdefault(rt.rw.kelurahan_id, []).append(rt)
        lembaga = []
        for k in kel:
            rws = rw_by_kel[k.pk]
            # 8 RW institutions (2 RW lack one), 20 posyandu, LPM, PKK, Karang Taruna, the rest Pokmas.
            for i, rw in enumerate(rws[:8]):
                lembaga.append((k, jenis["rw"], rw, f"RW {rw.nomor}", i))
            for i in range(20):
                lembaga.append((k, jenis["posyandu"], rws[i % 6], f"Posyandu {i}", i))
            for kode in ("lpm", "pkk", "karang-taruna"):
                lembaga.append((k, jenis[kode], None, kode, 0))
            # 40 of the 50 RT have their RT institution.
            for i, rt in enumerate(rt_by_kel[k.pk][:40]):
                lembaga.append((k, jenis["rt"], rt, f"RT {rt.nomor}/RW {rt.rw.nomor}", i))
            for i in range(LEMBAGA_PER_KELURAHAN - 71):
                lembaga.append((k, jenis["pokmas"], None, f"Pokmas {i}", i))
        objs = []
        for k, j, tempat, nama, i in lembaga:
            mulai = dt.date(2019 + i % 6, 1 + i % 12, 1)
            rw, rt = (tempat.rw, tempat) if isinstance(tempat, RT) else (tempat, None)
            objs.append(Lembaga(
                kelurahan=k, jenis=j, rw=rw, rt=rt, nama=nama, nomor_sk=f"188/{i}" if i % 7 else "", tanggal_sk=mulai,
                masa_bakti_mulai=mulai, masa_bakti_selesai=akhir_masa_bakti(mulai, 5), satu_per_wilayah=j.satu_per_wilayah,
            ))
        Lembaga.objects.bulk_create(objs, batch_size=2000)
        pengurus = []
        for lbg_id, mulai in Lembaga.objects.values_list("id", "masa_bakti_mulai").iterator():
            selesai = akhir_masa_bakti(mulai, 5)
            for n in range(PENGURUS_PER_LEMBAGA):
                pengurus.append(Pengurus(
                    lembaga_id=lbg_id, nama=f"Orang {lbg_id}-{n}", jabatan=JABATAN[n], masa_mulai=mulai, masa_selesai=selesai,
                    akhir_efektif=selesai, pernyataan_nonpartai=True, tanggal_pernyataan=mulai,
                ))
            if len(pengurus) >= 20000:
                Pengurus.objects.bulk_create(pengurus, batch_size=5000)
                pengurus = []
        Pengurus.objects.bulk_create(pengurus, batch_size=5000)


def measure(label, fn, runs=5):
    connection.queries_log.clear()  # a bounded deque: a full one would hide new queries
    with CaptureQueriesContext(connection) as ctx:
        fn()
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    print(f"{label:55} {len(ctx.captured_queries):3d} queries  best of {runs}: {best * 1000:8.1f} ms")


def main():
    t = time.perf_counter()
    build()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(
        f"built {Kelurahan.objects.count()} kelurahan, {RW.objects.count()} RW, {RT.objects.count()} RT, {Lembaga.objects.count()} lembaga, "
        f"{Pengurus.objects.count()} pengurus in {time.perf_counter() - t:.1f} s"
    )
    pada = dt.date(2025, 5, 31)
    measure("tabel_cakupan (whole city)", lambda: tabel_cakupan(pada=pada))
    kel1 = Kelurahan.objects.filter(pk=Kelurahan.objects.order_by("pk").values("pk")[:1])
    measure("tabel_cakupan (one kelurahan)", lambda: tabel_cakupan(kelurahan=kel1, pada=pada))
    measure("ringkasan_bulanan(2025, 5) (all kelurahan)", lambda: ringkasan_bulanan(2025, 5))
    measure("Lembaga.perlu_perhatian().count() (city flags)", lambda: Lembaga.objects.perlu_perhatian(pada).count())

    from django.contrib.auth import get_user_model
    from django.test import Client

    from django.core.signals import request_finished
    from django.db import close_old_connections

    # As Django's TestCase does: keep one connection, so the queries of a request can be counted.
    request_finished.disconnect(close_old_connections)
    admin = get_user_model().objects.create_superuser("bench-admin", password="x")
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)

    def halaman():
        response = client.get("/lkk/")
        assert response.status_code == 200 and response.content.count(b"<tr>") >= N_KELURAHAN

    measure("GET /lkk/ (coverage page, 300 kelurahan, superuser)", halaman)


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        tmp.cleanup()
        if BENCH_URL.startswith("postgres"):
            _pg_admin('DROP DATABASE IF EXISTS "{name}"')
