"""Two organisers issue certificates of one diklat at the same moment, each in its own connection and
transaction (PostgreSQL only, as tests/pud/test_konkuren.py): the diklat's row lock serialises them,
so the numbers run 1..4 without a gap or a double and neither request fails.

The test holds the diklat's row lock, starts both, waits until PostgreSQL shows both waiting on it,
then lets go."""

import threading
import time

import pytest
from django.db import connection, transaction

from pelatihan import services
from pelatihan.models import Diklat, Peserta
from tests.factories import make_user
from tests.pelatihan.factories import diklat_di, lulus_di
from wilayah.roles import BAPPEDA

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


def test_dua_penerbitan_bersamaan_nomor_urut_tanpa_celah_dan_ganda(dua_wilayah, bappeda):
    kedua = make_user(BAPPEDA, username="bappeda_2")
    diklat = diklat_di()
    peserta = lulus_di(diklat, dua_wilayah["kel_a"], 4)
    hasil = [None, None]

    def jalan(i, user, ids):
        try:
            hasil[i] = ("ok", len(services.sertifikat_terbitkan(acting_user=user, diklat=diklat, peserta_ids=ids)))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion
            hasil[i] = ("gagal", exc)
        finally:
            connection.close()

    utas = [
        threading.Thread(target=jalan, args=(0, bappeda, [peserta[0].pk, peserta[1].pk])),
        threading.Thread(target=jalan, args=(1, kedua, [peserta[2].pk, peserta[3].pk])),
    ]
    with transaction.atomic():
        Diklat.objects.select_for_update().get(pk=diklat.pk)
        for u in utas:
            u.start()
        batas = time.monotonic() + 20
        while _jumlah_menunggu_kunci() < len(utas):
            assert time.monotonic() < batas, "kedua permintaan tidak sampai menunggu kunci diklat"
            assert all(u.is_alive() for u in utas), hasil
            time.sleep(0.02)
    for u in utas:
        u.join(timeout=30)
        assert not u.is_alive(), "utas macet"
    assert hasil == [("ok", 2), ("ok", 2)], hasil
    assert sorted(Peserta.objects.filter(diklat=diklat).values_list("nomor_urut_sertifikat", flat=True)) == [1, 2, 3, 4]
