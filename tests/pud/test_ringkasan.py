"""The PUD monthly figures (pud/ringkasan.py) on a hand-made round, month end by month end, their
roll-up to kecamatan and city, the fixed query count, and the monthly report that freezes them.

The world (round 2026; kecamatan A: a1 Kebonsari Wetan, a2 Kebonsari Kulon; kecamatan B: b Ketapang,
c Triwung Lor, a kelurahan added after the round was opened: no pengajuan):

    a1  FGD 14 Sep; agro main + 1 alternative, kerajinan main, budaya declared none;
        submitted 21 Sep, verified 5 Oct, determined 3 Nov (decree of 2 Nov)
    a2  FGD scheduled 17 Sep, not held; 1 UMKM recorded 10 Oct, 1 closed
    b   FGD 16 Sep; agro main; submitted 25 Sep, returned 8 Oct
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from laporan import services as laporan_services
from laporan.models import KUNCI_KOTA, AngkaBulanan, LaporanBulanan, ProsesLaporan
from pud.models import UMKM, KategoriKosong, KategoriPUD, LangkahPUD, PengajuanPUD, StatusPengajuan, Usulan
from pud.ringkasan import RingkasanPUD, ringkasan_bulanan
from tests.factories import KelurahanFactory, make_user
from tests.pud.factories import UMKMFactory, beri_berita_acara, pengajuan_di, siklus_terbuka, usulan_di
from wilayah.ringkasan import program, rekap_kecamatan, rekap_kota, terdaftar
from wilayah.roles import BAPPEDA

pytestmark = pytest.mark.django_db
D = dt.date
TAHUN = 2026


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def pada(tanggal: dt.date, jam: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(jam)))


def catat_dibuat(obj, tanggal: dt.date) -> None:
    type(obj).objects.filter(pk=obj.pk).update(dibuat=pada(tanggal))


def langkah(pengajuan, oleh, *urutan) -> None:
    """The step log (aksi, from, to, date) and the status it leaves, written as the service would have."""
    for aksi, dari, ke, tanggal in urutan:
        LangkahPUD.objects.create(pengajuan=pengajuan, aksi=aksi, dari_status=dari, ke_status=ke, oleh=oleh, pada=pada(tanggal), catatan="uji")
    PengajuanPUD.objects.filter(pk=pengajuan.pk).update(status=urutan[-1][2])


@pytest.fixture
def dunia(dua_wilayah):
    kec_a, kec_b = dua_wilayah["kec_a"], dua_wilayah["kec_b"]
    a1, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    a2 = KelurahanFactory(kode="35.74.04.1006", nama="Kebonsari Kulon", kecamatan=kec_a)
    siklus = siklus_terbuka(TAHUN)
    p_a1, p_a2, p_b = (pengajuan_di(k, siklus=siklus) for k in (a1, a2, b))
    c = KelurahanFactory(kode="35.74.01.1002", nama="Triwung Lor", kecamatan=kec_b)  # after the round opened
    oleh = make_user(BAPPEDA, username="pencatat")

    # a1
    beri_berita_acara(p_a1, tanggal=D(2026, 9, 14))
    umkm_a1 = [UMKMFactory(kelurahan=a1, kategori=k) for k in ("agro", "agro", "kerajinan")]
    for u in umkm_a1:
        catat_dibuat(u, D(2026, 6, 1))
    for umkm, kategori, utama in ((umkm_a1[0], "agro", True), (umkm_a1[1], "agro", False), (umkm_a1[2], "kerajinan", True)):
        catat_dibuat(usulan_di(p_a1, kategori, utama=utama, umkm=umkm), D(2026, 9, 14))
    KategoriKosong.objects.create(pengajuan=p_a1, kategori=KategoriPUD.BUDAYA, alasan="Belum ada kelompok seni berbentuk usaha.")
    PengajuanPUD.objects.filter(pk=p_a1.pk).update(nomor_keputusan="100.3.3.3/1/KEP/425.012/2026", tanggal_keputusan=D(2026, 11, 2))
    langkah(p_a1, oleh,
            ("ajukan", "draf", "diajukan", D(2026, 9, 21)),
            ("verifikasi", "diajukan", "diverifikasi", D(2026, 10, 5)),
            ("tetapkan", "diverifikasi", "ditetapkan", D(2026, 11, 3)))
    # a2
    PengajuanPUD.objects.filter(pk=p_a2.pk).update(jadwal_fgd=D(2026, 9, 17))
    catat_dibuat(UMKMFactory(kelurahan=a2), D(2026, 10, 10))
    catat_dibuat(UMKMFactory(kelurahan=a2, aktif=False), D(2026, 6, 1))
    # b
    beri_berita_acara(p_b, tanggal=D(2026, 9, 16))
    umkm_b = UMKMFactory(kelurahan=b)
    catat_dibuat(umkm_b, D(2026, 7, 1))
    catat_dibuat(usulan_di(p_b, "agro", umkm=umkm_b), D(2026, 9, 16))
    langkah(p_b, oleh,
            ("ajukan", "draf", "diajukan", D(2026, 9, 25)),
            ("kembalikan", "diajukan", "dikembalikan", D(2026, 10, 8)))
    return {"a1": a1, "a2": a2, "b": b, "c": c, "kec_a": kec_a, "kec_b": kec_b}


def bulan(n: int, **kwargs) -> dict[int, RingkasanPUD]:
    return ringkasan_bulanan(TAHUN, n, hari_ini=kwargs.pop("hari_ini", D(2026, 12, 15)), **kwargs)


def test_status_pada_akhir_bulan_dari_log_langkah(dunia):
    a1 = dunia["a1"].pk
    ringkas = {n: bulan(n)[a1] for n in (8, 9, 10, 11)}
    assert [(r.status_pengajuan, r.fgd_terlaksana, r.diajukan, r.diverifikasi, r.ditetapkan) for r in ringkas.values()] == [
        ("draf", 0, 0, 0, 0),  # August: before the FGD
        ("diajukan", 1, 1, 0, 0),
        ("diverifikasi", 1, 1, 1, 0),  # the decree of 3 November does not change October
        ("ditetapkan", 1, 1, 1, 1),
    ]
    assert [(r.status_agro, r.status_kerajinan, r.pud_ditetapkan) for r in ringkas.values()] == [
        ("belum", "belum", 0), ("diajukan", "diajukan", 0), ("diverifikasi", "diverifikasi", 0), ("ditetapkan", "ditetapkan", 2),
    ]
    assert {r.status_budaya for r in list(ringkas.values())[1:]} == {"tidak_ada"}
    # nominations recorded by the month's end
    assert [(r.usulan_utama, r.usulan_alternatif) for r in ringkas.values()] == [(0, 0), (2, 1), (2, 1), (2, 1)]
    assert (ringkas[9].fgd_bulan_ini, ringkas[10].fgd_bulan_ini, ringkas[9].tanggal_fgd, ringkas[8].tanggal_fgd) == (1, 0, D(2026, 9, 14), None)
    assert ringkas[11].as_dict()["tahap_agro"] == 4 and ringkas[11].as_dict()["tahap_budaya"] == 0
    assert ringkas[10].as_dict()["tahap_agro"] == 3 and ringkas[9].nilai("persen_diajukan") == 100.0


def test_dikembalikan_dan_fgd_terlewat_perlu_tindakan(dunia):
    b, a2 = dunia["b"].pk, dunia["a2"].pk
    sep, okt = bulan(9), bulan(10)
    assert (sep[b].status_pengajuan, sep[b].diajukan, sep[b].dikembalikan) == ("diajukan", 1, 0)
    assert (okt[b].status_pengajuan, okt[b].diajukan, okt[b].dikembalikan, okt[b].status_agro) == ("dikembalikan", 0, 1, "usulan")
    tindakan = RingkasanPUD.indikator("dikembalikan")
    assert tindakan.perlu_tindakan(sep[b]) is None
    with translation.override("id"):
        assert "dikembalikan kecamatan" in tindakan.perlu_tindakan(okt[b])
    # a2: scheduled 17 September, never held
    assert (bulan(8)[a2].fgd_terlewat, sep[a2].fgd_terlewat, okt[a2].fgd_terlewat) == (0, 1, 1)
    assert RingkasanPUD.indikator("fgd_terlewat").perlu_tindakan(okt[a2])
    # while September runs, the 17th is only missed once it is over
    assert bulan(9, hari_ini=D(2026, 9, 17))[a2].fgd_terlewat == 0
    assert bulan(9, hari_ini=D(2026, 9, 18))[a2].fgd_terlewat == 1
    # a kelurahan that held its FGD has nothing missed
    assert okt[dunia["a1"].pk].fgd_terlewat == 0 and okt[dunia["a1"].pk].dikembalikan == 0


def test_umkm_tercatat_pada_akhir_bulan(dunia):
    a2 = dunia["a2"].pk
    sep, okt = bulan(9), bulan(10)
    assert (sep[a2].umkm, okt[a2].umkm, okt[a2].umkm_baru_bulan_ini, sep[a2].umkm_baru_bulan_ini) == (0, 1, 1, 0)  # the closed one never counts
    assert (okt[dunia["a1"].pk].umkm, okt[dunia["b"].pk].umkm, bulan(6)[dunia["b"].pk].umkm) == (3, 1, 0)


def test_tanpa_putaran_dan_kelurahan_di_luar_putaran(dunia):
    tanpa_putaran = ringkasan_bulanan(2027, 1, hari_ini=D(2027, 2, 15))  # no round opened for 2027 yet
    assert set(tanpa_putaran) == {dunia[k].pk for k in ("a1", "a2", "b", "c")}
    for r in tanpa_putaran.values():
        assert (r.ikut_putaran, r.status_pengajuan, r.status_agro, r.usulan_utama, r.target_persen) == (0, "", "tanpa_putaran", 0, None)
    assert tanpa_putaran[dunia["a1"].pk].umkm == 3  # UMKM are not bound to a round
    assert all(r.ikut_putaran == 0 for r in ringkasan_bulanan(2025, 10).values())
    c = bulan(10)[dunia["c"].pk]
    assert (c.ikut_putaran, c.status_budaya, c.nilai("persen_fgd")) == (0, "tanpa_putaran", 0.0)
    # no round, no target: a city read against nothing
    assert RingkasanPUD.indikator("persen_fgd").nilai_target_kota(tanpa_putaran.values()) is None
    assert RingkasanPUD.indikator("persen_fgd").nilai_target_kota(bulan(10).values()) == 100


def test_rekap_kecamatan_dan_kota_menurut_aturan(dunia):
    okt = bulan(10)
    indikator = RingkasanPUD.INDIKATOR
    kota = rekap_kota(indikator, okt)
    # sums
    assert (kota["ikut_putaran"], kota["fgd_terlaksana"], kota["diajukan"], kota["diverifikasi"], kota["ditetapkan"]) == (3, 2, 1, 1, 0)
    assert (kota["usulan_utama"], kota["usulan_alternatif"], kota["umkm"], kota["dikembalikan"], kota["fgd_terlewat"]) == (3, 1, 5, 1, 1)
    # shares of the kelurahan taking part (c, outside the round, is not counted)
    assert (kota["persen_fgd"], kota["persen_diajukan"], kota["persen_diverifikasi"], kota["persen_ditetapkan"]) == (66.7, 33.3, 33.3, 0.0)
    kecamatan = rekap_kecamatan(indikator, okt)
    a, b = kecamatan[dunia["kec_a"].pk], kecamatan[dunia["kec_b"].pk]
    assert (a["persen_fgd"], a["persen_diverifikasi"], a["fgd_terlewat"]) == (50.0, 50.0, 1)
    assert (b["ikut_putaran"], b["persen_fgd"], b["persen_diajukan"], b["dikembalikan"]) == (1, 100.0, 0.0, 1)
    nov = rekap_kota(indikator, bulan(11))
    assert (nov["ditetapkan"], nov["pud_ditetapkan"], nov["persen_ditetapkan"]) == (1, 2, 33.3)


def test_jumlah_kueri_tetap_untuk_2_dan_10_kelurahan(dua_wilayah, django_assert_num_queries):
    hari_ini = timezone.localdate()  # rows are recorded now: count this month's
    siklus = siklus_terbuka(hari_ini.year)
    for kel in (dua_wilayah["kel_a"], dua_wilayah["kel_b"]):
        p = beri_berita_acara(pengajuan_di(kel, siklus=siklus))
        usulan_di(p, "agro")
    with django_assert_num_queries(3):
        dua = ringkasan_bulanan(hari_ini.year, hari_ini.month)
    for i in range(8):
        kel = KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode=f"35.74.04.{2001 + i}")
        p = beri_berita_acara(pengajuan_di(kel, siklus=siklus, jadwal_fgd=hari_ini.replace(day=1)))
        for kategori in KategoriPUD.values:
            usulan_di(p, kategori)
            usulan_di(p, kategori, utama=False)
        UMKMFactory(kelurahan=kel)
    with django_assert_num_queries(3):
        sepuluh = ringkasan_bulanan(hari_ini.year, hari_ini.month)
    assert len(dua) == 2 and len(sepuluh) == 10
    assert sum(r.usulan_utama for r in sepuluh.values()) == 2 + 8 * 3
    ids = list(sepuluh)[:5]
    with django_assert_num_queries(3):
        lima = ringkasan_bulanan(hari_ini.year, hari_ini.month, kelurahan_ids=ids)
    assert list(lima) == ids and all(lima[k].as_dict() == sepuluh[k].as_dict() for k in ids)


def test_terdaftar_sesudah_kader_dan_lkk():
    assert [p.app for p in terdaftar()][:3] == ["kader", "lkk", "pud"]
    assert program("pud").kelas is RingkasanPUD and program("pud").fungsi is ringkasan_bulanan


def test_laporan_bulanan_membekukan_angka_pud(dunia):
    proses = laporan_services.laporan_mulai(tahun=TAHUN, bulan=10, sumber="perintah")
    proses = laporan_services.jalankan_langsung(proses.pk, kirim_surel=False)
    assert proses.status == ProsesLaporan.Status.SELESAI, proses.pesan

    def angka(kunci) -> AngkaBulanan:
        return AngkaBulanan.objects.get(laporan__kunci_wilayah=kunci, laporan__tahun=TAHUN, laporan__bulan=10, laporan__terbaru=True, program="pud")

    a1, b = angka(dunia["a1"].kode), angka(dunia["b"].kode)
    assert (a1.nilai["diverifikasi"], a1.nilai["ditetapkan"], a1.nilai["usulan_utama"], a1.nilai["persen_diverifikasi"]) == (1, 0, 2, 100.0)
    assert (a1.baris["status_agro"], a1.baris["tahap_agro"], a1.baris["status_budaya"], a1.baris["tanggal_fgd"]) == ("diverifikasi", 3, "tidak_ada", "2026-09-14")
    assert a1.tindakan == []
    assert len(b.tindakan) == 1 and "dikembalikan" in b.tindakan[0]
    assert len(angka(dunia["a2"].kode).tindakan) == 1  # the missed FGD
    # kecamatan and city rolled up from the frozen rows, read against 100 %
    kota = angka(KUNCI_KOTA)
    assert (kota.nilai["fgd_terlaksana"], kota.nilai["persen_fgd"], kota.nilai["persen_diajukan"]) == (2, 66.7, 33.3)
    assert kota.target["persen_fgd"] == 100 and kota.target["persen_ditetapkan"] == 100
    assert angka(dunia["kec_b"].kode).nilai["persen_fgd"] == 100.0
    # the report's files were made with the PUD section
    assert LaporanBulanan.objects.filter(status=LaporanBulanan.Status.SELESAI).count() == LaporanBulanan.objects.count()
    # figures frozen: a later change leaves October's report alone
    Usulan.objects.filter(pengajuan__kelurahan=dunia["a1"]).delete()
    UMKM.objects.filter(kelurahan=dunia["a1"]).update(aktif=False)
    assert angka(dunia["a1"].kode).nilai["usulan_utama"] == 2 and angka(dunia["a1"].kode).nilai["umkm"] == 3
    assert StatusPengajuan.DITETAPKAN == PengajuanPUD.objects.get(kelurahan=dunia["a1"]).status
