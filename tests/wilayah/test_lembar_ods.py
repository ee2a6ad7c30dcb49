""".ods read within the bounds of wilayah.lembar (wilayah.lembar_ods): values as the .xlsx reader gives them,
repeated rows and cells that cost nothing when blank and count each time when not, the same bounds and
refusals. The .ods files are written here by hand, part by part (the shapes LibreOffice writes, and the
hostile ones it would not); tests/data holds files saved by LibreOffice itself. Memory is measured with
tracemalloc; no test asserts a time."""

import datetime as dt
import io
import zipfile

import pytest

from tests.wilayah.test_lembar import MB, puncak_memori
from wilayah import lembar
from wilayah.lembar import BerkasImporTidakSah, baca_lembar

MIMETYPE_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    b'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
# "ta1" is a visible sheet's style, "ta2" a hidden one's, as LibreOffice writes them.
GAYA = (
    b'<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
    b'<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
)
MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def ods_dari_xml(tabel, *, gaya: bytes = GAYA, mimetype: bytes = MIMETYPE_ODS, manifest: bytes = MANIFEST, awal: bytes = b"",
                 tanpa_mampat: bool = False, tingkat: int | None = None) -> bytes:  # fmt: skip
    """An .ods whose spreadsheet body is ``tabel`` (bytes, or an iterable of byte chunks written one by one, so
    a huge content.xml never sits in memory), after the automatic styles ``gaya``. ``awal`` comes before the
    root element (a DOCTYPE)."""

    def isi():
        yield b'<?xml version="1.0" encoding="UTF-8"?>' + awal + b"<office:document-content " + _NS + b' office:version="1.3">'
        yield b"<office:automatic-styles>" + gaya + b"</office:automatic-styles><office:body><office:spreadsheet>"
        yield from [tabel] if isinstance(tabel, bytes) else tabel
        yield b"</office:spreadsheet></office:body></office:document-content>"

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if tanpa_mampat else zipfile.ZIP_DEFLATED, compresslevel=tingkat) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first, as ODF asks
        z.writestr("META-INF/manifest.xml", manifest)
        with z.open("content.xml", "w") as f:
            for potongan in isi():
                f.write(potongan)
    return buffer.getvalue()


def tabel(nama: str, *baris: bytes, tersembunyi: bool = False) -> bytes:
    gaya = b"ta2" if tersembunyi else b"ta1"
    return b'<table:table table:name="%s" table:style-name="%s">' % (nama.encode(), gaya) + b"".join(baris) + b"</table:table>"


def baris(*sel: bytes, ulang: int = 1) -> bytes:
    atribut = b' table:number-rows-repeated="%d"' % ulang if ulang > 1 else b""
    return b"<table:table-row" + atribut + b">" + b"".join(sel) + b"</table:table-row>"


def teks(isi: str, ulang: int = 1) -> bytes:
    atribut = b' table:number-columns-repeated="%d"' % ulang if ulang > 1 else b""
    return b'<table:table-cell office:value-type="string" calcext:value-type="string"%s><text:p>%s</text:p></table:table-cell>' % (atribut, isi.encode())


def angka(nilai, ulang: int = 1) -> bytes:
    atribut = b' table:number-columns-repeated="%d"' % ulang if ulang > 1 else b""
    return b'<table:table-cell office:value-type="float" office:value="%s"%s><text:p>%s</text:p></table:table-cell>' % (str(nilai).encode(), atribut, str(nilai).encode())


def kosong(ulang: int = 1) -> bytes:
    return b'<table:table-cell table:number-columns-repeated="%d"/>' % ulang if ulang > 1 else b"<table:table-cell/>"


JUDUL = baris(teks("nama"), teks("nomor"))


def ods(*isi: bytes, nama: str = "Data") -> bytes:
    """One visible sheet: the header (nama, nomor) and the rows ``isi``."""
    return ods_dari_xml(tabel(nama, JUDUL, *isi))


def isi_baris(hasil) -> list[tuple[int, list]]:
    return [(n, v) for n, v in hasil.baris]


# --------------------------------------------------------------------------- values


def test_values_are_the_ones_the_xlsx_reader_gives():
    sel = [
        b'<table:table-cell office:value-type="float" office:value="3574046505909872"><text:p>3.57404650590987E+15</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="float" office:value="1.5"/>',
        b'<table:table-cell office:value-type="float" office:value="1E+20"/>',
        b'<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="currency" office:currency="IDR" office:value="1500"><text:p>Rp1.500</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="date" office:date-value="2025-05-26"><text:p>26/05/2025</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="date" office:date-value="2025-05-26T08:30:00.5"/>',
        b'<table:table-cell office:value-type="time" office:time-value="PT07H15M00S"><text:p>07:15</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="time" office:time-value="PT30H00M00S"><text:p>30:00</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="boolean" office:boolean-value="false"/>',
        b'<table:table-cell table:formula="of:=UPPER(&quot;guru&quot;)" office:value-type="string" office:string-value="GURU"><text:p>GURU</text:p></table:table-cell>',
        b'<table:table-cell table:formula="of:=&quot;&quot;" office:value-type="string" office:string-value=""/>',
    ]
    judul = baris(*(teks(f"k{i}") for i in range(len(sel))))
    hasil = baca_lembar(ods_dari_xml(tabel("Data", judul, baris(*sel))))
    assert hasil.format == "ods" and hasil.nama == "Data" and hasil.galat_sel == []
    assert hasil.baris == [
        (2, [3574046505909872, 1.5, 1e20, 0.25, 1500, dt.datetime(2025, 5, 26), dt.datetime(2025, 5, 26, 8, 30, 0, 500_000),
             dt.time(7, 15), dt.timedelta(hours=30), True, False, "GURU", None])
    ]  # fmt: skip
    nilai = hasil.baris[0][1]
    assert type(nilai[0]) is int and type(nilai[4]) is int and type(nilai[1]) is float


def test_text_is_its_paragraphs_as_typed():
    sel = [
        b'<table:table-cell office:value-type="string"><text:p>Siti <text:s/>Aminah</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="string"><text:p>Jl. Brantas No. 5</text:p><text:p>RT 01<text:tab/>RW<text:s text:c="3"/>02</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="string"><text:p><text:span text:style-name="T1">Si</text:span>ti<text:line-break/>'
        b'<text:a xlink:href="https://x" xmlns:xlink="http://www.w3.org/1999/xlink">Aminah</text:a></text:p></table:table-cell>',
        # A comment is no value, beside or inside the paragraph.
        b'<table:table-cell office:value-type="string"><office:annotation><dc:creator>Ani</dc:creator><text:p>cek lagi</text:p></office:annotation>'
        b"<text:p>Budi<office:annotation><text:p>catatan</text:p></office:annotation> Santoso</text:p></table:table-cell>",
        b"<table:table-cell><text:p>tanpa jenis</text:p></table:table-cell>",  # some writers leave the value type out
        b'<table:table-cell office:value-type="string" office:string-value="dari atribut"><text:p>tampilan</text:p></table:table-cell>',
        b'<table:table-cell office:value-type="string"><text:p/></table:table-cell>',
    ]
    judul = baris(*(teks(f"k{i}") for i in range(len(sel))))
    hasil = baca_lembar(ods_dari_xml(tabel("Data", judul, baris(*sel, teks("akhir")))))
    assert hasil.baris == [(2, ["Siti  Aminah", "Jl. Brantas No. 5\nRT 01\tRW   02", "Siti\nAminah", "Budi Santoso", "tanpa jenis", "dari atribut", None])]


def test_the_text_of_sheets_not_read_is_not_collected():
    """The instructions sheet after the data: its 40,000 characters are not one cell of the sheet read."""
    petunjuk = tabel("Petunjuk", *[baris(teks("x" * 1000))] * 40)
    hasil = baca_lembar(ods_dari_xml(tabel("Data", JUDUL, baris(teks("Ali"))) + petunjuk))
    assert hasil.nama == "Data" and hasil.baris == [(2, ["Ali", None])]


def test_a_merged_cell_is_read_once():
    """The hidden part of a merged cell (covered-table-cell) is blank, whatever it holds."""
    gabung = b'<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Ali</text:p></table:table-cell>'
    tertutup = b'<table:covered-table-cell office:value-type="string"><text:p>lama</text:p></table:covered-table-cell>'
    assert baca_lembar(ods(baris(gabung, tertutup))).baris == [(2, ["Ali", None])]


# --------------------------------------------------------------------------- error cells


def test_error_cells_and_formulas_without_a_value_are_reported_and_blank():
    sel = [
        # LibreOffice's own error cell: a string type with an empty value, the error as text.
        b'<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>',
        b'<table:table-cell table:formula="of:=A1+[.X]" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>',
        b'<table:table-cell table:formula="of:=SUM([.A1:.A2])"/>',  # no value saved (odfpy, hand-written files)
        b'<table:table-cell table:formula="of:=VLOOKUP(1;[.A1:.B2];2)" office:value-type="string" office:string-value="#N/A"/>',  # other writers
        b'<table:table-cell office:value-type="date" office:date-value="12025-01-01"/>',
        teks("#N/A"),  # the text "#N/A", typed: a value, not an error
    ]
    judul = baris(*(teks(f"k{i}") for i in range(len(sel))))
    hasil = baca_lembar(ods_dari_xml(tabel("Data", judul, baris(kosong()), baris(*sel))))
    assert hasil.baris == [(3, [None, None, None, None, None, "#N/A"])]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(3, 0), (3, 1), (3, 2), (3, 3), (3, 4)]
    pesan = [p for _b, _k, p in hasil.galat_sel]
    assert pesan[0] == "Sel A3: rumus menghasilkan #DIV/0!: perbaiki rumusnya atau ganti dengan nilainya (Salin, lalu Tempel Khusus > Nilai)."
    assert pesan[1].startswith("Sel B3: rumus menghasilkan Err:502: perbaiki rumusnya")
    assert pesan[2] == (
        "Sel C3: rumus tanpa hasil tersimpan: buka berkasnya di Excel atau LibreOffice, simpan ulang, lalu unggah lagi, "
        "atau ganti rumus dengan nilainya (Salin, lalu Tempel Khusus > Nilai)."
    )
    assert pesan[3].startswith("Sel D3: rumus menghasilkan #N/A")
    assert pesan[4].startswith("Sel E3 berformat tanggal, tetapi isinya (12025-01-01) bukan tanggal yang dapat dibaca")


def test_error_cells_are_reported_within_the_header_width_only():
    galat = b'<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
    hasil = baca_lembar(ods_dari_xml(tabel("Data", baris(teks("nama"), galat, teks("nomor"), galat), baris(teks("Ali"), kosong(2), galat))))
    assert hasil.headers == ["nama", "", "nomor"]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(1, 1)], "D1 and D2 are past the header"


def test_a_repeated_error_is_reported_for_each_cell_and_bounded(monkeypatch):
    galat = b'<table:table-cell table:number-columns-repeated="2" table:formula="of:=1/0" calcext:value-type="error" office:value-type="float" office:value="0"><text:p>#DIV/0!</text:p></table:table-cell>'
    hasil = baca_lembar(ods(baris(galat, ulang=2)))
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(2, 0), (2, 1), (3, 0), (3, 1)]
    monkeypatch.setattr(lembar, "GALAT_SEL_MAKS", 3)
    with pytest.raises(BerkasImporTidakSah, match=r"^Lebih dari 3 sel berisi galat rumus atau rumus tanpa hasil \(yang pertama: Sel A2: rumus menghasilkan #DIV/0!"):
        baca_lembar(ods(baris(galat, ulang=2)))


def test_a_million_repeated_error_rows_stop_at_the_error_bound():
    galat = b'<table:table-cell table:number-columns-repeated="16384" table:formula="of:=1/0" calcext:value-type="error" office:value-type="float" office:value="0"><text:p>#DIV/0!</text:p></table:table-cell>'
    hasil, puncak = puncak_memori(baca_lembar, ods(baris(galat, ulang=1_048_575)))
    assert str(hasil).startswith("Lebih dari 200 sel berisi galat rumus")
    assert puncak < 2 * MB


# --------------------------------------------------------------------------- repeated rows and cells


def test_blank_repeats_cost_nothing_and_keep_calc_row_numbers():
    """LibreOffice's shape: blank rows between the data repeated, cells right of the data repeated to the last
    column, and the rest of the sheet one blank row repeated to row 1,048,576."""
    data = ods(
        baris(teks("Ali"), angka(2), kosong(16_382)),
        baris(kosong(16_384), ulang=3),
        baris(teks("Budi"), angka(6), kosong(16_382)),
        baris(kosong(16_384), ulang=1_048_570),
    )
    assert len(data) < 5 * 1024
    hasil, puncak = puncak_memori(baca_lembar, data)
    assert isi_baris(hasil) == [(2, ["Ali", 2]), (6, ["Budi", 6])]
    assert puncak < 1 * MB


def test_a_repeated_non_blank_row_is_each_of_its_rows():
    hasil = baca_lembar(ods(baris(teks("Ali"), angka(1), ulang=3), baris(teks("Budi"))))
    assert isi_baris(hasil) == [(2, ["Ali", 1]), (3, ["Ali", 1]), (4, ["Ali", 1]), (5, ["Budi", None])]
    hasil.baris[0][1][0] = "Siti"
    assert hasil.baris[1][1][0] == "Ali", "each row is its own list"


def test_a_repeated_cell_fills_the_header_width_only():
    hasil = baca_lembar(ods_dari_xml(tabel("Data", baris(teks("k", ulang=3), kosong(5000)), baris(teks("x", ulang=16_384)))))
    assert hasil.headers == ["k", "k", "k"]
    assert hasil.baris == [(2, ["x", "x", "x"])]


def test_a_header_repeated_past_the_column_bound_is_refused():
    with pytest.raises(BerkasImporTidakSah, match=r"^Baris 1 \(judul kolom\) berisi lebih dari 100 kolom"):
        baca_lembar(ods_dari_xml(tabel("Data", baris(teks("k", ulang=101)))))
    with pytest.raises(BerkasImporTidakSah, match=r"^Baris 1 \(judul kolom\) berisi lebih dari 100 kolom"):
        baca_lembar(ods_dari_xml(tabel("Data", baris(teks("nama"), kosong(99), teks("lagi")))))


def test_a_5_kb_file_repeating_a_non_blank_row_a_million_times_is_refused_before_copying():
    data = ods(baris(teks("Budi Santoso"), angka(1), ulang=1_048_575))
    assert len(data) < 5 * 1024
    hasil, puncak = puncak_memori(baca_lembar, data)
    assert str(hasil).startswith("Berkas berisi lebih dari 20.000 baris data. Satu impor paling banyak 20.000 baris data: pecah")
    assert puncak < 1 * MB


def test_each_repetition_counts_against_the_row_bounds(monkeypatch):
    monkeypatch.setattr(lembar, "BARIS_MAKS_IMPOR", 5)
    assert len(baca_lembar(ods(baris(teks("Ali"), ulang=5), baris(kosong(), ulang=1000))).baris) == 5
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas berisi lebih dari 5 baris data\."):
        baca_lembar(ods(baris(teks("Ali"), ulang=4), baris(teks("Budi"), ulang=2)))
    monkeypatch.setattr(lembar, "BARIS_MAKS_IMPOR", 100)
    monkeypatch.setattr(lembar, "BARIS_LEMBAR_MAKS", 10)
    with pytest.raises(BerkasImporTidakSah, match=r"^Lembar ini berisi lebih dari 10 baris, termasuk baris kosong"):
        baca_lembar(ods(*[baris(kosong())] * 3, baris(teks("Ali"), ulang=7)))
    with pytest.raises(BerkasImporTidakSah, match=r"^Lembar ini berisi lebih dari 10 baris"):
        baca_lembar(ods(*[baris(kosong())] * 10))


def test_a_repeated_header_row_makes_data_rows():
    galat = b'<table:table-cell table:formula="of:=1/0" calcext:value-type="error" office:value-type="float" office:value="0"><text:p>#DIV/0!</text:p></table:table-cell>'
    hasil = baca_lembar(ods_dari_xml(tabel("Data", baris(teks("nama"), galat, teks("nomor"), ulang=3))))
    assert hasil.headers == ["nama", "", "nomor"] and hasil.baris == [(2, ["nama", None, "nomor"]), (3, ["nama", None, "nomor"])]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(1, 1), (2, 1), (3, 1)]


# --------------------------------------------------------------------------- bounds and refusals


def test_the_header_must_be_row_1():
    with pytest.raises(BerkasImporTidakSah, match=r'^Lembar "Data" tidak punya judul kolom: baris 1 harus berisi nama kolom\.$'):
        baca_lembar(ods_dari_xml(tabel("Data", baris(kosong(3)), JUDUL)))
    with pytest.raises(BerkasImporTidakSah, match=r'^Lembar "Data" tidak punya judul kolom'):
        baca_lembar(ods_dari_xml(tabel("Data")))


def test_a_cell_is_bounded_while_it_is_read_spaces_included():
    for isi in (b"x" * 40_000, b'<text:s text:c="1000000000"/>'):
        sel = b'<table:table-cell office:value-type="string"><text:p>' + isi + b"</text:p></table:table-cell>"
        hasil, puncak = puncak_memori(baca_lembar, ods(baris(sel)))
        assert str(hasil) == "Sebuah sel berisi lebih dari 32.767 karakter, batas Excel untuk satu sel. Periksa isi berkasnya."
        assert puncak < 2 * MB


def test_elements_are_bounded(monkeypatch):
    monkeypatch.setattr(lembar, "ELEMEN_MAKS", 400)
    baca_lembar(ods(baris(kosong() * 300)))
    with pytest.raises(BerkasImporTidakSah, match="lebih dari 400 unsur XML"):
        baca_lembar(ods(baris(kosong() * 400)))


def test_content_xml_is_bounded_from_the_zip_directory():
    def besar():
        yield b'<table:table table:name="Data" table:style-name="ta1">' + JUDUL
        blok = baris(kosong()) * 10_000  # 0.5 MB
        for _ in range(95):
            yield blok
        yield b"</table:table>"

    hasil, puncak = puncak_memori(baca_lembar, ods_dari_xml(besar(), tingkat=9))
    assert str(hasil).startswith("Lembar kerja di berkas ini terlalu besar: 48,9 MB setelah dibuka (batas 48,0 MB).")
    assert puncak < 2 * MB


def test_a_doctype_is_refused_as_damaged():
    data = ods_dari_xml(tabel("Data", JUDUL), awal=b'<!DOCTYPE x [<!ENTITY a "aaaa">]>')
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas \.ods tidak dapat dibaca \(rusak atau bukan lembar kerja LibreOffice\)\.$"):
        baca_lembar(data)


@pytest.mark.parametrize(
    "data",
    [
        ods_dari_xml(b'<table:table table:name="Data"><table:table-row>'),
        ods(b'<table:table-row><table:table-cell office:value-type="float" office:value="satu"/></table:table-row>'),
        ods(b'<table:table-row table:number-rows-repeated="dua"/>'),
    ],
    ids=["broken XML", "a number that is none", "a repeat count that is none"],
)
def test_a_damaged_ods_is_refused_with_its_message(data):
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas \.ods tidak dapat dibaca \(rusak atau bukan lembar kerja LibreOffice\)\.$"):
        baca_lembar(data)


def test_a_password_protected_ods_is_told_so():
    terkunci = MANIFEST.replace(
        b'media-type="text/xml"/>',
        b'media-type="text/xml" manifest:size="2672"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
        b'<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>',
    )
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas ini dilindungi kata sandi, jadi isinya tidak dapat dibaca\. Hapus kata sandinya"):
        baca_lembar(ods_dari_xml(b"\x00\x01 encrypted", manifest=terkunci))


def test_an_opendocument_text_is_no_spreadsheet():
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas ini bukan lembar kerja\. Yang dapat diimpor: buku kerja Excel \(\.xlsx\), lembar kerja LibreOffice \(\.ods\), atau CSV \(\.csv\)\.$"):
        baca_lembar(ods_dari_xml(tabel("Data", JUDUL), mimetype=b"application/vnd.oasis.opendocument.text"))
