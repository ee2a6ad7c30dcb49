"""Stored city figures (wilayah.angka): computed once, read in one query, refreshed in the background."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import KecamatanFactory, KelurahanFactory, RWFactory
from wilayah import angka as angka_mod
from wilayah.angka import SumberAngka, angka, perbarui, register_angka
from wilayah.models import AngkaTersimpan

pytestmark = pytest.mark.django_db

PANGGILAN = []


def _hitung_uji():
    PANGGILAN.append(1)
    return {"n": len(PANGGILAN)}


@pytest.fixture
def sumber_uji():
    PANGGILAN.clear()
    cache.clear()
    register_angka(SumberAngka(kunci="uji.angka", fungsi=_hitung_uji, judul="Uji"))
    yield "uji.angka"
    angka_mod._registry.pop("uji.angka", None)
    cache.clear()


def test_bacaan_pertama_menghitung_dan_menyimpan(sumber_uji):
    tersimpan = angka(sumber_uji)
    assert tersimpan.data == {"n": 1}
    assert PANGGILAN == [1]
    baris = AngkaTersimpan.objects.get(kunci=sumber_uji)
    assert baris.data == {"n": 1} and baris.lama_detik >= 0 and baris.dihitung_pada is not None


def test_bacaan_kedua_satu_kueri_tanpa_menghitung(sumber_uji, django_assert_num_queries):
    angka(sumber_uji)
    with django_assert_num_queries(1):
        tersimpan = angka(sumber_uji)
    assert tersimpan.data == {"n": 1}
    assert PANGGILAN == [1]


def test_angka_basi_dikembalikan_dan_pembaruan_diantrekan_sekali(sumber_uji, settings):
    settings.ANGKA_UMUR_DETIK = 900
    angka(sumber_uji)
    AngkaTersimpan.objects.filter(kunci=sumber_uji).update(dihitung_pada=timezone.now() - dt.timedelta(seconds=901))
    with mock.patch("wilayah.tasks.perbarui_angka.delay") as delay:
        pertama = angka(sumber_uji)
        kedua = angka(sumber_uji)
    assert pertama.data == kedua.data == {"n": 1}  # the stored figures, not recomputed by the request
    assert PANGGILAN == [1]
    delay.assert_called_once_with(sumber_uji)


def test_angka_segar_tidak_diantrekan(sumber_uji):
    angka(sumber_uji)
    with mock.patch("wilayah.tasks.perbarui_angka.delay") as delay:
        angka(sumber_uji)
    delay.assert_not_called()


def test_tugas_memperbarui_dan_boleh_diantrekan_lagi(sumber_uji):
    """Eagerly (no broker): the task recomputes; once fresh again and stale later, it is queued again."""
    angka(sumber_uji)
    AngkaTersimpan.objects.filter(kunci=sumber_uji).update(dihitung_pada=timezone.now() - dt.timedelta(days=1))
    angka(sumber_uji)  # queues; eager: runs now
    assert AngkaTersimpan.objects.get(kunci=sumber_uji).data == {"n": 2}
    AngkaTersimpan.objects.filter(kunci=sumber_uji).update(dihitung_pada=timezone.now() - dt.timedelta(days=1))
    angka(sumber_uji)
    assert AngkaTersimpan.objects.get(kunci=sumber_uji).data == {"n": 3}


def test_broker_mati_tetap_mengembalikan_angka(sumber_uji):
    angka(sumber_uji)
    AngkaTersimpan.objects.filter(kunci=sumber_uji).update(dihitung_pada=timezone.now() - dt.timedelta(days=1))
    with mock.patch("wilayah.tasks.perbarui_angka.delay", side_effect=OSError("broker")):
        assert angka(sumber_uji).data == {"n": 1}


def test_perbarui_upsert(sumber_uji):
    perbarui(sumber_uji)
    perbarui(sumber_uji)
    assert AngkaTersimpan.objects.filter(kunci=sumber_uji).count() == 1
    assert AngkaTersimpan.objects.get(kunci=sumber_uji).data == {"n": 2}


def test_perbarui_semua_kunci(sumber_uji):
    hasil = perbarui()
    kunci = {b.kunci for b in hasil}
    assert {"uji.angka", "wilayah.kota"} <= kunci
    assert set(AngkaTersimpan.objects.values_list("kunci", flat=True)) == kunci


def test_tugas_kunci_tak_dikenal_dilewati():
    from wilayah.tasks import perbarui_angka

    assert perbarui_angka.apply(args=["tidak.ada"]).get() == []


def test_kunci_tak_dikenal_lookuperror():
    with pytest.raises(LookupError):
        angka("tidak.ada")


def test_jadwal_beat_tiap_15_menit(settings):
    jadwal = [j for j in settings.CELERY_BEAT_SCHEDULE.values() if j["task"] == "wilayah.perbarui_angka"]
    assert jadwal and jadwal[0]["schedule"] == 15 * 60
    assert settings.ANGKA_UMUR_DETIK == 900


def test_wilayah_kota_satu_kueri_per_kecamatan_tanpa_fan_out():
    kec_a = KecamatanFactory(kode="35.74.01", nama="Kademangan")
    kec_b = KecamatanFactory(kode="35.74.02", nama="Wonoasih")
    KecamatanFactory(kode="35.74.03", nama="Kosong")
    for i in range(3):
        kel = KelurahanFactory(kode=f"35.74.01.100{i}", kecamatan=kec_a)
        for n in range(1, 5):
            RWFactory(kelurahan=kel, nomor=n)
    KelurahanFactory(kode="35.74.02.1001", kecamatan=kec_b)
    with CaptureQueriesContext(connection) as kueri:
        data = angka_mod.hitung_kota()
    assert len(kueri) == 1
    sql = kueri[0]["sql"].upper()
    assert "DISTINCT" not in sql  # counts grouped before they meet the kecamatan
    baris = {b["kode"]: b for b in data["kecamatan"]}
    assert baris["35.74.01"]["jumlah_kelurahan"] == 3 and baris["35.74.01"]["jumlah_rw"] == 12
    assert baris["35.74.02"]["jumlah_kelurahan"] == 1 and baris["35.74.02"]["jumlah_rw"] == 0
    assert baris["35.74.03"]["jumlah_kelurahan"] == 0 and baris["35.74.03"]["jumlah_rw"] == 0
    assert data["total"] == {"kecamatan": 3, "kelurahan": 4, "rw": 12}


def test_templat_angka_per():
    from django.template.loader import render_to_string

    tersimpan = AngkaTersimpan(
        kunci="x", data={}, dihitung_pada=dt.datetime(2026, 11, 27, 7, 20, tzinfo=dt.timezone.utc), lama_detik=0
    )
    html = render_to_string("wilayah/_angka_per.html", {"angka": tersimpan})
    assert "Angka per 27 November 2026 pukul 14.20; diperbarui tiap 15 menit." in html
