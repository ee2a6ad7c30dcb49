"""Bad input: a clear Indonesian message and nothing written (form, service and database)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory, kategori
from wisata import services
from wisata.models import Destinasi, Event, StatusDestinasi

pytestmark = pytest.mark.django_db


def _event_post(kelurahan, **ubah):
    data = {
        "nama": "Festival Mangga",
        "kelurahan": kelurahan.pk,
        "kategori": kategori("kuliner").pk,
        "tanggal_mulai": "2025-08-17",
        "tanggal_selesai": "2025-08-18",
        "status": "terlaksana",
        "pengunjung": "1200",
        "umkm_terlibat": "30",
        "transaksi": "45000000",
    }
    data.update(ubah)
    return data


def test_event_yang_selesai_sebelum_mulai_ditolak_dan_tidak_tersimpan(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-create"), _event_post(dua_wilayah["kel_a"], tanggal_selesai="2025-08-10"))
    assert response.status_code == 200
    assert "tidak boleh sebelum tanggal mulai" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("kolom", ["pengunjung", "umkm_terlibat", "transaksi"])
def test_angka_negatif_ditolak(client, operator_a, dua_wilayah, kolom):
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-create"), _event_post(dua_wilayah["kel_a"], **{kolom: "-5"}))
    assert response.status_code == 200
    assert "lebih besar dari atau sama dengan 0" in response.content.decode()
    assert not Event.objects.exists()


def test_event_sah_tersimpan(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-create"), _event_post(dua_wilayah["kel_a"]))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.transaksi == 45_000_000 and event.kelurahan == dua_wilayah["kel_a"]


def test_database_menolak_tanggal_terbalik_dan_angka_negatif(dua_wilayah):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(kelurahan=dua_wilayah["kel_a"], tanggal_mulai=datetime.date(2025, 5, 2), tanggal_selesai=datetime.date(2025, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=EventFactory(kelurahan=dua_wilayah["kel_a"]).pk).update(pengunjung=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=EventFactory(kelurahan=dua_wilayah["kel_a"]).pk).update(transaksi=-1)


def test_database_menolak_destinasi_aktif_tanpa_tanggal(dua_wilayah):
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Destinasi.objects.filter(pk=d.pk).update(status=StatusDestinasi.AKTIF)


def _destinasi_post(kelurahan, rw, **ubah):
    data = {
        "nama": "Kampung Batik",
        "kelurahan": kelurahan.pk,
        "rw": rw.pk,
        "kategori": kategori("kerajinan").pk,
        "status": "aktif",
        "tanggal_aktif": "2025-07-01",
        "baru": "on",
        "pengelola_jenis": "lembaga",
        "pengelola_nama": "Pokmas Batik",
        "harga_tiket": "0",
    }
    data.update(ubah)
    return data


def test_destinasi_di_rw_kelurahan_lain_ditolak(client, bappeda, dua_wilayah):
    """Bappeda sees both kelurahan, so the RW choice is valid; the RW/kelurahan mismatch is not."""
    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=2)
    client.force_login(bappeda)
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw_b))
    assert response.status_code == 200
    assert "bukan RW di Kelurahan Kebonsari Wetan" in response.content.decode()
    assert not Destinasi.objects.exists()


def test_operator_tidak_bisa_memilih_rw_kelurahan_lain(client, operator_a, dua_wilayah):
    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=2)
    client.force_login(operator_a)
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw_b))
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Destinasi.objects.exists()


def test_layanan_menolak_rw_kelurahan_lain_dan_kelurahan_di_luar_lingkup(operator_a, bappeda, dua_wilayah):
    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=2)
    d = Destinasi(nama="X", kelurahan=dua_wilayah["kel_a"], rw=rw_b, kategori=kategori(), status="potensi")
    with pytest.raises(ValidationError) as exc:
        services.destinasi_simpan(acting_user=bappeda, destinasi=d)
    assert "rw" in exc.value.message_dict
    d = Destinasi(nama="Y", kelurahan=dua_wilayah["kel_b"], rw=rw_b, kategori=kategori(), status="potensi")
    with pytest.raises(ValidationError) as exc:
        services.destinasi_simpan(acting_user=operator_a, destinasi=d)
    assert "di luar wilayah kerja" in str(exc.value)
    assert not Destinasi.objects.exists()


def test_status_mengisi_tanggalnya(operator_a, dua_wilayah):
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    d = Destinasi(nama="Z", kelurahan=dua_wilayah["kel_a"], rw=rw, kategori=kategori(), status="aktif")
    services.destinasi_simpan(acting_user=operator_a, destinasi=d, hari_ini=datetime.date(2025, 9, 1))
    d.refresh_from_db()
    assert d.tanggal_aktif == datetime.date(2025, 9, 1)
    assert d.tanggal_potensi == d.tanggal_pengembangan == datetime.date(2025, 9, 1)


def test_operator_membuat_destinasi_dan_riwayat_tampil(client, operator_a, dua_wilayah):
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=4)
    client.force_login(operator_a)
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw))
    d = Destinasi.objects.get()
    assert response.status_code == 302
    client.post(reverse("wisata:destinasi-update", args=[d.pk]), _destinasi_post(dua_wilayah["kel_a"], rw, nama="Kampung Batik Tulis"))
    body = client.get(d.get_absolute_url()).content.decode()
    assert "Kampung Batik Tulis" in body
    assert "Riwayat perubahan" in body and "operator_a" in body and "diubah" in body
    assert "nama destinasi: " in body and "Kampung Batik Tulis" in body


def test_pengelola_lkk_harus_di_kelurahan_yang_sama_dan_tampil_di_publik(client, bappeda, dua_wilayah):
    from tests.lkk.factories import LembagaFactory

    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=5)
    lembaga_a = LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Sumber Rejeki")
    lembaga_b = LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="Pokmas Ketapang")
    client.force_login(bappeda)
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw, pengelola_lembaga=lembaga_b.pk, pengelola_nama=""))
    assert response.status_code == 200 and "bukan lembaga di Kelurahan Kebonsari Wetan" in response.content.decode()
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw, pengelola_jenis="perorangan", pengelola_lembaga=lembaga_a.pk, pengelola_nama="Bu Sri"))
    assert response.status_code == 200 and "Pengelola perorangan tidak memilih lembaga" in response.content.decode()
    assert not Destinasi.objects.exists()
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw, pengelola_lembaga=lembaga_a.pk, pengelola_nama=""))
    assert response.status_code == 302
    d = Destinasi.objects.get()
    client.logout()
    assert "Pokmas Sumber Rejeki" in client.get(d.get_public_url()).content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Destinasi.objects.filter(pk=d.pk).update(pengelola_jenis="perorangan")


def test_angka_dampak_hanya_setelah_terlaksana(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-create"), _event_post(dua_wilayah["kel_a"], status="rencana"))
    assert response.status_code == 200 and "Diisi setelah event terlaksana" in response.content.decode()
    assert not Event.objects.exists()
    response = client.post(reverse("wisata:event-create"), _event_post(dua_wilayah["kel_a"], status="rencana", pengunjung="", umkm_terlibat="", transaksi=""))
    assert response.status_code == 302 and Event.objects.get().status == "rencana"
