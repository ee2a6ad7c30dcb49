"""The public side (issue 15): an anonymous visitor's home at "/", the calendar's empty month and month names,
and each event's own public page."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user
from tests.wisata.factories import DestinasiFactory, EventFactory
from wilayah.periode import tambah_bulan
from wilayah.roles import OPERATOR_KELURAHAN
from wilayah.views import beranda
from wisata.kalender import acara_mendatang, jendela, mulai_berikutnya
from wisata.models import StatusDestinasi, StatusEvent

pytestmark = pytest.mark.django_db


def _bulan_depan(n: int, hari: int = 10) -> datetime.date:
    return tambah_bulan(timezone.localdate().replace(day=1), n).replace(day=hari)


# --------------------------------------------------------------------------- the public home


def test_pengunjung_anonim_mendapat_beranda_publik_di_akar(client, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    DestinasiFactory(kelurahan=kel, nama="Kampung Lampion")
    DestinasiFactory(kelurahan=kel, nama="Calon Wisata Rahasia", status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    besok = timezone.localdate() + datetime.timedelta(days=1)
    e = EventFactory(kelurahan=kel, nama="Festival Mangga", tanggal_mulai=besok, tanggal_selesai=besok)
    EventFactory(kelurahan=kel, nama="Event Dibatalkan", tanggal_mulai=besok, tanggal_selesai=besok, status=StatusEvent.BATAL)
    response = client.get("/")
    assert response.status_code == 200, response.get("Location")
    body = response.content.decode()
    assert "Kampung Lampion" in body and "Calon Wisata Rahasia" not in body
    assert "Festival Mangga" in body and "Event Dibatalkan" not in body
    assert reverse("wisata:publik-event", args=[e.pk]) in body
    for url in (reverse("wisata:publik-katalog"), reverse("wisata:publik-kalender"), reverse("pud:publik-katalog"),
                reverse("pelatihan:sertifikat-periksa"), reverse("login")):
        assert f'href="{url}"' in body, url
    assert 'id="masuk-petugas"' in body


def test_pengguna_masuk_tetap_diarahkan_ke_beranda_lingkupnya(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("wilayah:kelurahan-detail", args=[dua_wilayah["kel_a"].kode])


def test_pengguna_tanpa_lingkup_tetap_mendapat_halaman_tanpa_lingkup(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="tanpa.lingkup"))
    assert client.get("/").status_code == 403


def test_beranda_publik_dinyatakan_publik():
    assert getattr(beranda, "akses_publik", False)


def test_kunjungan_beranda_murah_dan_tersimpan(client, dua_wilayah, django_assert_num_queries):
    kel = dua_wilayah["kel_a"]
    for i in range(8):
        DestinasiFactory(kelurahan=kel, nama=f"Destinasi {i}")
    besok = timezone.localdate() + datetime.timedelta(days=1)
    for i in range(7):
        EventFactory(kelurahan=kel, nama=f"Event {i}", tanggal_mulai=besok, tanggal_selesai=besok)
    cache.clear()
    # the two tandas, the destinations (ids, rows, photos), their count, this month's events
    with django_assert_num_queries(6):
        pertama = client.get("/")
    assert pertama.status_code == 200 and pertama.content.decode().count('class="list-group-item"') == 5
    with django_assert_num_queries(0):  # kept (wilayah.publik): nothing rebuilt
        kedua = client.get("/")
    assert kedua.content == pertama.content
    with django_assert_num_queries(0):
        assert client.get("/", HTTP_IF_NONE_MATCH=pertama["ETag"]).status_code == 304
    DestinasiFactory(kelurahan=kel, nama="Destinasi Paling Baru", tanggal_aktif=timezone.localdate())
    assert "Destinasi Paling Baru" in client.get("/").content.decode()


def test_beranda_mencari_event_di_bulan_berikutnya_bila_bulan_ini_kosong(client, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    EventFactory(kelurahan=kel, nama="Karnaval Tiga Bulan Lagi", tanggal_mulai=_bulan_depan(3), tanggal_selesai=_bulan_depan(3))
    assert "Karnaval Tiga Bulan Lagi" in client.get("/").content.decode()


# --------------------------------------------------------------------------- next events


def test_mulai_berikutnya_dan_ulangan_tahunan(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    hari = datetime.date(2026, 11, 27)
    akhir = jendela(hari)[1]
    assert mulai_berikutnya(hari, akhir) is None
    EventFactory(kelurahan=kel, nama="Sekali", tanggal_mulai=datetime.date(2027, 3, 5), tanggal_selesai=datetime.date(2027, 3, 5))
    assert mulai_berikutnya(hari, akhir) == datetime.date(2027, 3, 5)
    # an annual event of 2020 on 10 February recurs next on 10 February 2027, before the March event
    EventFactory(kelurahan=kel, nama="Tahunan", tanggal_mulai=datetime.date(2020, 2, 10), tanggal_selesai=datetime.date(2020, 2, 10), tahunan=True)
    assert mulai_berikutnya(hari, akhir) == datetime.date(2027, 2, 10)
    # one of 2019 on 1 December recurs this year, on 1 December 2026
    EventFactory(kelurahan=kel, nama="Desember", tanggal_mulai=datetime.date(2019, 12, 1), tanggal_selesai=datetime.date(2019, 12, 1), tahunan=True)
    assert mulai_berikutnya(hari, akhir) == datetime.date(2026, 12, 1)
    # cancelled events and those after the window do not count
    assert mulai_berikutnya(datetime.date(2027, 3, 6), datetime.date(2027, 3, 31)) is None


def test_acara_mendatang_tanpa_ulangan_dan_yang_sudah_lewat(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    hari = timezone.localdate()
    kemarin = hari - datetime.timedelta(days=1)
    EventFactory(kelurahan=kel, nama="Sudah Lewat", tanggal_mulai=kemarin, tanggal_selesai=kemarin)
    panjang = EventFactory(kelurahan=kel, nama="Dua Bulan", tanggal_mulai=hari, tanggal_selesai=_bulan_depan(1, 20))
    EventFactory(kelurahan=kel, nama="Bulan Depan", tanggal_mulai=_bulan_depan(1), tanggal_selesai=_bulan_depan(1))
    nama = [a.event.nama for a in acara_mendatang(hari, 5)]
    assert nama == ["Dua Bulan", "Bulan Depan"] and panjang.nama in nama


# --------------------------------------------------------------------------- the calendar


def test_bulan_kosong_menunjuk_event_berikutnya(client, dua_wilayah):
    tanggal = _bulan_depan(2, 14)
    EventFactory(kelurahan=dua_wilayah["kel_a"], nama="Pawai Budaya", tanggal_mulai=tanggal, tanggal_selesai=tanggal)
    bulan_ini = timezone.localdate()
    body = client.get(reverse("wisata:publik-kalender"), {"bulan": f"{bulan_ini:%Y-%m}"}).content.decode()
    from wilayah.periode import bulan_tahun, tanggal_id

    assert f"Belum ada event pada {bulan_tahun(bulan_ini.year, bulan_ini.month)}." in body
    assert f"Event berikutnya mulai {tanggal_id(tanggal)}:" in body
    assert f'href="?bulan={tanggal:%Y-%m}">lihat {bulan_tahun(tanggal.year, tanggal.month)}</a>' in body


def test_bulan_kosong_tanpa_event_mendatang(client, dua_wilayah):
    body = client.get(reverse("wisata:publik-kalender")).content.decode()
    assert "Belum ada event mendatang yang tercatat." in body


def test_navigasi_bulan_menyebut_nama_bulan(client, dua_wilayah):
    from wilayah.periode import bulan_tahun

    body = client.get(reverse("wisata:publik-kalender"), {"bulan": f"{_bulan_depan(1):%Y-%m}"}).content.decode()
    ini, depan = timezone.localdate(), _bulan_depan(2)
    assert f"‹ {bulan_tahun(ini.year, ini.month)}</a>" in body
    assert f"{bulan_tahun(depan.year, depan.month)} ›</a>" in body
    assert "&laquo;</a>" not in body.split("pagination")[0] and "&raquo;</a>" not in body.split("pagination")[0]


def test_event_di_kalender_menaut_ke_halamannya(client, dua_wilayah):
    hari = timezone.localdate()
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], nama="Kampung Lampion")
    e = EventFactory(kelurahan=dua_wilayah["kel_a"], nama="Malam Lampion", tanggal_mulai=hari, tanggal_selesai=hari, destinasi=d, penyelenggara="Karang Taruna")
    url = reverse("wisata:publik-event", args=[e.pk])
    assert f'href="{url}"' in client.get(reverse("wisata:publik-kalender")).content.decode()
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and "Malam Lampion" in body and d.get_public_url() in body and "Karang Taruna" in body
    assert f'?bulan={hari:%Y-%m}' in body


def test_halaman_event_publik_hanya_yang_ditampilkan_kalender(client, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    hari = timezone.localdate()
    batal = EventFactory(kelurahan=kel, tanggal_mulai=hari, tanggal_selesai=hari, status=StatusEvent.BATAL)
    lama = EventFactory(kelurahan=kel, tanggal_mulai=datetime.date(2020, 1, 1), tanggal_selesai=datetime.date(2020, 1, 1))
    for e in (batal, lama):
        assert client.get(reverse("wisata:publik-event", args=[e.pk])).status_code == 404


def test_halaman_event_tahunan_menyebut_tanggal_berikutnya(client, dua_wilayah):
    from wilayah.periode import tanggal_id

    hari = timezone.localdate()
    kemarin_dulu = hari - datetime.timedelta(days=2)
    lalu = kemarin_dulu.replace(year=kemarin_dulu.year - 3) if not (kemarin_dulu.month == 2 and kemarin_dulu.day == 29) else kemarin_dulu.replace(year=kemarin_dulu.year - 4)
    e = EventFactory(kelurahan=dua_wilayah["kel_a"], nama="Sedekah Bumi", tanggal_mulai=lalu, tanggal_selesai=lalu, tahunan=True)
    body = client.get(reverse("wisata:publik-event", args=[e.pk])).content.decode()
    assert tanggal_id(lalu.replace(year=hari.year + (1 if kemarin_dulu.year == hari.year else 0))) in body
    assert "berulang setiap tahun" in body


def test_operator_tidak_terpengaruh(client, dua_wilayah):
    """A kelurahan operator opening the public event page sees it too (it is public)."""
    op = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op.publik")
    hari = timezone.localdate()
    e = EventFactory(kelurahan=dua_wilayah["kel_b"], tanggal_mulai=hari, tanggal_selesai=hari)
    client.force_login(op)
    assert client.get(reverse("wisata:publik-event", args=[e.pk])).status_code == 200
