"""The participant services (``pelatihan.services``): the one door for registering and editing,
cadres and board members copied by label, removal; every rule refuses with an Indonesian message
and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pelatihan import services
from pelatihan.models import Diklat, Peserta, StatusDiklat, UnsurPeserta
from tests.factories import make_user
from tests.kader.factories import KaderFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from tests.pelatihan.factories import diklat_di, hadir_semua, peserta_di, rencana_di, sesi_di
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


def orang(diklat, kelurahan=None, *, nama="Siti Aminah", **kwargs) -> Peserta:
    return Peserta(diklat=diklat, nama=nama, kelurahan=kelurahan, **kwargs)


def pesan(exc) -> str:
    return " ".join(exc.value.messages)


def test_bappeda_mendaftarkan_orang_baru_kecamatan_sesi_dan_kunci_diisi(bappeda, dua_wilayah):
    diklat = diklat_di()
    p = services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama="  Siti   Aminah "))
    p.refresh_from_db()
    assert p.kecamatan == dua_wilayah["kec_a"] and p.sesi == diklat.sesi_set.get()
    assert p.kunci_orang == f"siti aminah|kel{dua_wilayah['kel_a'].pk}"
    assert p.history.get().history_user == bappeda


def test_kuota_penuh_menolak_pendaftar_berikutnya(bappeda, dua_wilayah):
    diklat = diklat_di(kuota=2)
    for nama in ("Satu", "Dua"):
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama=nama))
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama="Tiga"))
    assert "Kuota diklat ini sudah penuh (2 peserta)" in pesan(exc)
    assert diklat.peserta_set.count() == 2


def test_kuota_diturunkan_menolak_baru_tetapi_data_lama_tetap_dapat_diubah(bappeda, dua_wilayah):
    diklat = diklat_di(kuota=3)
    terdaftar = [services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama=f"Orang {i}")) for i in range(3)]
    Diklat.objects.filter(pk=diklat.pk).update(kuota=2)
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama="Orang baru"))
    assert "sudah penuh (2 peserta)" in pesan(exc)
    ubah = Peserta.objects.get(pk=terdaftar[0].pk)
    ubah.jabatan = "Ketua LPM"
    services.peserta_simpan(acting_user=bappeda, peserta=ubah)
    assert Peserta.objects.get(pk=ubah.pk).jabatan == "Ketua LPM"


@pytest.mark.parametrize("nama_kedua", ["siti aminah", "SITI  AMINAH", " Siti\u00a0Aminah "])
def test_orang_sama_beda_huruf_atau_spasi_ditolak_dengan_namanya(bappeda, dua_wilayah, nama_kedua):
    diklat = diklat_di()
    services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"]))
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama=nama_kedua))
    assert exc.value.message_dict["nama"] == ["Siti Aminah (Kebonsari Wetan) sudah terdaftar sebagai peserta diklat ini; satu orang hanya sekali per diklat."]
    assert diklat.peserta_set.count() == 1


def test_nama_sama_dari_kelurahan_lain_atau_diklat_lain_boleh(bappeda, dua_wilayah):
    diklat, lain = diklat_di(), diklat_di()
    services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"]))
    services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_b"]))
    services.peserta_simpan(acting_user=bappeda, peserta=orang(lain, dua_wilayah["kel_a"]))
    assert Peserta.objects.count() == 3


def test_pelanggaran_unik_di_basis_data_menjadi_pesan_yang_menyebut_orangnya(bappeda, dua_wilayah, monkeypatch):
    """Two registrations that both passed the checks: the unique constraint decides, and the loser
    gets the same message, not an IntegrityError."""
    diklat = diklat_di()
    services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"]))

    def tanpa_pemeriksaan(obj, **kwargs):
        obj.save()
        return obj

    monkeypatch.setattr(services, "simpan_dalam_lingkup", tanpa_pemeriksaan)
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama="SITI AMINAH"))
    assert "sudah terdaftar sebagai peserta diklat ini" in exc.value.message_dict["nama"][0]
    assert diklat.peserta_set.count() == 1


def test_kader_disalin_dan_tidak_dapat_didaftarkan_dua_kali(bappeda, dua_wilayah):
    diklat = diklat_di()
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Wahyuni", jenis_kelamin="P", telepon="081234567890")
    p = services.peserta_dari_kader(acting_user=bappeda, diklat=diklat, kader=kader)
    assert (p.nama, p.jenis_kelamin, p.kelurahan, p.kecamatan, p.telepon, p.unsur, p.kader) == (
        "Wahyuni", "P", dua_wilayah["kel_a"], dua_wilayah["kec_a"], "081234567890", UnsurPeserta.KPM, kader,
    )
    assert p.lembaga_asal == "KPM Kelurahan Kebonsari Wetan"
    with pytest.raises(ValidationError) as exc:
        services.peserta_dari_kader(acting_user=bappeda, diklat=diklat, kader=kader.pk)
    assert "Wahyuni (Kebonsari Wetan) sudah terdaftar" in pesan(exc)
    # The same person entered by hand is the same person too.
    with pytest.raises(ValidationError):
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], nama="wahyuni"))
    assert diklat.peserta_set.count() == 1


def test_kader_nonaktif_atau_di_luar_lingkup_ditolak(operator_a, dua_wilayah):
    diklat = diklat_di()
    nonaktif = KaderFactory(kelurahan=dua_wilayah["kel_a"], status="nonaktif", tanggal_nonaktif=dt.date(2025, 1, 2), alasan_nonaktif="Pindah")
    with pytest.raises(ValidationError) as exc:
        services.peserta_dari_kader(acting_user=operator_a, diklat=diklat, kader=nonaktif)
    assert "KPM nonaktif" in pesan(exc)
    luar = KaderFactory(kelurahan=dua_wilayah["kel_b"])
    with pytest.raises(ValidationError) as exc:
        services.peserta_dari_kader(acting_user=operator_a, diklat=diklat, kader=luar)
    assert "tidak ditemukan di wilayah kerja Anda" in pesan(exc)
    assert not Peserta.objects.exists()


def test_pengurus_lkk_disalin_dengan_jabatan_dan_lembaganya(bappeda, dua_wilayah):
    diklat = diklat_di()
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_b"], jenis=jenis("lpm"), nama="LPM Ketapang")
    pengurus = PengurusFactory(lembaga=lembaga, nama="Sutrisno", jabatan="ketua", jenis_kelamin="L", telepon="081299998888")
    p = services.peserta_dari_pengurus(acting_user=bappeda, diklat=diklat, pengurus=pengurus)
    assert (p.nama, p.jabatan, p.lembaga_asal, p.kelurahan, p.unsur, p.pengurus, p.telepon) == (
        "Sutrisno", "Ketua", "LPM Ketapang", dua_wilayah["kel_b"], UnsurPeserta.LKK, pengurus, "081299998888",
    )
    with pytest.raises(ValidationError) as exc:
        services.peserta_dari_pengurus(acting_user=bappeda, diklat=diklat, pengurus=pengurus)
    assert "Sutrisno (Ketapang) sudah terdaftar" in pesan(exc)


def test_cakupan_diklat_kelurahan_menolak_orang_kelurahan_lain(bappeda, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"])
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_b"]))
    assert "Diklat ini hanya untuk Kelurahan Kebonsari Wetan" in pesan(exc)
    kecamatan = diklat_di(kecamatan=dua_wilayah["kec_a"])
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(kecamatan, dua_wilayah["kel_b"]))
    assert "Diklat ini hanya untuk Kecamatan Kanigaran" in pesan(exc)
    assert not Peserta.objects.exists()


def test_operator_hanya_mendaftarkan_orang_kelurahannya(operator_a, dua_wilayah):
    diklat = diklat_di()  # the city's, registration open
    services.peserta_simpan(acting_user=operator_a, peserta=orang(diklat, dua_wilayah["kel_a"]))
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=operator_a, peserta=orang(diklat, dua_wilayah["kel_b"], nama="Orang Ketapang"))
    assert exc.value.message_dict["kelurahan"] == ["Data ini di luar wilayah kerja Anda."]
    with pytest.raises(ValidationError):  # a kecamatan office is not the operator's kelurahan either
        services.peserta_simpan(acting_user=operator_a, peserta=orang(diklat, None, nama="Staf Kecamatan", kecamatan=dua_wilayah["kec_a"]))
    assert list(Peserta.objects.values_list("nama", flat=True)) == ["Siti Aminah"]


def test_pendaftaran_tertutup_hanya_penyelenggara_yang_mendaftarkan(operator_a, bappeda, dua_wilayah):
    diklat = diklat_di(status=StatusDiklat.RENCANA)
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=operator_a, peserta=orang(diklat, dua_wilayah["kel_a"]))
    assert "Pendaftaran diklat ini tidak sedang dibuka (status: Direncanakan)" in pesan(exc)
    services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"]))  # the organiser
    assert diklat.peserta_set.count() == 1


def test_operator_penyelenggara_diklat_kelurahannya_mendaftar_sebelum_dibuka(dua_wilayah, operator_a):
    diklat = diklat_di(dua_wilayah["kel_a"], status=StatusDiklat.RENCANA)
    services.peserta_simpan(acting_user=operator_a, peserta=orang(diklat, dua_wilayah["kel_a"]))
    assert diklat.peserta_set.count() == 1


def test_diklat_batal_menolak_siapa_pun(bappeda, operator_a, dua_wilayah):
    diklat = diklat_di(status=StatusDiklat.BATAL)
    for user in (bappeda, operator_a):
        with pytest.raises(ValidationError) as exc:
            services.peserta_simpan(acting_user=user, peserta=orang(diklat, dua_wilayah["kel_a"]))
        assert "Diklat ini dibatalkan" in pesan(exc)
    assert not Peserta.objects.exists()


def test_sesi_wajib_dipilih_bila_diklat_punya_beberapa_sesi(bappeda, dua_wilayah):
    diklat = diklat_di()
    kedua = sesi_di(diklat, mulai=dt.date(2025, 6, 2), nama="Kecamatan Kademangan")
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"]))
    assert exc.value.message_dict["sesi"] == ["Pilih sesi yang diikuti peserta."]
    lain = sesi_di(diklat_di(), mulai=dt.date(2025, 7, 1))
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], sesi=lain))
    assert "Sesi ini bukan sesi diklat ini." in pesan(exc)
    assert services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat, dua_wilayah["kel_a"], sesi=kedua)).sesi == kedua


def test_kantor_wali_kota_tidak_pernah_mendaftarkan(walikota, dua_wilayah):
    with pytest.raises(PermissionDenied):
        services.peserta_simpan(acting_user=walikota, peserta=orang(diklat_di(), dua_wilayah["kel_a"]))


def test_peserta_tidak_dapat_dipindah_ke_diklat_lain(bappeda, dua_wilayah):
    p = services.peserta_simpan(acting_user=bappeda, peserta=orang(diklat_di(), dua_wilayah["kel_a"]))
    lain = diklat_di()
    p.diklat = lain
    p.sesi = lain.sesi_set.get()
    with pytest.raises(ValidationError) as exc:
        services.peserta_simpan(acting_user=bappeda, peserta=p)
    assert "tidak dapat dipindah" in pesan(exc)


# --- removal ---------------------------------------------------------------------------------


def test_hapus_peserta_tanpa_catatan(bappeda, dua_wilayah):
    p = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    services.peserta_hapus(acting_user=bappeda, peserta=p)
    assert not Peserta.objects.exists()


@pytest.mark.parametrize("catatan,kata", [("hadir", "Kehadiran"), ("sertifikat", "sertifikat"), ("rencana", "rencana tindak lanjut")])
def test_hapus_ditolak_setelah_ada_kehadiran_sertifikat_atau_rencana(bappeda, dua_wilayah, catatan, kata):
    from django.utils import timezone

    p = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    if catatan == "hadir":
        hadir_semua(p)
    elif catatan == "sertifikat":
        Peserta.objects.filter(pk=p.pk).update(kode_verifikasi="ABCDEFGHJKMN", nomor_urut_sertifikat=1, nomor_sertifikat="1/X", sertifikat_terbit=timezone.now())
    else:
        rencana_di(dua_wilayah["kel_a"], peserta=p)
    with pytest.raises(ValidationError) as exc:
        services.peserta_hapus(acting_user=bappeda, peserta=Peserta.objects.get(pk=p.pk))
    assert kata in pesan(exc) and "tidak dapat dihapus" in pesan(exc)
    assert Peserta.objects.filter(pk=p.pk).exists()


def test_hapus_di_luar_lingkup_atau_oleh_wali_kota_ditolak(operator_a, walikota, dua_wilayah):
    p = peserta_di(diklat_di(), dua_wilayah["kel_b"])
    for user in (operator_a, walikota):
        with pytest.raises(PermissionDenied):
            services.peserta_hapus(acting_user=user, peserta=p)
    kedua = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="op_b")
    services.peserta_hapus(acting_user=kedua, peserta=p)
    assert not Peserta.objects.exists()
