"""The participant pages: the list (filters over ``for_user``, pinned queries, the export with the
same filters), the detail page with the other areas' sections, registration (search a cadre or board
member, or enter fresh), edit, removal, and the diklat page's participant section."""

import io

import openpyxl
import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import Peserta, StatusDiklat, UnsurPeserta
from tests.factories import make_user
from tests.kader.factories import KaderFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from tests.pelatihan.factories import diklat_di, hadir_semua, peserta_di, sesi_di
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

DAFTAR = reverse("pelatihan:peserta-list")


def nama_di(response) -> set[str]:
    return {p.nama for p in response.context["object_list"]}


def test_daftar_hanya_dalam_lingkup_dan_filter(client, operator_a, bappeda, dua_wilayah):
    a, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    diklat, lain = diklat_di(judul="Diklat KPM"), diklat_di(judul="Pelatihan LKK")
    peserta_di(diklat, a, nama="Ani KPM", unsur=UnsurPeserta.KPM, jabatan="Kader posyandu")
    peserta_di(diklat, b, nama="Budi Ketapang")
    bersertifikat = peserta_di(lain, a, nama="Cici LKK", unsur=UnsurPeserta.LKK, lembaga_asal="LPM Kebonsari")
    Peserta.objects.filter(pk=bersertifikat.pk).update(kode_verifikasi="ABCDEFGHJKMN", nomor_urut_sertifikat=1, nomor_sertifikat="1/X", sertifikat_terbit=timezone.now())

    client.force_login(operator_a)
    assert nama_di(client.get(DAFTAR)) == {"Ani KPM", "Cici LKK"}
    client.force_login(bappeda)
    assert nama_di(client.get(DAFTAR)) == {"Ani KPM", "Budi Ketapang", "Cici LKK"}
    assert nama_di(client.get(DAFTAR, {"diklat": diklat.pk})) == {"Ani KPM", "Budi Ketapang"}
    assert nama_di(client.get(DAFTAR, {"kecamatan": "35.74.01"})) == {"Budi Ketapang"}
    assert nama_di(client.get(DAFTAR, {"kelurahan": a.kode})) == {"Ani KPM", "Cici LKK"}
    assert nama_di(client.get(DAFTAR, {"unsur": "lkk"})) == {"Cici LKK"}
    assert nama_di(client.get(DAFTAR, {"sertifikat": "ya"})) == {"Cici LKK"}
    assert nama_di(client.get(DAFTAR, {"sertifikat": "tidak"})) == {"Ani KPM", "Budi Ketapang"}
    assert nama_di(client.get(DAFTAR, {"q": "posyandu"})) == {"Ani KPM"}
    assert nama_di(client.get(DAFTAR, {"q": "lpm kebonsari"})) == {"Cici LKK"}
    # The kelurahan picker follows the kecamatan: a kelurahan of another kecamatan is not a choice.
    response = client.get(DAFTAR, {"kecamatan": "35.74.01", "kelurahan": a.kode})
    assert response.context["filter_form"].errors.get("kelurahan")
    # With a diklat chosen the page offers its registration.
    response = client.get(DAFTAR, {"diklat": diklat.pk})
    assert response.context["boleh_daftar"] and reverse("pelatihan:peserta-create", args=[diklat.pk]) in response.content.decode()
    assert "Diklat KPM (26 Mei 2025)" in response.content.decode(), "a diklat is picked by its title and start"


def test_daftar_nilai_salah_dan_pilihan_di_luar_lingkup_bukan_500(client, operator_a, dua_wilayah):
    diklat_b = diklat_di(dua_wilayah["kel_b"])
    peserta_di(diklat_b, dua_wilayah["kel_b"], nama="Rahasia")
    client.force_login(operator_a)
    for nilai in ({"diklat": "abc"}, {"diklat": diklat_b.pk}, {"kecamatan": "35.74.01"}, {"kelurahan": "x"}, {"unsur": "zzz"}, {"sertifikat": "mungkin"}, {"page": "999"}):
        response = client.get(DAFTAR, nilai)
        assert response.status_code == 200
        assert "Rahasia" not in response.content.decode()


def test_jumlah_kueri_daftar_tidak_bertambah_dengan_baris(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    for i in range(3):
        diklat = diklat_di(judul=f"Diklat {i}")
        for j in range(10):
            peserta_di(diklat, dua_wilayah["kel_a" if j % 2 else "kel_b"])
    client.force_login(bappeda)
    with django_assert_max_num_queries(15):
        response = client.get(DAFTAR)
    assert len(response.context["object_list"]) == 30
    with django_assert_max_num_queries(15):
        client.get(DAFTAR, {"diklat": diklat.pk, "kecamatan": "35.74.04", "q": "Peserta"})


def test_ekspor_dengan_filter_yang_sama(client, bappeda, operator_a, dua_wilayah):
    diklat = diklat_di(judul="Diklat KPM")
    peserta_di(diklat, dua_wilayah["kel_a"], nama="Ani", telepon="081234567890", unsur=UnsurPeserta.KPM)
    peserta_di(diklat, dua_wilayah["kel_b"], nama="Budi")
    peserta_di(diklat_di(judul="Lain"), dua_wilayah["kel_a"], nama="Cici")

    def baris(response):
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [[c.value for c in r] for r in ws.iter_rows()]

    client.force_login(bappeda)
    isi = baris(client.get(reverse("pelatihan:peserta-export"), {"diklat": diklat.pk}))
    assert isi[0][:3] == ["Diklat", "Nama", "Jenis kelamin"] and "Nomor sertifikat" in isi[0]
    assert sorted(r[1] for r in isi[1:]) == ["Ani", "Budi"]
    ani = next(r for r in isi if r[1] == "Ani")
    assert ani[3] == "Kader Pemberdayaan Masyarakat (KPM)" and ani[7] == "Kebonsari Wetan" and ani[8] == "081234567890"
    client.force_login(operator_a)
    assert sorted(r[1] for r in baris(client.get(reverse("pelatihan:peserta-export")))[1:]) == ["Ani", "Cici"]


def test_detail_404_di_luar_lingkup_dan_memuat_bagian_lain(client, operator_a, dua_wilayah, django_assert_max_num_queries):
    diklat = diklat_di()
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Wahyuni")
    milik = peserta_di(diklat, dua_wilayah["kel_a"], nama="Wahyuni", kader=kader)
    luar = peserta_di(diklat, dua_wilayah["kel_b"])
    client.force_login(operator_a)
    assert client.get(luar.get_absolute_url()).status_code == 404
    with django_assert_max_num_queries(25):
        response = client.get(milik.get_absolute_url())
    isi = response.content.decode()
    assert response.status_code == 200 and "Wahyuni" in isi and kader.get_absolute_url() in isi
    for bagian in ("_peserta_kehadiran.html", "_peserta_evaluasi.html", "_peserta_sertifikat.html", "_peserta_rencana.html", "wilayah/_riwayat.html"):
        assert any(t.name.endswith(bagian) for t in response.templates), bagian
    assert reverse("pelatihan:peserta-update", args=[milik.pk]) in isi


def test_daftarkan_dari_pencarian_kpm_dan_pengurus(client, operator_a, dua_wilayah):
    a, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    diklat = diklat_di()
    kader = KaderFactory(kelurahan=a, nama="Wahyuni Lestari")
    KaderFactory(kelurahan=b, nama="Wahyuni Ketapang")  # outside the operator's scope
    pengurus = PengurusFactory(lembaga=LembagaFactory(kelurahan=a, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan"), nama="Wahyu Hidayat", jabatan="ketua")
    url = reverse("pelatihan:peserta-create", args=[diklat.pk])
    client.force_login(operator_a)
    response = client.get(url, {"q": "wahyu"})
    assert [k.nama for k in response.context["kader_list"]] == ["Wahyuni Lestari"]
    assert [p.nama for p in response.context["pengurus_list"]] == ["Wahyu Hidayat"]
    assert "Wahyuni Ketapang" not in response.content.decode()
    assert "sesi" not in response.context["form"].fields, "one session: nothing to choose"

    response = client.post(url, {"kader": kader.pk, "q": "wahyu"})
    assert response.status_code == 302 and response["Location"].endswith("?q=wahyu")
    response = client.post(url, {"pengurus": pengurus.pk})
    assert set(diklat.peserta_set.values_list("nama", "unsur")) == {("Wahyuni Lestari", "kpm"), ("Wahyu Hidayat", "lkk")}
    # Registered ones are marked, and a second pick says why it is refused.
    response = client.get(url, {"q": "wahyu"})
    assert response.context["kader_list"][0].sudah
    response = client.post(url, {"kader": kader.pk}, follow=True)
    assert "sudah terdaftar sebagai peserta" in response.content.decode()
    assert diklat.peserta_set.count() == 2
    # A forged id of a cadre outside the scope, or not a number: a message, nothing written.
    luar = KaderFactory(kelurahan=b)
    for nilai in (luar.pk, "abc"):
        response = client.post(url, {"kader": nilai}, follow=True)
        assert "tidak ditemukan di wilayah kerja Anda" in response.content.decode()
    assert diklat.peserta_set.count() == 2


def test_pencarian_dibatasi_cakupan_diklat_dan_jumlahnya(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    diklat = diklat_di(dua_wilayah["kel_a"])
    for i in range(30):
        KaderFactory(kelurahan=dua_wilayah["kel_a"], nama=f"Kader Sama {i:02d}")
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Kader Sama Ketapang")
    client.force_login(bappeda)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("pelatihan:peserta-create", args=[diklat.pk]), {"q": "kader sama"})
    assert len(response.context["kader_list"]) == 20
    assert all(k.kelurahan_id == dua_wilayah["kel_a"].pk for k in response.context["kader_list"])


def test_daftarkan_orang_baru_lewat_formulir_dengan_pilihan_sesi(client, bappeda, dua_wilayah):
    import datetime as dt

    diklat = diklat_di()
    kedua = sesi_di(diklat, mulai=dt.date(2025, 6, 2), nama="Kecamatan Kademangan")
    url = reverse("pelatihan:peserta-create", args=[diklat.pk])
    client.force_login(bappeda)
    data = {"nama": "Rina", "jenis_kelamin": "P", "unsur": "kelurahan", "jabatan": "Kasi Pemmas", "kelurahan": dua_wilayah["kel_b"].pk, "telepon": "0812-3456-7890"}
    response = client.post(url, data)
    assert response.context["form"].errors["sesi"]
    response = client.post(url, {**data, "sesi": kedua.pk})
    p = Peserta.objects.get()
    assert response.status_code == 302 and response["Location"] == p.get_absolute_url()
    assert (p.sesi, p.kecamatan, p.telepon) == (kedua, dua_wilayah["kec_b"], "081234567890")
    response = client.post(url, {**data, "nama": "RINA ", "sesi": kedua.pk})
    assert "Rina (Ketapang) sudah terdaftar" in str(response.context["form"].errors)
    assert Peserta.objects.count() == 1


def test_formulir_operator_kelurahannya_tetap(client, operator_a, dua_wilayah):
    diklat = diklat_di()
    client.force_login(operator_a)
    url = reverse("pelatihan:peserta-create", args=[diklat.pk])
    response = client.get(url)
    assert response.context["form"].fields["kelurahan"].disabled
    client.post(url, {"nama": "Ani", "unsur": "kpm", "kelurahan": dua_wilayah["kel_b"].pk})
    assert Peserta.objects.get().kelurahan == dua_wilayah["kel_a"], "the disabled field keeps the operator's kelurahan"


def test_pendaftaran_tertutup_atau_batal_kembali_ke_diklat_dengan_alasan(client, operator_a, bappeda, dua_wilayah):
    tertutup = diklat_di(status=StatusDiklat.TERLAKSANA)
    client.force_login(operator_a)
    response = client.get(reverse("pelatihan:peserta-create", args=[tertutup.pk]))
    assert response.status_code == 302 and response["Location"] == tertutup.get_absolute_url()
    response = client.post(reverse("pelatihan:peserta-create", args=[tertutup.pk]), {"nama": "Ani", "unsur": "kpm"}, follow=True)
    assert "tidak sedang dibuka" in response.content.decode() and not Peserta.objects.exists()
    batal = diklat_di(status=StatusDiklat.BATAL)
    client.force_login(bappeda)
    response = client.get(reverse("pelatihan:peserta-import", args=[batal.pk]), follow=True)
    assert "Diklat ini dibatalkan" in response.content.decode()


def test_diklat_di_luar_lingkup_404_dan_wali_kota_403(client, operator_a, walikota, dua_wilayah):
    diklat_b = diklat_di(dua_wilayah["kel_b"])
    client.force_login(operator_a)
    for nama in ("peserta-create", "peserta-import", "peserta-template"):
        assert client.get(reverse(f"pelatihan:{nama}", args=[diklat_b.pk])).status_code == 404, nama
    client.force_login(walikota)
    assert client.get(reverse("pelatihan:peserta-create", args=[diklat_di().pk])).status_code == 403


def test_ubah_dan_hapus(client, operator_a, dua_wilayah):
    diklat = diklat_di()
    p = peserta_di(diklat, dua_wilayah["kel_a"], nama="Ani")
    dicatat = peserta_di(diklat, dua_wilayah["kel_a"], nama="Budi")
    hadir_semua(dicatat)
    luar = peserta_di(diklat, dua_wilayah["kel_b"])
    client.force_login(operator_a)
    assert client.get(reverse("pelatihan:peserta-update", args=[luar.pk])).status_code == 404
    response = client.post(reverse("pelatihan:peserta-update", args=[p.pk]), {"nama": "Ani Susanti", "unsur": "kpm", "jabatan": "Ketua"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.nama, p.jabatan, p.kelurahan) == ("Ani Susanti", "Ketua", dua_wilayah["kel_a"])
    assert p.history.first().history_user == operator_a

    response = client.get(reverse("pelatihan:peserta-delete", args=[dicatat.pk]))
    assert "Kehadiran Budi sudah dicatat" in response.content.decode()
    response = client.post(reverse("pelatihan:peserta-delete", args=[dicatat.pk]), follow=True)
    assert "tidak dapat dihapus" in response.content.decode() and Peserta.objects.filter(pk=dicatat.pk).exists()
    response = client.post(reverse("pelatihan:peserta-delete", args=[p.pk]))
    assert response.status_code == 302 and not Peserta.objects.filter(pk=p.pk).exists()
    assert client.post(reverse("pelatihan:peserta-delete", args=[luar.pk])).status_code == 404


def test_ubah_ditutup_setelah_pendaftaran_untuk_bukan_penyelenggara(client, dua_wilayah, operator_a):
    diklat = diklat_di(status=StatusDiklat.TERLAKSANA)
    p = peserta_di(diklat, dua_wilayah["kel_a"])
    client.force_login(operator_a)
    assert client.get(p.get_absolute_url()).status_code == 200
    assert client.get(reverse("pelatihan:peserta-update", args=[p.pk])).status_code == 404


# --- the diklat page's section ------------------------------------------------------------------


def _bagian(user, diklat) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("pelatihan/_diklat_peserta.html", {"diklat": diklat, "request": request}, request=request)


def test_bagian_diklat_jumlah_unsur_dan_tombol(bappeda, walikota, dua_wilayah, django_assert_max_num_queries):
    diklat = diklat_di(kuota=5)
    peserta_di(diklat, dua_wilayah["kel_a"], unsur=UnsurPeserta.KPM)
    peserta_di(diklat, dua_wilayah["kel_a"], unsur=UnsurPeserta.KPM)
    peserta_di(diklat, dua_wilayah["kel_b"], unsur=UnsurPeserta.LKK)
    with django_assert_max_num_queries(8):
        isi = _bagian(bappeda, diklat)
    assert "3 dari kuota 5" in isi and "Sisa 2 tempat" in isi
    assert "Kader Pemberdayaan Masyarakat (KPM): <strong>2</strong>" in isi and "Pengurus LKK: <strong>1</strong>" in isi
    assert f"?diklat={diklat.pk}" in isi
    assert reverse("pelatihan:peserta-create", args=[diklat.pk]) in isi and reverse("pelatihan:peserta-import", args=[diklat.pk]) in isi
    tanpa_tombol = _bagian(walikota, diklat)
    assert "3 dari kuota 5" in tanpa_tombol and reverse("pelatihan:peserta-create", args=[diklat.pk]) not in tanpa_tombol
    diklat.status = StatusDiklat.BATAL
    assert reverse("pelatihan:peserta-create", args=[diklat.pk]) not in _bagian(bappeda, diklat)


def test_bagian_diklat_operator_tanpa_tombol_saat_pendaftaran_tertutup(dua_wilayah):
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op")
    diklat = diklat_di(status=StatusDiklat.RENCANA)
    assert reverse("pelatihan:peserta-create", args=[diklat.pk]) not in _bagian(operator, diklat)
    diklat.status = StatusDiklat.PENDAFTARAN
    assert reverse("pelatihan:peserta-create", args=[diklat.pk]) in _bagian(operator, diklat)
