"""The spreadsheet cell readers every import shares (wilayah.sel): what each reads, what each refuses
and with which Indonesian message, and the column widgets built on them."""

import datetime as dt
from decimal import Decimal

import pytest

from wilayah.nik import JenisKelamin, bersihkan_nik
from wilayah.sel import (
    SERIAL_MAKS,
    SERIAL_MIN,
    AngkaWidget,
    NikWidget,
    NomorWidget,
    Pilihan,
    SelTidakSah,
    TanggalWidget,
    TeksWidget,
    TeleponWidget,
    YaTidakWidget,
    baca_angka,
    baca_jenis_kelamin,
    baca_nik,
    baca_nomor,
    baca_pengenal,
    baca_pilihan,
    baca_tanggal,
    baca_telepon,
    baca_teks,
    baca_ya_tidak,
    kunci_nama,
    netralkan_sel,
    telepon_baku,
    tulis_tanggal,
    tulis_ya_tidak,
)

HARI = dt.date(2025, 5, 26)


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    "nilai, hasil",
    [(None, ""), ("", ""), ("  Siti Aminah ", "Siti Aminah"), (3.0, "3"), (3, "3"), (2.5, "2.5"), (3574041203850012.0, "3574041203850012")],
)
def test_baca_teks(nilai, hasil):
    assert baca_teks(nilai) == hasil


@pytest.mark.parametrize(
    "nilai, hasil",
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'), ("+62812", "'+62812"), ("-", "'-"), ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("Siti", "Siti"), ("a=b", "a=b"), (" =1", " =1"), ("'=1", "'=1"), ("", ""),
        (None, None), (-5, -5), (2.5, 2.5), (True, True), (HARI, HARI), (dt.time(7, 15), dt.time(7, 15)),
    ],
)
def test_netralkan_sel_quotes_what_a_spreadsheet_evaluates_and_nothing_else(nilai, hasil):
    assert netralkan_sel(nilai) == hasil and type(netralkan_sel(nilai)) is type(hasil)


def test_netralkan_sel_writes_any_other_object_as_its_text_neutralised():
    class Objek:
        def __str__(self):
            return "=1+1"

    assert netralkan_sel(Objek()) == "'=1+1"


@pytest.mark.parametrize("teks", ['=HYPERLINK("http://x","klik")', "+62812", "-", "@SUM(1)", "=1", "Siti", "'kutip biasa", "'", "Rp -5"])
def test_baca_teks_reads_back_what_netralkan_sel_wrote(teks):
    assert baca_teks(netralkan_sel(teks)) == teks
    assert baca_teks("  " + netralkan_sel(teks) + " ") == teks.strip()


def test_baca_teks_takes_off_only_the_one_quote_before_a_formula_character():
    assert baca_teks("''=1") == "''=1"
    assert baca_teks("'\t=1") == "=1"
    assert baca_teks("'Budi") == "'Budi"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "nilai",
    [
        HARI,
        dt.datetime(2025, 5, 26, 8, 30),
        45803,  # Excel serial number
        45803.75,  # serial with a time of day
        "26/05/2025",
        "26-05-2025",
        "26.05.2025",
        "2025-05-26",
        "2025/05/26",
        "2025-05-26 00:00:00",
        "2025-05-26T08:30:00",
        "26/05/2025 08:30",
        " 26/5/2025 ",
        "26 Mei 2025",
        "26 mei 2025",
        "26 MEI 2025",
        "26-Mei-2025",
        "26/Mei/2025",
        "26 May 2025",
        "26-May-2025",
        "May 26, 2025",
        "Senin, 26 Mei 2025",
    ],
)
def test_baca_tanggal_reads_how_indonesians_type_dates(nilai):
    assert baca_tanggal(nilai) == HARI


@pytest.mark.parametrize(
    "teks, bulan",
    [
        ("26 Januari 2025", 1), ("26 Jan 2025", 1), ("26 Februari 2025", 2), ("26 Feb 2025", 2), ("26 Peb 2025", 2),
        ("26 Maret 2025", 3), ("26 Mar 2025", 3), ("26 April 2025", 4), ("26 Apr 2025", 4), ("26 Juni 2025", 6),
        ("26 Jun 2025", 6), ("26 Juli 2025", 7), ("26 Jul 2025", 7), ("26 Agustus 2025", 8), ("26 Agu 2025", 8),
        ("26 Agt 2025", 8), ("26 Aug 2025", 8), ("26 September 2025", 9), ("26 Sep 2025", 9), ("26 Sept 2025", 9),
        ("26 Oktober 2025", 10), ("26 Okt 2025", 10), ("26 Oct 2025", 10), ("26 November 2025", 11), ("26 Nov 2025", 11),
        ("26 Nop 2025", 11), ("26 Desember 2025", 12), ("26 Des 2025", 12), ("26 Dec 2025", 12),
    ],
)  # fmt: skip
def test_baca_tanggal_month_names_indonesian_and_english(teks, bulan):
    assert baca_tanggal(teks) == dt.date(2025, bulan, 26)


def test_baca_tanggal_reads_text_day_first_in_indonesian_order():
    assert baca_tanggal("03/04/2025") == dt.date(2025, 4, 3)
    assert baca_tanggal("17-Agu-2025") == baca_tanggal("17 Agustus 2025") == dt.date(2025, 8, 17)


def test_baca_tanggal_month_first_is_refused_saying_the_order():
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal("05/26/2025")
    assert str(info.value) == (
        "Tanggal '05/26/2025' dibaca hari/bulan/tahun (urutan Indonesia), dan bulan 26 tidak ada; tulis seperti 26/05/2025."
    )


@pytest.mark.parametrize(
    "teks, yy", [("26/05/25", "25"), ("26-05-25", "25"), ("26.05.90", "90"), ("26 Mei 25", "25"), ("26-May-25", "25"), ("17-Agu-25", "25"),
                 ("25-05-26", "26"), ("Senin, 26 Mei 25", "25"), ("26/05/05 08:30", "05")],
)  # fmt: skip
def test_baca_tanggal_refuses_a_two_digit_year(teks, yy):
    """26/05/25 could be 1925 or 2025 (a birth date, an SK date): refused, never guessed."""
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal(teks)
    assert str(info.value) == (
        f"Tahun pada tanggal '{teks}' hanya 2 angka, bisa berarti 19{yy} atau 20{yy}; tulis tahun dengan 4 angka, seperti 26/05/2025."
    )


@pytest.mark.parametrize("nilai", [2025, 2025.0, "2025", " 2025 ", 1990, 1000, 9999])
def test_baca_tanggal_refuses_a_year_alone(nilai):
    """2025 in a date column was read as Excel serial 2025 and stored as 17/07/1905."""
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal(nilai)
    assert str(info.value) == f"Tanggal '{baca_teks(nilai)}' hanya berisi tahun; tulis tanggal lengkap seperti 26/05/2025."


@pytest.mark.parametrize("nilai, hasil", [(10_000, dt.date(1927, 5, 18)), (45803, HARI), (45803.75, HARI), (73415, dt.date(2100, 12, 31)),
                                          (73415.9, dt.date(2100, 12, 31)), (Decimal(45803), HARI)])  # fmt: skip
def test_baca_tanggal_reads_a_number_cell_in_the_serial_range_as_a_date_cell_that_lost_its_format(nilai, hasil):
    assert (SERIAL_MIN, SERIAL_MAKS) == (10_000, 73_415)
    assert baca_tanggal(nilai) == hasil


@pytest.mark.parametrize("nilai", [0, -5, 1, 25, 999, 9999.5, 99_999, 73_416, 3_000_000, -45803, 1e20])
def test_baca_tanggal_refuses_a_number_that_is_no_plausible_serial(nilai):
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal(nilai)
    assert str(info.value) == f"Sel berisi angka {baca_teks(nilai)}, bukan tanggal; tulis tanggal lengkap seperti 26/05/2025 atau 26 Mei 2025."


@pytest.mark.parametrize(
    "nilai, isi",
    [("31/12/1899", "31/12/1899"), ("01/01/2101", "01/01/2101"), ("1850-05-26", "1850-05-26"), ("26 Mei 2525", "26 Mei 2525"),
     (dt.date(1899, 12, 31), "31/12/1899"), (dt.datetime(2101, 1, 1), "01/01/2101")],
)  # fmt: skip
def test_baca_tanggal_refuses_a_date_before_1900_or_after_2100(nilai, isi):
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal(nilai)
    assert str(info.value) == f"Tanggal '{isi}' di luar tahun 1900 sampai 2100; periksa tahunnya (tulis seperti 26/05/2025)."


def test_baca_tanggal_accepts_the_first_and_last_day_of_the_range():
    assert baca_tanggal("01/01/1900") == baca_tanggal(dt.date(1900, 1, 1)) == dt.date(1900, 1, 1)
    assert baca_tanggal("31 Desember 2100") == baca_tanggal(dt.datetime(2100, 12, 31)) == dt.date(2100, 12, 31)


@pytest.mark.parametrize("tanggal, tahun", [(dt.datetime(1905, 7, 17), 2025), (dt.date(1905, 3, 14), 1900), (dt.date(1905, 9, 30), 2100)])
def test_baca_tanggal_refuses_the_date_a_year_typed_into_a_date_cell_became(tanggal, tahun):
    """2025 typed into a date-formatted cell is the date cell 17/07/1905."""
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal(tanggal)
    pesan = str(info.value)
    assert f"Tanggal {tanggal:%d/%m/%Y} adalah angka {tahun} yang dibaca spreadsheet sebagai tanggal" in pesan
    assert "Tulis tanggal lengkap seperti 26/05/2025" in pesan and "tanda petik (')" in pesan


def test_baca_tanggal_date_cells_next_to_the_year_window_are_read():
    assert baca_tanggal(dt.date(1905, 3, 13)) == dt.date(1905, 3, 13)
    assert baca_tanggal(dt.date(1905, 10, 1)) == dt.date(1905, 10, 1)
    assert baca_tanggal("17/07/1905") == dt.date(1905, 7, 17), "typed as text, the date is what it says"


@pytest.mark.parametrize("nilai", [None, "", "   "])
def test_baca_tanggal_blank_is_none(nilai):
    assert baca_tanggal(nilai) is None


@pytest.mark.parametrize(
    "nilai", ["besok", "26 Mai 2025", "2025/31/12", "26/05", "26/05/2025/1", "12345", "26 05 2025x", "Mei 2025", "26/13/2025", "26/05/202", True]
)
def test_baca_tanggal_refuses_what_is_not_a_date_quoting_it_with_an_example(nilai):
    with pytest.raises(SelTidakSah) as info:
        baca_tanggal(nilai)
    pesan = str(info.value)
    assert "tidak dikenali" in pesan and "tulis seperti 26/05/2025" in pesan
    assert f"'{nilai}'" in pesan


@pytest.mark.parametrize("teks", ["31/02/2025", "29-02-2025", "2025-04-31", "31 Juni 2025", "00/05/2025"])
def test_baca_tanggal_refuses_a_date_that_does_not_exist(teks):
    with pytest.raises(SelTidakSah, match="tidak ada di kalender") as info:
        baca_tanggal(teks)
    assert f"'{teks}'" in str(info.value) and "26/05/2025" in str(info.value)


def test_sel_tidak_sah_is_a_value_error():
    """django-import-export turns a ValueError raised in a widget's clean() into the column's error."""
    assert issubclass(SelTidakSah, ValueError)


def test_tulis_tanggal_is_the_one_export_format_and_reads_back():
    assert tulis_tanggal(HARI) == "26/05/2025"
    assert tulis_tanggal(dt.datetime(2025, 5, 26, 8, 30)) == "26/05/2025"
    assert tulis_tanggal(None) == ""
    assert baca_tanggal(tulis_tanggal(dt.date(1990, 1, 2))) == dt.date(1990, 1, 2)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "nilai, hasil",
    [
        (1250, 1250), (1250.0, 1250), ("1250", 1250), ("1.250", 1250), ("Rp 1.250.000", 1_250_000), ("Rp. 1.250.000", 1_250_000),
        ("rp1.250.000", 1_250_000), ("1.250.000,00", 1_250_000), ("1,250,000", 1_250_000), (" 85 000 000 ", 85_000_000),
        ("0", 0), (None, None), ("", None), ("  ", None),
    ],
)  # fmt: skip
def test_baca_angka_reads(nilai, hasil):
    assert baca_angka(nilai) == hasil


@pytest.mark.parametrize("nilai", ["1,5", "1.5", 2.5, "1.250,50"])
def test_baca_angka_refuses_fractions(nilai):
    with pytest.raises(SelTidakSah, match="bukan bilangan bulat"):
        baca_angka(nilai)


@pytest.mark.parametrize("nilai", ["seratus", "12a", "1.25.000", "Rp", True, "--5"])
def test_baca_angka_refuses_text_that_is_not_a_number(nilai):
    with pytest.raises(SelTidakSah, match="bukan angka") as info:
        baca_angka(nilai)
    assert f"'{nilai}'" in str(info.value)


@pytest.mark.parametrize("nilai", [-10, "-10", "-Rp 1.000", "Rp -1.000", -3.0])
def test_baca_angka_refuses_negatives_unless_allowed(nilai):
    with pytest.raises(SelTidakSah, match="tidak boleh negatif"):
        baca_angka(nilai)
    assert baca_angka(nilai, boleh_negatif=True) < 0


# --------------------------------------------------------------------------- yes / no


@pytest.mark.parametrize("nilai", ["ya", "Ya", "YA", "y", "yes", "1", 1, 1.0, "true", True, "benar", "v", "x", "X", "sudah", "Sudah", "iya"])
def test_baca_ya_tidak_yes_words_are_the_same_everywhere(nilai):
    assert baca_ya_tidak(nilai) is True


@pytest.mark.parametrize("nilai", [None, "", " ", "tidak", "Tidak", "t", "no", "n", "0", 0, "false", False, "belum", "tdk"])
def test_baca_ya_tidak_no_words_and_blank_mean_no(nilai):
    assert baca_ya_tidak(nilai) is False


def test_baca_ya_tidak_refuses_anything_else():
    with pytest.raises(SelTidakSah, match="Isi 'ya' atau 'tidak'.") as info:
        baca_ya_tidak("mungkin")
    assert "'mungkin'" in str(info.value)
    with pytest.raises(SelTidakSah, match="Isi 'ya' atau 'tidak'."):
        baca_ya_tidak(2)
    with pytest.raises(SelTidakSah):
        baca_ya_tidak("tahunan")  # a column's own word is not a yes elsewhere


def test_baca_ya_tidak_column_words():
    kata = {"ya": ("tahunan",), "tidak": ("sekali",)}
    assert baca_ya_tidak("Tahunan", **kata) is True
    assert baca_ya_tidak("sekali", **kata) is False
    assert baca_ya_tidak("ya", **kata) is True
    with pytest.raises(SelTidakSah, match="Boleh juga: tahunan, sekali"):
        baca_ya_tidak("kadang", **kata)


def test_tulis_ya_tidak_reads_back():
    assert (tulis_ya_tidak(True), tulis_ya_tidak(False)) == ("ya", "tidak")
    assert baca_ya_tidak(tulis_ya_tidak(True)) is True and baca_ya_tidak(tulis_ya_tidak(False)) is False


# --------------------------------------------------------------------------- NIK and phone


@pytest.mark.parametrize(
    "nilai", ["3574041203850012", " 3574 0412 0385 0012 ", "3574.0412.0385.0012", "3574-0412-0385-0012", "3574041203850012.0", "'3574041203850012"]
)
def test_baca_nik_gives_the_digits_of_text(nilai):
    assert baca_nik(nilai) == "3574041203850012"


def test_baca_nik_follows_the_one_nik_cleaning_rule():
    for nilai in (None, "", "35 74-04.12", "3574abc"):
        assert baca_nik(nilai) == bersihkan_nik(nilai)
    assert baca_nik("3574abc") == "3574abc", "letters stay, so validasi_nik refuses the NIK with its own message"


def _pesan_sel_angka(kolom, isi):
    return (
        f"{kolom} '{isi}' tersimpan sebagai angka, bukan teks: Excel dan LibreOffice hanya menyimpan 15 angka pertama dan "
        f"membuang 0 di depan, jadi isinya bisa sudah berubah. Format kolom {kolom} sebagai Teks (Format Sel > Teks) lalu "
        "ketik ulang isinya, atau ketik tanda petik (') sebelum angkanya."
    )


@pytest.mark.parametrize(
    "nilai, isi",
    [
        (3574046505909870, "3574046505909870"),  # what ...9871 typed into a "General" column becomes
        (3574046505909870.0, "3574046505909870"),
        (3.57404650590987e15, "3574046505909870"),
        (Decimal("3574046505909871"), "3574046505909871"),
        (3574, "3574"),
        ("3,57405E+15", "3,57405E+15"),  # a CSV saved from a number column (Indonesian locale)
        ("3.57405E+15", "3.57405E+15"),
        (" 3.57405e+15 ", "3.57405e+15"),
        ("3.57405E15", "3.57405E15"),
    ],
)
def test_baca_nik_refuses_a_number_cell_saying_why_and_how(nilai, isi):
    with pytest.raises(SelTidakSah) as info:
        baca_nik(nilai)
    assert str(info.value) == _pesan_sel_angka("NIK", isi)


def test_baca_pengenal_is_the_rule_for_any_identifier_column():
    assert baca_pengenal(" 9120001234567 ", "NIB") == "9120001234567"
    assert baca_pengenal(None, "NIB") == ""
    assert baca_pengenal("'0123", "NIB") == "0123", "LibreOffice keeps an apostrophe typed into a Text cell"
    for nilai in (9120001234567, 9120001234567.0, "9,12E+12"):
        with pytest.raises(SelTidakSah) as info:
            baca_pengenal(nilai, "NIB")
        assert str(info.value) == _pesan_sel_angka("NIB", baca_teks(nilai))
    assert baca_pengenal(True, "NIB") == "True", "a TRUE/FALSE cell is not a number cell"


@pytest.mark.parametrize(
    "nilai, hasil",
    [
        ("081234567890", "081234567890"), ("0812 3456 7890", "081234567890"), ("0812-3456-7890", "081234567890"),
        ("0812.3456.7890", "081234567890"), ("0812\u00a03456\u00a07890", "081234567890"),
        ("+62 812-3456-7890", "081234567890"), ("+6281234567890", "081234567890"), ("+62 (0)812 3456 7890", "081234567890"),
        ("6281234567890", "081234567890"), ("62 812 3456 7890", "081234567890"), ("'+62 812 3456 7890", "081234567890"), ("'081234567890", "081234567890"),
        ("81234567890", "081234567890"), ("(0335) 420000", "0335420000"), ("0335-420000", "0335420000"),
        ("+62 335 420000", "0335420000"), ("62335420000", "0335420000"), ("0812345678", "0812345678"),
        ("0812345678901", "0812345678901"), (None, ""), ("", ""), ("  ", ""),
    ],
)  # fmt: skip
def test_baca_telepon_gives_the_one_stored_format(nilai, hasil):
    """National form, digits only, leading 0: every way of writing a number is stored the same."""
    assert baca_telepon(nilai) == hasil


@pytest.mark.parametrize(
    "nilai, hasil",
    [
        (81234567890, "081234567890"), (81234567890.0, "081234567890"), (812345678, "0812345678"), (812345678901, "0812345678901"),
        (Decimal(81234567890), "081234567890"), (6281234567890, "081234567890"), (628123456789, "08123456789"),
        (335420000, "0335420000"), (21345678901, "021345678901"), (341551234, "0341551234"),
    ],
)  # fmt: skip
def test_baca_telepon_restores_the_leading_zero_a_number_cell_lost(nilai, hasil):
    assert baca_telepon(nilai) == hasil


@pytest.mark.parametrize("nilai", [62335420000, 6221234567, 62812345, 8123456, 8123456789012, 1234567890, 12345678, 5, 0, -81234567890])
def test_baca_telepon_refuses_a_number_cell_it_cannot_restore_for_sure(nilai):
    """62335420000: +62 335... or an 062x area code that lost its 0? Too short, too long, or no area code: refused."""
    with pytest.raises(SelTidakSah) as info:
        baca_telepon(nilai)
    pesan = str(info.value)
    assert pesan.startswith(f"Nomor telepon {nilai} tersimpan sebagai angka dan 0 di depannya hilang")
    assert "Format Sel > Teks" in pesan and "tanda petik (')" in pesan and "081234567890" in pesan


def test_baca_telepon_refuses_a_fraction_and_scientific_notation():
    with pytest.raises(SelTidakSah, match="Nomor telepon '81234567890.5' tidak sah"):
        baca_telepon(81234567890.5)
    with pytest.raises(SelTidakSah) as info:
        baca_telepon("8,12346E+10")
    assert str(info.value) == _pesan_sel_angka("Nomor telepon", "8,12346E+10")


@pytest.mark.parametrize("nilai", ["0812abc", "telp 0812", "0812 / 0813", "0812,0813", "+1 555 0100", "12345", "1500123", "+", True, "812345"])
def test_baca_telepon_refuses_letters_and_foreign_shapes(nilai):
    with pytest.raises(SelTidakSah, match="Nomor telepon .* tidak sah") as info:
        baca_telepon(nilai)
    assert "081234567890" in str(info.value)


def test_baca_telepon_refuses_two_numbers_run_together():
    with pytest.raises(SelTidakSah) as info:
        baca_telepon("081234567890 081298765432")
    assert str(info.value) == "Nomor telepon '081234567890 081298765432' terlalu panjang; isi satu nomor saja, seperti 081234567890."


@pytest.mark.parametrize("nilai", ["081234", "0812-34", "+62 812 34", "0335 4200"])
def test_baca_telepon_refuses_a_number_too_short(nilai):
    with pytest.raises(SelTidakSah) as info:
        baca_telepon(nilai)
    assert str(info.value) == (
        f"Nomor telepon '{nilai}' terlalu pendek; tulis lengkap dengan kode wilayah, seperti 081234567890 atau 0335420000."
    )


def test_telepon_baku_leaves_what_does_not_read_as_it_is():
    assert telepon_baku("+62 812-3456-7890") == "081234567890"
    assert telepon_baku("WA saja") == "WA saja" and telepon_baku("") == ""


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "teks",
    ["Kebonsari Wetan", "kebonsari wetan", "KEBONSARI WETAN", "  Kebonsari   Wetan ", "Kebonsari\u00a0Wetan", "Kebonsari \u00a0Wetan",
     "Kebonsari\tWetan", "Kebonsari\nWetan", "Kebonsari\u202fWetan", "\ufeffKebonsari Wetan", "Kebonsari \u200bWetan",
     "\uff2b\uff45\uff42\uff4f\uff4e\uff53\uff41\uff52\uff49 Wetan"],
)  # fmt: skip
def test_kunci_nama_compares_names_as_people_type_them(teks):
    assert kunci_nama(teks) == "kebonsari wetan"


def test_kunci_nama_keeps_what_tells_names_apart():
    assert kunci_nama("Kebonsari-Wetan") != kunci_nama("Kebonsari Wetan")
    assert kunci_nama("Kebonsari Kulon") != kunci_nama("Kebonsari Wetan")
    assert kunci_nama(None) == "" and kunci_nama(3.0) == "3"
    assert kunci_nama("STRASSE") == kunci_nama("stra\u00dfe"), "casefold, not lower"


# --------------------------------------------------------------------------- RW / RT numbers


@pytest.mark.parametrize("nilai", [3, 3.0, "3", "03", "003", "RW 03", "RW.03", "rw03", "RW. 3", "RW.3", "RT 3", " 3 ", "RW\u00a003", "RW  03"])
def test_baca_nomor(nilai):
    assert baca_nomor(nilai) == 3


@pytest.mark.parametrize("nilai", [None, "", "  "])
def test_baca_nomor_blank(nilai):
    assert baca_nomor(nilai) is None


@pytest.mark.parametrize("nilai", [0, "0", "RW 00", -1, "-1", 1.5, "satu", "RW", "RW 1a", True])
def test_baca_nomor_refuses(nilai):
    with pytest.raises(SelTidakSah, match="bilangan bulat 1 atau lebih") as info:
        baca_nomor(nilai)
    assert f"'{baca_teks(nilai)}'" in str(info.value)


# --------------------------------------------------------------------------- choices


def test_baca_pilihan_by_value_or_label_any_case_with_synonyms():
    from lkk.models import Jabatan, Status

    assert baca_pilihan("L", JenisKelamin) == "L"
    assert baca_pilihan("perempuan", JenisKelamin) == "P"
    assert baca_pilihan("tidak aktif", Status) == baca_pilihan("Tidak_Aktif", Status) == Status.TIDAK_AKTIF
    assert baca_pilihan("Wakil Ketua", Jabatan) == "wakil_ketua"
    assert baca_pilihan("LK", JenisKelamin, sinonim={"lk": "L"}) == "L"
    assert baca_pilihan([("a", "Satu"), ("b", "Dua")][0][0], [("a", "Satu"), ("b", "Dua")]) == "a"
    assert baca_pilihan("", JenisKelamin) == ""


def test_baca_pilihan_refuses_unknown_listing_allowed_values():
    with pytest.raises(SelTidakSah) as info:
        baca_pilihan("X", JenisKelamin)
    assert str(info.value) == "'X' tidak dikenal; pilih salah satu: L (Laki-laki), P (Perempuan)."
    pilihan = Pilihan([("rencana", "Rencana"), ("batal", "Batal")])
    with pytest.raises(SelTidakSah, match="pilih salah satu: rencana, batal"):
        pilihan.baca("selesai")


@pytest.mark.parametrize("nilai, hasil", [("L", "L"), ("l", "L"), ("Laki-laki", "L"), ("laki laki", "L"), ("LK", "L"), ("pria", "L"),
                                          ("P", "P"), ("Perempuan", "P"), ("PR", "P"), ("wanita", "P"), ("", "")])  # fmt: skip
def test_baca_jenis_kelamin(nilai, hasil):
    assert baca_jenis_kelamin(nilai) == hasil


def test_baca_jenis_kelamin_refuses():
    with pytest.raises(SelTidakSah, match="pilih salah satu: L"):
        baca_jenis_kelamin("Lain")


# --------------------------------------------------------------------------- column widgets


def test_widgets_read_with_the_readers_and_write_the_one_export_format():
    assert TeksWidget().clean(" a ") == "a" and TeksWidget().render(None) == ""
    assert TanggalWidget().clean("26 Mei 2025") == HARI and TanggalWidget().render(HARI) == "26/05/2025"
    assert AngkaWidget().clean("Rp 1.250.000") == 1_250_000 and AngkaWidget().render(1_250_000) == 1_250_000
    assert AngkaWidget(boleh_negatif=True).clean("-5") == -5
    assert YaTidakWidget().clean("sudah") is True and YaTidakWidget().render(False) == "tidak"
    assert YaTidakWidget(ya=("tahunan",)).clean("tahunan") is True
    assert NikWidget().clean("3574 0412 0385 0012") == "3574041203850012"
    assert TeleponWidget().clean(81234567890) == "081234567890"
    assert NomorWidget().clean("RW 03") == 3 and NomorWidget().render(3) == 3 and NomorWidget().render(None) == ""


@pytest.mark.parametrize(
    "widget, nilai",
    [(TanggalWidget(), "31/02/2025"), (AngkaWidget(), "-1"), (YaTidakWidget(), "mungkin"), (TeleponWidget(), "abc"), (NomorWidget(), "0")],
)
def test_widgets_refuse_with_a_value_error(widget, nilai):
    with pytest.raises(ValueError):
        widget.clean(nilai)
