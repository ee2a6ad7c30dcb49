"""wilayah.tingkat.TabelTingkat: server-side sort over a whitelist, stable ties, safe paging."""

import pytest
from django.test import RequestFactory

from wilayah.tingkat import TabelTingkat

BARIS = [
    {"kode": "03", "nama": "Cempaka", "n": 5},
    {"kode": "01", "nama": "anggrek", "n": 5},
    {"kode": "02", "nama": "Bougenvil", "n": 9},
    {"kode": "04", "nama": "Dahlia", "n": None},
    {"kode": "05", "nama": "Edelweis", "n": 1},
]
URUTAN = {"nama": "nama", "jumlah": "n"}


def tabel(qs="", per_halaman=50, bawaan="nama"):
    return TabelTingkat(RequestFactory().get("/x/" + qs), BARIS, urutan=URUTAN, bawaan=bawaan, per_halaman=per_halaman)


def kode(t):
    return [b["kode"] for b in t.halaman.object_list]


def test_bawaan_nama_tanpa_beda_huruf():
    t = tabel()
    assert (t.urut, t.turun) == ("nama", False)
    assert kode(t) == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("urut", ["tidak_ada", "kode", "__class__", "-", "", "n"])
def test_kunci_tak_dikenal_jadi_bawaan(urut):
    t = tabel(f"?urut={urut}")
    assert (t.urut, t.turun) == ("nama", False)


def test_seri_dipecah_kode_naik_dan_turun_kosong_terakhir():
    assert kode(tabel("?urut=jumlah")) == ["05", "01", "03", "02", "04"]
    assert kode(tabel("?urut=-jumlah")) == ["02", "01", "03", "05", "04"]


def test_bawaan_turun():
    t = tabel(bawaan="-jumlah")
    assert t.turun and kode(t)[0] == "02"


@pytest.mark.parametrize("page,nomor", [("2", 2), ("abc", 1), ("0", 3), ("-1", 3), ("999", 3), ("99999999999999999999", 3), ("1\x002", 3), ("", 1)])
def test_halaman_buruk(page, nomor):
    t = tabel(f"?page={page}", per_halaman=2)
    assert t.halaman.number == nomor


def test_tautan_urut_membalik_dan_membuang_halaman():
    t = tabel("?urut=nama&page=2&kecamatan=35.74.01", per_halaman=2)
    assert "urut=-nama" in t.tautan_urut["nama"] and "page=" not in t.tautan_urut["nama"]
    assert "kecamatan=35.74.01" in t.tautan_urut["jumlah"] and "urut=jumlah" in t.tautan_urut["jumlah"]
    assert t.arah == {"nama": "ascending", "jumlah": ""}
    t = tabel("?urut=-nama")
    assert "urut=nama" in t.tautan_urut["nama"] and t.arah["nama"] == "descending"


def test_bawaan_harus_dikenal():
    with pytest.raises(ValueError):
        tabel(bawaan="x")
