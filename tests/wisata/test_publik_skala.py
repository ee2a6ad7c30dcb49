"""Public calendar and .ics feed at province size (issue 14): one window, conditional answers (304)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from icalendar import Calendar

from tests.factories import KelurahanFactory
from tests.wisata.factories import EventFactory
from wilayah.periode import tambah_bulan
from wilayah.publik import lupakan_tanda
from wisata.kalender import JENDELA_BULAN, TANDA_EVENT, event_untuk_feed, jendela
from wisata.models import Event, StatusEvent

pytestmark = pytest.mark.django_db

HARI = datetime.date(2026, 11, 27)


def test_jendela_tiga_bulan_lalu_sampai_dua_belas_bulan_depan():
    assert JENDELA_BULAN == (3, 12)
    assert jendela(HARI) == (datetime.date(2026, 8, 1), datetime.date(2027, 11, 30))
    assert jendela(datetime.date(2026, 1, 31)) == (datetime.date(2025, 10, 1), datetime.date(2027, 1, 31))
    assert jendela(datetime.date(2024, 2, 29)) == (datetime.date(2023, 11, 1), datetime.date(2025, 2, 28))


def test_feed_memuat_event_dalam_jendela_sampai_batasnya(dua_wilayah):
    kel = dua_wilayah["kel_a"]

    def ev(nama, mulai, selesai=None, **kw):
        return EventFactory(nama=nama, kelurahan=kel, tanggal_mulai=mulai, tanggal_selesai=selesai or mulai, **kw)

    ev("selesai sehari sebelum jendela", datetime.date(2026, 7, 30), datetime.date(2026, 7, 31))
    ev("selesai di hari pertama jendela", datetime.date(2026, 7, 30), datetime.date(2026, 8, 1))
    ev("mulai di hari pertama jendela", datetime.date(2026, 8, 1))
    ev("mulai di hari terakhir jendela", datetime.date(2027, 11, 30))
    ev("mulai sehari sesudah jendela", datetime.date(2027, 12, 1))
    ev("tahunan lama berulang", datetime.date(2020, 9, 1), tahunan=True)
    ev("tahunan sesudah jendela", datetime.date(2027, 12, 5), tahunan=True)
    ev("batal dalam jendela", datetime.date(2026, 12, 1), status=StatusEvent.BATAL)
    assert {e.nama for e in event_untuk_feed(HARI)} == {
        "selesai di hari pertama jendela", "mulai di hari pertama jendela", "mulai di hari terakhir jendela", "tahunan lama berulang",
    }


def test_kalender_hanya_membuka_bulan_dalam_jendela(client, dua_wilayah):
    hari_ini = timezone.localdate()
    awal, akhir = jendela(hari_ini)
    url = reverse("wisata:publik-kalender")
    sebelum = tambah_bulan(awal, -1)
    sesudah = tambah_bulan(akhir.replace(day=1), 1)
    for diminta, dibuka in ((f"{sebelum:%Y-%m}", awal), (f"{awal:%Y-%m}", awal), (f"{akhir:%Y-%m}", akhir), (f"{sesudah:%Y-%m}", akhir)):
        response = client.get(url, {"bulan": diminta})
        assert response.status_code == 200 and response.context["bulan"] == f"{dibuka:%Y-%m}", diminta
    # No link leads out of the window (asked again: built afresh, not the page kept for anonymous visitors).
    cache.clear()
    assert client.get(url, {"bulan": f"{awal:%Y-%m}"}).context["bulan_sebelum"] == ""
    assert client.get(url, {"bulan": f"{akhir:%Y-%m}"}).context["bulan_sesudah"] == ""


def test_kalender_seratus_event_per_halaman(client, dua_wilayah):
    hari_ini = timezone.localdate()
    pertama = hari_ini.replace(day=1)
    Event.objects.bulk_create([
        Event(nama=f"Pasar {i:03d}", kelurahan=dua_wilayah["kel_a"], kategori=EventFactory.build().kategori, tanggal_mulai=pertama, tanggal_selesai=pertama)
        for i in range(130)
    ])  # fmt: skip
    url = reverse("wisata:publik-kalender")
    body = client.get(url, {"bulan": f"{hari_ini:%Y-%m}"}).content.decode()
    assert body.count("Pasar ") == 100 and "Pasar 099" in body and "Pasar 100" not in body
    body = client.get(url, {"bulan": f"{hari_ini:%Y-%m}", "halaman": "2"}).content.decode()
    assert body.count("Pasar ") == 30 and "Pasar 129" in body
    assert client.get(url, {"bulan": f"{hari_ini:%Y-%m}", "halaman": "x%00"}).status_code == 200


def _isi(kelurahan_list, per_kelurahan):
    hari_ini = timezone.localdate()
    for kel in kelurahan_list:
        for i in range(per_kelurahan):
            EventFactory(kelurahan=kel, tanggal_mulai=hari_ini + datetime.timedelta(days=i), tahunan=i % 3 == 0)


@pytest.mark.parametrize("nama_url", ["wisata:publik-ics", "wisata:publik-kalender"])
def test_304_bila_tidak_berubah_tanpa_kueri(client, dua_wilayah, django_assert_num_queries, nama_url):
    _isi([dua_wilayah["kel_a"], dua_wilayah["kel_b"]], 3)
    url = reverse(nama_url)
    pertama = client.get(url)
    assert pertama.status_code == 200 and pertama["ETag"] and pertama["Last-Modified"]
    with django_assert_num_queries(0):  # the kept tanda (wilayah.publik): nothing of the page is built
        kedua = client.get(url, HTTP_IF_NONE_MATCH=pertama["ETag"])
    assert kedua.status_code == 304 and kedua.content == b""
    lupakan_tanda(TANDA_EVENT)  # as when the kept tanda expires
    with django_assert_num_queries(1):  # the aggregate, once
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=pertama["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"lain"').status_code == 200


@pytest.mark.parametrize("nama_url", ["wisata:publik-ics", "wisata:publik-kalender"])
def test_perubahan_penghapusan_atau_pembatalan_memberi_halaman_baru(client, dua_wilayah, nama_url):
    _isi([dua_wilayah["kel_a"]], 4)
    url = reverse(nama_url)
    etag = client.get(url)["ETag"]
    event = Event.objects.order_by("pk").first()
    event.nama = "Nama Baru"
    event.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    etag = response["ETag"]
    Event.objects.order_by("pk").last().delete()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    etag = response["ETag"]
    event.status = StatusEvent.BATAL
    event.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_penghapusan_menggeser_last_modified(client, dua_wilayah):
    _isi([dua_wilayah["kel_a"]], 2)
    url = reverse("wisata:publik-ics")
    lama = client.get(url)["Last-Modified"]
    Event.objects.filter(pk__in=Event.objects.order_by("pk").values("pk")[:1]).first().delete()
    # Last-Modified has a resolution of one second: compare the parsed times.
    baru = client.get(url)["Last-Modified"]
    assert parse_http_date(baru) >= parse_http_date(lama)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(parse_http_date(baru) - 1)).status_code == 200


def test_kalender_pengguna_masuk_selalu_dibangun(client, bappeda, dua_wilayah):
    """A signed-in visitor's page has their menu and CSRF token: no ETag, never a 304."""
    _isi([dua_wilayah["kel_a"]], 2)
    client.force_login(bappeda)
    response = client.get(reverse("wisata:publik-kalender"))
    assert response.status_code == 200 and not response.has_header("ETag")
    assert client.get(reverse("wisata:publik-kalender"), HTTP_IF_NONE_MATCH="*").status_code == 200


def test_feed_dan_kalender_kueri_tetap_di_dua_ukuran(client, db, django_assert_num_queries):
    """The same queries for 2 kelurahan x 3 events and 10 x 12, and the feed is stable byte for byte."""
    kecil = [KelurahanFactory() for _ in range(2)]
    _isi(kecil, 3)
    hitung = {}
    for nama_url in ("wisata:publik-ics", "wisata:publik-kalender"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(nama_url)).status_code == 200
        hitung[nama_url] = len(ctx)
    _isi([KelurahanFactory() for _ in range(8)] + kecil, 9)
    for nama_url, n in hitung.items():
        with django_assert_num_queries(n):
            assert client.get(reverse(nama_url)).status_code == 200
    a, b = client.get(reverse("wisata:publik-ics")).content, client.get(reverse("wisata:publik-ics")).content
    assert a == b, "DTSTAMP is the record's change time, not the request's"
    assert len(Calendar.from_ical(a).walk("VEVENT")) == 10 * 9 + 2 * 3


def test_ics_ditulis_langsung_terurai_dan_dilipat(client, dua_wilayah):
    """The feed is written without the icalendar package (2 ms an event): it still parses, with escaping
    and lines folded at 75 octets, never inside a character."""
    nama = "Festival, Seni; Budaya \\ Kampung " + "é" * 60
    EventFactory(nama=nama, kelurahan=dua_wilayah["kel_a"], tanggal_mulai=timezone.localdate(), deskripsi="Baris satu\nBaris dua", tahunan=True)
    isi = client.get(reverse("wisata:publik-ics")).content
    assert all(len(b) <= 75 for b in isi.split(b"\r\n")), "folded at 75 octets"
    isi.decode()  # no character cut in two
    event = Calendar.from_ical(isi).walk("VEVENT")[0]
    assert str(event["summary"]) == nama and "Baris satu\nBaris dua" in str(event["description"])
    assert event["rrule"]["FREQ"] == ["YEARLY"] and event.decoded("dtstamp") is not None


@pytest.mark.parametrize("nama_url", ["wisata:publik-ics", "wisata:publik-kalender"])
def test_pengunjung_anonim_berikutnya_mendapat_yang_tersimpan_sampai_data_berubah(client, dua_wilayah, django_assert_num_queries, nama_url):
    """A new anonymous visitor (no ETag to send) gets the page or feed built once for this state of the
    data: no query (the tanda is kept too), the same bytes and headers. A change of the events gives a new key."""
    cache.clear()
    _isi([dua_wilayah["kel_a"], dua_wilayah["kel_b"]], 3)
    url = reverse(nama_url)
    pertama = client.get(url)
    with django_assert_num_queries(0):
        kedua = client.get(url)
    assert kedua.status_code == 200 and kedua.content == pertama.content
    for kepala in ("ETag", "Last-Modified", "Content-Type"):
        assert kedua[kepala] == pertama[kepala]
    if nama_url == "wisata:publik-ics":
        assert kedua["Content-Disposition"] == pertama["Content-Disposition"]
    event = Event.objects.filter(tanggal_mulai=timezone.localdate()).order_by("pk").first()
    event.nama = "Festival Layang Layang Pesisir"
    event.save()
    ketiga = client.get(url)
    assert ketiga.status_code == 200 and ketiga["ETag"] != pertama["ETag"]
    assert b"Festival Layang Layang Pesisir" in ketiga.content


def test_yang_tersimpan_tidak_diberikan_kepada_pengguna_masuk(client, bappeda, dua_wilayah):
    cache.clear()
    _isi([dua_wilayah["kel_a"]], 2)
    url = reverse("wisata:publik-kalender")
    anonim = client.get(url)
    assert b"/masuk/" in anonim.content
    client.force_login(bappeda)
    masuk = client.get(url)
    assert masuk.content != anonim.content and b'name="csrfmiddlewaretoken"' in masuk.content
