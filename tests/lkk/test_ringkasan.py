"""ringkasan.py on hand-made data: the coverage table and the monthly figures, in fixed queries."""

import datetime as dt

import pytest

from lkk.models import Jabatan, JenisLembaga
from lkk.ringkasan import ringkasan_bulanan, tabel_cakupan
from tests.factories import KelurahanFactory, RTFactory, RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis

pytestmark = pytest.mark.django_db

PADA = dt.date(2025, 5, 31)


@pytest.fixture
def data(dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    rw_a = [RWFactory(kelurahan=kel_a, nomor=n) for n in (1, 2, 3, 4)]
    RWFactory(kelurahan=kel_b, nomor=1)
    rw, posyandu, lpm = jenis("rw"), jenis("posyandu"), jenis("lpm")
    # kel_a: RW institutions on RW 1, 2, 3 (RW 2's SK has expired, RW 3 has no SK), none on RW 4.
    LembagaFactory(kelurahan=kel_a, jenis=rw, rw=rw_a[0], nama="RW 01")
    LembagaFactory(kelurahan=kel_a, jenis=rw, rw=rw_a[1], nama="RW 02", masa_bakti_mulai=dt.date(2019, 1, 1), masa_bakti_selesai=dt.date(2024, 12, 31))
    LembagaFactory(kelurahan=kel_a, jenis=rw, rw=rw_a[2], nama="RW 03", nomor_sk="", tanggal_sk=None)
    # Two posyandu in RW 1: RW coverage counts RWs, not posyandu.
    LembagaFactory(kelurahan=kel_a, jenis=posyandu, rw=rw_a[0], nama="Posyandu Mawar")
    LembagaFactory(kelurahan=kel_a, jenis=posyandu, rw=rw_a[0], nama="Posyandu Melati", masa_bakti_mulai=dt.date(2020, 7, 1), masa_bakti_selesai=dt.date(2025, 7, 15))
    # A dissolved one does not count.
    LembagaFactory(kelurahan=kel_a, jenis=posyandu, rw=rw_a[3], nama="Posyandu Bubar", status="tidak_aktif")
    lpm_a = LembagaFactory(kelurahan=kel_a, jenis=lpm, nama="LPM A", tanggal_sk=dt.date(2025, 5, 10), masa_bakti_mulai=dt.date(2025, 5, 10), masa_bakti_selesai=dt.date(2030, 5, 9))
    PengurusFactory(lembaga=lpm_a, jabatan=Jabatan.KETUA, masa_mulai=dt.date(2025, 5, 10))
    PengurusFactory(lembaga=lpm_a, masa_mulai=dt.date(2020, 1, 1))  # ended 31 Dec 2024
    PengurusFactory(lembaga=lpm_a, masa_mulai=dt.date(2025, 5, 10), nomor_sk_pemberhentian="1", tanggal_sk_pemberhentian=dt.date(2025, 5, 20))
    # RW 1 has three RT; one has its RT institution.
    rts = [RTFactory(rw=rw_a[0], nomor=n) for n in (1, 2, 3)]
    LembagaFactory(kelurahan=kel_a, jenis=jenis("rt"), rw=rw_a[0], rt=rts[0], nama="RT 01/RW 01")
    # kel_b: one LPM, SK valid.
    LembagaFactory(kelurahan=kel_b, jenis=lpm, nama="LPM B")
    return dua_wilayah


def test_coverage_table_on_hand_made_data(data):
    tabel = tabel_cakupan(pada=PADA)
    ids = {j.kode: j.id for j in tabel.jenis}
    a = tabel.baris[data["kel_a"].pk]
    b = tabel.baris[data["kel_b"].pk]
    assert (a.jumlah_rw, a.jumlah_rt, b.jumlah_rw, b.jumlah_rt) == (4, 3, 1, 0)
    assert (a.per_jenis[ids["rt"]].jumlah, a.per_jenis[ids["rt"]].rt_tanpa, a.per_jenis[ids["rt"]].rw_tanpa) == (1, 2, None)
    assert a.per_jenis[ids["rw"]].rt_tanpa is None
    assert (a.per_jenis[ids["rw"]].jumlah, a.per_jenis[ids["rw"]].sk_berlaku, a.per_jenis[ids["rw"]].rw_tanpa) == (3, 1, 1)
    assert (a.per_jenis[ids["posyandu"]].jumlah, a.per_jenis[ids["posyandu"]].sk_berlaku, a.per_jenis[ids["posyandu"]].rw_tanpa) == (2, 2, 3)
    assert (a.per_jenis[ids["lpm"]].jumlah, a.per_jenis[ids["lpm"]].sk_berlaku, a.per_jenis[ids["lpm"]].rw_tanpa) == (1, 1, None)
    assert b.per_jenis[ids["rw"]].rw_tanpa == 1 and b.per_jenis[ids["lpm"]].jumlah == 1
    assert a.per_jenis[ids["pkk"]].jumlah == 0
    total = dict(zip([j.kode for j in tabel.jenis], tabel.total()))
    assert total["rw"].rw_tanpa == 2 and total["lpm"].jumlah == 2
    # Scoped: only the kelurahan passed.
    from wilayah.models import Kelurahan

    assert list(tabel_cakupan(kelurahan=Kelurahan.objects.filter(pk=data["kel_b"].pk), pada=PADA).baris) == [data["kel_b"].pk]


def test_coverage_table_runs_a_fixed_number_of_queries(data, django_assert_num_queries):
    with django_assert_num_queries(5):
        tabel_cakupan(pada=PADA)
    for i in range(10):
        kel = KelurahanFactory(kecamatan=data["kec_a"], kode=f"35.74.04.{2001 + i}")
        rw = RWFactory(kelurahan=kel, nomor=1)
        LembagaFactory(kelurahan=kel, jenis=jenis("rw"), rw=rw, nama=f"RW {i}")
    JenisLembaga.objects.create(kode="bkm", nama="Badan Keswadayaan Masyarakat", tingkat="kelurahan")
    with django_assert_num_queries(5):
        tabel = tabel_cakupan(pada=PADA)
    assert len(tabel.baris) == 12 and len(tabel.jenis) == 8


def test_monthly_summary_on_hand_made_data(data, django_assert_num_queries):
    with django_assert_num_queries(6):
        hasil = ringkasan_bulanan(2025, 5)
    a = hasil[data["kel_a"].pk]
    assert a.lembaga_aktif == 7
    assert a.lembaga_sk_berlaku == 5  # RW 01, both posyandu, LPM A, RT 01
    assert a.lembaga_masa_bakti_habis == 1  # RW 02
    assert a.lembaga_masa_bakti_segera_habis == 1  # Posyandu Melati, ends 15 July
    assert a.sk_terbit_bulan_ini == 1  # LPM A
    assert a.per_jenis["rw"] == 3 and a.per_jenis["posyandu"] == 2 and a.per_jenis["pkk"] == 0
    assert a.rw_tanpa == {"rw": 1, "posyandu": 3}
    assert a.rt_tanpa == {"rt": 2} and a.jumlah_rt == 3
    assert (a.pengurus_menjabat, a.pengurus_diangkat_bulan_ini, a.pengurus_berhenti_bulan_ini) == (1, 2, 1)
    b = hasil[data["kel_b"].pk]
    assert (b.lembaga_aktif, b.lembaga_sk_berlaku, b.pengurus_menjabat) == (1, 1, 0)
    assert isinstance(a.as_dict(), dict) and a.as_dict()["rw_tanpa"] == {"rw": 1, "posyandu": 3}
    # A month before LPM A existed in its SK: no SK issued then.
    assert ringkasan_bulanan(2025, 4)[data["kel_a"].pk].sk_terbit_bulan_ini == 0


def test_monthly_summary_through_the_registry_and_for_some_kelurahan(data, django_assert_num_queries):
    from wilayah.ringkasan import program, rekap_kota

    lkk = program("lkk")
    langsung = ringkasan_bulanan(2025, 5)
    with django_assert_num_queries(6):
        lewat_registri = lkk.ringkasan_bulanan(2025, 5)
    assert {k: v.as_dict() for k, v in lewat_registri.items()} == {k: v.as_dict() for k, v in langsung.items()}
    a = lewat_registri[data["kel_a"].pk]
    assert (a.lembaga_aktif, a.lembaga_sk_berlaku, a.pengurus_menjabat, a.rw_tanpa) == (7, 5, 1, {"rw": 1, "posyandu": 3})
    with django_assert_num_queries(6):
        hanya_b = lkk.ringkasan_bulanan(2025, 5, kelurahan_ids=[data["kel_b"].pk])
    assert list(hanya_b) == [data["kel_b"].pk] and hanya_b[data["kel_b"].pk].as_dict() == langsung[data["kel_b"].pk].as_dict()
    kota = rekap_kota(lkk.indikator, lewat_registri)
    assert (kota["lembaga_aktif"], kota["lembaga_sk_berlaku"], kota["persen_sk_berlaku"]) == (8, 6, 75.0)


def test_rw_and_rt_counts_are_not_multiplied_by_a_join(dua_wilayah):
    """A kelurahan with 2 RW of 3 RT each and lembaga on them: 2 RW and 6 RT, counted by one subquery per
    table (a kelurahan x RW x RT join counts 6 rows per RW and 2 per RT unless it sorts them out with DISTINCT)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kel = dua_wilayah["kel_b"]
    rws = [RWFactory(kelurahan=kel, nomor=n) for n in (1, 2)]
    rts = [RTFactory(rw=rw, nomor=n) for rw in rws for n in (1, 2, 3)]
    LembagaFactory(kelurahan=kel, jenis=jenis("rw"), rw=rws[0], nama="RW 01")
    LembagaFactory(kelurahan=kel, jenis=jenis("rt"), rw=rws[0], rt=rts[0], nama="RT 01/RW 01")
    LembagaFactory(kelurahan=kel, jenis=jenis("rt"), rw=rws[1], rt=rts[3], nama="RT 01/RW 02")
    with CaptureQueriesContext(connection) as ctx:
        tabel = tabel_cakupan(pada=PADA)
    ids = {j.kode: j.id for j in tabel.jenis}
    b = tabel.baris[kel.pk]
    assert (b.jumlah_rw, b.jumlah_rt) == (2, 6)
    assert b.per_jenis[ids["rw"]].rw_tanpa == 1 and b.per_jenis[ids["rt"]].rt_tanpa == 4
    assert (tabel.baris[dua_wilayah["kel_a"].pk].jumlah_rw, tabel.baris[dua_wilayah["kel_a"].pk].jumlah_rt) == (0, 0)
    bulanan = ringkasan_bulanan(2025, 5)[kel.pk]
    assert (bulanan.jumlah_rw, bulanan.jumlah_rt, bulanan.rt_tanpa["rt"]) == (2, 6, 4)
    # No query joins the kelurahan to their RW and RT to count them back with DISTINCT (the fan-out).
    kelurahan_sql = [q["sql"] for q in ctx.captured_queries if 'FROM "wilayah_kelurahan"' in q["sql"]]
    assert kelurahan_sql and not any("DISTINCT" in sql.upper() or '"wilayah_rt"' in sql for sql in kelurahan_sql)
