"""Attendance (issue 13): ``services.kehadiran_catat`` records one day of many participants at once,
all or nothing, for the organiser only; completion is ``Peserta.objects.dengan_kehadiran()``."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Kehadiran, Peserta, StatusDiklat, StatusHadir
from tests.factories import make_user
from tests.pelatihan.factories import MULAI, diklat_di, hadir_semua, peserta_di, sesi_di
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

H, I, S, A = StatusHadir.HADIR, StatusHadir.IZIN, StatusHadir.SAKIT, StatusHadir.ALPA
HARI = [MULAI + datetime.timedelta(days=i) for i in range(3)]


@pytest.fixture
def diklat(dua_wilayah):
    return diklat_di(dua_wilayah["kel_a"], hari=3)


@pytest.fixture
def peserta(diklat, dua_wilayah):
    return [peserta_di(diklat, dua_wilayah["kel_a"], nama=f"Peserta {i}") for i in range(3)]


def catat(user, diklat, tanggal, status):
    return services.kehadiran_catat(acting_user=user, diklat=diklat, tanggal=tanggal, status_per_peserta=status)


def lulus(*peserta):
    return dict(Peserta.objects.filter(pk__in=[p.pk for p in peserta]).dengan_kehadiran().values_list("pk", "lulus"))


def hari_hadir(p):
    return Peserta.objects.filter(pk=p.pk).dengan_kehadiran().values_list("hari_hadir", flat=True).get()


def bersertifikat(p):
    Peserta.objects.filter(pk=p.pk).update(nomor_urut_sertifikat=1, nomor_sertifikat="001/DIKLAT/2025", kode_verifikasi="ABCDEFGHJKMN", sertifikat_terbit=timezone.now())
    p.refresh_from_db()
    return p


# --------------------------------------------------------------------------- recording a day


def test_one_save_records_the_day_for_every_participant_with_history(operator_a, diklat, peserta):
    hasil = catat(operator_a, diklat, HARI[0], {peserta[0].pk: H, peserta[1].pk: I, str(peserta[2].pk): A})
    assert (hasil.baru, hasil.diubah, hasil.tetap) == (3, 0, 0)
    assert dict(Kehadiran.objects.filter(tanggal=HARI[0]).values_list("peserta_id", "status")) == {peserta[0].pk: H, peserta[1].pk: I, peserta[2].pk: A}
    riwayat = Kehadiran.history.filter(tanggal=HARI[0])
    assert riwayat.count() == 3 and {r.history_user_id for r in riwayat} == {operator_a.pk}


def test_saving_again_changes_only_what_differs_and_the_same_save_is_idempotent(operator_a, diklat, peserta):
    status = {p.pk: H for p in peserta}
    catat(operator_a, diklat, HARI[0], status)
    ulang = catat(operator_a, diklat, HARI[0], status)
    assert (ulang.baru, ulang.diubah, ulang.tetap) == (0, 0, 3)
    assert Kehadiran.objects.count() == 3 and Kehadiran.history.count() == 3
    ubah = catat(operator_a, diklat, HARI[0], {**status, peserta[1].pk: S})
    assert (ubah.baru, ubah.diubah, ubah.tetap) == (0, 1, 2)
    assert Kehadiran.objects.get(peserta=peserta[1], tanggal=HARI[0]).status == S
    assert Kehadiran.objects.count() == 3 and Kehadiran.history.count() == 4
    assert Kehadiran.history.filter(peserta_id=peserta[1].pk, history_type="~").get().status == S


def test_a_day_outside_the_session_refuses_the_whole_day(operator_a, diklat, peserta):
    sebelum = MULAI - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        catat(operator_a, diklat, sebelum, {p.pk: H for p in peserta})
    assert "di luar hari diklat" in str(exc.value)
    with pytest.raises(ValidationError):
        catat(operator_a, diklat, HARI[-1] + datetime.timedelta(days=1), {p.pk: H for p in peserta})
    assert not Kehadiran.objects.exists() and not Kehadiran.history.exists()


def test_a_day_of_another_session_refuses_its_participants(operator_a, diklat, dua_wilayah):
    """A series: the day of the second session is outside the first session's participants' days."""
    sesi2 = sesi_di(diklat, mulai=MULAI + datetime.timedelta(days=10), hari=2, nama="Gelombang 2")
    p1 = peserta_di(diklat, dua_wilayah["kel_a"])
    p2 = peserta_di(diklat, dua_wilayah["kel_a"], sesi=sesi2)
    with pytest.raises(ValidationError, match="di luar hari diklat"):
        catat(operator_a, diklat, sesi2.tanggal_mulai, {p1.pk: H, p2.pk: H})
    assert not Kehadiran.objects.exists()
    catat(operator_a, diklat, sesi2.tanggal_mulai, {p2.pk: H})
    assert Kehadiran.objects.get().peserta_id == p2.pk


def test_a_future_day_is_refused(operator_a, dua_wilayah):
    hari_ini = timezone.localdate()
    diklat = diklat_di(dua_wilayah["kel_a"], mulai=hari_ini, hari=3)
    p = peserta_di(diklat, dua_wilayah["kel_a"])
    with pytest.raises(ValidationError, match="belum tiba"):
        catat(operator_a, diklat, hari_ini + datetime.timedelta(days=1), {p.pk: H})
    assert not Kehadiran.objects.exists()
    catat(operator_a, diklat, hari_ini, {p.pk: H})
    assert Kehadiran.objects.count() == 1


def test_a_participant_of_another_diklat_refuses_the_whole_save(operator_a, diklat, peserta, dua_wilayah):
    lain = peserta_di(diklat_di(dua_wilayah["kel_a"], judul="Diklat lain"), dua_wilayah["kel_a"])
    with pytest.raises(ValidationError, match="bukan peserta diklat ini"):
        catat(operator_a, diklat, HARI[0], {peserta[0].pk: H, lain.pk: H})
    with pytest.raises(ValidationError, match="bukan peserta diklat ini"):
        catat(operator_a, diklat, HARI[0], {peserta[0].pk: H, 999999: H})
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize("status", [{"abc": "hadir"}, {None: "hadir"}, {"1.5": "hadir"}, {"²": "hadir"}])
def test_ids_that_are_not_numbers_are_refused(operator_a, diklat, peserta, status):
    with pytest.raises(ValidationError, match="peserta tidak dikenal"):
        catat(operator_a, diklat, HARI[0], {peserta[0].pk: H, **status})
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize("status", ["hadirr", "", None, "HADIR", 1])
def test_an_unknown_status_is_refused(operator_a, diklat, peserta, status):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        catat(operator_a, diklat, HARI[0], {peserta[0].pk: H, peserta[1].pk: status})
    assert not Kehadiran.objects.exists()


def test_an_empty_day_is_refused(operator_a, diklat):
    with pytest.raises(ValidationError, match="Tidak ada peserta"):
        catat(operator_a, diklat, HARI[0], {})


# --------------------------------------------------------------------------- who records


def test_the_organisers_record_the_kelurahan_diklat(operator_a, camat_a, bappeda, diklat, peserta):
    for user in (operator_a, camat_a, bappeda):
        catat(user, diklat, HARI[0], {peserta[0].pk: H})
    assert Kehadiran.objects.count() == 1


def test_others_are_refused_and_nothing_is_written(dua_wilayah, walikota, diklat, peserta):
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    camat_b = make_user(CAMAT, kecamatan=dua_wilayah["kec_b"], username="camat_b")
    for user in (operator_b, camat_b, walikota):
        with pytest.raises(PermissionDenied):
            catat(user, diklat, HARI[0], {peserta[0].pk: H})
    assert not Kehadiran.objects.exists()


def test_an_operator_does_not_record_a_city_diklat_even_for_its_own_participants(operator_a, bappeda, dua_wilayah):
    """Viewing a city diklat's participants from one's kelurahan is not organising it."""
    kota = diklat_di()
    p = peserta_di(kota, dua_wilayah["kel_a"])
    with pytest.raises(PermissionDenied):
        catat(operator_a, kota, HARI[0], {p.pk: H})
    catat(bappeda, kota, HARI[0], {p.pk: H})
    assert Kehadiran.objects.count() == 1


def test_a_cancelled_diklat_takes_no_attendance(operator_a, diklat, peserta):
    diklat.status = StatusDiklat.BATAL
    diklat.save()
    with pytest.raises(ValidationError, match="dibatalkan"):
        catat(operator_a, diklat, HARI[0], {peserta[0].pk: H})
    assert not Kehadiran.objects.exists()


# --------------------------------------------------------------------------- completion


def test_completion_at_100_percent_needs_every_day(operator_a, diklat, peserta):
    a, b, c = peserta
    for h in HARI:
        catat(operator_a, diklat, h, {a.pk: H, b.pk: H if h != HARI[1] else S, c.pk: A})
    assert lulus(a, b, c) == {a.pk: True, b.pk: False, c.pk: False}
    assert (hari_hadir(a), hari_hadir(b), hari_hadir(c)) == (3, 2, 0)


@pytest.mark.parametrize("persen, lulus_dua_hari", [(66, True), (67, False), (34, True)])
def test_completion_at_a_lower_rate_counts_whole_days(operator_a, dua_wilayah, persen, lulus_dua_hari):
    """Present on at least ``persen`` percent of the days (``dengan_kehadiran``): 2 of 3 days is 66.7%,
    enough at 66% (2 days needed), not at 67% (2.01 days: 3 needed); at 34% one day is not enough
    (1.02 days: 2 needed)."""
    diklat = diklat_di(dua_wilayah["kel_a"], hari=3, persen_hadir_minimal=persen)
    a, b, c = (peserta_di(diklat, dua_wilayah["kel_a"]) for _ in range(3))
    catat(operator_a, diklat, HARI[0], {a.pk: H, b.pk: H, c.pk: H})
    catat(operator_a, diklat, HARI[1], {a.pk: H, b.pk: H, c.pk: I})
    catat(operator_a, diklat, HARI[2], {a.pk: H, b.pk: A, c.pk: A})
    assert lulus(a, b, c) == {a.pk: True, b.pk: lulus_dua_hari, c.pk: False}


def test_izin_and_sakit_are_not_present(operator_a, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"], hari=1)
    a = peserta_di(diklat, dua_wilayah["kel_a"])
    for status, hasil in ((I, False), (S, False), (A, False), (H, True)):
        catat(operator_a, diklat, MULAI, {a.pk: status})
        assert lulus(a) == {a.pk: hasil}


def test_nobody_completes_without_attendance(diklat, peserta):
    assert set(lulus(*peserta).values()) == {False}


# --------------------------------------------------------------------------- certificates are protected


def test_a_change_that_would_undo_a_certified_completion_is_refused(operator_a, diklat, peserta):
    a, b, _c = peserta
    hadir_semua(a)
    hadir_semua(b)
    bersertifikat(a)
    with pytest.raises(ValidationError, match="sudah bersertifikat") as exc:
        catat(operator_a, diklat, HARI[1], {a.pk: A, b.pk: A})
    assert a.nama in str(exc.value)
    # nothing of the day changed, not even the uncertified participant's row
    assert set(Kehadiran.objects.filter(tanggal=HARI[1]).values_list("status", flat=True)) == {H}
    assert not Kehadiran.history.filter(history_type="~").exists()
    # the uncertified participant alone may change; the certified one may be re-saved unchanged
    catat(operator_a, diklat, HARI[1], {a.pk: H, b.pk: A})
    assert Kehadiran.objects.get(peserta=b, tanggal=HARI[1]).status == A


def test_a_certified_participant_above_the_rate_may_lose_a_day_the_rate_does_not_need(operator_a, dua_wilayah):
    """The rule is completion, not "never change": at 66% of 3 days (2 days), a certified participant
    present on 3 days may be corrected to 2, not to 1."""
    diklat = diklat_di(dua_wilayah["kel_a"], hari=3, persen_hadir_minimal=66)
    a = bersertifikat(hadir_semua(peserta_di(diklat, dua_wilayah["kel_a"])))
    catat(operator_a, diklat, HARI[2], {a.pk: S})
    with pytest.raises(ValidationError, match="sudah bersertifikat"):
        catat(operator_a, diklat, HARI[1], {a.pk: S})
    assert hari_hadir(a) == 2


# --------------------------------------------------------------------------- a fixed number of statements


def _peserta_banyak(diklat, kelurahan, n):
    return [peserta_di(diklat, kelurahan, nama=f"Peserta Banyak {i}") for i in range(n)]


def _jumlah_statement(user, diklat, peserta, django_assert_max_num_queries, status):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        try:
            catat(user, diklat, HARI[0], {p.pk: status(i) for i, p in enumerate(peserta)})
        except ValidationError:
            pass
    return len(ctx.captured_queries)


def test_the_statement_count_does_not_grow_with_the_participants(operator_a, dua_wilayah, django_assert_max_num_queries):
    kecil, besar = diklat_di(dua_wilayah["kel_a"]), diklat_di(dua_wilayah["kel_a"], judul="Diklat besar")
    tiga, tiga_puluh = _peserta_banyak(kecil, dua_wilayah["kel_a"], 3), _peserta_banyak(besar, dua_wilayah["kel_a"], 30)
    catat(operator_a, kecil, HARI[1], {tiga[0].pk: H})  # permissions cached, as on a page
    # creating the day
    n_kecil = _jumlah_statement(operator_a, kecil, tiga, django_assert_max_num_queries, lambda i: H)
    with django_assert_max_num_queries(n_kecil):
        catat(operator_a, besar, HARI[0], {p.pk: H for p in tiga_puluh})
    # changing every row of it (certified ones among them, still complete: none here is certified)
    n_kecil = _jumlah_statement(operator_a, kecil, tiga, django_assert_max_num_queries, lambda i: I)
    with django_assert_max_num_queries(n_kecil):
        catat(operator_a, besar, HARI[0], {p.pk: I for p in tiga_puluh})
    assert Kehadiran.objects.filter(peserta__diklat=besar, status=I).count() == 30
    assert Kehadiran.history.filter(peserta_id__in=[p.pk for p in tiga_puluh]).count() == 60


def test_the_statement_count_with_certified_participants_does_not_grow(operator_a, dua_wilayah, django_assert_max_num_queries):
    kecil, besar = diklat_di(dua_wilayah["kel_a"]), diklat_di(dua_wilayah["kel_a"], judul="Diklat besar")
    tiga, tiga_puluh = _peserta_banyak(kecil, dua_wilayah["kel_a"], 3), _peserta_banyak(besar, dua_wilayah["kel_a"], 30)
    for i, p in enumerate(tiga + tiga_puluh):
        hadir_semua(p)
        Peserta.objects.filter(pk=p.pk).update(nomor_urut_sertifikat=1 + i, nomor_sertifikat=f"{i}/D", kode_verifikasi=f"KODE{i:08d}", sertifikat_terbit=timezone.now())
    catat(operator_a, kecil, HARI[0], {tiga[0].pk: H})
    n_kecil = _jumlah_statement(operator_a, kecil, tiga, django_assert_max_num_queries, lambda i: S)
    with django_assert_max_num_queries(n_kecil):
        with pytest.raises(ValidationError):
            catat(operator_a, besar, HARI[0], {p.pk: S for p in tiga_puluh})
