"""The PUD panel on the home pages: the round as it stands today, read through for_user, in a fixed
number of queries."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from pud.models import KategoriKosong, LangkahPUD, PengajuanPUD, StatusPengajuan, StatusSiklus
from pud.panel import PANEL
from tests.factories import KelurahanFactory
from tests.pud.factories import UMKMFactory, pengajuan_berstatus, pengajuan_di, siklus_terbuka, usulan_di

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def panel(client, url) -> str:
    body = client.get(url).content.decode()
    match = re.search(r'id="panel-pud".*?</section>', body, re.S)
    assert match, "the PUD panel is on the page"
    return re.sub(r"\s+", " ", match.group(0))


def test_tanpa_putaran(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    teks = panel(client, dua_wilayah["kel_a"].get_absolute_url())
    assert "Belum ada putaran PUD." in teks and reverse("pud:index") in teks


def test_kelurahan_melihat_status_jadwal_dan_tiga_kategori(client, operator_a, dua_wilayah):
    siklus = siklus_terbuka()
    p = pengajuan_di(dua_wilayah["kel_a"], siklus=siklus, jadwal_fgd=dt.date(2026, 10, 14), jadwal_tempat="Aula Kelurahan")
    usulan_di(p, "agro", umkm=UMKMFactory(kelurahan=dua_wilayah["kel_a"], nama_usaha="Sari Mangga"), produk="Keripik mangga arumanis")
    usulan_di(p, "agro", utama=False)
    KategoriKosong.objects.create(pengajuan=p, kategori="budaya", alasan="Belum ada sanggar.")
    pengajuan_berstatus(dua_wilayah["kel_b"], StatusPengajuan.DIAJUKAN)  # another kecamatan's: never shown here
    client.force_login(operator_a)
    teks = panel(client, dua_wilayah["kel_a"].get_absolute_url())
    assert siklus.nama in teks and "Draf" in teks
    assert "Jadwal FGD: 14 Oktober 2026, Aula Kelurahan" in teks
    assert "Jadwal FGD sudah lewat" in teks  # 14 October passed without an FGD recorded
    assert "Keripik mangga arumanis (Sari Mangga) · 1 alternatif" in teks
    assert "Kerajinan</strong>: <span class=\"text-danger\">usulan utama belum dipilih" in teks
    assert "Budaya</strong>: <span class=\"text-body-secondary\">tidak ada usulan" in teks
    assert "Ketapang" not in teks


def test_kelurahan_dikembalikan_melihat_catatan(client, operator_a, dua_wilayah, camat_a):
    p = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIKEMBALIKAN)
    LangkahPUD.objects.create(pengajuan=p, aksi="kembalikan", dari_status="diajukan", ke_status="dikembalikan", oleh=camat_a, catatan="Lampirkan daftar hadir.")
    client.force_login(operator_a)
    teks = panel(client, dua_wilayah["kel_a"].get_absolute_url())
    assert "Dikembalikan" in teks and "Lampirkan daftar hadir." in teks
    assert "FGD dilaksanakan: 12 Oktober 2026" in teks and "Jadwal FGD sudah lewat" not in teks


def test_kecamatan_dan_kota_melihat_kemajuan(client, camat_a, bappeda, dua_wilayah):
    kec_a = dua_wilayah["kec_a"]
    pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    pengajuan_berstatus(KelurahanFactory(kecamatan=kec_a, kode="35.74.04.1006"), StatusPengajuan.DIVERIFIKASI)
    pengajuan_di(KelurahanFactory(kecamatan=kec_a, kode="35.74.04.1005"))
    pengajuan_berstatus(dua_wilayah["kel_b"], StatusPengajuan.DITETAPKAN)
    client.force_login(camat_a)
    teks = panel(client, kec_a.get_absolute_url())
    assert "3 kelurahan dalam putaran" in teks
    assert "FGD terlaksana</span><span>2 (66,7%)" in teks
    assert "Diajukan kelurahan</span><span>2 (66,7%)" in teks
    assert "Ditetapkan wali kota</span><span>0 (0,0%)" in teks
    assert "1</span> pengajuan menunggu verifikasi kecamatan" in teks
    client.force_login(bappeda)
    teks = panel(client, reverse("wilayah:kota"))
    assert "4 kelurahan dalam putaran" in teks and "Ditetapkan wali kota</span><span>1 (25,0%)" in teks
    assert "1</span> pengajuan terverifikasi menunggu keputusan wali kota" in teks


def test_putaran_terbuka_didahulukan(dua_wilayah, bappeda):
    lama = siklus_terbuka(2025)
    lama.status, lama.ditutup_pada = StatusSiklus.DITUTUP, dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
    lama.save()
    baru = siklus_terbuka(2026)
    request = RequestFactory().get("/")
    request.user = bappeda
    assert PANEL["kota"](request, None)["siklus"] == baru
    baru.delete()
    assert PANEL["kota"](request, None)["siklus"] == lama  # a closed round waiting for its decree


@pytest.mark.parametrize("tingkat", ["kelurahan", "kecamatan", "kota"])
def test_jumlah_kueri_tetap(dua_wilayah, operator_a, camat_a, bappeda, tingkat, django_assert_num_queries):
    user, wilayah = {
        "kelurahan": (operator_a, dua_wilayah["kel_a"]), "kecamatan": (camat_a, dua_wilayah["kec_a"]), "kota": (bappeda, None),
    }[tingkat]
    request = RequestFactory().get("/")
    request.user = user
    p = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIKEMBALIKAN)
    LangkahPUD.objects.create(pengajuan=p, aksi="kembalikan", dari_status="diajukan", ke_status="dikembalikan", oleh=bappeda, catatan="x")
    PANEL[tingkat](request, wilayah)  # the user's scope row is cached from here on

    def hitung():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            PANEL[tingkat](request, wilayah)
        return len(ctx.captured_queries)

    sedikit = hitung()
    for i in range(8):
        kel = KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode=f"35.74.04.{2001 + i}")
        pengajuan_berstatus(kel, StatusPengajuan.DIAJUKAN)
        usulan_di(p, "agro", utama=False)
    assert PengajuanPUD.objects.count() == 9
    assert hitung() == sedikit <= 5
