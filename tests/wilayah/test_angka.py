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


def test_wilayah_kota_tiga_kueri_tanpa_fan_out():
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
    assert len(kueri) == 3
    assert not any("DISTINCT" in q["sql"].upper() for q in kueri)  # each table counted once, grouped
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


# --------------------------------------------------------------------------- the summary (ringkasan)


def _hitung_bertingkat():
    return {
        "total": {"n": 3},
        "kecamatan": [{"kode": "01", "n": 1}, {"kode": "02", "n": 2}],
        "tahun": {"2026": {"bulan": 11, "kecamatan": [{"kode": "01"}], "progres": {"n": 3}}},
    }


@pytest.fixture
def sumber_bertingkat():
    cache.clear()
    register_angka(SumberAngka(kunci="uji.bertingkat", fungsi=_hitung_bertingkat))
    yield "uji.bertingkat"
    angka_mod._registry.pop("uji.bertingkat", None)
    cache.clear()


def test_ringkasan_tanpa_baris_per_kecamatan(sumber_bertingkat):
    """The summary is the payload without its rows per kecamatan, at any depth; stored with it."""
    ringkas = {"total": {"n": 3}, "tahun": {"2026": {"bulan": 11, "progres": {"n": 3}}}}
    assert angka_mod.tanpa_rincian(_hitung_bertingkat()) == ringkas
    perbarui(sumber_bertingkat)
    assert AngkaTersimpan.objects.get(kunci=sumber_bertingkat).ringkasan == ringkas


def test_sumber_boleh_memberi_ringkasnya_sendiri(sumber_uji):
    register_angka(SumberAngka(kunci=sumber_uji, fungsi=_hitung_uji, ringkas=lambda data: {"dua_kali": data["n"] * 2}))
    assert angka(sumber_uji).ringkasan == {"dua_kali": 2}


def test_hanya_ringkasan_satu_kueri_tanpa_memuat_data(sumber_bertingkat):
    """A panel reads the summary only: one query that does not select the payload column."""
    perbarui(sumber_bertingkat)
    with CaptureQueriesContext(connection) as kueri:
        tersimpan = angka(sumber_bertingkat, hanya_ringkasan=True)
        assert tersimpan.ringkasan["total"] == {"n": 3}
        tersimpan.dihitung_pada, tersimpan.menit_pembaruan  # what _angka_per.html prints
    assert len(kueri) == 1
    assert "data" in tersimpan.get_deferred_fields()
    assert '"wilayah_angkatersimpan"."data"' not in kueri[0]["sql"]


def test_baris_lama_tanpa_ringkasan_dilengkapi_sekali(sumber_bertingkat, django_assert_num_queries):
    """A row stored before summaries were kept gets its summary from the stored payload (not recomputed), once."""
    perbarui(sumber_bertingkat)
    AngkaTersimpan.objects.filter(kunci=sumber_bertingkat).update(ringkasan=None)
    assert angka(sumber_bertingkat, hanya_ringkasan=True).ringkasan["total"] == {"n": 3}
    assert AngkaTersimpan.objects.get(kunci=sumber_bertingkat).ringkasan["total"] == {"n": 3}
    with django_assert_num_queries(1):
        angka(sumber_bertingkat, hanya_ringkasan=True)


def test_halaman_kota_panel_membaca_ringkasan_saja(client, db):
    """On the city page only the kecamatan table's own figures ("wilayah.kota") are read whole, once per
    computation and process; the programmes' panels (kader, lkk, wisata) read their stored figures'
    summary, never the payload."""
    from django.urls import reverse

    from tests.factories import UserFactory
    from wilayah import angka as modul

    KelurahanFactory(kode="35.74.01.1001", kecamatan=KecamatanFactory(kode="35.74.01"))
    perbarui()
    modul._terbaca.clear()  # computed by the Celery worker, another process
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("wilayah:kota")).status_code == 200
    dibaca = [q["sql"] for q in kueri if 'FROM "wilayah_angkatersimpan"' in q["sql"]]
    per_kunci = [q for q in dibaca if '"kunci" =' in q]
    assert len(per_kunci) == 4  # wilayah.kota, kader, lkk, wisata: one query each, without the payload
    assert not any('"wilayah_angkatersimpan"."data"' in q for q in per_kunci)
    utuh = [q for q in dibaca if '"wilayah_angkatersimpan"."data"' in q]
    assert len(utuh) == 1  # the city table's payload
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("wilayah:kota")).status_code == 200
    assert not any('"wilayah_angkatersimpan"."data"' in q["sql"] for q in kueri)  # this process's copy


def test_payload_dibaca_sekali_per_hitungan_dan_proses(db):
    """A new computation (another process's: the row's dihitung_pada changes) is read afresh."""
    from django.utils import timezone

    from wilayah import angka as modul
    from wilayah.models import AngkaTersimpan

    KelurahanFactory(kode="35.74.01.1001", kecamatan=KecamatanFactory(kode="35.74.01"))
    perbarui("wilayah.kota")
    modul._terbaca.clear()
    with CaptureQueriesContext(connection) as kueri:
        assert angka("wilayah.kota").data["total"]["kelurahan"] == 1
    assert len(kueri) == 2
    with CaptureQueriesContext(connection) as kueri:
        assert angka("wilayah.kota").data["total"]["kelurahan"] == 1
    assert len(kueri) == 1
    AngkaTersimpan.objects.filter(kunci="wilayah.kota").update(data={"total": {"kelurahan": 7}, "kecamatan": []}, dihitung_pada=timezone.now())
    assert angka("wilayah.kota").data["total"]["kelurahan"] == 7
