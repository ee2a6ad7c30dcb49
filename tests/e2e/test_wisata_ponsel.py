"""Issue 15 at phone width (390 x 844): the kasi Pemmas adds a destination with its photo in one form, the
tourism ranking keeps its % column on screen, and the public home. Screenshots (``SCREENSHOT_DIR``) are named wisata-*."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from tests.e2e.conftest import masuk_sebagai, pelanggaran_csp, tangkap
from tests.factories import RWFactory, make_user
from tests.wisata.factories import DestinasiFactory, EventFactory, pastikan_kategori
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN
from wisata import services
from wisata.models import Destinasi, FotoDestinasi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



def gambar(warna=(40, 140, 90), format="JPEG") -> bytes:
    img = Image.new("RGB", (800, 600), warna)
    ImageDraw.Draw(img).rectangle((100, 100, 700, 500), outline=(255, 255, 255), width=12)
    keluar = io.BytesIO()
    img.save(keluar, format=format)
    return keluar.getvalue()



def dalam_layar(page, selector) -> bool:
    """Every element of ``selector`` lies within the viewport's width (no horizontal scrolling needed)."""
    return page.evaluate(
        "(s) => [...document.querySelectorAll(s)].every(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; })",
        selector,
    )


def test_kasi_pemmas_menambah_destinasi_dengan_foto_di_ponsel(ponsel, dua_wilayah):
    pastikan_kategori()
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=2)
    kasi = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="kasi.pemmas")
    page = ponsel
    masuk_sebagai(page, kasi)
    page.goto(f"/wisata/kelurahan/{kel.kode}/")
    page.get_by_role("link", name="Tambah destinasi RW 02").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Tambah destinasi wisata"
    assert page.locator("select[name=rw]").input_value() == str(rw.pk)
    page.fill("input[name=nama]", "Kampung Lampion")
    page.select_option("select[name=kategori]", label="Seni budaya")
    page.select_option("select[name=status]", value="aktif")
    page.select_option("select[name=pengelola_jenis]", value="lembaga")
    page.fill("input[name=pengelola_nama]", "Karang Taruna RW 02")
    # first a file that is no picture: refused, nothing written, the summary on top says so
    page.set_input_files("input[name=foto]", files=[{"name": "gapura.jpg", "mimeType": "image/jpeg", "buffer": b"%PDF-1.4 bukan gambar" * 20}])
    page.locator("main").get_by_role("button", name="Simpan").click()
    page.wait_for_load_state("networkidle")
    ringkasan = page.locator("#ringkasan-galat")
    assert ringkasan.is_visible() and "gapura.jpg" in ringkasan.inner_text()
    assert page.evaluate("document.activeElement && document.activeElement.id") == "ringkasan-galat"
    tangkap(page, "wisata-1-foto-ditolak")
    assert not Destinasi.objects.exists() and not FotoDestinasi.objects.exists()
    # the typed fields are kept; the photo is chosen again, a real one now
    assert page.locator("input[name=nama]").input_value() == "Kampung Lampion"
    page.set_input_files("input[name=foto]", files=[{"name": "gapura.jpg", "mimeType": "image/jpeg", "buffer": gambar()}])
    page.fill("input[name=keterangan_foto]", "Gapura kampung")
    page.locator("input[name=foto]").scroll_into_view_if_needed()
    tangkap(page, "wisata-2-form-dengan-foto")
    page.locator("main").get_by_role("button", name="Simpan").click()
    page.wait_for_load_state("networkidle")
    d = Destinasi.objects.get(nama="Kampung Lampion")
    foto = d.foto_set.get()
    assert page.url.endswith(d.get_absolute_url())
    assert "Destinasi Kampung Lampion tersimpan dengan 1 foto." in page.content()
    img = page.locator(f"img[src$='/wisata/foto/{foto.pk}/thumbnail/']")
    assert img.is_visible() and page.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle())
    assert "Karang Taruna RW 02" in page.locator("#pengelola").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    tangkap(page, "wisata-3-destinasi-tersimpan", full_page=True)


def test_peringkat_wisata_kolom_persen_terlihat_di_ponsel(ponsel, dua_wilayah):
    kec = dua_wilayah["kec_a"]
    for i in range(3):
        DestinasiFactory(kelurahan=dua_wilayah["kel_a"], nama=f"Destinasi {i}")
    camat = make_user(CAMAT, kecamatan=kec, username="camat.wisata")
    page = ponsel
    masuk_sebagai(page, camat)
    page.goto("/wisata/")
    sel = page.locator("td.kolom-persen")
    assert sel.count() >= 1
    assert dalam_layar(page, "td.kolom-persen") and dalam_layar(page, "th.kolom-persen")
    assert page.locator("td.kolom-persen").first.inner_text().strip().startswith(("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
    tangkap(page, "wisata-peringkat-390", full_page=True)


def test_beranda_publik_di_ponsel_dan_desktop(browser, live_server, dua_wilayah):
    pastikan_kategori()
    kel = dua_wilayah["kel_a"]
    admin = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="op.foto")
    for i, (nama, warna) in enumerate((("Kampung Lampion", (180, 60, 40)), ("Pasar Kuliner Malam", (40, 90, 160)), ("Sentra Batik", (120, 40, 140)))):
        d = DestinasiFactory(kelurahan=kel, nama=nama)
        from django.core.files.uploadedfile import SimpleUploadedFile

        services.foto_tambah(acting_user=admin, destinasi=d, berkas=SimpleUploadedFile("a.jpg", gambar(warna)))
    hari = timezone.localdate()
    for i, nama in enumerate(("Festival Mangga", "Malam Lampion", "Pawai Budaya")):
        t = hari + datetime.timedelta(days=3 + 9 * i)
        EventFactory(kelurahan=kel, nama=nama, tanggal_mulai=t, tanggal_selesai=t + datetime.timedelta(days=i))
    for lebar, tinggi, nama in ((1280, 800, "1280"), (390, 844, "390")):
        context = browser.new_context(base_url=live_server.url, viewport={"width": lebar, "height": tinggi}, is_mobile=lebar < 500, locale="id-ID")
        page = context.new_page()
        ditolak = pelanggaran_csp(page)
        page.goto("/")
        assert "/masuk/" not in page.url
        assert page.locator("h1").inner_text() == "Portal Pemberdayaan Masyarakat Kota Probolinggo"
        assert page.locator("#masuk-petugas").is_visible()
        assert page.get_by_role("link", name="Produk UMKM").is_visible() and page.get_by_role("link", name="Periksa sertifikat pelatihan").is_visible()
        assert page.locator("#event-mendatang li").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        tangkap(page, f"wisata-beranda-publik-{nama}", full_page=True)
        # an event opens its own page, which leads back to its month in the calendar
        page.get_by_role("link", name="Festival Mangga").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().startswith("Festival Mangga")
        page.get_by_role("link", name="Kalender", exact=False).first.click()
        page.wait_for_load_state("networkidle")
        assert "/wisata/jelajah/event/" in page.url
        if lebar < 500:
            tangkap(page, "wisata-kalender-390", full_page=True)
        context.close()
        assert ditolak == [], ditolak
