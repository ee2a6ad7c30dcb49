"""Spreadsheet cells, read once for every programme (sel = cell).

Readers (pure functions, no queries) turn what an operator typed in Excel, or what Excel made of it,
into a value, or raise ``SelTidakSah`` (a ``ValueError``) with an Indonesian message that quotes the
cell and shows how to write it. A cell is read as the user meant it or refused, never guessed:

- ``baca_teks``: text (a number cell 3.0 -> "3"), stripped, without the quote ``netralkan_sel`` put in front;
- ``baca_tanggal``: date cells, Excel serials from 10000 to 73415 (18/05/1927-31/12/2100), and text read
  day first (Indonesian order): 26/05/2025, 26-05-2025, 26.05.2025, 2025-05-26, 26 Mei 2025, 17-Agu-2025.
  Refused, each with its own message: a year alone, a two-digit year, another number, a date before
  1900 or after 2100;
- ``baca_angka``: 1250, 1.250, Rp 1.250.000, 1.250,00;
- ``baca_ya_tidak``: one set of words for yes and no, plus column-specific words;
- ``baca_pengenal`` (any identifier column: NIK, NIB): a number cell or scientific notation is refused,
  since a spreadsheet keeps 15 significant digits; ``baca_nik`` is built on it (the NIK rule itself is
  ``wilayah.nik.bersihkan_nik``);
- ``baca_telepon``: the portal's one stored phone format, national digits with the leading 0
  (081234567890, 0335420000), from +62 forms, spaces, dashes, and number cells that lost the 0;
- ``kunci_nama``: the key every lookup by name compares (case, NFKC, non-breaking and repeated spaces);
- ``baca_nomor`` (RW/RT numbers: 1, "01", "RW 01", "RW. 3"), ``baca_pilihan`` / ``Pilihan`` (TextChoices
  by value or label), ``baca_jenis_kelamin``.

The lookups of kelurahan, RW and RT by what a cell holds (queries, loaded once per import) are
``wilayah.pencari.PencariWilayah``. ``seragamkan_telepon`` is the one writer here, for data migrations.

Writers (``tulis_tanggal``, ``tulis_ya_tidak``) give every export the same look (26/05/2025, ya/tidak),
which the readers read back, so an exported file can be imported again. ``netralkan_sel`` is applied to
every cell of every export (``wilayah.impor.xlsx_response``): text a spreadsheet would evaluate gets a
quote in front.

The django-import-export widgets at the end wrap the readers and writers for resource columns
(a ``ValueError`` raised in a widget's ``clean`` becomes that column's error in the row).

The readers are hand-written, not loops over ``strptime`` patterns: an import runs them on every
cell of 10,000 rows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets

from .nik import JenisKelamin, bersihkan_nik


class SelTidakSah(ValueError):
    """A cell that cannot be read; ``str(exc)`` is the Indonesian message for the user."""


def _angka_saja(teks: str) -> bool:
    return teks.isascii() and teks.isdigit()


# --------------------------------------------------------------------------- text

# What makes a spreadsheet evaluate a cell's text as a formula when it comes first (OWASP, "CSV Injection").
AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")
_BUKAN_TEKS = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta)


def netralkan_sel(nilai):
    """A value as every export writes it: text starting with = + - @, a tab or a carriage return gets a
    single quote in front, so no spreadsheet evaluates it (and openpyxl does not write it as a formula);
    None, numbers, dates and times stay as they are; anything else becomes its text, treated the same.
    ``baca_teks`` takes the quote off again, so an export imports back unchanged."""
    if nilai is None or isinstance(nilai, _BUKAN_TEKS):
        return nilai
    teks = nilai if type(nilai) is str else str(nilai)
    return "'" + teks if teks.startswith(AWALAN_RUMUS) else teks


def baca_teks(nilai) -> str:
    """None -> ""; a number cell holding an integer (3.0) -> "3"; anything else its text, stripped.
    A quote in front of = + - @, a tab or a carriage return is the one ``netralkan_sel`` added: it goes."""
    if type(nilai) is str:  # the common case first: this runs on every cell
        teks = nilai.strip()
        if teks and teks[0] == "'" and teks[1:2] in AWALAN_RUMUS:
            return teks[1:].strip()
        return teks
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return baca_teks(str(nilai))


# --------------------------------------------------------------------------- dates

EPOCH_EXCEL = dt.date(1899, 12, 30)
# The dates the portal accepts, from any cell: a date before 1900 or after 2100 is a typing mistake.
TANGGAL_MIN = dt.date(1900, 1, 1)
TANGGAL_MAKS = dt.date(2100, 12, 31)
# A number cell is read as an Excel serial (a date cell whose date format was lost) only from
# 10000 (18/05/1927) to 73415 (31/12/2100). Below 10000 a number is more likely a year typed alone
# (1000-9999, refused with its own message) or a mistake; 1..9999 would all be dates of 1900-1927.
SERIAL_MIN = 10_000
SERIAL_MAKS = (TANGGAL_MAKS - EPOCH_EXCEL).days  # 73415
# A year typed alone into a date-formatted cell arrives as the date of that serial: 2025 -> 17/07/1905.
# Date cells whose serial is a year of this range (14/03/1905 to 30/09/1905) are refused as such.
TAHUN_MIN, TAHUN_MAKS = TANGGAL_MIN.year, TANGGAL_MAKS.year

BULAN = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "feb", "peb", "pebruari", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agu", "agt", "ags", "agus", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nov", "nop", "nopember"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
NAMA_HARI = frozenset(("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"))

_TANGGAL_ANGKA = re.compile(r"(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})", re.ASCII)
_PEMISAH_NAMA = re.compile(r"[\s\-/.,]+")


def _galat_tanggal(isi) -> SelTidakSah:
    return SelTidakSah(_("Tanggal '%(isi)s' tidak dikenali; tulis seperti 26/05/2025 atau 26 Mei 2025.") % {"isi": isi})


def _galat_hanya_tahun(isi) -> SelTidakSah:
    return SelTidakSah(_("Tanggal '%(isi)s' hanya berisi tahun; tulis tanggal lengkap seperti 26/05/2025.") % {"isi": isi})


def _galat_tahun_dua_angka(isi, tahun: str) -> SelTidakSah:
    return SelTidakSah(
        _("Tahun pada tanggal '%(isi)s' hanya 2 angka, bisa berarti 19%(yy)s atau 20%(yy)s; tulis tahun dengan 4 angka, "
          "seperti 26/05/2025.") % {"isi": isi, "yy": tahun}
    )  # fmt: skip


def _periksa_rentang(isi, tanggal: dt.date) -> dt.date:
    if not TANGGAL_MIN <= tanggal <= TANGGAL_MAKS:
        raise SelTidakSah(
            _("Tanggal '%(isi)s' di luar tahun %(min)s sampai %(maks)s; periksa tahunnya (tulis seperti 26/05/2025).")
            % {"isi": isi, "min": TAHUN_MIN, "maks": TAHUN_MAKS}
        )
    return tanggal


def _tanggal(isi, tahun: int, bulan: int, hari: int) -> dt.date:
    if not 1 <= bulan <= 12:
        raise _galat_tanggal(isi)
    try:
        tanggal = dt.date(tahun, bulan, hari)
    except ValueError:
        raise SelTidakSah(
            _("Tanggal '%(isi)s' tidak ada di kalender; periksa hari dan bulannya (tulis seperti 26/05/2025).") % {"isi": isi}
        ) from None
    return _periksa_rentang(isi, tanggal)


def _tanggal_angka(teks: str, isi: str):
    """(year, month, day) from 26/05/2025, 26-05-2025, 26.05.2025, 2025-05-26; else None.
    Day first (Indonesian order); a two-digit year (26/05/25) raises ``SelTidakSah``."""
    cocok = _TANGGAL_ANGKA.fullmatch(teks)
    if cocok is None:
        return None
    a, _pemisah, b, c = cocok.groups()
    if len(a) == 4 and len(c) <= 2:
        return int(a), int(b), int(c)
    if len(a) <= 2 and len(c) == 4:
        if int(b) > 12 and int(a) <= 12:  # 05/26/2025: written month first
            raise SelTidakSah(
                _("Tanggal '%(isi)s' dibaca hari/bulan/tahun (urutan Indonesia), dan bulan %(bulan)s tidak ada; "
                  "tulis seperti 26/05/2025.") % {"isi": isi, "bulan": int(b)}
            )  # fmt: skip
        return int(c), int(b), int(a)
    if len(a) <= 2 and len(c) == 2:
        raise _galat_tahun_dua_angka(isi, c)
    return None


def _tanggal_nama_bulan(teks: str, isi: str):
    """(year, month, day) from 26 Mei 2025, 17-Agu-2025, Senin, 26 Mei 2025, May 26, 2025; else None.
    A two-digit year (26 Mei 25) raises ``SelTidakSah``."""
    bagian = [b for b in _PEMISAH_NAMA.split(teks.lower()) if b]
    if len(bagian) == 4 and bagian[0] in NAMA_HARI:
        bagian = bagian[1:]
    if len(bagian) != 3:
        return None
    hari, bulan, tahun = bagian
    if hari in BULAN:  # month first, as English Excel shows it
        hari, bulan = bulan, hari
    if bulan not in BULAN or not _angka_saja(hari) or not _angka_saja(tahun) or len(hari) > 2:
        return None
    if len(tahun) == 4:
        return int(tahun), BULAN[bulan], int(hari)
    if len(tahun) == 2:
        raise _galat_tahun_dua_angka(isi, tahun)
    return None


def _tanggal_dari_sel_angka(nilai) -> dt.date:
    """A number cell in a date column: an Excel serial in ``SERIAL_MIN``..``SERIAL_MAKS`` (a date cell
    whose format was lost); a 4-digit whole number is a year typed alone; anything else is refused."""
    isi = baca_teks(nilai)
    if SERIAL_MIN <= nilai < SERIAL_MAKS + 1:
        return EPOCH_EXCEL + dt.timedelta(days=int(nilai))
    if float(nilai).is_integer() and 1000 <= nilai <= 9999:
        raise _galat_hanya_tahun(isi)
    raise SelTidakSah(
        _("Sel berisi angka %(isi)s, bukan tanggal; tulis tanggal lengkap seperti 26/05/2025 atau 26 Mei 2025.") % {"isi": isi}
    )


def _tanggal_dari_sel_tanggal(tanggal: dt.date) -> dt.date:
    """A date cell: within ``TANGGAL_MIN``..``TANGGAL_MAKS``, and not the date a year typed into a
    date-formatted cell becomes (2025 -> 17/07/1905)."""
    isi = tanggal.strftime("%d/%m/%Y")
    serial = (tanggal - EPOCH_EXCEL).days
    if TAHUN_MIN <= serial <= TAHUN_MAKS:
        raise SelTidakSah(
            _("Tanggal %(isi)s adalah angka %(tahun)s yang dibaca spreadsheet sebagai tanggal: sepertinya hanya tahun yang "
              "diketik. Tulis tanggal lengkap seperti 26/05/2025; bila tanggal %(isi)s memang benar, ketik sebagai teks "
              "dengan tanda petik (') di depannya.") % {"isi": isi, "tahun": serial}
        )  # fmt: skip
    return _periksa_rentang(isi, tanggal)


def baca_tanggal(nilai) -> dt.date | None:
    """A date cell, an Excel serial number, or a date as Indonesians type it -> date; blank -> None.

    Text is read day first (Indonesian order): 26/05/2025, 26-05-2025, 26.05.2025, 2025-05-26 (ISO; a
    time after it is ignored), 26 Mei 2025, 26 Agustus 2025, 17-Agu-2025, with an optional day name in
    front; month names Indonesian or English, any case.

    Refused with ``SelTidakSah``, never guessed, each with its own message: a year alone (2025 as a
    number or as text), a two-digit year (26/05/25, 26 Mei 25: 1925 or 2025?), a number cell outside
    ``SERIAL_MIN``..``SERIAL_MAKS``, a date cell a typed year became (see ``_tanggal_dari_sel_tanggal``),
    a date before 1900 or after 2100, a date that does not exist (31/02/2025), anything else."""
    if type(nilai) is not str:
        if nilai is None:
            return None
        if isinstance(nilai, dt.datetime):
            return _tanggal_dari_sel_tanggal(nilai.date())
        if isinstance(nilai, dt.date):
            return _tanggal_dari_sel_tanggal(nilai)
        if isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool):
            return _tanggal_dari_sel_angka(nilai)
        if isinstance(nilai, bool):
            raise _galat_tanggal(nilai)
        nilai = str(nilai)
    teks = nilai.strip()
    if not teks:
        return None
    isi = teks
    if len(teks) > 10 and teks[10] in " T" and (":" in teks[10:]):  # 2025-05-26 00:00:00, 2025-05-26T08:30
        teks = teks[:10]
    elif " " in teks and ":" in teks:  # 26/05/2025 08:30
        teks = teks.rsplit(" ", 1)[0].strip()
    if len(teks) == 4 and _angka_saja(teks):
        raise _galat_hanya_tahun(isi)
    bagian = _tanggal_angka(teks, isi) or _tanggal_nama_bulan(teks, isi)
    if bagian is None:
        raise _galat_tanggal(isi)
    return _tanggal(isi, *bagian)


def tulis_tanggal(tanggal) -> str:
    """The one export format for dates: 26/05/2025 (blank for None); ``baca_tanggal`` reads it back."""
    if not tanggal:
        return ""
    if isinstance(tanggal, dt.datetime):
        tanggal = tanggal.date()
    return tanggal.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- numbers

# 1250 | 1.250.000 (Indonesian thousands) | 1,250,000 (English thousands), then an optional fraction.
_ANGKA = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d+)(?:[,.](\d+))?", re.ASCII)


def _galat_angka(isi) -> SelTidakSah:
    return SelTidakSah(_("'%(isi)s' bukan angka; tulis seperti 1250, 1.250 atau Rp 1.250.000.") % {"isi": isi})


def _galat_bukan_bulat(isi) -> SelTidakSah:
    return SelTidakSah(_("'%(isi)s' bukan bilangan bulat; tulis tanpa angka di belakang koma.") % {"isi": isi})


def baca_angka(nilai, *, boleh_negatif: bool = False) -> int | None:
    """A whole number: a number cell, or text like 1250, 1.250, Rp 1.250.000, 1.250,00; blank -> None.
    A fraction (1,5), text that is not a number, or a negative (unless ``boleh_negatif``) raises ``SelTidakSah``."""
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise _galat_angka(nilai)
    if isinstance(nilai, int):
        angka = nilai
    elif isinstance(nilai, float):
        if not nilai.is_integer():
            raise _galat_bukan_bulat(nilai)
        angka = int(nilai)
    else:
        isi = str(nilai).strip()
        if not isi:
            return None
        if _angka_saja(isi):
            angka = int(isi)
        else:
            teks = isi.lower().replace(" ", "").replace("\u00a0", "")
            negatif = teks.startswith("-")
            if negatif:
                teks = teks[1:]
            if teks.startswith("rp"):
                teks = teks[2:].lstrip(".")
                if teks.startswith("-"):
                    negatif, teks = True, teks[1:]
            cocok = _ANGKA.fullmatch(teks)
            if cocok is None:
                raise _galat_angka(isi)
            bulat, pecahan = cocok.groups()
            if pecahan and pecahan.strip("0"):
                raise _galat_bukan_bulat(isi)
            angka = int(bulat.replace(".", "").replace(",", ""))
            if negatif:
                angka = -angka
    if angka < 0 and not boleh_negatif:
        raise SelTidakSah(_("'%(isi)s' tidak boleh negatif.") % {"isi": baca_teks(nilai)})
    return angka


# --------------------------------------------------------------------------- yes / no

KATA_YA = frozenset(("ya", "iya", "y", "yes", "1", "true", "benar", "v", "x", "sudah", "\u2713", "\u2714"))
KATA_TIDAK = frozenset(("", "tidak", "tdk", "t", "no", "n", "0", "false", "salah", "belum", "-"))


def baca_ya_tidak(nilai, *, ya=(), tidak=()) -> bool:
    """Yes or no, with the same words in every import (``KATA_YA``, ``KATA_TIDAK``; blank is no) and
    a column's own words in ``ya``/``tidak`` (wisata's "tahunan"/"sekali"). Anything else raises ``SelTidakSah``."""
    if isinstance(nilai, bool):  # an Excel TRUE/FALSE cell
        return nilai
    teks = baca_teks(nilai).lower()
    if teks in KATA_YA or (ya and teks in {w.lower() for w in ya}):
        return True
    if teks in KATA_TIDAK or (tidak and teks in {w.lower() for w in tidak}):
        return False
    pesan = _("'%(isi)s' tidak dikenali. Isi 'ya' atau 'tidak'.") % {"isi": baca_teks(nilai)}
    if ya or tidak:
        pesan += " " + _("Boleh juga: %(kata)s.") % {"kata": ", ".join((*ya, *tidak))}
    raise SelTidakSah(pesan)


def tulis_ya_tidak(nilai) -> str:
    """The one export format for yes/no: "ya" or "tidak"."""
    return "ya" if nilai else "tidak"


# --------------------------------------------------------------------------- identifiers and phones

# What a CSV saved from a number column holds for a long number: 3,57405E+15, 3.57405E+15, 3.57405e15.
_NOTASI_ILMIAH = re.compile(r"[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+", re.ASCII)


def _galat_sel_angka(nama_kolom: str, isi) -> SelTidakSah:
    return SelTidakSah(
        _("%(kolom)s '%(isi)s' tersimpan sebagai angka, bukan teks: Excel dan LibreOffice hanya menyimpan 15 angka "
          "pertama dan membuang 0 di depan, jadi isinya bisa sudah berubah. Format kolom %(kolom)s sebagai Teks "
          "(Format Sel > Teks) lalu ketik ulang isinya, atau ketik tanda petik (') sebelum angkanya.")
        % {"kolom": nama_kolom, "isi": isi}
    )  # fmt: skip


def _tanpa_petik(teks: str) -> str:
    """Without the apostrophe typed first to make a cell text: LibreOffice keeps it in a cell already
    formatted as Text, so a user who follows both pieces of advice sends it."""
    return teks[1:].lstrip() if teks.startswith("'") else teks


def sel_angka(nilai) -> bool:
    """Whether a cell is a number cell (int, float, Decimal; a TRUE/FALSE cell is not)."""
    return isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool)


def baca_pengenal(nilai, nama_kolom: str) -> str:
    """An identifier cell (NIK, NIB, ...) as text, stripped; blank -> "".

    A number cell is refused (``SelTidakSah``), and so is text in scientific notation (3,57405E+15,
    what a CSV saved from a number column holds): a spreadsheet keeps only 15 significant digits of a
    number, so a 16-digit NIK typed into a "General" column is already changed (…9871 -> …9870) and
    nothing in the file can tell. The message (naming ``nama_kolom``) says to format the column as
    Text or type an apostrophe first; an apostrophe that reaches the text is dropped."""
    if sel_angka(nilai):
        raise _galat_sel_angka(nama_kolom, baca_teks(nilai))
    teks = _tanpa_petik(baca_teks(nilai))
    if _NOTASI_ILMIAH.fullmatch(teks):
        raise _galat_sel_angka(nama_kolom, teks)
    return teks


_KOLOM_NIK = gettext_lazy("NIK")  # translated only when a message needs it: baca_nik runs on every row


def baca_nik(nilai) -> str:
    """The digits of a NIK cell (text with spaces, dots or dashes); blank -> "". A number cell is refused
    (``baca_pengenal``). The cleaning rule is ``wilayah.nik.bersihkan_nik``; whether it is a valid NIK is
    ``validasi_nik``'s question."""
    teks = baca_pengenal(nilai, _KOLOM_NIK)
    return teks if _angka_saja(teks) else bersihkan_nik(teks)


# The portal stores every phone number in one format: the national form, digits only, with its leading 0
# (081234567890, landline 0335420000). 9 to 13 digits: 0 + area code + subscriber, or 08 + a mobile number.
_PEMISAH_TELEPON = re.compile(r"[\s\-.()\u00a0]+")
DIGIT_TELEPON_MIN = 9
DIGIT_TELEPON_MAKS = 13
# A mobile number without its leading 0 (a number cell): 8 followed by 8 to 11 digits.
_SELULER_TANPA_0 = range(DIGIT_TELEPON_MIN, DIGIT_TELEPON_MAKS)


def _galat_telepon(isi) -> SelTidakSah:
    return SelTidakSah(
        _("Nomor telepon '%(isi)s' tidak sah: hanya angka (boleh dengan spasi atau tanda hubung), diawali 0 atau +62; "
          "tulis seperti 081234567890.") % {"isi": isi}
    )


def _telepon_sel_angka(nilai) -> str:
    """A phone in a number cell, which lost its leading 0: restored when only one reading is possible."""
    if isinstance(nilai, float | Decimal) and not float(nilai).is_integer():
        raise _galat_telepon(baca_teks(nilai))
    angka = str(int(nilai))
    if angka.startswith("8") and len(angka) in _SELULER_TANPA_0:  # 81234567890: a mobile without its 0
        return "0" + angka
    if angka.startswith("628") and len(angka) - 2 in _SELULER_TANPA_0:  # 6281234567890: +62 and a mobile
        return "0" + angka[2:]
    if angka[0] in "2345679" and not angka.startswith("62") and DIGIT_TELEPON_MIN <= len(angka) + 1 <= DIGIT_TELEPON_MAKS:
        # 335420000: (0335) 420000; area codes start 02 to 07 or 09 once the 0 is back
        return "0" + angka
    # 62335420000 could be +62 335... or an 062x area code that lost its 0; anything else is no phone.
    raise SelTidakSah(
        _("Nomor telepon %(isi)s tersimpan sebagai angka dan 0 di depannya hilang, sehingga nomornya tidak dapat dipastikan. "
          "Format kolom telepon sebagai Teks (Format Sel > Teks) lalu ketik ulang nomornya seperti 081234567890, atau "
          "ketik tanda petik (') sebelum nomornya.") % {"isi": angka}
    )  # fmt: skip


def baca_telepon(nilai) -> str:
    """A phone number as typed -> the portal's one stored format, the national form in digits with its
    leading 0; blank -> "". 081234567890, 0812 3456 7890, 0812-3456-7890, +62 812-3456-7890,
    +62 (0)812 3456 7890 and 6281234567890 all become 081234567890; (0335) 420000 becomes 0335420000.

    A number cell lost its leading 0: it is restored when unambiguous (a mobile 8xxxxxxxxx of 9-12
    digits, 628… -> 08…, a landline 335420000 -> 0335420000) and refused otherwise (62 followed by an
    area code: +62 or a 062x area code?). Refused too: letters, two numbers in one cell, a foreign
    number, fewer than 9 or more than 13 digits, text in scientific notation."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        raise _galat_telepon(nilai)
    if sel_angka(nilai):
        return _telepon_sel_angka(nilai)
    isi = _tanpa_petik(baca_teks(nilai))
    if not isi:
        return ""
    if _NOTASI_ILMIAH.fullmatch(isi):
        raise _galat_sel_angka(_("Nomor telepon"), isi)
    plus = isi.startswith("+")
    angka = isi[1:] if plus else isi
    if not _angka_saja(angka):
        angka = _PEMISAH_TELEPON.sub("", angka)
        if not _angka_saja(angka):
            raise _galat_telepon(isi)
    if plus or (angka.startswith("62") and len(angka) >= 10):
        if not angka.startswith("62"):
            raise _galat_telepon(isi)
        angka = angka[2:]
        hasil = angka if angka.startswith("0") else "0" + angka  # +62 (0)812...
    elif angka.startswith("0"):
        hasil = angka
    elif angka.startswith("8") and len(angka) in _SELULER_TANPA_0:  # typed, or saved from a number column, without its 0
        hasil = "0" + angka
    else:
        raise _galat_telepon(isi)
    if len(hasil) > DIGIT_TELEPON_MAKS:
        raise SelTidakSah(_("Nomor telepon '%(isi)s' terlalu panjang; isi satu nomor saja, seperti 081234567890.") % {"isi": isi})
    if len(hasil) < DIGIT_TELEPON_MIN:
        raise SelTidakSah(
            _("Nomor telepon '%(isi)s' terlalu pendek; tulis lengkap dengan kode wilayah, seperti 081234567890 atau 0335420000.")
            % {"isi": isi}
        )
    return hasil


def telepon_baku(teks: str) -> str:
    """A stored phone in the one format when ``baca_telepon`` reads it; otherwise unchanged (data migrations)."""
    try:
        return baca_telepon(teks)
    except SelTidakSah:
        return teks


def seragamkan_telepon(model, *kolom: str) -> list:
    """For data migrations: rewrite the phone columns ``kolom`` of every row of ``model`` (a historical
    model) to the one format; a value that does not read stays as it is. Returns the rows changed."""
    berubah = []
    for obj in model._base_manager.only("pk", *kolom).iterator(chunk_size=2000):
        ubah = False
        for k in kolom:
            lama = getattr(obj, k) or ""
            baru = telepon_baku(lama)
            if baru != lama:
                setattr(obj, k, baru)
                ubah = True
        if ubah:
            berubah.append(obj)
    model._base_manager.bulk_update(berubah, kolom, batch_size=500)
    return berubah


# --------------------------------------------------------------------------- names

# Characters copied from the web or Word that no one sees: zero-width spaces and joiners, the BOM.
_TAK_TERLIHAT = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def kunci_nama(teks) -> str:
    """The key every lookup by name compares, so a name matches as people type it: Unicode NFKC (a
    non-breaking space becomes a space, full-width letters plain ones), invisible characters dropped,
    whitespace inside collapsed to one space and trimmed, case folded.
    "Kebonsari\u00a0 Wetan " and "kebonsari wetan" have the same key; punctuation still counts."""
    teks = baca_teks(teks)
    if not teks.isascii():
        teks = unicodedata.normalize("NFKC", teks).translate(_TAK_TERLIHAT)
    return " ".join(teks.split()).casefold()


# --------------------------------------------------------------------------- RW / RT numbers

_NOMOR = re.compile(r"(?:r[wt]\s*\.?\s*)?(?:no\s*\.?\s*)?(\d+)", re.ASCII | re.IGNORECASE)


def baca_nomor(nilai) -> int | None:
    """An RW or RT number: 1, 1.0, "01", "3", "RW 03", "RW. 3", "RW.03", "RT 3" -> the number; blank -> None.
    0, a negative, a fraction or text that is not a number raise ``SelTidakSah``."""
    if nilai is None:
        return None
    nomor = None
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        nomor = nilai
    elif isinstance(nilai, float) and nilai.is_integer():
        nomor = int(nilai)
    elif isinstance(nilai, str):
        teks = " ".join(nilai.split())  # a non-breaking space too
        if not teks:
            return None
        cocok = _NOMOR.fullmatch(teks)
        if cocok is not None:
            nomor = int(cocok.group(1))
    if nomor is None or nomor < 1:
        raise SelTidakSah(
            _("Nomor '%(isi)s' tidak sah; tulis bilangan bulat 1 atau lebih, seperti 1, 01 atau RW 01.") % {"isi": baca_teks(nilai)}
        )
    return nomor


# --------------------------------------------------------------------------- choices


def _kunci_pilihan(teks: str) -> str:
    return " ".join(re.split(r"[\s_\-]+", teks.lower())).strip()


class Pilihan:
    """Reads a TextChoices cell by value or label, case-insensitive, with spaces, "_" and "-" alike
    ("tidak aktif" = "tidak_aktif" = "Tidak Aktif"), plus ``sinonim`` ({"smk": "sma"}).
    Build it once per import; ``baca`` is then one dictionary lookup per cell."""

    def __init__(self, choices, *, sinonim: dict | None = None):
        choices = list(getattr(choices, "choices", choices))
        self._peta: dict[str, str] = {}
        for nilai, label in choices:
            self._peta[_kunci_pilihan(str(nilai))] = nilai
            self._peta[_kunci_pilihan(str(label))] = nilai
        for kata, nilai in (sinonim or {}).items():
            self._peta[_kunci_pilihan(kata)] = nilai
        self.daftar = ", ".join(
            str(nilai) if str(nilai).lower() == str(label).lower() else f"{nilai} ({label})" for nilai, label in choices
        )

    def baca(self, nilai) -> str:
        """The value; blank -> ""; unknown -> ``SelTidakSah`` listing the allowed values."""
        teks = baca_teks(nilai)
        if not teks:
            return ""
        hasil = self._peta.get(teks.lower())
        if hasil is None:
            hasil = self._peta.get(_kunci_pilihan(teks))
        if hasil is None:
            raise SelTidakSah(_("'%(isi)s' tidak dikenal; pilih salah satu: %(daftar)s.") % {"isi": teks, "daftar": self.daftar})
        return hasil


def baca_pilihan(nilai, choices, *, sinonim: dict | None = None) -> str:
    """One cell to a TextChoices value (see ``Pilihan``; for many rows build a ``Pilihan`` once)."""
    return Pilihan(choices, sinonim=sinonim).baca(nilai)


SINONIM_JENIS_KELAMIN = {"lelaki": "L", "pria": "L", "lk": "L", "wanita": "P", "pr": "P"}
_jenis_kelamin: Pilihan | None = None


def baca_jenis_kelamin(nilai) -> str:
    """L or P from L, P, Laki-laki, Perempuan, LK, PR, pria, wanita...; blank -> ""."""
    global _jenis_kelamin
    if _jenis_kelamin is None:
        _jenis_kelamin = Pilihan(JenisKelamin, sinonim=SINONIM_JENIS_KELAMIN)
    return _jenis_kelamin.baca(nilai)


# --------------------------------------------------------------------------- import/export columns


class TeksWidget(widgets.Widget):
    """A text column: ``baca_teks`` in, the text out."""

    def clean(self, value, row=None, **kwargs):
        return baca_teks(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TanggalWidget(widgets.Widget):
    """A date column: ``baca_tanggal`` in, 26/05/2025 out (``tulis_tanggal``)."""

    def clean(self, value, row=None, **kwargs):
        return baca_tanggal(value)

    def render(self, value, obj=None, **kwargs):
        return tulis_tanggal(value)


class AngkaWidget(widgets.Widget):
    """A whole-number column: ``baca_angka`` in, the number out (a number cell in Excel)."""

    def __init__(self, *, boleh_negatif: bool = False):
        super().__init__(coerce_to_string=False)
        self.boleh_negatif = boleh_negatif

    def clean(self, value, row=None, **kwargs):
        return baca_angka(value, boleh_negatif=self.boleh_negatif)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class YaTidakWidget(widgets.Widget):
    """A yes/no column: ``baca_ya_tidak`` in (with the column's own words), "ya"/"tidak" out."""

    def __init__(self, *, ya=(), tidak=()):
        super().__init__()
        self.ya, self.tidak = tuple(ya), tuple(tidak)

    def clean(self, value, row=None, **kwargs):
        return baca_ya_tidak(value, ya=self.ya, tidak=self.tidak)

    def render(self, value, obj=None, **kwargs):
        return tulis_ya_tidak(value)


class NikWidget(TeksWidget):
    """A NIK column: ``baca_nik`` in. Masking on export is the resource's call (``wilayah.nik.nik_untuk``)."""

    def clean(self, value, row=None, **kwargs):
        return baca_nik(value)


class TeleponWidget(TeksWidget):
    """A phone column: ``baca_telepon`` in, the stored text out."""

    def clean(self, value, row=None, **kwargs):
        return baca_telepon(value)


class NomorWidget(widgets.Widget):
    """An RW/RT number column: ``baca_nomor`` in, the number out."""

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        return baca_nomor(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value
