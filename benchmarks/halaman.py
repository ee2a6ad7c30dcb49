"""Benchmark: every list, home and city page at province size under 8 concurrent clients (issue 14).

Run (PostgreSQL; the database is created when missing, built, measured, then dropped):

    .venv/bin/python benchmarks/halaman.py
    BENCH_SIMPAN=1 .venv/bin/python benchmarks/halaman.py          # keep the built database
    BENCH_PAKAI_ULANG=1 BENCH_SIMPAN=1 .venv/bin/python benchmarks/halaman.py   # measure again on it

Environment: ``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/bench_beban``),
``BENCH_KELURAHAN`` (8500), ``BENCH_PAKAI_ULANG=1`` (reuse a database an earlier run built and
kept; it is migrated first), ``BENCH_SIMPAN=1`` (do not drop it), ``BENCH_PERMINTAAN`` (requests per
client, 20), ``BENCH_DETIK_HALAMAN`` (time limit of one page's load, 20 s), ``BENCH_DETIK_MAKS``
(the whole load measurement, 1800 s: pages left when it runs out are reported as not measured),
``BENCH_SAMPAI`` (``HH:MM`` UTC: the load measurement also stops then),
``BENCH_PEKERJA``/``BENCH_BENANG`` (gunicorn gthread workers and threads, 2 x 4), ``BENCH_SARING``
(only the pages whose ``"<role> <url>"`` contains one of its comma-separated parts, e.g.
``"kota /lkk/,anonim"``).

What it does: migrates, builds the province (``benchmarks/provinsi.py``), makes a city-wide Bappeda
user and an Operator Kelurahan of a kelurahan with average data, collects the static files (DEBUG
off: whitenoise's manifest), then for every page of ``HALAMAN`` (plus each role's baseline,
``/bench/dasar/``: one COUNT in ``base.html``):

1. in process (Django's test Client, ``CaptureQueriesContext``, same database): status, queries and
   response size (second request, caches warm);
2. over HTTP against gunicorn (``benchmarks.pengaturan``: the project's settings, DEBUG off, the
   benchmarks' urlconf): 8 client threads, ``BENCH_PERMINTAAN`` requests each after a warm-up, for
   at most ``BENCH_DETIK_HALAMAN`` s; p50, p95, requests per second, and p50 / the baseline p50 of
   the same role, flagged when above 3x (the issue's aim).

The table goes to stdout and to ``benchmarks/hasil/halaman-<time>.md``. gunicorn is always stopped
and the database dropped (unless ``BENCH_SIMPAN=1``) however the run ends. ``HALAMAN`` is also the
page list of ``tests/test_skala.py`` (query counts at two sizes).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent

KOTA, KELURAHAN, ANONIM = "kota", "kelurahan", "anonim"
DASAR = "/bench/dasar/"
KELURAHAN_PENUH = 8500  # the size the deep page numbers below are written for

# (role, url, label): every list, home and city page of every app, for the city-wide Bappeda user
# and a kelurahan operator, and the public pages anonymously. ``{kelurahan}``/``{kecamatan}`` are the
# operator's kelurahan and its kecamatan (codes); a ``page=N`` is the page at province size
# (``url_pada`` fills the codes in and scales the page to a smaller build). Pages that only redirect
# (``/``, the kota user's ``/pud/``, the operator's ``/wisata/``) are listed by where they lead.
_BERSAMA = [
    ("/wilayah/kecamatan/", "wilayah: kecamatan"),
    ("/wilayah/kelurahan/", "wilayah: kelurahan"),
    ("/wilayah/kelurahan/{kelurahan}/", "wilayah: satu kelurahan (beranda operator)"),
    ("/wilayah/rw/", "wilayah: RW"),
    ("/wilayah/rt/", "wilayah: RT"),
    ("/wilayah/kelengkapan/konfirmasi/", "wilayah: konfirmasi bulan"),
    ("/wilayah/kelengkapan/pengecualian/", "wilayah: pengecualian kunci"),
    ("/kader/", "kader: beranda"),
    ("/kader/daftar/", "kader: daftar KPM"),
    ("/kader/target/", "kader: sebaran/target"),
    ("/kader/forkom/", "kader: forkom"),
    ("/kader/berprestasi/", "kader: lomba"),
    ("/kader/berprestasi/nominasi/", "kader: nominasi"),
    ("/lkk/", "lkk: beranda"),
    ("/lkk/lembaga/", "lkk: lembaga"),
    ("/lkk/pengurus/", "lkk: pengurus"),
    ("/lkk/masa-bakti/", "lkk: masa bakti"),
    ("/pud/siklus/", "pud: siklus"),
    ("/pud/pengajuan/", "pud: pengajuan"),
    ("/pud/usulan/", "pud: usulan"),
    ("/pud/umkm/", "pud: UMKM"),
    ("/wisata/kelurahan/{kelurahan}/", "wisata: satu kelurahan"),
    ("/wisata/destinasi/", "wisata: destinasi"),
    ("/wisata/foto/", "wisata: foto"),
    ("/wisata/event/", "wisata: event"),
    ("/wisata/target/", "wisata: target"),
    ("/pelatihan/", "pelatihan: beranda"),
    ("/pelatihan/diklat/", "pelatihan: diklat"),
    ("/pelatihan/tindak-lanjut/", "pelatihan: tindak lanjut"),
    ("/pelatihan/narasumber/", "pelatihan: narasumber"),
    ("/pelatihan/instansi/", "pelatihan: instansi"),
    ("/pelatihan/peserta/", "pelatihan: peserta"),
    ("/laporan/", "laporan: daftar"),
]
_KOTA = [
    ("/laporan/dasbor/", "laporan: dasbor (beranda Bappeda)"),
    ("/wilayah/kota/", "wilayah: kota"),
    ("/wilayah/kecamatan/{kecamatan}/", "wilayah: satu kecamatan"),
    ("/wilayah/akun/", "wilayah: akun"),
    ("/wilayah/kelengkapan/", "wilayah: kelengkapan data"),
    ("/kader/daftar/?page=850", "kader: daftar KPM halaman 850 (the city's cadres; an operator has one page)"),
    ("/pud/kota/", "pud: kota"),
    ("/pud/kecamatan/{kecamatan}/", "pud: satu kecamatan"),
    ("/wisata/", "wisata: beranda"),
    ("/wisata/kota/", "wisata: kota"),
    ("/laporan/wali-kota/", "laporan: wali kota"),
    ("/wilayah/target/", "wilayah: target program (issue 15)"),
]
_KELURAHAN = [
    ("/pud/", "pud: beranda"),
]
_PUBLIK = [
    ("/", "publik: beranda (issue 15)"),
    ("/wisata/jelajah/", "publik: katalog wisata"),
    ("/wisata/jelajah/event/", "publik: kalender event"),
    ("/wisata/jelajah/event.ics", "publik: kalender .ics"),
    ("/pud/produk/", "publik: katalog produk"),
]
HALAMAN: list[tuple[str, str, str]] = (
    [(KOTA, url, label) for url, label in _KOTA + _BERSAMA]
    + [(KELURAHAN, url, label) for url, label in _BERSAMA + _KELURAHAN]
    + [(ANONIM, url, label) for url, label in _PUBLIK]
)


def dipilih(saring: str, role: str, url: str) -> bool:
    """``BENCH_SARING``: a page is measured when ``"<role> <url>"`` contains one of the comma-separated
    parts (everything when empty)."""
    bagian = [b.strip() for b in saring.split(",") if b.strip()]
    return not bagian or any(b in f"{role} {url}" for b in bagian)


def url_pada(url: str, n_kelurahan: int, kelurahan) -> str:
    """``url`` for a build of ``n_kelurahan`` where the operator works in ``kelurahan``: the codes
    filled in, a deep ``page=N`` (written for 8,500 kelurahan) scaled down."""
    url = url.format(kelurahan=kelurahan.kode, kecamatan=kelurahan.kecamatan.kode)
    return re.sub(r"page=(\d+)", lambda m: f"page={max(1, int(m.group(1)) * n_kelurahan // KELURAHAN_PENUH)}", url)


def kelurahan_rata_rata():
    """The kelurahan operator's kelurahan: the first with ten KPM (the average). The generator's
    first kelurahan are the same at every size, so the operator's pages show the same rows in a
    small build and in a large one."""
    from django.db.models import Count

    from wilayah.models import Kelurahan

    return Kelurahan.objects.annotate(n=Count("kader_set")).filter(n=10).order_by("pk").first() or Kelurahan.objects.order_by("pk").first()


def pengguna_bench():
    """{role: user or None}: the city-wide Bappeda user and the kelurahan operator (made if missing)."""
    from benchmarks.umum import pengguna
    from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN

    return {
        KOTA: pengguna("bench_kota", BAPPEDA, tingkat="kota"),
        KELURAHAN: pengguna("bench_kelurahan", OPERATOR_KELURAHAN, tingkat="kelurahan", kelurahan=kelurahan_rata_rata()),
        ANONIM: None,
    }


def hitung_kueri(client, url: str) -> tuple[int, int, int, float]:
    """(status, queries, bytes, seconds) of a GET, the second one (the first warms the caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    connection.queries_log.clear()
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
        isi = b"".join(r.streaming_content) if getattr(r, "streaming", False) else r.content
    return r.status_code, len(q), len(isi), time.perf_counter() - t


# ----------------------------------------------------------------------------- the script


def _env(nama, bawaan):
    return type(bawaan)(os.environ.get(nama, bawaan))


def _pg(url_db: str):
    """(connection to the maintenance database, the benchmark database's name)."""
    from urllib.parse import urlparse

    import psycopg2

    u = urlparse(url_db)
    nama = u.path.lstrip("/")
    conn = psycopg2.connect(host=u.hostname, port=u.port or 5432, user=u.username, password=u.password, dbname="postgres")
    conn.autocommit = True
    return conn, nama


def main():  # noqa: C901 - one script, read top to bottom
    mulai = time.perf_counter()
    url_db = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_beban")
    pakai_ulang = os.environ.get("BENCH_PAKAI_ULANG") == "1"
    simpan = os.environ.get("BENCH_SIMPAN") == "1"
    n_kel = _env("BENCH_KELURAHAN", 8500)
    permintaan = _env("BENCH_PERMINTAAN", 20)
    detik_halaman = _env("BENCH_DETIK_HALAMAN", 20.0)
    detik_maks = _env("BENCH_DETIK_MAKS", 1800.0)
    saring = os.environ.get("BENCH_SARING", "")

    pg, nama_db = _pg(url_db)
    with pg.cursor() as c:
        c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama_db])
        ada = c.fetchone() is not None
        if not ada:
            c.execute(f'CREATE DATABASE "{nama_db}"')
    milik_kita = not ada or pakai_ulang  # never drop a database this script did not make or was told to reuse
    os.environ["DATABASE_URL"] = url_db
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.pengaturan"
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from benchmarks.provinsi import bangun
    from benchmarks.umum import beban, minta, port_bebas
    from wilayah.angka import perbarui
    from wilayah.models import Kelurahan

    server = None
    try:
        if ada and not pakai_ulang:
            with connection.cursor() as c:
                c.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                if c.fetchone()[0]:
                    raise SystemExit(f"{nama_db} exists and has tables: set BENCH_PAKAI_ULANG=1 to measure on it, or name another database.")
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - t:.1f} s", flush=True)
        if pakai_ulang and Kelurahan.objects.exists():
            print(f"reusing {nama_db}: {Kelurahan.objects.count():,} kelurahan", flush=True)
        else:
            print(f"building the province ({n_kel:,} kelurahan) in {nama_db} ...", flush=True)
            print(f"Database: {connection.vendor}; {bangun(n_kelurahan=n_kel)}", flush=True)
            with connection.cursor() as c:
                c.execute("ANALYZE")
        n_kel = Kelurahan.objects.count()
        # the stored city figures as the Celery beat leaves them (wilayah.angka): a city page reads them
        t = time.perf_counter()
        perbarui()
        print(f"stored city figures (wilayah.angka.perbarui): {time.perf_counter() - t:.1f} s", flush=True)
        users = pengguna_bench()
        t = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"collectstatic: {time.perf_counter() - t:.1f} s ({settings.STATIC_ROOT})", flush=True)

        kel = users[KELURAHAN].lingkup.kelurahan
        halaman = [(r, url_pada(u, n_kel, kel), label) for r, u, label in HALAMAN if dipilih(saring, r, u)]
        peran = [KOTA, KELURAHAN, ANONIM]
        # each role's baseline first and again last (the machine's load drifts): the ratio is to their mean
        daftar = [(r, DASAR, "baseline: base.html + one COUNT") for r in peran] + halaman
        daftar += [(r, DASAR + "#akhir", "baseline again, after the role's pages") for r in peran]
        daftar.sort(key=lambda x: peran.index(x[0]))

        # 1. queries and size, in process
        klien, kuki = {}, {}
        for r in peran:
            klien[r] = Client()
            if users[r] is not None:
                klien[r].force_login(users[r])
                kuki[r] = f"{settings.SESSION_COOKIE_NAME}={klien[r].cookies[settings.SESSION_COOKIE_NAME].value}"
            else:
                kuki[r] = ""
        hasil = {}
        for r, url, label in daftar:
            status, n_q, n_b, detik = hitung_kueri(klien[r], url.split("#")[0])
            hasil[(r, url)] = {"label": label, "status": status, "kueri": n_q, "bita": n_b, "satu": detik}
            print(f"  {r:9} {url:42} {status} {n_q:4d} queries {n_b / 1024:9.1f} KiB {detik * 1000:9.1f} ms alone", flush=True)
        connections.close_all()

        # 2. under load, gunicorn
        port = port_bebas()
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="benchmarks.pengaturan", DATABASE_URL=url_db, PYTHONPATH=str(BASE))
        pekerja, benang = _env("BENCH_PEKERJA", 2), _env("BENCH_BENANG", 4)
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "probolinggo_portal.wsgi:application", "-b", f"127.0.0.1:{port}",
             "-k", "gthread", "-w", str(pekerja), "--threads", str(benang), "--timeout", "300", "--log-level", "warning"],
            cwd=BASE, env=env, start_new_session=True,
        )
        siap = time.perf_counter() + 60
        while True:
            try:
                if minta(port, DASAR, timeout=10)[0] == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() > siap or server.poll() is not None:
                raise RuntimeError("gunicorn did not answer within 60 s")
            time.sleep(0.5)
        print(f"gunicorn on 127.0.0.1:{port}, {pekerja} gthread workers x {benang} threads; 8 clients x {permintaan} requests, "
              f"at most {detik_halaman:.0f} s a page", flush=True)
        batas_total = time.perf_counter() + min(detik_maks, _detik_sampai(os.environ.get("BENCH_SAMPAI", "")))
        for r, url, label in daftar:
            h = hasil[(r, url)]
            sisa = batas_total - time.perf_counter()
            if h["status"] != 200 or sisa < 5:
                continue
            b = beban(port, url.split("#")[0], kuki[r], klien=8, permintaan=permintaan, batas_detik=min(detik_halaman, sisa))
            h.update(p50=b.p50, p95=b.p95, n=len(b.waktu), rps=b.rps, gagal=b.gagal)
            print(f"  {r:9} {url:42} p50 {_ms(b.p50)} p95 {_ms(b.p95)} n={len(b.waktu)}" + (f" errors {b.gagal[:3]}" if b.gagal else ""), flush=True)

        _laporan(daftar, hasil, n_kel, permintaan, pekerja, benang, time.perf_counter() - mulai)
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, 15)
                server.wait(timeout=20)
            except Exception:  # noqa: BLE001 - cleaning up: kill whatever is left
                try:
                    os.killpg(server.pid, 9)
                except ProcessLookupError:
                    pass
        connections.close_all()
        if simpan or not milik_kita:
            print(f"database kept: {nama_db}")
        else:
            with pg.cursor() as c:
                c.execute(f'DROP DATABASE IF EXISTS "{nama_db}" WITH (FORCE)')
            print(f"database dropped: {nama_db}")
        pg.close()


def _detik_sampai(jam: str) -> float:
    """Seconds from now until ``jam`` (``HH:MM`` UTC, today), for ``BENCH_SAMPAI``; infinity when unset."""
    import datetime as dt

    if not jam:
        return float("inf")
    sekarang = dt.datetime.now(dt.timezone.utc)
    j, m = (int(x) for x in jam.split(":"))
    return max(0.0, (sekarang.replace(hour=j, minute=m, second=0, microsecond=0) - sekarang).total_seconds())


def _ms(s):
    return f"{s * 1000:8.1f} ms" if s is not None else "       -   "


def _laporan(daftar, hasil, n_kel, permintaan, pekerja, benang, detik):
    import datetime as dt

    baris = [
        f"# Pages at {n_kel:,} kelurahan ({dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC)",
        "",
        f"gunicorn {pekerja} gthread workers x {benang} threads, 8 concurrent clients, up to {permintaan} requests each; "
        f"load average at the end {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores); run took {detik / 60:.1f} min.",
        "alone: the second request in process (test Client, no concurrency). Ratio: p50 / the same role's baseline p50 (base.html + one COUNT; mean of the runs before and after the role's pages); "
        "! marks pages above 3x.",
        "",
        "| role | page | url | status | queries | KiB | alone ms | p50 ms | p95 ms | n | ratio |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    dasar = {}
    for r, u, _l in daftar:
        if u.startswith(DASAR) and hasil[(r, u)].get("p50"):
            dasar.setdefault(r, []).append(hasil[(r, u)]["p50"])
    dasar = {r: sum(v) / len(v) for r, v in dasar.items()}
    lewat = []
    for r, url, label in daftar:
        h = hasil[(r, url)]
        p50, p95 = h.get("p50"), h.get("p95")
        rasio = p50 / dasar[r] if p50 and dasar.get(r) else None
        tanda = "!" if rasio and rasio > 3 else ""
        if tanda:
            lewat.append(f"{r} {url}")
        baris.append(
            f"| {r} | {label} | `{url}` | {h['status']} | {h['kueri']} | {h['bita'] / 1024:.1f} | {h['satu'] * 1000:.0f} | "
            f"{p50 * 1000:.1f} | {p95 * 1000:.1f} | {h.get('n', 0)} | {f'{rasio:.1f}x{tanda}' if rasio else '-'} |"
            if p50 is not None else
            f"| {r} | {label} | `{url}` | {h['status']} | {h['kueri']} | {h['bita'] / 1024:.1f} | {h['satu'] * 1000:.0f} | - | - | 0 | not measured |"
        )
    baris += ["", f"Pages above 3x the baseline ({len(lewat)}): " + (", ".join(lewat) or "none")]
    teks = "\n".join(baris)
    print("\n" + teks)
    folder = BASE / "benchmarks" / "hasil"
    folder.mkdir(exist_ok=True)
    berkas = folder / f"halaman-{dt.datetime.now(dt.timezone.utc):%Y%m%d-%H%M}.md"
    berkas.write_text(teks + "\n")
    print(f"\n(written to {berkas})")


if __name__ == "__main__":
    main()
