"""RW coverage on the kelurahan page follows the monthly figures' rule; ranking; the calendar's
annual recurrence and series."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory
from wisata.kalender import acara_bulan, tanpa_ulangan_tahunan
from wisata.models import Destinasi, StatusDestinasi
from wisata.ringkasan import RingkasanKelurahan, cakupan_rw, peringkat, ringkasan_bulanan

pytestmark = pytest.mark.django_db
D = datetime.date


def test_destinasi_aktif_mulai_besok_belum_menutup_rw_di_halaman_dan_ringkasan(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    hari_ini = timezone.localdate()
    besok = hari_ini + datetime.timedelta(days=1)
    rw = {n: RWFactory(kelurahan=kel, nomor=n) for n in (1, 2, 3)}
    DestinasiFactory(kelurahan=kel, rw=rw[1], nama="Kampung Lampion", status=StatusDestinasi.AKTIF, tanggal_aktif=besok)
    DestinasiFactory(kelurahan=kel, rw=rw[2], nama="Pasar Kuliner", tanggal_aktif=hari_ini - datetime.timedelta(days=30))
    client.force_login(operator_a)
    response = client.get(reverse("wisata:kelurahan", args=[kel.kode]))
    assert [r.nomor for r in response.context["rw_tercakup"]] == [2]
    assert [r.nomor for r in response.context["rw_celah"]] == [1, 3]
    body = response.content.decode()
    assert "Kampung Lampion" in body and f"aktif mulai {besok.day}" in body
    bulan_ini = ringkasan_bulanan(hari_ini.year, hari_ini.month)[kel.pk]
    assert bulan_ini.rw_tercakup == len(response.context["rw_tercakup"]) == 1
    assert bulan_ini.persen_rw == response.context["persen"] == 33.3
    assert "1</strong> dari <strong>3</strong> RW punya destinasi aktif" in client.get(kel.get_absolute_url()).content.decode()


def test_ringkasan_bulan_berjalan_sampai_hari_ini(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=1)
    DestinasiFactory(kelurahan=kel, rw=rw, tanggal_aktif=D(2025, 6, 20), baru=True)
    tengah = ringkasan_bulanan(2025, 6, hari_ini=D(2025, 6, 15))[kel.pk]
    assert (tengah.rw_tercakup, tengah.destinasi_aktif, tengah.destinasi_baru_aktif_bulan_ini, tengah.destinasi_pengembangan) == (0, 0, 0, 1)
    selesai = ringkasan_bulanan(2025, 6, hari_ini=D(2025, 7, 1))[kel.pk]  # the report on the 1st of the next month
    assert (selesai.rw_tercakup, selesai.destinasi_aktif, selesai.destinasi_baru_aktif_bulan_ini) == (1, 1, 1)


def test_cakupan_rw_dua_query_dan_menurut_lingkup(dua_wilayah, operator_a, django_assert_num_queries):
    kel = dua_wilayah["kel_a"]
    rws = [RWFactory(kelurahan=kel, nomor=n) for n in range(1, 6)]
    for rw in rws[:3]:
        DestinasiFactory(kelurahan=kel, rw=rw, tanggal_aktif=D(2025, 1, 1))
    DestinasiFactory(kelurahan=kel, rw=rws[3], status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    terlihat = Destinasi.objects.for_user(operator_a)  # reading the user's scope is for_user's own query
    with django_assert_num_queries(2):
        cakupan = cakupan_rw(kel, destinasi=terlihat, pada=D(2025, 6, 1))
        assert [r.nomor for r in cakupan.tercakup] == [1, 2, 3] and [r.nomor for r in cakupan.celah] == [4, 5]
    assert cakupan.persen == 60.0 and cakupan.jumlah_rw == 5
    assert [d.status for d in cakupan.celah[0].lain] == [StatusDestinasi.POTENSI]
    assert cakupan_rw(kel, destinasi=Destinasi.objects.for_user(operator_a), pada=D(2024, 12, 31)).tercakup == []
    assert cakupan_rw(dua_wilayah["kel_b"], destinasi=Destinasi.objects.for_user(operator_a), pada=D(2025, 6, 1)).tercakup == []


def test_peringkat():
    def r(i, nama, tercakup, aktif):
        return RingkasanKelurahan(kelurahan_id=i, kode=str(i), nama=nama, kecamatan="", jumlah_rw=4, rw_tercakup=tercakup, destinasi_aktif=aktif)

    data = {1: r(1, "Sukabumi", 1, 1), 2: r(2, "Jati", 2, 2), 3: r(3, "Curahgrinting", 2, 5), 4: r(4, "Ambil", 1, 1)}
    assert [x.nama for x in peringkat(data)] == ["Curahgrinting", "Jati", "Ambil", "Sukabumi"]


def test_kalender_satu_seri_tahunan_sekali(dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    EventFactory(nama="Festival Kupat", kelurahan=kel_a, tanggal_mulai=D(2024, 4, 17), tanggal_selesai=D(2024, 4, 18), tahunan=True)
    EventFactory(nama=" festival kupat ", kelurahan=kel_a, tanggal_mulai=D(2025, 4, 18), tanggal_selesai=D(2025, 4, 19), tahunan=True)
    EventFactory(nama="Festival Kupat", kelurahan=kel_b, tanggal_mulai=D(2024, 4, 1), tahunan=True)  # another kelurahan: another series
    april_2026 = [(a.event.kelurahan_id, a.mulai, a.selesai) for a in acara_bulan(2026, 4)]
    assert april_2026 == [(kel_b.pk, D(2026, 4, 1), D(2026, 4, 1)), (kel_a.pk, D(2026, 4, 18), D(2026, 4, 19))]
    april_2025 = [(a.event.kelurahan_id, a.mulai) for a in acara_bulan(2025, 4)]
    assert april_2025 == [(kel_b.pk, D(2025, 4, 1)), (kel_a.pk, D(2025, 4, 18))]  # the record of 2025, not 2024's repeated
    assert [a.mulai for a in acara_bulan(2024, 4)] == [D(2024, 4, 1), D(2024, 4, 17)]


def test_kalender_29_februari_dan_lintas_tahun(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    EventFactory(nama="Kabisat", kelurahan=kel, tanggal_mulai=D(2024, 2, 29), tanggal_selesai=D(2024, 3, 1), tahunan=True)
    EventFactory(nama="Malam Tahun Baru", kelurahan=kel, tanggal_mulai=D(2025, 12, 31), tanggal_selesai=D(2026, 1, 1), tahunan=True)
    assert [(a.mulai, a.selesai) for a in acara_bulan(2025, 2)] == [(D(2025, 2, 28), D(2025, 3, 1))]
    assert [(a.mulai, a.selesai) for a in acara_bulan(2028, 2)] == [(D(2028, 2, 29), D(2028, 3, 1))]
    assert [(a.event.nama, a.mulai) for a in acara_bulan(2026, 1)] == [("Malam Tahun Baru", D(2025, 12, 31))]  # its own dates, not moved


def test_tanpa_ulangan_tahunan_menjaga_urutan_dan_event_sekali(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    sekali = EventFactory(nama="Lomba", kelurahan=kel, tanggal_mulai=D(2024, 1, 5))
    sekali_lagi = EventFactory(nama="Lomba", kelurahan=kel, tanggal_mulai=D(2025, 1, 5))
    lama = EventFactory(nama="Kirab", kelurahan=kel, tanggal_mulai=D(2023, 8, 1), tahunan=True)
    baru = EventFactory(nama="KIRAB", kelurahan=kel, tanggal_mulai=D(2025, 8, 1), tahunan=True)
    assert tanpa_ulangan_tahunan([lama, sekali, baru, sekali_lagi]) == [sekali, baru, sekali_lagi]
