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

from django.utils.formats import number_format

KOSONG = "-"


def _desimal(nilai) -> Decimal | None:
    if nilai is None or nilai == "" or isinstance(nilai, bool):
        return None
    try:
        return Decimal(str(nilai))
    except (InvalidOperation, ValueError, TypeError):
        return None


def angka(nilai, desimal: int = 0) -> str:
    """1250000 -> "1.250.000"; ``desimal`` places, rounded half up (2.45, 1 -> "2,5")."""
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
