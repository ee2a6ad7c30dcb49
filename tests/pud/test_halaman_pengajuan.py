"""The kelurahan's pages of the PUD workflow (issue 12): a pengajuan's page, its FGD record,
participants, nominations with scores, "none in this category", and the step confirmation.

Who sees what is ``for_user``; which steps are offered is ``services.langkah_tersedia``; every
write and every refusal is the service's. These tests check that the pages follow them: 200 /
403 / 404 per role, the forms' happy paths, each refusal with its message and nothing written."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pud import services
from pud.models import (
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    LangkahPUD,
    NilaiUsulan,
    PengajuanPUD,
    PeranPeserta,
    PesertaFGD,
    Siklus,
    StatusPengajuan,
    StatusSiklus,
    Usulan,
)
from tests.berkas import pdf_bytes
from tests.factories import make_user
from tests.pud.factories import (
    TANGGAL_FGD,
    UMKMFactory,
    beri_berita_acara,
    pengajuan_berstatus,
    pengajuan_di,
    pengajuan_lengkap,
    usulan_di,
)
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _masuk(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def operator_b(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")


@pytest.fixture
def draf(dua_wilayah):
    """Kebonsari Wetan's pengajuan, complete, still draf."""
    return pengajuan_lengkap(dua_wilayah["kel_a"])


@pytest.fixture
def luar(dua_wilayah):
    """Ketapang's pengajuan (outside the operator's and the camat's scope)."""
    return pengajuan_lengkap(dua_wilayah["kel_b"])


def _status(pengajuan, status):
    PengajuanPUD.objects.filter(pk=pengajuan.pk).update(status=status)
    pengajuan.refresh_from_db()
    return pengajuan


# --------------------------------------------------------------------------- who opens what


@pytest.mark.parametrize("peran", ["operator", "camat", "bappeda", "walikota"])
def test_halaman_pengajuan_dan_usulan_menurut_lingkup(client, peran, draf, luar, operator_a, camat_a, bappeda, walikota):
    user = {"operator": operator_a, "camat": camat_a, "bappeda": bappeda, "walikota": walikota}[peran]
    _masuk(client, user)
    sekota = peran in ("bappeda", "walikota")
    for pengajuan in (draf, luar):
        harap = 200 if pengajuan is draf or sekota else 404
        assert client.get(reverse("pud:pengajuan-detail", args=[pengajuan.pk])).status_code == harap
        usulan = pengajuan.usulan_set.first()
        assert client.get(reverse("pud:usulan-detail", args=[usulan.pk])).status_code == harap
        assert client.get(reverse("pud:pengajuan-berita-acara-berkas", args=[pengajuan.pk])).status_code == harap


@pytest.mark.parametrize("peran", ["camat", "bappeda", "walikota"])
def test_halaman_pengubah_hanya_untuk_operator(client, peran, draf, camat_a, bappeda, walikota):
    """The roles that never change a pengajuan's content get 403 on its forms, GET and POST, and nothing is written."""
    _masuk(client, {"camat": camat_a, "bappeda": bappeda, "walikota": walikota}[peran])
    peserta = PesertaFGD.objects.create(pengajuan=draf, peran=PeranPeserta.LURAH, nama="Bu Lurah")
    usulan = draf.usulan_set.first()
    url = [
        reverse("pud:pengajuan-berita-acara", args=[draf.pk]),
        reverse("pud:peserta-create", args=[draf.pk]),
        reverse("pud:peserta-hapus", args=[peserta.pk]),
        reverse("pud:usulan-create", args=[draf.pk]),
        reverse("pud:usulan-update", args=[usulan.pk]),
        reverse("pud:usulan-hapus", args=[usulan.pk]),
        reverse("pud:kosong-create", args=[draf.pk]),
    ]
    for u in url:
        assert client.get(u).status_code == 403, u
        assert client.post(u, {"nama": "x", "peran": "lurah", "kategori": "agro", "alasan": "x"}).status_code == 403, u
    assert PesertaFGD.objects.filter(pk=peserta.pk).exists() and Usulan.objects.filter(pk=usulan.pk).exists()
    assert not KategoriKosong.objects.exists()


def test_halaman_pengubah_di_luar_lingkup_404(client, operator_a, luar):
    _masuk(client, operator_a)
    peserta = PesertaFGD.objects.create(pengajuan=luar, peran=PeranPeserta.LURAH, nama="Pak Lurah Ketapang")
    kosong = KategoriKosong.objects.create(pengajuan=luar, kategori=KategoriPUD.BUDAYA, alasan="Tidak ada")
    usulan = luar.usulan_set.first()
    url = [
        reverse("pud:pengajuan-berita-acara", args=[luar.pk]),
        reverse("pud:peserta-create", args=[luar.pk]),
        reverse("pud:peserta-hapus", args=[peserta.pk]),
        reverse("pud:usulan-create", args=[luar.pk]),
        reverse("pud:usulan-update", args=[usulan.pk]),
        reverse("pud:usulan-hapus", args=[usulan.pk]),
        reverse("pud:kosong-create", args=[luar.pk]),
        reverse("pud:kosong-hapus", args=[kosong.pk]),
        reverse("pud:pengajuan-langkah", args=[luar.pk, "ajukan"]),
    ]
    for u in url:
        assert client.get(u).status_code == 404, u
        assert client.post(u, {"nama": "x", "peran": "lurah", "kategori": "agro", "alasan": "x"}).status_code == 404, u
    assert PesertaFGD.objects.filter(pk=peserta.pk).exists() and KategoriKosong.objects.filter(pk=kosong.pk).exists()
    assert Usulan.objects.filter(pk=usulan.pk).exists()
    luar.refresh_from_db()
    assert luar.status == StatusPengajuan.DRAF


# --------------------------------------------------------------------------- the pengajuan's page


def test_halaman_pengajuan_memuat_semuanya(client, operator_a, camat_a, dua_wilayah):
    pengajuan = beri_berita_acara(pengajuan_di(dua_wilayah["kel_a"], jadwal_fgd=datetime.date(2026, 10, 5), jadwal_tempat="Aula Kelurahan"))
    PengajuanPUD.objects.filter(pk=pengajuan.pk).update(nomor_berita_acara="005/BA-PUD/425.304.1/2026")
    pengajuan.refresh_from_db()
    utama = usulan_di(pengajuan, KategoriPUD.AGRO, produk="Keripik Mangga Manalagi")
    alternatif = usulan_di(pengajuan, KategoriPUD.AGRO, utama=False, produk="Sirup Mangga")
    kriteria = list(KriteriaPUD.objects.filter(siklus=pengajuan.siklus))
    NilaiUsulan.objects.create(usulan=utama, kriteria=kriteria[0], skor=5)  # bobot 3 -> 15
    NilaiUsulan.objects.create(usulan=utama, kriteria=kriteria[1], skor=4)  # bobot 2 -> 8
    KategoriKosong.objects.create(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, alasan="Sanggar tari sedang vakum.")
    PesertaFGD.objects.create(pengajuan=pengajuan, peran=PeranPeserta.CAMAT, nama="Drs. Camat Kanigaran")
    PesertaFGD.objects.create(pengajuan=pengajuan, peran=PeranPeserta.UMKM, nama="Bu Siti", jabatan="UMKM Keripik")
    PesertaFGD.objects.create(pengajuan=pengajuan, peran=PeranPeserta.LURAH, nama="Pak Lurah")
    camat_a.first_name, camat_a.last_name = "Hadi", "Santoso"
    camat_a.save()
    LangkahPUD.objects.create(pengajuan=pengajuan, aksi="kembalikan", dari_status="diajukan", ke_status="dikembalikan", oleh=camat_a, catatan="Lengkapi skor.")

    response = _masuk(client, operator_a).get(reverse("pud:pengajuan-detail", args=[pengajuan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "5 Oktober 2026" in body and "Aula Kelurahan" in body and "12 Oktober 2026" in body
    assert "005/BA-PUD/425.304.1/2026" in body
    assert reverse("pud:pengajuan-berita-acara-berkas", args=[pengajuan.pk]) in body
    # participants by role, in the order of the roles
    assert [peran for peran, _ in response.context["peserta"]] == ["Camat", "Lurah", "Perwakilan UMKM"]
    # the three categories: a main with its weighted total and an alternative; none; "none" with its reason
    kolom = {k.kode: k for k in response.context["kategori"]}
    assert kolom["agro"].utama == utama and kolom["agro"].utama.total == 23 and kolom["agro"].alternatif == [alternatif]
    assert kolom["kerajinan"].utama is None and kolom["kerajinan"].kosong is None
    assert kolom["budaya"].kosong.alasan == "Sanggar tari sedang vakum."
    assert "Keripik Mangga Manalagi" in body and "Sirup Mangga" in body and "Sanggar tari sedang vakum." in body
    # what is missing (editable), from the service
    assert response.context["kurang"] == services.kelengkapan_pengajuan(pengajuan)
    assert "Kategori Kerajinan: pilih satu usulan utama" in body
    # the step log: label, from -> to, who (full name), when, note
    assert "Kembalikan ke kelurahan" in body and "Diajukan &rarr; Dikembalikan" in body and "Hadi Santoso" in body
    assert "Lengkapi skor." in body
    # edit links for the kelurahan's operator
    assert f'href="{reverse("pud:pengajuan-berita-acara", args=[pengajuan.pk])}"' in body
    assert reverse("pud:usulan-create", args=[pengajuan.pk]) + "?kategori=kerajinan" in body
    assert reverse("pud:kosong-create", args=[pengajuan.pk]) + "?kategori=kerajinan" in body
    assert reverse("pud:kosong-create", args=[pengajuan.pk]) + "?kategori=agro" not in body  # agro has its main
    assert 'id="riwayat"' in body
    assert 'class="table-responsive"' in body

    # the camat reads the same page without any edit link
    client.force_login(camat_a)
    body = client.get(reverse("pud:pengajuan-detail", args=[pengajuan.pk])).content.decode()
    assert "Keripik Mangga Manalagi" in body
    for nama in ("pud:pengajuan-berita-acara", "pud:usulan-create", "pud:kosong-create", "pud:peserta-create"):
        assert f'href="{reverse(nama, args=[pengajuan.pk])}"' not in body and f'href="{reverse(nama, args=[pengajuan.pk])}?' not in body, nama


def test_tanpa_tautan_ubah_setelah_diajukan(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    response = _masuk(client, operator_a).get(reverse("pud:pengajuan-detail", args=[pengajuan.pk]))
    body = response.content.decode()
    assert response.context["boleh_ubah"] is False and response.context["kurang"] == []
    assert f'href="{reverse("pud:pengajuan-berita-acara", args=[pengajuan.pk])}"' not in body
    assert f'href="{reverse("pud:usulan-create", args=[pengajuan.pk])}' not in body
    assert 'id="kurang"' not in body


def test_tautan_pdf_berita_acara_hanya_bila_ada(client, operator_a, draf):
    """Helper C's printable PDF is linked when the URLconf has it (the page never fails without it)."""
    response = _masuk(client, operator_a).get(reverse("pud:pengajuan-detail", args=[draf.pk]))
    url = response.context["url_berita_acara_pdf"]
    if url is None:
        assert "Cetak (PDF)" not in response.content.decode()
    else:
        assert url == reverse("pud:pengajuan-berita-acara-pdf", args=[draf.pk]) and url in response.content.decode()


def _tombol(response) -> list[str]:
    return [l.kode for l in response.context["langkah_tersedia"]]


@pytest.mark.parametrize(
    "status, dibuka, harap",
    [
        (StatusPengajuan.DRAF, True, {"operator": ["ajukan"], "camat": [], "bappeda": [], "walikota": []}),
        (StatusPengajuan.DIAJUKAN, True, {"operator": ["tarik"], "camat": ["verifikasi", "kembalikan"], "bappeda": [], "walikota": []}),
        (StatusPengajuan.DIKEMBALIKAN, True, {"operator": ["ajukan"], "camat": [], "bappeda": [], "walikota": []}),
        (StatusPengajuan.DIVERIFIKASI, True, {"operator": [], "camat": ["batal_verifikasi"], "bappeda": ["tetapkan"], "walikota": []}),
        (StatusPengajuan.DIVERIFIKASI, False, {"operator": [], "camat": [], "bappeda": ["tetapkan"], "walikota": []}),
        (StatusPengajuan.DITETAPKAN, False, {"operator": [], "camat": [], "bappeda": [], "walikota": []}),
    ],
)
def test_tombol_langkah_sama_dengan_langkah_tersedia(client, status, dibuka, harap, dua_wilayah, operator_a, camat_a, bappeda, walikota):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], status)
    if not dibuka:
        Siklus.objects.filter(pk=pengajuan.siklus_id).update(status=StatusSiklus.DITUTUP, ditutup_pada="2026-11-20T00:00:00+07:00")
    for peran, user in {"operator": operator_a, "camat": camat_a, "bappeda": bappeda, "walikota": walikota}.items():
        client.force_login(user)
        response = client.get(reverse("pud:pengajuan-detail", args=[pengajuan.pk]))
        assert _tombol(response) == harap[peran], peran
        assert _tombol(response) == [l.kode for l in services.langkah_tersedia(user, pengajuan)]
        body = response.content.decode()
        for kode in ("ajukan", "tarik", "verifikasi", "kembalikan", "batal_verifikasi", "tetapkan"):
            url = reverse("pud:pengajuan-langkah", args=[pengajuan.pk, kode])
            assert (f'href="{url}"' in body) == (kode in harap[peran]), (peran, kode)


def _jumlah_kueri(client, pengajuan) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("pud:pengajuan-detail", args=[pengajuan.pk])).status_code == 200
    return len(kueri)


@pytest.mark.parametrize("peran", ["operator", "camat"])
def test_jumlah_kueri_halaman_pengajuan_tetap(client, peran, draf, operator_a, camat_a, django_assert_max_num_queries):
    user = operator_a if peran == "operator" else camat_a
    _masuk(client, user)
    sedikit = _jumlah_kueri(client, draf)
    kriteria = list(KriteriaPUD.objects.filter(siklus=draf.siklus))
    for i in range(6):
        u = usulan_di(draf, list(KategoriPUD)[i % 3], utama=False)
        for k in kriteria:
            NilaiUsulan.objects.create(usulan=u, kriteria=k, skor=1 + i % 5)
        PesertaFGD.objects.create(pengajuan=draf, peran=list(PeranPeserta)[i % 7], nama=f"Peserta {i}")
        LangkahPUD.objects.create(pengajuan=draf, aksi="tarik", dari_status="diajukan", ke_status="draf", oleh=operator_a)
    assert _jumlah_kueri(client, draf) == sedikit
    with django_assert_max_num_queries(19):
        client.get(reverse("pud:pengajuan-detail", args=[draf.pk]))


# --------------------------------------------------------------------------- the FGD record


def test_berita_acara_disimpan_dan_pindaiannya_diunduh(client, operator_a, dua_wilayah, operator_b):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    _masuk(client, operator_a)
    url = reverse("pud:pengajuan-berita-acara", args=[pengajuan.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "tanggal_fgd": "2026-10-12", "tempat_fgd": "Aula Kelurahan", "nomor_berita_acara": "005/BA/2026",
        "berita_acara": SimpleUploadedFile("ba.pdf", pdf_bytes("Berita acara"), content_type="application/pdf"),
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == pengajuan.get_absolute_url()
    pengajuan.refresh_from_db()
    assert pengajuan.tanggal_fgd == datetime.date(2026, 10, 12) and pengajuan.nomor_berita_acara == "005/BA/2026"
    assert pengajuan.berita_acara.name.endswith(".pdf") and pengajuan.status == StatusPengajuan.DRAF
    berkas = client.get(reverse("pud:pengajuan-berita-acara-berkas", args=[pengajuan.pk]))
    assert berkas.status_code == 200 and berkas["Content-Type"] == "application/pdf" and berkas["Content-Security-Policy"] == "sandbox"
    client.force_login(operator_b)
    assert client.get(reverse("pud:pengajuan-berita-acara-berkas", args=[pengajuan.pk])).status_code == 404


def test_berita_acara_tanpa_berkas_404(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    assert _masuk(client, operator_a).get(reverse("pud:pengajuan-berita-acara-berkas", args=[pengajuan.pk])).status_code == 404


def test_berita_acara_tanggal_masa_depan_ditolak(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    response = _masuk(client, operator_a).post(reverse("pud:pengajuan-berita-acara", args=[pengajuan.pk]), {"tanggal_fgd": "2099-01-05", "tempat_fgd": "Aula"})
    assert response.status_code == 200
    assert "tidak boleh di masa depan" in str(response.context["form"].errors["tanggal_fgd"])
    pengajuan.refresh_from_db()
    assert pengajuan.tanggal_fgd is None and pengajuan.tempat_fgd == ""


def test_tidak_dapat_diubah_setelah_diajukan(client, operator_a, dua_wilayah):
    """After submitting, the forms are not offered (GET goes back with the reason) and a POST is
    refused by the service with the same message; nothing changes."""
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    usulan = pengajuan.usulan_set.get(kategori=KategoriPUD.AGRO)
    _masuk(client, operator_a)
    for url in (
        reverse("pud:pengajuan-berita-acara", args=[pengajuan.pk]),
        reverse("pud:peserta-create", args=[pengajuan.pk]),
        reverse("pud:usulan-create", args=[pengajuan.pk]),
        reverse("pud:usulan-update", args=[usulan.pk]),
        reverse("pud:usulan-hapus", args=[usulan.pk]),
        reverse("pud:kosong-create", args=[pengajuan.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == pengajuan.get_absolute_url(), url
        assert services.PESAN_TERKUNCI in _pesan(response)
    response = client.post(reverse("pud:pengajuan-berita-acara", args=[pengajuan.pk]), {"tanggal_fgd": "2026-10-01", "tempat_fgd": "Lain"})
    assert response.status_code == 200 and services.PESAN_TERKUNCI in response.context["form"].non_field_errors()
    response = client.post(reverse("pud:usulan-update", args=[usulan.pk]), {"kategori": "agro", "umkm": usulan.umkm_id, "produk": "Diubah", "utama": "on"})
    assert response.status_code == 200 and services.PESAN_TERKUNCI in response.context["form"].non_field_errors()
    response = client.post(reverse("pud:peserta-create", args=[pengajuan.pk]), {"peran": "lurah", "nama": "Pak Lurah"})
    assert response.status_code == 200 and services.PESAN_TERKUNCI in response.context["form"].non_field_errors()
    response = client.post(reverse("pud:usulan-hapus", args=[usulan.pk]))
    assert response.status_code == 302 and services.PESAN_TERKUNCI in _pesan(response)
    pengajuan.refresh_from_db()
    usulan.refresh_from_db()
    assert pengajuan.tanggal_fgd == TANGGAL_FGD and usulan.produk != "Diubah" and not PesertaFGD.objects.exists()


# --------------------------------------------------------------------------- participants


def test_peserta_tambah_dan_hapus(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    _masuk(client, operator_a)
    response = client.post(reverse("pud:peserta-create", args=[pengajuan.pk]), {"peran": "kasi_pemmas", "nama": "Ibu Rina", "jabatan": "Kasi Pemmas"})
    assert response.status_code == 302 and response["Location"] == pengajuan.get_absolute_url()
    peserta = PesertaFGD.objects.get()
    assert (peserta.pengajuan, peserta.peran, peserta.nama) == (pengajuan, "kasi_pemmas", "Ibu Rina")
    assert "Ibu Rina" in client.get(pengajuan.get_absolute_url()).content.decode()
    # no name: the form says so
    response = client.post(reverse("pud:peserta-create", args=[pengajuan.pk]), {"peran": "lurah", "nama": ""})
    assert response.status_code == 200 and "nama" in response.context["form"].errors
    # delete: a confirmation page, then POST
    url = reverse("pud:peserta-hapus", args=[peserta.pk])
    assert client.get(url).status_code == 200 and PesertaFGD.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and not PesertaFGD.objects.exists()


# --------------------------------------------------------------------------- nominations


def _data_usulan(umkm, *, kategori="agro", utama=True, nilai=None, produk="Keripik mangga"):
    data = {"kategori": kategori, "umkm": umkm.pk, "produk": produk, "alasan": "Bahan dari kebun warga.", "utama": "on" if utama else ""}
    for k, s in (nilai or {}).items():
        data[f"nilai_{k}"] = s
    return data


def test_usulan_tambah_dengan_skor_dan_halaman_skornya(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"], nama_usaha="Keripik Bu Siti")
    kriteria = list(KriteriaPUD.objects.filter(siklus=pengajuan.siklus))
    _masuk(client, operator_a)
    url = reverse("pud:usulan-create", args=[pengajuan.pk])
    response = client.get(url + "?kategori=budaya")
    assert response.status_code == 200 and response.context["form"]["kategori"].value() == "budaya"
    assert [f"nilai_{k.pk}" for k in kriteria] == [n for n in response.context["form"].fields if n.startswith("nilai_")]
    assert client.get(url + "?kategori=bukan").context["form"]["kategori"].value() in ("", None)
    response = client.post(url, _data_usulan(umkm, nilai={kriteria[0].pk: 5, kriteria[1].pk: 3}))
    assert response.status_code == 302 and response["Location"] == pengajuan.get_absolute_url()
    usulan = Usulan.objects.get()
    assert usulan.utama and usulan.umkm == umkm and usulan.pengajuan == pengajuan
    assert dict(usulan.nilai_set.values_list("kriteria_id", "skor")) == {kriteria[0].pk: 5, kriteria[1].pk: 3}

    response = client.get(reverse("pud:usulan-detail", args=[usulan.pk]))
    assert response.status_code == 200
    assert response.context["total"] == 5 * kriteria[0].bobot + 3 * kriteria[1].bobot == 21
    assert response.context["skor_maks"] == sum(k.bobot for k in kriteria) * 5
    assert [b["skor"] for b in response.context["nilai"]] == [5, 3, None, None, None, None]
    body = response.content.decode()
    assert "Keripik Bu Siti" in body and reverse("pud:usulan-update", args=[usulan.pk]) in body and 'class="table-responsive"' in body

    # change: one score changed, one cleared, one added
    response = client.post(reverse("pud:usulan-update", args=[usulan.pk]), _data_usulan(umkm, nilai={kriteria[0].pk: 4, kriteria[2].pk: 2}, produk="Keripik mangga madu"))
    assert response.status_code == 302
    usulan.refresh_from_db()
    assert usulan.produk == "Keripik mangga madu"
    assert dict(usulan.nilai_set.values_list("kriteria_id", "skor")) == {kriteria[0].pk: 4, kriteria[2].pk: 2}


def test_usulan_detail_tanpa_tautan_ubah_bagi_camat(client, camat_a, draf):
    usulan = draf.usulan_set.first()
    response = _masuk(client, camat_a).get(reverse("pud:usulan-detail", args=[usulan.pk]))
    assert response.status_code == 200 and not response.context["boleh_ubah"]
    assert reverse("pud:usulan-update", args=[usulan.pk]) not in response.content.decode()


def test_usulan_utama_kedua_ditolak_dengan_pesan(client, operator_a, draf, dua_wilayah):
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    response = _masuk(client, operator_a).post(reverse("pud:usulan-create", args=[draf.pk]), _data_usulan(umkm))
    assert response.status_code == 200
    assert "sudah punya usulan utama" in str(response.context["form"].errors["utama"])
    assert draf.usulan_set.filter(kategori="agro").count() == 1
    # as an alternative it is accepted
    response = client.post(reverse("pud:usulan-create", args=[draf.pk]), _data_usulan(umkm, utama=False))
    assert response.status_code == 302 and draf.usulan_set.filter(kategori="agro", utama=False, umkm=umkm).exists()


def test_usulan_umkm_kelurahan_lain_ditolak(client, operator_a, dua_wilayah):
    """A forged POST with another kelurahan's UMKM (or an inactive one) is not a valid choice; nothing is written."""
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    lain = UMKMFactory(kelurahan=dua_wilayah["kel_b"])
    tutup = UMKMFactory(kelurahan=dua_wilayah["kel_a"], aktif=False)
    sendiri = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    _masuk(client, operator_a)
    url = reverse("pud:usulan-create", args=[pengajuan.pk])
    assert list(client.get(url).context["form"].fields["umkm"].queryset) == [sendiri]
    for umkm in (lain, tutup):
        response = client.post(url, _data_usulan(umkm))
        assert response.status_code == 200 and "umkm" in response.context["form"].errors
    assert not Usulan.objects.exists()


def test_usulan_skor_di_luar_1_sampai_5_ditolak(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    k = KriteriaPUD.objects.filter(siklus=pengajuan.siklus).first()
    response = _masuk(client, operator_a).post(reverse("pud:usulan-create", args=[pengajuan.pk]), _data_usulan(umkm, nilai={k.pk: 7}))
    assert response.status_code == 200 and f"nilai_{k.pk}" in response.context["form"].errors
    assert not Usulan.objects.exists()


def test_usulan_hapus(client, operator_a, draf):
    usulan = draf.usulan_set.get(kategori="kerajinan")
    _masuk(client, operator_a)
    url = reverse("pud:usulan-hapus", args=[usulan.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == draf.get_absolute_url()
    assert not Usulan.objects.filter(pk=usulan.pk).exists()


# --------------------------------------------------------------------------- "none in this category"


def test_kategori_kosong_tambah_tolak_dan_hapus(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    usulan_di(pengajuan, KategoriPUD.AGRO)
    _masuk(client, operator_a)
    url = reverse("pud:kosong-create", args=[pengajuan.pk])
    assert client.get(url + "?kategori=budaya").context["form"]["kategori"].value() == "budaya"
    # a category with a main nomination: refused with the service's message
    response = client.post(url, {"kategori": "agro", "alasan": "Tidak ada"})
    assert response.status_code == 200 and "sudah punya usulan utama" in str(response.context["form"].errors["kategori"])
    # no reason: refused
    response = client.post(url, {"kategori": "budaya", "alasan": ""})
    assert response.status_code == 200 and "alasan" in response.context["form"].errors
    assert not KategoriKosong.objects.exists()
    response = client.post(url, {"kategori": "budaya", "alasan": "Sanggar seni sedang vakum."})
    assert response.status_code == 302
    kosong = KategoriKosong.objects.get()
    assert (kosong.pengajuan, kosong.kategori) == (pengajuan, "budaya")
    # twice: refused
    response = client.post(url, {"kategori": "budaya", "alasan": "Lagi"})
    assert response.status_code == 200 and KategoriKosong.objects.count() == 1
    hapus = reverse("pud:kosong-hapus", args=[kosong.pk])
    assert client.get(hapus).status_code == 200
    assert client.post(hapus).status_code == 302 and not KategoriKosong.objects.exists()


def test_kategori_kosong_hapus_bukan_operator_403(client, camat_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    kosong = KategoriKosong.objects.create(pengajuan=pengajuan, kategori="budaya", alasan="Tidak ada")
    assert _masuk(client, camat_a).post(reverse("pud:kosong-hapus", args=[kosong.pk])).status_code == 403
    assert KategoriKosong.objects.exists()


# --------------------------------------------------------------------------- workflow steps


def _langkah(pengajuan, aksi):
    return reverse("pud:pengajuan-langkah", args=[pengajuan.pk, aksi])


def test_ajukan_lalu_kembalikan_lalu_verifikasi_lalu_tetapkan(client, operator_a, camat_a, bappeda, draf):
    _masuk(client, operator_a)
    response = client.get(_langkah(draf, "ajukan"))
    assert response.status_code == 200 and "nomor_keputusan" not in response.context["form"].fields
    response = client.post(_langkah(draf, "ajukan"), {"catatan": "Hasil FGD 12 Oktober."})
    assert response.status_code == 302 and response["Location"] == draf.get_absolute_url()
    assert any("Status sekarang Diajukan" in p for p in _pesan(response))
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DIAJUKAN

    # the camat returns it: without a reason refused (on the note), with a reason taken
    client.force_login(camat_a)
    response = client.post(_langkah(draf, "kembalikan"), {"catatan": "  "})
    assert response.status_code == 200 and "Tulis alasannya" in str(response.context["form"].errors["catatan"])
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DIAJUKAN
    assert client.post(_langkah(draf, "kembalikan"), {"catatan": "Skor belum diisi."}).status_code == 302
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DIKEMBALIKAN

    client.force_login(operator_a)
    assert client.post(_langkah(draf, "ajukan"), {}).status_code == 302
    client.force_login(camat_a)
    assert client.post(_langkah(draf, "verifikasi"), {}).status_code == 302

    # Bappeda determines: without the decree refused, with it taken
    client.force_login(bappeda)
    response = client.get(_langkah(draf, "tetapkan"))
    assert response.status_code == 200 and {"nomor_keputusan", "tanggal_keputusan"} <= set(response.context["form"].fields)
    response = client.post(_langkah(draf, "tetapkan"), {"nomor_keputusan": "", "tanggal_keputusan": ""})
    assert response.status_code == 200
    assert {"nomor_keputusan", "tanggal_keputusan"} <= set(response.context["form"].errors)
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DIVERIFIKASI
    tanggal = TANGGAL_FGD + datetime.timedelta(days=20)
    response = client.post(_langkah(draf, "tetapkan"), {"nomor_keputusan": "100.3.3.3/45/KEP/2026", "tanggal_keputusan": tanggal.isoformat()})
    assert response.status_code == 302
    draf.refresh_from_db()
    assert (draf.status, draf.nomor_keputusan, draf.tanggal_keputusan) == (StatusPengajuan.DITETAPKAN, "100.3.3.3/45/KEP/2026", tanggal)

    log = list(draf.langkah_set.values_list("aksi", "oleh__username"))
    assert log == [
        ("ajukan", "operator_a"), ("kembalikan", "camat_a"), ("ajukan", "operator_a"), ("verifikasi", "camat_a"), ("tetapkan", "bappeda"),
    ]  # fmt: skip
    body = client.get(draf.get_absolute_url()).content.decode()
    assert "Skor belum diisi." in body and "100.3.3.3/45/KEP/2026" in body


def test_ajukan_belum_lengkap_menampilkan_yang_kurang(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    response = _masuk(client, operator_a).post(_langkah(pengajuan, "ajukan"), {})
    assert response.status_code == 200
    galat = response.context["form"].non_field_errors()
    assert "Isi tanggal FGD dilaksanakan." in galat and len(galat) == 5
    pengajuan.refresh_from_db()
    assert pengajuan.status == StatusPengajuan.DRAF and not LangkahPUD.objects.exists()


@pytest.mark.parametrize("aksi", ["ajukan", "verifikasi", "kembalikan", "tetapkan"])
def test_langkah_oleh_peran_yang_salah_lewat_post_ditolak(client, aksi, dua_wilayah, operator_a, camat_a, walikota):
    """A step POSTed by a role that may not take it: the service's message, nothing changes."""
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN if aksi != "ajukan" else StatusPengajuan.DRAF)
    data = {"catatan": "Coba", "nomor_keputusan": "1/2026", "tanggal_keputusan": (TANGGAL_FGD + datetime.timedelta(days=1)).isoformat()}
    salah = {"ajukan": camat_a, "verifikasi": operator_a, "kembalikan": operator_a, "tetapkan": camat_a}[aksi]
    for user in (salah, walikota):
        client.force_login(user)
        response = client.post(_langkah(pengajuan, aksi), data)
        assert response.status_code == 200, user
        assert any("bukan wewenang" in e for e in response.context["form"].non_field_errors()), user
        # the confirmation page is not offered either
        get = client.get(_langkah(pengajuan, aksi))
        assert get.status_code == 302 and any("tidak tersedia" in p for p in _pesan(get))
    status = pengajuan.status
    pengajuan.refresh_from_db()
    assert pengajuan.status == status and not LangkahPUD.objects.exists()


def test_langkah_dari_status_yang_salah_ditolak(client, camat_a, draf):
    response = _masuk(client, camat_a).post(_langkah(draf, "verifikasi"), {})
    assert response.status_code == 200
    assert any("tidak dapat diambil pada status Draf" in e for e in response.context["form"].non_field_errors())
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DRAF


def test_langkah_tak_dikenal_atau_tak_terlihat_404(client, operator_a, draf, luar):
    _masuk(client, operator_a)
    assert client.get(_langkah(draf, "terbang")).status_code == 404
    assert client.post(_langkah(draf, "terbang"), {}).status_code == 404
    assert client.get(_langkah(luar, "ajukan")).status_code == 404
    assert client.post(_langkah(luar, "ajukan"), {}).status_code == 404
    assert client.get(reverse("pud:pengajuan-langkah", args=[999999, "ajukan"])).status_code == 404
    luar.refresh_from_db()
    assert luar.status == StatusPengajuan.DRAF


def test_langkah_tanpa_login_ke_halaman_masuk(client, draf):
    response = client.post(_langkah(draf, "ajukan"), {})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --------------------------------------------------------------------------- a child row's pages reach its own pengajuan


@pytest.mark.parametrize("nama", ["pud:usulan-update", "pud:usulan-hapus", "pud:peserta-hapus", "pud:kosong-hapus"])
def test_halaman_baris_anak_membuka_pengajuannya_sendiri(client, operator_a, dua_wilayah, nama):
    """The URL names the nomination, participant or "none", never its pengajuan: with ids that differ
    (other kelurahan' rows first), the page shows the row's own pengajuan."""
    from tests.factories import KelurahanFactory

    for _ in range(3):
        pengajuan_lengkap(KelurahanFactory(kecamatan=dua_wilayah["kec_b"]))
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    anak = {
        "pud:usulan-update": lambda: usulan_di(pengajuan, KategoriPUD.AGRO),
        "pud:usulan-hapus": lambda: usulan_di(pengajuan, KategoriPUD.AGRO),
        "pud:peserta-hapus": lambda: PesertaFGD.objects.create(pengajuan=pengajuan, peran="lurah", nama="Pak Lurah"),
        "pud:kosong-hapus": lambda: KategoriKosong.objects.create(pengajuan=pengajuan, kategori="budaya", alasan="Belum ada"),
    }[nama]()
    assert anak.pk != pengajuan.pk
    _masuk(client, operator_a)
    response = client.get(reverse(nama, args=[anak.pk]))
    assert response.status_code == 200
    assert response.context["pengajuan"] == pengajuan
