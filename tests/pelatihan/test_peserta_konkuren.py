"""Two registrations at the same moment, each in its own connection and transaction (PostgreSQL only,
as ``tests/pud/test_konkuren.py``): the diklat's row lock in ``peserta_simpan`` serialises them, so two
people cannot both take the last place, and one person registered twice at once is stored once.

The test holds the diklat's row lock itself, starts both registrations, waits until PostgreSQL shows
both waiting on that lock, then lets go."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from pelatihan import services
from pelatihan.models import Diklat, Peserta
from tests.factories import make_user
from tests.pelatihan.factories import diklat_di, peserta_di
from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _hanya_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("butuh PostgreSQL: dua koneksi menulis bersamaan (SQLite menserialkan penulis); CI menjalankan uji ini di PostgreSQL")


def _jumlah_menunggu_kunci() -> int:
    with connection.cursor() as c:
        c.execute("SELECT pg_stat_clear_snapshot()")
        c.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        return c.fetchone()[0]


def _bersamaan(diklat, *panggilan):
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
    with transaction.atomic():
        Diklat.objects.select_for_update().get(pk=diklat.pk)
        for u in utas:
            u.start()
        batas = time.monotonic() + 20
        while _jumlah_menunggu_kunci() < len(utas):
            assert time.monotonic() < batas, "kedua pendaftaran tidak sampai menunggu kunci diklat"
            assert all(u.is_alive() for u in utas), hasil
            time.sleep(0.02)
    for u in utas:
        u.join(timeout=30)
        assert not u.is_alive(), "utas macet"
    assert sorted(h[0] for h in hasil) == ["ditolak", "ok"], hasil
    return next(h[1] for h in hasil if h[0] == "ditolak")


def test_dua_pendaftar_untuk_tempat_terakhir_hanya_satu_masuk(dua_wilayah):
    diklat = diklat_di(kuota=2)
    peserta_di(diklat, dua_wilayah["kel_a"])
    op_a = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_a")
    op_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="op_b")
    ditolak = _bersamaan(
        diklat,
        lambda: services.peserta_simpan(acting_user=op_a, peserta=Peserta(diklat_id=diklat.pk, nama="Ani", kelurahan=dua_wilayah["kel_a"])),
        lambda: services.peserta_simpan(acting_user=op_b, peserta=Peserta(diklat_id=diklat.pk, nama="Budi", kelurahan=dua_wilayah["kel_b"])),
    )
    assert "Kuota diklat ini sudah penuh (2 peserta)" in " ".join(ditolak.messages)
    assert Peserta.objects.filter(diklat=diklat).count() == 2


def test_orang_yang_sama_didaftarkan_dua_kali_bersamaan_tersimpan_sekali(dua_wilayah):
    diklat = diklat_di()
    op_a = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_a")
    bappeda = make_user(BAPPEDA, username="bappeda")
    ditolak = _bersamaan(
        diklat,
        lambda: services.peserta_simpan(acting_user=op_a, peserta=Peserta(diklat_id=diklat.pk, nama="Siti Aminah", kelurahan=dua_wilayah["kel_a"])),
        lambda: services.peserta_simpan(acting_user=bappeda, peserta=Peserta(diklat_id=diklat.pk, nama="SITI AMINAH", kelurahan=dua_wilayah["kel_a"])),
    )
    assert "sudah terdaftar sebagai peserta diklat ini" in " ".join(ditolak.messages)
    assert Peserta.objects.filter(diklat=diklat).count() == 1
