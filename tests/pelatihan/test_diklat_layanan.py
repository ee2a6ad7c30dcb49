"""The diklat services: each rule refused with a clear Indonesian message and nothing written, and who may
organise what (operator, camat, Bappeda, Kantor Wali Kota, a user without a scope)."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Diklat, Evaluasi, Instansi, JenisDiklat, Kehadiran, Materi, Narasumber, NilaiMateri, SesiDiklat, StatusDiklat
from tests.factories import UserFactory, make_user
from tests.pelatihan.factories import MULAI, diklat_di, instansi, narasumber, peserta_di, sesi_di
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


def potret():
    """Every pelatihan row as stored (a refused call writes nothing)."""
    return {m._meta.label: sorted(map(repr, m.objects.values_list())) for m in apps.get_app_config("pelatihan").get_models()}


def pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def diklat_baru(**kwargs) -> Diklat:
    kwargs.setdefault("judul", "Pembinaan LKK Kecamatan")
    kwargs.setdefault("jenis", JenisDiklat.PEMBINAAN)
    kwargs.setdefault("penyelenggara", instansi("DPMD"))
    kwargs.setdefault("sasaran", "Pengurus LKK")
    kwargs.setdefault("kuota", 30)
    return Diklat(**kwargs)


def sesi_baru(mulai=dt.date(2026, 3, 2), hari=2, **kwargs) -> SesiDiklat:
    return SesiDiklat(tempat=kwargs.pop("tempat", "Aula Kecamatan"), tanggal_mulai=mulai, tanggal_selesai=mulai + dt.timedelta(days=hari - 1), **kwargs)


def buat(user, **kwargs):
    sesi = kwargs.pop("sesi", None) or sesi_baru()
    return services.diklat_simpan(acting_user=user, diklat=diklat_baru(**kwargs), sesi=sesi, penyelenggara_lain=kwargs.pop("lain", None))


@pytest.fixture
def operator_b(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")


@pytest.fixture
def tanpa_lingkup(db):
    return UserFactory(username="tanpa_lingkup")


# --- creating a diklat with its first session ---------------------------------------------------


def test_diklat_baru_dicatat_bersama_sesi_pertamanya(bappeda):
    bkpsdm, dprd = instansi("BKPSDM"), instansi("Komisi II DPRD")
    diklat = services.diklat_simpan(
        acting_user=bappeda, diklat=diklat_baru(penyelenggara=bkpsdm, status=StatusDiklat.TERLAKSANA), sesi=sesi_baru(hari=3),
        penyelenggara_lain=[dprd, bkpsdm],
    )  # fmt: skip
    diklat.refresh_from_db()
    sesi = diklat.sesi_set.get()
    assert (sesi.tempat, sesi.jumlah_hari) == ("Aula Kecamatan", 3)
    assert (diklat.tanggal_mulai, diklat.tanggal_selesai) == (dt.date(2026, 3, 2), dt.date(2026, 3, 4))
    assert diklat.status == StatusDiklat.RENCANA, "a new diklat starts as planned whatever is sent"
    assert list(diklat.penyelenggara_lain.all()) == [dprd], "the organiser is not its own co-organiser"
    assert diklat.history.get().history_user == bappeda and sesi.history.get().history_user == bappeda


def test_diklat_baru_tanpa_sesi_ditolak(bappeda):
    with pytest.raises(ValidationError) as info:
        services.diklat_simpan(acting_user=bappeda, diklat=diklat_baru())
    assert "sesi pertamanya" in pesan(info.value)
    assert not Diklat.objects.exists()


def test_sesi_pertama_salah_tidak_menulis_diklat(bappeda):
    sebelum = potret()
    terbalik = SesiDiklat(tempat="Aula", tanggal_mulai=dt.date(2026, 3, 5), tanggal_selesai=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError) as info:
        buat(bappeda, sesi=terbalik)
    assert "sebelum tanggal mulai" in " ".join(info.value.message_dict["tanggal_selesai"])
    with pytest.raises(ValidationError) as info:
        buat(bappeda, sesi=sesi_baru(hari=40))
    assert "paling lama 31 hari" in " ".join(info.value.message_dict["tanggal_selesai"])
    # A wrong diklat and a wrong session: both are reported at once.
    with pytest.raises(ValidationError) as info:
        buat(bappeda, kuota=0, sesi=SesiDiklat(tempat="", tanggal_mulai=dt.date(2026, 3, 2), tanggal_selesai=dt.date(2026, 3, 2)))
    assert {"kuota", "tempat"} <= set(info.value.message_dict)
    assert potret() == sebelum


def test_operator_mencatat_diklat_kelurahannya_saja(operator_a, dua_wilayah):
    diklat = buat(operator_a, kelurahan=dua_wilayah["kel_a"])
    assert diklat.kecamatan == dua_wilayah["kec_a"], "the kecamatan of a kelurahan diklat is filled in"
    sebelum = potret()
    for cakupan in ({"kelurahan": dua_wilayah["kel_b"]}, {"kecamatan": dua_wilayah["kec_a"]}, {}):
        with pytest.raises(ValidationError) as info:
            buat(operator_a, **cakupan)
        assert "di luar wilayah kerja Anda" in pesan(info.value), cakupan
    assert potret() == sebelum


def test_camat_mencatat_diklat_kecamatannya_atau_kelurahannya(camat_a, dua_wilayah):
    kecamatan = buat(camat_a, kecamatan=dua_wilayah["kec_a"])
    kelurahan = buat(camat_a, kelurahan=dua_wilayah["kel_a"])
    assert (kecamatan.tingkat, kelurahan.tingkat) == ("kecamatan", "kelurahan")
    sebelum = potret()
    for cakupan in ({}, {"kecamatan": dua_wilayah["kec_b"]}, {"kelurahan": dua_wilayah["kel_b"]}):
        with pytest.raises(ValidationError) as info:
            buat(camat_a, **cakupan)
        assert "di luar wilayah kerja Anda" in pesan(info.value), cakupan
    assert potret() == sebelum


def test_kelurahan_di_kecamatan_lain_ditolak(bappeda, dua_wilayah):
    with pytest.raises(ValidationError) as info:
        buat(bappeda, kecamatan=dua_wilayah["kec_a"], kelurahan=dua_wilayah["kel_b"])
    assert "tidak berada di kecamatan" in " ".join(info.value.message_dict["kelurahan"])
    assert not Diklat.objects.exists()


def test_bappeda_mencatat_diklat_kota(bappeda):
    assert buat(bappeda).tingkat == "kota"


def test_wali_kota_dan_tanpa_lingkup_tidak_menulis(walikota, tanpa_lingkup, dua_wilayah):
    for user in (walikota, tanpa_lingkup):
        with pytest.raises(PermissionDenied):
            buat(user)
    diklat = diklat_di()
    for user in (walikota, tanpa_lingkup):
        with pytest.raises(PermissionDenied):
            services.diklat_ubah_status(acting_user=user, diklat=diklat, status=StatusDiklat.BATAL)
        with pytest.raises(PermissionDenied):
            services.sesi_simpan(acting_user=user, sesi=sesi_baru(diklat=diklat))
        with pytest.raises(PermissionDenied):
            services.narasumber_simpan(acting_user=user, narasumber=Narasumber(nama="Baru", instansi=instansi()))
    assert Diklat.objects.count() == 1 and SesiDiklat.objects.count() == 1 and Diklat.objects.get().status == StatusDiklat.PENDAFTARAN


# --- changing a diklat --------------------------------------------------------------------------


def test_kuota_tidak_boleh_di_bawah_peserta_terdaftar(bappeda, dua_wilayah):
    diklat = diklat_di(kuota=5)
    for _ in range(3):
        peserta_di(diklat, dua_wilayah["kel_a"])
    sebelum = potret()
    diklat.kuota = 2
    with pytest.raises(ValidationError) as info:
        services.diklat_simpan(acting_user=bappeda, diklat=diklat)
    assert "tidak boleh kurang dari peserta yang sudah terdaftar (3 orang)" in " ".join(info.value.message_dict["kuota"])
    assert potret() == sebelum
    diklat.kuota = 3
    services.diklat_simpan(acting_user=bappeda, diklat=diklat)
    assert Diklat.objects.get().kuota == 3


def test_ubah_diklat_tidak_mengubah_status_dan_tanggal(bappeda):
    diklat = diklat_di(status=StatusDiklat.RENCANA)
    diklat.status, diklat.tanggal_mulai, diklat.judul = StatusDiklat.TERLAKSANA, dt.date(2020, 1, 1), "Judul baru"
    services.diklat_simpan(acting_user=bappeda, diklat=diklat)
    diklat.refresh_from_db()
    assert (diklat.judul, diklat.status, diklat.tanggal_mulai) == ("Judul baru", StatusDiklat.RENCANA, MULAI)


def test_operator_tidak_memindahkan_diklat_ke_kelurahan_lain(operator_a, operator_b, camat_a, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"])
    diklat.kelurahan, diklat.kecamatan = dua_wilayah["kel_b"], dua_wilayah["kec_b"]
    with pytest.raises(ValidationError):
        services.diklat_simpan(acting_user=operator_a, diklat=diklat)
    assert Diklat.objects.get().kelurahan == dua_wilayah["kel_a"]
    diklat.refresh_from_db()
    diklat.judul = "Diubah"
    with pytest.raises(PermissionDenied):
        services.diklat_simpan(acting_user=operator_b, diklat=diklat)
    # A camat organises their kelurahan's diklat, not a city one they only see.
    services.diklat_simpan(acting_user=camat_a, diklat=diklat)
    kota = diklat_di()
    kota.judul = "Diubah"
    with pytest.raises(PermissionDenied):
        services.diklat_simpan(acting_user=camat_a, diklat=kota)
    with pytest.raises(PermissionDenied):
        services.diklat_simpan(acting_user=operator_a, diklat=kota)


# --- status -------------------------------------------------------------------------------------


def test_alur_status(bappeda):
    diklat = diklat_di(status=StatusDiklat.RENCANA)  # ended in May 2025
    assert services.status_tersedia(bappeda, diklat) == [StatusDiklat.PENDAFTARAN, StatusDiklat.BATAL]
    with pytest.raises(ValidationError) as info:
        services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status=StatusDiklat.TERLAKSANA)
    assert "Direncanakan tidak dapat diubah menjadi Terlaksana" in " ".join(info.value.message_dict["status"])
    diklat = services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status=StatusDiklat.PENDAFTARAN)
    assert services.status_tersedia(bappeda, diklat) == [StatusDiklat.TERLAKSANA, StatusDiklat.BATAL]
    diklat = services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status=StatusDiklat.TERLAKSANA)
    assert Diklat.objects.get().status == StatusDiklat.TERLAKSANA
    assert diklat.history.first().history_user == bappeda
    assert services.status_tersedia(bappeda, diklat) == []
    for status in StatusDiklat.values:
        with pytest.raises(ValidationError):
            services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status=status)
    with pytest.raises(ValidationError):
        services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status="tidak-ada")


@pytest.mark.parametrize("dari", [StatusDiklat.RENCANA, StatusDiklat.PENDAFTARAN])
def test_batal_dari_rencana_atau_pendaftaran_lalu_final(bappeda, dari):
    diklat = services.diklat_ubah_status(acting_user=bappeda, diklat=diklat_di(status=dari), status=StatusDiklat.BATAL)
    assert diklat.status == StatusDiklat.BATAL
    with pytest.raises(ValidationError):
        services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status=StatusDiklat.PENDAFTARAN)
    assert Diklat.objects.get().status == StatusDiklat.BATAL


def test_terlaksana_hanya_sesudah_hari_terakhir_lewat(bappeda):
    hari_ini = timezone.localdate()
    diklat = diklat_di(mulai=hari_ini - dt.timedelta(days=2), hari=3)  # its last day is today
    assert services.status_tersedia(bappeda, diklat) == [StatusDiklat.BATAL]
    with pytest.raises(ValidationError) as info:
        services.diklat_ubah_status(acting_user=bappeda, diklat=diklat, status=StatusDiklat.TERLAKSANA)
    assert "sesudah hari terakhirnya" in pesan(info.value)
    assert Diklat.objects.get().status == StatusDiklat.PENDAFTARAN


def test_status_hanya_oleh_penyelenggara(operator_a, operator_b, camat_a, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"], status=StatusDiklat.RENCANA)
    for user in (operator_b,):
        assert services.status_tersedia(user, diklat) == []
        with pytest.raises(PermissionDenied):
            services.diklat_ubah_status(acting_user=user, diklat=diklat, status=StatusDiklat.PENDAFTARAN)
    services.diklat_ubah_status(acting_user=operator_a, diklat=diklat, status=StatusDiklat.PENDAFTARAN)
    services.diklat_ubah_status(acting_user=camat_a, diklat=diklat, status=StatusDiklat.BATAL)
    assert Diklat.objects.get().status == StatusDiklat.BATAL
    kota = diklat_di(status=StatusDiklat.RENCANA)
    with pytest.raises(PermissionDenied):
        services.diklat_ubah_status(acting_user=camat_a, diklat=kota, status=StatusDiklat.BATAL)


# --- deleting -----------------------------------------------------------------------------------


def test_hapus_hanya_tanpa_peserta(bappeda, operator_a, dua_wilayah):
    kosong = diklat_di(dua_wilayah["kel_a"])
    Materi.objects.create(sesi=kosong.sesi_set.get(), judul="Materi", tanggal=MULAI)
    with pytest.raises(PermissionDenied):
        services.diklat_hapus(acting_user=operator_a, diklat=kosong)  # operators cancel, Bappeda deletes
    berpeserta = diklat_di()
    peserta_di(berpeserta, dua_wilayah["kel_a"])
    sebelum = potret()
    with pytest.raises(ValidationError) as info:
        services.diklat_hapus(acting_user=bappeda, diklat=berpeserta)
    assert "sudah mempunyai peserta tidak dapat dihapus" in pesan(info.value)
    assert potret() == sebelum
    services.diklat_hapus(acting_user=bappeda, diklat=kosong)
    assert list(Diklat.objects.all()) == [berpeserta]
    assert not Materi.objects.exists() and SesiDiklat.objects.filter(diklat=berpeserta).count() == 1


# --- sessions -----------------------------------------------------------------------------------


def test_sesi_menjaga_rentang_diklat(operator_a, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"], hari=1)  # 26 May 2025
    kedua = services.sesi_simpan(acting_user=operator_a, sesi=SesiDiklat(diklat=diklat, tempat="Kantor Kelurahan", tanggal_mulai=dt.date(2025, 6, 2), tanggal_selesai=dt.date(2025, 6, 3)))
    diklat.refresh_from_db()
    assert (diklat.tanggal_mulai, diklat.tanggal_selesai) == (MULAI, dt.date(2025, 6, 3))
    assert kedua.history.get().history_user == operator_a
    pertama = diklat.sesi_set.order_by("tanggal_mulai").first()
    pertama.tanggal_mulai = pertama.tanggal_selesai = dt.date(2025, 5, 20)
    services.sesi_simpan(acting_user=operator_a, sesi=pertama)
    diklat.refresh_from_db()
    assert diklat.tanggal_mulai == dt.date(2025, 5, 20)
    services.sesi_hapus(acting_user=operator_a, sesi=pertama)
    diklat.refresh_from_db()
    assert (diklat.tanggal_mulai, diklat.tanggal_selesai) == (dt.date(2025, 6, 2), dt.date(2025, 6, 3))


def test_sesi_dipersingkat_menolak_bila_kehadiran_atau_materi_di_luar(bappeda, dua_wilayah):
    diklat = diklat_di(hari=3)  # 26-28 May 2025
    sesi = diklat.sesi_set.get()
    peserta = peserta_di(diklat, dua_wilayah["kel_a"])
    Kehadiran.objects.create(peserta=peserta, tanggal=dt.date(2025, 5, 28))
    sebelum = potret()
    sesi.tanggal_selesai = dt.date(2025, 5, 27)
    with pytest.raises(ValidationError) as info:
        services.sesi_simpan(acting_user=bappeda, sesi=sesi)
    assert "Kehadiran peserta sudah dicatat pada 28 Mei 2025" in " ".join(info.value.message_dict["tanggal_selesai"])
    assert potret() == sebelum
    Kehadiran.objects.all().delete()
    Materi.objects.create(sesi=sesi, judul="Penyusunan RTL", tanggal=dt.date(2025, 5, 26))
    sesi.refresh_from_db()
    sesi.tanggal_mulai = dt.date(2025, 5, 27)
    with pytest.raises(ValidationError) as info:
        services.sesi_simpan(acting_user=bappeda, sesi=sesi)
    assert "Materi \"Penyusunan RTL\" dijadwalkan pada 26 Mei 2025" in " ".join(info.value.message_dict["tanggal_mulai"])
    assert SesiDiklat.objects.get().tanggal_mulai == MULAI and Diklat.objects.get().tanggal_mulai == MULAI


def test_sesi_tidak_pindah_diklat_dan_hanya_oleh_penyelenggara(operator_a, camat_a, dua_wilayah):
    milik = diklat_di(dua_wilayah["kel_a"])
    lain = diklat_di(dua_wilayah["kel_b"])
    sesi = lain.sesi_set.get()
    sesi.diklat = milik
    with pytest.raises(PermissionDenied):
        services.sesi_simpan(acting_user=operator_a, sesi=sesi)
    with pytest.raises(PermissionDenied):
        services.sesi_simpan(acting_user=operator_a, sesi=sesi_baru(diklat=lain))
    with pytest.raises(PermissionDenied):
        services.sesi_hapus(acting_user=operator_a, sesi=lain.sesi_set.get())
    with pytest.raises(PermissionDenied):
        services.sesi_simpan(acting_user=camat_a, sesi=sesi_baru(diklat=diklat_di()))  # a city diklat: seen, not organised
    assert SesiDiklat.objects.filter(diklat=lain).count() == 1 and SesiDiklat.objects.filter(diklat=milik).count() == 1


def test_sesi_berpeserta_atau_satu_satunya_tidak_dihapus(bappeda, dua_wilayah):
    diklat = diklat_di()
    with pytest.raises(ValidationError) as info:
        services.sesi_hapus(acting_user=bappeda, sesi=diklat.sesi_set.get())
    assert "satu-satunya sesi" in pesan(info.value)
    kedua = sesi_di(diklat, mulai=dt.date(2025, 6, 10), hari=1)
    peserta_di(diklat, dua_wilayah["kel_a"], sesi=kedua)
    with pytest.raises(ValidationError) as info:
        services.sesi_hapus(acting_user=bappeda, sesi=kedua)
    assert "sudah mempunyai peserta" in pesan(info.value)
    assert diklat.sesi_set.count() == 2


# --- modules ------------------------------------------------------------------------------------


def test_materi_harus_di_hari_sesi(operator_a, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"])
    sesi = diklat.sesi_set.get()
    with pytest.raises(ValidationError) as info:
        services.materi_simpan(acting_user=operator_a, materi=Materi(sesi=sesi, judul="Materi", tanggal=dt.date(2025, 6, 1), narasumber=narasumber()))
    assert "Hari materi harus di antara tanggal sesi" in " ".join(info.value.message_dict["tanggal"])
    assert not Materi.objects.exists()
    with pytest.raises(ValidationError) as info:
        services.materi_simpan(
            acting_user=operator_a,
            materi=Materi(sesi=sesi, judul="Strategi", tanggal=MULAI, jam_mulai=dt.time(9), jam_selesai=dt.time(8)),
        )
    assert "Jam selesai harus sesudah jam mulai" in pesan(info.value)
    materi = services.materi_simpan(acting_user=operator_a, materi=Materi(sesi=sesi, judul="Strategi", tanggal=MULAI, narasumber=narasumber()))
    assert materi.history.get().history_user == operator_a


def test_materi_hanya_oleh_penyelenggara_dan_tidak_pindah_diklat(operator_a, dua_wilayah):
    milik = diklat_di(dua_wilayah["kel_a"])
    lain = diklat_di(dua_wilayah["kel_b"])
    with pytest.raises(PermissionDenied):
        services.materi_simpan(acting_user=operator_a, materi=Materi(sesi=lain.sesi_set.get(), judul="X", tanggal=MULAI))
    materi = Materi.objects.create(sesi=lain.sesi_set.get(), judul="Milik lain", tanggal=MULAI)
    materi.sesi = milik.sesi_set.get()
    with pytest.raises(PermissionDenied):
        services.materi_simpan(acting_user=operator_a, materi=materi)
    with pytest.raises(PermissionDenied):
        services.materi_hapus(acting_user=operator_a, materi=materi)
    assert Materi.objects.get().sesi.diklat == lain


def test_materi_yang_sudah_dinilai_tidak_dihapus(bappeda, dua_wilayah):
    diklat = diklat_di()
    materi = Materi.objects.create(sesi=diklat.sesi_set.get(), judul="Materi", tanggal=MULAI)
    evaluasi = Evaluasi.objects.create(peserta=peserta_di(diklat, dua_wilayah["kel_a"]), nilai_umum=4)
    NilaiMateri.objects.create(evaluasi=evaluasi, materi=materi, nilai_materi=4)
    with pytest.raises(ValidationError) as info:
        services.materi_hapus(acting_user=bappeda, materi=materi)
    assert "sudah dinilai peserta" in pesan(info.value)
    NilaiMateri.objects.all().delete()
    services.materi_hapus(acting_user=bappeda, materi=materi)
    assert not Materi.objects.exists()


# --- speakers and institutions ------------------------------------------------------------------


def test_narasumber_sekali_per_instansi(camat_a, operator_a):
    bpsdm = instansi("BPSDM Jatim")
    pertama = services.narasumber_simpan(acting_user=camat_a, narasumber=Narasumber(nama="Dr. Hari Santoso", instansi=bpsdm))
    sebelum = potret()
    with pytest.raises(ValidationError) as info:
        services.narasumber_simpan(acting_user=camat_a, narasumber=Narasumber(nama="  dr.  HARI\u00a0santoso ", instansi=bpsdm))
    assert "sudah ada di daftar" in " ".join(info.value.message_dict["nama"])
    assert potret() == sebelum
    # The same name from another institution is another person; renaming into a duplicate is refused too.
    lain = services.narasumber_simpan(acting_user=camat_a, narasumber=Narasumber(nama="Dr. Hari Santoso", instansi=instansi("DPRD")))
    lain.instansi = bpsdm
    with pytest.raises(ValidationError):
        services.narasumber_simpan(acting_user=camat_a, narasumber=lain)
    assert Narasumber.objects.get(pk=lain.pk).instansi.singkatan == "DPRD"
    assert pertama.kunci_nama == "dr. hari santoso"
    with pytest.raises(PermissionDenied):  # operators choose from the directory
        services.narasumber_simpan(acting_user=operator_a, narasumber=Narasumber(nama="Baru", instansi=bpsdm))


def test_instansi_sekali(bappeda, camat_a, operator_a):
    services.instansi_simpan(acting_user=camat_a, instansi=Instansi(nama="Dinas Baru", singkatan="DB"))
    with pytest.raises(ValidationError) as info:
        services.instansi_simpan(acting_user=bappeda, instansi=Instansi(nama="Dinas Baru"))
    assert "nama" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        services.instansi_simpan(acting_user=operator_a, instansi=Instansi(nama="Dinas Lain"))
    assert list(Instansi.objects.filter(nama__in=["Dinas Baru", "Dinas Lain"]).values_list("nama", flat=True)) == ["Dinas Baru"]


def test_narasumber_ganda_yang_lolos_pemeriksaan_ditolak_database(camat_a, monkeypatch):
    """Two people adding the same speaker at once: the second save meets the database's constraint and
    gets the same message, not a 500."""
    bpsdm = instansi("BPSDM Jatim")
    services.narasumber_simpan(acting_user=camat_a, narasumber=Narasumber(nama="Dr. Hari Santoso", instansi=bpsdm))
    monkeypatch.setattr(Narasumber, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as info:
        services.narasumber_simpan(acting_user=camat_a, narasumber=Narasumber(nama="DR. HARI SANTOSO", instansi=bpsdm))
    assert "sudah ada di daftar" in " ".join(info.value.message_dict["nama"])
    assert Narasumber.objects.count() == 1
