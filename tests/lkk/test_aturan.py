"""The board and institution rules (Permendagri 18/2018, configurable per JenisLembaga)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lkk.models import Jabatan, Lembaga, Pengurus, akhir_masa_bakti
from lkk.services import jenis_lembaga_simpan, lembaga_simpan, pengurus_simpan
from tests.factories import RTFactory, RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis

pytestmark = pytest.mark.django_db

NIK_A = "3574041203800012"  # Kanigaran (35.74.04), born 12-03-80, male


def pengurus(lembaga, **kwargs):
    data = {"nama": "Ahmad Fauzi", "jabatan": Jabatan.ANGGOTA, "masa_mulai": dt.date(2024, 1, 2), "pernyataan_nonpartai": True, "tanggal_pernyataan": dt.date(2024, 1, 2)}
    data.update(kwargs)
    return Pengurus(lembaga=lembaga, **data)


def pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- one ketua at a time --------------------------------------------------------------------


def test_second_ketua_over_the_same_period_is_refused(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Sutrisno", jabatan=Jabatan.KETUA))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Bambang", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2025, 6, 1)))
    assert "sudah mempunyai Ketua Sutrisno" in pesan(exc.value)
    assert "jabatan" in exc.value.message_dict
    assert Pengurus.objects.filter(jabatan=Jabatan.KETUA).count() == 1


def test_successive_ketua_are_allowed_and_only_the_latest_is_current(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    lama = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Sutrisno", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2019, 1, 2)))
    baru = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Bambang", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2024, 1, 2)))
    lama.refresh_from_db()
    assert (lama.riwayat, baru.riwayat) == (True, False)
    # An older board entered afterwards stays history.
    tua = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Slamet", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2014, 1, 2)))
    assert tua.riwayat is True


def test_ketua_removed_early_can_be_replaced(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    ketua = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Sutrisno", jabatan=Jabatan.KETUA))
    ketua.nomor_sk_pemberhentian, ketua.tanggal_sk_pemberhentian = "188/9/2025", dt.date(2025, 3, 1)
    pengurus_simpan(acting_user=operator_a, pengurus=ketua)
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Bambang", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2025, 3, 2)))
    assert Pengurus.objects.filter(lembaga=lpm, jabatan=Jabatan.KETUA).count() == 2


def test_database_refuses_two_current_ketua(dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    PengurusFactory(lembaga=lpm, jabatan=Jabatan.KETUA)
    with pytest.raises(IntegrityError), transaction.atomic():
        PengurusFactory(lembaga=lpm, jabatan=Jabatan.KETUA)


# --- at most N terms in the same lembaga -----------------------------------------------------


def test_third_term_in_same_lembaga_is_refused_even_when_not_consecutive(operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"), nama="Karang Taruna Tunas Muda")
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, masa_mulai=dt.date(2009, 1, 2)))
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, masa_mulai=dt.date(2019, 1, 2), jabatan=Jabatan.SEKRETARIS))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, masa_mulai=dt.date(2024, 1, 2), jabatan=Jabatan.KETUA))
    assert "sudah 2 periode" in pesan(exc.value) and "paling banyak 2 periode" in pesan(exc.value)
    assert Pengurus.objects.count() == 2


def test_term_limit_is_configurable_per_type(operator_a, dua_wilayah):
    jenis_kt = jenis("karang-taruna")
    jenis_kt.maks_periode = 3
    jenis_kt.save()
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis_kt)
    for tahun in (2009, 2014, 2019):
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, masa_mulai=dt.date(tahun, 1, 2)))
    assert Pengurus.objects.count() == 3
    with pytest.raises(ValidationError):
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, masa_mulai=dt.date(2024, 1, 2)))


def test_same_person_cannot_hold_two_posts_in_one_board(operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"))
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, jabatan=Jabatan.BENDAHARA))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, jabatan=Jabatan.SEKRETARIS, masa_mulai=dt.date(2025, 1, 2)))
    assert "sudah menjabat Bendahara" in pesan(exc.value)


# --- no post in two LKK at the same time ------------------------------------------------------


def test_second_post_elsewhere_is_refused_naming_the_other_post(operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"), nama="Karang Taruna Tunas Muda")
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A, jabatan=Jabatan.BENDAHARA, masa_mulai=dt.date(2023, 1, 1)))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik=NIK_A, nama="A. Fauzi", jabatan=Jabatan.KETUA))
    text = pesan(exc.value)
    assert "sudah menjabat Bendahara di Karang Taruna Tunas Muda (Kelurahan Kebonsari Wetan) sejak 1 Januari 2023" in text
    assert Pengurus.objects.filter(lembaga=lpm).count() == 0


def test_second_post_outside_the_users_region_is_refused_without_naming_it(operator_a, bappeda, dua_wilayah):
    """The rule holds city-wide, but the refusal must not reveal a post the operator may not see."""
    kt_b = LembagaFactory(kelurahan=dua_wilayah["kel_b"], jenis=jenis("karang-taruna"), nama="Karang Taruna Ketapang Rahasia")
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    pengurus_simpan(acting_user=bappeda, pengurus=pengurus(kt_b, nik=NIK_A, jabatan=Jabatan.BENDAHARA, masa_mulai=dt.date(2023, 1, 1)))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik=NIK_A, nama="A. Fauzi", jabatan=Jabatan.KETUA))
    text = pesan(exc.value)
    assert "di LKK lain di luar wilayah kerja Anda" in text
    assert "Ketapang" not in text and "Bendahara" not in text
    assert Pengurus.objects.filter(lembaga=lpm).count() == 0


def test_without_nik_a_person_is_recognised_by_name_and_phone(operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"), nama="Karang Taruna Tunas Muda")
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nama="Siti  Aminah", telepon="+62 812-3456-7890", jabatan=Jabatan.BENDAHARA))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="siti aminah", telepon="0812 3456 7890"))
    assert "Bendahara di Karang Taruna Tunas Muda" in pesan(exc.value)
    # Same name, another phone: another person.
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nama="Siti Aminah", telepon="0813 0000 1111"))
    # Same name without phone or NIK: cannot be recognised, so not refused.
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(LembagaFactory(kelurahan=dua_wilayah["kel_a"]), nama="Siti Aminah"))


def test_post_elsewhere_allowed_after_it_ended_or_when_types_allow(operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"))
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    lama = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nik=NIK_A))
    lama.nomor_sk_pemberhentian, lama.tanggal_sk_pemberhentian = "188/1/2025", dt.date(2025, 1, 31)
    pengurus_simpan(acting_user=operator_a, pengurus=lama)
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik=NIK_A, masa_mulai=dt.date(2025, 2, 1)))

    pokmas_jenis = jenis("pokmas")
    posyandu_jenis = jenis("posyandu")
    for j in (pokmas_jenis, posyandu_jenis):
        j.larang_rangkap = False
        j.save()
    pokmas = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=pokmas_jenis)
    posyandu = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=posyandu_jenis, rw=RWFactory(kelurahan=dua_wilayah["kel_a"]))
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(pokmas, nama="Wati", telepon="081211112222"))
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(posyandu, nama="Wati", telepon="081211112222"))
    # But a type that forbids it still refuses, naming the post.
    with pytest.raises(ValidationError):
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(kt, nama="Wati", telepon="081211112222"))


# --- the no-party declaration ----------------------------------------------------------------


def test_no_party_declaration_required_on_appointment(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, pernyataan_nonpartai=False, tanggal_pernyataan=None))
    assert "bukan anggota partai politik" in exc.value.message_dict["pernyataan_nonpartai"][0]
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, tanggal_pernyataan=None))
    assert "tanggal_pernyataan" in exc.value.message_dict
    jenis_lpm = lpm.jenis
    jenis_lpm.wajib_pernyataan_nonpartai = False
    jenis_lpm.save()
    lpm.refresh_from_db()
    pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, pernyataan_nonpartai=False, tanggal_pernyataan=None))


# --- terms and dates -------------------------------------------------------------------------


def test_default_term_comes_from_the_type(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    p = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, masa_mulai=dt.date(2025, 5, 26)))
    assert p.masa_selesai == dt.date(2030, 5, 25)
    j = jenis("pkk")
    j.masa_bakti_tahun = 3
    j.save()
    lembaga = Lembaga(jenis=j, nama="TP PKK", kelurahan=dua_wilayah["kel_a"], masa_bakti_mulai=dt.date(2024, 2, 29))
    lembaga_simpan(acting_user=operator_a, lembaga=lembaga)
    assert lembaga.masa_bakti_selesai == dt.date(2027, 2, 27)
    assert akhir_masa_bakti(dt.date(2025, 1, 1), 5) == dt.date(2029, 12, 31)


def test_end_before_start_is_refused_with_message_and_by_database(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, masa_selesai=dt.date(2023, 1, 1)))
    assert exc.value.message_dict["masa_selesai"] == ["Akhir masa jabatan harus sesudah awal masa jabatan."]
    lembaga = Lembaga(jenis=jenis("pokmas"), nama="Pokmas X", kelurahan=dua_wilayah["kel_a"], masa_bakti_mulai=dt.date(2024, 1, 1), masa_bakti_selesai=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=operator_a, lembaga=lembaga)
    assert "masa_bakti_selesai" in exc.value.message_dict
    assert Pengurus.objects.count() == 0 and Lembaga.objects.filter(nama="Pokmas X").count() == 0
    with pytest.raises(IntegrityError), transaction.atomic():
        Lembaga.objects.filter(pk=lpm.pk).update(masa_bakti_selesai=dt.date(2000, 1, 1))
    p = PengurusFactory(lembaga=lpm)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pengurus.objects.filter(pk=p.pk).update(masa_selesai=dt.date(2000, 1, 1))


def test_removal_before_start_is_refused(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nomor_sk_pemberhentian="1", tanggal_sk_pemberhentian=dt.date(2023, 1, 1)))
    assert "tanggal_sk_pemberhentian" in exc.value.message_dict


# --- NIK -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nik, lahir, jk, kata",
    [
        ("35740412038", None, "", "16 angka"),
        ("3574041203800012", dt.date(1980, 3, 13), "", "Tanggal lahir di NIK"),
        ("3574041203800012", None, "P", "Jenis kelamin di NIK"),
        ("3574049913800012", None, "", "bukan tanggal lahir"),
    ],
)
def test_bad_nik_is_refused(operator_a, dua_wilayah, nik, lahir, jk, kata):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik=nik, tanggal_lahir=lahir, jenis_kelamin=jk))
    assert kata in " ".join(exc.value.message_dict["nik"])
    assert Pengurus.objects.count() == 0


def test_nik_from_outside_the_region_needs_the_same_confirmation_as_for_cadres(operator_a, dua_wilayah):
    """One NIK rule set (wilayah.nik.periksa_nik): a prefix outside the region tree is refused on the
    confirmation box, and accepted once the operator confirms it (a newcomer), as for cadres."""
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    with pytest.raises(ValidationError) as exc:
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik="3578041203800012"))
    assert "bukan kode kecamatan di wilayah ini" in " ".join(exc.value.message_dict["nik_luar_wilayah"])
    assert Pengurus.objects.count() == 0
    p = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik="3578041203800012", nik_luar_wilayah=True))
    assert p.nik_luar_wilayah and Pengurus.objects.count() == 1


def test_valid_nik_is_cleaned_and_kept(operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    p = pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lpm, nik="3574 0452 0380 0012", tanggal_lahir=dt.date(1980, 3, 12), jenis_kelamin="P"))
    assert p.nik == "3574045203800012"


# --- institutions: RW/RT rules --------------------------------------------------------------------


def test_rw_institution_is_unique_per_rw_posyandu_is_not(operator_a, dua_wilayah):
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)
    lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("rw"), nama="RW 03", kelurahan=dua_wilayah["kel_a"], rw=rw))
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("rw"), nama="RW 03 lagi", kelurahan=dua_wilayah["kel_a"], rw=rw))
    assert "RW ini sudah mempunyai lembaga jenis ini." in pesan(exc.value)
    for nama in ("Posyandu Melati 1", "Posyandu Melati 2"):
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("posyandu"), nama=nama, kelurahan=dua_wilayah["kel_a"], rw=rw))
    assert Lembaga.objects.filter(rw=rw).count() == 3


def test_rt_institution_is_unique_per_rt_also_in_database(operator_a, dua_wilayah):
    rt = RTFactory(rw=RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=2), nomor=4)
    lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("rt"), nama="RT 04", kelurahan=dua_wilayah["kel_a"], rt=rt))
    lembaga = Lembaga.objects.get(nama="RT 04")
    assert lembaga.rw_id == rt.rw_id  # the RW follows from the RT
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("rt"), nama="RT 04 b", kelurahan=dua_wilayah["kel_a"], rt=rt))
    assert "RT ini sudah mempunyai lembaga jenis ini." in pesan(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Lembaga.objects.create(jenis=jenis("rt"), nama="RT 04 c", kelurahan=dua_wilayah["kel_a"], rw=rt.rw, rt=rt)
    # A dissolved one does not block a new one.
    Lembaga.objects.filter(pk=lembaga.pk).update(status="tidak_aktif")
    lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("rt"), nama="RT 04 baru", kelurahan=dua_wilayah["kel_a"], rt=rt))


def test_lpm_is_one_per_kelurahan(operator_a, dua_wilayah):
    lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("lpm"), nama="LPM", kelurahan=dua_wilayah["kel_a"]))
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("lpm"), nama="LPM 2", kelurahan=dua_wilayah["kel_a"]))
    assert "Kelurahan ini sudah mempunyai lembaga jenis ini." in pesan(exc.value)


def test_rw_from_another_kelurahan_is_refused(bappeda, dua_wilayah):
    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=1)
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=bappeda, lembaga=Lembaga(jenis=jenis("rw"), nama="RW 01", kelurahan=dua_wilayah["kel_a"], rw=rw_b))
    assert "bukan bagian dari kelurahan yang dipilih" in exc.value.message_dict["rw"][0]
    assert not Lembaga.objects.exists()


def test_type_per_rw_needs_an_rw(operator_a, dua_wilayah):
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("rw"), nama="RW ?", kelurahan=dua_wilayah["kel_a"]))
    assert "harus memilih RW" in exc.value.message_dict["rw"][0]


def test_operator_cannot_save_into_another_kelurahan(operator_a, dua_wilayah):
    with pytest.raises(ValidationError) as exc:
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=jenis("pokmas"), nama="Pokmas", kelurahan=dua_wilayah["kel_b"]))
    assert "di luar wilayah kerja" in pesan(exc.value)
    lembaga_b = LembagaFactory(kelurahan=dua_wilayah["kel_b"])
    with pytest.raises(ValidationError):
        pengurus_simpan(acting_user=operator_a, pengurus=pengurus(lembaga_b))
    assert not Pengurus.objects.exists()


def test_turning_one_per_region_on_checks_existing_institutions(operator_a, bappeda, dua_wilayah):
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=2)
    posyandu = jenis("posyandu")
    a = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=posyandu, rw=rw, nama="Posyandu Mawar")
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=posyandu, rw=rw, nama="Posyandu Melati")
    posyandu.satu_per_wilayah = True
    with pytest.raises(ValidationError) as exc:
        jenis_lembaga_simpan(acting_user=bappeda, jenis=posyandu)
    assert "Sudah ada 2 lembaga aktif jenis ini di Kebonsari Wetan RW 02" in pesan(exc.value)
    assert set(Lembaga.objects.values_list("satu_per_wilayah", flat=True)) == {False}
    Lembaga.objects.filter(pk=a.pk).update(status="tidak_aktif")
    jenis_lembaga_simpan(acting_user=bappeda, jenis=posyandu)
    assert set(Lembaga.objects.values_list("satu_per_wilayah", flat=True)) == {True}
    with pytest.raises(ValidationError):
        lembaga_simpan(acting_user=operator_a, lembaga=Lembaga(jenis=posyandu, nama="Posyandu Anggrek", kelurahan=dua_wilayah["kel_a"], rw=rw))
