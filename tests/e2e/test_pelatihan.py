"""A diklat in a real browser, as its organiser runs it: Bappeda records three days of attendance
(one participant misses the second day), issues the certificates, downloads one and the PDF says
who it is for; the one who missed a day gets none; anyone can check the code on the public page.
The attendance page is also used on a phone."""

import io

import pytest
from pypdf import PdfReader

from pelatihan.models import Kehadiran, Peserta
from tests.e2e.conftest import pelanggaran_csp
from tests.factories import PASSWORD, make_user
from tests.pelatihan.factories import diklat_di, peserta_di
from wilayah.roles import BAPPEDA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sesi(browser, live_server):
    """``sesi(user, lebar=1280)``: a page of its own browser context, logged in unless ``user`` is None."""
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


def _tidak_melebar(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_kehadiran_tiga_hari_lalu_sertifikat_diunduh_dan_diperiksa(sesi, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    diklat = diklat_di(judul="Diklat Peningkatan Kapasitas Kasi Pemberdayaan Masyarakat", hari=3)
    siti = peserta_di(diklat, kel, nama="Siti Aminah", jabatan="Kasi Pemberdayaan Masyarakat")
    budi = peserta_di(diklat, kel, nama="Budi Santoso")
    bappeda = make_user(BAPPEDA, username="bappeda.e2e")

    p = sesi(bappeda)
    p.goto(diklat.get_absolute_url())
    p.get_by_role("link", name="Catat kehadiran").click()
    p.wait_for_load_state("networkidle")
    hari = diklat.sesi_set.get().hari()
    for i, tanggal in enumerate(hari):
        p.locator(f"#pilih-hari a[href*='tanggal={tanggal.isoformat()}']").click()
        p.wait_for_load_state("networkidle")
        if i == 1:  # Budi misses the second day
            p.locator(f"#peserta-{budi.pk} input[value=alpa]").check()
        p.get_by_role("button", name="Simpan kehadiran").click()
        p.wait_for_load_state("networkidle")
        assert "tersimpan" in p.locator(".alert-success").first.inner_text()
    assert Kehadiran.objects.filter(peserta=siti, status="hadir").count() == 3
    assert Kehadiran.objects.filter(peserta=budi, status="hadir").count() == 2

    p.goto(diklat.get_absolute_url())
    p.get_by_role("button", name="Terbitkan sertifikat").click()
    p.wait_for_load_state("networkidle")
    siti.refresh_from_db()
    budi.refresh_from_db()
    assert siti.kode_verifikasi and not budi.kode_verifikasi

    p.goto(siti.get_absolute_url())
    tautan = p.get_by_role("link", name="Unduh sertifikat (PDF)")
    respons = p.context.request.get(tautan.get_attribute("href"))
    assert respons.ok and respons.headers["content-type"] == "application/pdf"
    teks = PdfReader(io.BytesIO(respons.body())).pages[0].extract_text()
    assert "Siti Aminah" in teks and siti.nomor_sertifikat in teks and diklat.judul in " ".join(teks.split())
    p.goto(budi.get_absolute_url())
    assert p.get_by_role("link", name="Unduh sertifikat (PDF)").count() == 0

    # The attendance page on a phone: the table fits or scrolls inside its frame.
    hp = sesi(bappeda, lebar=390, tinggi=844)
    hp.goto(f"/pelatihan/diklat/{diklat.pk}/kehadiran/?tanggal={hari[0].isoformat()}")
    _tidak_melebar(hp)
    assert hp.locator(f"#peserta-{siti.pk} input[value=hadir]").is_checked()

    # Anyone checks the printed code, typed in lower case with spaces.
    umum = sesi(None, lebar=390, tinggi=844)
    umum.goto("/")
    umum.get_by_role("link", name="Periksa sertifikat pelatihan").click()  # the public home's button
    umum.wait_for_load_state("networkidle")
    kode = siti.kode_verifikasi
    umum.fill("#kode", f"{kode[:4].lower()} {kode[4:8]} {kode[8:]}")
    umum.locator("main form button[type=submit]").click()
    umum.wait_for_load_state("networkidle")
    isi = umum.locator("main").inner_text()
    assert "asli" in isi and "Siti Aminah" in isi and kel.nama not in isi
    _tidak_melebar(umum)
    assert Peserta.objects.filter(kode_verifikasi__isnull=False).count() == 1
