"""The PUD round in a real browser, as the people in it act: the kasi Pemmas records the FGD,
uploads the signed berita acara and submits; the camat returns it with a reason; the kasi
corrects and resubmits; the camat verifies; Bappeda determines it with the decree number; the
product appears in the public catalogue."""

import pytest

from pud.models import KategoriPUD, LangkahPUD, PengajuanPUD, StatusPengajuan
from tests.berkas import pdf_bytes
from tests.e2e.conftest import pelanggaran_csp
from tests.factories import PASSWORD, make_user
from tests.pud.factories import UMKMFactory, pengajuan_di, siklus_terbuka
from wilayah.roles import BAPPEDA, CAMAT, OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sesi(browser, live_server):
    """``sesi(user, width=1280)``: a logged-in page of its own browser context (one per person)."""
    dibuka = []

    def _sesi(user, *, lebar=1280, tinggi=900):
        context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": lebar, "height": tinggi})
        context.set_default_timeout(15_000)
        page = context.new_page()
        ditolak = pelanggaran_csp(page)
        dibuka.append((context, ditolak))
        if user is not None:
            page.goto("/masuk/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.locator("main button[type=submit]").click()
            page.wait_for_load_state("networkidle")
        return page

    yield _sesi
    for context, ditolak in dibuka:
        context.close()
        assert ditolak == [], ditolak


def _langkah(page, nama, *, catatan=None, isi=None):
    page.get_by_role("link", name=nama).first.click()
    page.wait_for_load_state("networkidle")
    if catatan is not None:
        page.fill("textarea[name=catatan]", catatan)
    for nama_field, nilai in (isi or {}).items():
        page.fill(f"[name={nama_field}]", nilai)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def _tidak_melebar(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_putaran_pud_dari_fgd_sampai_katalog(sesi, dua_wilayah, tmp_path):
    kel = dua_wilayah["kel_a"]
    siklus_terbuka()
    pengajuan = pengajuan_di(kel)
    umkm = {k: UMKMFactory(kelurahan=kel, kategori=k, nama_usaha=f"UMKM {k.label}", kontak_publik="@umkm", kontak_publik_tampil=True) for k in KategoriPUD}
    kasi = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="pemmas.e2e")
    camat = make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat.e2e")
    bappeda = make_user(BAPPEDA, username="bappeda.e2e")
    scan = tmp_path / "berita-acara-ttd.pdf"
    scan.write_bytes(pdf_bytes("Berita acara FGD PUD ditandatangani"))

    # The kasi Pemmas, on a phone: record the FGD, upload the signed scan, nominate, submit.
    p = sesi(kasi, lebar=390, tinggi=844)
    p.goto("/pud/")
    assert p.url.endswith(pengajuan.get_absolute_url())
    _tidak_melebar(p)
    p.locator(f"a[href='/pud/pengajuan/{pengajuan.pk}/berita-acara/']").first.click()
    p.wait_for_load_state("networkidle")
    p.fill("[name=tanggal_fgd]", "2026-11-12")
    p.fill("[name=tempat_fgd]", "Ruang Pertemuan Bappeda Litbang")
    p.fill("[name=nomor_berita_acara]", "005/12/425.104.04/2026")
    p.set_input_files("input[name=berita_acara]", str(scan))
    p.locator("main form button[type=submit]").last.click()
    p.wait_for_load_state("networkidle")
    assert p.url.endswith(pengajuan.get_absolute_url()), p.url
    for kategori, u in umkm.items():
        p.goto(f"/pud/pengajuan/{pengajuan.pk}/usulan/tambah/")
        p.select_option("select[name=kategori]", value=kategori.value)
        p.select_option("select[name=umkm]", value=str(u.pk))
        p.fill("[name=produk]", f"Produk {kategori.label} Probolinggo")
        p.check("input[name=utama]")
        p.locator("main form button[type=submit]").last.click()
        p.wait_for_load_state("networkidle")
    p.goto(pengajuan.get_absolute_url())
    _tidak_melebar(p)
    _langkah(p, "Ajukan ke kecamatan")
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).status == StatusPengajuan.DIAJUKAN

    # The camat returns it with a reason.
    c = sesi(camat)
    c.goto(pengajuan.get_absolute_url())
    assert c.get_by_role("link", name="Verifikasi").count() >= 1
    _langkah(c, "Kembalikan ke kelurahan", catatan="Nama produk kerajinan belum sesuai berita acara.")
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).status == StatusPengajuan.DIKEMBALIKAN

    # The kasi reads the reason, corrects the nomination and submits again.
    p.goto(pengajuan.get_absolute_url())
    assert "Nama produk kerajinan belum sesuai berita acara." in p.content()
    kerajinan = pengajuan.usulan_set.get(kategori=KategoriPUD.KERAJINAN, utama=True)
    p.goto(f"/pud/usulan/{kerajinan.pk}/ubah/")
    p.fill("[name=produk]", "Tas anyaman pandan")
    p.locator("main form button[type=submit]").last.click()
    p.wait_for_load_state("networkidle")
    p.goto(pengajuan.get_absolute_url())
    _langkah(p, "Ajukan ke kecamatan")

    # The camat verifies.
    c.goto(pengajuan.get_absolute_url())
    _langkah(c, "Verifikasi")
    assert PengajuanPUD.objects.get(pk=pengajuan.pk).status == StatusPengajuan.DIVERIFIKASI

    # Bappeda determines it with the decree.
    b = sesi(bappeda)
    b.goto(pengajuan.get_absolute_url())
    _langkah(b, "Tetapkan dengan keputusan wali kota", isi={"nomor_keputusan": "100.3.3.3/45/KEP/425.012/2026", "tanggal_keputusan": "2026-11-20"})
    akhir = PengajuanPUD.objects.get(pk=pengajuan.pk)
    assert akhir.status == StatusPengajuan.DITETAPKAN and akhir.nomor_keputusan == "100.3.3.3/45/KEP/425.012/2026"
    assert list(LangkahPUD.objects.filter(pengajuan=akhir).order_by("pk").values_list("aksi", "oleh__username")) == [
        ("ajukan", "pemmas.e2e"), ("kembalikan", "camat.e2e"), ("ajukan", "pemmas.e2e"), ("verifikasi", "camat.e2e"), ("tetapkan", "bappeda.e2e"),
    ]

    # Anyone, without logging in, finds the product.
    publik = sesi(None, lebar=1280)
    publik.goto("/")
    publik.get_by_role("link", name="Produk Unggulan").first.click()
    publik.wait_for_load_state("networkidle")
    assert publik.url.endswith("/pud/produk/") and "/masuk/" not in publik.url
    teks = publik.locator("main").inner_text()
    assert "Tas anyaman pandan" in teks and "UMKM Agro" in teks
    _tidak_melebar(publik)
