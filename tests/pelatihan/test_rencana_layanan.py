"""The follow-up services: who adds and changes a commitment, and ``selesai_pada`` by its link."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pelatihan import services
from pelatihan.models import JenisTindakLanjut, RencanaTindakLanjut
from tests.factories import RWFactory
from tests.kader.factories import KaderFactory
from tests.pelatihan.factories import MULAI, diklat_di, peserta_di, rencana_di
from tests.wisata.factories import DestinasiFactory

pytestmark = pytest.mark.django_db
HARI_INI = dt.date(2025, 9, 1)


def baru(peserta, kelurahan, **kwargs):
    kwargs.setdefault("uraian", "Satu destinasi wisata di RW 03")
    kwargs.setdefault("tenggat", dt.date(2025, 12, 31))
    return RencanaTindakLanjut(peserta=peserta, kelurahan=kelurahan, **kwargs)


def simpan(user, rencana, **kwargs):
    kwargs.setdefault("hari_ini", HARI_INI)
    return services.rencana_simpan(acting_user=user, rencana=rencana, **kwargs)


@pytest.fixture
def peserta_a(dua_wilayah):
    return peserta_di(diklat_di(), dua_wilayah["kel_a"])


def test_camat_menambah_operator_tidak(camat_a, operator_a, walikota, peserta_a, dua_wilayah):
    r = simpan(camat_a, baru(peserta_a, dua_wilayah["kel_a"], jenis=JenisTindakLanjut.DESTINASI))
    assert r.pk and r.selesai_pada is None
    for user in (operator_a, walikota):
        with pytest.raises(PermissionDenied):
            simpan(user, baru(peserta_a, dua_wilayah["kel_a"]))
    assert RencanaTindakLanjut.objects.count() == 1


def test_peserta_di_luar_lingkup_ditolak(camat_a, dua_wilayah):
    luar = peserta_di(diklat_di(), dua_wilayah["kel_b"])
    with pytest.raises((PermissionDenied, ValidationError)):
        simpan(camat_a, baru(luar, dua_wilayah["kel_b"]))
    assert not RencanaTindakLanjut.objects.exists()


def test_kelurahan_harus_kelurahan_peserta(bappeda, peserta_a, dua_wilayah):
    with pytest.raises(ValidationError) as e:
        simpan(bappeda, baru(peserta_a, dua_wilayah["kel_b"]))
    assert "kelurahan" in e.value.message_dict


def test_tenggat_tidak_sebelum_diklat(bappeda, peserta_a, dua_wilayah):
    with pytest.raises(ValidationError) as e:
        simpan(bappeda, baru(peserta_a, dua_wilayah["kel_a"], tenggat=MULAI - dt.timedelta(days=1)))
    assert "tenggat" in e.value.message_dict


def test_operator_hanya_mencatat_perkembangan(operator_a, dua_wilayah):
    r = rencana_di(dua_wilayah["kel_a"], jenis=JenisTindakLanjut.LAINNYA)
    r.catatan = "Rapat RW sudah digelar."
    r.selesai_pada = dt.date(2025, 8, 20)
    simpan(operator_a, r)
    r.refresh_from_db()
    assert r.selesai_pada == dt.date(2025, 8, 20) and r.catatan
    r.tenggat = dt.date(2026, 6, 30)
    with pytest.raises(ValidationError):
        simpan(operator_a, r)
    r.refresh_from_db()
    assert r.tenggat == dt.date(2025, 12, 31)


def test_operator_kelurahan_lain_tidak_mengubah(dua_wilayah):
    from tests.factories import make_user
    from wilayah.roles import OPERATOR_KELURAHAN

    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"])
    r = rencana_di(dua_wilayah["kel_a"])
    r.catatan = "x"
    with pytest.raises(PermissionDenied):
        simpan(operator_b, r)


def test_destinasi_selesai_saat_ditautkan_dan_terbuka_lagi(operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=3)
    r = rencana_di(kel, jenis=JenisTindakLanjut.DESTINASI, rw=rw)
    d = DestinasiFactory(kelurahan=kel, rw=rw)
    r.destinasi = d
    simpan(operator_a, r)
    r.refresh_from_db()
    assert r.selesai_pada == HARI_INI
    # saved again later: keeps the day it was done
    services.rencana_simpan(acting_user=operator_a, rencana=r, hari_ini=HARI_INI + dt.timedelta(days=5))
    r.refresh_from_db()
    assert r.selesai_pada == HARI_INI
    r.destinasi = None
    simpan(operator_a, r)
    r.refresh_from_db()
    assert r.selesai_pada is None


def test_destinasi_rw_lain_atau_kelurahan_lain_ditolak(operator_a, bappeda, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw3 = RWFactory(kelurahan=kel, nomor=3)
    r = rencana_di(kel, jenis=JenisTindakLanjut.DESTINASI, rw=rw3)
    for d in (DestinasiFactory(kelurahan=kel, rw=RWFactory(kelurahan=kel, nomor=4)), DestinasiFactory(kelurahan=dua_wilayah["kel_b"])):
        r.destinasi = d
        with pytest.raises(ValidationError) as e:
            simpan(bappeda, r)
        assert "destinasi" in e.value.message_dict
    assert RencanaTindakLanjut.objects.get(pk=r.pk).destinasi_id is None


def test_destinasi_tanpa_rw_cukup_sekelurahan(operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r = rencana_di(kel, jenis=JenisTindakLanjut.DESTINASI)
    r.destinasi = DestinasiFactory(kelurahan=kel)
    simpan(operator_a, r)
    assert RencanaTindakLanjut.objects.get(pk=r.pk).selesai_pada == HARI_INI


def test_selesai_manual_hanya_untuk_lainnya(operator_a, dua_wilayah):
    r = rencana_di(dua_wilayah["kel_a"], jenis=JenisTindakLanjut.DESTINASI)
    r.selesai_pada = dt.date(2025, 8, 1)
    simpan(operator_a, r)
    assert RencanaTindakLanjut.objects.get(pk=r.pk).selesai_pada is None  # a destination, not a date, makes it done


def test_selesai_manual_tidak_di_masa_depan(operator_a, dua_wilayah):
    r = rencana_di(dua_wilayah["kel_a"], jenis=JenisTindakLanjut.LAINNYA)
    r.selesai_pada = HARI_INI + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        simpan(operator_a, r)
    assert "selesai_pada" in e.value.message_dict
    r.selesai_pada = MULAI - dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        simpan(operator_a, r)
    r.selesai_pada = None
    simpan(operator_a, r)
    assert RencanaTindakLanjut.objects.get(pk=r.pk).selesai_pada is None


def test_kader_selesai_saat_target_tercapai(operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r = rencana_di(kel, jenis=JenisTindakLanjut.KADER, target_jumlah=2, uraian="Dua KPM baru")
    k1, k2 = (KaderFactory(kelurahan=kel, tanggal_mulai=MULAI + dt.timedelta(days=30 + i)) for i in range(2))
    simpan(operator_a, r, kader_baru=[k1])
    r.refresh_from_db()
    assert r.selesai_pada is None and list(r.kader_baru.all()) == [k1]
    simpan(operator_a, r, kader_baru=[k1, k2])
    r.refresh_from_db()
    assert r.selesai_pada == HARI_INI and r.kader_baru.count() == 2
    simpan(operator_a, r)  # None keeps the linked cadres
    assert RencanaTindakLanjut.objects.get(pk=r.pk).kader_baru.count() == 2
    simpan(operator_a, r, kader_baru=[k2])
    r.refresh_from_db()
    assert r.selesai_pada is None


def test_kader_lama_atau_kelurahan_lain_tidak_dihitung(operator_a, bappeda, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r = rencana_di(kel, jenis=JenisTindakLanjut.KADER, target_jumlah=1, uraian="Satu KPM baru")
    lama = KaderFactory(kelurahan=kel, tanggal_mulai=MULAI - dt.timedelta(days=1))
    lain = KaderFactory(kelurahan=dua_wilayah["kel_b"], tanggal_mulai=MULAI + dt.timedelta(days=10))
    for k in (lama, lain):
        with pytest.raises(ValidationError) as e:
            simpan(bappeda, r, kader_baru=[k])
        assert "kader_baru" in e.value.message_dict
    hari_pertama = KaderFactory(kelurahan=kel, tanggal_mulai=MULAI)
    simpan(bappeda, r, kader_baru=[hari_pertama])
    assert RencanaTindakLanjut.objects.get(pk=r.pk).selesai_pada == HARI_INI


def test_kader_tidak_dihitung_dua_kali(bappeda, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r1 = rencana_di(kel, jenis=JenisTindakLanjut.KADER, target_jumlah=1, uraian="Satu KPM baru")
    r2 = rencana_di(kel, jenis=JenisTindakLanjut.KADER, target_jumlah=1, uraian="Satu KPM baru lagi")
    k = KaderFactory(kelurahan=kel, tanggal_mulai=MULAI + dt.timedelta(days=3))
    simpan(bappeda, r1, kader_baru=[k])
    with pytest.raises(ValidationError) as e:
        simpan(bappeda, r2, kader_baru=[k])
    assert "kader_baru" in e.value.message_dict


def test_kader_hanya_untuk_komitmen_kader(bappeda, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r = rencana_di(kel, jenis=JenisTindakLanjut.LAINNYA)
    with pytest.raises(ValidationError) as e:
        simpan(bappeda, r, kader_baru=[KaderFactory(kelurahan=kel, tanggal_mulai=MULAI)])
    assert "kader_baru" in e.value.message_dict


def test_hapus(camat_a, operator_a, dua_wilayah):
    r = rencana_di(dua_wilayah["kel_a"])
    with pytest.raises(PermissionDenied):
        services.rencana_hapus(acting_user=operator_a, rencana=r)
    services.rencana_hapus(acting_user=camat_a, rencana=r)
    assert not RencanaTindakLanjut.objects.exists()
    luar = rencana_di(dua_wilayah["kel_b"])
    with pytest.raises(PermissionDenied):
        services.rencana_hapus(acting_user=camat_a, rencana=luar)
