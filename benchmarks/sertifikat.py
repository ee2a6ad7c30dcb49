"""Benchmark: the certificates of a diklat with 300 participants who completed it.

Run:  .venv/bin/python benchmarks/sertifikat.py                         (300 participants, SQLite)
      BENCH_PESERTA=1000 .venv/bin/python benchmarks/sertifikat.py
It builds a throwaway SQLite database (and media folder) in a temporary folder, removed afterwards;
set BENCH_DATABASE_URL to an empty, throwaway database to run it elsewhere (PostgreSQL:
``createdb -h 127.0.0.1 -U postgres bench_sertifikat; BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_sertifikat``).

Data: one city diklat of three days, ``BENCH_PESERTA`` participants spread over the kelurahan, each
present on every day. Prints: issuing every certificate (``pelatihan.services.sertifikat_terbitkan``:
queries and time), rendering the batch (``pelatihan.cetak_sertifikat`` run eagerly, as without a
broker): time, pages per second and the PDF's size; and one participant's certificate (the download).
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
tmp = tempfile.TemporaryDirectory(prefix="bench_sertifikat_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{tmp.name}/media"
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "True")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.pop("CELERY_BROKER_URL", None)  # the task runs eagerly, in this process

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from pelatihan import services  # noqa: E402
from pelatihan.cetak import sertifikat_pdf  # noqa: E402
from pelatihan.models import CetakSertifikat, Diklat, Instansi, Kehadiran, Peserta, SesiDiklat, StatusDiklat  # noqa: E402
from wilayah.models import Kelurahan, Lingkup  # noqa: E402

N_PESERTA = int(os.environ.get("BENCH_PESERTA", 300))
MULAI = dt.date(2025, 5, 26)


def bangun() -> tuple:
    call_command("migrate", verbosity=0)
    call_command("muat_wilayah", verbosity=0)
    user = get_user_model().objects.create_user("bench_bappeda", password="x")
    user.groups.add(Group.objects.get(name="Bappeda"))
    Lingkup.objects.create(user=user, tingkat="kota")
    kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("kode"))
    penyelenggara = Instansi.objects.order_by("pk").first()
    with transaction.atomic():
        diklat = Diklat.objects.create(
            judul="Diklat Peningkatan Kapasitas Kader Pemberdayaan Masyarakat", jenis="diklat", penyelenggara=penyelenggara,
            sasaran="KPM", kuota=5000, status=StatusDiklat.TERLAKSANA, ttd_nama="Drs. Agus Salim", ttd_jabatan="Kepala BKPSDM",
            ttd_nip="197001011990031001", tanggal_mulai=MULAI, tanggal_selesai=MULAI + dt.timedelta(days=2),
        )
        diklat.penyelenggara_lain.add(*Instansi.objects.exclude(pk=penyelenggara.pk)[:2])
        sesi = SesiDiklat.objects.create(diklat=diklat, tempat="Aula DKPPP Kota Probolinggo", tanggal_mulai=MULAI, tanggal_selesai=MULAI + dt.timedelta(days=2))
        peserta = []
        for i in range(N_PESERTA):
            kel = kelurahan[i % len(kelurahan)]
            p = Peserta(diklat=diklat, sesi=sesi, nama=f"Peserta Bench {i + 1:04d}", jabatan="Kader Pemberdayaan Masyarakat",
                        kecamatan=kel.kecamatan, kelurahan=kel)
            p.kunci_orang = p.hitung_kunci_orang()
            peserta.append(p)
        Peserta.objects.bulk_create(peserta, batch_size=1000)
        Kehadiran.objects.bulk_create(
            [Kehadiran(peserta=p, tanggal=t) for p in Peserta.objects.filter(diklat=diklat) for t in sesi.hari()], batch_size=5000
        )
    return user, diklat


def main():
    user, diklat = bangun()
    print(f"Database: {connection.vendor}; a diklat of 3 days, {N_PESERTA} participants who completed it", flush=True)

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        baru = services.sertifikat_terbitkan(acting_user=user, diklat=diklat)
        terbit = time.perf_counter() - t
    print(f"{'issue certificates (sertifikat_terbitkan)':44} {len(baru):5d} certificates  {len(ctx):5d} queries  {terbit * 1000:9.1f} ms", flush=True)
    t = time.perf_counter()
    assert services.sertifikat_terbitkan(acting_user=user, diklat=diklat) == []
    print(f"{'issue again (nothing new: idempotent)':44} {'':34} {(time.perf_counter() - t) * 1000:9.1f} ms", flush=True)

    t = time.perf_counter()
    job = services.cetak_mulai(acting_user=user, diklat=diklat)  # outside a transaction: queued (eagerly run) at once
    cetak = time.perf_counter() - t
    job = CetakSertifikat.objects.get(pk=job.pk)
    assert job.status == "selesai", (job.status, job.pesan)
    ukuran = job.berkas.size
    print(f"{'render the batch PDF (task, eager)':44} {job.jumlah:5d} pages  {cetak:9.2f} s   {job.jumlah / cetak:7.1f} pages/s   "
          f"{ukuran / 1024 / 1024:6.2f} MB ({ukuran / job.jumlah / 1024:.1f} KB a page)", flush=True)

    satu = Peserta.objects.bersertifikat().select_related("sesi", "kecamatan", "kelurahan").first()
    terbaik = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        sertifikat_pdf(diklat, [satu])
        terbaik = min(terbaik, time.perf_counter() - t)
    print(f"{'one certificate (the download), best of 5':44} {'':34} {terbaik * 1000:9.1f} ms", flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        tmp.cleanup()
