"""Numbers, money, percentages and dates as users read them: one rule for Python (PDF, xlsx) and templates."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from wilayah.tampilan import angka, persen, rupiah


@pytest.fixture(autouse=True)
def _indonesia():
    with translation.override("id"):
        yield


def test_angka():
    assert angka(1250) == "1.250"
    assert angka(1250000) == "1.250.000"
    assert angka(0) == "0"
    assert angka(999) == "999"
    assert angka(-1250) == "-1.250"
    assert angka(1234.56, 1) == "1.234,6"
    assert angka(2.45, 1) == "2,5"  # half up, not cut off
    assert angka(2.449, 1) == "2,4"
    assert angka(Decimal("1250000.50")) == "1.250.001"
    assert angka(-0.04, 1) == "0,0"
    assert angka(None) == "-" and angka("") == "-"
    assert angka("bukan angka") == "bukan angka"


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_angka_bulat_sama_dengan_jalan_umum(bahasa):
    """The whole-number fast path prints exactly what the Decimal/number_format path prints."""
    with translation.override(bahasa):
        for n in (0, 7, -7, 999, 1000, -1000, 1250, 99999, 100000, 1234567, -1234567, 10**12 + 5):
            assert angka(n) == angka(Decimal(n)), n
        assert angka(True) == "True"  # a bool is not a number here, as before


def test_rupiah():
    assert rupiah(1250000) == "Rp 1.250.000"
    assert rupiah(5000) == "Rp 5.000"
    assert rupiah(0) == "Rp 0"
    assert rupiah(-5000) == "-Rp 5.000"
    assert rupiah(None) == "-"


def test_persen():
    assert persen(25) == "25,0%"
    assert persen(33.333) == "33,3%"
    assert persen(66.66, 0) == "67%"
    assert persen(100.0) == "100,0%"
    assert persen(None) == "-"


def test_locale_lain_memakai_pemisahnya_sendiri():
    with translation.override("en"):
        assert rupiah(1250000) == "Rp 1,250,000" and persen(25) == "25.0%"


def test_filter_templat():
    teks = Template(
        "{% load format_id %}{{ uang|rupiah }}|{{ n|angka }}|{{ p|persen }}|{{ p|persen:0 }}|{{ t|tanggal }}|{{ kosong|rupiah }}|{{ kosong|tanggal }}"
    ).render(Context({"uang": 1250000, "n": 1250, "p": 25, "t": dt.date(2025, 5, 26), "kosong": None}))
    assert teks == "Rp 1.250.000|1.250|25,0%|25%|26 Mei 2025|-|-"


def test_filter_tanggal_memakai_waktu_setempat():
    from django.utils import timezone

    tengah_malam_utc = dt.datetime(2025, 5, 25, 18, 30, tzinfo=dt.timezone.utc)  # 26 May, 01:30 in Jakarta
    assert timezone.localtime(tengah_malam_utc).date() == dt.date(2025, 5, 26)
    assert Template("{% load format_id %}{{ t|tanggal }}").render(Context({"t": tengah_malam_utc})) == "26 Mei 2025"
