"""The batch: every issued certificate of a diklat as one PDF, made by a Celery task (eagerly without a
broker, and on a real worker on Redis), with a progress page only its owner opens."""

import io

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from pelatihan import services
from pelatihan.cetak import kode_tampil
from pelatihan.models import CetakSertifikat, Peserta, StatusCetak, StatusDiklat
from pelatihan.tasks import cetak_sertifikat
from tests.pelatihan.factories import diklat_di, lulus_di

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def diklat(dua_wilayah, bappeda):
    diklat = diklat_di(judul="Pelatihan Kapasitas Karang Taruna")
    lulus_di(diklat, dua_wilayah["kel_a"], 12)
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    return diklat


def _pdf(job) -> PdfReader:
    job.berkas.open("rb")
    try:
        return PdfReader(io.BytesIO(job.berkas.read()))
    finally:
        job.berkas.close()


def test_cetak_semua_satu_pdf_lewat_tugas(client, diklat, bappeda, django_capture_on_commit_callbacks):
    client.force_login(bappeda)
    with django_capture_on_commit_callbacks(execute=True) as antre:
        response = client.post(reverse("pelatihan:cetak-mulai", args=[diklat.pk]))
    assert len(antre) == 1  # queued once the job row is committed
    job = CetakSertifikat.objects.get()
    assert response.url == reverse("pelatihan:cetak-detail", args=[job.pk])
    assert (job.status, job.jumlah, job.selesai, job.pemilik, len(job.task_id)) == (StatusCetak.SELESAI, 12, 12, bappeda, 32)
    reader = _pdf(job)
    pertama = Peserta.objects.bersertifikat().order_by("nomor_urut_sertifikat").first()
    assert len(reader.pages) == 12
    teks = reader.pages[0].extract_text()
    assert pertama.nama in teks and pertama.nomor_sertifikat in teks and kode_tampil(pertama.kode_verifikasi) in teks
    halaman = client.get(response.url).content.decode()
    assert "12 dari 12 sertifikat dibuat (100%)" in halaman and reverse("pelatihan:cetak-unduh", args=[job.pk]) in halaman
    assert 'http-equiv="refresh"' not in halaman  # done: the page no longer refreshes itself
    unduh = client.get(reverse("pelatihan:cetak-unduh", args=[job.pk]))
    assert unduh.status_code == 200 and unduh["Content-Type"] == "application/pdf" and "attachment" in unduh["Content-Disposition"]
    assert b"".join(unduh.streaming_content).startswith(b"%PDF")


def test_kemajuan_ditulis_setiap_beberapa_halaman_dalam_update_sendiri(diklat, bappeda, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(services, "HALAMAN_PER_KEMAJUAN", 5)
    dicatat = []
    asli = services.CetakSertifikat.objects.filter

    def catat(*args, **kwargs):
        qs = asli(*args, **kwargs)
        if kwargs.get("status") == StatusCetak.BERJALAN:
            ubah = qs.update

            def update(**nilai):
                dicatat.append(nilai)
                return ubah(**nilai)

            qs.update = update
        return qs

    monkeypatch.setattr(services.CetakSertifikat.objects, "filter", catat)
    with django_capture_on_commit_callbacks(execute=True):
        services.cetak_mulai(acting_user=bappeda, diklat=diklat)
    assert dicatat == [{"selesai": 5}, {"selesai": 10}]
    assert CetakSertifikat.objects.get().status == StatusCetak.SELESAI


def test_halaman_kemajuan_menyegarkan_diri_selama_berjalan_dan_hanya_pemiliknya(client, diklat, bappeda, camat_a):
    job = CetakSertifikat.objects.create(diklat=diklat, pemilik=bappeda, status=StatusCetak.BERJALAN, jumlah=300, selesai=120)
    url = reverse("pelatihan:cetak-detail", args=[job.pk])
    client.force_login(bappeda)
    halaman = client.get(url)
    isi = halaman.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in isi and 'style="width: 40%"' in isi and "120 dari 300 sertifikat dibuat (40%)" in isi
    assert "no-cache" in halaman["Cache-Control"] and "<script>" not in isi
    assert client.get(reverse("pelatihan:cetak-unduh", args=[job.pk])).status_code == 404  # nothing to download yet
    other = CetakSertifikat.objects.create(diklat=diklat, pemilik=camat_a, status=StatusCetak.SELESAI, jumlah=1, selesai=1)
    assert client.get(reverse("pelatihan:cetak-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("pelatihan:cetak-unduh", args=[other.pk])).status_code == 404
    client.force_login(camat_a)
    assert client.get(url).status_code == 404


def test_galat_ditampilkan(client, diklat, bappeda):
    job = CetakSertifikat.objects.create(diklat=diklat, pemilik=bappeda, status=StatusCetak.GAGAL, jumlah=12, pesan="Pencetakan gagal karena kesalahan sistem.")
    client.force_login(bappeda)
    isi = client.get(reverse("pelatihan:cetak-detail", args=[job.pk])).content.decode()
    assert "Pencetakan gagal karena kesalahan sistem." in isi and "refresh" not in isi


def test_tugas_idempoten_dan_diulang_setelah_pekerja_mati(diklat, bappeda, monkeypatch):
    job = CetakSertifikat.objects.create(diklat=diklat, pemilik=bappeda, task_id="t1", jumlah=12)

    def mati(*args, **kwargs):
        raise SystemExit("pekerja dimatikan")  # not an Exception: the task does not mark it failed, as a SIGKILL would not

    with monkeypatch.context() as m:
        m.setattr("pelatihan.cetak.sertifikat_pdf", mati)
        with pytest.raises(SystemExit):
            cetak_sertifikat.apply(args=[job.pk], task_id="t1")
    job.refresh_from_db()
    assert job.status == StatusCetak.BERJALAN and not job.berkas  # unfinished, no file
    assert cetak_sertifikat.apply(args=[job.pk]).get() == StatusCetak.SELESAI  # the message delivered again: done
    job.refresh_from_db()
    nama = job.berkas.name
    assert len(_pdf(job).pages) == 12
    assert cetak_sertifikat.apply(args=[job.pk]).get() == StatusCetak.SELESAI  # a third delivery changes nothing
    job.refresh_from_db()
    assert job.berkas.name == nama


def test_galat_di_tugas_menandai_gagal(diklat, bappeda, monkeypatch):
    job = CetakSertifikat.objects.create(diklat=diklat, pemilik=bappeda, jumlah=12)

    def rusak(*args, **kwargs):
        raise RuntimeError("font hilang")

    monkeypatch.setattr("pelatihan.cetak.sertifikat_pdf", rusak)
    assert cetak_sertifikat.apply(args=[job.pk]).get() == "gagal"
    job.refresh_from_db()
    assert job.status == StatusCetak.GAGAL and "kesalahan sistem" in job.pesan and job.rampung


def test_cetak_tanpa_sertifikat_atau_bukan_penyelenggara_ditolak(client, dua_wilayah, bappeda, operator_a, walikota, diklat):
    kosong = diklat_di()
    with pytest.raises(ValidationError, match="Belum ada sertifikat"):
        services.cetak_mulai(acting_user=bappeda, diklat=kosong)
    batal = diklat_di(status=StatusDiklat.BATAL)
    with pytest.raises(ValidationError, match="dibatalkan"):
        services.cetak_mulai(acting_user=bappeda, diklat=batal)
    client.force_login(operator_a)
    assert client.post(reverse("pelatihan:cetak-mulai", args=[diklat.pk])).status_code == 404
    client.force_login(walikota)
    assert client.post(reverse("pelatihan:cetak-mulai", args=[diklat.pk])).status_code == 403
    assert not CetakSertifikat.objects.exists()


def test_broker_mati_menandai_gagal(diklat, bappeda, monkeypatch, django_capture_on_commit_callbacks):
    def tolak(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(cetak_sertifikat, "apply_async", tolak)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.cetak_mulai(acting_user=bappeda, diklat=diklat)
    job.refresh_from_db()
    assert job.status == StatusCetak.GAGAL and "broker" in job.pesan


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_pekerja_nyata_di_redis_mencetak(client, dua_wilayah, bappeda, celery_redis, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    diklat = diklat_di()
    lulus_di(diklat, dua_wilayah["kel_a"], 3)
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    dikirim = []
    kirim = cetak_sertifikat.apply_async

    def catat(*args, **kwargs):
        dikirim.append(kirim(*args, **kwargs))
        return dikirim[-1]

    monkeypatch.setattr(cetak_sertifikat, "apply_async", catat)
    client.force_login(bappeda)
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post(reverse("pelatihan:cetak-mulai", args=[diklat.pk]))
        assert len(dikirim) == 1, "tugas dikirim ke broker"
        assert dikirim[0].get(timeout=60) == StatusCetak.SELESAI
    job = CetakSertifikat.objects.get()
    assert job.task_id == dikirim[0].id and job.status == StatusCetak.SELESAI and job.selesai == 3
    assert len(_pdf(job).pages) == 3
    assert "3 dari 3 sertifikat dibuat" in client.get(response.url).content.decode()
