"""Benchmark: the PUD round at city size (29 kelurahan) and at province size (8,500).

Run:  .venv/bin/python benchmarks/pud.py                      (city: 29 kelurahan)
      BENCH_KELURAHAN=8500 .venv/bin/python benchmarks/pud.py  (province)
It builds a throwaway SQLite database in a temporary folder (removed afterwards); set
BENCH_DATABASE_URL to an empty, throwaway database to run it elsewhere (PostgreSQL:
``createdb -h 127.0.0.1 -U postgres bench_pud; BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pud``).

Data: the region tree and programmes of ``benchmarks.provinsi.bangun``; then a round opened through
``pud.services.siklus_buka`` (one pengajuan per kelurahan), its schedule (``jadwal_buat``), 3 UMKM
per kelurahan and, per kelurahan, a main nomination in every category plus one alternative, with
the kelurahan spread over the workflow (a fifth each draf, diajukan, dikembalikan, diverifikasi,
ditetapkan) and their step log. Prints, for each service, page and file: queries and the best of 3.
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
tmp = tempfile.TemporaryDirectory(prefix="bench_pud_")
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
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.provinsi import bangun  # noqa: E402
from pud import services  # noqa: E402
from pud.models import UMKM, KategoriPUD, LangkahPUD, PengajuanPUD, StatusPengajuan, Usulan  # noqa: E402
from wilayah.models import Kecamatan, Lingkup  # noqa: E402

N_KELURAHAN = int(os.environ.get("BENCH_KELURAHAN", 29))
URUTAN_STATUS = [StatusPengajuan.DRAF, StatusPengajuan.DIAJUKAN, StatusPengajuan.DIKEMBALIKAN, StatusPengajuan.DIVERIFIKASI, StatusPengajuan.DITETAPKAN]


def pengguna(nama, peran, **lingkup):
    user = get_user_model().objects.create_user(nama, password="x")
    user.groups.add(Group.objects.get(name=peran))
    Lingkup.objects.create(user=user, **lingkup)
    return user


def ukur(label, fn, ulang=3):
    connection.queries_log.clear()  # a full log (9,000 entries) would make every count 0
    with CaptureQueriesContext(connection) as ctx:
        fn()
    terbaik = float("inf")
    for _ in range(ulang):
        t = time.perf_counter()
        fn()
        terbaik = min(terbaik, time.perf_counter() - t)
    print(f"{label:58} {len(ctx):4d} queries   best of {ulang}: {terbaik * 1000:9.1f} ms", flush=True)


def isi_putaran(bappeda, siklus):
    hari_ini = timezone.localdate()
    pengajuan = list(PengajuanPUD.objects.filter(siklus=siklus).order_by("pk"))
    umkm = []
    for p in pengajuan:
        for k in KategoriPUD:
            umkm.append(UMKM(nama_usaha=f"UMKM {p.kelurahan_id} {k}", pemilik_nama="Pemilik", alamat="Jl. Bench", kelurahan_id=p.kelurahan_id,
                             kategori=k, produk=f"Produk {k}", tenaga_kerja=3, kontak_publik="081234567890", kontak_publik_tampil=True))
    with transaction.atomic():
        UMKM.objects.bulk_create(umkm, batch_size=5000)
        per_kel = {}
        for u in UMKM.objects.order_by("pk").only("pk", "kelurahan_id", "kategori"):
            per_kel.setdefault(u.kelurahan_id, []).append(u)
        usulan, langkah = [], []
        for i, p in enumerate(pengajuan):
            status = URUTAN_STATUS[i % len(URUTAN_STATUS)]
            for u in per_kel[p.kelurahan_id]:
                usulan.append(Usulan(pengajuan=p, kategori=u.kategori, umkm=u, produk=f"Produk {u.pk}", utama=True))
            alt = per_kel[p.kelurahan_id][0]
            usulan.append(Usulan(pengajuan=p, kategori=KategoriPUD.KERAJINAN if alt.kategori != KategoriPUD.KERAJINAN else KategoriPUD.BUDAYA, umkm=alt, produk="Alternatif"))
            if status != StatusPengajuan.DRAF:
                p.tanggal_fgd, p.tempat_fgd, p.berita_acara = hari_ini - dt.timedelta(days=20), "Aula", "pud/berita-acara/bench.pdf"
                p.status = status
                langkah.append(LangkahPUD(pengajuan=p, aksi="ajukan", dari_status="draf", ke_status="diajukan", oleh=bappeda, catatan=""))
            if status == StatusPengajuan.DITETAPKAN:
                p.nomor_keputusan, p.tanggal_keputusan = "188.45/100/425.012/2026", hari_ini - dt.timedelta(days=2)
        Usulan.objects.bulk_create(usulan, batch_size=5000)
        PengajuanPUD.objects.bulk_update(pengajuan, ["tanggal_fgd", "tempat_fgd", "berita_acara", "status", "nomor_keputusan", "tanggal_keputusan"], batch_size=2000)
        LangkahPUD.objects.bulk_create(langkah, batch_size=5000)
    return len(umkm), len(usulan)


def main():
    call_command("migrate", verbosity=0)
    provinsi = bangun(n_kelurahan=N_KELURAHAN)
    print(f"Database: {connection.vendor}; {provinsi}", flush=True)
    hari_ini = timezone.localdate()
    bappeda = pengguna("bench_bappeda", "Bappeda", tingkat="kota")
    kecamatan = Kecamatan.objects.order_by("kode").first()
    camat = pengguna("bench_camat", "Camat", tingkat="kecamatan", kecamatan=kecamatan)

    t = time.perf_counter()
    siklus = services.siklus_buka(acting_user=bappeda, tahun=hari_ini.year)
    print(f"{'siklus_buka (round, rubric, one pengajuan per kelurahan)':58}        {(time.perf_counter() - t) * 1000:9.1f} ms", flush=True)
    mulai = hari_ini + dt.timedelta(days=1)
    ukur("jadwal_buat (3 kelurahan a day, working days)", lambda: services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=mulai), ulang=1)
    t = time.perf_counter()
    n_umkm, n_usulan = isi_putaran(bappeda, siklus)
    print(f"data: {n_umkm:,} UMKM, {n_usulan:,} usulan in {time.perf_counter() - t:.1f} s", flush=True)

    try:
        from pud.ringkasan import ringkasan_bulanan
    except ImportError:
        ringkasan_bulanan = None
    if ringkasan_bulanan is not None:
        ukur("pud.ringkasan.ringkasan_bulanan (all kelurahan, this month)", lambda: ringkasan_bulanan(hari_ini.year, hari_ini.month))
    ids = list(PengajuanPUD.objects.filter(kelurahan__kecamatan=kecamatan).values_list("pk", flat=True))
    ukur("langkah_tersedia_banyak (a kecamatan, camat)", lambda: services.langkah_tersedia_banyak(camat, ids))

    anon, kota, kec = Client(), Client(), Client()
    kota.force_login(bappeda)
    kec.force_login(camat)

    def get(c, url):
        def jalan():
            r = c.get(url)
            assert r.status_code == 200, (url, r.status_code)
            b"".join(r) if getattr(r, "streaming", False) else r.content
        return jalan

    halaman = [
        ("GET /pud/kota/ (city progress, Bappeda)", kota, reverse("pud:kota")),
        ("GET /pud/kecamatan/<kode>/ (camat)", kec, reverse("pud:kecamatan", kwargs={"kode": kecamatan.kode})),
        ("GET /pud/siklus/<pk>/ (round, schedule, Bappeda)", kota, reverse("pud:siklus-detail", kwargs={"pk": siklus.pk})),
        ("GET /pud/pengajuan/ (list, Bappeda)", kota, reverse("pud:pengajuan-list")),
        ("GET /pud/usulan/ (list, Bappeda)", kota, reverse("pud:usulan-list")),
        ("GET /pud/umkm/ (list, Bappeda)", kota, reverse("pud:umkm-list")),
        ("GET /pud/produk/ (public catalogue)", anon, reverse("pud:publik-katalog")),
        ("GET /pud/siklus/<pk>/lampiran.xlsx (decree annex)", kota, reverse("pud:lampiran-xlsx", kwargs={"pk": siklus.pk})),
        ("GET /pud/siklus/<pk>/lampiran.pdf (decree annex)", kota, reverse("pud:lampiran-pdf", kwargs={"pk": siklus.pk})),
    ]
    for label, client, url in halaman:
        ukur(label, get(client, url))


if __name__ == "__main__":
    main()
