"""The right sheet and the right rows (wilayah.lembar, issue 10): hidden sheets are never read, the sheet the
template names or the only visible one is, several candidates are refused by name; row numbers are the ones
the spreadsheet shows; error cells and formulas without a saved result are reported, never read as values.
Workbooks are made with openpyxl cell by cell, .ods by hand (tests.wilayah.test_lembar_ods)."""

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from tests.wilayah.test_lembar_ods import JUDUL, baris, ods_dari_xml, tabel, teks
from wilayah import lembar
from wilayah.lembar import BerkasImporTidakSah, baca_lembar, baca_lembar_xlsx


def xlsx(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def buku(*lembar_kerja: tuple[str, str], aktif: int | None = None) -> openpyxl.Workbook:
    """A workbook of sheets (name, state), each with the header nama, nomor and one row naming its sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama, keadaan in lembar_kerja:
        ws = wb.create_sheet(nama)
        ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "nama", "nomor", f"dari {nama}", 1
        ws.sheet_state = keadaan
    wb.active = aktif if aktif is not None else next(i for i, (_n, k) in enumerate(lembar_kerja) if k == "visible")
    return wb


def ods_buku(*lembar_kerja: tuple[str, str]) -> bytes:
    return ods_dari_xml(b"".join(tabel(nama, JUDUL, baris(teks(f"dari {nama}")), tersembunyi=keadaan != "visible") for nama, keadaan in lembar_kerja))


def kedua_format(*lembar_kerja: tuple[str, str]):
    return [xlsx(buku(*lembar_kerja)), ods_buku(*lembar_kerja)]


# --------------------------------------------------------------------------- which sheet


@pytest.mark.parametrize("keadaan", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_never_read(keadaan):
    """Issue 10, point 4: last year's archive, hidden, first; the visible sheet is the one filled in."""
    for data in kedua_format(("Arsip 2024", keadaan), ("Data Kader", "visible")):
        for nama_lembar in (None, "Arsip 2024"):
            hasil = baca_lembar(data, nama_lembar=nama_lembar)
            assert hasil.nama == "Data Kader" and hasil.baris[0][1][0] == "dari Data Kader"


def test_the_sheet_the_template_names_is_read_among_several():
    for data in kedua_format(("Catatan", "visible"), ("Data  Kader", "visible"), ("Rekap", "visible")):
        for nama_lembar in ("Data Kader", "data kader", "DATA\u00a0 KADER ", "Data\u00a0Kader"):
            hasil = baca_lembar(data, nama_lembar=nama_lembar)
            assert hasil.nama == "Data  Kader" and hasil.baris[0][1][0] == "dari Data  Kader"


def test_reading_an_ods_stops_after_the_named_sheet(monkeypatch):
    monkeypatch.setattr(lembar, "ELEMEN_MAKS", 200)
    sheet_lain = tabel("Lain", JUDUL, *[baris(teks("x"))] * 100)
    assert baca_lembar(ods_dari_xml(tabel("Data", JUDUL, baris(teks("Ali"))) + sheet_lain), nama_lembar="Data").nama == "Data"
    with pytest.raises(BerkasImporTidakSah, match="lebih dari 200 unsur XML"):
        baca_lembar(ods_dari_xml(tabel("Data", JUDUL, baris(teks("Ali"))) + sheet_lain))


def test_the_instructions_sheet_is_not_the_data():
    for data in kedua_format(("Petunjuk", "visible"), ("Kader", "visible")):
        assert baca_lembar(data).nama == "Kader"
        assert baca_lembar(data, nama_lembar="Data Kader").nama == "Kader", "renamed: the only data sheet still"
    for data in kedua_format(("Kader", "visible"), ("PETUNJUK", "visible")):
        assert baca_lembar(data).nama == "Kader"


def test_several_visible_sheets_are_refused_by_name():
    for data in kedua_format(("Petunjuk", "visible"), ("Kader", "visible"), ("Kader (2)", "visible"), ("Lama", "hidden")):
        with pytest.raises(BerkasImporTidakSah) as exc:
            baca_lembar(data, nama_lembar="Data Kader")
        assert str(exc.value) == (
            'Berkas ini punya beberapa lembar yang terlihat: "Kader", "Kader (2)". Taruh datanya di lembar bernama "Data Kader", '
            "atau sisakan satu lembar data saja (hapus atau sembunyikan lembar lain), lalu unggah lagi."
        )
        with pytest.raises(BerkasImporTidakSah, match=r'^Berkas ini punya beberapa lembar yang terlihat: "Kader", "Kader \(2\)"\. Sisakan satu lembar data saja'):
            baca_lembar(data)


def test_a_long_list_of_sheets_is_cut():
    data = xlsx(buku(*((f"L{i}", "visible") for i in range(13))))
    with pytest.raises(BerkasImporTidakSah, match=r'"L8", "L9", dan 3 lainnya\. Sisakan'):
        baca_lembar(data)


def test_no_visible_data_sheet_is_refused():
    for data in kedua_format(("Petunjuk", "visible"), ("Data Kader", "hidden")):
        with pytest.raises(BerkasImporTidakSah, match=r"^Tidak ada lembar yang terlihat berisi data di berkas ini \(lembar tersembunyi dan lembar Petunjuk tidak diimpor\)\. Tampilkan lembar datanya"):
            baca_lembar(data, nama_lembar="Data Kader")


def test_a_chartsheet_is_skipped():
    wb = buku(("Data", "visible"))
    grafik = wb.create_chartsheet("Grafik", 0)
    diagram = BarChart()
    diagram.add_data(Reference(wb["Data"], min_col=2, min_row=1, max_row=2), titles_from_data=True)
    grafik.add_chart(diagram)
    assert baca_lembar(xlsx(wb)).nama == "Data"


def test_the_xlsx_only_reader_follows_the_same_rules():
    data = xlsx(buku(("Arsip", "hidden"), ("Data", "visible")))
    assert baca_lembar_xlsx(data).nama == "Data"
    with pytest.raises(BerkasImporTidakSah, match="beberapa lembar yang terlihat"):
        baca_lembar_xlsx(xlsx(buku(("A", "visible"), ("B", "visible"))))


# --------------------------------------------------------------------------- rows


def test_blank_rows_keep_the_row_numbers_the_user_sees():
    """Issue 10, point 5: Excel row 5, after a blank row 3 (and a formatted blank row 4), is row 5."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "nama", "nomor"
    ws["A2"], ws["B2"] = "Ali", 1
    ws["A4"].number_format = "@"  # formatted, still blank
    ws["A5"], ws["B5"] = "Budi", 2
    ws["A7"] = ""
    ws["B9"] = 3
    hasil = baca_lembar(xlsx(wb))
    assert hasil.baris == [(2, ["Ali", 1]), (5, ["Budi", 2]), (9, [None, 3])]
    ods = ods_dari_xml(tabel("Data", JUDUL, baris(teks("Ali")), baris(ulang=2), baris(teks("Budi"))))
    assert baca_lembar(ods).baris == [(2, ["Ali", None]), (5, ["Budi", None])]


# --------------------------------------------------------------------------- error cells (xlsx)


def test_error_cells_and_formulas_without_a_result_are_reported_never_read():
    """Issue 10, point 6. openpyxl writes an error string as an error cell (t="e") and a formula with no cached
    result (<f> and an empty <v>), as a file saved by a script and never opened in Excel."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nama", "pekerjaan", "tanggal_sk", "jumlah", "catatan"])
    ws.append(["Ali", "#VALUE!", dt.date(2025, 1, 2), "=SUM(1,2)", "#N/A"])
    ws.append(["Budi", "Petani", 1e10, 3, "=A3"])
    ws["C3"].number_format = "dd/mm/yyyy"  # a date cell holding a number past year 9999
    ws["F2"] = "#REF!"  # past the header: not read
    ws["G3"] = "=1/0"
    hasil = baca_lembar(xlsx(wb))
    assert hasil.baris == [(2, ["Ali", None, dt.datetime(2025, 1, 2), None, None]), (3, ["Budi", "Petani", None, 3, None])]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(2, 1), (2, 3), (2, 4), (3, 2), (3, 4)]
    pesan = dict(((b, k), p) for b, k, p in hasil.galat_sel)
    assert pesan[2, 1] == "Sel B2 berisi nilai galat #VALUE!: ganti dengan nilai yang benar."
    assert pesan[2, 3] == (
        "Sel D2: rumus tanpa hasil tersimpan: buka berkasnya di Excel atau LibreOffice, simpan ulang, lalu unggah lagi, "
        "atau ganti rumus dengan nilainya (Salin, lalu Tempel Khusus > Nilai)."
    )
    assert pesan[3, 2] == (
        "Sel C3 berformat tanggal, tetapi isinya (10000000000) bukan tanggal yang dapat dibaca: ketik ulang tanggalnya, atau "
        "ubah format selnya menjadi Umum jika isinya bukan tanggal."
    )


def test_excel_formulas_with_their_saved_results():
    """As Excel saves them: an error result (t="e" with its <f>), a text result, a text result that is ""."""
    from tests.berkas import XLSX_NS, xlsx_dari_xml

    sheet = XLSX_NS + (
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c>'
        b'<c r="C1" t="inlineStr"><is><t>c</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c></row>'
        b'<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B2" t="str"><f>UPPER("guru")</f><v>GURU</v></c>'
        b'<c r="C2" t="str"><f>""</f><v></v></c><c r="D2" t="str"><f>A1</f></c></row></sheetData></worksheet>'
    )
    hasil = baca_lembar(xlsx_dari_xml(sheet))
    assert hasil.baris == [(2, [None, "GURU", None, None])]
    assert [p for _b, _k, p in hasil.galat_sel] == [
        "Sel A2: rumus menghasilkan #DIV/0!: perbaiki rumusnya atau ganti dengan nilainya (Salin, lalu Tempel Khusus > Nilai).",
        "Sel D2: rumus tanpa hasil tersimpan: buka berkasnya di Excel atau LibreOffice, simpan ulang, lalu unggah lagi, "
        "atau ganti rumus dengan nilainya (Salin, lalu Tempel Khusus > Nilai).",
    ]


def test_error_cells_in_the_header_row_are_reported_within_its_width():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nama", "#REF!", "nomor", "#N/A"])
    ws.append(["Ali", None, 1])
    hasil = baca_lembar(xlsx(wb))
    assert hasil.headers == ["nama", "", "nomor"]
    assert [(b, k) for b, k, _p in hasil.galat_sel] == [(1, 1)]


def test_error_cells_are_bounded(monkeypatch):
    monkeypatch.setattr(lembar, "GALAT_SEL_MAKS", 3)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    ws.append(["#N/A", "#N/A"])
    ws.append(["#N/A"])
    assert len(baca_lembar(xlsx(wb)).galat_sel) == 3
    ws.append(["=1"])
    with pytest.raises(BerkasImporTidakSah) as exc:
        baca_lembar(xlsx(wb))
    assert str(exc.value) == (
        "Lebih dari 3 sel berisi galat rumus atau rumus tanpa hasil (yang pertama: Sel A2 berisi nilai galat #N/A: ganti dengan "
        "nilai yang benar.) Perbaiki rumusnya atau ganti dengan nilainya, simpan, lalu unggah lagi."
    )
