"""The participant import of one diklat (the organiser's spreadsheet): preview, all or nothing, the
shared readers; duplicates in the file and against stored participants, the remaining quota, a
repeated upload that changes nothing; the template; CSV and files that are not spreadsheets."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pelatihan.models import Peserta, StatusDiklat, UnsurPeserta
from pelatihan.resources import PesertaResource
from tests.pelatihan.factories import diklat_di, peserta_di, sesi_di
from wilayah.impor import jalankan_impor
from wilayah.templat import FORMAT_TEKS

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
JUDUL = ["Nama *", "Jenis kelamin", "Unsur", "Jabatan", "Instansi/lembaga asal", "Kecamatan", "Kelurahan", "Telepon"]


def xlsx(rows, judul=JUDUL) -> bytes:
    """A workbook as an organiser keeps one: the human headers, the phone column as Text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Peserta"
    ws.append(judul)
    for row in rows:
        ws.append(row)
    for sel in ws["H"][1:]:
        sel.number_format = FORMAT_TEKS
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris(nama, kelurahan="Kebonsari Wetan", **ubah):
    isi = {"nama": nama, "jk": "P", "unsur": "KPM", "jabatan": "Kader", "asal": "KPM Kebonsari Wetan", "kec": "", "kel": kelurahan, "telp": "0812 3456 7890"}
    isi.update(ubah)
    return list(isi.values())


def unggah(client, diklat, data: bytes, nama="peserta.xlsx"):
    return client.post(reverse("pelatihan:peserta-import", args=[diklat.pk]), {"berkas": SimpleUploadedFile(nama, data)})


def simpan(client, diklat, response):
    return client.post(reverse("pelatihan:peserta-import", args=[diklat.pk]), {"token": response.context["token"]})


def test_pratinjau_simpan_lalu_unggah_ulang_tidak_mengubah_apa_pun(client, bappeda, dua_wilayah):
    diklat = diklat_di()
    client.force_login(bappeda)
    rows = [
        baris("Siti Aminah"),
        baris("Budi Santoso", kelurahan=dua_wilayah["kel_b"].kode, jk="Laki-laki", unsur="LPM", jabatan="Ketua LPM", asal="LPM Ketapang", telp=""),
        baris("Staf Kanigaran", kelurahan="", kec="Kanigaran", unsur="perangkat kecamatan", jabatan="Kasi Pemmas", asal="Kecamatan Kanigaran"),
        baris("Tanpa Unsur", unsur="", jk=""),
    ]
    data = xlsx(rows)
    response = unggah(client, diklat, data)
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert hasil.jenis_baris == ["baru"] * 4 and not Peserta.objects.exists(), "the preview writes nothing"
    assert simpan(client, diklat, response).status_code == 302
    siti = Peserta.objects.get(nama="Siti Aminah")
    assert (siti.unsur, siti.telepon, siti.kelurahan, siti.kecamatan, siti.sesi, siti.jenis_kelamin) == (
        UnsurPeserta.KPM, "081234567890", dua_wilayah["kel_a"], dua_wilayah["kec_a"], diklat.sesi_set.get(), "P",
    )
    assert siti.history.get().history_user == bappeda
    budi = Peserta.objects.get(nama="Budi Santoso")
    assert (budi.unsur, budi.jenis_kelamin, budi.kelurahan) == (UnsurPeserta.LKK, "L", dua_wilayah["kel_b"])
    staf = Peserta.objects.get(nama="Staf Kanigaran")
    assert (staf.kelurahan, staf.kecamatan, staf.unsur) == (None, dua_wilayah["kec_a"], UnsurPeserta.KECAMATAN)
    assert Peserta.objects.get(nama="Tanpa Unsur").unsur == UnsurPeserta.LAINNYA

    sebelum = list(Peserta.objects.order_by("pk").values())
    response = unggah(client, diklat, data)
    hasil = response.context["hasil"]
    assert hasil.semua_dilewati and hasil.jenis_baris == ["dilewati"] * 4 and not response.context["token"]
    assert "sudah pernah diimpor" in response.content.decode()
    # Fewer columns or empty optional cells say nothing new: skipped too.
    response = unggah(client, diklat, xlsx([["SITI  AMINAH", "Kebonsari Wetan"]], judul=["Nama", "Kelurahan"]))
    assert response.context["hasil"].semua_dilewati
    assert list(Peserta.objects.order_by("pk").values()) == sebelum


def test_orang_sama_dua_kali_dalam_berkas_disebut_barisnya(client, bappeda, dua_wilayah):
    diklat = diklat_di()
    client.force_login(bappeda)
    response = unggah(client, diklat, xlsx([baris("Siti Aminah"), baris("Ani"), baris("siti  aminah", jabatan="Ketua")]))
    hasil = response.context["hasil"]
    assert [(g.baris, g.pesan) for g in hasil.galat if "baris 2" in g.pesan] and hasil.galat[0].baris == 4, hasil.galat
    assert "nama dan kelurahan yang sama" in hasil.galat[0].pesan
    assert not response.context["token"] and not Peserta.objects.exists()


def test_orang_tersimpan_dengan_data_berbeda_menolak_berkas_dengan_namanya(client, bappeda, dua_wilayah):
    diklat = diklat_di()
    peserta_di(diklat, dua_wilayah["kel_a"], nama="Siti Aminah", jabatan="Kader", unsur=UnsurPeserta.KPM)
    client.force_login(bappeda)
    response = unggah(client, diklat, xlsx([baris("Ani"), baris("SITI AMINAH", jabatan="Sekretaris LPM", unsur="LKK")]))
    hasil = response.context["hasil"]
    assert [g.baris for g in hasil.galat] == [3], hasil.galat
    assert "Siti Aminah (Kebonsari Wetan) sudah terdaftar sebagai peserta diklat ini dengan data berbeda (Jenis kelamin, Unsur, Jabatan" in hasil.galat[0].pesan
    assert Peserta.objects.count() == 1


def test_berkas_melebihi_sisa_kuota_ditolak_sebelum_baris_dibaca(client, bappeda, dua_wilayah):
    diklat = diklat_di(kuota=3)
    peserta_di(diklat, dua_wilayah["kel_a"], nama="Siti Aminah")
    client.force_login(bappeda)
    # Siti is registered already (skipped, not counted); three new people for two places.
    response = unggah(client, diklat, xlsx([baris("Siti Aminah", jk="", jabatan="", asal="", telp="", unsur=""), baris("A"), baris("B"), baris("C")]))
    hasil = response.context["hasil"]
    assert hasil.galat_berkas == [
        "Berkas berisi 3 peserta baru, padahal sisa kuota diklat ini 2 (kuota 3, sudah terdaftar 1). Kurangi barisnya, "
        "atau minta penyelenggara menaikkan kuota; tidak ada yang disimpan."
    ]
    assert Peserta.objects.count() == 1
    response = unggah(client, diklat, xlsx([baris("Siti Aminah", jk="", jabatan="", asal="", telp="", unsur=""), baris("A"), baris("B")]))
    assert not response.context["hasil"].ada_galat
    simpan(client, diklat, response)
    assert Peserta.objects.count() == 3


def test_kolom_sesi_bila_beberapa_sesi(client, bappeda, dua_wilayah):
    diklat = diklat_di()
    kedua = sesi_di(diklat, mulai=dt.date(2025, 6, 2), nama="Kecamatan Kademangan", tempat="Aula Kademangan")
    client.force_login(bappeda)
    judul = [*JUDUL, "Sesi"]
    response = unggah(client, diklat, xlsx([baris("A")]))
    assert "Kolom wajib tidak ada di baris 1: Sesi" in response.context["hasil"].galat_berkas[0]
    response = unggah(client, diklat, xlsx([[*baris("A"), "2"], [*baris("B"), "aula kademangan"], [*baris("C"), "9"], [*baris("D"), ""]], judul=judul))
    galat = {g.baris: g for g in response.context["hasil"].galat}
    assert set(galat) == {4, 5} and galat[4].kolom == "Sesi" and "'9' tidak dikenal" in galat[4].pesan and "Sesi wajib diisi" in galat[5].pesan
    response = unggah(client, diklat, xlsx([[*baris("A"), "2"], [*baris("B"), str(kedua)], [*baris("C"), "1"]], judul=judul))
    simpan(client, diklat, response)
    assert dict(Peserta.objects.values_list("nama", "sesi_id")) == {"A": kedua.pk, "B": kedua.pk, "C": diklat.sesi_set.order_by("tanggal_mulai").first().pk}


def test_templat_dengan_kolom_sesi_hanya_bila_beberapa_sesi(client, bappeda):
    satu = diklat_di()
    dua = diklat_di()
    sesi_di(dua, mulai=dt.date(2025, 6, 2), nama="Kecamatan Kademangan")
    client.force_login(bappeda)

    def judul(diklat):
        response = client.get(reverse("pelatihan:peserta-template", args=[diklat.pk]))
        wb = openpyxl.load_workbook(io.BytesIO(response.content))
        assert wb.sheetnames[:2] == ["Data Peserta", "Petunjuk"]
        return [c.value for c in wb["Data Peserta"][1]]

    assert judul(satu) == ["Nama *", "Jenis kelamin", "Unsur", "Jabatan", "Instansi/lembaga asal", "Kecamatan", "Kelurahan", "Telepon"]
    assert judul(dua)[-1] == "Sesi *"


def test_operator_hanya_orang_kelurahannya(client, operator_a, dua_wilayah):
    diklat = diklat_di()
    client.force_login(operator_a)
    response = unggah(client, diklat, xlsx([baris("A"), baris("B", kelurahan="Ketapang")]))
    galat = response.context["hasil"].galat
    assert [(g.baris, g.kolom) for g in galat] == [(3, "Kelurahan")] and "di luar wilayah kerja Anda" in galat[0].pesan
    assert not Peserta.objects.exists()


def test_csv_dibaca_dan_berkas_salah_ditolak(client, bappeda, dua_wilayah):
    diklat = diklat_di()
    client.force_login(bappeda)
    csv = "Nama;Unsur;Kelurahan;Telepon\r\nSiti Aminah;KPM;Kebonsari Wetan;+62 812-3456-7890\r\nBudi;LKK;Ketapang;\r\n".encode("utf-8-sig")
    response = unggah(client, diklat, csv, nama="peserta.csv")
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    simpan(client, diklat, response)
    assert dict(Peserta.objects.values_list("nama", "telepon")) == {"Siti Aminah": "081234567890", "Budi": ""}

    response = unggah(client, diklat, (DATA / "kader_libreoffice.xls").read_bytes(), nama="peserta.xls")
    assert ".xlsx" in " ".join(response.context["form"].errors["berkas"])
    response = unggah(client, diklat, b"%PDF-1.4 bukan lembar kerja", nama="peserta.xlsx")
    assert response.context["form"].errors["berkas"]
    response = unggah(client, diklat, xlsx([["Siti", "x"]], judul=["Nama lengkap peserta", "Alamat"]))
    assert "Kolom wajib tidak ada di baris 1: Nama" in response.context["hasil"].galat_berkas[0]
    assert Peserta.objects.count() == 2


def test_pendaftaran_tertutup_menolak_berkas(operator_a, dua_wilayah):
    diklat = diklat_di(status=StatusDiklat.TERLAKSANA)
    data = tablib.Dataset(("Siti", "Kebonsari Wetan"), headers=["Nama", "Kelurahan"])
    hasil = jalankan_impor(PesertaResource(user=operator_a, diklat=diklat), data, dry_run=True)
    assert "tidak sedang dibuka" in hasil.galat_berkas[0]
    assert not Peserta.objects.exists()


def test_satu_baris_salah_seluruh_berkas_ditolak(client, bappeda, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"])
    client.force_login(bappeda)
    rows = [baris("A"), baris("B", kelurahan="Ketapang"), baris("C", jk="X"), baris("D", unsur="Guru"), baris(""), baris("E", telp="123"), baris("F", kelurahan="")]
    response = unggah(client, diklat, xlsx(rows))
    galat = {(g.baris, g.kolom) for g in response.context["hasil"].galat}
    assert {(3, "Kecamatan"), (4, "Jenis kelamin"), (5, "Unsur"), (6, "Nama"), (7, "Telepon"), (8, "Kelurahan")} == galat, galat
    pesan = " ".join(g.pesan for g in response.context["hasil"].galat)
    assert "Diklat ini hanya untuk Kelurahan Kebonsari Wetan" in pesan
    assert not Peserta.objects.exists()


def test_kader_yang_sudah_didaftarkan_dilewati_bukan_didaftarkan_lagi(client, bappeda, dua_wilayah):
    from pelatihan import services
    from tests.kader.factories import KaderFactory

    diklat = diklat_di()
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Wahyuni", jenis_kelamin="P", telepon="081234567890")
    services.peserta_dari_kader(acting_user=bappeda, diklat=diklat, kader=kader)
    client.force_login(bappeda)
    # The organiser's list names her as typed, with what it knows; nothing new: skipped.
    response = unggah(client, diklat, xlsx([["wahyuni ", "P", "KPM", "", "", "", "Kebonsari Wetan", "0812-3456-7890"], baris("Ani")]))
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert hasil.jenis_baris == ["dilewati", "baru"]
    simpan(client, diklat, response)
    assert sorted(diklat.peserta_set.values_list("nama", flat=True)) == ["Ani", "Wahyuni"]


def test_berkas_besar_tidak_dikirim_ke_latar(client, bappeda, dua_wilayah, monkeypatch):
    """A participant list is checked in the request (the background job knows no diklat): a file past the
    background threshold is refused with a message and no job is made."""
    from wilayah import impor
    from wilayah.models import ImporLatar

    monkeypatch.setattr(impor, "BARIS_LATAR", 1)
    diklat = diklat_di()
    client.force_login(bappeda)
    response = unggah(client, diklat, xlsx([baris("A"), baris("B")]))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "Bagi menjadi beberapa berkas" in response.content.decode()
    assert not ImporLatar.objects.exists() and not Peserta.objects.exists()


def test_ekspor_satu_diklat_diimpor_kembali_tanpa_perubahan(client, bappeda, dua_wilayah):
    diklat = diklat_di()
    sesi_di(diklat, mulai=dt.date(2025, 6, 2), nama="Kecamatan Kademangan")
    client.force_login(bappeda)
    rows = [[*baris("Siti"), "1"], [*baris("Budi", kelurahan="Ketapang", unsur="LKK"), "2"], [*baris("Staf", kelurahan="", kec="Kanigaran", unsur=""), "2"]]
    pratinjau = unggah(client, diklat, xlsx(rows, judul=[*JUDUL, "Sesi"]))
    assert not pratinjau.context["hasil"].ada_galat, pratinjau.context["hasil"].galat
    simpan(client, diklat, pratinjau)
    assert diklat.peserta_set.count() == 3
    ekspor = client.get(reverse("pelatihan:peserta-export"), {"diklat": diklat.pk}).content
    response = unggah(client, diklat, ekspor, nama="ekspor.xlsx")
    hasil = response.context["hasil"]
    assert hasil.semua_dilewati, (hasil.galat, hasil.galat_berkas, hasil.jenis_baris)
