"""Board and lembaga files can be uploaded again: a second upload updates or skips, never duplicates.

A board member's key: the person (NIK, else name + phone, else name) in the lembaga over an
overlapping term (lkk.resources module docstring)."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkk.models import Lembaga, Pengurus
from lkk.resources import PengurusResource, orang_sama
from tests.factories import RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from wilayah.impor import baca_xlsx, jalankan_impor
from wilayah.models import AksesNIK

pytestmark = pytest.mark.django_db

KOLOM = [
    "kode_kelurahan", "jenis_lembaga", "nama_lembaga", "nama", "nik", "telepon", "jabatan", "masa_mulai",
    "pernyataan_nonpartai", "tanggal_pernyataan", "nomor_sk_pengangkatan", "tanggal_sk_pengangkatan",
]  # fmt: skip
NIK_SUTRISNO = "3574041203800012"
NIK_SRI = "3574045507850003"
KODE = "35.74.04.1004"


def xlsx(rows, kolom=KOLOM) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(kolom))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def berkas(rows, kolom=KOLOM):
    return SimpleUploadedFile("pengurus.xlsx", xlsx(rows, kolom))


def pengurus(nama, nik="", telepon="", jabatan="anggota", mulai="02/01/2024", sk="188/15/425.103/2024"):
    return [KODE, "lpm", "LPM Kebonsari Wetan", nama, nik, telepon, jabatan, mulai, "ya", mulai, sk, mulai]


PAPAN = [
    pengurus("Sutrisno", nik=NIK_SUTRISNO, telepon="081234567890", jabatan="ketua"),  # known by NIK
    pengurus("Sri Wahyuni", telepon="081299990000", jabatan="sekretaris"),  # by name + phone
    pengurus("Darmo", jabatan="bendahara"),  # by name alone
    pengurus("Sutrisno", nik=NIK_SUTRISNO, telepon="081234567890", jabatan="ketua", mulai="02/01/2019"),  # his earlier term
]


@pytest.fixture
def lpm(dua_wilayah):
    return LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")


def impor(operator, rows, kolom=KOLOM, *, dry_run=False):
    return jalankan_impor(PengurusResource(user=operator), baca_xlsx(xlsx(rows, kolom)), dry_run=dry_run)


def test_papan_yang_sama_diunggah_dua_kali_tidak_menggandakan_pengurus(client, operator_a, lpm):
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-impor")
    response = client.post(url, {"berkas": berkas(PAPAN)})
    assert response.context["hasil"].jenis_baris == ["baru"] * 4, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    assert Pengurus.objects.count() == 4
    assert Pengurus.objects.filter(nik=NIK_SUTRISNO).count() == 2, "two terms of one person are two posts"

    response = client.post(url, {"berkas": berkas(PAPAN)})
    hasil = response.context["hasil"]
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati, hasil.jenis_baris) == (0, 0, 4, ["dilewati"] * 4)
    body = response.content.decode()
    assert "sudah pernah diimpor" in body and body.count('data-jenis="dilewati"') == 4
    assert not response.context["token"]
    assert not impor(operator_a, PAPAN).ada_galat
    assert Pengurus.objects.count() == 4
    # preview, confirm, second preview, the direct run: every check of the file still counts its NIKs
    assert AksesNIK.objects.filter(jenis=AksesNIK.Jenis.PERIKSA_IMPOR).count() == 4


def test_baris_yang_diubah_diperbarui_dengan_riwayat_oleh_pengimpor(operator_a, lpm):
    impor(operator_a, PAPAN)
    ubah = [list(r) for r in PAPAN]
    ubah[0][3] = "SUTRISNO, S.Pd"  # the NIK decides: the same man, his name as the SK writes it
    ubah[1][10] = "188/99/425.103/2024"  # Sri's SK number (name + phone)
    ubah[2][6] = "anggota"  # Darmo (name alone) steps down to member
    hasil = impor(operator_a, ubah)
    assert not hasil.ada_galat, hasil.galat
    assert hasil.jenis_baris == ["diperbarui", "diperbarui", "diperbarui", "dilewati"]
    assert Pengurus.objects.count() == 4
    sutrisno = Pengurus.objects.get(nik=NIK_SUTRISNO, masa_mulai=dt.date(2024, 1, 2))
    sri = Pengurus.objects.get(nama="Sri Wahyuni")
    darmo = Pengurus.objects.get(nama="Darmo")
    assert (sutrisno.nama, sri.nomor_sk_pengangkatan, darmo.jabatan) == ("SUTRISNO, S.Pd", "188/99/425.103/2024", "anggota")
    for p in (sutrisno, sri, darmo):
        terakhir = p.history.order_by("-history_id").first()
        assert (terakhir.history_type, terakhir.history_user, p.history.count()) == ("~", operator_a, 2)


def test_orang_sama_dua_kali_dalam_satu_berkas_galat_menyebut_baris_sebelumnya(operator_a, lpm):
    rows = [
        pengurus("Sutrisno", nik=NIK_SUTRISNO, jabatan="ketua"),
        pengurus("Sri Wahyuni", telepon="081299990000"),
        pengurus("Darmo"),
        pengurus("Pak Sutrisno", nik=NIK_SUTRISNO, jabatan="anggota"),  # the same NIK: row 2
        pengurus("sri  WAHYUNI", telepon="0812-9999-0000", jabatan="bendahara"),  # the same name and phone: row 3
        pengurus("DARMO", jabatan="sekretaris", mulai="01/06/2025"),  # the same name, overlapping term: row 4
        pengurus("Darmo", mulai="02/01/2029"),  # a later term: not the same post
    ]
    hasil = impor(operator_a, rows)
    galat = {g.baris: g.pesan for g in hasil.galat}
    assert sorted(galat) == [5, 6, 7]
    assert "sama dengan baris 2" in galat[5] and "sama dengan baris 3" in galat[6] and "sama dengan baris 4" in galat[7]
    assert not Pengurus.objects.exists()


def test_sel_kosong_tidak_menghapus_nik_dan_telepon_tersimpan(operator_a, lpm):
    impor(operator_a, PAPAN[:1])
    tanpa = pengurus("Sutrisno", nik="", telepon="", jabatan="ketua")
    hasil = impor(operator_a, [tanpa])
    assert hasil.jenis_baris == ["dilewati"], hasil.galat
    p = Pengurus.objects.get()
    assert (p.nik, p.telepon) == (NIK_SUTRISNO, "081234567890")


def test_nik_yang_baru_diketahui_ditambahkan_ke_pengurus_tersimpan(operator_a, lpm):
    impor(operator_a, [pengurus("Sri Wahyuni", telepon="081299990000")])
    hasil = impor(operator_a, [pengurus("Sri Wahyuni", nik=NIK_SRI, telepon="081299990000")])
    assert hasil.jenis_baris == ["diperbarui"], hasil.galat
    assert Pengurus.objects.get().nik == NIK_SRI


def test_nama_sama_telepon_berbeda_tanpa_nik_ditolak_bukan_ditebak(operator_a, lpm):
    impor(operator_a, [pengurus("Sri Wahyuni", telepon="081299990000")])
    hasil = impor(operator_a, [pengurus("Sri Wahyuni", telepon="085711112222")])
    assert [g.baris for g in hasil.galat] == [2]
    assert "nomor teleponnya berbeda (081299990000)" in hasil.galat[0].pesan and "Isi NIK" in hasil.galat[0].pesan
    assert Pengurus.objects.count() == 1

    hasil = impor(operator_a, [pengurus("Ani", telepon="081200000001"), pengurus("Ani", telepon="081200000002")])
    assert [g.baris for g in hasil.galat] == [3] and "baris 2" in hasil.galat[0].pesan
    assert Pengurus.objects.count() == 1


def test_orang_sama_aturannya():
    a = Pengurus(nama="Siti Aminah", nik=NIK_SRI, telepon="081299990000")
    assert orang_sama(a, Pengurus(nama="Bu Siti", nik=NIK_SRI)) is True
    assert orang_sama(a, Pengurus(nama="Siti Aminah", nik=NIK_SUTRISNO, telepon="081299990000")) is False
    assert orang_sama(a, Pengurus(nama="siti  aminah", telepon="+62 812-9999-0000")) is True
    assert orang_sama(a, Pengurus(nama="Siti Aminah")) is True
    assert orang_sama(a, Pengurus(nama="Siti Aminah", telepon="085700000000")) is None
    assert orang_sama(a, Pengurus(nama="Siti Rahayu")) is False


def test_pengurus_tersimpan_di_luar_lembaga_tidak_dicocokkan(operator_a, lpm, dua_wilayah):
    lain = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("pkk"), nama="PKK Kebonsari Wetan")
    PengurusFactory(lembaga=lain, nama="Darmo", masa_mulai=dt.date(2024, 1, 2))
    hasil = impor(operator_a, [pengurus("Darmo")])
    assert hasil.jenis_baris == ["baru"], hasil.galat
    assert Pengurus.objects.filter(nama="Darmo").count() == 2


# --- lembaga: its key is kelurahan, type and name (import_id_fields) ---

KOLOM_LEMBAGA = ["kode_kelurahan", "jenis", "nama", "nomor_rw", "nomor_sk", "tanggal_sk", "masa_bakti_mulai"]


def test_lembaga_diunggah_ulang_dilewati_dan_dilaporkan(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=1)
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-impor")
    rows = [
        (kel.kode, "rw", "RW 01", 1, "188/1/2024", "02/01/2024", "02/01/2024"),
        (kel.kode, "posyandu", "Posyandu Mawar", 1, "", "", ""),
        (kel.kode, "lpm", "LPM Kebonsari Wetan", "", "188/2/2024", "02/01/2024", "02/01/2024"),
    ]
    response = client.post(url, {"berkas": berkas(rows, KOLOM_LEMBAGA)})
    client.post(url, {"token": response.context["token"]})
    assert Lembaga.objects.count() == 3

    response = client.post(url, {"berkas": berkas(rows, KOLOM_LEMBAGA)})
    hasil = response.context["hasil"]
    assert (hasil.dilewati, hasil.jenis_baris, hasil.semua_dilewati) == (3, ["dilewati"] * 3, True)
    assert "sudah pernah diimpor" in response.content.decode()

    rows[1] = (kel.kode, "posyandu", "Posyandu Mawar", 1, "188/7/2025", "03/02/2025", "")
    response = client.post(url, {"berkas": berkas(rows, KOLOM_LEMBAGA)})
    hasil = response.context["hasil"]
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (0, 1, 2)
    assert hasil.jenis_baris == ["dilewati", "diperbarui", "dilewati"]
    assert 'data-jenis="diperbarui"' in response.content.decode()
    client.post(url, {"token": response.context["token"]})
    mawar = Lembaga.objects.get(nama="Posyandu Mawar")
    assert mawar.nomor_sk == "188/7/2025" and mawar.history.order_by("-history_id").first().history_user == operator_a
    assert Lembaga.objects.count() == 3
