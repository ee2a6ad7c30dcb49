"""The PUD demo: made through the services, every stage present, made once."""

import pytest
from django.utils import timezone

from pud import demo
from pud.models import UMKM, LangkahPUD, PengajuanPUD, Siklus, StatusPengajuan, Usulan
from pud.ringkasan import ringkasan_bulanan
from wilayah import demo as demo_wilayah

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def status(kode: str) -> str:
    return PengajuanPUD.objects.get(kelurahan__kode=kode).status


def test_demo_pud_setiap_tahap_dan_idempoten():
    demo_wilayah.muat_demo()
    demo.muat_demo()
    jumlah = (UMKM.objects.count(), Usulan.objects.count(), LangkahPUD.objects.count(), PengajuanPUD.objects.count())
    demo.muat_demo()
    assert (UMKM.objects.count(), Usulan.objects.count(), LangkahPUD.objects.count(), PengajuanPUD.objects.count()) == jumlah
    siklus = Siklus.objects.get()
    assert siklus.tahun == timezone.localdate().year and siklus.dibuka and jumlah[3] == 29 and jumlah[0] >= 15

    # the demo operator's kelurahan: FGD held, two categories chosen, budaya and the scan still to do
    kw = PengajuanPUD.objects.get(kelurahan__kode="35.74.04.1004")
    assert kw.status == StatusPengajuan.DRAF and kw.tanggal_fgd and not kw.berita_acara
    assert set(kw.usulan_set.filter(utama=True).values_list("kategori", flat=True)) == {"agro", "kerajinan"}
    assert UMKM.objects.filter(kelurahan__kode="35.74.04.1004", kategori="budaya").exists()
    # the camat of Kanigaran has submissions to verify; every other stage is there
    assert {status(k) for k in ("35.74.04.1001", "35.74.04.1003")} == {StatusPengajuan.DIAJUKAN}
    assert status("35.74.04.1002") == StatusPengajuan.DIKEMBALIKAN
    assert status("35.74.04.1006") == status("35.74.03.1004") == StatusPengajuan.DIVERIFIKASI
    ditetapkan = PengajuanPUD.objects.filter(status=StatusPengajuan.DITETAPKAN)
    assert sorted(ditetapkan.values_list("kelurahan__kode", flat=True)) == ["35.74.01.1001", "35.74.03.1001"]
    assert len(set(ditetapkan.values_list("nomor_keputusan", flat=True))) == 1
    assert Usulan.objects.ditetapkan().count() == 5 and all(u.umkm.kontak_publik_tampil for u in Usulan.objects.ditetapkan())
    # each step by the role that owns it, recorded in the past, in order
    camat = LangkahPUD.objects.filter(aksi__in=["verifikasi", "kembalikan"], pengajuan__kelurahan__kecamatan__kode="35.74.04")
    assert set(camat.values_list("oleh__username", flat=True)) == {"camat.kanigaran"}
    assert set(LangkahPUD.objects.filter(aksi="tetapkan").values_list("oleh__username", flat=True)) == {"bappeda"}
    assert not LangkahPUD.objects.filter(pada__date__gte=timezone.localdate()).exists()
    for p in PengajuanPUD.objects.exclude(status=StatusPengajuan.DRAF):
        assert list(p.langkah_set.order_by("pada", "pk").values_list("ke_status", flat=True))[-1] == p.status
    # the missed FGD, and last month's figures have a story to tell
    curah = PengajuanPUD.objects.get(kelurahan__kode="35.74.04.1005")
    assert curah.tanggal_fgd is None and curah.jadwal_fgd < timezone.localdate()
    hari_ini = timezone.localdate()
    sekarang = ringkasan_bulanan(hari_ini.year, hari_ini.month)
    assert sum(r.ditetapkan for r in sekarang.values()) == 2 and sum(r.fgd_terlewat for r in sekarang.values()) == 1
    assert sum(r.fgd_terlaksana for r in sekarang.values()) == 8


def test_operator_demo_dapat_menyelesaikan_dan_mengajukan():
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from pud import services
    from tests.berkas import pdf_bytes

    demo_wilayah.muat_demo()
    demo.muat_demo()
    operator = get_user_model().objects.get(username="pemmas.kebonsariwetan")
    kw = PengajuanPUD.objects.get(kelurahan__kode="35.74.04.1004")
    assert [langkah.kode for langkah in services.langkah_tersedia(operator, kw)] == ["ajukan"]
    assert len(services.kelengkapan_pengajuan(kw)) == 2  # the scan and the budaya category
    sanggar = UMKM.objects.get(kelurahan=kw.kelurahan, kategori="budaya")
    services.usulan_simpan(acting_user=operator, usulan=Usulan(pengajuan=kw, kategori="budaya", umkm=sanggar, produk="Pentas Jaran Bodhag", utama=True))
    kw.berita_acara = ContentFile(pdf_bytes("Berita acara bertanda tangan"), name="ba.pdf")
    services.berita_acara_simpan(acting_user=operator, pengajuan=kw)
    services.pengajuan_langkah(acting_user=operator, pengajuan=kw, aksi="ajukan")
    assert status("35.74.04.1004") == StatusPengajuan.DIAJUKAN
