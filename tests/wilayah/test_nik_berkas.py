import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wilayah.nik import (
    KOLOM_KONFIRMASI,
    JenisKelamin,
    bersihkan_nik,
    kecamatan_nik_dikenal,
    periksa_nik,
    samarkan_nik,
    tanggal_dari_nik,
    validasi_nik,
)

# Man born 12-03-1985 in Kanigaran (357404); woman born 12-03-1985: day + 40 = 52.
NIK_L = "3574041203850012"
NIK_P = "3574045203850013"


def test_valid_nik_for_man_and_woman():
    assert tanggal_dari_nik(NIK_L) == (12, 3, 85, JenisKelamin.LAKI_LAKI)
    assert tanggal_dari_nik(NIK_P) == (12, 3, 85, JenisKelamin.PEREMPUAN)
    assert validasi_nik(NIK_L, tanggal_lahir=dt.date(1985, 3, 12), jenis_kelamin=JenisKelamin.LAKI_LAKI) is None
    assert validasi_nik(NIK_P, tanggal_lahir=dt.date(1985, 3, 12), jenis_kelamin=JenisKelamin.PEREMPUAN) is None
    kode = {"357404"}
    assert periksa_nik(NIK_P, tanggal_lahir=dt.date(1985, 3, 12), jenis_kelamin="P", luar_wilayah_dikonfirmasi=False, kode_kecamatan=kode) is None


def test_one_nik_rule_set_with_the_confirmed_override():
    luar = "3513041203850012"  # Kabupaten Probolinggo
    with pytest.raises(ValidationError) as exc:
        periksa_nik(luar, tanggal_lahir=None, jenis_kelamin=None, luar_wilayah_dikonfirmasi=False, kode_kecamatan={"357404"})
    assert set(exc.value.message_dict) == {KOLOM_KONFIRMASI}
    assert "351304" in exc.value.message_dict[KOLOM_KONFIRMASI][0]
    assert periksa_nik(luar, tanggal_lahir=None, jenis_kelamin=None, luar_wilayah_dikonfirmasi=True, kode_kecamatan={"357404"}) is None
    # A malformed NIK is refused on the NIK field, confirmation or not.
    with pytest.raises(ValidationError) as exc:
        periksa_nik("123", tanggal_lahir=None, jenis_kelamin=None, luar_wilayah_dikonfirmasi=True, kode_kecamatan={"357404"})
    assert set(exc.value.message_dict) == {"nik"}


@pytest.mark.parametrize("nik", ["357404120385001", "35740412038500123", "35740412038500A2", ""])
def test_nik_must_be_16_digits(nik):
    with pytest.raises(ValidationError, match="16 angka"):
        validasi_nik(nik, tanggal_lahir=None, jenis_kelamin=None)


def test_birth_date_must_agree():
    with pytest.raises(ValidationError, match="Tanggal lahir di NIK"):
        validasi_nik(NIK_L, tanggal_lahir=dt.date(1985, 3, 13), jenis_kelamin=JenisKelamin.LAKI_LAKI)


def test_sex_must_agree_plus_40_rule():
    with pytest.raises(ValidationError, match="Jenis kelamin di NIK"):
        validasi_nik(NIK_L, tanggal_lahir=dt.date(1985, 3, 12), jenis_kelamin=JenisKelamin.PEREMPUAN)
    with pytest.raises(ValidationError, match="Jenis kelamin di NIK"):
        validasi_nik(NIK_P, tanggal_lahir=dt.date(1985, 3, 12), jenis_kelamin=JenisKelamin.LAKI_LAKI)


def test_impossible_date_in_nik():
    with pytest.raises(ValidationError, match="bukan tanggal lahir yang sah"):
        validasi_nik("3574049913850012", tanggal_lahir=None, jenis_kelamin=None)


def test_kecamatan_prefix_and_masking_and_cleaning():
    assert kecamatan_nik_dikenal(NIK_L, {"357404"})
    assert not kecamatan_nik_dikenal("3513041203850012", {"357404"})
    assert samarkan_nik("3574010101900012") == "3574\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220012"
    assert bersihkan_nik(" 3574 0412 0385 0012 ") == NIK_L
    assert bersihkan_nik("3574041203850012.0") == NIK_L


@pytest.mark.django_db
def test_who_reads_a_nik_in_full(dua_wilayah, operator_a, camat_a, bappeda, walikota):
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import UserFactory
    from wilayah.models import Lingkup
    from wilayah.nik import boleh_lihat_nik_penuh, nik_untuk
    from wilayah.scoping import Tingkat

    kel_a, kel_b = dua_wilayah["kel_a"].pk, dua_wilayah["kel_b"].pk
    assert boleh_lihat_nik_penuh(operator_a, kel_a)
    assert not boleh_lihat_nik_penuh(operator_a, kel_b)
    assert boleh_lihat_nik_penuh(bappeda, kel_b)
    assert boleh_lihat_nik_penuh(UserFactory(username="root", is_superuser=True), kel_b)
    for user in (camat_a, walikota, AnonymousUser(), UserFactory(username="tanpa")):
        assert not boleh_lihat_nik_penuh(user, kel_a)
    # A kelurahan scope without the operator role is not enough.
    tamu = UserFactory(username="tamu")
    Lingkup.objects.create(user=tamu, tingkat=Tingkat.KELURAHAN, kelurahan=dua_wilayah["kel_a"])
    assert not boleh_lihat_nik_penuh(tamu, kel_a)
    assert nik_untuk(camat_a, NIK_L, kel_a) == "3574" + "\u2022" * 8 + "0012"
    assert nik_untuk(operator_a, NIK_L, kel_a) == NIK_L
    # Searching by NIK digits: only who sees every NIK of their scope in full.
    from wilayah.nik import boleh_cari_nik

    assert boleh_cari_nik(operator_a) and boleh_cari_nik(bappeda)
    assert not any(boleh_cari_nik(u) for u in (camat_a, walikota, tamu, AnonymousUser()))
