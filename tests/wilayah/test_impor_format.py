"""The import pages take the formats people save: .xlsx, .ods and .csv, read by content; the sheet the
template names (never a hidden one); cells that hold an error refuse the file, naming the cell."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kader.models import Kader
from tests.factories import RWFactory
from wisata.models import Event

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
KOLOM = ["Nama event", "Kelurahan", "RW", "Kategori", "Tanggal mulai", "Tanggal selesai"]


@pytest.fixture
def rw1(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)


def _unggah(client, nama: str, isi: bytes, url="wisata:event-impor"):
    return client.post(reverse(url), {"berkas": SimpleUploadedFile(nama, isi)})


def test_csv_titik_koma_dari_excel_indonesia_diimpor(client, operator_a, rw1):
    isi = (
        "\ufeffNama event;Kelurahan;RW;Kategori;Tanggal mulai;Tanggal selesai\r\n"
        "Festival Kuliner;Kebonsari Wetan;RW 01;Kuliner;17 Agustus 2025;18/08/2025\r\n"
        "\r\n"
        "Pasar Malam;35.74.04.1004;1;Kuliner;26 Mei 2025;26-05-2025\r\n"
    ).encode("utf-8")
    client.force_login(operator_a)
    response = _unggah(client, "event.csv", isi)
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert response.context["berkas"].format == "csv"
    client.post(reverse("wisata:event-impor"), {"token": response.context["token"]})
    assert sorted(Event.objects.values_list("nama", "tanggal_mulai")) == [
        ("Festival Kuliner", datetime.date(2025, 8, 17)),
        ("Pasar Malam", datetime.date(2025, 5, 26)),
    ]


def test_csv_baris_salah_dinomori_seperti_di_excel(client, operator_a, rw1):
    isi = (
        "Nama event;Kelurahan;RW;Kategori;Tanggal mulai;Tanggal selesai\n"
        "Festival Kuliner;Kebonsari Wetan;1;Kuliner;17/08/2025;18/08/2025\n"
        "\n"
        "Pasar Malam;Kebonsari Wetan;1;Kuliner;2025;26/05/2025\n"
    ).encode()
    client.force_login(operator_a)
    galat = _unggah(client, "event.csv", isi).context["hasil"].galat
    assert [(g.baris, g.kolom) for g in galat] == [(4, "Tanggal mulai")]
    assert "hanya berisi tahun" in galat[0].pesan
    assert not Event.objects.exists()


def test_lembar_tersembunyi_tidak_pernah_diimpor_dan_nama_lembar_disebut(client, operator_a, rw1):
    wb = openpyxl.Workbook()
    arsip = wb.active
    arsip.title = "Arsip 2024"
    arsip.append(KOLOM)
    arsip.append(["Event Lama", "35.74.04.1004", 1, "Kuliner", "01/01/2024", "01/01/2024"])
    arsip.sheet_state = "hidden"
    data = wb.create_sheet("Data Event")
    data.append(KOLOM)
    data.append(["Event Baru", "35.74.04.1004", 1, "Kuliner", "01/03/2025", "01/03/2025"])
    wb.create_sheet("Petunjuk").append(["Cara mengisi"])
    out = io.BytesIO()
    wb.save(out)
    client.force_login(operator_a)
    response = _unggah(client, "event.xlsx", out.getvalue())
    assert not response.context["hasil"].ada_galat
    assert "Dibaca dari lembar “Data Event” (XLSX)" in response.content.decode()
    client.post(reverse("wisata:event-impor"), {"token": response.context["token"]})
    assert list(Event.objects.values_list("nama", flat=True)) == ["Event Baru"]


def test_sel_galat_dan_rumus_tanpa_hasil_menolak_berkas_menyebut_selnya(client, operator_a, rw1):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(KOLOM)
    ws.append(["Festival", "35.74.04.1004", 1, "Kuliner", "01/03/2025", "01/03/2025"])
    ws.append(["=A2&\" 2\"", "35.74.04.1004", 1, "Kuliner", "02/03/2025", "02/03/2025"])  # openpyxl saves no result
    ws.append(["Pasar Malam", "35.74.04.1004", 1, "Kuliner", "2025", "02/03/2025"])
    out = io.BytesIO()
    wb.save(out)
    client.force_login(operator_a)
    response = _unggah(client, "event.xlsx", out.getvalue())
    galat = response.context["hasil"].galat
    # The cell's own error (not "Nama event wajib diisi" for the blank it left), and the other rows' errors
    # in the same upload.
    assert [(g.baris, g.kolom) for g in galat] == [(3, "Nama event"), (4, "Tanggal mulai")]
    assert "A3" in galat[0].pesan and "rumus" in galat[0].pesan
    assert response.context["token"] == "" and not Event.objects.exists()


@pytest.mark.parametrize("berkas", ["kader_libreoffice.ods", "kader_libreoffice.xlsx"])
def test_berkas_simpanan_libreoffice_dibaca_dari_lembar_data_dan_selnya_yang_galat_disebut(client, operator_a, rw1, berkas):
    """The LibreOffice workbook: a hidden 'Arsip 2024', the 'Data Kader' sheet with =1/0 and =NA()."""
    client.force_login(operator_a)
    response = _unggah(client, berkas, (DATA / berkas).read_bytes(), url="kader:kader-impor")
    body = response.content.decode()
    assert "Dibaca dari lembar “Data Kader”" in body
    galat = response.context["hasil"].galat
    assert {(g.baris, g.kunci) for g in galat} >= {(2, "pekerjaan"), (5, "pekerjaan")}, galat
    assert all("#DIV/0!" in g.pesan or "#N/A" in g.pesan for g in galat if g.kunci == "pekerjaan")
    assert "Kolom wajib tidak ada" in body, "the file's own problem is told beside its cells'"
    assert not Kader.objects.exists()


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        ("kader_libreoffice.xls", "Simpan Sebagai"),
        ("terkunci_libreoffice.xlsx", "kata sandi"),
        ("terkunci_libreoffice.ods", "kata sandi"),
    ],
)
def test_xls_dan_berkas_berkata_sandi_ditolak_dengan_saran(client, operator_a, berkas, pesan):
    client.force_login(operator_a)
    response = _unggah(client, berkas, (DATA / berkas).read_bytes(), url="kader:kader-impor")
    assert response.status_code == 200
    assert pesan in response.context["form"].errors["berkas"][0]
    assert not Kader.objects.exists()
