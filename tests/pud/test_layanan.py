"""Bad input to the PUD services: each is refused with a clear (Indonesian) message and nothing is written.

The issue's list: a second main nomination in a category, a submission without the signed berita acara
(or FGD date, or a category neither chosen nor declared empty), returning without a reason, a decree
without number or date, a UMKM of another kelurahan, a category declared empty while it has a main
nomination (and the other way round), scores outside 1..5 or on another round's criterion; Kantor Wali
Kota never writes. And the UMKM's NIK and NIB rules through ``umkm_simpan``.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pud import services
from pud.models import (
    UMKM,
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    LangkahPUD,
    NilaiUsulan,
    PengajuanPUD,
    PesertaFGD,
    Siklus,
    StatusSiklus,
    Usulan,
)
from tests.factories import make_user
from tests.pud.factories import TANGGAL_FGD, UMKMFactory, beri_berita_acara, pengajuan_berstatus, pengajuan_di, siklus_terbuka, usulan_di
from wilayah.roles import BAPPEDA, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN

NOMOR = "100.3.3.3/45/KEP/425.012/2026"


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _potret():
    """Every PUD row as stored (to show that a refused call wrote nothing)."""
    hasil = {}
    for model in apps.get_app_config("pud").get_models():
        hasil[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return hasil


# --- Main nominations ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_usulan_utama_kedua_ditolak_dengan_pesan_tanpa_menulis(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    pertama = usulan_di(pengajuan, KategoriPUD.AGRO)
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    sebelum = _potret()
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="Sari apel", utama=True))
    assert "sudah punya usulan utama" in _pesan(info.value)
    assert "utama" in info.value.message_dict
    assert _potret() == sebelum

    # The same UMKM as an alternative is fine; turning that alternative into a second main is not.
    alternatif = services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="Sari apel"))
    alternatif.utama = True
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=alternatif)
    assert "sudah punya usulan utama" in _pesan(info.value)
    assert list(Usulan.objects.filter(pengajuan=pengajuan, utama=True).values_list("pk", flat=True)) == [pertama.pk]

    # Swapping: the old main becomes an alternative first, then the other one is main.
    pertama.utama = False
    services.usulan_simpan(acting_user=operator_a, usulan=pertama)
    alternatif.utama = True
    services.usulan_simpan(acting_user=operator_a, usulan=alternatif)
    assert list(Usulan.objects.filter(pengajuan=pengajuan, utama=True).values_list("pk", flat=True)) == [alternatif.pk]


@pytest.mark.django_db
def test_umkm_yang_sama_dua_kali_di_satu_kategori_ditolak(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    pertama = usulan_di(pengajuan, KategoriPUD.AGRO)
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=pertama.umkm, produk="Lagi"))
    assert "sudah diusulkan" in _pesan(info.value)
    assert Usulan.objects.count() == 1


@pytest.mark.django_db
def test_umkm_kelurahan_lain_ditolak_walau_idnya_dikirim(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    umkm_lain = UMKMFactory(kelurahan=dua_wilayah["kel_b"])
    sebelum = _potret()
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm_id=umkm_lain.pk, produk="Tempe", utama=True))
    assert "bukan UMKM kelurahan yang mengusulkan" in " ".join(info.value.message_dict["umkm"])
    # ... nor by changing a stored nomination's UMKM.
    usulan = usulan_di(pengajuan, KategoriPUD.KERAJINAN)
    sebelum = _potret()
    usulan.umkm_id = umkm_lain.pk
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=usulan)
    assert "umkm" in info.value.message_dict
    assert _potret() == sebelum


@pytest.mark.django_db
def test_umkm_kelurahan_lain_ditolak_oleh_model_juga():
    """The model's own rule (for a writer who sees every UMKM: import, admin)."""
    from tests.factories import KelurahanFactory

    pengajuan = pengajuan_di(KelurahanFactory())
    usulan = Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=UMKMFactory(kelurahan=KelurahanFactory()), produk="X")
    with pytest.raises(ValidationError) as info:
        usulan.full_clean()
    assert "umkm" in info.value.message_dict


@pytest.mark.django_db
def test_usulan_tidak_dapat_dipindah_ke_pengajuan_lain(operator_a, dua_wilayah):
    usulan = usulan_di(pengajuan_di(dua_wilayah["kel_a"]), KategoriPUD.AGRO)
    pengajuan_lain = pengajuan_di(dua_wilayah["kel_b"])
    usulan.pengajuan_id = pengajuan_lain.pk
    with pytest.raises(PermissionDenied):
        services.usulan_simpan(acting_user=operator_a, usulan=usulan)
    assert Usulan.objects.get(pk=usulan.pk).pengajuan.kelurahan == dua_wilayah["kel_a"]


# --- Declared empty categories --------------------------------------------------------------------


@pytest.mark.django_db
def test_kategori_kosong_dan_usulan_utama_saling_meniadakan(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    usulan_di(pengajuan, KategoriPUD.AGRO)
    with pytest.raises(ValidationError) as info:
        services.kategori_kosong_simpan(acting_user=operator_a, kosong=KategoriKosong(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, alasan="Tidak ada UMKM agro"))
    assert "Agro sudah punya usulan utama" in _pesan(info.value)
    assert not KategoriKosong.objects.exists()

    services.kategori_kosong_simpan(acting_user=operator_a, kosong=KategoriKosong(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, alasan="Belum ada UMKM budaya"))
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"], kategori=KategoriPUD.BUDAYA)
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, umkm=umkm, produk="Tari", utama=True))
    assert "Budaya dinyatakan tanpa usulan" in _pesan(info.value)
    assert not Usulan.objects.filter(kategori=KategoriPUD.BUDAYA).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("alasan", ["", "   "])
def test_kategori_kosong_tanpa_alasan_ditolak(operator_a, dua_wilayah, alasan):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    with pytest.raises(ValidationError) as info:
        services.kategori_kosong_simpan(acting_user=operator_a, kosong=KategoriKosong(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, alasan=alasan))
    assert "alasan" in info.value.message_dict
    assert not KategoriKosong.objects.exists()


@pytest.mark.django_db
def test_kategori_kosong_kelurahan_lain_tidak_dapat_diambil_alih(operator_a, dua_wilayah):
    """A forged pk of another kelurahan's row, sent with the operator's own pengajuan, changes nothing."""
    milik_b = KategoriKosong.objects.create(pengajuan=pengajuan_di(dua_wilayah["kel_b"]), kategori=KategoriPUD.AGRO, alasan="Asli B")
    palsu = KategoriKosong(pk=milik_b.pk, pengajuan=pengajuan_di(dua_wilayah["kel_a"]), kategori=KategoriPUD.AGRO, alasan="Diambil A")
    palsu._state.adding = False
    with pytest.raises(PermissionDenied):
        services.kategori_kosong_simpan(acting_user=operator_a, kosong=palsu)
    with pytest.raises(PermissionDenied):
        services.kategori_kosong_hapus(acting_user=operator_a, kosong=palsu)
    milik_b.refresh_from_db()
    assert (milik_b.pengajuan.kelurahan, milik_b.alasan) == (dua_wilayah["kel_b"], "Asli B")


@pytest.mark.django_db
def test_peserta_kelurahan_lain_tidak_dapat_dihapus_lewat_pengajuan_sendiri(operator_a, dua_wilayah):
    milik_b = PesertaFGD.objects.create(pengajuan=pengajuan_di(dua_wilayah["kel_b"]), peran="lurah", nama="Lurah B")
    palsu = PesertaFGD(pk=milik_b.pk, pengajuan=pengajuan_di(dua_wilayah["kel_a"]), peran="lurah", nama="Lurah B")
    with pytest.raises(PermissionDenied):
        services.peserta_hapus(acting_user=operator_a, peserta=palsu)
    with pytest.raises(PermissionDenied):
        services.peserta_simpan(acting_user=operator_a, peserta=palsu)
    assert PesertaFGD.objects.filter(pk=milik_b.pk, nama="Lurah B", pengajuan__kelurahan=dua_wilayah["kel_b"]).exists()


# --- Scores -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("skor", [0, 6, -1, None, "x", ""])
def test_skor_di_luar_1_sampai_5_ditolak_tanpa_menulis(operator_a, dua_wilayah, skor):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    kriteria = list(KriteriaPUD.objects.filter(siklus=pengajuan.siklus))
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    nilai = {k.pk: 3 for k in kriteria} | {kriteria[0].pk: skor}
    with pytest.raises(ValidationError) as info:
        services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="Keripik", utama=True), nilai=nilai)
    assert "Skor harus 1 sampai 5" in _pesan(info.value)
    assert not Usulan.objects.exists() and not NilaiUsulan.objects.exists()


@pytest.mark.django_db
def test_skor_untuk_kriteria_putaran_lain_ditolak(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    lama = Siklus.objects.create(tahun=2025, nama="PUD 2025", status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
    kriteria_lama = KriteriaPUD.objects.create(siklus=lama, nama="Kriteria lama", bobot=2)
    usulan = usulan_di(pengajuan, KategoriPUD.AGRO)
    with pytest.raises(ValidationError):
        services.usulan_simpan(acting_user=operator_a, usulan=usulan, nilai={kriteria_lama.pk: 4})
    assert not NilaiUsulan.objects.exists()


@pytest.mark.django_db
def test_skor_sah_disimpan_dan_diubah(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    k1, k2, *_ = KriteriaPUD.objects.filter(siklus=pengajuan.siklus)
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    usulan = services.usulan_simpan(acting_user=operator_a, usulan=Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk="Keripik", utama=True), nilai={k1.pk: 1, k2.pk: 5})
    assert dict(usulan.nilai_set.values_list("kriteria_id", "skor")) == {k1.pk: 1, k2.pk: 5}
    services.usulan_simpan(acting_user=operator_a, usulan=usulan, nilai={k1.pk: 4})
    assert dict(usulan.nilai_set.values_list("kriteria_id", "skor")) == {k1.pk: 4}


# --- Submitting, returning, determining ---------------------------------------------------------


@pytest.mark.django_db
def test_pengajuan_tanpa_kelengkapan_ditolak_dan_pesannya_menyebut_yang_kurang(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    with pytest.raises(ValidationError) as info:
        services.pengajuan_langkah(acting_user=operator_a, pengajuan=pengajuan, aksi="ajukan")
    pesan = info.value.messages
    assert any("tanggal FGD" in p for p in pesan)
    assert any("berita acara" in p for p in pesan)
    for label in ("Agro", "Kerajinan", "Budaya"):
        assert any(f"Kategori {label}" in p for p in pesan), pesan
    assert len(pesan) == 5

    # The date and the scan given, agro and kerajinan chosen, budaya neither chosen nor declared empty.
    beri_berita_acara(pengajuan)
    usulan_di(pengajuan, KategoriPUD.AGRO)
    usulan_di(pengajuan, KategoriPUD.KERAJINAN)
    usulan_di(pengajuan, KategoriPUD.BUDAYA, utama=False)  # an alternative alone is not enough
    with pytest.raises(ValidationError) as info:
        services.pengajuan_langkah(acting_user=operator_a, pengajuan=pengajuan, aksi="ajukan")
    assert len(info.value.messages) == 1 and "Kategori Budaya" in info.value.messages[0]
    pengajuan.refresh_from_db()
    assert pengajuan.status == "draf" and not LangkahPUD.objects.exists()

    # Declared empty with a reason: complete.
    services.kategori_kosong_simpan(acting_user=operator_a, kosong=KategoriKosong(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, alasan="Belum ada"))
    assert services.pengajuan_langkah(acting_user=operator_a, pengajuan=pengajuan, aksi="ajukan").status == "diajukan"


@pytest.mark.django_db
def test_pengajuan_tanpa_pindaian_atau_tanpa_tanggal_ditolak(operator_a, dua_wilayah):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], "draf")
    PengajuanPUD.objects.filter(pk=pengajuan.pk).update(berita_acara="")
    with pytest.raises(ValidationError) as info:
        services.pengajuan_langkah(acting_user=operator_a, pengajuan=pengajuan, aksi="ajukan")
    assert info.value.messages == ["Unggah pindaian berita acara FGD yang sudah ditandatangani."]
    beri_berita_acara(pengajuan)
    PengajuanPUD.objects.filter(pk=pengajuan.pk).update(tanggal_fgd=None)
    with pytest.raises(ValidationError) as info:
        services.pengajuan_langkah(acting_user=operator_a, pengajuan=pengajuan, aksi="ajukan")
    assert info.value.messages == ["Isi tanggal FGD dilaksanakan."]
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).status == "draf"


@pytest.mark.django_db
@pytest.mark.parametrize("aksi,status", [("kembalikan", "diajukan"), ("batal_verifikasi", "diverifikasi")])
@pytest.mark.parametrize("catatan", ["", "  \n "])
def test_kembalikan_atau_batal_verifikasi_tanpa_alasan_ditolak(camat_a, dua_wilayah, aksi, status, catatan):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], status)
    with pytest.raises(ValidationError) as info:
        services.pengajuan_langkah(acting_user=camat_a, pengajuan=pengajuan, aksi=aksi, catatan=catatan)
    assert "Tulis alasannya" in " ".join(info.value.message_dict["catatan"])
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).status == status
    assert not LangkahPUD.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nomor,tanggal,kolom,potongan",
    [
        ("", "hari_ini", "nomor_keputusan", "Isi nomor keputusan"),
        ("   ", "hari_ini", "nomor_keputusan", "Isi nomor keputusan"),
        (NOMOR, None, "tanggal_keputusan", "Isi tanggal keputusan"),
        (NOMOR, "besok", "tanggal_keputusan", "tidak boleh di masa depan"),
        (NOMOR, "sebelum_fgd", "tanggal_keputusan", "sebelum tanggal FGD"),
    ],
)
def test_penetapan_tanpa_nomor_atau_tanggal_sah_ditolak(bappeda, dua_wilayah, nomor, tanggal, kolom, potongan):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], "diverifikasi")
    tanggal = {
        "hari_ini": timezone.localdate(),
        "besok": timezone.localdate() + dt.timedelta(days=1),
        "sebelum_fgd": TANGGAL_FGD - dt.timedelta(days=1),
        None: None,
    }[tanggal]
    with pytest.raises(ValidationError) as info:
        services.pengajuan_langkah(acting_user=bappeda, pengajuan=pengajuan, aksi="tetapkan", nomor_keputusan=nomor, tanggal_keputusan=tanggal)
    assert potongan in " ".join(info.value.message_dict[kolom])
    pengajuan.refresh_from_db()
    assert (pengajuan.status, pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan) == ("diverifikasi", "", None)
    assert not LangkahPUD.objects.exists()


# --- Kantor Wali Kota never writes --------------------------------------------------------------


def _setiap_layanan(user, dua_wilayah):
    """Every writing service, called by ``user`` on rows of kelurahan A, as (name, thunk)."""
    kel = dua_wilayah["kel_a"]
    siklus = siklus_terbuka()
    draf = pengajuan_di(kel)
    usulan = usulan_di(draf, KategoriPUD.AGRO)
    peserta = PesertaFGD.objects.create(pengajuan=draf, peran="lurah", nama="Lurah")
    kosong = KategoriKosong.objects.create(pengajuan=draf, kategori=KategoriPUD.BUDAYA, alasan="Belum ada")
    kriteria = KriteriaPUD.objects.filter(siklus=siklus).first()
    umkm = usulan.umkm
    from tests.factories import KelurahanFactory

    diverifikasi = pengajuan_berstatus(KelurahanFactory(kode="35.74.04.1009", kecamatan=dua_wilayah["kec_a"]), "diverifikasi")
    diajukan = pengajuan_berstatus(KelurahanFactory(kode="35.74.04.1008", kecamatan=dua_wilayah["kec_a"]), "diajukan")
    hari_kerja = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())  # next Monday
    umkm.nama_usaha = "Diubah"
    kriteria.bobot = 9
    draf.tempat_fgd = "Diubah"
    usulan.produk = "Diubah"
    return [
        ("umkm_simpan baru", lambda: services.umkm_simpan(acting_user=user, umkm=UMKM(nama_usaha="Baru", pemilik_nama="P", alamat="A", kelurahan=kel, kategori="agro", produk="X"))),
        ("umkm_simpan ubah", lambda: services.umkm_simpan(acting_user=user, umkm=umkm)),
        ("siklus_buka", lambda: services.siklus_buka(acting_user=user, tahun=2027)),
        ("siklus_tutup", lambda: services.siklus_tutup(acting_user=user, siklus=siklus)),
        ("siklus_buka_kembali", lambda: services.siklus_buka_kembali(acting_user=user, siklus=siklus)),
        ("kriteria_simpan baru", lambda: services.kriteria_simpan(acting_user=user, kriteria=KriteriaPUD(siklus=siklus, nama="Baru", bobot=1))),
        ("kriteria_simpan ubah", lambda: services.kriteria_simpan(acting_user=user, kriteria=kriteria)),
        ("jadwal_buat", lambda: services.jadwal_buat(acting_user=user, siklus=siklus, mulai=hari_kerja)),
        ("jadwal_ubah", lambda: services.jadwal_ubah(acting_user=user, pengajuan=draf, jadwal_fgd=hari_kerja)),
        ("berita_acara_simpan", lambda: services.berita_acara_simpan(acting_user=user, pengajuan=draf)),
        ("peserta_simpan", lambda: services.peserta_simpan(acting_user=user, peserta=PesertaFGD(pengajuan=draf, peran="lpm", nama="LPM"))),
        ("peserta_hapus", lambda: services.peserta_hapus(acting_user=user, peserta=peserta)),
        ("kategori_kosong_simpan", lambda: services.kategori_kosong_simpan(acting_user=user, kosong=KategoriKosong(pengajuan=draf, kategori=KategoriPUD.KERAJINAN, alasan="X"))),
        ("kategori_kosong_hapus", lambda: services.kategori_kosong_hapus(acting_user=user, kosong=kosong)),
        ("usulan_simpan baru", lambda: services.usulan_simpan(acting_user=user, usulan=Usulan(pengajuan=draf, kategori=KategoriPUD.KERAJINAN, umkm=umkm, produk="X"))),
        ("usulan_simpan ubah", lambda: services.usulan_simpan(acting_user=user, usulan=usulan)),
        ("usulan_hapus", lambda: services.usulan_hapus(acting_user=user, usulan=usulan)),
        ("ajukan", lambda: services.pengajuan_langkah(acting_user=user, pengajuan=draf, aksi="ajukan")),
        ("tarik", lambda: services.pengajuan_langkah(acting_user=user, pengajuan=diajukan, aksi="tarik")),
        ("verifikasi", lambda: services.pengajuan_langkah(acting_user=user, pengajuan=diajukan, aksi="verifikasi")),
        ("kembalikan", lambda: services.pengajuan_langkah(acting_user=user, pengajuan=diajukan, aksi="kembalikan", catatan="X")),
        ("batal_verifikasi", lambda: services.pengajuan_langkah(acting_user=user, pengajuan=diverifikasi, aksi="batal_verifikasi", catatan="X")),
        ("tetapkan", lambda: services.pengajuan_langkah(acting_user=user, pengajuan=diverifikasi, aksi="tetapkan", nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate())),
        ("tetapkan_banyak", lambda: services.tetapkan_banyak(acting_user=user, pengajuan_ids=[diverifikasi.pk], nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate())),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("juga_di_grup", [(), (BAPPEDA, OPERATOR_KELURAHAN)], ids=["walikota", "walikota_juga_bappeda_operator"])
def test_kantor_wali_kota_tidak_pernah_menulis(dua_wilayah, juga_di_grup):
    walikota = make_user(KANTOR_WALI_KOTA, username="walikota")
    for nama in juga_di_grup:
        walikota.groups.add(Group.objects.get(name=nama))
    layanan = _setiap_layanan(walikota, dua_wilayah)
    assert len(layanan) >= 20
    sebelum = _potret()
    for nama, panggil in layanan:
        with pytest.raises((ValidationError, PermissionDenied)):
            panggil()
            pytest.fail(f"{nama} menulis untuk Kantor Wali Kota")
        assert _potret() == sebelum, nama


@pytest.mark.django_db
def test_layanan_yang_sama_berhasil_untuk_peran_yang_berwenang(dua_wilayah):
    """The calls above are real writes for the right roles (so the refusals above mean something)."""
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_a")
    layanan = dict(_setiap_layanan(operator, dua_wilayah))
    for nama in ("umkm_simpan baru", "umkm_simpan ubah", "berita_acara_simpan", "peserta_simpan", "usulan_simpan ubah", "kategori_kosong_hapus"):
        layanan[nama]()
    bappeda = make_user(BAPPEDA, username="bappeda2")
    siklus = siklus_terbuka()
    services.kriteria_simpan(acting_user=bappeda, kriteria=KriteriaPUD(siklus=siklus, nama="Baru", bobot=1))
    assert services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())) >= 1


# --- UMKM: NIK and NIB --------------------------------------------------------------------------


def _umkm(kelurahan, **kwargs):
    data = dict(nama_usaha="Keripik Mangga Bu Sri", pemilik_nama="Sri", alamat="Jl. Mangga 1", kelurahan=kelurahan, kategori="agro", produk="Keripik")
    return UMKM(**(data | kwargs))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nik,luar,kolom,potongan",
    [
        ("3574041505900001", False, None, None),  # kecamatan 35.74.04 of the region tree, born 15-05-90
        ("3574045505900001", False, None, None),  # a woman (day + 40)
        ("357404150590001", False, "nik", "16 angka"),
        ("35740415059000012", False, "nik", "16 angka"),
        ("3574043213900001", False, "nik", "bukan tanggal lahir yang sah"),
        ("3574041599900001", False, "nik", "bukan tanggal lahir yang sah"),
        ("3512011505900001", False, "nik_luar_wilayah", "bukan kode kecamatan di wilayah ini"),
        ("3512011505900001", True, None, None),  # confirmed: from outside the region
    ],
)
def test_nik_pemilik_umkm(operator_a, dua_wilayah, nik, luar, kolom, potongan):
    umkm = _umkm(dua_wilayah["kel_a"], nik=nik, nik_luar_wilayah=luar)
    if kolom is None:
        services.umkm_simpan(acting_user=operator_a, umkm=umkm)
        assert UMKM.objects.get().nik == nik.replace(" ", "")
        return
    with pytest.raises(ValidationError) as info:
        services.umkm_simpan(acting_user=operator_a, umkm=umkm)
    assert potongan in " ".join(info.value.message_dict[kolom])
    assert not UMKM.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("nib,sah", [("", True), ("1234567890123", True), ("123456789012", False), ("12345678901234", False), ("12345678901a3", False)])
def test_nib_13_angka(operator_a, dua_wilayah, nib, sah):
    umkm = _umkm(dua_wilayah["kel_a"], nib=nib)
    if sah:
        services.umkm_simpan(acting_user=operator_a, umkm=umkm)
        assert UMKM.objects.get().nib == nib
    else:
        with pytest.raises(ValidationError) as info:
            services.umkm_simpan(acting_user=operator_a, umkm=umkm)
        assert "13" in " ".join(info.value.message_dict["nib"])
        assert not UMKM.objects.exists()


@pytest.mark.django_db
def test_umkm_di_kelurahan_lain_ditolak(operator_a, dua_wilayah):
    with pytest.raises((ValidationError, PermissionDenied)) as info:
        services.umkm_simpan(acting_user=operator_a, umkm=_umkm(dua_wilayah["kel_b"]))
    if isinstance(info.value, ValidationError):
        assert "di luar wilayah kerja" in _pesan(info.value)
    assert not UMKM.objects.exists()
    # ... nor moved there.
    umkm = services.umkm_simpan(acting_user=operator_a, umkm=_umkm(dua_wilayah["kel_a"]))
    umkm.kelurahan = dua_wilayah["kel_b"]
    with pytest.raises((ValidationError, PermissionDenied)):
        services.umkm_simpan(acting_user=operator_a, umkm=umkm)
    assert UMKM.objects.get().kelurahan == dua_wilayah["kel_a"]


@pytest.mark.django_db
def test_umkm_tahun_mulai_dan_kontak_publik(operator_a, dua_wilayah):
    with pytest.raises(ValidationError) as info:
        services.umkm_simpan(acting_user=operator_a, umkm=_umkm(dua_wilayah["kel_a"], tahun_mulai=timezone.localdate().year + 1))
    assert "tahun_mulai" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.umkm_simpan(acting_user=operator_a, umkm=_umkm(dua_wilayah["kel_a"], kontak_publik_tampil=True, kontak_publik=""))
    assert "kontak_publik" in info.value.message_dict
    assert not UMKM.objects.exists()


# --- The FGD record -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_berita_acara_tidak_mengubah_status_keputusan_atau_jadwal(operator_a, dua_wilayah):
    """Only the FGD's own fields change: a status, decree or schedule sent along is ignored."""
    pengajuan = pengajuan_di(dua_wilayah["kel_a"], jadwal_fgd=dt.date(2026, 10, 12))
    kiriman = PengajuanPUD.objects.get(pk=pengajuan.pk)
    kiriman.tempat_fgd, kiriman.nomor_berita_acara = "Aula Kelurahan", "BA/01/2026"
    kiriman.status, kiriman.nomor_keputusan, kiriman.tanggal_keputusan, kiriman.jadwal_fgd = "ditetapkan", "PALSU", timezone.localdate(), None
    services.berita_acara_simpan(acting_user=operator_a, pengajuan=kiriman)
    pengajuan.refresh_from_db()
    assert (pengajuan.tempat_fgd, pengajuan.nomor_berita_acara) == ("Aula Kelurahan", "BA/01/2026")
    assert (pengajuan.status, pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan, pengajuan.jadwal_fgd) == ("draf", "", None, dt.date(2026, 10, 12))


@pytest.mark.django_db
def test_tanggal_fgd_di_masa_depan_ditolak(operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    kiriman = PengajuanPUD.objects.get(pk=pengajuan.pk)
    kiriman.tanggal_fgd = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        services.berita_acara_simpan(acting_user=operator_a, pengajuan=kiriman)
    assert "masa depan" in " ".join(info.value.message_dict["tanggal_fgd"])
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).tanggal_fgd is None


@pytest.mark.django_db
def test_berita_acara_kelurahan_lain_tidak_terlihat(operator_a, dua_wilayah):
    milik_b = pengajuan_di(dua_wilayah["kel_b"])
    milik_b.tempat_fgd = "Diubah A"
    with pytest.raises(PermissionDenied):
        services.berita_acara_simpan(acting_user=operator_a, pengajuan=milik_b)
    assert PengajuanPUD.objects.get(pk=milik_b.pk).tempat_fgd == ""
