"""Spreadsheet cells, read once for every programme (sel = cell).

Readers (pure functions, no queries) turn what an operator typed in Excel, or what Excel made of it,
into a value, or raise ``SelTidakSah`` (a ``ValueError``) with an Indonesian message that quotes the
cell and shows how to write it:

- ``baca_teks``: text (a number cell 3.0 -> "3"), stripped, without the quote ``netralkan_sel`` put in front;
- ``baca_tanggal``: date cells, Excel serial numbers, 26/05/2025, 26-05-2025, 26.05.2025, 2025-05-26,
  26/05/90, 26 Mei 2025, 26-Agu-2025, Senin, 26 Mei 2025 (English month abbreviations too);
- ``baca_angka``: 1250, 1.250, Rp 1.250.000, 1.250,00;
- ``baca_ya_tidak``: one set of words for yes and no, plus column-specific words;
- ``baca_nik`` (the NIK rule itself is ``wilayah.nik.bersihkan_nik``), ``baca_telepon``,
  ``baca_nomor`` (RW/RT numbers: 1, "01", "RW 01"), ``baca_pilihan`` / ``Pilihan`` (TextChoices by
  value or label), ``baca_jenis_kelamin``.

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
from decimal import Decimal

from django.utils.translation import gettext as _
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
SERIAL_EXCEL_MAKS = 2958466  # 10000-01-01: Excel has no later date

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


def _tahun_dua_angka(tahun: int) -> int:
    """90 -> 1990, 05 -> 2005: the century that does not put the date in the future."""
    return 2000 + tahun if 2000 + tahun <= dt.date.today().year else 1900 + tahun


def _tanggal(isi, tahun: int, bulan: int, hari: int) -> dt.date:
    if not 1 <= bulan <= 12:
        raise _galat_tanggal(isi)
    try:
        return dt.date(tahun, bulan, hari)
    except ValueError:
        raise SelTidakSah(
            _("Tanggal '%(isi)s' tidak ada di kalender; periksa hari dan bulannya (tulis seperti 26/05/2025).") % {"isi": isi}
        ) from None


def _tanggal_angka(teks: str):
    """(year, month, day) from 26/05/2025, 26-05-2025, 26.05.2025, 2025-05-26, 26/05/90; else None."""
    cocok = _TANGGAL_ANGKA.fullmatch(teks)
    if cocok is None:
        return None
    a, _pemisah, b, c = cocok.groups()
    if len(a) == 4 and len(c) <= 2:
        return int(a), int(b), int(c)
    if len(a) <= 2 and len(c) == 4:
        return int(c), int(b), int(a)
    if len(a) <= 2 and len(c) == 2:
        return _tahun_dua_angka(int(c)), int(b), int(a)
    return None


def _tanggal_nama_bulan(teks: str):
    """(year, month, day) from 26 Mei 2025, 26-Agu-25, Senin, 26 Mei 2025, May 26, 2025; else None."""
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
        return _tahun_dua_angka(int(tahun)), BULAN[bulan], int(hari)
    return None


def baca_tanggal(nilai) -> dt.date | None:
    """A date cell, an Excel serial number, or a date as Indonesians type it -> date; blank -> None.

    Text: 26/05/2025, 26-05-2025, 26.05.2025, 2025-05-26 (a time after it is ignored), 26/05/90
    (two-digit year: the century that keeps it in the past), 26 Mei 2025, 26 Agu 2025, 26-Mei-2025,
    with an optional day name in front; month names Indonesian or English, any case.
    Anything else, or a date that does not exist (31/02/2025), raises ``SelTidakSah``."""
    if type(nilai) is not str:
        if nilai is None:
            return None
        if isinstance(nilai, dt.datetime):
            return nilai.date()
        if isinstance(nilai, dt.date):
            return nilai
        if isinstance(nilai, int | float) and not isinstance(nilai, bool):
            if 1 <= nilai < SERIAL_EXCEL_MAKS:
                return EPOCH_EXCEL + dt.timedelta(days=int(nilai))
            raise _galat_tanggal(baca_teks(nilai))
        nilai = str(nilai)
    teks = nilai.strip()
    if not teks:
        return None
    isi = teks
    if len(teks) > 10 and teks[10] in " T" and (":" in teks[10:]):  # 2025-05-26 00:00:00, 2025-05-26T08:30
        teks = teks[:10]
    elif " " in teks and ":" in teks:  # 26/05/2025 08:30
        teks = teks.rsplit(" ", 1)[0].strip()
    bagian = _tanggal_angka(teks) or _tanggal_nama_bulan(teks)
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


# --------------------------------------------------------------------------- people


def baca_nik(nilai) -> str:
    """The digits of a NIK cell (text with spaces or dots, or a number cell); blank -> "".
    The cleaning rule is ``wilayah.nik.bersihkan_nik``; whether it is a valid NIK is ``validasi_nik``'s question."""
    teks = baca_teks(nilai)
    return teks if _angka_saja(teks) else bersihkan_nik(teks)


_PEMISAH_TELEPON = re.compile(r"[\s\-.()\u00a0]+")
DIGIT_TELEPON_MAKS = 15  # E.164


def _galat_telepon(isi) -> SelTidakSah:
    return SelTidakSah(
        _("Nomor telepon '%(isi)s' tidak sah: hanya angka (boleh dengan spasi atau tanda hubung), diawali 0 atau +62; "
          "tulis seperti 081234567890.") % {"isi": isi}
    )


def baca_telepon(nilai) -> str:
    """A phone number as typed (081234567890, +62 812-3456-7890, 0812 3456 7890, (0335) 420000) ->
    digits with a leading 0 or +62; a number cell that lost its leading 0 (81234567890) gets it back,
    62812... becomes +62812...; blank -> "". Letters, two numbers in one cell, or a number that starts
    otherwise raise ``SelTidakSah``."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool) or (isinstance(nilai, float) and not nilai.is_integer()):
        raise _galat_telepon(nilai)
    isi = baca_teks(nilai)
    if not isi:
        return ""
    plus = isi.startswith("+")
    angka = isi[1:] if plus else isi
    if not _angka_saja(angka):
        angka = _PEMISAH_TELEPON.sub("", angka)
        if not _angka_saja(angka):
            raise _galat_telepon(isi)
    if plus or (angka.startswith("62") and len(angka) >= 10):
        if not angka.startswith("62"):
            raise _galat_telepon(isi)
        angka = "62" + angka[3:] if angka.startswith("620") else angka  # +62 (0)812...
        hasil = "+" + angka
    elif angka.startswith("8"):
        hasil = "0" + angka
    elif angka.startswith("0"):
        hasil = angka
    else:
        raise _galat_telepon(isi)
    if len(hasil.lstrip("+")) > DIGIT_TELEPON_MAKS:
        raise SelTidakSah(_("Nomor telepon '%(isi)s' terlalu panjang; isi satu nomor saja.") % {"isi": isi})
    return hasil


# --------------------------------------------------------------------------- RW / RT numbers

_NOMOR = re.compile(r"(?:r[wt]\s*\.?\s*)?(?:no\s*\.?\s*)?(\d+)", re.ASCII | re.IGNORECASE)


def baca_nomor(nilai) -> int | None:
    """An RW or RT number: 1, 1.0, "01", "RW 01", "RW.01", "RT 3" -> the number; blank -> None.
    0, a negative, a fraction or text that is not a number raise ``SelTidakSah``."""
    if nilai is None:
        return None
    nomor = None
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        nomor = nilai
    elif isinstance(nilai, float) and nilai.is_integer():
        nomor = int(nilai)
    elif isinstance(nilai, str):
        teks = nilai.strip()
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
