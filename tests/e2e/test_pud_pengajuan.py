"""The kelurahan's PUD pages on a phone (390 px): nothing overflows sideways (the tables scroll in
their own box, the three categories stack), and the pages run under the Content Security Policy."""

import pytest

from pud.models import KategoriPUD, KriteriaPUD, LangkahPUD, NilaiUsulan, PeranPeserta, PesertaFGD
from tests.factories import make_user
from tests.pud.factories import pengajuan_lengkap, usulan_di
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PANJANG = "Keripik-mangga-manalagi-rasa-original-tanpa-pengawet-kemasan-standing-pouch-250-gram"


def test_halaman_pengajuan_pud_di_ponsel(page, masuk, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    pengajuan = pengajuan_lengkap(kel)
    kriteria = list(KriteriaPUD.objects.filter(siklus=pengajuan.siklus))
    alternatif = usulan_di(pengajuan, KategoriPUD.AGRO, utama=False, produk=PANJANG)
    for k in kriteria:
        NilaiUsulan.objects.create(usulan=alternatif, kriteria=k, skor=4)
    for peran in PeranPeserta:
        PesertaFGD.objects.create(pengajuan=pengajuan, peran=peran, nama=f"Peserta {peran.label} dengan nama yang cukup panjang", jabatan="Kepala Seksi Pemberdayaan Masyarakat Kelurahan")
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="kasi.pud", first_name="Rina", last_name="Kasi Pemmas")
    LangkahPUD.objects.create(pengajuan=pengajuan, aksi="ajukan", dari_status="draf", ke_status="diajukan", oleh=operator, catatan=PANJANG)
    LangkahPUD.objects.create(pengajuan=pengajuan, aksi="tarik", dari_status="diajukan", ke_status="draf", oleh=operator, catatan="Ada yang terlewat.")

    page.set_viewport_size({"width": 390, "height": 844})
    masuk(operator)
    for url in (
        pengajuan.get_absolute_url(),
        alternatif.get_absolute_url(),
        f"/pud/pengajuan/{pengajuan.pk}/langkah/ajukan/",
        f"/pud/pengajuan/{pengajuan.pk}/usulan/tambah/",
        f"/pud/pengajuan/{pengajuan.pk}/berita-acara/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    # the categories stack: each card is as wide as the page's content
    page.goto(pengajuan.get_absolute_url())
    lebar = page.evaluate("[...document.querySelectorAll('#kategori section')].map(e => e.getBoundingClientRect().width)")
    assert len(lebar) == 3 and min(lebar) > 300
