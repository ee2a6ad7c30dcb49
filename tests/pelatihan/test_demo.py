"""The pelatihan demo (seeds 000 and 001, an upcoming diklat): its counts, made once."""

import datetime as dt

import pytest
from django.utils import timezone

from lkk import demo as demo_lkk
from pelatihan import demo
from pelatihan.models import Diklat, Kehadiran, Materi, Peserta, RencanaTindakLanjut, StatusDiklat
from pelatihan.ringkasan import ringkasan_bulanan
from wilayah import demo as demo_wilayah
from wisata import demo as demo_wisata

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def dimuat():
    demo_wilayah.muat_demo()
    demo_lkk.muat_demo()
    demo_wisata.muat_demo()
    demo.muat_demo()


def test_demo_dibuat_sekali(dimuat):
    jumlah = (Diklat.objects.count(), Peserta.objects.count(), Kehadiran.objects.count(), RencanaTindakLanjut.objects.count())
    demo.muat_demo()
    assert (Diklat.objects.count(), Peserta.objects.count(), Kehadiran.objects.count(), RencanaTindakLanjut.objects.count()) == jumlah
    assert jumlah[0] == 3


def test_diklat_000(dimuat):
    d = Diklat.objects.get(judul=demo.JUDUL_000)
    assert d.penyelenggara.singkatan == "BKPSDM" and (d.tanggal_mulai, d.tanggal_selesai) == (dt.date(2025, 5, 26), dt.date(2025, 5, 28))
    assert d.sesi_set.get().tempat.startswith("Aula Dinas Ketahanan Pangan")
    peserta = Peserta.objects.filter(diklat=d)
    assert peserta.count() == 34 and peserta.filter(kelurahan__isnull=True).count() == 5
    assert list(Materi.objects.filter(sesi__diklat=d).values_list("judul", flat=True)) == [m[0] for m in demo.MATERI_000]
    assert set(Materi.objects.filter(sesi__diklat=d).values_list("narasumber__instansi__singkatan", flat=True)) == {"BPSDM Jatim", "Komisi II DPRD", "DKUP", "Dispopar"}
    assert Kehadiran.objects.filter(peserta__diklat=d).count() == 34 * 3
    lulus = peserta.dengan_kehadiran().filter(lulus=True)
    assert lulus.count() == 31
    # certificates for exactly those who completed, numbered 1..31
    assert set(peserta.bersertifikat().values_list("pk", flat=True)) == set(lulus.values_list("pk", flat=True))
    assert sorted(peserta.bersertifikat().values_list("nomor_urut_sertifikat", flat=True)) == list(range(1, 32))


def test_komitmen_000(dimuat):
    hari_ini = timezone.localdate()
    rtl = RencanaTindakLanjut.objects.filter(peserta__diklat__judul=demo.JUDUL_000)
    destinasi = rtl.filter(jenis="destinasi")
    assert destinasi.count() == 29 and rtl.filter(jenis="kader").count() == 3
    tertaut = destinasi.filter(destinasi__isnull=False)
    assert tertaut.count() >= 5 and not tertaut.filter(selesai_pada__isnull=True).exists()
    assert all(r.destinasi.kelurahan_id == r.kelurahan_id and r.destinasi.rw_id == r.rw_id for r in tertaut)
    assert rtl.terlambat(hari_ini).count() >= 5 and rtl.terbuka(hari_ini).exclude(pk__in=rtl.terlambat(hari_ini)).exists()
    kw = destinasi.get(kelurahan__kode=demo.DEMO_KELURAHAN)
    assert kw.rw.nomor == 3 and kw.selesai_pada is None and kw.tenggat > hari_ini
    # the monthly figures of the diklat's month tell the story
    mei = ringkasan_bulanan(2025, 5, hari_ini=hari_ini)
    assert sum(r.peserta for r in mei.values()) == 29 and sum(r.rencana for r in mei.values()) == 32


def test_diklat_001_dan_mendatang(dimuat):
    d = Diklat.objects.get(judul=demo.JUDUL_001)
    assert d.tanggal_mulai == dt.date(2025, 8, 7) and d.sesi_set.get().tempat == "Bale Hinggil" and d.kelurahan.kode == demo.DEMO_KELURAHAN
    peserta = Peserta.objects.filter(diklat=d)
    assert peserta.filter(pengurus__isnull=False).count() >= 5 and peserta.filter(nama="Abdul Hafid").exists()
    assert peserta.dengan_kehadiran().filter(lulus=True).count() == peserta.count()
    mendatang = Diklat.objects.get(judul=demo.JUDUL_MENDATANG)
    assert mendatang.status == StatusDiklat.PENDAFTARAN and mendatang.tanggal_mulai > timezone.localdate()
