"""Periods: month bounds, month names through the locale, dates as users write them, adding years
and months, and reading a month/year from a query string without ever raising."""

import datetime as dt

import pytest
from django.utils import translation

from wilayah.periode import (
    TAHUN_AKHIR, TAHUN_AWAL, batas_bulan, bulan_dari, bulan_tahun, ke_tahun, kode_bulan, nama_bulan, rentang_tanggal, tahun_dari,
    tambah_bulan, tambah_tahun, tanggal_id,
)

D = dt.date
HARI_INI = D(2025, 6, 15)


def test_batas_bulan():
    assert batas_bulan(2025, 6) == (D(2025, 6, 1), D(2025, 6, 30))
    assert batas_bulan(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert batas_bulan(2025, 2) == (D(2025, 2, 1), D(2025, 2, 28))
    assert batas_bulan(2025, 12) == (D(2025, 12, 1), D(2025, 12, 31))


def test_nama_bulan_dari_locale():
    with translation.override("id"):
        assert [nama_bulan(b) for b in range(1, 13)] == [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember",
        ]
        assert bulan_tahun(2025, 8) == "Agustus 2025"
    with translation.override("en"):  # the names come from the locale, not from a list in the code
        assert nama_bulan(5) == "May"


def test_tanggal_seperti_ditulis_pengguna():
    with translation.override("id"):
        assert tanggal_id(D(2025, 5, 26)) == "26 Mei 2025"
        assert tanggal_id(D(2025, 8, 1)) == "1 Agustus 2025"  # the full name, not the locale's "Agu"
        assert tanggal_id(None) == "-"


def test_tambah_tahun_dan_29_februari():
    assert tambah_tahun(D(2025, 1, 1), 5) == D(2030, 1, 1)
    assert tambah_tahun(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert tambah_tahun(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert tambah_tahun(D(2024, 2, 29), -5) == D(2019, 2, 28)
    assert ke_tahun(D(2024, 2, 29), 2026) == D(2026, 2, 28)
    assert ke_tahun(D(2023, 7, 17), 2030) == D(2030, 7, 17)


def test_tambah_bulan():
    assert tambah_bulan(D(2025, 5, 31), -3) == D(2025, 2, 28)
    assert tambah_bulan(D(2025, 2, 10), -3) == D(2024, 11, 10)
    assert tambah_bulan(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert tambah_bulan(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert tambah_bulan(D(2025, 12, 1), 1) == D(2026, 1, 1)
    assert tambah_bulan(D(2025, 1, 1), -1) == D(2024, 12, 1)
    assert tambah_bulan(D(2025, 6, 30), 0) == D(2025, 6, 30)
    assert tambah_bulan(D(2025, 6, 30), -24) == D(2023, 6, 30)


def test_bulan_dari_teks_yang_sah():
    assert bulan_dari("2025-06", hari_ini=HARI_INI) == (2025, 6)
    assert bulan_dari(" 2026-4 ", hari_ini=HARI_INI) == (2026, 4)
    assert bulan_dari(f"{TAHUN_AWAL}-01", hari_ini=HARI_INI) == (TAHUN_AWAL, 1)
    assert bulan_dari(f"{TAHUN_AKHIR}-12", hari_ini=HARI_INI) == (TAHUN_AKHIR, 12)
    assert bulan_dari(kode_bulan(2025, 3)) == (2025, 3)


@pytest.mark.parametrize("teks", [
    "9999-12", "1-1", "0-1", "1999-12", "2101-01", "2025-13", "2025-0", "2025--1", "-2025-1", "2025-06-01", "2025", "2025-",
    "abc", "bukan-bulan", "", None, "2025-6.5", "1e3-1", "2025 06",
])
def test_bulan_dari_teks_buruk_memberi_bulan_ini(teks):
    assert bulan_dari(teks, hari_ini=HARI_INI) == (2025, 6)


def test_tahun_dari():
    assert tahun_dari("2024", hari_ini=HARI_INI) == 2024
    for teks in ("0", "10000", "1999", "2101", "-2025", "abc", "", None, "2025.0", "20 25"):
        assert tahun_dari(teks, hari_ini=HARI_INI) == 2025, teks


def test_kode_bulan():
    assert kode_bulan(2025, 6) == "2025-06"


def test_geser_bulan_melewati_tahun():
    from wilayah.periode import geser_bulan

    assert geser_bulan(2026, 1, -1) == (2025, 12)
    assert geser_bulan(2026, 12, 1) == (2027, 1)
    assert geser_bulan(2026, 5, -12) == (2025, 5)
    assert geser_bulan(2026, 5, 0) == (2026, 5)


def test_bulan_sah_dari_none_untuk_masukan_buruk():
    from wilayah.periode import bulan_sah_dari

    assert bulan_sah_dari("2025-06") == (2025, 6)
    for buruk in (None, "", "2025-13", "1999-01", "abc", "2025-06-01", "9999-12"):
        assert bulan_sah_dari(buruk) is None, buruk


def test_rentang_tanggal_seperti_ditulis_orang_indonesia():
    with translation.override("id"):
        assert rentang_tanggal(D(2025, 5, 26), D(2025, 5, 28)) == "26\u201328 Mei 2025"
        assert rentang_tanggal(D(2025, 5, 30), D(2025, 6, 2)) == "30 Mei \u2013 2 Juni 2025"
        assert rentang_tanggal(D(2025, 12, 30), D(2026, 1, 2)) == "30 Desember 2025 \u2013 2 Januari 2026"
        assert rentang_tanggal(D(2025, 5, 26), D(2025, 5, 26)) == "26 Mei 2025"
        assert rentang_tanggal(D(2025, 5, 26), None) == "26 Mei 2025"
        assert rentang_tanggal(None, None) == "-"
        assert rentang_tanggal(D(2025, 5, 28), D(2025, 5, 26)) == "26\u201328 Mei 2025"  # reversed input still reads right
