""".csv read within the bounds of wilayah.lembar (wilayah.lembar_csv): the encodings and delimiters Excel and
LibreOffice write, every cell text as written, row numbers as the spreadsheet shows them, error values
reported, and the same bounds as a sheet. Files saved by LibreOffice itself are read in test_lembar_format."""

import codecs

import pytest

from tests.wilayah.test_lembar import MB, puncak_memori
from wilayah import lembar
from wilayah.lembar import BerkasImporTidakSah, baca_lembar


def tabel(hasil) -> list:
    return [hasil.headers] + [[n, *v] for n, v in hasil.baris]


# --------------------------------------------------------------------------- encodings and delimiters


def test_indonesian_excel_semicolons_with_a_bom():
    """Excel with the Indonesian locale: ";" between cells, "," inside them (addresses, decimals)."""
    data = codecs.BOM_UTF8 + "nama;alamat;nilai\r\nSiti Aminah;Jl. Brantas, No. 5;1,5\r\nBudi;\"Jl. Mawar; Gg. 2\";2\r\n".encode()
    hasil = baca_lembar(data)
    assert (hasil.format, hasil.nama) == ("csv", "CSV")
    assert tabel(hasil) == [["nama", "alamat", "nilai"], [2, "Siti Aminah", "Jl. Brantas, No. 5", "1,5"], [3, "Budi", "Jl. Mawar; Gg. 2", "2"]]


def test_commas_and_windows_1252():
    data = 'nama,kota,catatan\r\n"Désy, S.Pd.",Probolinggo,"Kue — 5.000"\r\n'.encode("cp1252")
    assert tabel(baca_lembar(data)) == [["nama", "kota", "catatan"], [2, "Désy, S.Pd.", "Probolinggo", "Kue — 5.000"]]


def test_a_csv_starting_like_a_zip_is_still_a_csv():
    assert baca_lembar(b"PKH;nama\nya;Siti\n").baris == [(2, ["ya", "Siti"])], "PKH: Program Keluarga Harapan"


def test_utf8_without_a_bom_is_not_read_as_windows_1252():
    assert baca_lembar("nama\nDésy\n".encode()).baris == [(2, ["Désy"])]


def test_tabs_and_excel_unicode_text():
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-delimited."""
    teks = "nama\tnik\r\nSiti\t3574046505909871\r\n"
    for data in (teks.encode("utf-8"), codecs.BOM_UTF16_LE + teks.encode("utf-16-le"), codecs.BOM_UTF16_BE + teks.encode("utf-16-be")):
        assert tabel(baca_lembar(data)) == [["nama", "nik"], [2, "Siti", "3574046505909871"]]


def test_the_delimiter_is_counted_in_the_header_outside_quotes():
    data = b'"nama; lengkap",nik,telepon\n"Siti; A",3574046505909871,081234567890\n'
    assert tabel(baca_lembar(data)) == [["nama; lengkap", "nik", "telepon"], [2, "Siti; A", "3574046505909871", "081234567890"]]
    assert baca_lembar(b"nama\nSiti, Aminah\n").baris == [(2, ["Siti, Aminah"])], "one column: nothing to split"


def test_excel_sep_line_sets_the_delimiter_and_is_no_row():
    assert tabel(baca_lembar(b"sep=,\r\nnama;x,nomor\r\nAli;y,1\r\n")) == [["nama;x", "nomor"], [2, "Ali;y", "1"]]


def test_old_mac_line_ends():
    assert tabel(baca_lembar(b"nama;nomor\rAli;1\rBudi;2\r")) == [["nama", "nomor"], [2, "Ali", "1"], [3, "Budi", "2"]]


# --------------------------------------------------------------------------- cells and rows


def test_every_cell_is_text_as_written():
    data = b"nik;telepon;tanggal;nama;jumlah\n3574046505909871;081234567890;26/05/2025;  Siti  ;0012\n;;;;\n"
    assert baca_lembar(data).baris == [(2, ["3574046505909871", "081234567890", "26/05/2025", "  Siti  ", "0012"])]


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    """Blank lines are rows; a quoted cell over three lines is one row (Excel shows "Budi" in row 4)."""
    data = b'nama;alamat\nAli;"Jl. Brantas\nRT 01\nRW 02"\n\n;\nBudi;Jl. Mawar\n\n\nCici;\n'
    assert baca_lembar(data).baris == [(2, ["Ali", "Jl. Brantas\nRT 01\nRW 02"]), (5, ["Budi", "Jl. Mawar"]), (8, ["Cici", None])]


def test_cells_past_the_header_width_are_not_read():
    data = b"nama;nomor;;\nAli;1;x;y\nBudi\n"
    hasil = baca_lembar(data)
    assert hasil.headers == ["nama", "nomor"] and hasil.baris == [(2, ["Ali", "1"]), (3, ["Budi", None])]
    assert baca_lembar(b"nama;;nomor\n").headers == ["nama", "", "nomor"]


def test_error_values_are_reported_not_read():
    data = b"nama;pekerjaan;nilai;catatan\nAli;#VALUE!;Err:502;#N/A lagi\n;#REF!;;\n"
    hasil = baca_lembar(data)
    assert hasil.baris == [(2, ["Ali", None, None, "#N/A lagi"])]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(2, 1), (2, 2), (3, 1)]
    assert hasil.galat_sel[0][2] == (
        "Sel B2 berisi #VALUE!, hasil rumus yang gagal saat berkas disimpan: perbaiki rumusnya di buku kerja aslinya, "
        "simpan lagi sebagai CSV, lalu unggah lagi."
    )


# --------------------------------------------------------------------------- refusals and bounds


def test_a_blank_first_line_or_an_empty_file_has_no_header():
    for data in (b"", b"\r\nnama\r\nAli\r\n", b";;\nnama\n", codecs.BOM_UTF8):
        with pytest.raises(BerkasImporTidakSah, match=r'^Lembar "CSV" tidak punya judul kolom: baris 1 harus berisi nama kolom\.$'):
            baca_lembar(data)


@pytest.mark.parametrize("data", [b"nama\n\x81\x8d\x8f\n", codecs.BOM_UTF8 + b"nama\n\xff\xfe\xfa\n", codecs.BOM_UTF16_LE + b"n\x00\x00\xd8"])
def test_text_that_no_encoding_reads_is_refused(data):
    with pytest.raises(BerkasImporTidakSah) as exc:
        baca_lembar(data)
    assert str(exc.value) == (
        'Teks berkas CSV ini tidak dapat dibaca. Simpan ulang dari Excel sebagai "CSV UTF-8 (dipisahkan koma)", atau dari '
        "LibreOffice dengan set karakter Unicode (UTF-8), lalu unggah lagi."
    )


def test_a_nul_byte_is_no_csv():
    for data in (b"nama;nomor\nAli\x00;1\n", codecs.BOM_UTF16_LE + "nama\n\x00\n".encode("utf-16-le")):
        with pytest.raises(BerkasImporTidakSah, match=r"^Berkas ini bukan lembar kerja\. Yang dapat diimpor"):
            baca_lembar(data)


def test_a_quote_left_open_is_refused_within_bounds():
    """The rest of the file becomes one cell: refused at csv's field limit, or at the row's length, never read whole."""
    data = b'nama;alamat\nAli;"Jl. Brantas\n' + b"Budi;Jl. Mawar\n" * 10_000
    with pytest.raises(BerkasImporTidakSah, match=r'^Berkas CSV tidak dapat dibaca mulai baris 2: periksa tanda kutip \(\"\) di baris itu'):
        baca_lembar(data)
    data = b"nama;alamat\nAli" + (b';"' + b"x" * 100_000 + b'\n"') * 40  # 40 cells each under csv's limit, a line break in each
    hasil, puncak = puncak_memori(baca_lembar, data)
    assert str(hasil).startswith('Satu baris berkas CSV ini lebih panjang dari 3.276.700 karakter. Biasanya sebuah tanda kutip (") dibuka')
    assert puncak < 20 * MB


def test_cells_rows_and_columns_are_bounded(monkeypatch):
    with pytest.raises(BerkasImporTidakSah, match=r"^Sebuah sel berisi lebih dari 32\.767 karakter"):
        baca_lembar(b"nama\n" + b"x" * 40_000 + b"\n")
    with pytest.raises(BerkasImporTidakSah, match=r"^Baris 1 \(judul kolom\) berisi lebih dari 100 kolom"):
        baca_lembar(b";".join(b"k%d" % i for i in range(101)) + b"\n")
    monkeypatch.setattr(lembar, "BARIS_MAKS_IMPOR", 5)
    assert len(baca_lembar(b"nama\n" + b"Ali\n" * 5 + b"\n" * 20).baris) == 5, "blank lines are no data rows"
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas berisi lebih dari 5 baris data\. Satu impor paling banyak 5 baris data"):
        baca_lembar(b"nama\n" + b"Ali\n" * 6)
    monkeypatch.setattr(lembar, "BARIS_LEMBAR_MAKS", 10)
    with pytest.raises(BerkasImporTidakSah, match=r"^Lembar ini berisi lebih dari 10 baris, termasuk baris kosong"):
        baca_lembar(b"nama;nomor\nAli;1\n" + b";\n" * 10)


def test_the_row_length_bound_is_per_row():
    baris = b"Siti Aminah;" + b"x" * 180 + b"\n"
    assert len(baca_lembar(b"nama;alamat\n" + baris * 20_000).baris) == 20_000, "3.8 million characters in all"


def test_the_file_size_is_bounded(monkeypatch):
    monkeypatch.setattr(lembar, "UKURAN_LEMBAR_MAKS", MB)
    baca_lembar(b"nama\n" + (b"x" * 1000 + b"\n") * 1000)
    with pytest.raises(BerkasImporTidakSah, match=r"^Berkas CSV ini terlalu besar: 1,1 MB \(batas 1,0 MB\)\. Satu impor paling banyak"):
        baca_lembar(b"nama\n" + (b"x" * 1000 + b"\n") * 1200)
