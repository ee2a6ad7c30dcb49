"""Benchmark: importing 10,000 cadre rows from xlsx (preview + confirm) against a plain bulk_create
of the same rows, and listing 100,000 cadres city-wide.

Run:  .venv/bin/python benchmarks/kader_impor.py
It builds a throwaway SQLite database in a temporary folder (removed afterwards); set
BENCH_DATABASE_URL to run it on another (empty, throwaway) database instead, e.g.
BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_kader (the database must exist and be empty).
Optional: BENCH_IMPOR_BARIS (default 10000), BENCH_DAFTAR_KADER (default 100000), BENCH_ULANG (default 3):
every import figure is the median of that many runs, each from the same starting state (one run swings
with the garbage collector and a shared machine; the plain bulk_create as much as the import).

Prints, for the same rows in the same run:
- plain bulk_create of the Kader rows (no validation, no history, no M2M): seconds;
- writing alone (rows + history rows + fields of work), by django-simple-history's
  bulk_create_with_history and by the import's door kader.services.kader_tambah_massal;
- the import's preview (read xlsx, check every row, dry run) and confirm (read, check, write
  with history rows and fields of work): seconds each, their sum, and the ratio to bulk_create;
- the same file uploaded a second time (every row skipped, nothing written), and a file changing
  every row's phone (every row updated, one history row each): preview + confirm, ratio to bulk_create;
- the cadre list page as Bappeda (city-wide) with 100,000 cadres: queries and time for the first
  page, a deep page, and a filtered + sorted page (best of 5).
"""

import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
tmp = tempfile.TemporaryDirectory(prefix="bench_kader_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "False")
os.environ["MEDIA_ROOT"] = f"{tmp.name}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402

from simple_history.utils import bulk_create_with_history  # noqa: E402

from kader import services  # noqa: E402
from kader.models import BidangKerja, Kader  # noqa: E402
from kader.resources import KOLOM, KaderResource  # noqa: E402
from wilayah.impor import baca_berkas, berkas_dari_bytes, berkas_ke_bytes, jalankan_impor_berkas  # noqa: E402
from wilayah.models import RW, Kelurahan, Lingkup  # noqa: E402
from wilayah.roles import BAPPEDA  # noqa: E402
from wilayah.scoping import Tingkat  # noqa: E402

N_IMPOR = int(os.environ.get("BENCH_IMPOR_BARIS", 10_000))
N_DAFTAR = int(os.environ.get("BENCH_DAFTAR_KADER", 100_000))
N_ULANG = int(os.environ.get("BENCH_ULANG", 3))
HEADERS = [k.kunci for k in KOLOM]


def nik(kecamatan_kode, lahir, jk, urut):
    hari = lahir.day + (40 if jk == "P" else 0)
    return f"{kecamatan_kode.replace('.', '')}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut % 10000:04d}"


def siapkan():
    call_command("migrate", verbosity=0)
    call_command("muat_wilayah", verbosity=0)
    kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("kode"))
    RW.objects.bulk_create([RW(kelurahan=k, nomor=n) for k in kelurahan for n in range(1, 11)])
    user = get_user_model().objects.create_user("bench_bappeda", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=BAPPEDA))
    Lingkup.objects.create(user=user, tingkat=Tingkat.KOTA)
    return kelurahan, user


def baris_impor(kelurahan, n):
    rows = []
    for i in range(n):
        kel = kelurahan[i % len(kelurahan)]
        lahir = dt.date(1960 + i % 40, i % 12 + 1, i % 28 + 1)
        jk = "P" if i % 2 else "L"
        rows.append(
            {
                "nik": nik(kel.kecamatan.kode, lahir, jk, i),
                "nama": f"Kader Impor {i:05d}",
                "jenis_kelamin": jk,
                "tempat_lahir": "Probolinggo",
                "tanggal_lahir": lahir.strftime("%d/%m/%Y"),
                "alamat": f"Jl. Benchmark {i}",
                "kelurahan": kel.kode,
                "nomor_rw": i % 10 + 1,
                "telepon": "081234567890",
                "pendidikan": "SMA",
                "pekerjaan": "Wiraswasta",
                "bidang_kerja": "Ekonomi, Sosial",
                "peran": "Penggerak, Perencana",
                "tanggal_mulai": "02/01/2024",
                "nomor_sk": f"188/{i}/2024",
                "tanggal_sk": "02/01/2024",
                "konfirmasi_nik_luar_wilayah": "",
            }
        )
    return rows


def ke_xlsx(rows) -> bytes:
    """The rows as Excel and LibreOffice save them: text in the shared-strings table (openpyxl's
    write-only mode writes every text inline, which no spreadsheet program does, and costs the reader
    two more XML elements per text cell)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append([r[h] for h in HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def objek_polos(rows, kelurahan_per_kode, rw_per):
    objs = []
    for r in rows:
        kel_id = kelurahan_per_kode[r["kelurahan"]]
        objs.append(
            Kader(
                nik=r["nik"], nama=r["nama"], jenis_kelamin=r["jenis_kelamin"], tempat_lahir=r["tempat_lahir"],
                tanggal_lahir=dt.datetime.strptime(r["tanggal_lahir"], "%d/%m/%Y").date(), alamat=r["alamat"],
                kelurahan_id=kel_id, rw_id=rw_per[(kel_id, r["nomor_rw"])], telepon=r["telepon"], pendidikan="sma",
                pekerjaan=r["pekerjaan"], peran=",penggerak,perencana,", tanggal_mulai=dt.date(2024, 1, 2),
                nomor_sk=r["nomor_sk"], tanggal_sk=dt.date(2024, 1, 2),
            )
        )  # fmt: skip
    return objs


def kosongkan():
    """Empty the cadre tables without per-row delete signals (no history rows for the clean-up)."""
    for qs in (Kader.bidang_kerja.through.objects.all(), Kader.history.all(), Kader.objects.all()):
        qs._raw_delete(qs.db)


def pratinjau_dan_konfirmasi(data: bytes, user):
    """As the view does: the preview parses the workbook, checks every row and keeps the parsed rows
    (JSON) for the confirm, which checks again and writes. Returns both results, the two times and the
    confirm's query count."""
    t0 = time.perf_counter()
    berkas = baca_berkas(data, nama_lembar=str(KaderResource.nama_lembar))
    pratinjau = jalankan_impor_berkas(KaderResource(user=user), berkas, dry_run=True)
    simpanan = berkas_ke_bytes(berkas)
    t_preview = time.perf_counter() - t0
    assert not pratinjau.ada_galat, pratinjau.galat[:5] + pratinjau.galat_berkas
    with CaptureQueriesContext(connection) as q:
        t0 = time.perf_counter()
        konfirmasi = jalankan_impor_berkas(KaderResource(user=user), berkas_dari_bytes(simpanan), dry_run=False)
        t_confirm = time.perf_counter() - t0
    assert not konfirmasi.ada_galat, konfirmasi.galat[:5] + konfirmasi.galat_berkas
    return pratinjau, konfirmasi, t_preview, t_confirm, len(q)


def median(ukur):
    """The median of ``N_ULANG`` runs of ``ukur()`` (each returns a tuple whose first item is its seconds)."""
    hasil = sorted((ukur() for _ in range(N_ULANG)), key=lambda h: h[0])
    return hasil[(len(hasil) - 1) // 2]


def ukur_impor(kelurahan, user):
    rows = baris_impor(kelurahan, N_IMPOR)
    data = ke_xlsx(rows)
    kel_per_kode = {k.kode: k.pk for k in kelurahan}
    rw_per = {(kel, nomor): pk for pk, kel, nomor in RW.objects.values_list("pk", "kelurahan_id", "nomor")}
    bidang = list(BidangKerja.objects.filter(nama__in=["Ekonomi", "Sosial"]).values_list("pk", flat=True))

    def bulk_polos():
        objs = objek_polos(rows, kel_per_kode, rw_per)
        t0 = time.perf_counter()
        with transaction.atomic():
            Kader.objects.bulk_create(objs, batch_size=1000)
        t = time.perf_counter() - t0
        assert Kader.objects.count() == N_IMPOR
        kosongkan()
        return (t,)

    # What the confirm must write whatever the checks cost: the rows, their history rows, their fields of work.
    def tulis_simple_history():
        objs = objek_polos(rows, kel_per_kode, rw_per)
        t0 = time.perf_counter()
        with transaction.atomic():
            simpan = bulk_create_with_history(objs, Kader, batch_size=1000, default_user=user)
            through = Kader.bidang_kerja.through
            through.objects.bulk_create([through(kader_id=o.pk, bidangkerja_id=b) for o in simpan for b in bidang], batch_size=1000)
        t = time.perf_counter() - t0
        kosongkan()
        return (t,)

    def tulis_layanan():
        objs = objek_polos(rows, kel_per_kode, rw_per)
        t0 = time.perf_counter()
        with transaction.atomic():
            services.kader_tambah_massal(acting_user=user, kader_list=objs, bidang_kerja=[bidang] * len(objs))
        t = time.perf_counter() - t0
        assert Kader.history.count() == N_IMPOR and Kader.bidang_kerja.through.objects.count() == 2 * N_IMPOR
        kosongkan()
        return (t,)

    (t_bulk,) = median(bulk_polos)
    (t_tulis_sh,) = median(tulis_simple_history)
    (t_tulis,) = median(tulis_layanan)

    def rasio(t):
        return f"= {t / t_bulk:.2f} x bulk_create"

    print(f"Impor {N_IMPOR:,} baris xlsx ({len(data) / 1e6:.1f} MB), database {connection.vendor}, median dari {N_ULANG} kali")
    print(f"  bulk_create polos (tanpa validasi/riwayat/M2M): {t_bulk:7.2f} s")
    print("  tulis saja: baris + riwayat + bidang kerja")
    print(f"    bulk_create_with_history + M2M bulk_create:  {t_tulis_sh:7.2f} s   {rasio(t_tulis_sh)}")
    print(f"    services.kader_tambah_massal (pintu impor):  {t_tulis:7.2f} s   {rasio(t_tulis)} (batas bawah konfirmasi)")

    # First upload: every row new (from empty tables each run; the last run's cadres stay for what follows).
    def pertama():
        kosongkan()
        pratinjau, konfirmasi, t_preview, t_confirm, kueri = pratinjau_dan_konfirmasi(data, user)
        assert pratinjau.baru == konfirmasi.baru == N_IMPOR
        assert Kader.objects.count() == Kader.history.count() == N_IMPOR
        assert Kader.bidang_kerja.through.objects.count() == 2 * N_IMPOR
        return t_preview + t_confirm, t_preview, t_confirm, kueri

    total, t_preview, t_confirm, kueri = median(pertama)
    print(f"  unggah pertama ({N_IMPOR:,} baru):")
    print(f"    pratinjau (baca xlsx + periksa + dry run):   {t_preview:7.2f} s")
    print(f"    konfirmasi (baca JSON + periksa + tulis):    {t_confirm:7.2f} s   ({kueri} kueri)")
    print(f"    pratinjau + konfirmasi:                      {total:7.2f} s   {rasio(total)} (target <= 3)")
    t_baca = median(lambda: (_waktu(lambda: baca_berkas(data)),))[0]
    print(f"    dari situ membaca xlsx sekali (wilayah.impor.baca_berkas): {t_baca:.2f} s; tanpa itu {total - t_baca:.2f} s {rasio(total - t_baca)}")

    # Second upload of the same file: every row skipped, nothing written.
    riwayat = Kader.history.count()

    def kedua():
        pratinjau, konfirmasi, t_preview, t_confirm, kueri = pratinjau_dan_konfirmasi(data, user)
        assert pratinjau.dilewati == konfirmasi.dilewati == N_IMPOR and konfirmasi.baru == konfirmasi.diperbarui == 0
        assert Kader.objects.count() == N_IMPOR and Kader.history.count() == riwayat
        return t_preview + t_confirm, t_preview, t_confirm, kueri

    total, t_preview, t_confirm, kueri = median(kedua)
    print(f"  unggah kedua berkas yang sama ({N_IMPOR:,} dilewati, tidak ada yang ditulis):")
    print(f"    pratinjau {t_preview:.2f} s + konfirmasi {t_confirm:.2f} s ({kueri} kueri) = {total:5.2f} s   {rasio(total)}")

    # Every row's phone changed: every row updated, one history row each (runs alternate two phones).
    berkas_telepon = {}
    for telepon in ("085712345678", rows[0]["telepon"]):
        berkas_telepon[telepon] = ke_xlsx([r | {"telepon": telepon} for r in rows])
    urutan = iter(list(berkas_telepon.items()) * N_ULANG)

    def ubah():
        telepon, berkas = next(urutan)
        sebelum = Kader.history.count()
        pratinjau, konfirmasi, t_preview, t_confirm, kueri = pratinjau_dan_konfirmasi(berkas, user)
        assert pratinjau.diperbarui == konfirmasi.diperbarui == N_IMPOR and konfirmasi.baru == 0
        assert Kader.history.count() == sebelum + N_IMPOR and not Kader.objects.exclude(telepon=telepon).exists()
        return t_preview + t_confirm, t_preview, t_confirm, kueri

    total, t_preview, t_confirm, kueri = median(ubah)
    print(f"  telepon setiap baris diubah ({N_IMPOR:,} diperbarui, satu baris riwayat per kader):")
    print(f"    pratinjau {t_preview:.2f} s + konfirmasi {t_confirm:.2f} s ({kueri} kueri) = {total:5.2f} s   {rasio(total)}")
    kosongkan()


def _waktu(fungsi) -> float:
    t0 = time.perf_counter()
    fungsi()
    return time.perf_counter() - t0


def ukur_daftar(kelurahan, user):
    ekonomi = BidangKerja.objects.get(nama="Ekonomi")
    t0 = time.perf_counter()
    rw_per_kel = {}
    for rw in RW.objects.all():
        rw_per_kel.setdefault(rw.kelurahan_id, []).append(rw.pk)
    with transaction.atomic():
        for start in range(0, N_DAFTAR, 10_000):
            objs = []
            for i in range(start, min(N_DAFTAR, start + 10_000)):
                kel = kelurahan[i % len(kelurahan)]
                lahir = dt.date(1960 + i % 40, i % 12 + 1, i % 28 + 1)
                jk = "P" if i % 2 else "L"
                objs.append(
                    Kader(
                        nik=nik(kel.kecamatan.kode, lahir, jk, i // 7), nama=f"Kader {i:06d}", jenis_kelamin=jk, tempat_lahir="Probolinggo",
                        tanggal_lahir=lahir, alamat="Jl. Daftar", kelurahan_id=kel.pk, rw_id=rw_per_kel[kel.pk][i % 10],
                        tanggal_mulai=dt.date(2023, 1, 2), peran=",penggerak," if i % 3 else ",pelopor,",
                        status="aktif" if i % 10 else "nonaktif", alasan_nonaktif="" if i % 10 else "Pindah",
                        tanggal_nonaktif=None if i % 10 else dt.date(2024, 1, 1),
                    )
                )  # fmt: skip
            objs = Kader.objects.bulk_create(objs, batch_size=2000)
            through = Kader.bidang_kerja.through
            through.objects.bulk_create([through(kader_id=o.pk, bidangkerja_id=ekonomi.pk) for o in objs if o.pk % 2], batch_size=2000)
    print(f"\nDaftar kader se-kota: {Kader.objects.count():,} kader dibuat dalam {time.perf_counter() - t0:.1f} s")

    setup_test_environment()
    # Production settings (DEBUG=False) but without the collectstatic manifest, which a bench has not built.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    override_settings(STORAGES=storages).enable()
    client = Client()
    client.force_login(user)
    halaman_akhir = (Kader.objects.count() + 49) // 50
    for judul, url in [
        ("halaman 1", "/kader/daftar/"),
        (f"halaman {halaman_akhir // 2:,}", f"/kader/daftar/?page={halaman_akhir // 2}"),
        ("saring aktif+pelopor+bidang, urut mulai", f"/kader/daftar/?status=aktif&peran=pelopor&bidang={ekonomi.pk}&urut=-tanggal_mulai"),
        ("cari nama", "/kader/daftar/?q=Kader+0999"),
    ]:
        waktu = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as q:
                t0 = time.perf_counter()
                response = client.get(url, secure=True)
                waktu.append(time.perf_counter() - t0)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {judul:45s} {len(q):3d} kueri, terbaik {min(waktu) * 1000:7.1f} ms, median {sorted(waktu)[2] * 1000:7.1f} ms")


def main():
    kelurahan, user = siapkan()
    ukur_impor(kelurahan, user)
    ukur_daftar(kelurahan, user)


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        tmp.cleanup()
