"""Two requests at the same moment, each in its own connection and transaction (PostgreSQL only).

- Two operators set a main nomination in the same category (two different UMKM): exactly one wins,
  the other gets ``usulan_simpan``'s message (not an IntegrityError, not a 500), one main is stored.
  First through the real code (the pengajuan's row lock serialises them: the second sees the first's
  main in the check), then with that lock taken away and both past the Python check, where the
  database's partial unique index decides and the loser still gets the same message.
- Two steps on the same pengajuan (verifikasi vs kembalikan, tarik vs verifikasi, batal_verifikasi vs
  tetapkan): one wins, the other is refused with the reason, one step is logged.

How both requests are made to meet: the test holds a lock on the pengajuan row (``SELECT ... FOR
UPDATE`` in its own transaction), starts both, waits until PostgreSQL shows both waiting on that lock,
then lets go.
"""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pud import services
from pud.models import KategoriKosong, KategoriPUD, LangkahPUD, PengajuanPUD, Usulan
from tests.factories import make_user
from tests.pud.factories import UMKMFactory, pengajuan_berstatus, pengajuan_di
from wilayah.roles import BAPPEDA, CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db(transaction=True)

NOMOR = "100.3.3.3/45/KEP/425.012/2026"


@pytest.fixture(autouse=True)
def _hanya_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("butuh PostgreSQL: dua koneksi menulis bersamaan (SQLite menserialkan penulis); CI menjalankan uji ini di PostgreSQL")


def _jumlah_menunggu_kunci() -> int:
    """Connections waiting on a lock now (the statistics snapshot is per transaction: clear it first)."""
    with connection.cursor() as c:
        c.execute("SELECT pg_stat_clear_snapshot()")
        c.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        return c.fetchone()[0]


def _bersamaan(pengajuan, *panggilan, kunci=True):
    """Run each ``panggilan`` in its own thread (own connection). With ``kunci`` the test holds the
    pengajuan's row lock until every thread waits on it. Returns each call's outcome, in order:
    ("ok", result) / ("ditolak", ValidationError) / ("lain", other exception)."""
    hasil = [None] * len(panggilan)

    def jalan(i, fungsi):
        try:
            hasil[i] = ("ok", fungsi())
        except ValidationError as exc:
            hasil[i] = ("ditolak", exc)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertions
            hasil[i] = ("lain", exc)
        finally:
            from django.db import connection as milik_utas

            milik_utas.close()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(panggilan)]
    if kunci:
        with transaction.atomic():
            PengajuanPUD.objects.select_for_update().get(pk=pengajuan.pk)
            for u in utas:
                u.start()
            batas = time.monotonic() + 20
            while _jumlah_menunggu_kunci() < len(utas):
                assert time.monotonic() < batas, "kedua permintaan tidak sampai menunggu kunci pengajuan"
                assert all(u.is_alive() for u in utas), hasil
                time.sleep(0.02)
    else:
        for u in utas:
            u.start()
    for u in utas:
        u.join(timeout=30)
        assert not u.is_alive(), "utas macet"
    return hasil


@pytest.fixture
def operator(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_a")


def _usulan_utama(pengajuan, umkm, produk):
    return Usulan(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, umkm=umkm, produk=produk, utama=True)


def _satu_menang_satu_mendapat_pesan(hasil):
    jenis = sorted(h[0] for h in hasil)
    assert jenis == ["ditolak", "ok"], hasil
    ditolak = next(h[1] for h in hasil if h[0] == "ditolak")
    return ditolak


# --- Two main nominations in one category ----------------------------------------------------


def test_dua_usulan_utama_bersamaan_satu_menang_yang_lain_mendapat_pesan(dua_wilayah, operator):
    kel = dua_wilayah["kel_a"]
    pengajuan = pengajuan_di(kel)
    kedua = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="op_a2")  # the kasi Pemmas and the lurah at once
    umkm1, umkm2 = UMKMFactory(kelurahan=kel), UMKMFactory(kelurahan=kel)

    hasil = _bersamaan(
        pengajuan,
        lambda: services.usulan_simpan(acting_user=operator, usulan=_usulan_utama(pengajuan, umkm1, "Keripik")),
        lambda: services.usulan_simpan(acting_user=kedua, usulan=_usulan_utama(pengajuan, umkm2, "Sari mangga")),
    )
    ditolak = _satu_menang_satu_mendapat_pesan(hasil)
    assert "Agro sudah punya usulan utama" in " ".join(ditolak.message_dict["utama"])
    assert Usulan.objects.filter(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, utama=True).count() == 1
    assert Usulan.objects.count() == 1


def test_tanpa_kunci_pengajuan_indeks_unik_yang_memutuskan_dan_pesannya_sama(dua_wilayah, operator, monkeypatch):
    """Both requests pass every Python check (the pengajuan lock taken away, a barrier after the
    checks): the partial unique index stops the second insert, and ``usulan_simpan`` turns that
    IntegrityError into the same message."""
    kel = dua_wilayah["kel_a"]
    pengajuan = pengajuan_di(kel)
    umkm1, umkm2 = UMKMFactory(kelurahan=kel), UMKMFactory(kelurahan=kel)

    def tanpa_kunci(acting_user, pengajuan_id):
        baris = PengajuanPUD.objects.for_user(acting_user, "change").filter(pk=pengajuan_id).first()
        if baris is None:
            raise PermissionDenied
        return baris

    gerbang = threading.Barrier(2)
    asli = Usulan.validate_constraints

    def periksa_lalu_tunggu(self, *args, **kwargs):
        asli(self, *args, **kwargs)  # the last check before the insert: both pass it
        gerbang.wait(timeout=10)

    monkeypatch.setattr(services, "_pengajuan_dapat_diubah", tanpa_kunci)
    monkeypatch.setattr(Usulan, "validate_constraints", periksa_lalu_tunggu)
    hasil = _bersamaan(
        pengajuan,
        lambda: services.usulan_simpan(acting_user=operator, usulan=_usulan_utama(pengajuan, umkm1, "Keripik")),
        lambda: services.usulan_simpan(acting_user=operator, usulan=_usulan_utama(pengajuan, umkm2, "Sari mangga")),
        kunci=False,
    )
    ditolak = _satu_menang_satu_mendapat_pesan(hasil)
    assert not isinstance(ditolak, IntegrityError)
    assert "Agro sudah punya usulan utama" in " ".join(ditolak.message_dict["utama"])
    assert Usulan.objects.filter(pengajuan=pengajuan, utama=True).count() == 1


def test_usulan_utama_dan_kategori_kosong_bersamaan_hanya_satu(dua_wilayah, operator):
    kel = dua_wilayah["kel_a"]
    pengajuan = pengajuan_di(kel)
    umkm = UMKMFactory(kelurahan=kel)
    hasil = _bersamaan(
        pengajuan,
        lambda: services.usulan_simpan(acting_user=operator, usulan=_usulan_utama(pengajuan, umkm, "Keripik")),
        lambda: services.kategori_kosong_simpan(acting_user=operator, kosong=KategoriKosong(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, alasan="Tidak ada")),
    )
    _satu_menang_satu_mendapat_pesan(hasil)
    assert Usulan.objects.filter(utama=True).count() + KategoriKosong.objects.count() == 1


# --- Two steps on one pengajuan -----------------------------------------------------------------


@pytest.mark.parametrize(
    "status,langkah",
    [
        ("diajukan", (("camat", "verifikasi"), ("camat2", "kembalikan"))),
        ("diajukan", (("operator", "tarik"), ("camat", "verifikasi"))),
        ("diverifikasi", (("camat", "batal_verifikasi"), ("bappeda", "tetapkan"))),
        ("draf", (("operator", "ajukan"), ("operator2", "ajukan"))),
    ],
    ids=["verifikasi-kembalikan", "tarik-verifikasi", "batal_verifikasi-tetapkan", "ajukan-ajukan"],
)
def test_dua_langkah_bersamaan_satu_menang_satu_ditolak(dua_wilayah, status, langkah):
    kel, kec = dua_wilayah["kel_a"], dua_wilayah["kec_a"]
    pengguna = {
        "operator": make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="op_a"),
        "operator2": make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="op_a2"),
        "camat": make_user(CAMAT, kecamatan=kec, username="camat_a"),
        "camat2": make_user(CAMAT, kecamatan=kec, username="sekcam_a"),
        "bappeda": make_user(BAPPEDA, username="bappeda"),
    }
    pengajuan = pengajuan_berstatus(kel, status)

    def langkah_oleh(siapa, aksi):
        return lambda: services.pengajuan_langkah(
            acting_user=pengguna[siapa], pengajuan=PengajuanPUD(pk=pengajuan.pk), aksi=aksi,
            catatan="Alasan uji", nomor_keputusan=NOMOR, tanggal_keputusan=timezone.localdate(),
        )

    hasil = _bersamaan(pengajuan, *(langkah_oleh(s, a) for s, a in langkah))
    ditolak = _satu_menang_satu_mendapat_pesan(hasil)
    pesan = " ".join(ditolak.messages)
    assert "tidak dapat diambil pada status" in pesan or "sudah ditetapkan" in pesan, pesan

    menang = langkah[[h[0] for h in hasil].index("ok")][1]
    log = list(LangkahPUD.objects.values_list("aksi", "dari_status"))
    assert log == [(menang, status)]
    pengajuan.refresh_from_db()
    assert pengajuan.status == hasil[[h[0] for h in hasil].index("ok")][1].status


# --- Removing a main nomination while the kelurahan submits ---------------------------------------


def test_hapus_usulan_utama_saat_diajukan_tidak_meninggalkan_pengajuan_tanpa_utama(dua_wilayah, operator, monkeypatch):
    """The submit has checked that every category has its main nomination and has not committed yet;
    at that moment a second operator deletes one of those mains. The delete must wait for the submit
    (the pengajuan's lock) and then be refused: a submitted pengajuan never lacks a main nomination."""
    kel = dua_wilayah["kel_a"]
    kedua = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="op_a2")
    pengajuan = pengajuan_berstatus(kel, "draf")
    utama_agro = Usulan.objects.get(pengajuan=pengajuan, kategori=KategoriPUD.AGRO, utama=True)

    gerbang = threading.Barrier(2)
    asli = services.kelengkapan_pengajuan
    hapus_utas = []

    def periksa_lalu_tunggu(p):
        kurang = asli(p)  # the submit's check passed (inside its transaction, the pengajuan locked)
        gerbang.wait(timeout=10)
        batas = time.monotonic() + 10
        while hapus_utas[0].is_alive() and _jumlah_menunggu_kunci() < 1 and time.monotonic() < batas:
            time.sleep(0.02)  # until the delete has finished, or waits on the lock
        return kurang

    def hapus():
        gerbang.wait(timeout=10)
        return services.usulan_hapus(acting_user=kedua, usulan=Usulan.objects.get(pk=utama_agro.pk))

    monkeypatch.setattr(services, "kelengkapan_pengajuan", periksa_lalu_tunggu)
    hasil = [None, None]

    def jalan(i, fungsi):
        try:
            hasil[i] = ("ok", fungsi())
        except ValidationError as exc:
            hasil[i] = ("ditolak", exc)
        except BaseException as exc:  # noqa: BLE001
            hasil[i] = ("lain", exc)
        finally:
            from django.db import connection as milik_utas

            milik_utas.close()

    ajukan = threading.Thread(target=jalan, args=(0, lambda: services.pengajuan_langkah(acting_user=operator, pengajuan=PengajuanPUD(pk=pengajuan.pk), aksi="ajukan")))
    hapus_utas.append(threading.Thread(target=jalan, args=(1, hapus)))
    for u in (ajukan, hapus_utas[0]):
        u.start()
    for u in (ajukan, hapus_utas[0]):
        u.join(timeout=30)
    pengajuan.refresh_from_db()
    assert [h[0] for h in hasil] == ["ok", "ditolak"], hasil
    assert "tidak dapat diubah sekarang" in hasil[1][1].messages[0]
    assert pengajuan.status == "diajukan"
    assert set(Usulan.objects.filter(pengajuan=pengajuan, utama=True).values_list("kategori", flat=True)) == set(KategoriPUD.values)
