import pytest

from tests.factories import RWFactory, make_user
from tests.wisata.factories import DestinasiFactory, pastikan_kategori
from wilayah.roles import OPERATOR_KELURAHAN
from wisata.models import Destinasi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lurah_menambah_destinasi_dan_rw_keluar_dari_daftar_celah(page, masuk, dua_wilayah):
    pastikan_kategori()
    kel = dua_wilayah["kel_a"]
    rw1 = RWFactory(kelurahan=kel, nomor=1)
    rw2 = RWFactory(kelurahan=kel, nomor=2)
    RWFactory(kelurahan=kel, nomor=3)
    DestinasiFactory(kelurahan=kel, rw=rw1, nama="Pasar Kuliner Malam")
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="lurah.wisata")

    masuk(lurah)
    page.goto("/wisata/")
    assert page.url.endswith(f"/wisata/kelurahan/{kel.kode}/")
    celah = page.locator("#daftar-celah")
    assert celah.locator("[data-rw='2']").count() == 1 and celah.locator("[data-rw='1']").count() == 0

    celah.locator("[data-rw='2']").get_by_role("link", name="Tambah destinasi RW 02").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=rw]").input_value() == str(rw2.pk)
    page.fill("input[name=nama]", "Kampung Lampion")
    page.select_option("select[name=kategori]", label="Seni budaya")
    page.select_option("select[name=status]", value="aktif")
    page.select_option("select[name=pengelola_jenis]", value="lembaga")
    page.fill("input[name=pengelola_nama]", "Karang Taruna RW 02")
    page.locator("main").get_by_role("button", name="Simpan").click()
    page.wait_for_load_state("networkidle")

    d = Destinasi.objects.get(nama="Kampung Lampion")
    assert page.url.endswith(d.get_absolute_url())  # lands on the destination saved
    assert "Destinasi Kampung Lampion tersimpan" in page.content()
    page.goto(f"/wisata/kelurahan/{kel.kode}/")
    assert page.locator("#daftar-celah [data-rw='2']").count() == 0
    assert page.locator("#daftar-celah [data-rw='3']").count() == 1
    assert page.locator("#tercakup [data-rw='2']").inner_text().find("Kampung Lampion") >= 0
    d = Destinasi.objects.get(nama="Kampung Lampion")
    assert d.rw_id == rw2.pk and d.tanggal_aktif is not None


def test_katalog_publik_di_ponsel_tanpa_login(browser, live_server, dua_wilayah):
    DestinasiFactory(kelurahan=dua_wilayah["kel_a"], nama="Alun-alun Kuliner")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto("/wisata/jelajah/")
    assert "/masuk/" not in page.url
    page.get_by_text("Alun-alun Kuliner").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Alun-alun Kuliner"
    # no horizontal scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
