"""Numbers and dates spelled out in Indonesian (berita acara: "Pada hari ini Senin tanggal dua belas ...")."""

import datetime as dt

import pytest
from django.utils import translation

from wilayah.periode import hari_tanggal_terbilang, nama_hari
from wilayah.tampilan import terbilang


@pytest.mark.parametrize(
    ("n", "kata"),
    [
        (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
        (20, "dua puluh"), (31, "tiga puluh satu"), (100, "seratus"), (101, "seratus satu"), (115, "seratus lima belas"),
        (250, "dua ratus lima puluh"), (1000, "seribu"), (1001, "seribu satu"), (1945, "seribu sembilan ratus empat puluh lima"),
        (2026, "dua ribu dua puluh enam"), (11000, "sebelas ribu"), (100000, "seratus ribu"), (1_000_000, "satu juta"),
        (2_500_000, "dua juta lima ratus ribu"), (1_000_000_000, "satu miliar"), (-5, "minus lima"),
    ],
)  # fmt: skip
def test_terbilang(n, kata):
    assert terbilang(n) == kata


def test_hari_tanggal_terbilang():
    with translation.override("id"):
        assert nama_hari(dt.date(2026, 10, 12)) == "Senin"
        assert hari_tanggal_terbilang(dt.date(2026, 10, 12)) == "Senin tanggal dua belas bulan Oktober tahun dua ribu dua puluh enam"
        assert hari_tanggal_terbilang(dt.date(2025, 1, 1)) == "Rabu tanggal satu bulan Januari tahun dua ribu dua puluh lima"
