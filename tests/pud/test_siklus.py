"""The yearly round: Bappeda opens it (one draf pengajuan per kelurahan, the default rubric), closes and
reopens it, generates the FGD schedule (the real round: 29 kelurahan, 3 a day, 10 working days) and
moves single dates; the rubric's criteria."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from pud import services
from pud.models import KRITERIA_BAWAAN, KategoriPUD, KriteriaPUD, NilaiUsulan, PengajuanPUD, Siklus, StatusSiklus, Usulan
from tests.factories import UserFactory, make_user
from tests.pud.factories import UMKMFactory, pengajuan_berstatus, pengajuan_di, siklus_terbuka, usulan_di
from wilayah.models import Kelurahan
from wilayah.roles import CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN


def _hari_berikut(hari: int) -> dt.date:
    """The next ``hari`` (0 = Monday) strictly after today."""
    hari_ini = timezone.localdate()
    return hari_ini + dt.timedelta(days=(hari - hari_ini.weekday() - 1) % 7 + 1)


@pytest.fixture
def kota(db):
    """The real region tree: 5 kecamatan, 29 kelurahan."""
    call_command("muat_wilayah", verbosity=0)
    assert Kelurahan.objects.count() == 29


@pytest.fixture
def bukan_bappeda(dua_wilayah):
    return [
        make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_a"),
        make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_a"),
        make_user(KANTOR_WALI_KOTA, username="walikota"),
        UserFactory(username="tanpa_lingkup"),
    ]


# --- Opening -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_buka_putaran_satu_pengajuan_per_kelurahan_dan_rubrik_bawaan(kota, bappeda):
    siklus = services.siklus_buka(acting_user=bappeda, tahun=2027, batas_pengajuan=dt.date(2027, 3, 31))
    assert (siklus.status, siklus.nama, siklus.batas_pengajuan) == (StatusSiklus.DIBUKA, "Penetapan PUD 2027", dt.date(2027, 3, 31))
    pengajuan = PengajuanPUD.objects.filter(siklus=siklus)
    assert pengajuan.count() == 29
    assert set(pengajuan.values_list("kelurahan_id", flat=True)) == set(Kelurahan.objects.values_list("pk", flat=True))
    assert set(pengajuan.values_list("status", flat=True)) == {"draf"}
    assert list(KriteriaPUD.objects.filter(siklus=siklus).order_by("urutan").values_list("nama", "bobot")) == [(n, b) for n, _, b in KRITERIA_BAWAAN]
    assert siklus.history.first().history_user == bappeda


@pytest.mark.django_db
def test_putaran_kedua_yang_dibuka_ditolak(dua_wilayah, bappeda):
    services.siklus_buka(acting_user=bappeda, tahun=2026)
    with pytest.raises(ValidationError) as info:
        services.siklus_buka(acting_user=bappeda, tahun=2027)
    assert "Masih ada putaran PUD lain yang dibuka" in " ".join(info.value.messages)
    assert Siklus.objects.count() == 1
    assert PengajuanPUD.objects.count() == 2


@pytest.mark.django_db
def test_tahun_yang_sama_ditolak_walau_putarannya_ditutup(dua_wilayah, bappeda):
    siklus = services.siklus_buka(acting_user=bappeda, tahun=2026)
    services.siklus_tutup(acting_user=bappeda, siklus=siklus)
    with pytest.raises(ValidationError) as info:
        services.siklus_buka(acting_user=bappeda, tahun=2026)
    assert "tahun" in info.value.message_dict
    assert Siklus.objects.count() == 1 and KriteriaPUD.objects.count() == len(KRITERIA_BAWAAN)


@pytest.mark.django_db
@pytest.mark.parametrize("tahun", [1999, 2200])
def test_tahun_di_luar_rentang_ditolak(dua_wilayah, bappeda, tahun):
    with pytest.raises(ValidationError):
        services.siklus_buka(acting_user=bappeda, tahun=tahun)
    assert not Siklus.objects.exists() and not PengajuanPUD.objects.exists()


@pytest.mark.django_db
def test_hanya_bappeda_membuka_menutup_membuka_kembali(bukan_bappeda, bappeda):
    for user in bukan_bappeda:
        with pytest.raises(PermissionDenied):
            services.siklus_buka(acting_user=user, tahun=2027)
    assert not Siklus.objects.exists()
    siklus = services.siklus_buka(acting_user=bappeda, tahun=2027)
    for user in bukan_bappeda:
        with pytest.raises(PermissionDenied):
            services.siklus_tutup(acting_user=user, siklus=siklus)
    services.siklus_tutup(acting_user=bappeda, siklus=siklus)
    for user in bukan_bappeda:
        with pytest.raises(PermissionDenied):
            services.siklus_buka_kembali(acting_user=user, siklus=siklus)
    assert Siklus.objects.get().status == StatusSiklus.DITUTUP


# --- Closing and reopening ------------------------------------------------------------------------


@pytest.mark.django_db
def test_tutup_dan_buka_kembali(dua_wilayah, bappeda, operator_a):
    siklus = services.siklus_buka(acting_user=bappeda, tahun=2026)
    tutup = services.siklus_tutup(acting_user=bappeda, siklus=siklus)
    assert tutup.status == StatusSiklus.DITUTUP and tutup.ditutup_pada is not None
    with pytest.raises(ValidationError) as info:
        services.siklus_tutup(acting_user=bappeda, siklus=siklus)
    assert "sudah ditutup" in info.value.messages[0]

    # Closed: the kelurahan no longer edits or submits.
    pengajuan = PengajuanPUD.objects.get(siklus=siklus, kelurahan=dua_wilayah["kel_a"])
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="X", utama=True))
    assert "putarannya masih dibuka" in info.value.messages[0]

    buka = services.siklus_buka_kembali(acting_user=bappeda, siklus=siklus)
    assert buka.status == StatusSiklus.DIBUKA and buka.ditutup_pada is None
    with pytest.raises(ValidationError) as info:
        services.siklus_buka_kembali(acting_user=bappeda, siklus=siklus)
    assert "masih dibuka" in info.value.messages[0]
    services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="X", utama=True))


@pytest.mark.django_db
def test_buka_kembali_ditolak_selama_putaran_lain_dibuka(dua_wilayah, bappeda):
    lama = services.siklus_buka(acting_user=bappeda, tahun=2025)
    services.siklus_tutup(acting_user=bappeda, siklus=lama)
    baru = services.siklus_buka(acting_user=bappeda, tahun=2026)
    with pytest.raises(ValidationError) as info:
        services.siklus_buka_kembali(acting_user=bappeda, siklus=lama)
    assert "Masih ada putaran PUD lain yang dibuka" in info.value.messages[0]
    assert Siklus.objects.get(pk=lama.pk).status == StatusSiklus.DITUTUP
    assert Siklus.objects.get(pk=baru.pk).status == StatusSiklus.DIBUKA


# --- The schedule ---------------------------------------------------------------------------------


def test_usulan_jadwal_29_kelurahan_3_sehari_10_hari_kerja():
    rabu = dt.date(2026, 10, 7)  # a Wednesday: the run crosses a weekend
    hari = services.jadwal_usulan(mulai=rabu, kelurahan_per_hari=3, jumlah=29)
    assert len(hari) == 29
    berbeda = sorted(set(hari))
    assert len(berbeda) == 10
    assert all(h.weekday() < 5 for h in hari)
    assert hari == sorted(hari)
    assert [hari.count(h) for h in berbeda] == [3] * 9 + [2]
    assert berbeda[0] == rabu and berbeda[-1] == dt.date(2026, 10, 20)  # 10 working days: 7-9, 12-16, 19-20
    assert dt.date(2026, 10, 10) not in hari and dt.date(2026, 10, 11) not in hari


def test_usulan_jadwal_mulai_akhir_pekan_pindah_ke_senin():
    assert services.jadwal_usulan(mulai=dt.date(2026, 10, 10), kelurahan_per_hari=2, jumlah=3) == [dt.date(2026, 10, 12)] * 2 + [dt.date(2026, 10, 13)]
    assert services.jadwal_usulan(mulai=dt.date(2026, 10, 10), kelurahan_per_hari=2, jumlah=0) == []


@pytest.mark.parametrize("per_hari", [0, -1])
def test_usulan_jadwal_minimal_satu_kelurahan_sehari(per_hari):
    with pytest.raises(ValidationError) as info:
        services.jadwal_usulan(mulai=dt.date(2026, 10, 7), kelurahan_per_hari=per_hari, jumlah=29)
    assert "kelurahan_per_hari" in info.value.message_dict


@pytest.mark.django_db
def test_jadwal_buat_kota_29_kelurahan_per_kecamatan_urut_kode(kota, bappeda):
    siklus = services.siklus_buka(acting_user=bappeda, tahun=2027)
    mulai = _hari_berikut(2)  # a Wednesday
    assert services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=mulai, kelurahan_per_hari=3, tempat="Aula Bappeda") == 29

    baris = list(PengajuanPUD.objects.filter(siklus=siklus).values_list("kelurahan__kecamatan__kode", "kelurahan__kode", "jadwal_fgd", "jadwal_tempat"))
    hari = [b[2] for b in baris]
    assert None not in hari
    assert len(set(hari)) == 10
    assert all(h.weekday() < 5 for h in hari)
    assert min(hari) == mulai
    assert max(hari) == mulai + dt.timedelta(days=13)  # 10 working days from a Wednesday: two weekends crossed
    assert {b[3] for b in baris} == {"Aula Bappeda"}
    # Kecamatan by kecamatan in code order, kelurahan in code order within: the dates never go back.
    urut_kode = sorted(baris, key=lambda b: (b[0], b[1]))
    assert [b[2] for b in urut_kode] == sorted(hari)
    per_hari = {}
    for b in urut_kode:
        per_hari.setdefault(b[2], []).append(b)
    assert [len(v) for _, v in sorted(per_hari.items())] == [3] * 9 + [2]


@pytest.mark.django_db
def test_jadwal_buat_melewati_yang_sudah_mengajukan_dan_putaran_tertutup(dua_wilayah, bappeda):
    siklus = siklus_terbuka()
    draf = pengajuan_di(dua_wilayah["kel_a"])
    diajukan = pengajuan_berstatus(dua_wilayah["kel_b"], "diajukan")
    senin = _hari_berikut(0)
    assert services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=senin) == 1
    draf.refresh_from_db()
    diajukan.refresh_from_db()
    assert (draf.jadwal_fgd, diajukan.jadwal_fgd) == (senin, None)

    Siklus.objects.filter(pk=siklus.pk).update(status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
    with pytest.raises(ValidationError) as info:
        services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=senin + dt.timedelta(days=7))
    assert "Tidak ada kelurahan yang dapat dijadwalkan" in info.value.messages[0]
    draf.refresh_from_db()
    assert draf.jadwal_fgd == senin


@pytest.mark.django_db
def test_jadwal_buat_mulai_sebelum_hari_ini_ditolak(dua_wilayah, bappeda):
    siklus = siklus_terbuka()
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    with pytest.raises(ValidationError) as info:
        services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=timezone.localdate() - dt.timedelta(days=1))
    assert "mulai" in info.value.message_dict
    pengajuan.refresh_from_db()
    assert pengajuan.jadwal_fgd is None
    # Today itself is fine (moved to Monday when it is a weekend day).
    assert services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=timezone.localdate()) == 1


@pytest.mark.django_db
def test_jadwal_buat_hanya_bappeda(dua_wilayah, bukan_bappeda):
    siklus = siklus_terbuka()
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    for user in bukan_bappeda:
        with pytest.raises((ValidationError, PermissionDenied)):
            services.jadwal_buat(acting_user=user, siklus=siklus, mulai=_hari_berikut(0))
    pengajuan.refresh_from_db()
    assert pengajuan.jadwal_fgd is None


@pytest.mark.django_db
def test_jadwal_ubah(dua_wilayah, bappeda, bukan_bappeda):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    selasa = _hari_berikut(1)
    services.jadwal_ubah(acting_user=bappeda, pengajuan=pengajuan, jadwal_fgd=selasa, jadwal_tempat="Kantor Kelurahan")
    pengajuan.refresh_from_db()
    assert (pengajuan.jadwal_fgd, pengajuan.jadwal_tempat) == (selasa, "Kantor Kelurahan")
    assert pengajuan.history.first().history_user == bappeda

    for sabtu_minggu in (_hari_berikut(5), _hari_berikut(6)):
        with pytest.raises(ValidationError) as info:
            services.jadwal_ubah(acting_user=bappeda, pengajuan=pengajuan, jadwal_fgd=sabtu_minggu)
        assert "akhir pekan" in " ".join(info.value.message_dict["jadwal_fgd"])
    for user in bukan_bappeda:
        with pytest.raises(PermissionDenied):
            services.jadwal_ubah(acting_user=user, pengajuan=pengajuan, jadwal_fgd=selasa + dt.timedelta(days=1))
    pengajuan.refresh_from_db()
    assert pengajuan.jadwal_fgd == selasa

    services.jadwal_ubah(acting_user=bappeda, pengajuan=pengajuan, jadwal_fgd=None)
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).jadwal_fgd is None


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["diajukan", "diverifikasi", "ditetapkan"])
def test_jadwal_tidak_diubah_setelah_kelurahan_mengajukan(dua_wilayah, bappeda, status):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], status)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.jadwal_ubah(acting_user=bappeda, pengajuan=pengajuan, jadwal_fgd=_hari_berikut(1))
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).jadwal_fgd is None


@pytest.mark.django_db
def test_jadwal_dapat_diubah_lagi_setelah_dikembalikan(dua_wilayah, bappeda):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], "dikembalikan")
    services.jadwal_ubah(acting_user=bappeda, pengajuan=pengajuan, jadwal_fgd=_hari_berikut(1))
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).jadwal_fgd == _hari_berikut(1)


# --- The rubric -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_kriteria_simpan(dua_wilayah, bappeda, bukan_bappeda):
    siklus = siklus_terbuka()
    baru = services.kriteria_simpan(acting_user=bappeda, kriteria=KriteriaPUD(siklus=siklus, nama="Kemasan", bobot=2, urutan=7))
    assert KriteriaPUD.objects.filter(siklus=siklus, nama="Kemasan", bobot=2).exists()

    with pytest.raises(ValidationError) as info:
        services.kriteria_simpan(acting_user=bappeda, kriteria=KriteriaPUD(siklus=siklus, nama="Kemasan", bobot=1))
    assert "sudah ada di putaran ini" in " ".join(info.value.messages)
    for bobot in (0, 11):
        with pytest.raises(ValidationError) as info:
            services.kriteria_simpan(acting_user=bappeda, kriteria=KriteriaPUD(siklus=siklus, nama=f"Bobot {bobot}", bobot=bobot))
        assert "bobot" in info.value.message_dict
    for user in bukan_bappeda:
        with pytest.raises(PermissionDenied):
            services.kriteria_simpan(acting_user=user, kriteria=KriteriaPUD(siklus=siklus, nama="Lain", bobot=1))
    assert KriteriaPUD.objects.filter(siklus=siklus).count() == len(KRITERIA_BAWAAN) + 1

    # Unscored: the weight may change. Scored: the name may, the weight not.
    baru.bobot = 3
    services.kriteria_simpan(acting_user=bappeda, kriteria=baru)
    usulan = usulan_di(pengajuan_di(dua_wilayah["kel_a"]), KategoriPUD.AGRO)
    NilaiUsulan.objects.create(usulan=usulan, kriteria=baru, skor=4)
    baru.bobot = 5
    with pytest.raises(ValidationError) as info:
        services.kriteria_simpan(acting_user=bappeda, kriteria=baru)
    assert "sudah dinilai" in " ".join(info.value.message_dict["bobot"])
    assert KriteriaPUD.objects.get(pk=baru.pk).bobot == 3
    baru.bobot, baru.nama = 3, "Kemasan dan label"
    services.kriteria_simpan(acting_user=bappeda, kriteria=baru)
    assert KriteriaPUD.objects.get(pk=baru.pk).nama == "Kemasan dan label"


@pytest.mark.django_db
def test_dua_pembukaan_bersamaan_yang_kalah_mendapat_pesan(dua_wilayah, bappeda, monkeypatch):
    """Two Bappeda users open the year's round at once: both pass the Python checks, the database's
    unique constraint refuses the second save; it gets a message, not an IntegrityError."""
    Siklus.objects.create(tahun=2027, nama="Dibuka lebih dulu", status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
    asli = Siklus.full_clean
    panggilan = []

    def lolos_sekali(self, *args, **kwargs):
        panggilan.append(1)
        if len(panggilan) == 1:
            return None  # the check ran before the other user's round was committed
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(Siklus, "full_clean", lolos_sekali)
    with pytest.raises(ValidationError) as exc:
        services.siklus_buka(acting_user=bappeda, tahun=2027)
    assert exc.value.message_dict == {"tahun": ["Putaran PUD dengan Tahun telah ada."]}
    assert Siklus.objects.filter(tahun=2027).count() == 1 and not PengajuanPUD.objects.filter(siklus__tahun=2027).exists()


@pytest.mark.django_db
def test_buka_putaran_mencatat_riwayat_rubrik_dan_pengajuan(dua_wilayah, bappeda):
    siklus = services.siklus_buka(acting_user=bappeda, tahun=2026)
    assert KriteriaPUD.history.filter(siklus_id=siklus.pk, history_user=bappeda).count() == len(KRITERIA_BAWAAN)
    assert PengajuanPUD.history.filter(siklus_id=siklus.pk, history_user=bappeda).count() == Kelurahan.objects.count()
