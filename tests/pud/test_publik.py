"""The public catalogue of determined PUD: no login, only determined products of running businesses,
no personal data, contact only when the business chose to show it, photos of those only; filters,
pages and a fixed number of queries. Linked from the public navigation."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from pud.models import FotoUMKM, KategoriPUD, Siklus, StatusPengajuan, StatusSiklus
from pud.views import KatalogPublikView
from tests.berkas import jpeg_bytes
from tests.factories import KelurahanFactory
from tests.pud.factories import UMKMFactory, beri_berita_acara, pengajuan_berstatus, pengajuan_di, usulan_di

pytestmark = pytest.mark.django_db

KATALOG = reverse("pud:publik-katalog")


def foto(umkm, keterangan="") -> FotoUMKM:
    return FotoUMKM.objects.create(
        umkm=umkm, gambar=ContentFile(jpeg_bytes(size=(60, 40)), name="f.jpg"), thumbnail=ContentFile(jpeg_bytes(), name="k.jpg"), keterangan=keterangan
    )


def ditetapkan(kelurahan, produk: dict, *, siklus=None, **umkm_kwargs):
    """A determined pengajuan with a main nomination per category named by ``produk``."""
    pengajuan = beri_berita_acara(pengajuan_di(kelurahan, siklus=siklus))
    hasil = {}
    for kategori, nama in produk.items():
        umkm = UMKMFactory(kelurahan=kelurahan, kategori=kategori, nama_usaha=f"Usaha {nama}", produk=nama, **umkm_kwargs)
        hasil[kategori] = usulan_di(pengajuan, kategori, umkm=umkm, produk=nama)
    pengajuan.status = StatusPengajuan.DITETAPKAN
    pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan = "188/1/2026", pengajuan.tanggal_fgd
    pengajuan.save()
    return hasil


@pytest.fixture
def katalog(dua_wilayah):
    """Kebonsari Wetan (Kanigaran): determined, the agro business shows its contact, the craft one hides
    it; an alternative beside them. Ketapang (Kademangan): verified only, not yet determined."""
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    usulan = ditetapkan(kel_a, {KategoriPUD.AGRO: "Keripik Mangga Manalagi", KategoriPUD.KERAJINAN: "Batik Tulis Mangrove"})
    agro, kerajinan = usulan[KategoriPUD.AGRO].umkm, usulan[KategoriPUD.KERAJINAN].umkm
    agro.pemilik_nama, agro.pemilik_telepon, agro.nik = "Siti Aminah Pemilik", "081299990001", "3574044107800001"
    agro.kontak_publik, agro.kontak_publik_tampil = "IG @keripikbusiti", True
    agro.save()
    kerajinan.pemilik_nama, kerajinan.kontak_publik, kerajinan.kontak_publik_tampil = "Dewi Lestari Pemilik", "0812-KONTAK-TERSEMBUNYI", False
    kerajinan.save()
    alternatif = usulan_di(usulan[KategoriPUD.AGRO].pengajuan, KategoriPUD.AGRO, utama=False, produk="Sari Kedondong Alternatif")
    belum = pengajuan_berstatus(kel_b, StatusPengajuan.DIVERIFIKASI)
    belum.usulan_set.filter(kategori=KategoriPUD.AGRO).update(produk="Produk Belum Ditetapkan")
    return {"agro": usulan[KategoriPUD.AGRO], "kerajinan": usulan[KategoriPUD.KERAJINAN], "alternatif": alternatif,
            "belum": belum.usulan_set.get(kategori=KategoriPUD.AGRO)}  # fmt: skip


def test_anonymous_sees_the_determined_products_without_personal_data(client, katalog):
    response = client.get(KATALOG)
    assert response.status_code == 200
    html = response.content.decode()
    for kata in ("Keripik Mangga Manalagi", "Batik Tulis Mangrove", "Usaha Keripik Mangga Manalagi", "Kebonsari Wetan", "Kanigaran", "Agro", "Kerajinan"):
        assert kata in html, kata
    assert "IG @keripikbusiti" in html  # shown by choice
    for rahasia in ("0812-KONTAK-TERSEMBUNYI", "Siti Aminah Pemilik", "Dewi Lestari Pemilik", "081299990001", "3574044107800001", "Jl. Uji"):
        assert rahasia not in html, rahasia
    assert "Sari Kedondong Alternatif" not in html and "Produk Belum Ditetapkan" not in html
    assert reverse("pud:publik-produk", args=[katalog["agro"].pk]) in html


def test_catalogue_hides_a_business_that_stopped(client, katalog):
    katalog["kerajinan"].umkm.__class__.objects.filter(pk=katalog["kerajinan"].umkm_id).update(aktif=False)
    html = client.get(KATALOG).content.decode()
    assert "Batik Tulis Mangrove" not in html and "Keripik Mangga Manalagi" in html
    assert client.get(reverse("pud:publik-produk", args=[katalog["kerajinan"].pk])).status_code == 404


def test_latest_round_first(client, katalog, dua_wilayah):
    lama = Siklus.objects.create(tahun=2025, nama="Penetapan PUD 2025", status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
    ditetapkan(dua_wilayah["kel_a"], {KategoriPUD.BUDAYA: "Tari Glipang 2025"}, siklus=lama)
    html = client.get(KATALOG).content.decode()
    assert html.index("Ditetapkan tahun 2026") < html.index("Keripik Mangga Manalagi") < html.index("Ditetapkan tahun 2025") < html.index("Tari Glipang 2025")


def test_filters_by_category_kecamatan_and_words(client, katalog, dua_wilayah):
    kel = KelurahanFactory(kode="35.74.01.1002", nama="Pilang", kecamatan=dua_wilayah["kec_b"])
    ditetapkan(kel, {KategoriPUD.AGRO: "Dodol Nanas Pilang"})
    html = client.get(KATALOG, {"kategori": "kerajinan"}).content.decode()
    assert "Batik Tulis Mangrove" in html and "Keripik Mangga Manalagi" not in html and "Dodol Nanas Pilang" not in html
    html = client.get(KATALOG, {"kecamatan": dua_wilayah["kec_b"].kode}).content.decode()
    assert "Dodol Nanas Pilang" in html and "Batik Tulis Mangrove" not in html
    html = client.get(KATALOG, {"q": "mangga keripik"}).content.decode()
    assert "Keripik Mangga Manalagi" in html and "Batik Tulis Mangrove" not in html and "Dodol Nanas Pilang" not in html
    html = client.get(KATALOG, {"q": "pilang"}).content.decode()  # the kelurahan's name
    assert "Dodol Nanas Pilang" in html and "Keripik Mangga Manalagi" not in html


@pytest.mark.parametrize("param", [{"kategori": "wisata"}, {"kecamatan": "99.99.99"}, {"q": "x" * 300}, {"kategori": "1\x002"}, {"halaman": "abc"}])
def test_bad_filters_are_ignored_and_said(client, katalog, param):
    response = client.get(KATALOG, param)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Mangga Manalagi" in html and "Batik Tulis Mangrove" in html
    if "halaman" not in param:
        assert "pilihan itu diabaikan" in html


def test_pages_keep_the_filters(client, katalog, dua_wilayah, monkeypatch):
    monkeypatch.setattr(KatalogPublikView, "per_halaman", 2)
    for i in range(3):
        kel = KelurahanFactory(kode=f"35.74.04.{2000 + i}", nama=f"Kelurahan Agro {i}", kecamatan=dua_wilayah["kec_a"])
        ditetapkan(kel, {KategoriPUD.AGRO: f"Agro Tambahan {i}"})
    response = client.get(KATALOG, {"kategori": "agro"})
    html = response.content.decode()
    assert "1 / 2" in html and "?kategori=agro&amp;halaman=2" in html
    html2 = client.get(KATALOG, {"kategori": "agro", "halaman": 2}).content.decode()
    shown = [f"Agro Tambahan {i}" for i in range(3)] + ["Keripik Mangga Manalagi"]
    assert {k for k in shown if k in html} | {k for k in shown if k in html2} == set(shown)
    assert not ({k for k in shown if k in html} & {k for k in shown if k in html2})


def test_catalogue_query_count_is_fixed(client, katalog, dua_wilayah, django_assert_max_num_queries):
    foto(katalog["agro"].umkm)
    # its tanda (wilayah.publik), the count, the page, its photos, the kecamatan
    with django_assert_max_num_queries(5):
        assert client.get(KATALOG).status_code == 200
    for i in range(6):
        kel = KelurahanFactory(kode=f"35.74.04.{3000 + i}", kecamatan=dua_wilayah["kec_a"])
        for u in ditetapkan(kel, {KategoriPUD.AGRO: f"Produk {i}", KategoriPUD.BUDAYA: f"Budaya {i}"}).values():
            foto(u.umkm)
            foto(u.umkm)
    with django_assert_max_num_queries(5):
        response = client.get(KATALOG)
    html = response.content.decode()
    assert html.count("kecil.jpg") == 13  # one thumbnail per product with photos


def test_catalogue_shows_the_first_photo_as_thumbnail(client, katalog):
    pertama, kedua = foto(katalog["agro"].umkm, "depan"), foto(katalog["agro"].umkm, "belakang")
    html = client.get(KATALOG).content.decode()
    assert reverse("pud:publik-foto-kecil", args=[pertama.pk]) in html
    assert reverse("pud:publik-foto-kecil", args=[kedua.pk]) not in html


def test_product_page(client, katalog):
    f = foto(katalog["agro"].umkm, "Kemasan keripik")
    response = client.get(reverse("pud:publik-produk", args=[katalog["agro"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Mangga Manalagi" in html and "IG @keripikbusiti" in html and "PUD tahun 2026" in html
    assert reverse("pud:publik-foto-besar", args=[f.pk]) in html
    assert "Siti Aminah Pemilik" not in html and "081299990001" not in html and "3574044107800001" not in html
    html = client.get(reverse("pud:publik-produk", args=[katalog["kerajinan"].pk])).content.decode()
    assert "0812-KONTAK-TERSEMBUNYI" not in html and "Dewi Lestari Pemilik" not in html


def test_product_page_is_404_unless_determined(client, katalog):
    for kunci in ("alternatif", "belum"):
        assert client.get(reverse("pud:publik-produk", args=[katalog[kunci].pk])).status_code == 404, kunci
    assert client.get(reverse("pud:publik-produk", args=[99999])).status_code == 404


def test_public_photos_only_of_determined_pud(client, katalog):
    tampil = foto(katalog["agro"].umkm)
    for nama in ("pud:publik-foto-kecil", "pud:publik-foto-besar"):
        response = client.get(reverse(nama, args=[tampil.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg" and response["Content-Security-Policy"] == "sandbox"
    # A UMKM nominated only as an alternative, one of a verified (not determined) kelurahan, one never nominated.
    for umkm in (katalog["alternatif"].umkm, katalog["belum"].umkm, UMKMFactory(kelurahan=katalog["agro"].umkm.kelurahan)):
        f = foto(umkm)
        for nama in ("pud:publik-foto-kecil", "pud:publik-foto-besar"):
            assert client.get(reverse(nama, args=[f.pk])).status_code == 404, (umkm, nama)


def test_anonymous_cannot_open_the_annex_or_the_berita_acara(client, katalog):
    pengajuan = katalog["agro"].pengajuan
    for url in (reverse("pud:lampiran-pdf", args=[pengajuan.siklus_id]), reverse("pud:lampiran-xlsx", args=[pengajuan.siklus_id]),
                reverse("pud:pengajuan-berita-acara-pdf", args=[pengajuan.pk])):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_public_navigation_links_the_catalogue(client, db):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{KATALOG}"' in html and "Produk Unggulan" in html
    assert f'href="{KATALOG}"' in client.get(reverse("wisata:publik-katalog")).content.decode()


def test_catalogue_kept_for_the_next_anonymous_visitor(client, katalog, django_assert_num_queries):
    """Built once per state of the catalogue (wilayah.publik): the next anonymous visitor costs no query,
    a conditional request is a 304."""
    pertama = client.get(KATALOG)
    with django_assert_num_queries(0):
        kedua = client.get(KATALOG)
    assert kedua.content == pertama.content and kedua["ETag"] == pertama["ETag"]
    with django_assert_num_queries(0):
        assert client.get(KATALOG, HTTP_IF_NONE_MATCH=pertama["ETag"]).status_code == 304


def test_catalogue_changes_at_once_with_a_product_a_business_or_a_photo(client, katalog, dua_wilayah):
    etag = client.get(KATALOG)["ETag"]
    kel = KelurahanFactory(kode="35.74.04.4000", nama="Kelurahan Baru", kecamatan=dua_wilayah["kec_a"])
    ditetapkan(kel, {KategoriPUD.BUDAYA: "Tari Glipang Baru"})
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Tari Glipang Baru" in response.content.decode()
    etag = response["ETag"]
    umkm = katalog["agro"].umkm
    umkm.aktif = False  # stopped: no longer listed
    umkm.save()
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Keripik Mangga Manalagi" not in response.content.decode()
    etag = response["ETag"]
    f = foto(katalog["kerajinan"].umkm)
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and reverse("pud:publik-foto-kecil", args=[f.pk]) in response.content.decode()


def test_catalogue_filters_kept_apart(client, katalog):
    semua = client.get(KATALOG).content.decode()
    agro = client.get(KATALOG, {"kategori": "agro"}).content.decode()
    assert "Batik Tulis Mangrove" in semua and "Batik Tulis Mangrove" not in agro and "Keripik Mangga Manalagi" in agro
