"""UMKM import from the kelurahan's own spreadsheet (preview, all or nothing, the shared readers), the
template, a repeated upload that changes nothing, and the export in the same columns that goes back in."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pud.models import UMKM, KategoriPUD, OmzetBulanan
from pud.resources import KOLOM, UMKMResource
from tests.factories import RWFactory
from tests.kader.factories import buat_nik
from tests.pud.factories import UMKMFactory
from wilayah.impor import baca_xlsx, jalankan_impor
from wilayah.models import AksesNIK
from wilayah.templat import FORMAT_TEKS

pytestmark = pytest.mark.django_db

JUDUL = ["Nama usaha *", "Nama pemilik *", "NIK pemilik", "Telepon", "Alamat *", "Kelurahan *", "RW", "Kategori *", "Produk *",
         "Tahun mulai", "Tenaga kerja", "Omzet per bulan", "NIB", "Kontak pembeli"]  # fmt: skip


def xlsx(rows, judul=JUDUL, *, nik_teks=True) -> bytes:
    """A workbook as Excel or LibreOffice saves one a kelurahan keeps: the human headers, NIK/NIB/phone columns
    formatted as Text (``nik_teks``), a number cell wherever a row gives a number."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data UMKM"
    ws.append(judul)
    for row in rows:
        ws.append(row)
    if nik_teks:
        for kolom in ("C", "D", "M"):
            for sel in ws[kolom][1:]:
                sel.number_format = FORMAT_TEKS
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris(i, kelurahan="Kebonsari Wetan", nik="", **ubah):
    isi = {
        "nama": f"Usaha Uji {i}", "pemilik": f"Pemilik {i}", "nik": nik, "telepon": "0812 3456 7890", "alamat": f"Jl. Brantas {i}",
        "kelurahan": kelurahan, "rw": 1, "kategori": ["Agro", "kerajinan", "BUDAYA"][i % 3], "produk": f"Produk {i}",
        "tahun": 2000 + i % 20, "tenaga": i + 1, "omzet": "Rp 5-15 juta", "nib": "", "kontak": "",
    }  # fmt: skip
    isi.update(ubah)
    return list(isi.values())


@pytest.fixture
def rw(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)


def unggah(client, rows, **kwargs):
    return client.post(reverse("pud:umkm-impor"), {"berkas": SimpleUploadedFile("umkm.xlsx", xlsx(rows, **kwargs))})


def test_pratinjau_lalu_simpan_semua_kolom_dibaca(client, operator_a, dua_wilayah, rw):
    kel = dua_wilayah["kel_a"]
    nik = buat_nik(kel, dt.date(1979, 3, 8), "P", 31)
    client.force_login(operator_a)
    rows = [baris(1, nik=nik, nib="1234567890123", kontak="@usaha1"), baris(2, kelurahan=kel.kode, rw="RW 01"), baris(3, rw="", tenaga="", omzet="")]
    response = unggah(client, rows)
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert hasil.jenis_baris == ["baru"] * 3
    assert not UMKM.objects.exists(), "the preview writes nothing"
    assert client.post(reverse("pud:umkm-impor"), {"token": response.context["token"]}).status_code == 302
    satu = UMKM.objects.get(nama_usaha="Usaha Uji 1")
    assert (satu.nik, satu.nib, satu.pemilik_telepon, satu.kategori, satu.omzet_bulanan, satu.tahun_mulai, satu.tenaga_kerja, satu.rw) == (
        nik, "1234567890123", "081234567890", KategoriPUD.KERAJINAN, OmzetBulanan.SAMPAI_15, 2001, 2, rw,
    )
    assert satu.kontak_publik == "@usaha1" and satu.history.get().history_user == operator_a
    tiga = UMKM.objects.get(nama_usaha="Usaha Uji 3")
    assert (tiga.rw, tiga.tenaga_kerja, tiga.omzet_bulanan, tiga.kategori) == (None, 1, "", KategoriPUD.AGRO)


def test_satu_baris_salah_seluruh_berkas_ditolak(client, operator_a, dua_wilayah, rw):
    client.force_login(operator_a)
    rows = [
        baris(1),
        baris(2, kategori="kuliner"),  # not a PUD category
        baris(3, nib="12345"),  # not 13 digits (the model's rule, through the service)
        baris(4, kelurahan="Ketapang"),  # outside the operator's area
        baris(5, rw=9),  # no RW 09 in Kebonsari Wetan
        baris(6, nama=""),
        baris(7),
    ]
    response = unggah(client, rows)
    hasil = response.context["hasil"]
    per_baris = {(g.baris, g.kolom) for g in hasil.galat}
    assert {(3, "Kategori"), (4, "NIB"), (5, "Kelurahan"), (6, "RW"), (7, "Nama usaha")} <= per_baris, hasil.galat
    pesan = " ".join(g.pesan for g in hasil.galat)
    assert "'kuliner' tidak dikenal" in pesan and "13 angka" in pesan and "di luar wilayah kerja Anda" in pesan and "RW 09 tidak tercatat" in pesan
    assert not response.context["token"], "a file with errors cannot be confirmed"
    assert not UMKM.objects.exists(), "nothing written: not even the good rows"


def test_nik_sebagai_sel_angka_ditolak_dengan_pesan_format_teks(client, operator_a, dua_wilayah, rw):
    kel = dua_wilayah["kel_a"]
    nik = buat_nik(kel, dt.date(1979, 3, 8), "L", 31)
    client.force_login(operator_a)
    response = unggah(client, [baris(1, nik=int(nik)), baris(2, nib=1234567890123)], nik_teks=False)
    hasil = response.context["hasil"]
    galat = {(g.baris, g.kolom): g.pesan for g in hasil.galat}
    assert "Teks" in galat[(2, "NIK pemilik")] and "'" in galat[(2, "NIK pemilik")], galat
    assert "Teks" in galat[(3, "NIB")], galat
    assert not UMKM.objects.exists()
    # scientific notation, what a CSV of a number column holds, is refused the same way
    response = unggah(client, [baris(1, nik="3,57404E+15")])
    assert "Teks" in response.context["hasil"].galat[0].pesan


def test_nik_luar_wilayah_perlu_kolom_konfirmasi(client, operator_a, dua_wilayah, rw):
    nik = buat_nik("357999", dt.date(1979, 3, 8), "L", 31)
    client.force_login(operator_a)
    hasil = unggah(client, [baris(1, nik=nik)]).context["hasil"]
    assert hasil.ada_galat and hasil.galat[0].kolom == "Konfirmasi NIK luar wilayah"
    response = unggah(client, [baris(1, nik=nik) + ["ya"]], judul=JUDUL + ["Konfirmasi NIK luar wilayah"])
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat


def test_unggah_ulang_berkas_yang_sama_tidak_mengubah_apa_pun(client, operator_a, dua_wilayah, rw):
    client.force_login(operator_a)
    url = reverse("pud:umkm-impor")
    rows = [baris(i) for i in range(1, 7)]
    pertama = unggah(client, rows)
    assert client.post(url, {"token": pertama.context["token"]}).status_code == 302
    sebelum = list(UMKM.objects.order_by("pk").values())
    riwayat = UMKM.history.count()

    kedua = unggah(client, rows)
    hasil = kedua.context["hasil"]
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (0, 0, 6) and hasil.semua_dilewati
    assert not kedua.context["token"], "nothing to confirm"
    assert list(UMKM.objects.order_by("pk").values()) == sebelum and UMKM.history.count() == riwayat

    # the key ignores case and spacing: the same UMKM, renamed, not a second one
    ejaan = unggah(client, [baris(1, nama="  usaha   UJI 1 ")])
    assert ejaan.context["hasil"].jenis_baris == ["diperbarui"]

    # a changed cell updates that UMKM (through the service: history), an empty phone keeps the stored one
    rows[2] = baris(3, produk="Produk baru", telepon="")
    ketiga = unggah(client, rows)
    assert ketiga.context["hasil"].jenis_baris == ["dilewati", "dilewati", "diperbarui", "dilewati", "dilewati", "dilewati"]
    client.post(url, {"token": ketiga.context["token"]})
    tiga = UMKM.objects.get(nama_usaha="Usaha Uji 3")
    assert (tiga.produk, tiga.pemilik_telepon, UMKM.objects.count()) == ("Produk baru", "081234567890", 6)
    assert tiga.history.first().history_user == operator_a


def test_umkm_yang_sama_dua_kali_dalam_satu_berkas(client, operator_a, dua_wilayah, rw):
    client.force_login(operator_a)
    hasil = unggah(client, [baris(1), baris(2), baris(1, nama="USAHA UJI 1")]).context["hasil"]
    assert [(g.baris, "baris 2" in g.pesan) for g in hasil.galat] == [(4, True)]


def test_impor_tidak_bertanya_per_baris(operator_a, dua_wilayah, rw):
    """The kelurahan, RWs and stored UMKM are read once per file (``PencariWilayah``, one query for the natural
    keys); what each row costs is the service's save, the same for every row."""
    UMKMFactory(kelurahan=dua_wilayah["kel_a"], nama_usaha="Usaha Uji 3")

    def kueri(n):
        dataset = baca_xlsx(xlsx([baris(i) for i in range(1, n + 1)]))
        with CaptureQueriesContext(connection) as tangkap:
            hasil = jalankan_impor(UMKMResource(user=operator_a), dataset, dry_run=True)
        assert not hasil.ada_galat, hasil.galat
        return [q["sql"] for q in tangkap.captured_queries]

    sepuluh, dua_puluh = kueri(10), kueri(20)
    for sql in (sepuluh, dua_puluh):
        assert sum('FROM "wilayah_kelurahan" ORDER BY' in q for q in sql) == 1, "kelurahan loaded once"
        assert sum(q.startswith("SELECT") and '"wilayah_rw"."nomor"' in q for q in sql) == 1, "RWs loaded once"
        lookup = [q for q in sql if q.startswith("SELECT") and '"pud_umkm"."nama_usaha"' in q and '"pud_umkm"."id" = ' not in q]
        assert len(lookup) == 1, "stored UMKM loaded once (the service reads the row it updates by its pk)"
    per_baris = (len(dua_puluh) - len(sepuluh)) / 10
    assert per_baris <= 25, "a row costs its save (FK and constraint checks, insert, history), no lookups"


def test_templat_berkolom_teks_dan_berpetunjuk(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("pud:umkm-templat"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:2] == ["Data UMKM", "Petunjuk"]
    ws = wb["Data UMKM"]
    assert [c.value for c in ws[1]] == [k.judul_templat for k in KOLOM]
    for kunci in ("nik", "nib", "pemilik_telepon"):
        huruf = openpyxl.utils.get_column_letter([k.kunci for k in KOLOM].index(kunci) + 1)
        assert ws[f"{huruf}2"].number_format == FORMAT_TEKS, kunci


def test_ekspor_dengan_saringan_daftar_dan_kembali_masuk(client, operator_a, dua_wilayah, rw):
    kel = dua_wilayah["kel_a"]
    nik = buat_nik(kel, dt.date(1979, 3, 8), "P", 31)
    UMKMFactory(kelurahan=kel, nama_usaha="=Batik Melati", kategori=KategoriPUD.KERAJINAN, nik=nik, rw=rw, nib="1234567890123",
                pemilik_telepon="081234567890", omzet_bulanan=OmzetBulanan.SAMPAI_50, tahun_mulai=2010)  # fmt: skip
    UMKMFactory(kelurahan=kel, nama_usaha="Keripik Pisang", kategori=KategoriPUD.AGRO)
    UMKMFactory(kelurahan=dua_wilayah["kel_b"], nama_usaha="Batik Ketapang")
    client.force_login(operator_a)
    response = client.get(reverse("pud:umkm-ekspor"), {"kategori": "kerajinan"})
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws.title == "Data UMKM" and [c.value for c in ws[1]] == [k.judul for k in KOLOM]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1, "the list's filters, and the operator's area only"
    baris_ = dict(zip([k.kunci for k in KOLOM], rows[0]))
    assert baris_["nama_usaha"] == "'=Batik Melati" and baris_["nik"] == nik and baris_["nib"] == "1234567890123"
    assert baris_["kategori"] == "Kerajinan" and baris_["omzet_bulanan"] == str(OmzetBulanan.SAMPAI_50.label) and baris_["tahun_mulai"] == 2010
    assert ws.cell(row=2, column=3).data_type == "s" and ws.cell(row=2, column=3).number_format == FORMAT_TEKS
    assert AksesNIK.objects.filter(pengguna=operator_a, jenis=AksesNIK.Jenis.EKSPOR).exists()
    # and it goes back in: every row is the same UMKM, nothing changes
    sebelum = list(UMKM.objects.order_by("pk").values())
    hasil = jalankan_impor(UMKMResource(user=operator_a), baca_xlsx(client.get(reverse("pud:umkm-ekspor")).content), dry_run=False)
    assert not hasil.ada_galat, hasil.galat
    assert (hasil.baru, hasil.diperbarui) == (0, 0)
    assert list(UMKM.objects.order_by("pk").values()) == sebelum


def test_camat_tidak_mengimpor(client, camat_a):
    client.force_login(camat_a)
    assert client.get(reverse("pud:umkm-impor")).status_code == 403
    assert client.get(reverse("pud:umkm-ekspor")).status_code == 200
