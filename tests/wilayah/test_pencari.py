"""The kelurahan, RW and RT an import cell names (wilayah.pencari.PencariWilayah): by code or by name as
people type it, a different message for unknown and for outside the user's area, a fixed number of queries."""

import pytest

from tests.factories import KelurahanFactory, RTFactory, RWFactory
from wilayah.pencari import PencariWilayah
from wilayah.sel import SelTidakSah

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw03(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)


@pytest.mark.parametrize(
    "nilai",
    ["35.74.04.1004", " 35.74.04.1004 ", "3574041004", 3574041004, 3574041004.0, "35 74 04 1004", "Kebonsari Wetan", "kebonsari wetan",
     "KEBONSARI WETAN", "Kebonsari  Wetan", "Kebonsari\u00a0Wetan", " Kebonsari \u00a0 Wetan ", "Kelurahan Kebonsari Wetan",
     "Kel. Kebonsari Wetan", "kel.Kebonsari Wetan", "Kel Kebonsari Wetan"],
)  # fmt: skip
def test_kelurahan_by_code_or_by_name_as_people_type_it(nilai, operator_a, dua_wilayah):
    assert PencariWilayah(operator_a).kelurahan(nilai) == dua_wilayah["kel_a"]


@pytest.mark.parametrize("nilai", ["Kebonsari", "35.74.04.9999", "1004", "Kebonsari Wetan Baru", "Kelurahan"])
def test_unknown_kelurahan_says_how_to_write_it(nilai, operator_a, dua_wilayah):
    with pytest.raises(SelTidakSah) as info:
        PencariWilayah(operator_a).kelurahan(nilai)
    assert str(info.value) == (
        f"Kelurahan '{nilai}' tidak dikenal; tulis kode Kemendagri (seperti 35.74.04.1004) atau nama kelurahan (seperti Kebonsari Wetan)."
    )


@pytest.mark.parametrize("nilai", ["35.74.01.1001", "ketapang", "Ketapang\u00a0", "Kel. Ketapang"])
def test_kelurahan_outside_the_users_area_is_named(nilai, operator_a, dua_wilayah):
    with pytest.raises(SelTidakSah) as info:
        PencariWilayah(operator_a).kelurahan(nilai)
    assert str(info.value) == "Kelurahan Ketapang (35.74.01.1001) di luar wilayah kerja Anda; isi hanya kelurahan di wilayah kerja Anda."


def test_blank_kelurahan_is_refused(operator_a, dua_wilayah):
    for nilai in (None, "", "  "):
        with pytest.raises(SelTidakSah, match="Kelurahan wajib diisi; tulis kode Kemendagri"):
            PencariWilayah(operator_a).kelurahan(nilai)


def test_a_name_two_kelurahan_share_asks_for_the_code(operator_a, camat_a, dua_wilayah):
    kembar = KelurahanFactory(kode="35.74.04.1009", nama="Kebonsari  wetan", kecamatan=dua_wilayah["kec_a"])
    with pytest.raises(SelTidakSah) as info:
        PencariWilayah(camat_a).kelurahan("Kebonsari Wetan")
    assert str(info.value) == "Ada 2 kelurahan bernama 'Kebonsari Wetan'; tulis kodenya: 35.74.04.1004, 35.74.04.1009."
    assert PencariWilayah(camat_a).kelurahan("35.74.04.1009") == kembar
    assert PencariWilayah(operator_a).kelurahan("Kebonsari Wetan") == dua_wilayah["kel_a"], "only one of them is in the operator's area"


@pytest.mark.parametrize("nilai", ["RW 03", "RW. 3", "RW.03", "RW.3", "rw 3", "03", "3", 3, 3.0, "RW\u00a003"])
def test_rw_as_people_write_it(nilai, operator_a, dua_wilayah, rw03):
    assert PencariWilayah(operator_a).rw(dua_wilayah["kel_a"], nilai) == rw03


def test_rw_blank_is_none_and_unknown_names_the_rw_once(operator_a, dua_wilayah, rw03):
    pencari = PencariWilayah(operator_a)
    assert pencari.rw(dua_wilayah["kel_a"], "") is None and pencari.rw(dua_wilayah["kel_a"], None) is None
    for nilai in ("RW 07", "7", "RW. 7", 7):
        with pytest.raises(SelTidakSah) as info:
            pencari.rw(dua_wilayah["kel_a"], nilai)
        assert str(info.value) == "RW 07 tidak tercatat di Kebonsari Wetan."
    with pytest.raises(SelTidakSah, match="bilangan bulat 1 atau lebih"):
        pencari.rw(dua_wilayah["kel_a"], "RW tiga")


def test_rw_of_a_kelurahan_outside_the_area_is_not_found(operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=3)
    with pytest.raises(SelTidakSah, match="RW 03 tidak tercatat di Ketapang."):
        PencariWilayah(operator_a).rw(dua_wilayah["kel_b"], "RW 03")


def test_rt_of_an_rw(operator_a, dua_wilayah, rw03):
    rt = RTFactory(rw=rw03, nomor=4)
    pencari = PencariWilayah(operator_a)
    assert pencari.rt(rw03, "RT 04") == rt and pencari.rt(rw03, 4) == rt and pencari.rt(rw03, "") is None
    with pytest.raises(SelTidakSah) as info:
        pencari.rt(rw03, "RT 5")
    assert str(info.value) == "RT 05 tidak tercatat di RW 03 Kebonsari Wetan."


def test_loaded_once_then_no_query_per_lookup(operator_a, dua_wilayah, rw03, django_assert_num_queries):
    RTFactory(rw=rw03, nomor=4)
    for nomor in range(4, 30):
        RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=nomor)
    PencariWilayah(operator_a)  # the user's scope and permissions, cached on the user as in a request
    with django_assert_num_queries(3):  # kelurahan in scope, every kelurahan, their RWs
        pencari = PencariWilayah(operator_a)
    with django_assert_num_queries(1):  # the RTs, on first use
        pencari.rt(rw03, 4)
    with django_assert_num_queries(0):
        for nomor in range(4, 30):
            kel = pencari.kelurahan("Kebonsari  Wetan")
            rw = pencari.rw(kel, f"RW {nomor:02d}")
            assert rw.kelurahan.nama == "Kebonsari Wetan" and str(rw) == f"RW {nomor:02d} Kebonsari Wetan"
        rt = pencari.rt(rw03, "4")
        assert str(rt) == "RT 04/RW 03 Kebonsari Wetan"
        for nilai in ("Ketapang", "Tidak Ada"):
            with pytest.raises(SelTidakSah):
                pencari.kelurahan(nilai)


def test_rw_dan_rt_hanya_dibuat_bila_disebut_dan_kolom_lainnya_dimuat_benar(operator_a, dua_wilayah, django_assert_num_queries):
    """RW and RT keys are read as plain values; the instance a cell names is complete: its number and
    kelurahan without a query, its other fields loaded on first use (not left at their defaults)."""
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=4, nama_ketua="Pak Slamet")
    rt = RTFactory(rw=rw, nomor=2)
    pencari = PencariWilayah(operator_a)
    assert pencari._rw == {}, "no RW object before a cell names one"
    with django_assert_num_queries(0):
        ditemukan = pencari.rw(kel, "RW 04")
        assert (ditemukan.pk, ditemukan.nomor, ditemukan.kelurahan) == (rw.pk, 4, kel)
        assert pencari.rw(kel, "4") is ditemukan
    with django_assert_num_queries(1):
        assert ditemukan.nama_ketua == "Pak Slamet"
    with django_assert_num_queries(1):  # the RT keys, once
        rt_ditemukan = pencari.rt(ditemukan, "02")
    assert (rt_ditemukan.pk, rt_ditemukan.nomor, rt_ditemukan.rw) == (rt.pk, 2, ditemukan)
