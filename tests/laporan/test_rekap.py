"""The group step of a run: the city report's files after the kecamatan's, and no group report
while a kelurahan report of the run failed."""

import pytest

from laporan import services, tasks
from laporan.models import LaporanBulanan, ProsesLaporan, Sumber
from tests.laporan.test_tugas import BULAN, TAHUN, jalankan_eager
from wilayah.scoping import Tingkat


@pytest.mark.django_db
def test_berkas_kota_dibuat_sesudah_berkas_kecamatan(dua_wilayah, eager, monkeypatch):
    proses = services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber=Sumber.PERINTAH)
    for pk in services.angka_siapkan(proses.pk):
        services.berkas_buat(pk)
    dipanggil = []
    monkeypatch.setattr(tasks, "_lanjut", lambda ids, berikut: dipanggil.append((ids, berikut)))
    tasks.rekap.apply((proses.pk,))
    [(header, berikut)] = dipanggil
    kota = LaporanBulanan.objects.get(proses=proses, tingkat=Tingkat.KOTA)
    kecamatan = set(LaporanBulanan.objects.filter(proses=proses, tingkat=Tingkat.KECAMATAN).values_list("pk", flat=True))
    assert set(header) == kecamatan and kota.pk not in header  # the chord: the kecamatan files only
    langkah = [(t.task, t.args) for t in berikut.tasks]  # then, in order: the city file, the close
    assert langkah == [("laporan.berkas", (kota.pk,)), ("laporan.tutup", (proses.pk,))]


@pytest.mark.django_db
def test_tanpa_laporan_kecamatan_dan_kota_bila_laporan_kelurahan_gagal(dua_wilayah, eager, monkeypatch, django_capture_on_commit_callbacks):
    asli = services.berkas_buat
    gagal = dua_wilayah["kel_b"].pk

    def berkas_buat(laporan_id):
        if LaporanBulanan.objects.get(pk=laporan_id).kelurahan_id == gagal:
            raise ValueError("gambar rusak")
        return asli(laporan_id)

    monkeypatch.setattr(services, "berkas_buat", berkas_buat)
    proses = jalankan_eager(django_capture_on_commit_callbacks)
    assert proses.status == ProsesLaporan.Status.GAGAL
    assert not LaporanBulanan.objects.exclude(tingkat=Tingkat.KELURAHAN).exists(), "a city report from part of the city"

    monkeypatch.setattr(services, "berkas_buat", asli)
    proses = jalankan_eager(django_capture_on_commit_callbacks)
    assert proses.status == ProsesLaporan.Status.SELESAI
    assert LaporanBulanan.objects.filter(tingkat=Tingkat.KELURAHAN, kelurahan_id=gagal, status="selesai").count() == 1
    assert LaporanBulanan.objects.get(tingkat=Tingkat.KOTA).status == LaporanBulanan.Status.SELESAI
    assert LaporanBulanan.objects.filter(tingkat=Tingkat.KECAMATAN).count() == 2
