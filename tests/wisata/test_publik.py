"""Public pages: no login, only active destinations, no personal data, a fixed number of queries; the .ics feed; kept for anonymous visitors (wilayah.publik)."""

import datetime
import gzip
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import RWFactory, UserFactory
from tests.wisata.factories import DestinasiFactory, EventFactory, FotoDestinasiFactory, kategori
from tests.wisata.test_foto import jpeg_dengan_exif
from wilayah.periode import tanggal_id
from wisata import services
from wisata.kalender import jendela
from wisata.models import JenisPengelola, StatusDestinasi, StatusEvent

pytestmark = pytest.mark.django_db

TELEPON_PRIBADI = "081234567890"
NAMA_PRIBADI = "Bapak Sutrisno Rahasia"


@pytest.fixture
def katalog(dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    pribadi = DestinasiFactory(
        nama="Kebun Mangga Pak Tris", kelurahan=kel_a, pengelola_jenis=JenisPengelola.PERORANGAN, pengelola_nama=NAMA_PRIBADI,
        pengelola_telepon=TELEPON_PRIBADI, kontak_publik="0335-421000", kontak_publik_tampil=False,
    )
    lembaga = DestinasiFactory(
        nama="Sentra Batik Ketapang", kelurahan=kel_b, kategori=kategori("kerajinan"), pengelola_nama="Pokmas Batik Ketapang",
        pengelola_telepon="085700001111", kontak_publik="0335-999888", kontak_publik_tampil=True, harga_tiket=5000,
    )
    potensi = DestinasiFactory(nama="Calon Wisata Sungai", kelurahan=kel_a, status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    pengembangan = DestinasiFactory(nama="Taman Dikembangkan", kelurahan=kel_a, status=StatusDestinasi.PENGEMBANGAN, tanggal_aktif=None)
    return {"pribadi": pribadi, "lembaga": lembaga, "potensi": potensi, "pengembangan": pengembangan}


def _tanpa_data_pribadi(body: str):
    assert TELEPON_PRIBADI not in body and "085700001111" not in body
    assert NAMA_PRIBADI not in body
    assert not re.search(r"\b35\d{14}\b", body), "tidak boleh ada NIK"


def test_katalog_tanpa_login_hanya_aktif_tanpa_data_pribadi(client, katalog):
    response = client.get(reverse("wisata:publik-katalog"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kebun Mangga Pak Tris" in body and "Sentra Batik Ketapang" in body and "Rp 5.000" in body
    assert body.index("Kecamatan Kademangan") < body.index("Sentra Batik Ketapang") < body.index("Kecamatan Kanigaran") < body.index("Kebun Mangga")
    assert "Calon Wisata Sungai" not in body and "Taman Dikembangkan" not in body
    _tanpa_data_pribadi(body)


def test_katalog_menurut_kecamatan_dan_kategori(client, katalog, dua_wilayah):
    body = client.get(reverse("wisata:publik-katalog"), {"kecamatan": dua_wilayah["kec_b"].kode}).content.decode()
    assert "Sentra Batik Ketapang" in body and "Kebun Mangga Pak Tris" not in body
    body = client.get(reverse("wisata:publik-katalog"), {"kategori": "kuliner"}).content.decode()
    assert "Kebun Mangga Pak Tris" in body and "Sentra Batik Ketapang" not in body


def test_halaman_destinasi_publik(client, katalog):
    body = client.get(katalog["pribadi"].get_public_url()).content.decode()
    assert "Kebun Mangga Pak Tris" in body and "Dikelola warga setempat" in body
    assert "0335-421000" not in body  # public contact not marked public
    _tanpa_data_pribadi(body)
    body = client.get(katalog["lembaga"].get_public_url()).content.decode()
    assert "Pokmas Batik Ketapang" in body and "0335-999888" in body
    _tanpa_data_pribadi(body)
    assert client.get(katalog["potensi"].get_public_url()).status_code == 404
    assert client.get(katalog["pengembangan"].get_public_url()).status_code == 404


def _tambah_foto(destinasi):
    admin = UserFactory(username="super_foto", is_superuser=True)
    services.foto_tambah(acting_user=admin, destinasi=destinasi, berkas=SimpleUploadedFile("f.jpg", jpeg_dengan_exif((200, 150))))


def test_jumlah_query_halaman_publik_tetap(client, katalog, dua_wilayah, django_assert_num_queries):
    _tambah_foto(katalog["pribadi"])
    urls = [
        reverse("wisata:publik-katalog"),
        katalog["pribadi"].get_public_url(),
        reverse("wisata:publik-kalender") + "?bulan=2025-08",
        reverse("wisata:publik-ics"),
    ]
    EventFactory(kelurahan=dua_wilayah["kel_a"], destinasi=katalog["pribadi"], tanggal_mulai=datetime.date(2025, 8, 1), tahunan=True)
    hitung = {}
    for url in urls:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        hitung[url] = len(ctx)
    # ten times the data: the same number of queries
    for i in range(10):
        rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=100 + i)
        d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], rw=rw)
        _tambah_foto(d) if i < 3 else None
        EventFactory(kelurahan=dua_wilayah["kel_a"], destinasi=katalog["pribadi"], tanggal_mulai=datetime.date(2025, 8, 2 + i), tahunan=i % 2 == 0)
    for url in urls:
        with django_assert_num_queries(hitung[url]):
            assert client.get(url).status_code == 200
    # the catalogue: its tanda (wilayah.publik), count, the page's keys (ids first), its rows, photos, kecamatan, categories
    assert max(hitung.values()) <= 7


def test_feed_ics_terurai_dan_event_tahunan_berulang(client, dua_wilayah, katalog):
    hari_ini = timezone.localdate()
    tahunan = EventFactory(nama="Grebeg Suro Kampung", kelurahan=dua_wilayah["kel_a"], destinasi=katalog["pribadi"],
                           tanggal_mulai=datetime.date(2024, 7, 7), tanggal_selesai=datetime.date(2024, 7, 8), tahunan=True)
    sekali = EventFactory(nama="Bazar UMKM", kelurahan=dua_wilayah["kel_b"], tanggal_mulai=hari_ini + datetime.timedelta(days=10))
    # The feed's window is the past 3 months and the next 12 (``kalender.jendela``): 40 days ago is in it,
    # a year ago and two years ahead are not.
    EventFactory(nama="Event Bulan Lalu", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=hari_ini - datetime.timedelta(days=40))
    EventFactory(nama="Event Lama", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=hari_ini - datetime.timedelta(days=366))
    EventFactory(nama="Event Jauh", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=hari_ini + datetime.timedelta(days=800))
    EventFactory(nama="Event Batal", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=hari_ini + datetime.timedelta(days=5), status=StatusEvent.BATAL)
    response = client.get(reverse("wisata:publik-ics"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Grebeg Suro Kampung", "Bazar UMKM", "Event Bulan Lalu"}
    g = events["Grebeg Suro Kampung"]
    assert g["rrule"]["FREQ"] == ["YEARLY"]
    assert g.decoded("dtstart") == datetime.date(2024, 7, 7) and g.decoded("dtend") == datetime.date(2024, 7, 9)
    assert "Kebun Mangga Pak Tris" in str(g["location"])
    b = events["Bazar UMKM"]
    assert "rrule" not in b and b.decoded("dtstart") == sekali.tanggal_mulai
    assert str(b["uid"]) != str(g["uid"]) and str(tahunan.pk) in str(g["uid"])
    _tanpa_data_pribadi(response.content.decode())


def test_kalender_menampilkan_event_tahunan_di_bulannya_setiap_tahun(client, dua_wilayah):
    hari_ini = timezone.localdate()
    dua_tahun_lalu = datetime.date(hari_ini.year - 2, hari_ini.month, 17 if hari_ini.month != 2 else 14)
    EventFactory(nama="Festival Kupat", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=dua_tahun_lalu, tanggal_selesai=dua_tahun_lalu + datetime.timedelta(days=1), tahunan=True)
    EventFactory(nama="Lomba Sekali", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=dua_tahun_lalu + datetime.timedelta(days=3))
    EventFactory(nama="Dibatalkan", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=hari_ini.replace(day=2), status=StatusEvent.BATAL)
    body = client.get(reverse("wisata:publik-kalender"), {"bulan": f"{hari_ini:%Y-%m}"}).content.decode()
    assert "Festival Kupat" in body and tanggal_id(dua_tahun_lalu.replace(year=hari_ini.year)) in body
    assert "Lomba Sekali" not in body and "Dibatalkan" not in body
    # Two years back is outside the window: the calendar opens its first month instead, and never a 500.
    response = client.get(reverse("wisata:publik-kalender"), {"bulan": f"{dua_tahun_lalu:%Y-%m}"})
    awal = jendela(hari_ini)[0]
    assert response.context["bulan"] == f"{awal:%Y-%m}" and "Lomba Sekali" not in response.content.decode()
    assert client.get(reverse("wisata:publik-kalender"), {"bulan": "bukan-bulan"}).status_code == 200


def test_event_tahunan_yang_dicatat_ulang_tidak_ganda_di_ics(client, dua_wilayah):
    EventFactory(nama="Festival Kupat", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=datetime.date(2024, 4, 17), tahunan=True)
    EventFactory(nama="Festival Kupat", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=datetime.date(2025, 4, 18), tahunan=True)
    EventFactory(nama="Festival Kupat", kelurahan=dua_wilayah["kel_b"], tanggal_mulai=datetime.date(2025, 5, 1), tahunan=True)
    cal = Calendar.from_ical(client.get(reverse("wisata:publik-ics")).content)
    mulai = sorted(e.decoded("dtstart") for e in cal.walk("VEVENT"))
    assert mulai == [datetime.date(2025, 4, 18), datetime.date(2025, 5, 1)]


# --------------------------------------------------------------------------- kept for anonymous visitors (wilayah.publik)
# no query for the next visitor, a save or delete (or the bulk import) shows at once in this process, filters
# and pages kept apart, the feed gzip-compressed for clients that accept it.

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
