"""Coverage, monthly figures and target progress on hand-made data."""

import datetime

import pytest

from tests.factories import KelurahanFactory, RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory
from wisata.models import StatusDestinasi, StatusEvent, TargetProgram
from wisata.ringkasan import progres_target, proyeksi, ringkasan_bulanan, tiga_bulan_lalu, total_kota

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def data(dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    rw_a = [RWFactory(kelurahan=kel_a, nomor=n) for n in (1, 2, 3, 4)]
    rw_b = [RWFactory(kelurahan=kel_b, nomor=n) for n in (1, 2)]
    # kel_a RW 1: two active destinations (counts once); RW 2: potensi only; RW 3: in development;
    # RW 4: active only from July (not covered in June); kel_b RW 1: one active.
    DestinasiFactory(kelurahan=kel_a, rw=rw_a[0], tanggal_aktif=D(2025, 3, 1), baru=True)
    DestinasiFactory(kelurahan=kel_a, rw=rw_a[0], tanggal_aktif=D(2025, 6, 10), baru=True)
    DestinasiFactory(kelurahan=kel_a, rw=rw_a[1], status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    DestinasiFactory(kelurahan=kel_a, rw=rw_a[2], status=StatusDestinasi.PENGEMBANGAN, tanggal_aktif=None)
    DestinasiFactory(kelurahan=kel_a, rw=rw_a[3], tanggal_aktif=D(2025, 7, 5), baru=False)
    DestinasiFactory(kelurahan=kel_b, rw=rw_b[0], tanggal_aktif=D(2024, 12, 1), baru=True)
    EventFactory(kelurahan=kel_a, tanggal_mulai=D(2025, 6, 1), tanggal_selesai=D(2025, 6, 2), tahunan=True, status=StatusEvent.TERLAKSANA, pengunjung=500, umkm_terlibat=12, transaksi=7_500_000)
    EventFactory(kelurahan=kel_a, tanggal_mulai=D(2025, 6, 20), status=StatusEvent.TERLAKSANA, pengunjung=100, transaksi=1_000_000)
    EventFactory(kelurahan=kel_a, tanggal_mulai=D(2025, 6, 25), status=StatusEvent.BATAL, pengunjung=999)
    EventFactory(kelurahan=kel_a, tanggal_mulai=D(2025, 7, 1))
    EventFactory(kelurahan=kel_b, tanggal_mulai=D(2025, 6, 30), tanggal_selesai=D(2025, 7, 2), tahunan=True)
    return dua_wilayah


# Five queries: the year's TargetProgram (the city targets every row carries), the kelurahan with
# their RW count, covered RWs, destinations (month and year to date), events (month and year to date).
QUERIES_RINGKASAN = 5


def test_ringkasan_bulan_per_kelurahan(data, django_assert_num_queries):
    kel_a, kel_b = data["kel_a"], data["kel_b"]
    with django_assert_num_queries(QUERIES_RINGKASAN):
        hasil = ringkasan_bulanan(2025, 6)
    a, b = hasil[kel_a.pk], hasil[kel_b.pk]
    assert (a.jumlah_rw, a.rw_tercakup, a.persen_rw, a.rw_belum) == (4, 1, 25.0, 3)
    assert (a.destinasi_aktif, a.destinasi_pengembangan, a.destinasi_potensi) == (2, 2, 1)  # RW 4 not yet active in June
    assert a.destinasi_baru_aktif_bulan_ini == 1
    assert (a.event_bulan_ini, a.event_tahunan_bulan_ini, a.event_terlaksana_bulan_ini) == (2, 1, 2)  # cancelled left out
    assert (a.pengunjung, a.umkm_terlibat, a.transaksi) == (600, 12, 8_500_000)
    assert (b.jumlah_rw, b.rw_tercakup, b.event_bulan_ini, b.transaksi) == (2, 1, 1, 0)
    juli = ringkasan_bulanan(2025, 7)[kel_a.pk]
    assert (juli.rw_tercakup, juli.destinasi_aktif) == (2, 3)
    total = total_kota(hasil)
    assert (total["jumlah_rw"], total["rw_tercakup"], total["persen_rw"], total["event_bulan_ini"]) == (6, 2, 33.3, 3)
    assert total["rw_belum"] == 4  # the kelurahan panel links the gap list with this count
    assert a.as_dict()["persen_rw"] == 25.0
    # year to date (June): kel_a's two 'baru' destinations active since March and June; its annual
    # event of June 1; kel_b's destination became active in 2024 (not this year), its annual event is June 30
    assert (a.rw_tanpa_destinasi, a.destinasi_baru_tahun_ini, a.event_tahunan_tahun_ini) == (3, 2, 1)
    assert (b.rw_tanpa_destinasi, b.destinasi_baru_tahun_ini, b.event_tahunan_tahun_ini) == (1, 0, 1)
    # no TargetProgram for 2025: every row carries the defaults; one set by Bappeda is read instead
    bawaan = TargetProgram(tahun=2025)
    assert (a.target_destinasi_baru, a.target_event_tahunan, a.target_rw_persen) == (
        bawaan.target_destinasi_baru, bawaan.target_event_tahunan, bawaan.target_rw_persen
    )
    TargetProgram.objects.create(tahun=2025, target_destinasi_baru=7, target_event_tahunan=3, target_rw_persen=80)
    b2 = ringkasan_bulanan(2025, 6)[kel_b.pk]
    assert (b2.target_destinasi_baru, b2.target_event_tahunan, b2.target_rw_persen) == (7, 3, 80)


def test_ringkasan_query_tetap_untuk_banyak_kelurahan(data, django_assert_num_queries):
    for i in range(15):
        kel = KelurahanFactory(kecamatan=data["kec_a"], kode=f"35.74.04.2{i:03d}")
        rw = RWFactory(kelurahan=kel, nomor=1)
        DestinasiFactory(kelurahan=kel, rw=rw, tanggal_aktif=D(2025, 5, 1))
        EventFactory(kelurahan=kel, tanggal_mulai=D(2025, 6, 3))
    with django_assert_num_queries(QUERIES_RINGKASAN):
        hasil = ringkasan_bulanan(2025, 6)
    assert len(hasil) == 17
    assert sum(r.rw_tercakup for r in hasil.values()) == 17


def test_progres_target_dan_proyeksi(data, django_assert_max_num_queries):
    TargetProgram.objects.create(tahun=2025, target_destinasi_baru=5, target_event_tahunan=4, target_rw_persen=100)
    with django_assert_max_num_queries(6):
        p = progres_target(2025, hari_ini=D(2025, 7, 15))
    butir = {b.kode: b for b in p.butir}
    # new & active in 2025: RW1's two (baru); RW4's is not 'baru'; kel_b's became active in 2024
    assert butir["destinasi_baru"].tercapai == 2
    assert butir["destinasi_baru"].laju_3_bulan == 1  # 10 June is within (15 April, 15 July]
    assert butir["destinasi_baru"].tanggal_proyeksi == D(2025, 7, 15) + datetime.timedelta(days=274)  # 3 left at 1/3 a month: 9 months
    assert butir["event_tahunan"].tercapai == 2 and butir["event_tahunan"].laju_3_bulan == 2
    # RWs: 6 in all, covered by 15 July: kel_a RW1 (since March), RW4 (July), kel_b RW1 (Dec 2024)
    assert (butir["rw_tercakup"].target, butir["rw_tercakup"].tercapai) == (6, 3)
    assert butir["rw_tercakup"].laju_3_bulan == 1
    assert p.event_per_bulan[5]["jumlah"] == 3 and p.event_per_bulan[6]["jumlah"] == 1 and p.event_per_bulan[5]["persen"] == 100


def test_laju_nol_belum_terjangkau_dan_target_bawaan(data):
    p = progres_target(2025, hari_ini=D(2025, 12, 31))
    butir = {b.kode: b for b in p.butir}
    assert p.target.pk is None and butir["destinasi_baru"].target == 100 and butir["event_tahunan"].target == 100
    assert butir["destinasi_baru"].laju_3_bulan == 0
    assert butir["destinasi_baru"].tanggal_proyeksi is None


def test_proyeksi():
    hari = D(2025, 1, 1)
    assert proyeksi(target=10, tercapai=10, laju_3_bulan=0, hari_ini=hari) == hari
    assert proyeksi(target=10, tercapai=4, laju_3_bulan=0, hari_ini=hari) is None
    assert proyeksi(target=10, tercapai=4, laju_3_bulan=6, hari_ini=hari) == hari + datetime.timedelta(days=92)  # 3 months
    assert tiga_bulan_lalu(D(2025, 5, 31)) == D(2025, 2, 28)
    assert tiga_bulan_lalu(D(2025, 2, 10)) == D(2024, 11, 10)


def test_lewat_registri_angka_sama_dan_kelurahan_ids(data, django_assert_num_queries):
    from wilayah.ringkasan import program, rekap_kecamatan, rekap_kota

    kel_a, kel_b = data["kel_a"], data["kel_b"]
    wisata = program("wisata")
    with django_assert_num_queries(QUERIES_RINGKASAN):
        lewat_registri = wisata.ringkasan_bulanan(2025, 6)
    langsung = ringkasan_bulanan(2025, 6)
    assert {k: v.as_dict() for k, v in lewat_registri.items()} == {k: v.as_dict() for k, v in langsung.items()}
    a = lewat_registri[kel_a.pk]
    assert (a.rw_tercakup, a.persen_rw, a.destinasi_aktif, a.transaksi) == (1, 25.0, 2, 8_500_000)
    with django_assert_num_queries(QUERIES_RINGKASAN):
        hanya_b = wisata.ringkasan_bulanan(2025, 6, kelurahan_ids=[kel_b.pk])
    assert list(hanya_b) == [kel_b.pk] and hanya_b[kel_b.pk].as_dict() == langsung[kel_b.pk].as_dict()
    kota = rekap_kota(wisata.indikator, lewat_registri)
    assert (kota["jumlah_rw"], kota["rw_tercakup"], kota["persen_rw"], kota["transaksi"]) == (6, 2, 33.3, 8_500_000)
    assert {k: v for k, v in total_kota(langsung).items() if k != "rw_belum"} == kota
    kecamatan = rekap_kecamatan(wisata.indikator, lewat_registri)
    assert kecamatan[data["kec_a"].pk]["persen_rw"] == 25.0 and kecamatan[data["kec_b"].pk]["persen_rw"] == 50.0
