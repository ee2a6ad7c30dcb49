"""The month lock on wisata (``wilayah.kunci``): an event (with its visitors, UMKM and transactions) counts in the
month it starts, a destination in the month it opened; a write changing a locked month is refused with the
Indonesian message (the form's field, the import's row, the service); history before ``kunci_mulai`` stays open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import RWFactory
from tests.wilayah.factories import kunci_berlaku, tanggal_terbuka, tanggal_terkunci
from tests.wisata.factories import DestinasiFactory, EventFactory, kategori
from tests.wisata.test_impor import baris_baik, xlsx
from wisata import services
from wisata.models import Destinasi, Event, StatusEvent

pytestmark = pytest.mark.django_db

PESAN = "sudah dikunci sejak"


def test_an_event_form_edit_into_a_locked_month_shows_the_message_on_the_field(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=3)
    buka = tanggal_terbuka()
    event = EventFactory(kelurahan=kel, rw=rw, tanggal_mulai=buka, tanggal_selesai=buka)
    kunci_berlaku()
    lama = tanggal_terkunci()
    data = {
        "nama": event.nama, "kelurahan": kel.pk, "rw": rw.pk, "destinasi": "", "kategori": kategori("seni-budaya").pk,
        "tanggal_mulai": lama.isoformat(), "tanggal_selesai": lama.isoformat(), "penyelenggara": "", "lokasi": "", "deskripsi": "",
        "status": "rencana", "pengunjung": "", "umkm_terlibat": "", "transaksi": "", "catatan_dampak": "",
    }  # fmt: skip
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-update", args=[event.pk]), data)
    assert response.status_code == 200
    assert PESAN in response.context["form"].errors["tanggal_mulai"][0]
    assert Event.objects.get().tanggal_mulai == buka


def test_the_figures_of_a_locked_months_event_cannot_change(operator_a, dua_wilayah):
    lama = tanggal_terkunci()
    event = EventFactory(kelurahan=dua_wilayah["kel_a"], tanggal_mulai=lama, tanggal_selesai=lama, status=StatusEvent.TERLAKSANA, pengunjung=100)
    kunci_berlaku()
    event.pengunjung = 5000
    with pytest.raises(ValidationError) as exc:
        services.event_simpan(acting_user=operator_a, event=event)
    assert PESAN in exc.value.message_dict["pengunjung"][0]
    assert Event.objects.get().pengunjung == 100
    event = Event.objects.get()
    event.penyelenggara = "Karang Taruna"  # counts in no figure: allowed
    services.event_simpan(acting_user=operator_a, event=event)
    assert Event.objects.get().penyelenggara == "Karang Taruna"


def test_an_event_import_row_in_a_locked_month_is_refused_and_nothing_is_written(client, operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    kunci_berlaku(mulai=dt.date(2025, 3, 1))
    baik = baris_baik(1)
    baik[4] = baik[5] = tanggal_terbuka()
    sejarah = baris_baik(2)
    sejarah[4] = sejarah[5] = dt.date(2025, 2, 14)  # before the lock applies: history, accepted
    lama = baris_baik(3)
    lama[4] = lama[5] = tanggal_terkunci()
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-impor"), {"berkas": SimpleUploadedFile("e.xlsx", xlsx([baik, sejarah, lama]))})
    galat = response.context["hasil"].galat
    assert [(g.baris, g.kunci) for g in galat] == [(4, "tanggal_mulai")] and PESAN in galat[0].pesan
    assert not response.context["token"] and not Event.objects.exists()


def test_a_destination_opened_in_a_locked_month_is_refused(operator_a, dua_wilayah):
    kunci_berlaku()
    destinasi = DestinasiFactory.build(kelurahan=dua_wilayah["kel_a"], rw=RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=4), tanggal_aktif=tanggal_terkunci())
    with pytest.raises(ValidationError) as exc:
        services.destinasi_simpan(acting_user=operator_a, destinasi=destinasi)
    assert PESAN in exc.value.message_dict["tanggal_aktif"][0]
    assert not Destinasi.objects.exists()
    destinasi.tanggal_aktif = tanggal_terbuka()
    services.destinasi_simpan(acting_user=operator_a, destinasi=destinasi)
    assert Destinasi.objects.count() == 1
