"""Formats (wilayah.lembar.baca_lembar, issue 10): .xlsx, .ods and .csv recognised from the bytes, whatever the
file is called; files saved by LibreOffice Calc itself (tests/data, see its README) read as the user sees them;
a legacy .xls, a password-protected workbook, an HTML page called .xls and anything else refused with what to
do."""

import datetime as dt
import io
import math
import os
import struct
import zipfile
from pathlib import Path

import pytest

from tests.berkas import jpeg_bytes, pdf_bytes, png_bytes
from wilayah.lembar import BerkasImporTidakSah, baca_lembar, baca_lembar_xlsx, nama_aliran_ole

DATA = Path(__file__).resolve().parent.parent / "data"

PESAN_XLS = (
    "Berkas ini buku kerja Excel format lama (.xls), yang tidak dapat dibaca di sini. Buka berkasnya di Excel atau LibreOffice, "
    'pilih Simpan Sebagai (Save As) dengan jenis "Buku Kerja Excel (.xlsx)" (atau .ods), lalu unggah berkas yang baru itu.'
)
PESAN_SANDI = (
    "Berkas ini dilindungi kata sandi, jadi isinya tidak dapat dibaca. Hapus kata sandinya: di Excel, File > Info > "
    "Proteksi Buku Kerja (Protect Workbook) > Enkripsi dengan Kata Sandi (Encrypt with Password), kosongkan kata sandinya, "
    'lalu OK; di LibreOffice, Simpan Sebagai dengan "Simpan dengan kata sandi" tidak dicentang. Simpan, lalu unggah lagi.'
)
PESAN_BUKAN = "Berkas ini bukan lembar kerja. Yang dapat diimpor: buku kerja Excel (.xlsx), lembar kerja LibreOffice (.ods), atau CSV (.csv)."


def berkas(nama: str) -> bytes:
    return (DATA / nama).read_bytes()


def ditolak(data: bytes, **kwargs) -> str:
    with pytest.raises(BerkasImporTidakSah) as exc:
        baca_lembar(data, **kwargs)
    return str(exc.value)


# --------------------------------------------------------------------------- files saved by LibreOffice Calc

HEADERS = ["nama", "nik", "tanggal_lahir", "telepon", "pekerjaan", "angka", "alamat"]


def test_the_ods_libreoffice_saved_reads_as_the_user_sees_it():
    """Hidden archive sheet first, the data sheet, the instructions sheet; whole columns formatted, so the rows
    below the data are one row repeated 1,048,570 times."""
    hasil = baca_lembar(berkas("kader_libreoffice.ods"))
    assert (hasil.format, hasil.nama, hasil.headers) == ("ods", "Data Kader", HEADERS)
    assert hasil.baris == [
        (2, ["Siti  Aminah", "3574046505909871", dt.datetime(1985, 3, 12), "081234567890", None, 81234567890, "Jl. Brantas No. 5\nRT 01 RW 02"]),
        (4, ["Budi", 3574046505909872, dt.datetime(1990, 7, 1), 81234567891, "GURU", 3, "Jl.  Mawar"]),
        (5, ["Désy — Café", "3574046505909873", dt.datetime(2000, 2, 29), None, None, 1.5, None]),
    ]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(2, 4), (5, 4)]
    assert hasil.galat_sel[0][2].startswith("Sel E2: rumus menghasilkan #DIV/0!: perbaiki rumusnya")
    assert hasil.galat_sel[1][2].startswith("Sel E5: rumus menghasilkan #N/A: perbaiki rumusnya")


def test_the_xlsx_libreoffice_saved_reads_the_same():
    """The same workbook as .xlsx (the hidden sheet last: see tests/data/README.md). LibreOffice kept 15
    significant digits of the NIK typed as a number, as Excel does: the reason it must be refused later."""
    hasil = baca_lembar(berkas("kader_libreoffice.xlsx"))
    ods = baca_lembar(berkas("kader_libreoffice.ods"))
    assert (hasil.format, hasil.nama, hasil.headers) == ("xlsx", "Data Kader", HEADERS)
    assert hasil.baris[1][1][1] == 3574046505909870
    ods.baris[1][1][1] = 3574046505909870
    assert hasil.baris == ods.baris
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(2, 4), (5, 4)]
    assert hasil.galat_sel[0][2].startswith("Sel E2: rumus menghasilkan #DIV/0!")


@pytest.mark.parametrize("nama", ["kader_libreoffice_titik_koma.csv", "kader_libreoffice_koma_1252.csv"])
def test_the_csv_libreoffice_saved_is_text_row_by_row(nama):
    """";" and UTF-8 (Indonesian locale), "," and Windows-1252: the same cells, as text as shown."""
    hasil = baca_lembar(berkas(nama))
    assert (hasil.format, hasil.nama, hasil.headers) == ("csv", "CSV", HEADERS)
    assert hasil.baris == [
        (2, ["Siti  Aminah", "3574046505909871", "12/03/1985", "081234567890", None, "81234567890", "Jl. Brantas No. 5\nRT 01 RW 02"]),
        (4, ["Budi", "3.57404650590987E+15", "01/07/1990", "81234567891", "GURU", "3", "Jl.  Mawar"]),
        (5, ["Désy — Café", "3574046505909873", "29/02/2000", None, None, "1.5", None]),
    ]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(2, 4), (5, 4)]
    assert hasil.galat_sel[0][2].startswith("Sel E2 berisi #DIV/0!, hasil rumus yang gagal saat berkas disimpan")


def test_the_files_are_what_their_names_say():
    assert berkas("kader_libreoffice_koma_1252.csv").count(b"\x97") == 1, "Windows-1252's em dash"
    assert berkas("kader_libreoffice_titik_koma.csv").startswith(b"nama;nik;")
    assert berkas("kader_libreoffice.xls").startswith(b"\xd0\xcf\x11\xe0") and berkas("terkunci_libreoffice.xlsx").startswith(b"\xd0\xcf\x11\xe0")


def test_the_legacy_xls_libreoffice_saved_gets_the_exact_advice():
    assert ditolak(berkas("kader_libreoffice.xls")) == PESAN_XLS


@pytest.mark.parametrize("nama", ["terkunci_libreoffice.xlsx", "terkunci_libreoffice.ods"])
def test_a_password_protected_file_libreoffice_saved_is_told_so(nama):
    assert ditolak(berkas(nama)) == PESAN_SANDI


def test_the_name_does_not_matter():
    """Only bytes reach the reader: the same .ods bytes are read whatever the upload was called."""
    assert baca_lembar(berkas("kader_libreoffice.ods")).format == "ods"
    assert baca_lembar(berkas("kader_libreoffice_titik_koma.csv")).format == "csv"


# --------------------------------------------------------------------------- OLE compound files

TAK_ADA, AKHIR, SEKTOR_FAT, SEKTOR_DIFAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC


def ole(*nama: str, jauh: bool = False) -> bytes:
    """A minimal OLE compound file ([MS-CFB] version 3, 512-byte sectors) whose directory holds the root (a name
    the reader does not report) and the streams ``nama``, four entries per directory sector. ``jauh`` puts the
    directory past what the header's 109 allocation-table sectors cover (a 7 MB file), so following it needs the
    DIFAT chain."""
    entri = [("Root Entry", 5)] + [(n, 2) for n in nama]
    jumlah_direktori = math.ceil(len(entri) / 4)
    jumlah_fat = 110 if jauh else 1
    awal_direktori = 109 * 128 + 1 if jauh else jumlah_fat
    sektor = [bytes(512)] * (awal_direktori + jumlah_direktori)
    fat = [TAK_ADA] * (jumlah_fat * 128)
    fat[:jumlah_fat] = [SEKTOR_FAT] * jumlah_fat
    if jauh:  # the 110th allocation sector is listed in a DIFAT sector, right after the table
        fat[110] = SEKTOR_DIFAT
        sektor[110] = struct.pack("<128L", 109, *[TAK_ADA] * 126, AKHIR)
    for i in range(jumlah_direktori):
        fat[awal_direktori + i] = awal_direktori + i + 1 if i < jumlah_direktori - 1 else AKHIR
    for i in range(jumlah_fat):
        sektor[i] = struct.pack("<128L", *fat[i * 128 : (i + 1) * 128])
    for i in range(jumlah_direktori):
        blok = bytearray(512)
        for j, (n, jenis) in enumerate(entri[i * 4 : i * 4 + 4]):
            nama_utf16 = n.encode("utf-16-le") + b"\x00\x00"
            blok[j * 128 : j * 128 + len(nama_utf16)] = nama_utf16
            struct.pack_into("<HB", blok, j * 128 + 64, len(nama_utf16), jenis)
        sektor[awal_direktori + i] = bytes(blok)
    difat = list(range(min(jumlah_fat, 109))) + [TAK_ADA] * (109 - min(jumlah_fat, 109))
    kepala = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    kepala += struct.pack("<LLLLLLLLL", 0, jumlah_fat, awal_direktori, 0, 4096, AKHIR, 0, 110 if jauh else AKHIR, 1 if jauh else 0)
    kepala += struct.pack("<109L", *difat)
    return kepala + b"".join(sektor)


def test_the_ole_directory_is_read_as_written():
    assert nama_aliran_ole(berkas("terkunci_libreoffice.xlsx")) >= {"EncryptionInfo", "EncryptedPackage"}
    assert "Workbook" in nama_aliran_ole(berkas("kader_libreoffice.xls"))
    assert nama_aliran_ole(ole("a", "b", "c", "d", "e", "Workbook")) == {"a", "b", "c", "d", "e", "Workbook"}
    data = ole("a", "b", "c", "EncryptionInfo", "EncryptedPackage", jauh=True)
    assert len(data) > 109 * 128 * 512, "past what 109 allocation sectors of 128 entries of 512 bytes cover"
    assert nama_aliran_ole(data) == {"a", "b", "c", "EncryptionInfo", "EncryptedPackage"}, "the second directory sector, found through the DIFAT"


@pytest.mark.parametrize(
    "data, pesan",
    [
        (ole("\x05SummaryInformation", "Workbook"), PESAN_XLS),
        (ole("Book"), PESAN_XLS),  # Excel 5/95
        (ole("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"), PESAN_SANDI),  # Excel's "Encrypt with Password"
        (ole("a", "b", "c", "d", "EncryptedPackage", jauh=True), PESAN_SANDI),
        (ole("WordDocument", "1Table"), PESAN_BUKAN),  # a .doc
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(600), PESAN_XLS),  # a directory that cannot be followed
    ],
    ids=["xls", "xls 95", "encrypted xlsx", "encrypted xlsx, far directory", "doc", "damaged"],
)
def test_an_ole_file_is_told_what_it_is(data, pesan):
    assert ditolak(data) == pesan


# --------------------------------------------------------------------------- everything else


def zip_dari(bagian: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for nama, isi in bagian.items():
            z.writestr(nama, isi)
    return buffer.getvalue()


DOCX = zip_dari({
    "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
})  # fmt: skip
XLSB = zip_dari({
    "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" '
    b'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
    "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
    "xl/workbook.bin": b"\x83\x01\x00",
})  # fmt: skip


@pytest.mark.parametrize(
    "data",
    [pdf_bytes(), png_bytes(), jpeg_bytes(), DOCX, zip_dari({"foto.jpg": jpeg_bytes()}), b"{\\rtf1\\ansi Halo}", b"\x00" * 100 + b"a;b\n"],
    ids=["pdf", "png", "jpeg", "docx", "zip", "rtf", "binary"],
)
def test_anything_else_is_no_spreadsheet(data):
    assert ditolak(data) == PESAN_BUKAN


def test_random_bytes_are_refused():
    for _ in range(20):
        with pytest.raises(BerkasImporTidakSah):
            baca_lembar(os.urandom(4096))


def test_a_binary_workbook_gets_the_save_as_advice():
    assert ditolak(XLSB) == PESAN_XLS.replace("format lama (.xls)", "biner (.xlsb)")


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><table><tr><td>nama</td></tr></table></body></html>",
        b'\r\n<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n<html>',
        b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        b"\xef\xbb\xbf<table border=1><tr><th>nama</th></tr></table>",
    ],
    ids=["html", "doctype", "spreadsheetml 2003", "table with a bom"],
)
def test_a_web_page_called_xls_gets_the_save_as_advice(data):
    assert ditolak(data) == (
        "Berkas ini halaman web atau XML, bukan lembar kerja (beberapa aplikasi menamainya .xls). Buka berkasnya di Excel atau "
        'LibreOffice, pilih Simpan Sebagai dengan jenis "Buku Kerja Excel (.xlsx)" (atau .ods), lalu unggah berkas yang baru itu.'
    )


def test_a_damaged_zip_is_refused_without_guessing_its_format():
    assert ditolak(b"PK\x03\x04rusak") == "Berkas tidak dapat dibaca: rusak, atau bukan buku kerja .xlsx atau .ods."
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas \.xlsx tidak dapat dibaca \(rusak atau bukan buku kerja Excel\)\.$"):
        baca_lembar_xlsx(b"PK\x03\x04rusak")


@pytest.mark.parametrize("nama", ["kader_libreoffice.ods", "kader_libreoffice_titik_koma.csv"])
def test_the_xlsx_only_reader_refuses_the_other_formats(nama):
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas bukan Excel \.xlsx\."):
        baca_lembar_xlsx(berkas(nama))
