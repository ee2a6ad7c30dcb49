"""Numbers, money and percentages as users read them, through the active locale (Indonesian).

``angka(1250)`` -> "1.250", ``rupiah(1250000)`` -> "Rp 1.250.000", ``persen(25)`` -> "25,0%".
Grouping and the decimal comma come from Django's locale formats (the same ones
``django.contrib.humanize``'s ``intcomma`` uses), so another language gets its own separators.
Rounding is half up; ``number_format`` alone would cut the decimals off. Empty values print "-".
The template filters of the same names are in ``wilayah/templatetags/format_id.py``; PDFs and
spreadsheets call these functions.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format, number_format

KOSONG = "-"


def _desimal(nilai) -> Decimal | None:
    if nilai is None or nilai == "" or isinstance(nilai, bool):
        return None
    try:
        return Decimal(str(nilai))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _bulat(n: int) -> str | None:
    """A whole number grouped by threes with the locale's thousand separator, without the Decimal and
    ``number_format`` round trip (a city table prints a thousand of them); None when the locale groups
    otherwise, so the general path decides."""
    if get_format("NUMBER_GROUPING") != 3:
        return None
    return f"{n:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


def angka(nilai, desimal: int = 0) -> str:
    """1250000 -> "1.250.000"; ``desimal`` places, rounded half up (2.45, 1 -> "2,5")."""
    if type(nilai) is int and desimal == 0 and (teks := _bulat(nilai)) is not None:
        return teks
    d = _desimal(nilai)
    if d is None:
        return KOSONG if nilai is None or nilai == "" else str(nilai)
    d = d.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)  # no "-0"
    return number_format(d, decimal_pos=desimal, use_l10n=True, force_grouping=True)


def rupiah(nilai) -> str:
    """1250000 -> "Rp 1.250.000" (whole rupiah); -5000 -> "-Rp 5.000"."""
    d = _desimal(nilai)
    if d is None:
        return angka(nilai)
    teks = "Rp " + angka(abs(d))
    return "-" + teks if d.quantize(Decimal(1), rounding=ROUND_HALF_UP) < 0 else teks


def persen(nilai, desimal: int = 1) -> str:
    """25 -> "25,0%"; ``nilai`` is already a percentage (0-100)."""
    d = _desimal(nilai)
    if d is None:
        return angka(nilai)
    return angka(d, desimal) + "%"


_SATUAN = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
_TINGKAT = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def terbilang(n: int) -> str:
    """A whole number in Indonesian words, as written in berita acara and receipts: 12 -> "dua belas",
    2026 -> "dua ribu dua puluh enam", 1000 -> "seribu", 100 -> "seratus"; negative: "minus ..."."""
    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        return ("seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus") + (f" {terbilang(sisa)}" if sisa else "")
    for besar, nama in _TINGKAT:
        if n >= besar:
            depan, sisa = divmod(n, besar)
            kata = "seribu" if besar == 1000 and depan == 1 else f"{terbilang(depan)} {nama}"
            return kata + (f" {terbilang(sisa)}" if sisa else "")
    raise AssertionError("unreachable")
