"""The public calendar, .ics feed and destination catalogue kept for anonymous visitors (wilayah.publik):
no query for the next visitor, a save or delete (or the bulk import) shows at once in this process,
filters and pages kept apart, the feed gzip-compressed for clients that accept it."""

import datetime
import gzip

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory, FotoDestinasiFactory, kategori
from tests.wisata.test_publik import katalog  # noqa: F401 (fixture)
from wisata import services
from wisata.models import StatusDestinasi

pytestmark = pytest.mark.django_db

KATALOG = reverse("wisata:publik-katalog")
KALENDER = reverse("wisata:publik-kalender")
ICS = reverse("wisata:publik-ics")


def _event(kelurahan, **kwargs):
    return EventFactory(kelurahan=kelurahan, tanggal_mulai=timezone.localdate(), **kwargs)


@pytest.mark.parametrize("url", [KATALOG, KALENDER, ICS])
def test_pengunjung_anonim_berikutnya_tanpa_kueri(client, katalog, dua_wilayah, django_assert_num_queries, url):
    _event(dua_wilayah["kel_a"], destinasi=katalog["pribadi"])
    pertama = client.get(url)
    with django_assert_num_queries(0):
        kedua = client.get(url)
    assert kedua.status_code == 200 and kedua.content == pertama.content and kedua["ETag"] == pertama["ETag"]
    with django_assert_num_queries(0):
        assert client.get(url, HTTP_IF_NONE_MATCH=pertama["ETag"]).status_code == 304


@pytest.mark.parametrize("url", [KALENDER, ICS])
def test_simpan_event_atau_destinasi_langsung_mengubah_etag(client, katalog, dua_wilayah, url):
    event = _event(dua_wilayah["kel_a"], destinasi=katalog["pribadi"])
    etag = client.get(url)["ETag"]
    event.nama = "Festival Perahu Hias"
    event.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag and b"Festival Perahu Hias" in response.content
    etag = response["ETag"]
    katalog["pribadi"].status = StatusDestinasi.PENGEMBANGAN  # withdrawn: no longer named
    katalog["pribadi"].save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag and b"Kebun Mangga Pak Tris" not in response.content


def test_impor_massal_langsung_mengubah_etag(client, dua_wilayah, operator_a):
    """The import writes with bulk_create (no post_save): its service forgets the kept tanda itself."""
    _event(dua_wilayah["kel_a"])
    etag = client.get(KALENDER)["ETag"]
    baru = EventFactory.build(nama="Pawai Budaya Massal", kelurahan=dua_wilayah["kel_a"], kategori=kategori("seni-budaya"), tanggal_mulai=timezone.localdate())
    services.event_simpan_massal(acting_user=operator_a, baru=[baru], diubah=[], kolom=set())
    response = client.get(KALENDER, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"Pawai Budaya Massal" in response.content


def test_katalog_berubah_dengan_destinasi_dan_foto(client, katalog, dua_wilayah):
    etag = client.get(KATALOG)["ETag"]
    baru = DestinasiFactory(nama="Pantai Permata Baru", kelurahan=dua_wilayah["kel_a"], rw=RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=90))
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"Pantai Permata Baru" in response.content
    etag = response["ETag"]
    foto = FotoDestinasiFactory(destinasi=baru)
    alamat_foto = reverse("wisata:publik-foto-kecil", args=[foto.pk]).encode()
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and alamat_foto in response.content
    etag = response["ETag"]
    foto.delete()
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and alamat_foto not in response.content
    etag = response["ETag"]
    baru.delete()
    response = client.get(KATALOG, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"Pantai Permata Baru" not in response.content


def test_katalog_saringan_disimpan_terpisah(client, katalog):
    semua = client.get(KATALOG).content.decode()
    kerajinan = client.get(KATALOG, {"kategori": "kerajinan"}).content.decode()
    assert "Kebun Mangga Pak Tris" in semua and "Kebun Mangga Pak Tris" not in kerajinan and "Sentra Batik Ketapang" in kerajinan
    assert client.get(KATALOG).content.decode() == semua


def test_katalog_pengguna_masuk_tidak_disimpan(client, katalog, bappeda):
    anonim = client.get(KATALOG)
    client.force_login(bappeda)
    response = client.get(KATALOG)
    assert response.status_code == 200 and not response.has_header("ETag") and response.content != anonim.content


def test_ics_gzip_terurai_sama_dengan_teks_polos(client, dua_wilayah):
    for i in range(30):
        _event(dua_wilayah["kel_a"], nama=f"Event Gzip {i}", tahunan=i % 2 == 0)
    padat = client.get(ICS, HTTP_ACCEPT_ENCODING="gzip, deflate")
    polos = client.get(ICS)
    assert padat["Content-Encoding"] == "gzip" and "Accept-Encoding" in padat["Vary"] and padat["Content-Type"] == polos["Content-Type"]
    assert not polos.has_header("Content-Encoding") and polos.content.startswith(b"BEGIN:VCALENDAR")
    assert gzip.decompress(padat.content) == polos.content and len(padat.content) < len(polos.content) / 3
    assert padat["Content-Disposition"] == polos["Content-Disposition"]


def test_kalender_bulan_lain_halaman_sendiri(client, dua_wilayah):
    hari_ini = timezone.localdate()
    depan = (hari_ini.replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    _event(dua_wilayah["kel_a"], nama="Event Bulan Ini")
    EventFactory(kelurahan=dua_wilayah["kel_a"], nama="Event Bulan Depan", tanggal_mulai=depan)
    ini = client.get(KALENDER).content
    lain = client.get(KALENDER, {"bulan": f"{depan:%Y-%m}"}).content
    assert b"Event Bulan Ini" in ini and b"Event Bulan Depan" in lain and b"Event Bulan Ini" not in lain
