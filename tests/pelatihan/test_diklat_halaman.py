"""The diklat pages: the start page, the list (filters, pinned query count, export with the same filters),
a diklat's page (overview, status buttons, sessions and modules, sections, history), the forms (bad input:
an Indonesian message and nothing written) and the speaker directory."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import Diklat, Instansi, Materi, Narasumber, SesiDiklat, StatusDiklat
from tests.factories import make_user
from tests.pelatihan.factories import MULAI, diklat_di, instansi, narasumber, peserta_di, sesi_di
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


def isi(response) -> str:
    return response.content.decode()


def judul_di(response) -> list[str]:
    return sorted(d.judul for d in response.context["object_list"])


def data_diklat(**ubah) -> dict:
    data = {
        "judul": "Pelatihan Peningkatan Kapasitas LKK", "jenis": "pelatihan", "penyelenggara": instansi("Bappeda").pk,
        "sasaran": "Karang Taruna, LPM, Posyandu, KPM", "deskripsi": "", "kuota": "41", "kecamatan": "", "kelurahan": "",
        "persen_hadir_minimal": "100", "awalan_nomor_sertifikat": "", "ttd_nama": "", "ttd_jabatan": "", "ttd_nip": "",
        "tempat": "Aula Bappeda", "tanggal_mulai": "2026-12-07", "tanggal_selesai": "2026-12-08",
    }  # fmt: skip
    data.update(ubah)
    return data


@pytest.fixture
def operator_b(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")


# --- start page ---------------------------------------------------------------------------------


def test_halaman_awal_berlangsung_dan_akan_datang(client, operator_a, dua_wilayah):
    hari_ini = timezone.localdate()
    diklat_di(judul="Sedang jalan", mulai=hari_ini - dt.timedelta(days=1), hari=3)
    diklat_di(dua_wilayah["kel_a"], judul="Minggu depan", mulai=hari_ini + dt.timedelta(days=7), hari=1)
    diklat_di(dua_wilayah["kel_b"], judul="Kelurahan lain", mulai=hari_ini + dt.timedelta(days=7), hari=1)
    diklat_di(judul="Dibatalkan", mulai=hari_ini + dt.timedelta(days=3), status=StatusDiklat.BATAL)
    diklat_di(judul="Sudah lewat")
    client.force_login(operator_a)
    response = client.get(reverse("pelatihan:index"))
    assert [d.judul for d in response.context["berjalan"]] == ["Sedang jalan"]
    assert [d.judul for d in response.context["akan_datang"]] == ["Minggu depan"]
    body = isi(response)
    assert "Kelurahan lain" not in body and "Sudah lewat" not in body
    assert reverse("pelatihan:diklat-create") in body and 'id="nav-pelatihan"' in body


def test_halaman_awal_wali_kota_tanpa_tombol_tambah(client, walikota):
    client.force_login(walikota)
    body = isi(client.get(reverse("pelatihan:index")))
    assert reverse("pelatihan:diklat-create") not in body


# --- the list -----------------------------------------------------------------------------------


def test_daftar_menurut_lingkup(client, operator_a, camat_a, dua_wilayah):
    diklat_di(judul="Kota")
    diklat_di(kecamatan=dua_wilayah["kec_a"], judul="Kecamatan A")
    diklat_di(dua_wilayah["kel_a"], judul="Kelurahan A")
    diklat_di(kecamatan=dua_wilayah["kec_b"], judul="Kecamatan B")
    diklat_di(dua_wilayah["kel_b"], judul="Kelurahan B")
    for user in (operator_a, camat_a):
        client.force_login(user)
        assert judul_di(client.get(reverse("pelatihan:diklat-list"))) == ["Kecamatan A", "Kelurahan A", "Kota"], user


def test_saringan_daftar(client, bappeda, dua_wilayah):
    dprd = instansi("Komisi II DPRD")
    a = diklat_di(judul="Diklat Kasi Pemmas", jenis="diklat", penyelenggara=instansi("BKPSDM"))
    a.penyelenggara_lain.add(dprd)
    diklat_di(kecamatan=dua_wilayah["kec_a"], judul="Pembinaan LKK Kanigaran", jenis="pembinaan", penyelenggara=instansi("DPMD"), status=StatusDiklat.RENCANA)
    diklat_di(dua_wilayah["kel_b"], judul="Sosialisasi KPM Ketapang", jenis="sosialisasi", mulai=dt.date(2024, 12, 30), hari=3)
    client.force_login(bappeda)
    url = reverse("pelatihan:diklat-list")
    cases = {
        "q=lkk": ["Pembinaan LKK Kanigaran"],
        "q=kasi pemmas": ["Diklat Kasi Pemmas"],
        "jenis=sosialisasi": ["Sosialisasi KPM Ketapang"],
        "status=rencana": ["Pembinaan LKK Kanigaran"],
        f"penyelenggara={dprd.pk}": ["Diklat Kasi Pemmas"],  # a co-organiser counts
        "tahun=2024": ["Sosialisasi KPM Ketapang"],
        "tahun=2025": ["Diklat Kasi Pemmas", "Pembinaan LKK Kanigaran", "Sosialisasi KPM Ketapang"],  # 30 Dec 2024 – 1 Jan 2025
        "cakupan=kota": ["Diklat Kasi Pemmas"],
        "cakupan=kecamatan": ["Pembinaan LKK Kanigaran"],
        "cakupan=kelurahan": ["Sosialisasi KPM Ketapang"],
        "kecamatan=35.74.01": ["Sosialisasi KPM Ketapang"],
    }
    for kueri, harap in cases.items():
        assert judul_di(client.get(f"{url}?{kueri}")) == harap, kueri


@pytest.mark.parametrize("kueri", ["tahun=abc", "tahun=1800", "jenis=kursus", "status=x", "penyelenggara=999999", "cakupan=rw", "kecamatan=99", "page=abc", "q=" + "x" * 3000])
def test_saringan_salah_bukan_500(client, bappeda, kueri):
    diklat_di(judul="Tetap tampil")
    client.force_login(bappeda)
    response = client.get(reverse("pelatihan:diklat-list") + "?" + kueri)
    assert response.status_code == 200
    assert judul_di(response) == ["Tetap tampil"] or response.context["filter_form"].errors


def test_jumlah_kueri_daftar_tetap(client, camat_a, dua_wilayah, django_assert_max_num_queries):
    def buat(n):
        for i in range(n):
            d = diklat_di(dua_wilayah["kel_a"] if i % 2 else None, judul=f"Diklat {i}")
            peserta_di(d, dua_wilayah["kel_a"])
    client.force_login(camat_a)
    url = reverse("pelatihan:diklat-list")
    buat(3)
    client.get(url)  # the session and the user are cached like on any later page
    with django_assert_max_num_queries(12) as awal:
        client.get(url)
    buat(12)
    with django_assert_max_num_queries(len(awal.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 15


def test_ekspor_dengan_saringan_yang_sama(client, bappeda, dua_wilayah):
    d = diklat_di(judul="=HYPERLINK(\"http://contoh.invalid\")", jenis="diklat", kuota=34)
    d.penyelenggara_lain.add(instansi("DPRD"))
    peserta_di(d, dua_wilayah["kel_a"])
    sesi_di(d, mulai=dt.date(2025, 6, 2), hari=1)
    diklat_di(judul="Pembinaan", jenis="pembinaan")
    client.force_login(bappeda)
    response = client.get(reverse("pelatihan:diklat-list") + "?jenis=diklat")
    assert "jenis=diklat" in response.context["export_url"]
    response = client.get(response.context["export_url"])
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    baris = [[c.value for c in r] for r in ws.iter_rows()]
    assert len(baris) == 2, "only the filtered row"
    judul = dict(zip(baris[0], baris[1]))
    assert judul["Judul"].startswith("'="), "a formula is neutralised"
    assert (judul["Penyelenggara bersama"], judul["Jumlah sesi"], judul["Kuota"], judul["Peserta terdaftar"]) == ("Instansi DPRD", 2, 34, 1)
    assert judul["Tanggal mulai"].date() == MULAI and judul["Tanggal selesai"].date() == dt.date(2025, 6, 2)
    assert judul["Cakupan"] == "Seluruh kota" and judul["Status"] == "Pendaftaran dibuka"


def test_ekspor_menurut_lingkup(client, operator_a, dua_wilayah):
    diklat_di(dua_wilayah["kel_a"], judul="Milik A")
    diklat_di(dua_wilayah["kel_b"], judul="Milik B")
    client.force_login(operator_a)
    ws = openpyxl.load_workbook(io.BytesIO(client.get(reverse("pelatihan:diklat-ekspor")).content)).active
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == ["Milik A"]


# --- a diklat's page ----------------------------------------------------------------------------


def test_halaman_diklat(client, bappeda, dua_wilayah):
    d = diklat_di(judul="Diklat Kasi Pemmas", kuota=34)
    d.penyelenggara_lain.add(instansi("Komisi II DPRD"))
    sesi = d.sesi_set.get()
    Materi.objects.create(sesi=sesi, judul="Strategi Pengembangan Wisata Unggulan", tanggal=MULAI, jam_mulai=dt.time(8), jam_selesai=dt.time(10), narasumber=narasumber("Dr. Rina", "BPSDM Jatim"))
    peserta_di(d, dua_wilayah["kel_a"])
    client.force_login(bappeda)
    response = client.get(d.get_absolute_url())
    body = isi(response)
    for teks in ("Diklat Kasi Pemmas", "Komisi II DPRD Kota Probolinggo", "Seluruh kota", "1 dari kuota 34 (sisa 33)", "26 Mei 2025", "Strategi Pengembangan Wisata Unggulan", "08.00–10.00", "Dr. Rina", "BPSDM Jatim", 'id="riwayat"'):
        assert teks in body, teks
    # Ended in May 2025, registration open: "terlaksana" and "batal" are offered; it has participants: no delete.
    assert [k for k, _ in response.context["tombol_status"]] == ["terlaksana", "batal"]
    assert reverse("pelatihan:diklat-delete", args=[d.pk]) not in body
    assert reverse("pelatihan:sesi-create", args=[d.pk]) in body and reverse("pelatihan:materi-create", args=[sesi.pk]) in body


def test_halaman_diklat_hanya_dibaca_dan_di_luar_lingkup(client, walikota, operator_a, camat_a, dua_wilayah):
    kota = diklat_di(status=StatusDiklat.RENCANA)
    lain = diklat_di(dua_wilayah["kel_b"])
    for user in (walikota, camat_a, operator_a):
        client.force_login(user)
        response = client.get(kota.get_absolute_url())
        assert response.status_code == 200 and response.context["tombol_status"] == [] and not response.context["boleh_ubah"], user
        assert reverse("pelatihan:diklat-update", args=[kota.pk]) not in isi(response)
    for user in (operator_a, camat_a):
        client.force_login(user)
        assert client.get(lain.get_absolute_url()).status_code == 404


def test_jumlah_kueri_halaman_diklat_tetap(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    d = diklat_di()
    client.force_login(bappeda)

    def tambah(n):
        for i in range(n):
            s = sesi_di(d, mulai=dt.date(2025, 7, 1 + i), hari=1)
            Materi.objects.create(sesi=s, judul=f"Materi {i}", tanggal=s.tanggal_mulai, narasumber=narasumber(f"Narasumber {i}", f"I{i}"))
            peserta_di(d, dua_wilayah["kel_a"], sesi=s)

    tambah(2)
    client.get(d.get_absolute_url())
    with django_assert_max_num_queries(40) as awal:
        client.get(d.get_absolute_url())
    tambah(6)
    with django_assert_max_num_queries(len(awal.captured_queries)):
        client.get(d.get_absolute_url())


def test_tombol_status_mengubah_dan_menolak_dengan_pesan(client, bappeda):
    d = diklat_di(status=StatusDiklat.RENCANA, mulai=timezone.localdate() + dt.timedelta(days=5))
    client.force_login(bappeda)
    url = reverse("pelatihan:diklat-status", args=[d.pk])
    response = client.post(url, {"status": "terlaksana"}, follow=True)
    assert "tidak dapat diubah menjadi Terlaksana" in isi(response)
    assert Diklat.objects.get().status == StatusDiklat.RENCANA
    response = client.post(url, {"status": "bukan-status"}, follow=True)
    assert "tidak dikenal" in isi(response) and Diklat.objects.get().status == StatusDiklat.RENCANA
    client.post(url, {"status": "pendaftaran"})
    assert Diklat.objects.get().status == StatusDiklat.PENDAFTARAN
    assert client.get(url).status_code == 405


def test_tombol_status_luar_lingkup_404_dan_wali_kota_403(client, walikota, operator_a, dua_wilayah):
    d = diklat_di(dua_wilayah["kel_b"], status=StatusDiklat.RENCANA)
    client.force_login(operator_a)
    assert client.post(reverse("pelatihan:diklat-status", args=[d.pk]), {"status": "batal"}).status_code == 404
    client.force_login(walikota)
    assert client.post(reverse("pelatihan:diklat-status", args=[d.pk]), {"status": "batal"}).status_code == 403
    assert Diklat.objects.get().status == StatusDiklat.RENCANA


def test_hapus_diklat(client, bappeda, dua_wilayah):
    kosong = diklat_di(judul="Kosong")
    berpeserta = diklat_di(judul="Berpeserta")
    peserta_di(berpeserta, dua_wilayah["kel_a"])
    client.force_login(bappeda)
    assert client.get(reverse("pelatihan:diklat-delete", args=[kosong.pk])).status_code == 200
    response = client.post(reverse("pelatihan:diklat-delete", args=[berpeserta.pk]), follow=True)
    assert "sudah mempunyai peserta" in isi(response)
    response = client.post(reverse("pelatihan:diklat-delete", args=[kosong.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("pelatihan:diklat-list")
    assert list(Diklat.objects.values_list("judul", flat=True)) == ["Berpeserta"]


# --- forms --------------------------------------------------------------------------------------


def test_operator_mencatat_diklat_kelurahannya(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    form = client.get(reverse("pelatihan:diklat-create")).context["form"]
    assert form.fields["kelurahan"].disabled and form.fields["kecamatan"].disabled
    assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"]]
    # A forged POST naming another kelurahan: the fixed field keeps the operator's own.
    response = client.post(reverse("pelatihan:diklat-create"), data_diklat(kelurahan=dua_wilayah["kel_b"].pk, kecamatan=dua_wilayah["kec_b"].pk))
    assert response.status_code == 302, response.context["form"].errors
    d = Diklat.objects.get()
    assert (d.kelurahan, d.kecamatan, d.status, d.tanggal_mulai, d.tanggal_selesai) == (dua_wilayah["kel_a"], dua_wilayah["kec_a"], "rencana", dt.date(2026, 12, 7), dt.date(2026, 12, 8))
    assert response["Location"] == d.get_absolute_url()
    assert d.sesi_set.get().tempat == "Aula Bappeda"


def test_camat_memilih_kelurahannya_saja(client, camat_a, dua_wilayah):
    client.force_login(camat_a)
    response = client.post(reverse("pelatihan:diklat-create"), data_diklat(kelurahan=dua_wilayah["kel_b"].pk))
    assert response.status_code == 200 and "kelurahan" in response.context["form"].errors
    assert not Diklat.objects.exists()
    form = client.get(reverse("pelatihan:diklat-create")).context["form"]
    assert list(form.fields["kecamatan"].queryset) == [dua_wilayah["kec_a"]] and form.fields["kecamatan"].required
    response = client.post(reverse("pelatihan:diklat-create"), data_diklat(kecamatan=""))  # a city diklat is not a camat's
    assert "tidak boleh kosong" in " ".join(response.context["form"].errors["kecamatan"])
    response = client.post(reverse("pelatihan:diklat-create"), data_diklat(kecamatan=dua_wilayah["kec_b"].pk))
    assert "kecamatan" in response.context["form"].errors
    assert not Diklat.objects.exists()
    response = client.post(reverse("pelatihan:diklat-create"), data_diklat(kecamatan=dua_wilayah["kec_a"].pk, kelurahan=dua_wilayah["kel_a"].pk))
    assert response.status_code == 302
    assert (Diklat.objects.get().kecamatan, Diklat.objects.get().kelurahan) == (dua_wilayah["kec_a"], dua_wilayah["kel_a"])


@pytest.mark.parametrize(
    "ubah, kolom, teks",
    [
        ({"tanggal_selesai": "2026-12-01"}, "tanggal_selesai", "tidak boleh sebelum tanggal mulai"),
        ({"tanggal_selesai": "2027-03-01"}, "tanggal_selesai", "paling lama 31 hari"),
        ({"tempat": ""}, "tempat", "tidak boleh kosong"),
        ({"kuota": "0"}, "kuota", ""),
        ({"persen_hadir_minimal": "120"}, "persen_hadir_minimal", ""),
        ({"tanggal_mulai": "31/02/2026"}, "tanggal_mulai", ""),
    ],
)
def test_formulir_diklat_salah_tanpa_menulis(client, bappeda, ubah, kolom, teks):
    client.force_login(bappeda)
    response = client.post(reverse("pelatihan:diklat-create"), data_diklat(**ubah))
    assert response.status_code == 200
    galat = " ".join(response.context["form"].errors.get(kolom, []))
    assert galat and teks in galat, response.context["form"].errors
    assert not Diklat.objects.exists() and not SesiDiklat.objects.exists()


def test_ubah_kuota_di_bawah_peserta_ditolak_di_kolomnya(client, bappeda, dua_wilayah):
    d = diklat_di(kuota=3)
    peserta_di(d, dua_wilayah["kel_a"])
    peserta_di(d, dua_wilayah["kel_a"])
    client.force_login(bappeda)
    data = data_diklat(kuota="1")
    response = client.post(reverse("pelatihan:diklat-update", args=[d.pk]), data)
    assert "kurang dari peserta yang sudah terdaftar (2 orang)" in " ".join(response.context["form"].errors["kuota"])
    assert Diklat.objects.get().kuota == 3
    assert "tempat" not in response.context["form"].fields
    response = client.post(reverse("pelatihan:diklat-update", args=[d.pk]), data_diklat(kuota="2", judul="Judul baru"))
    assert response.status_code == 302
    assert Diklat.objects.get().judul == "Judul baru"


def test_wali_kota_tidak_membuka_formulir(client, walikota):
    d = diklat_di()
    client.force_login(walikota)
    for url in (reverse("pelatihan:diklat-create"), reverse("pelatihan:diklat-update", args=[d.pk]), reverse("pelatihan:sesi-create", args=[d.pk]),
                reverse("pelatihan:narasumber-create"), reverse("pelatihan:instansi-create")):  # fmt: skip
        assert client.get(url).status_code == 403, url
        assert client.post(url, data_diklat()).status_code == 403, url
    assert Diklat.objects.count() == 1


def test_sesi_dan_materi_lewat_halaman(client, operator_a, operator_b, dua_wilayah):
    d = diklat_di(dua_wilayah["kel_a"], hari=1)
    client.force_login(operator_a)
    url = reverse("pelatihan:sesi-create", args=[d.pk])
    response = client.post(url, {"nama": "Hari kedua", "tempat": "Balai RW 03", "tanggal_mulai": "2025-06-02", "tanggal_selesai": "2025-05-30"})
    assert "tidak boleh sebelum tanggal mulai" in " ".join(response.context["form"].errors["tanggal_selesai"])
    response = client.post(url, {"nama": "Hari kedua", "tempat": "Balai RW 03", "tanggal_mulai": "2025-06-02", "tanggal_selesai": "2025-06-02"})
    assert response.status_code == 302 and response["Location"] == d.get_absolute_url() + "#sesi"
    sesi = d.sesi_set.get(nama="Hari kedua")
    d.refresh_from_db()
    assert d.tanggal_selesai == dt.date(2025, 6, 2)

    nara = narasumber("Drs. Bambang", "Dispopar")
    url = reverse("pelatihan:materi-create", args=[sesi.pk])
    body = isi(client.get(url))
    assert "Drs. Bambang (Dispopar)" in body and 'id="narasumber-baru"' not in body, "operators choose, they do not add speakers"
    response = client.post(url, {"judul": "Desa wisata", "tanggal": "2025-06-03", "jam_mulai": "", "jam_selesai": "", "narasumber": nara.pk})
    assert "Hari materi harus di antara tanggal sesi" in " ".join(response.context["form"].errors["tanggal"])
    assert not Materi.objects.exists()
    response = client.post(url, {"judul": "Desa wisata", "tanggal": "2025-06-02", "jam_mulai": "09:00", "jam_selesai": "10:30", "narasumber": nara.pk})
    assert response.status_code == 302
    materi = Materi.objects.get()
    assert (materi.narasumber, materi.jam_selesai) == (nara, dt.time(10, 30))
    # Shortening the session so the module falls outside: refused on the form.
    response = client.post(reverse("pelatihan:sesi-update", args=[sesi.pk]), {"nama": "Hari kedua", "tempat": "Balai RW 03", "tanggal_mulai": "2025-06-03", "tanggal_selesai": "2025-06-03"})
    assert "di luar tanggal baru sesi ini" in " ".join(response.context["form"].errors["tanggal_mulai"])
    # Another kelurahan's operator: 404 on every page of this diklat's sessions and modules.
    client.force_login(operator_b)
    for url in (reverse("pelatihan:sesi-create", args=[d.pk]), reverse("pelatihan:sesi-update", args=[sesi.pk]), reverse("pelatihan:sesi-delete", args=[sesi.pk]),
                reverse("pelatihan:materi-create", args=[sesi.pk]), reverse("pelatihan:materi-update", args=[materi.pk]), reverse("pelatihan:materi-delete", args=[materi.pk])):  # fmt: skip
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert Materi.objects.count() == 1 and d.sesi_set.count() == 2


def test_hapus_sesi_dan_materi(client, bappeda):
    d = diklat_di()
    kedua = sesi_di(d, mulai=dt.date(2025, 6, 10), hari=1)
    materi = Materi.objects.create(sesi=kedua, judul="Materi", tanggal=kedua.tanggal_mulai)
    client.force_login(bappeda)
    assert client.post(reverse("pelatihan:materi-delete", args=[materi.pk])).status_code == 302
    assert not Materi.objects.exists()
    client.post(reverse("pelatihan:sesi-delete", args=[kedua.pk]))
    response = client.post(reverse("pelatihan:sesi-delete", args=[d.sesi_set.get().pk]), follow=True)
    assert "satu-satunya sesi" in isi(response)
    d.refresh_from_db()
    assert d.sesi_set.count() == 1 and d.tanggal_selesai == dt.date(2025, 5, 28)


# --- the speaker directory and the institutions -------------------------------------------------


def test_narasumber_daftar_cari_dan_duplikat(client, camat_a):
    narasumber("Dr. Hari Santoso", "BPSDM Jatim")
    narasumber("Ir. Sri Wahyuni", "DKUP")
    client.force_login(camat_a)
    url = reverse("pelatihan:narasumber-list")
    response = client.get(url + "?q=hari")
    assert [n.nama for n in response.context["object_list"]] == ["Dr. Hari Santoso"]
    bpsdm = Instansi.objects.get(singkatan="BPSDM Jatim")
    response = client.post(reverse("pelatihan:narasumber-create"), {"nama": "dr.  hari santoso", "jabatan": "", "instansi": bpsdm.pk, "telepon": ""})
    assert "sudah ada di daftar" in " ".join(response.context["form"].errors["nama"])
    response = client.post(reverse("pelatihan:narasumber-create"), {"nama": "Drs. Baru", "jabatan": "", "instansi": bpsdm.pk, "telepon": "0812-3456-789x"})
    assert "telepon" in response.context["form"].errors
    assert Narasumber.objects.count() == 2


def test_narasumber_baru_kembali_ke_formulir_materi(client, bappeda):
    d = diklat_di()
    sesi = d.sesi_set.get()
    client.force_login(bappeda)
    url_materi = reverse("pelatihan:materi-create", args=[sesi.pk])
    body = isi(client.get(url_materi))
    assert 'id="narasumber-baru"' in body
    response = client.post(reverse("pelatihan:narasumber-create") + "?kembali=" + url_materi, {"nama": "Drs. Baru", "jabatan": "Kabid", "instansi": instansi("DKUP").pk, "telepon": "+62 812 3456 7890"})
    assert response.status_code == 302 and response["Location"] == url_materi
    assert Narasumber.objects.get().telepon == "081234567890"
    response = client.post(reverse("pelatihan:narasumber-create") + "?kembali=https://contoh.invalid/", {"nama": "Drs. Lain", "jabatan": "", "instansi": instansi("DKUP").pk, "telepon": ""})
    assert response["Location"] == reverse("pelatihan:narasumber-list")


def test_instansi_daftar_dan_formulir(client, bappeda, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("pelatihan:instansi-list") + "?q=bkpsdm")
    assert [i.singkatan for i in response.context["object_list"]] == ["BKPSDM"]
    assert reverse("pelatihan:instansi-create") not in isi(response)
    assert client.get(reverse("pelatihan:instansi-create")).status_code == 403
    client.force_login(bappeda)
    response = client.post(reverse("pelatihan:instansi-create"), {"nama": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "singkatan": "X"})
    assert "nama" in response.context["form"].errors
    assert client.post(reverse("pelatihan:instansi-create"), {"nama": "Dinas Lingkungan Hidup", "singkatan": "DLH"}).status_code == 302
    assert Instansi.objects.filter(singkatan="DLH").exists()


def test_petunjuk_format_nomor_sertifikat_terbaca(client, bappeda):
    client.force_login(bappeda)
    assert "DIKLAT-&lt;nomor diklat&gt;/&lt;tahun&gt;" in isi(client.get(reverse("pelatihan:diklat-create")))
