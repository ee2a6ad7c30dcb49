"""Reading an uploaded .xlsx within bounds (wilayah.lembar): the values are openpyxl's, the file's own
claims (its <dimension>, its end record) are not trusted, and every bound refuses with its message
before memory or time run away. Memory is measured with tracemalloc; no test asserts a time."""

import datetime as dt
import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from tests.berkas import XLSX_NS, xlsx_baris_berulang, xlsx_dari_xml
from wilayah import lembar
from wilayah.lembar import BerkasImporTidakSah, baca_lembar_xlsx
from wilayah.models import RW

MB = 1024 * 1024
JUDUL = b'<row r="1"><c r="A1" t="inlineStr"><is><t>nama</t></is></c><c r="B1" t="inlineStr"><is><t>nomor</t></is></c></row>'


def lembar_xml(*baris: bytes, dimensi: bytes = b"") -> bytes:
    return XLSX_NS + dimensi + b"<sheetData>" + JUDUL + b"".join(baris) + b"</sheetData></worksheet>"


def baris_data(nomor: int, nama: bytes = b"Ali") -> bytes:
    return b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c></row>' % (nomor, nomor, nama, nomor, nomor)


def puncak_memori(fungsi, *args):
    """(result or the exception raised, peak bytes allocated while it ran)."""
    tracemalloc.start()
    try:
        try:
            hasil = fungsi(*args)
        except BerkasImporTidakSah as exc:
            hasil = exc
        return hasil, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def openpyxl_read_only(data: bytes) -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]


def sebagai_tabel(hasil) -> list[tuple]:
    return [tuple(hasil.headers)] + [tuple(nilai) for _nomor, nilai in hasil.baris]


# --------------------------------------------------------------------------- the values are openpyxl's


def test_values_are_the_ones_openpyxl_reads_from_a_workbook_it_wrote():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nama", "lahir", "waktu", "jam", "angka", "pecahan", "ya", "rich", "durasi", "persen", "nik", "besar"])
    rich = CellRichText("Siti ", TextBlock(InlineFont(b=True), "Aminah"))
    ws.append(["  Ali ", dt.date(1985, 3, 12), dt.datetime(2025, 5, 26, 8, 30), dt.time(7, 15), 3, 1.5, True, rich, dt.timedelta(hours=30), 0.25, "3574046505909871", 1e20])
    ws["J2"].number_format = "0%"
    ws.append(["Budi", "26 Mei 2025", None, None, -3, 0.1, False, "", None, None, 3574046505909871, -2.5e-7])
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    assert sebagai_tabel(baca_lembar_xlsx(data)) == openpyxl_read_only(data)


@pytest.mark.filterwarnings("ignore:Workbook contains no default style", "ignore:Cell D5 is marked as a date")
def test_values_are_the_ones_openpyxl_reads_from_hand_written_xml():
    """What other writers do: a namespace prefix (x:), shared strings with rich text and a phonetic run,
    cells and rows without r, a formula's cached text, an error, a boolean, an ISO date cell, a custom
    date format and the 1904 date system."""
    gaya = (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">'
        b'<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
        b'<xf numFmtId="164"/><xf numFmtId="46"/></cellXfs></styleSheet>'
    )
    teks = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>nama</t></si><si><t>tanggal</t></si>'
        b'<si><r><t>Siti </t></r><r><rPr><b/></rPr><t>Aminah</t></r><rPh sb="0" eb="4"><t>SHI</t></rPh></si><si><t xml:space="preserve"> x005F_spasi </t></si></sst>'
    )
    sheet = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        b'<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>lain</x:t></x:is></x:c>'
        b'<x:c t="inlineStr"><x:is><x:t>durasi</x:t></x:is></x:c></x:row>'
        b'<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c s="1"><x:v>45803</x:v></x:c><x:c t="str"><x:f>A2&amp;"!"</x:f><x:v>Siti!</x:v></x:c>'
        b'<x:c s="2"><x:v>1.25</x:v></x:c></x:row>'
        b'<x:row r="4"><x:c r="A4" t="s"><x:v>3</x:v></x:c><x:c r="B4" t="d"><x:v>2025-05-26T00:00:00</x:v></x:c>'
        b'<x:c r="C4" t="e"><x:v>#N/A</x:v></x:c><x:c r="D4" t="b"><x:v>1</x:v></x:c></x:row>'
        b'<x:row r="5"><x:c r="A5"><x:v>1.5E3</x:v></x:c><x:c r="B5" s="1"/><x:c r="C5" t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r>'
        b'<x:r><x:t>b</x:t></x:r><x:rPh sb="0" eb="1"><x:t>A</x:t></x:rPh></x:is></x:c><x:c r="D5" s="1"><x:v>1E10</x:v></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    for buku in (
        None,
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<workbookPr date1904="1"/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ):
        data = xlsx_dari_xml(sheet, teks_bersama=teks, gaya=gaya, **({"buku": buku} if buku else {}))
        hasil = baca_lembar_xlsx(data)
        dibaca = sebagai_tabel(hasil)
        lebar = len(dibaca[0])
        # Except error values: openpyxl gives their text, here they are blank and reported (issue 10).
        galat = ("#N/A", "#VALUE!")
        assert dibaca == [(tuple(None if v in galat else v for v in r) + (None,) * lebar)[:lebar] for r in openpyxl_read_only(data) if any(v is not None for v in r)]
        assert [(b, k) for b, k, _pesan in hasil.galat_sel] == [(4, 2), (5, 3)]
        assert dibaca[1][0] == "Siti Aminah" and isinstance(dibaca[1][1], dt.datetime)
    assert dibaca[1][1].year == 2029, "the 1904 date system"
    assert dibaca[3][2:] == ("ab", None), "a date serial out of range (openpyxl's #VALUE!) is blank, and reported"


def test_excel_row_numbers_and_the_sheet_name_are_kept():
    hasil = baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(baris_data(2), b'<row r="3"/>', baris_data(7))))
    assert hasil.nama == "Data"
    assert [(n, v) for n, v in hasil.baris] == [(2, ["Ali", 2]), (7, ["Ali", 7])]


# --------------------------------------------------------------------------- the dimension is not trusted


def test_a_stale_dimension_drops_no_row():
    """<dimension ref="A1:B2"> over 50 rows: openpyxl's read-only mode stops at row 2; every row is read here."""
    data = xlsx_dari_xml(lembar_xml(*(baris_data(n) for n in range(2, 52)), dimensi=b'<dimension ref="A1:B2"/>'))
    assert len(openpyxl_read_only(data)) == 2, "the shape of the problem"
    assert [n for n, _v in baca_lembar_xlsx(data).baris] == list(range(2, 52))


def test_a_5_kb_file_claiming_a1_xfd1048576_is_read_at_its_real_size():
    data = xlsx_dari_xml(lembar_xml(*(baris_data(n) for n in range(2, 40)), dimensi=b'<dimension ref="A1:XFD1048576"/>'))
    assert len(data) < 5 * 1024
    hasil, puncak = puncak_memori(baca_lembar_xlsx, data)
    assert len(hasil.baris) == 38 and all(len(v) == 2 for _n, v in hasil.baris)
    assert puncak < 2 * MB


def test_cells_past_the_header_width_are_not_read():
    hasil = baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(b'<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>2</v></c></row>', b'<row r="3"><c r="Z3"><v>9</v></c></row>')))
    assert hasil.baris == [(2, [1, None])], "row 3 only has a cell past the header: blank"


# --------------------------------------------------------------------------- the row bomb of issue 9


def test_the_million_row_file_is_refused_before_its_rows_are_read():
    data = xlsx_baris_berulang(1_000_000)
    assert len(data) < 300_000, "0.26 MB, as reported"
    hasil, puncak = puncak_memori(baca_lembar_xlsx, data)
    assert isinstance(hasil, BerkasImporTidakSah)
    pesan = str(hasil)
    assert "Lembar kerja di berkas ini terlalu besar: 71,5 MB setelah dibuka (batas 48,0 MB)" in pesan
    assert "Satu impor paling banyak 20.000 baris data: pecah data menjadi beberapa berkas" in pesan
    assert puncak < 10 * MB


def test_without_the_zip_checks_the_row_cap_still_stops_the_million_rows(monkeypatch):
    """Defence in depth: a bomb that passed the size and ratio checks is stopped at row 20,001."""
    monkeypatch.setattr(lembar, "UKURAN_LEMBAR_MAKS", 1 << 40)
    monkeypatch.setattr(lembar, "RASIO_MAKS", 1 << 20)
    hasil, puncak = puncak_memori(baca_lembar_xlsx, xlsx_baris_berulang(1_000_000))
    assert str(hasil).startswith("Berkas berisi lebih dari 20.000 baris data. Satu impor paling banyak 20.000 baris data: pecah")
    assert puncak < 40 * MB


def test_the_row_cap_counts_data_rows_and_says_how_to_split(monkeypatch):
    monkeypatch.setattr(lembar, "BARIS_MAKS_IMPOR", 5)
    kosong = b'<row r="%d"><c r="A%d" s="1"/></row>'
    pas = [baris_data(n) for n in range(2, 7)] + [kosong % (n, n) for n in range(7, 20)]
    assert len(baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(*pas))).baris) == 5, "blank rows do not count"
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas berisi lebih dari 5 baris data\. Satu impor paling banyak 5 baris data: pecah"):
        baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(*pas, baris_data(20))))


def test_rows_in_the_xml_are_bounded_blank_ones_included(monkeypatch):
    monkeypatch.setattr(lembar, "BARIS_LEMBAR_MAKS", 50)
    data = xlsx_dari_xml(lembar_xml(baris_data(2), b"<row/>" * 60))
    with pytest.raises(BerkasImporTidakSah, match="lebih dari 50 baris, termasuk baris kosong yang diberi format. Hapus baris kosong"):
        baca_lembar_xlsx(data)


def test_elements_are_bounded_over_the_whole_file(monkeypatch):
    monkeypatch.setattr(lembar, "ELEMEN_MAKS", 400)
    baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(b"<row>" + b"<c/>" * 300 + b"</row>")))
    with pytest.raises(BerkasImporTidakSah, match="lebih dari 400 unsur XML"):
        baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(b"<row>" + b"<c/>" * 400 + b"</row>")))


# --------------------------------------------------------------------------- columns


def test_a_header_wider_than_the_bound_is_refused():
    judul = b"<row>" + b"".join(b'<c t="inlineStr"><is><t>k%d</t></is></c>' % i for i in range(101)) + b"</row>"
    data = xlsx_dari_xml(XLSX_NS + b"<sheetData>" + judul + b"</sheetData></worksheet>")
    with pytest.raises(BerkasImporTidakSah, match=r"^Baris 1 \(judul kolom\) berisi lebih dari 100 kolom"):
        baca_lembar_xlsx(data)
    # Blank formatted cells after the header are no columns.
    judul = b"<row>" + b'<c t="inlineStr"><is><t>nama</t></is></c>' + b'<c s="1"/>' * 500 + b"</row>"
    assert baca_lembar_xlsx(xlsx_dari_xml(XLSX_NS + b"<sheetData>" + judul + b"</sheetData></worksheet>")).headers == ["nama"]


@pytest.mark.parametrize(
    "baris",
    [b'<row r="2">' + b'<c r="A2"/>' * 16_385 + b"</row>", b'<row r="2"><c r="XFE2"><v>1</v></c></row>', b'<row r="2"><c r="2"><v>1</v></c></row>'],
    ids=["more cells than Excel has columns", "past column XFD", "a reference without a column"],
)
def test_a_row_no_spreadsheet_can_hold_is_damaged(baris):
    with pytest.raises(BerkasImporTidakSah, match="rusak"):
        baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(baris)))


# --------------------------------------------------------------------------- text


def _satu_teks_bersama(potongan_mb: int, blok: bytes = b"a" * MB):
    yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    for _ in range(potongan_mb):
        yield blok
    yield b"</t></si></sst>"


def test_one_huge_shared_string_is_refused_from_the_zip_directory():
    sheet = lembar_xml(b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')
    data = xlsx_dari_xml(sheet, teks_bersama=_satu_teks_bersama(64), tingkat=9)
    assert len(data) < 100_000
    hasil, puncak = puncak_memori(baca_lembar_xlsx, data)
    assert str(hasil).startswith("Teks di berkas ini terlalu besar: 64,0 MB setelah dibuka (batas 16,0 MB).")
    assert puncak < 2 * MB


def test_a_cell_longer_than_excel_allows_is_refused_while_it_is_read():
    sheet = lembar_xml(b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')
    data = xlsx_dari_xml(sheet, teks_bersama=_satu_teks_bersama(8, b"a" * (MB - 1) + b"b"), tanpa_mampat=True)
    hasil, puncak = puncak_memori(baca_lembar_xlsx, data)
    assert str(hasil) == "Sebuah sel berisi lebih dari 32.767 karakter, batas Excel untuk satu sel. Periksa isi berkasnya."
    assert puncak < 2 * MB
    teks = b"x" * 40_000
    with pytest.raises(BerkasImporTidakSah, match="32.767 karakter"):
        baca_lembar_xlsx(xlsx_dari_xml(lembar_xml(b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + teks + b"</t></is></c></row>")))


@pytest.mark.parametrize(
    "dtd, isi",
    [(b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', b"&b;"), (b"<!DOCTYPE w>", b"Ali")],
    ids=["entities", "a bare DOCTYPE"],
)
def test_a_doctype_and_so_any_entity_is_refused(dtd, isi):
    sheet = b'<?xml version="1.0"?>' + dtd + lembar_xml(b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + isi + b"</t></is></c></row>")
    with pytest.raises(BerkasImporTidakSah, match="rusak"):
        baca_lembar_xlsx(xlsx_dari_xml(sheet))


# --------------------------------------------------------------------------- the zip


def test_compression_far_beyond_any_workbook_is_refused():
    data = xlsx_baris_berulang(30_000, b"<row/>")  # 180 KB of empty rows, deflated about 1000 times
    with pytest.raises(BerkasImporTidakSah, match=r"dimampatkan secara tidak wajar: bagian xl/worksheets/sheet1.xml \d+ kali .* \(batas 100 kali\)"):
        baca_lembar_xlsx(xlsx_baris_berulang(200_000, b"<row/>"))
    assert baca_lembar_xlsx(data).baris == [], "below 1 MB the ratio is not checked: small XML parts compress well"


def test_entries_are_counted_from_the_end_record_before_the_zip_is_opened(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for i in range(1_001):
            z.writestr(f"x/{i}", b"")
    monkeypatch.setattr(lembar.zipfile, "ZipFile", None)  # opening the zip would fail the test
    with pytest.raises(BerkasImporTidakSah, match=r"terdiri atas lebih dari 1\.000 bagian; buku kerja biasa hanya belasan"):
        baca_lembar_xlsx(buffer.getvalue())


def test_an_end_record_that_lies_about_the_entries_is_still_caught(monkeypatch):
    monkeypatch.setattr(lembar, "ENTRI_ZIP_MAKS", 8)
    data = bytearray(xlsx_dari_xml(lembar_xml(baris_data(2))))  # 5 parts
    akhir = data.rfind(b"PK\x05\x06")
    data[akhir + 8 : akhir + 12] = (1).to_bytes(2, "little") * 2  # "one entry"
    assert len(zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()) == 5
    monkeypatch.setattr(lembar, "ENTRI_ZIP_MAKS", 4)
    with pytest.raises(BerkasImporTidakSah, match=r"terdiri atas lebih dari 4 bagian"):
        baca_lembar_xlsx(bytes(data))


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04rusak", xlsx_dari_xml(b"<worksheet><sheetData><row>"), xlsx_dari_xml(lembar_xml(b'<row r="2"><c r="A2" t="s"><v>7</v></c></row>'))],
    ids=["not a zip", "broken XML", "a shared string that is not there"],
)
def test_a_damaged_file_is_refused_with_the_one_message(data):
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas \.xlsx tidak dapat dibaca \(rusak atau bukan buku kerja Excel\)\.$"):
        baca_lembar_xlsx(data)


# --------------------------------------------------------------------------- through the import page


def test_the_import_page_shows_the_refusal_and_writes_nothing(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.post(reverse("wilayah:rw-impor"), {"berkas": SimpleUploadedFile("rw.xlsx", xlsx_baris_berulang(1_000_000))})
    assert response.status_code == 200
    assert "Satu impor paling banyak 20.000 baris data" in response.content.decode()
    assert not response.context["form"].is_valid() and RW.objects.count() == 0
