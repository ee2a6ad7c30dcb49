"""The pelatihan monthly figures (pelatihan/ringkasan.py): month boundaries, completion by the one
rule, commitments as of the month's end, the roll-up, the fixed query count, the registry.

The world (kecamatan A: a Kebonsari Wetan; kecamatan B: b Ketapang):

    diklat X (city)  26-28 May 2025: a1 present 3 days (completes), a2 2 days, b1 3 days, one
                     participant from the kecamatan office (no kelurahan row)
    diklat Y (city)  30 May - 2 Jun 2025 (4 days): a3 present 4 days
    diklat Z         cancelled, 27 May: a4 (never counted)
    commitments in a: r1 recorded 28 May due 15 Jun done 10 Jul; r2 recorded 28 May due 31 Aug;
                      r3 recorded 5 Jun due 30 Jun
"""

import datetime as dt

import pytest

from pelatihan.models import Kehadiran, RencanaTindakLanjut, StatusDiklat, StatusHadir
from pelatihan.ringkasan import RingkasanPelatihan, ringkasan_bulanan
from tests.pelatihan.factories import diklat_di, hadir_semua, peserta_di, rencana_di
from wilayah.ringkasan import program, rekap_kota, terdaftar

pytestmark = pytest.mark.django_db
D = dt.date
KEMUDIAN = D(2026, 1, 1)  # "today" for ended months


@pytest.fixture
def dunia(dua_wilayah):
    a, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    x = diklat_di(mulai=D(2025, 5, 26), hari=3)
    y = diklat_di(mulai=D(2025, 5, 30), hari=4, judul="Diklat Y")
    z = diklat_di(mulai=D(2025, 5, 27), hari=1, judul="Diklat Z", status=StatusDiklat.BATAL)
    a1 = hadir_semua(peserta_di(x, a))
    a2 = peserta_di(x, a)
    Kehadiran.objects.bulk_create(Kehadiran(peserta=a2, tanggal=t, status=StatusHadir.HADIR) for t in a2.sesi.hari()[:2])
    Kehadiran.objects.create(peserta=a2, tanggal=a2.sesi.hari()[2], status=StatusHadir.SAKIT)
    hadir_semua(peserta_di(x, b))
    hadir_semua(peserta_di(x, kecamatan=dua_wilayah["kec_a"]))
    hadir_semua(peserta_di(y, a))
    hadir_semua(peserta_di(z, a))
    r1 = rencana_di(a, peserta=a1, tenggat=D(2025, 6, 15), dibuat=D(2025, 5, 28), selesai_pada=D(2025, 7, 10))
    r2 = rencana_di(a, peserta=a1, tenggat=D(2025, 8, 31), dibuat=D(2025, 5, 28))
    r3 = rencana_di(a, peserta=a2, tenggat=D(2025, 6, 30), dibuat=D(2025, 6, 5))
    return {"a": a, "b": b, "r": (r1, r2, r3)}


def test_mei_peserta_diklat_dan_kelulusan(dunia):
    mei = ringkasan_bulanan(2025, 5, hari_ini=KEMUDIAN)
    a, b = mei[dunia["a"].pk], mei[dunia["b"].pk]
    assert (a.peserta, a.diklat, a.peserta_selesai_sesi, a.lulus) == (3, 2, 2, 1)  # a3's session ends in June
    assert a.nilai("persen_lulus") == 50.0
    assert (b.peserta, b.diklat, b.peserta_selesai_sesi, b.lulus) == (1, 1, 1, 1)
    kota = rekap_kota(RingkasanPelatihan.INDIKATOR, mei)
    assert kota["peserta"] == 4 and kota["persen_lulus"] == 66.7  # 2 of 3, not the mean of 50 and 100


def test_juni_sesi_yang_melintasi_bulan(dunia):
    juni = ringkasan_bulanan(2025, 6, hari_ini=KEMUDIAN)[dunia["a"].pk]
    assert (juni.peserta, juni.diklat, juni.peserta_selesai_sesi, juni.lulus) == (1, 1, 1, 1)
    assert ringkasan_bulanan(2025, 4, hari_ini=KEMUDIAN)[dunia["a"].pk].peserta == 0


def test_komitmen_per_akhir_bulan(dunia):
    def rtl(bulan, hari_ini=KEMUDIAN):
        r = ringkasan_bulanan(2025, bulan, hari_ini=hari_ini)[dunia["a"].pk]
        return r.rencana, r.rencana_terbuka, r.rencana_selesai, r.rencana_terlambat

    assert rtl(4) == (0, 0, 0, 0)
    assert rtl(5) == (2, 2, 0, 0)  # r3 recorded in June
    assert rtl(6) == (3, 3, 0, 1)  # r1 overdue; r3 due on the last day is not
    assert rtl(7) == (3, 2, 1, 1)  # r1 done 10 July; r3 overdue
    assert rtl(7, hari_ini=D(2025, 7, 5)) == (3, 3, 0, 2)  # a running month: as of today


def test_tindakan_untuk_yang_terlambat(dunia):
    ind = RingkasanPelatihan.indikator("rencana_terlambat")
    assert "1 komitmen tindak lanjut diklat melewati tenggat" in ind.perlu_tindakan(ringkasan_bulanan(2025, 7, hari_ini=KEMUDIAN)[dunia["a"].pk])
    assert ind.perlu_tindakan(ringkasan_bulanan(2025, 5, hari_ini=KEMUDIAN)[dunia["a"].pk]) is None


def test_memakai_aturan_terbuka_dan_terlambat_model(dunia):
    akhir = D(2025, 6, 30)
    baris = ringkasan_bulanan(2025, 6, hari_ini=KEMUDIAN)[dunia["a"].pk]
    tercatat = RencanaTindakLanjut.objects.filter(kelurahan=dunia["a"], dibuat__lte=akhir)
    assert baris.rencana_terbuka == tercatat.terbuka(akhir).count()
    assert baris.rencana_terlambat == tercatat.terlambat(akhir).count()


def test_kelurahan_ids_dan_jumlah_kueri_tetap(dunia, django_assert_num_queries):
    with django_assert_num_queries(3):
        semua = ringkasan_bulanan(2025, 5, hari_ini=KEMUDIAN)
    for _ in range(5):
        hadir_semua(peserta_di(diklat_di(mulai=D(2025, 5, 5), hari=2), dunia["b"]))
        rencana_di(dunia["b"], dibuat=D(2025, 5, 6))
    with django_assert_num_queries(3):
        ringkasan_bulanan(2025, 5, hari_ini=KEMUDIAN)
    hanya = ringkasan_bulanan(2025, 5, kelurahan_ids=[dunia["a"].pk], hari_ini=KEMUDIAN)
    assert list(hanya) == [dunia["a"].pk] and hanya[dunia["a"].pk] == semua[dunia["a"].pk]


def test_terdaftar_setelah_wisata():
    assert [p.app for p in terdaftar()][-1] == "pelatihan"
    assert program("pelatihan").kelas is RingkasanPelatihan
