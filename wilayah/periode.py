"""Periods: months, years and dates as users write them. One place for every programme.

- ``batas_bulan(2025, 2)``            -> (1 Feb 2025, 28 Feb 2025)
- ``nama_bulan(5)``                   -> "Mei" (through Django's ``id`` locale, not a hand-written list)
- ``bulan_tahun(2025, 5)``            -> "Mei 2025"
- ``tanggal_id(date(2025, 5, 26))``   -> "26 Mei 2025" (``-`` for no date)
- ``rentang_tanggal(26 May, 28 May 2025)`` -> "26–28 Mei 2025" (``30 Mei – 2 Juni 2025`` across months)
- ``tambah_tahun(29 Feb 2024, 1)``    -> 28 Feb 2025 (29 February shifts to the 28th)
- ``ke_tahun(tanggal, 2026)``         -> the same day and month in 2026 (same 29 February rule)
- ``tambah_bulan(31 May 2025, -3)``   -> 28 Feb 2025 (the day is clamped to the month's length)
- ``geser_bulan(2026, 1, -1)``        -> (2025, 12)
- ``bulan_dari("2025-06")``, ``tahun_dari("2025")``: a month/year from a query string; anything
  that is not a month between ``TAHUN_AWAL`` and ``TAHUN_AKHIR`` gives the current period and
  never raises (``?bulan=9999-12`` or ``?tahun=0`` must not become a 500).
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format

# The years a query string may ask for; outside them the current period is used. The bounds keep
# "the month before" and "the month after" inside ``datetime.date``'s range.
TAHUN_AWAL = 2000
TAHUN_AKHIR = 2100


def batas_bulan(tahun: int, bulan: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month."""
    return dt.date(tahun, bulan, 1), dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def nama_bulan(bulan: int) -> str:
    """1 -> "Januari" in the active language (Indonesian by default)."""
    return str(MONTHS[bulan])


def bulan_tahun(tahun: int, bulan: int) -> str:
    """(2025, 5) -> "Mei 2025"."""
    return f"{nama_bulan(bulan)} {tahun}"


def tanggal_id(tanggal: dt.date | None) -> str:
    """A date as users write it: 26 Mei 2025. No date: "-"."""
    return date_format(tanggal, "j F Y") if tanggal else "-"


def rentang_tanggal(mulai: dt.date | None, selesai: dt.date | None) -> str:
    """Days as Indonesians write a span: "26–28 Mei 2025", "30 Mei – 2 Juni 2025",
    "30 Desember 2025 – 2 Januari 2026"; one day: "26 Mei 2025". A missing end is the start."""
    if mulai is None:
        return tanggal_id(selesai)
    if selesai is None or selesai == mulai:
        return tanggal_id(mulai)
    if selesai < mulai:
        mulai, selesai = selesai, mulai
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        return f"{mulai.day}\u2013{tanggal_id(selesai)}"
    if mulai.year == selesai.year:
        return f"{mulai.day} {nama_bulan(mulai.month)} \u2013 {tanggal_id(selesai)}"
    return f"{tanggal_id(mulai)} \u2013 {tanggal_id(selesai)}"


def ke_tahun(tanggal: dt.date, tahun: int) -> dt.date:
    """The same day and month in ``tahun``; 29 February becomes 28 February in a common year."""
    try:
        return tanggal.replace(year=tahun)
    except ValueError:  # 29 February
        return tanggal.replace(year=tahun, day=28)


def tambah_tahun(tanggal: dt.date, tahun: int) -> dt.date:
    """``tahun`` years later (earlier when negative); 29 February becomes 28 February in a common year."""
    return ke_tahun(tanggal, tanggal.year + tahun)


def tambah_bulan(tanggal: dt.date, bulan: int) -> dt.date:
    """``bulan`` months later (earlier when negative); the day is clamped to the target month's length."""
    indeks = tanggal.year * 12 + tanggal.month - 1 + bulan
    tahun, bulan_baru = divmod(indeks, 12)
    bulan_baru += 1
    return dt.date(tahun, bulan_baru, min(tanggal.day, calendar.monthrange(tahun, bulan_baru)[1]))


def geser_bulan(tahun: int, bulan: int, n: int) -> tuple[int, int]:
    """The month ``n`` months after (before, when negative) ``bulan``/``tahun``: (2026, 1, -1) -> (2025, 12)."""
    d = tambah_bulan(dt.date(tahun, bulan, 1), n)
    return d.year, d.month


def _hari_ini(hari_ini: dt.date | None) -> dt.date:
    return hari_ini or timezone.localdate()


def tahun_sah(tahun: int) -> bool:
    return TAHUN_AWAL <= tahun <= TAHUN_AKHIR


def bulan_sah_dari(teks: str | None) -> tuple[int, int] | None:
    """"2025-06" -> (2025, 6); None for empty, malformed or out-of-range input (a page that says so)."""
    try:
        tahun, bulan = (int(x) for x in str(teks or "").strip().split("-"))
    except (ValueError, TypeError):
        return None
    return (tahun, bulan) if tahun_sah(tahun) and 1 <= bulan <= 12 else None


def bulan_dari(teks: str | None, *, hari_ini: dt.date | None = None) -> tuple[int, int]:
    """"2025-06" -> (2025, 6). Empty, malformed or out-of-range input gives the current month."""
    sah = bulan_sah_dari(teks)
    if sah is not None:
        return sah
    sekarang = _hari_ini(hari_ini)
    return sekarang.year, sekarang.month


def tahun_dari(teks: str | None, *, hari_ini: dt.date | None = None) -> int:
    """"2025" -> 2025. Empty, malformed or out-of-range input gives the current year."""
    try:
        tahun = int(str(teks or "").strip())
    except ValueError:
        tahun = 0
    return tahun if tahun_sah(tahun) else _hari_ini(hari_ini).year


def kode_bulan(tahun: int, bulan: int) -> str:
    """(2025, 6) -> "2025-06", the form ``bulan_dari`` reads back (links to the previous/next month)."""
    return f"{tahun:04d}-{bulan:02d}"


def nama_hari(tanggal: dt.date) -> str:
    """The weekday in the active language (Indonesian by default): "Senin"."""
    return date_format(tanggal, "l")


def hari_tanggal_terbilang(tanggal: dt.date) -> str:
    """A date spelled out as a berita acara opens it: "Senin tanggal dua belas bulan Oktober tahun dua
    ribu dua puluh enam"."""
    from .tampilan import terbilang

    return f"{nama_hari(tanggal)} tanggal {terbilang(tanggal.day)} bulan {nama_bulan(tanggal.month)} tahun {terbilang(tanggal.year)}"
