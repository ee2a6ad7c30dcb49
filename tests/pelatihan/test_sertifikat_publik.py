"""The public certificate check: a genuine code shows the name, the diklat, its dates and the number,
and nothing else; every failure is the same "not found" page (404) that reveals nothing."""

import pytest
from django.urls import reverse

from pelatihan.cetak import kode_tampil
from pelatihan.models import Peserta
from tests.pelatihan.factories import diklat_di, lulus_di, sertifikat_terbit

pytestmark = pytest.mark.django_db

KODE = "K7M2XQ9PRT4W"


@pytest.fixture
def sertifikat(dua_wilayah):
    diklat = diklat_di(judul="Pembinaan KPM Angkatan II", sasaran="Sasaran Rahasia KPM", deskripsi="Keterangan internal panitia")
    siti = lulus_di(diklat, dua_wilayah["kel_a"], nama="Siti Aminah", telepon="081234567890", jabatan="Ketua LPM", lembaga_asal="LPM Kebonsari Wetan")[0]
    teman = lulus_di(diklat, dua_wilayah["kel_a"], nama="Bambang Temannya")[0]
    sertifikat_terbit(teman, nomor=2, kode="ZZZZZZZZZZZZ")
    return sertifikat_terbit(siti, nomor=1, kode=KODE)


def _url(kode):
    return reverse("pelatihan:sertifikat-verifikasi", args=[kode])


def test_sertifikat_asli_hanya_nama_diklat_tanggal_dan_nomor(client, sertifikat, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(_url(KODE))
    isi = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"].startswith("noindex")
    for kata in ("Sertifikat ini asli", "Siti Aminah", "Pembinaan KPM Angkatan II", "26–28 Mei 2025", sertifikat.nomor_sertifikat):
        assert kata in isi, kata
    for rahasia in ("Kebonsari Wetan", "Kanigaran", "081234567890", "Ketua LPM", "Bambang Temannya", "ZZZZ", "Sasaran Rahasia",
                    "Keterangan internal", "Aula DKPPP", "hadir", "Hadir", "Kademangan", "Ketapang"):
        assert rahasia not in isi, rahasia


def test_kode_bisa_diketik_huruf_kecil_spasi_dan_tanda_hubung(client, sertifikat):
    for ketik in ("k7m2-xq9p-rt4w", " K7M2 XQ9P RT4W ", kode_tampil(KODE)):
        response = client.get(reverse("pelatihan:sertifikat-periksa"), {"kode": ketik})
        assert response.status_code == 302 and response.url == _url(KODE)
    assert "Sertifikat ini asli" in client.get(_url("k7m2-xq9p-rt4w")).content.decode()


def test_setiap_kegagalan_halaman_yang_sama_404(client, sertifikat, django_assert_max_num_queries):
    halaman = []
    for kode in ("AAAAAAAAAAAA", "K7M2XQ9PRT4X", "K7M2XQ9PRT4", "' OR '1'='1", "0000-0000-0000", "x" * 500, "%00"):
        response = client.get(_url(kode))
        assert response.status_code == 404 and response["X-Robots-Tag"].startswith("noindex"), kode
        halaman.append(response.content)
    for ketik in ("ABC", "' OR 1=1 --", "K7M2/XQ9P/RT4W", ""):
        response = client.get(reverse("pelatihan:sertifikat-periksa"), {"kode": ketik})
        assert response.status_code == 404, ketik
        halaman.append(response.content)
    assert len(set(halaman)) == 1
    isi = halaman[0].decode()
    assert "Sertifikat tidak ditemukan" in isi and "Siti" not in isi and "Pembinaan" not in isi
    with django_assert_max_num_queries(0):  # a malformed code never reaches the database
        client.get(_url("bukan-kode"))


def test_sertifikat_yang_dicabut_tidak_ditemukan(client, sertifikat):
    """A certificate withdrawn (its fields emptied) is no longer genuine."""
    Peserta.objects.filter(pk=sertifikat.pk).update(nomor_urut_sertifikat=None, nomor_sertifikat="", kode_verifikasi=None, sertifikat_terbit=None)
    assert client.get(_url(KODE)).status_code == 404


def test_formulir_periksa_publik_dan_ditautkan_dari_navigasi_anonim(client, db):
    response = client.get(reverse("pelatihan:sertifikat-periksa"))
    isi = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"].startswith("noindex")
    assert 'name="kode"' in isi and "tidak ditemukan" not in isi
    beranda = client.get(reverse("beranda"), follow=True).content.decode()
    assert reverse("pelatihan:sertifikat-periksa") in beranda
