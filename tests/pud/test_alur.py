"""The PUD workflow as a table: every step x every starting status x every role x round open/closed.

The expected answers are written out below as data (``BOLEH``), not read from ``pud.models.LANGKAH``:
a change to the workflow table that is not also made here fails these tests. A refused step changes
nothing (status, step log, decree number) and says why: ``ValidationError`` in Indonesian for someone
who sees the pengajuan, ``PermissionDenied`` for someone who does not. The buttons a page shows
(``services.langkah_tersedia``) are exactly the allowed steps (DHIS2-11981: no "unapprove" button
for someone who may not).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pud import services
from pud.models import LANGKAH, KategoriKosong, KategoriPUD, LangkahPUD, PengajuanPUD, PesertaFGD, Siklus, StatusSiklus, Usulan
from tests.factories import UserFactory, make_user
from tests.pud.factories import UMKMFactory, pengajuan_berstatus, pengajuan_di, siklus_terbuka
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN

AKSI = ("ajukan", "tarik", "verifikasi", "kembalikan", "batal_verifikasi", "tetapkan")
STATUS = ("draf", "diajukan", "dikembalikan", "diverifikasi", "ditetapkan")
PERAN = (
    "operator_kelurahan",  # Operator Kelurahan of the pengajuan's kelurahan
    "operator_lain",  # Operator Kelurahan of another kelurahan (another kecamatan)
    "camat_kecamatan",  # Camat of the pengajuan's kecamatan
    "camat_lain",  # Camat of another kecamatan
    "bappeda",
    "walikota",  # Kantor Wali Kota: reads everything, writes nothing
    "superuser",  # acts at city level only
    "tanpa_lingkup",  # in a role's group but without a scope row
)

#: (step, starting status, role) allowed while the round is open.
BOLEH_DIBUKA = {
    ("ajukan", "draf", "operator_kelurahan"),
    ("ajukan", "dikembalikan", "operator_kelurahan"),
    ("tarik", "diajukan", "operator_kelurahan"),
    ("verifikasi", "diajukan", "camat_kecamatan"),
    ("kembalikan", "diajukan", "camat_kecamatan"),
    ("batal_verifikasi", "diverifikasi", "camat_kecamatan"),
    ("tetapkan", "diverifikasi", "bappeda"),
    ("tetapkan", "diverifikasi", "superuser"),
}
#: ... and while it is closed: only the decree.
BOLEH_DITUTUP = {
    ("tetapkan", "diverifikasi", "bappeda"),
    ("tetapkan", "diverifikasi", "superuser"),
}
BOLEH = {True: BOLEH_DIBUKA, False: BOLEH_DITUTUP}

#: The status each step leads to.
KE = {"ajukan": "diajukan", "tarik": "draf", "verifikasi": "diverifikasi", "kembalikan": "dikembalikan", "batal_verifikasi": "diajukan", "tetapkan": "ditetapkan"}
#: The statuses each step starts from (for the expected refusal message).
DARI = {
    "ajukan": {"draf", "dikembalikan"},
    "tarik": {"diajukan"},
    "verifikasi": {"diajukan"},
    "kembalikan": {"diajukan"},
    "batal_verifikasi": {"diverifikasi"},
    "tetapkan": {"diverifikasi"},
}
#: The steps each role's permissions name (whatever the row's region).
IZIN_PERAN = {
    "operator_kelurahan": {"ajukan", "tarik"},
    "operator_lain": {"ajukan", "tarik"},
    "camat_kecamatan": {"verifikasi", "kembalikan", "batal_verifikasi"},
    "camat_lain": {"verifikasi", "kembalikan", "batal_verifikasi"},
    "bappeda": {"tetapkan"},
    "walikota": set(),
    "superuser": set(AKSI),
    "tanpa_lingkup": set(),
}
#: Roles that cannot see kelurahan A's pengajuan at all: PermissionDenied (a page answers 404).
TIDAK_MELIHAT = {"operator_lain", "camat_lain", "tanpa_lingkup"}

NOMOR = "100.3.3.3/45/KEP/425.012/2026"
CATATAN = "Catatan uji langkah"


@pytest.fixture
def pengguna(dua_wilayah):
    tanpa_lingkup = UserFactory(username="tanpa_lingkup")
    tanpa_lingkup.groups.add(Group.objects.get(name=OPERATOR_KELURAHAN), Group.objects.get(name=CAMAT))
    return {
        "operator_kelurahan": make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_a"),
        "operator_lain": make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="op_b"),
        "camat_kecamatan": make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_a"),
        "camat_lain": make_user(CAMAT, kecamatan=dua_wilayah["kec_b"], username="camat_b"),
        "bappeda": make_user(BAPPEDA, username="bappeda"),
        "walikota": make_user(KANTOR_WALI_KOTA, username="walikota"),
        "superuser": UserFactory(username="akar", is_superuser=True, is_staff=True),
        "tanpa_lingkup": tanpa_lingkup,
    }


def _siklus(dibuka: bool) -> Siklus:
    siklus = siklus_terbuka()
    if not dibuka:
        Siklus.objects.filter(pk=siklus.pk).update(status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
        siklus.refresh_from_db()
    return siklus


def _pengajuan(kelurahan, status, dibuka=True) -> PengajuanPUD:
    siklus = _siklus(dibuka)
    return pengajuan_berstatus(kelurahan, status, siklus=siklus)


def _ambil(user, pengajuan, aksi):
    return services.pengajuan_langkah(
        acting_user=user, pengajuan=pengajuan, aksi=aksi, catatan=CATATAN, nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate()
    )


def _pesan_penolakan(aksi, status, peran, dibuka) -> str:
    """The part of the refusal message that says why (for a role that sees the pengajuan)."""
    if aksi not in IZIN_PERAN[peran]:
        return "bukan wewenang peran Anda"
    if status == "ditetapkan":
        return "sudah ditetapkan dengan keputusan wali kota"
    if status not in DARI[aksi]:
        return "tidak dapat diambil pada status"
    if not dibuka and aksi != "tetapkan":
        return "sudah ditutup"
    return "bukan wewenang Anda untuk kelurahan ini"


def test_tabel_uji_mencakup_setiap_langkah():
    """A new step in LANGKAH must be added to this table too."""
    assert set(LANGKAH) == set(AKSI)
    assert {langkah.ke for langkah in LANGKAH.values()} <= set(STATUS)


class _Kembalikan(Exception):
    """Rolls one attempt back, so every (step, role) starts from the same pengajuan."""


def _coba(aksi, status, peran, dibuka, user, pengajuan) -> None:
    nomor_awal = pengajuan.nomor_keputusan
    jumlah_langkah = LangkahPUD.objects.count()
    sebelum = timezone.now()

    if (aksi, status, peran) in BOLEH[dibuka]:
        hasil = _ambil(user, pengajuan, aksi)
        pengajuan.refresh_from_db()
        assert pengajuan.status == KE[aksi] == hasil.status
        langkah = LangkahPUD.objects.get(pengajuan=pengajuan)
        assert (langkah.aksi, langkah.dari_status, langkah.ke_status, langkah.oleh_id) == (aksi, status, KE[aksi], user.pk)
        assert langkah.catatan == CATATAN
        assert sebelum <= langkah.pada <= timezone.now()
        if aksi == "tetapkan":
            assert (pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan) == (NOMOR, timezone.localdate())
        else:
            assert pengajuan.nomor_keputusan == nomor_awal
        return

    harapan = PermissionDenied if peran in TIDAK_MELIHAT else ValidationError
    with pytest.raises(harapan) as info:
        _ambil(user, pengajuan, aksi)
    if harapan is ValidationError:
        pesan = " ".join(info.value.messages)
        assert _pesan_penolakan(aksi, status, peran, dibuka) in pesan, pesan
    pengajuan.refresh_from_db()
    assert pengajuan.status == status
    assert pengajuan.nomor_keputusan == nomor_awal
    assert LangkahPUD.objects.count() == jumlah_langkah


@pytest.mark.django_db
@pytest.mark.parametrize("dibuka", [True, False], ids=["dibuka", "ditutup"])
@pytest.mark.parametrize("status", STATUS)
def test_setiap_langkah_setiap_status_setiap_peran(status, dibuka, pengguna, dua_wilayah):
    """Every step x every role on one pengajuan at ``status``; each attempt runs in a savepoint that is
    rolled back afterwards, so each starts from the same row (one world per status, not per attempt)."""
    pengajuan = _pengajuan(dua_wilayah["kel_a"], status, dibuka)
    for aksi in AKSI:
        for peran in PERAN:
            try:
                with transaction.atomic():
                    _coba(aksi, status, peran, dibuka, pengguna[peran], PengajuanPUD.objects.get(pk=pengajuan.pk))
                    raise _Kembalikan
            except _Kembalikan:
                pass
            except AssertionError as exc:
                raise AssertionError(f"{aksi} pada {status} oleh {peran} (putaran {'dibuka' if dibuka else 'ditutup'}): {exc}") from exc


@pytest.mark.django_db
@pytest.mark.parametrize("dibuka", [True, False], ids=["dibuka", "ditutup"])
@pytest.mark.parametrize("status", STATUS)
def test_tombol_langkah_dihitung_server_sama_dengan_tabel(status, dibuka, pengguna, dua_wilayah):
    pengajuan = _pengajuan(dua_wilayah["kel_a"], status, dibuka)
    for peran in PERAN:
        harapan = {aksi for (aksi, s, p) in BOLEH[dibuka] if s == status and p == peran}
        tersedia = services.langkah_tersedia(pengguna[peran], pengajuan)
        assert {langkah.kode for langkah in tersedia} == harapan, peran
        assert len(tersedia) == len(harapan), peran


@pytest.mark.django_db
def test_tombol_untuk_banyak_pengajuan_sama_dan_kueri_tetap(pengguna, dua_wilayah, django_assert_max_num_queries):
    from tests.factories import KelurahanFactory

    kec_a = dua_wilayah["kec_a"]
    daftar = [_pengajuan(dua_wilayah["kel_a"], "diajukan")]
    for i, status in enumerate(["draf", "diajukan", "diverifikasi", "dikembalikan", "ditetapkan"]):
        daftar.append(_pengajuan(KelurahanFactory(kode=f"35.74.04.{2001 + i}", kecamatan=kec_a), status))
    ids = [p.pk for p in daftar]
    for peran in PERAN:
        user = pengguna[peran]
        satu_per_satu = {p.pk: [lk.kode for lk in services.langkah_tersedia(user, p)] for p in daftar}
        user = type(user).objects.get(pk=user.pk)  # fresh caches: the count below includes the scope lookups
        with django_assert_max_num_queries(len(LANGKAH) + 4):
            banyak = services.langkah_tersedia_banyak(user, ids)
        assert {pk: [lk.kode for lk in v] for pk, v in banyak.items()} == satu_per_satu, peran
    camat = pengguna["camat_kecamatan"]
    assert [lk.kode for lk in services.langkah_tersedia_banyak(camat, ids)[daftar[0].pk]] == ["verifikasi", "kembalikan"]


# --- After the decree nothing changes -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("peran", ["operator_kelurahan", "camat_kecamatan", "bappeda", "superuser", "walikota"])
def test_setelah_ditetapkan_isi_tidak_dapat_diubah(peran, pengguna, dua_wilayah):
    user = pengguna[peran]
    pengajuan = _pengajuan(dua_wilayah["kel_a"], "ditetapkan")
    usulan = pengajuan.usulan_set.get(kategori=KategoriPUD.AGRO)
    peserta = PesertaFGD.objects.create(pengajuan=pengajuan, peran="lurah", nama="Lurah Uji")
    kosong = KategoriKosong.objects.create(pengajuan=pengajuan, kategori=KategoriPUD.KERAJINAN, alasan="Ada alternatif saja")
    kosong_lama = KategoriKosong.objects.count()
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    ditolak = (ValidationError, PermissionDenied)

    usulan.produk = "Diubah setelah penetapan"
    with pytest.raises(ditolak):
        services.usulan_simpan(acting_user=user, usulan=usulan)
    with pytest.raises(ditolak):
        services.usulan_simpan(acting_user=user, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="Baru"))
    with pytest.raises(ditolak):
        services.usulan_hapus(acting_user=user, usulan=usulan)
    baru = PengajuanPUD.objects.get(pk=pengajuan.pk)
    baru.tempat_fgd = "Tempat lain"
    with pytest.raises(ditolak):
        services.berita_acara_simpan(acting_user=user, pengajuan=baru)
    with pytest.raises(ditolak):
        services.peserta_simpan(acting_user=user, peserta=PesertaFGD(pengajuan=pengajuan, peran="lpm", nama="Ketua LPM"))
    with pytest.raises(ditolak):
        services.peserta_hapus(acting_user=user, peserta=peserta)
    with pytest.raises(ditolak):
        services.kategori_kosong_simpan(acting_user=user, kosong=KategoriKosong(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, alasan="Tidak ada"))
    with pytest.raises(ditolak):
        services.kategori_kosong_hapus(acting_user=user, kosong=kosong)
    for aksi in AKSI:
        with pytest.raises(ValidationError):
            _ambil(user, pengajuan, aksi)

    pengajuan.refresh_from_db()
    assert pengajuan.status == "ditetapkan" and pengajuan.tempat_fgd != "Tempat lain"
    assert Usulan.objects.filter(pengajuan=pengajuan).count() == 3
    assert Usulan.objects.get(pk=usulan.pk).produk != "Diubah setelah penetapan"
    assert list(PesertaFGD.objects.filter(pengajuan=pengajuan).values_list("nama", flat=True)) == ["Lurah Uji"]
    assert KategoriKosong.objects.count() == kosong_lama
    assert not LangkahPUD.objects.filter(pengajuan=pengajuan).exists()


@pytest.mark.django_db
def test_operator_setelah_ditetapkan_mendapat_pesan_jelas(pengguna, dua_wilayah):
    pengajuan = _pengajuan(dua_wilayah["kel_a"], "ditetapkan")
    usulan = pengajuan.usulan_set.first()
    with pytest.raises(ValidationError) as info:
        services.usulan_hapus(acting_user=pengguna["operator_kelurahan"], usulan=usulan)
    assert "tidak dapat diubah sekarang" in info.value.messages[0]
    with pytest.raises(ValidationError) as info:
        _ambil(pengguna["operator_kelurahan"], pengajuan, "tarik")
    assert "sudah ditetapkan" in info.value.messages[0]


# --- Undo only until the next level acts --------------------------------------------------------


@pytest.mark.django_db
def test_tarik_sebelum_verifikasi_lalu_ditolak_setelah_verifikasi(pengguna, dua_wilayah):
    operator, camat = pengguna["operator_kelurahan"], pengguna["camat_kecamatan"]
    pengajuan = _pengajuan(dua_wilayah["kel_a"], "draf")
    _ambil(operator, pengajuan, "ajukan")
    assert _ambil(operator, pengajuan, "tarik").status == "draf"
    _ambil(operator, pengajuan, "ajukan")
    _ambil(camat, pengajuan, "verifikasi")
    assert [lk.kode for lk in services.langkah_tersedia(operator, pengajuan)] == []
    with pytest.raises(ValidationError) as info:
        _ambil(operator, pengajuan, "tarik")
    assert "tidak dapat diambil pada status Diverifikasi" in info.value.messages[0]
    pengajuan.refresh_from_db()
    assert pengajuan.status == "diverifikasi"


@pytest.mark.django_db
def test_batal_verifikasi_sebelum_penetapan_lalu_ditolak_setelahnya(pengguna, dua_wilayah):
    camat, bappeda = pengguna["camat_kecamatan"], pengguna["bappeda"]
    pengajuan = _pengajuan(dua_wilayah["kel_a"], "diverifikasi")
    assert _ambil(camat, pengajuan, "batal_verifikasi").status == "diajukan"
    _ambil(camat, pengajuan, "verifikasi")
    _ambil(bappeda, pengajuan, "tetapkan")
    assert services.langkah_tersedia(camat, pengajuan) == []
    with pytest.raises(ValidationError) as info:
        _ambil(camat, pengajuan, "batal_verifikasi")
    assert "sudah ditetapkan" in info.value.messages[0]
    pengajuan.refresh_from_db()
    assert pengajuan.status == "ditetapkan"
    assert LangkahPUD.objects.filter(pengajuan=pengajuan).count() == 3


@pytest.mark.django_db
def test_selama_diajukan_kelurahan_tidak_mengubah_isi(pengguna, dua_wilayah):
    pengajuan = _pengajuan(dua_wilayah["kel_a"], "diajukan")
    usulan = pengajuan.usulan_set.first()
    usulan.alasan = "Diubah saat diajukan"
    with pytest.raises(ValidationError):
        services.usulan_simpan(acting_user=pengguna["operator_kelurahan"], usulan=usulan)
    assert Usulan.objects.get(pk=usulan.pk).alasan == ""


# --- The whole path: returned, corrected, resubmitted, verified, determined ---------------------


@pytest.mark.django_db
def test_dikembalikan_diperbaiki_diajukan_lagi_sampai_ditetapkan(pengguna, dua_wilayah):
    operator, camat, bappeda = pengguna["operator_kelurahan"], pengguna["camat_kecamatan"], pengguna["bappeda"]
    kelurahan = dua_wilayah["kel_a"]
    pengajuan = _pengajuan(kelurahan, "draf")

    services.pengajuan_langkah(acting_user=operator, pengajuan=pengajuan, aksi="ajukan")
    services.pengajuan_langkah(acting_user=camat, pengajuan=pengajuan, aksi="kembalikan", catatan="Usulan budaya belum sesuai; ganti.")
    pengajuan.refresh_from_db()
    assert pengajuan.status == "dikembalikan"
    assert {lk.kode for lk in services.langkah_tersedia(operator, pengajuan)} == {"ajukan"}

    # The kelurahan corrects: the old main becomes an alternative, a new main, a new place.
    lama = pengajuan.usulan_set.get(kategori=KategoriPUD.BUDAYA, utama=True)
    lama.utama = False
    services.usulan_simpan(acting_user=operator, usulan=lama)
    umkm = UMKMFactory(kelurahan=kelurahan, kategori=KategoriPUD.BUDAYA)
    services.usulan_simpan(acting_user=operator, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, umkm=umkm, produk="Batik Mangrove", utama=True))
    baru = PengajuanPUD.objects.get(pk=pengajuan.pk)
    baru.tempat_fgd = "Aula Kelurahan"
    services.berita_acara_simpan(acting_user=operator, pengajuan=baru)

    services.pengajuan_langkah(acting_user=operator, pengajuan=pengajuan, aksi="ajukan", catatan="Sudah diperbaiki.")
    services.pengajuan_langkah(acting_user=camat, pengajuan=pengajuan, aksi="verifikasi")
    tanggal = timezone.localdate()
    services.pengajuan_langkah(acting_user=bappeda, pengajuan=pengajuan, aksi="tetapkan", nomor_keputusan=NOMOR, tanggal_keputusan=tanggal)

    pengajuan.refresh_from_db()
    assert (pengajuan.status, pengajuan.tempat_fgd, pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan) == ("ditetapkan", "Aula Kelurahan", NOMOR, tanggal)
    assert list(Usulan.objects.ditetapkan().filter(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA).values_list("produk", flat=True)) == ["Batik Mangrove"]
    log = list(LangkahPUD.objects.filter(pengajuan=pengajuan).values_list("aksi", "dari_status", "ke_status", "oleh__username", "catatan"))
    assert log[:4] == [
        ("ajukan", "draf", "diajukan", "op_a", ""),
        ("kembalikan", "diajukan", "dikembalikan", "camat_a", "Usulan budaya belum sesuai; ganti."),
        ("ajukan", "dikembalikan", "diajukan", "op_a", "Sudah diperbaiki."),
        ("verifikasi", "diajukan", "diverifikasi", "camat_a", ""),
    ]
    assert log[4][:4] == ("tetapkan", "diverifikasi", "ditetapkan", "bappeda")
    assert NOMOR in log[4][4], "the decree step's note names the decree when none is written"
    # Each step is in the pengajuan's history with its user too.
    assert pengajuan.history.filter(history_user=camat, status="dikembalikan").exists()


@pytest.mark.django_db
def test_langkah_tidak_dikenal_ditolak(pengguna, dua_wilayah):
    pengajuan = _pengajuan(dua_wilayah["kel_a"], "draf")
    with pytest.raises(ValidationError) as info:
        _ambil(pengguna["superuser"], pengajuan, "hapus")
    assert "tidak dikenal" in info.value.messages[0]
    assert pengajuan_di(dua_wilayah["kel_a"]).status == "draf"


@pytest.mark.django_db
def test_penetapan_banyak_semua_atau_tidak_sama_sekali(pengguna, dua_wilayah):
    bappeda = pengguna["bappeda"]
    a = _pengajuan(dua_wilayah["kel_a"], "diverifikasi")
    b = _pengajuan(dua_wilayah["kel_b"], "diajukan")  # not yet verified
    with pytest.raises(ValidationError):
        services.tetapkan_banyak(acting_user=bappeda, pengajuan_ids=[a.pk, b.pk], nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate())
    a.refresh_from_db()
    assert a.status == "diverifikasi" and a.nomor_keputusan == ""
    assert not LangkahPUD.objects.exists()
    with pytest.raises(ValidationError):
        services.tetapkan_banyak(acting_user=bappeda, pengajuan_ids=[], nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate())
    assert services.tetapkan_banyak(acting_user=bappeda, pengajuan_ids=[a.pk, a.pk], nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate()) == 1
    assert PengajuanPUD.objects.get(pk=a.pk).status == "ditetapkan"
