"""The UMKM registry: the form's rules through the save service (NIK, NIB, RW, the region), the list with
its filters and a pinned query count, the detail page (masked NIK, photos, nominations, history), and
the photos (re-encoded without EXIF, reached only through a UMKM in scope)."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from PIL import Image

from pud import services
from pud.models import UMKM, FotoUMKM, KategoriPUD
from tests.factories import RWFactory
from tests.kader.factories import buat_nik
from tests.pud.factories import UMKMFactory, pengajuan_di, usulan_di
from wilayah.models import AksesNIK

pytestmark = pytest.mark.django_db


def data_umkm(kelurahan, **ubah) -> dict:
    data = {
        "nama_usaha": "Keripik Mangga Bu Sri", "pemilik_nama": "Sri Wahyuni", "nik": "", "pemilik_telepon": "0812-3456-7890",
        "alamat": "Jl. Brantas 10", "kelurahan": kelurahan.pk, "rw": "", "kategori": "agro", "produk": "Keripik mangga",
        "tahun_mulai": "2018", "tenaga_kerja": "3", "omzet_bulanan": "5-15", "nib": "", "kontak_publik": "", "aktif": "on",
    }  # fmt: skip
    data.update(ubah)
    return data


def kirim(client, user, data, umkm=None):
    client.force_login(user)
    url = reverse("pud:umkm-update", args=[umkm.pk]) if umkm else reverse("pud:umkm-create")
    return client.post(url, data)


def galat(response) -> dict:
    return response.context["form"].errors


def test_operator_menyimpan_umkm_di_kelurahannya(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=3)
    nik = buat_nik(kel, dt.date(1980, 5, 17), "P", 12)
    response = kirim(client, operator_a, data_umkm(kel, nik=nik, rw=rw.pk, nib="1234 5678 90123"))
    assert response.status_code == 302, galat(response)
    umkm = UMKM.objects.get()
    assert (umkm.kelurahan, umkm.rw, umkm.nik, umkm.nib, umkm.pemilik_telepon) == (kel, rw, nik, "1234567890123", "081234567890")
    assert umkm.history.get().history_user == operator_a


@pytest.mark.parametrize(
    "nik, pesan",
    [
        ("357404571980", "16 angka"),  # too short
        ("3574049913800012", "bukan tanggal lahir yang sah"),  # day 99 is no date
        ("3574045713800012", "bukan tanggal lahir yang sah"),  # month 13
    ],
)
def test_nik_yang_salah_ditolak_di_kolom_nik(client, operator_a, dua_wilayah, nik, pesan):
    response = kirim(client, operator_a, data_umkm(dua_wilayah["kel_a"], nik=nik))
    assert response.status_code == 200
    assert any(pesan in e for e in galat(response)["nik"]), galat(response)
    assert not UMKM.objects.exists()


def test_nik_kecamatan_luar_wilayah_perlu_konfirmasi(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    nik = buat_nik("357999", dt.date(1980, 5, 17), "L", 7)  # no kecamatan of the region tree
    response = kirim(client, operator_a, data_umkm(kel, nik=nik))
    assert response.status_code == 200 and not UMKM.objects.exists()
    assert "357999" in " ".join(galat(response)["nik_luar_wilayah"])
    body = response.content.decode()
    assert 'id="peringatan-nik-luar"' in body, "the confirmation box appears with the refusal"
    response = kirim(client, operator_a, data_umkm(kel, nik=nik, nik_luar_wilayah="on"))
    assert response.status_code == 302, galat(response)
    assert UMKM.objects.get().nik_luar_wilayah


def test_form_tanpa_masalah_nik_tidak_menampilkan_kotak_konfirmasi(client, operator_a):
    client.force_login(operator_a)
    body = client.get(reverse("pud:umkm-create")).content.decode()
    assert 'id="peringatan-nik-luar"' not in body


@pytest.mark.parametrize("nib", ["123456789012", "12345678901234", "12345678901A3"])
def test_nib_harus_13_angka(client, operator_a, dua_wilayah, nib):
    response = kirim(client, operator_a, data_umkm(dua_wilayah["kel_a"], nib=nib))
    assert response.status_code == 200
    assert "13 angka" in " ".join(galat(response)["nib"])
    assert not UMKM.objects.exists()


def test_rw_kelurahan_lain_ditolak(client, bappeda, dua_wilayah):
    """Bappeda sees every RW: the RW of Ketapang on a UMKM of Kebonsari Wetan is refused on the RW field."""
    rw_lain = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=2)
    response = kirim(client, bappeda, data_umkm(dua_wilayah["kel_a"], rw=rw_lain.pk))
    assert response.status_code == 200
    assert "bukan RW di kelurahan usaha ini" in " ".join(galat(response)["rw"])
    assert not UMKM.objects.exists()


def test_operator_tidak_dapat_menyimpan_umkm_ke_kelurahan_lain(client, operator_a, dua_wilayah):
    """A forged POST naming another kelurahan (the field is fixed on the page) and the RW of it: nothing is
    written there; a forged POST changing a stored UMKM's kelurahan neither."""
    kel_b = dua_wilayah["kel_b"]
    rw_b = RWFactory(kelurahan=kel_b, nomor=5)
    response = kirim(client, operator_a, data_umkm(kel_b, rw=rw_b.pk))
    assert not UMKM.objects.filter(kelurahan=kel_b).exists()
    if response.status_code == 302:  # the disabled field kept the operator's own kelurahan, the RW was refused
        raise AssertionError("a UMKM was saved with an RW outside the operator's area")
    assert "rw" in galat(response)
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    kirim(client, operator_a, data_umkm(kel_b, nama_usaha=umkm.nama_usaha), umkm=umkm)
    umkm.refresh_from_db()
    assert umkm.kelurahan == dua_wilayah["kel_a"]
    # and the service itself refuses another kelurahan, whatever a caller sends
    umkm.kelurahan = kel_b
    with pytest.raises(Exception):
        services.umkm_simpan(acting_user=operator_a, umkm=umkm)
    assert not UMKM.objects.filter(kelurahan=kel_b).exists()


def test_umkm_luar_lingkup_404_dan_camat_tidak_mengubah(client, operator_a, camat_a, dua_wilayah):
    lain = UMKMFactory(kelurahan=dua_wilayah["kel_b"])
    client.force_login(operator_a)
    for nama in ("pud:umkm-detail", "pud:umkm-update", "pud:umkm-foto-create"):
        assert client.get(reverse(nama, args=[lain.pk])).status_code == 404, nama
    sendiri = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(camat_a)
    assert client.get(reverse("pud:umkm-detail", args=[sendiri.pk])).status_code == 200
    assert client.get(reverse("pud:umkm-update", args=[sendiri.pk])).status_code == 403
    assert client.get(reverse("pud:umkm-create")).status_code == 403


# --- the list ---


def test_daftar_menyaring_dan_ekspor_membawa_saringan(client, operator_a, bappeda, dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    UMKMFactory(kelurahan=kel_a, nama_usaha="Batik Tulis Melati", kategori=KategoriPUD.KERAJINAN, produk="Batik")
    UMKMFactory(kelurahan=kel_a, nama_usaha="Keripik Pisang", pemilik_nama="Pak Darmo", produk="Keripik")
    UMKMFactory(kelurahan=kel_a, nama_usaha="Tari Jaran Bodhag", kategori=KategoriPUD.BUDAYA, aktif=False)
    UMKMFactory(kelurahan=kel_b, nama_usaha="Batik Ketapang", kategori=KategoriPUD.KERAJINAN)
    url = reverse("pud:umkm-list")

    def nama(response):
        return sorted(u.nama_usaha for u in response.context["object_list"])

    client.force_login(operator_a)
    assert nama(client.get(url)) == ["Batik Tulis Melati", "Keripik Pisang", "Tari Jaran Bodhag"]
    assert nama(client.get(url, {"q": "darmo"})) == ["Keripik Pisang"]
    assert nama(client.get(url, {"q": "batik"})) == ["Batik Tulis Melati"]
    assert nama(client.get(url, {"kategori": "kerajinan"})) == ["Batik Tulis Melati"]
    assert nama(client.get(url, {"aktif": "tidak"})) == ["Tari Jaran Bodhag"]
    response = client.get(url, {"kelurahan": kel_b.kode})  # outside the scope: the field's error, not applied
    assert response.status_code == 200 and response.context["filter_form"].errors.get("kelurahan")
    assert "Batik Ketapang" not in nama(response)
    assert client.get(url, {"kategori": "bukan", "aktif": "mungkin", "page": "x"}).status_code == 200

    client.force_login(bappeda)
    response = client.get(url, {"kelurahan": kel_b.kode, "q": "batik"})
    assert nama(response) == ["Batik Ketapang"]
    assert response.context["export_url"] == reverse("pud:umkm-ekspor") + f"?kelurahan={kel_b.kode}&q=batik"


def test_jumlah_kueri_daftar_tidak_bertambah_dengan_baris(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    for i in range(30):
        umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a" if i % 2 else "kel_b"], rw=RWFactory(kelurahan=dua_wilayah["kel_a" if i % 2 else "kel_b"]))
        FotoUMKM.objects.create(umkm=umkm, gambar="pud/foto/a.jpg", thumbnail="pud/thumb/a.jpg")
    client.force_login(bappeda)
    client.get(reverse("pud:umkm-list"))  # warm the per-process caches (content types, groups)
    with django_assert_max_num_queries(11):  # + the page's keys (ids first: wilayah.daftar.PaginatorIdDulu)
        response = client.get(reverse("pud:umkm-list"))
    assert len(response.context["object_list"]) == 30
    assert b"Pemilik Uji" in response.content


# --- the detail page ---


def test_detail_nik_tersamar_untuk_camat_dan_walikota_penuh_untuk_operator_tercatat(client, operator_a, camat_a, walikota, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    nik = buat_nik(kel, dt.date(1975, 1, 2), "L", 88)
    umkm = UMKMFactory(kelurahan=kel, nik=nik)
    url = reverse("pud:umkm-detail", args=[umkm.pk])
    for user in (camat_a, walikota):
        client.force_login(user)
        response = client.get(url)
        assert response.context["nik_tampil"] == nik[:4] + "\u2022" * 8 + nik[-4:]
        assert nik not in response.content.decode()
    assert not AksesNIK.objects.exists(), "a masked NIK is no full NIK seen"
    client.force_login(operator_a)
    assert nik in client.get(url).content.decode()
    akses = AksesNIK.objects.get()
    assert (akses.pengguna, akses.jenis, akses.object_id) == (operator_a, AksesNIK.Jenis.LIHAT, str(umkm.pk))


def test_detail_menampilkan_foto_usulan_dan_riwayat(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    umkm = UMKMFactory(kelurahan=kel, nama_usaha="Sari Mangga")
    foto = services.umkm_foto_tambah(acting_user=operator_a, umkm=umkm, berkas=SimpleUploadedFile("a.png", png(), "image/png"), keterangan="Kemasan")
    usulan = usulan_di(pengajuan_di(kel), KategoriPUD.AGRO, umkm=umkm, produk="Sari mangga kemasan botol")
    client.force_login(operator_a)
    body = client.get(reverse("pud:umkm-detail", args=[umkm.pk])).content.decode()
    assert reverse("pud:umkm-foto-thumbnail", args=[foto.pk]) in body and settings.MEDIA_URL not in body
    assert "Sari mangga kemasan botol" in body and str(usulan.pengajuan.siklus) in body
    try:  # the nomination's page (pud:usulan-detail) is linked once it exists
        assert usulan.get_absolute_url() in body
    except NoReverseMatch:
        pass
    assert 'id="riwayat"' in body
    assert reverse("pud:umkm-foto-hapus", args=[foto.pk]) in body


# --- photos ---


def png(ukuran=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", ukuran, "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_dengan_exif(ukuran=(2400, 1800)) -> bytes:
    img = Image.new("RGB", ukuran, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x0131] = "LokasiRumahWarga"
    keluar = io.BytesIO()
    img.save(keluar, format="JPEG", exif=exif.tobytes())
    return keluar.getvalue()


def test_foto_disimpan_tanpa_exif_dengan_thumbnail(client, operator_a, dua_wilayah):
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    data = jpeg_dengan_exif()
    assert b"KameraRahasia" in data
    client.force_login(operator_a)
    response = client.post(reverse("pud:umkm-foto-create", args=[umkm.pk]), {"gambar": SimpleUploadedFile("a.jpg", data, "image/jpeg"), "keterangan": "Etalase"})
    assert response.status_code == 302
    foto = FotoUMKM.objects.get()
    besar, kecil = foto.gambar.read(), foto.thumbnail.read()
    assert b"KameraRahasia" not in besar and b"KameraRahasia" not in kecil
    with Image.open(io.BytesIO(besar)) as img:
        assert max(img.size) <= 1600 and not img.getexif()
    with Image.open(io.BytesIO(kecil)) as img:
        assert img.size[0] <= 480 and img.size[1] <= 360
    for nama in ("pud:umkm-foto-berkas", "pud:umkm-foto-thumbnail"):
        response = client.get(reverse(nama, args=[foto.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert "sandbox" in response["Content-Security-Policy"]


def test_bukan_gambar_ditolak_di_kolom_foto(client, operator_a, dua_wilayah):
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(reverse("pud:umkm-foto-create", args=[umkm.pk]), {"gambar": SimpleUploadedFile("a.jpg", b"%PDF-1.4 bukan" * 20, "image/jpeg")})
    assert response.status_code == 200 and "bukan gambar" in " ".join(response.context["form"].errors["gambar"])
    assert not FotoUMKM.objects.exists()


def test_foto_umkm_luar_lingkup_404(client, operator_a, bappeda, dua_wilayah):
    lain = UMKMFactory(kelurahan=dua_wilayah["kel_b"])
    foto = services.umkm_foto_tambah(acting_user=bappeda, umkm=lain, berkas=SimpleUploadedFile("a.png", png(), "image/png"))
    client.force_login(operator_a)
    for nama in ("pud:umkm-foto-berkas", "pud:umkm-foto-thumbnail"):
        assert client.get(reverse(nama, args=[foto.pk])).status_code == 404, nama
    assert client.post(reverse("pud:umkm-foto-hapus", args=[foto.pk])).status_code == 404
    assert client.post(reverse("pud:umkm-foto-create", args=[lain.pk]), {"gambar": SimpleUploadedFile("a.png", png(), "image/png")}).status_code == 404
    assert FotoUMKM.objects.count() == 1


def test_camat_melihat_foto_tetapi_tidak_menghapus(client, operator_a, camat_a, dua_wilayah):
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    foto = services.umkm_foto_tambah(acting_user=operator_a, umkm=umkm, berkas=SimpleUploadedFile("a.png", png(), "image/png"))
    client.force_login(camat_a)
    assert client.get(reverse("pud:umkm-foto-thumbnail", args=[foto.pk])).status_code == 200
    assert client.post(reverse("pud:umkm-foto-hapus", args=[foto.pk])).status_code == 403
    assert "pud:umkm-foto-hapus" not in client.get(umkm.get_absolute_url()).content.decode()
    client.force_login(operator_a)
    assert client.post(reverse("pud:umkm-foto-hapus", args=[foto.pk])).status_code == 302
    assert not FotoUMKM.objects.exists()


def test_batas_foto_per_umkm(operator_a, dua_wilayah):
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    for _ in range(services.BATAS_FOTO_UMKM):
        services.umkm_foto_tambah(acting_user=operator_a, umkm=umkm, berkas=SimpleUploadedFile("a.png", png(), "image/png"))
    with pytest.raises(Exception) as info:
        services.umkm_foto_tambah(acting_user=operator_a, umkm=umkm, berkas=SimpleUploadedFile("a.png", png(), "image/png"))
    assert "batasnya" in str(info.value)
    assert FotoUMKM.objects.count() == services.BATAS_FOTO_UMKM
