"""Large imports run as a Celery task with a progress bar; small ones stay in the request.

The task is the same code eagerly (no broker) and on a real worker (Redis); the job row is locked
and finished in the import's transaction, so a run killed half-way leaves nothing and the next run
completes it once."""

import datetime
import io

import openpyxl
import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import RWFactory
from tests.wisata.factories import kategori
from wilayah import impor
from wilayah.impor import kemajuan_tugas, kerjakan_impor_latar, nilai_pratinjau
from wilayah.models import ImporLatar
from wilayah.tasks import impor_latar
from wisata.models import Event

KOLOM = ["nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "status"]
URL = "wisata:event-impor"


def xlsx(rows, *, kosong_setelah: int | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(KOLOM)
    for i, row in enumerate(rows, 1):
        ws.append(row)
        if kosong_setelah == i:
            ws.append([])  # a blank row in the sheet: the rows below keep their Excel numbers
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris(i: int, *, tanggal="28/03/2025"):
    return [f"Event {i}", "35.74.04.1004", 1, "Kuliner", datetime.datetime(2025, 3, 1 + i % 27), tanggal, "ya", "terlaksana"]


@pytest.fixture
def latar(monkeypatch):
    """Files of more than 3 rows go to the background (3 000 rows would only make the test slow)."""
    monkeypatch.setattr(impor, "BARIS_LATAR", 3)


@pytest.fixture
def rw1(dua_wilayah):
    kategori("kuliner")  # seeded by a migration, but a transactional test run before may have emptied it
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)


def _unggah(client, isi: bytes):
    return client.post(reverse(URL), {"berkas": SimpleUploadedFile("event.xlsx", isi)})


@pytest.mark.django_db
def test_berkas_besar_diperiksa_dan_disimpan_lewat_tugas_dengan_halaman_kemajuan(client, operator_a, rw1, latar):
    client.force_login(operator_a)
    response = _unggah(client, xlsx([baris(i) for i in range(1, 7)]))
    assert response.status_code == 302 and "?proses=" in response.url
    job = ImporLatar.objects.get()
    assert (job.pemilik, job.tahap, job.status, job.jumlah_baris) == (operator_a, "periksa", "selesai", 6)
    assert not Event.objects.exists(), "pemeriksaan tidak menulis apa pun"

    response = client.get(response.url)
    assert response.status_code == 200
    assert "Semua baris benar" in response.content.decode()
    token = response.context["token"]
    assert token == job.token

    response = client.post(reverse(URL), {"token": token})
    assert response.status_code == 302 and "?proses=" in response.url
    simpan = ImporLatar.objects.get(tahap="simpan")
    assert simpan.status == "selesai" and simpan.hasil["baru"] == 6
    response = client.get(response.url)
    assert response.status_code == 302 and "?proses" not in response.url
    assert Event.objects.count() == 6


@pytest.mark.django_db
def test_berkas_kecil_tetap_di_permintaan_tanpa_tugas(client, operator_a, rw1, latar):
    client.force_login(operator_a)
    response = _unggah(client, xlsx([baris(1), baris(2)]))
    assert response.status_code == 200 and "Semua baris benar" in response.content.decode()
    assert not ImporLatar.objects.exists()


@pytest.mark.django_db
def test_halaman_kemajuan_selama_tugas_berjalan(client, operator_a, rw1, monkeypatch):
    job = ImporLatar.objects.create(
        pemilik=operator_a, jenis_data="wisata.Event", resource="wisata.resources.EventResource", tahap="periksa",
        token="a" * 32, jumlah_baris=8000, task_id="tugas-1",
    )  # fmt: skip
    monkeypatch.setattr(impor, "kemajuan_tugas", lambda task_id: 2000 if task_id == "tugas-1" else 0)
    client.force_login(operator_a)
    response = client.get(reverse(URL), {"proses": job.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "js/impor_proses.js" in body and 'http-equiv="refresh"' not in body, "the script asks; no timed refresh"
    assert 'aria-valuenow="25"' in body and "2.000</span> dari 8.000 baris" in body
    assert "no-cache" in response["Cache-Control"]
    assert f'?proses={job.pk}"' in body, "a link refreshes the page without JavaScript"

    kemajuan = client.get(reverse(URL), {"proses": job.pk, "kemajuan": 1})
    assert kemajuan.json() == {"selesai": False, "diproses": 2000, "jumlah": 8000, "persen": 25}
    assert "no-cache" in kemajuan["Cache-Control"]
    ImporLatar.objects.filter(pk=job.pk).update(status="selesai", hasil={"galat_berkas": []})
    assert client.get(reverse(URL), {"proses": job.pk, "kemajuan": 1}).json()["selesai"] is True


@pytest.mark.django_db
def test_proses_milik_pengguna_lain_tidak_dibuka(client, operator_a, camat_a, rw1):
    job = ImporLatar.objects.create(
        pemilik=camat_a, jenis_data="wisata.Event", resource="wisata.resources.EventResource", tahap="periksa", token="b" * 32, jumlah_baris=5
    )
    client.force_login(operator_a)
    response = client.get(reverse(URL), {"proses": job.pk}, follow=True)
    assert "tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_kemajuan_dibaca_dari_backend_hasil(monkeypatch):
    class Hasil:
        def __init__(self, task_id):
            self.info = {"diproses": 750} if task_id == "x" else RuntimeError("gagal")

    monkeypatch.setattr("celery.result.AsyncResult", Hasil)
    assert kemajuan_tugas("x") == 750
    assert kemajuan_tugas("y") == 0, "hasil tugas yang bukan kemajuan (mis. galat) dibaca 0"
    assert kemajuan_tugas("") == 0


def _job_simpan(client, operator_a, jumlah=6):
    client.force_login(operator_a)
    response = _unggah(client, xlsx([baris(i) for i in range(1, jumlah + 1)]))
    token = client.get(response.url).context["token"]
    job = ImporLatar.objects.create(
        pemilik=operator_a, jenis_data="wisata.Event", resource="wisata.resources.EventResource", tahap="simpan", token=token, jumlah_baris=jumlah
    )
    return job


@pytest.mark.django_db
def test_tugas_dijalankan_dua_kali_tidak_menggandakan(client, operator_a, rw1, latar):
    job = _job_simpan(client, operator_a)
    assert kerjakan_impor_latar(job.pk) == "selesai"
    assert kerjakan_impor_latar(job.pk) == "selesai", "pengiriman kedua menemukan tugas sudah selesai"
    assert Event.objects.count() == 6


@pytest.mark.django_db
def test_pekerja_mati_di_tengah_tidak_meninggalkan_separuh_data_lalu_diulang_lengkap(client, operator_a, rw1, latar, monkeypatch):
    monkeypatch.setattr(impor, "LANGKAH_KEMAJUAN", 2)
    job = _job_simpan(client, operator_a)

    def mati(diproses):
        if diproses >= 4:
            raise SystemExit("SIGKILL")  # the process ends here: nothing after this line runs

    with pytest.raises(SystemExit):
        kerjakan_impor_latar(job.pk, kemajuan=mati)
    job.refresh_from_db()
    assert job.status == "menunggu" and not Event.objects.exists(), "tidak ada separuh impor"
    assert kerjakan_impor_latar(job.pk) == "selesai"
    assert Event.objects.count() == 6


@pytest.mark.django_db
def test_galat_sistem_di_tugas_ditampilkan_bukan_kemajuan_selamanya(client, operator_a, rw1, latar, monkeypatch):
    job = _job_simpan(client, operator_a)

    def rusak(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(impor, "jalankan_impor", rusak)
    assert impor_latar.delay(job.pk).get() == "gagal"
    job.refresh_from_db()
    assert job.status == "gagal"
    response = client.get(reverse(URL), {"proses": job.pk})
    body = response.content.decode()
    assert "kesalahan sistem" in body and "impor_proses.js" not in body
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_nomor_baris_galat_sesuai_excel_walau_ada_baris_kosong(client, operator_a, rw1):
    client.force_login(operator_a)
    # Data rows on Excel rows 2, 3, (4 blank), 5, 6: the bad row is Excel row 6.
    isi = xlsx([baris(1), baris(2), baris(3), baris(4, tanggal="31/02/2025")], kosong_setelah=2)
    response = _unggah(client, isi)
    galat = response.context["hasil"].galat
    assert [g.baris for g in galat] == [6], galat


@pytest.mark.django_db
def test_nomor_baris_galat_sesuai_excel_di_tugas_latar(client, operator_a, rw1, latar):
    client.force_login(operator_a)
    isi = xlsx([baris(1), baris(2), baris(3), baris(4), baris(5, tanggal="31/02/2025")], kosong_setelah=1)
    response = client.get(_unggah(client, isi).url)
    assert [g.baris for g in response.context["hasil"].galat] == [7]


@pytest.mark.django_db
def test_pratinjau_menampilkan_tanggal_seperti_diketik(client, operator_a, rw1):
    client.force_login(operator_a)
    response = _unggah(client, xlsx([baris(25)]))
    body = response.content.decode()
    assert "26 Maret 2025" in body and "00.00" not in body and "2025-03-26" not in body


def test_nilai_pratinjau():
    assert nilai_pratinjau(datetime.datetime(2025, 5, 26)) == "26 Mei 2025"
    assert nilai_pratinjau(datetime.date(2025, 8, 17)) == "17 Agustus 2025"
    assert nilai_pratinjau(datetime.datetime(2025, 8, 17, 8, 30)) == "17 Agustus 2025 08.30"
    assert nilai_pratinjau(3.0) == "3"
    assert nilai_pratinjau(None) == ""
    assert nilai_pratinjau("081234567890") == "081234567890"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_pekerja_nyata_di_redis_menjalankan_impor_besar(client, operator_a, rw1, latar, celery_redis, monkeypatch):
    dikirim = []
    kirim = impor_latar.apply_async

    def catat(*args, **kwargs):
        dikirim.append(kirim(*args, **kwargs))
        return dikirim[-1]

    monkeypatch.setattr(impor_latar, "apply_async", catat)
    client.force_login(operator_a)
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = _unggah(client, xlsx([baris(i) for i in range(1, 7)]))
        assert len(dikirim) == 1, "tugas dikirim ke broker"
        assert dikirim[0].get(timeout=30) == "selesai"
    job = ImporLatar.objects.get()
    assert job.task_id == dikirim[0].id and job.status == "selesai"
    response = client.get(response.url)
    assert "Semua baris benar" in response.content.decode(), job.hasil
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_pesan_baris_ganda_menyebut_nomor_baris_excel(client, operator_a, rw1):
    client.force_login(operator_a)
    # Excel rows: 2 = Event 1, 3 = Event 2, 4 blank, 5 = Event 1 again.
    response = _unggah(client, xlsx([baris(1), baris(2), baris(1)], kosong_setelah=2))
    galat = response.context["hasil"].galat
    assert [g.baris for g in galat] == [5]
    assert "baris 2" in galat[0].pesan, galat[0].pesan
