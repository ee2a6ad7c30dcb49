import datetime as dt

import pytest
from django.utils import timezone

from lkk.models import Lembaga, Pengurus
from tests.factories import make_user
from tests.lkk.factories import LembagaFactory, jenis
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_operator_records_lkk_and_board_and_sees_refusal(page, masuk, dua_wilayah):
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.lkk")
    hari_ini = timezone.localdate()
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Sinar Mulia", masa_bakti_mulai=dt.date(2021, 1, 1), masa_bakti_selesai=hari_ini + dt.timedelta(days=20))
    masuk(lurah)

    # The kelurahan home page flags the term that ends soon.
    panel = page.locator("#panel-lkk")
    assert "Pokmas Sinar Mulia" in panel.inner_text()

    page.goto("/lkk/lembaga/tambah/")
    page.select_option("select[name=jenis]", str(jenis("lpm").pk))
    page.fill("input[name=nama]", "LPM Kebonsari Wetan")
    page.fill("input[name=nomor_sk]", "188/12/425.103/2024")
    page.fill("input[name=tanggal_sk]", "2024-01-02")
    page.fill("input[name=masa_bakti_mulai]", "2024-01-02")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("LPM Kebonsari Wetan")
    assert "2 Januari 2024" in page.content() and "1 Januari 2029" in page.content()

    page.click("text=Tambah satu pengurus")
    page.fill("input[name=nama]", "Sutrisno")
    page.select_option("select[name=jabatan]", "ketua")
    page.fill("input[name=masa_mulai]", "2024-01-02")
    page.check("input[name=pernyataan_nonpartai]")
    page.fill("input[name=tanggal_pernyataan]", "2024-01-02")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Sutrisno" in page.locator("table").first.inner_text()

    page.click("text=Tambah satu pengurus")
    page.fill("input[name=nama]", "Bambang")
    page.select_option("select[name=jabatan]", "ketua")
    page.fill("input[name=masa_mulai]", "2025-01-02")
    page.check("input[name=pernyataan_nonpartai]")
    page.fill("input[name=tanggal_pernyataan]", "2025-01-02")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "sudah mempunyai Ketua Sutrisno" in page.content()
    assert Lembaga.objects.filter(nama="LPM Kebonsari Wetan").count() == 1
    assert list(Pengurus.objects.values_list("nama", flat=True)) == ["Sutrisno"]


def test_coverage_table_fits_a_phone(browser, live_server, dua_wilayah):
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.hp.lkk")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto("/masuk/")
    page.fill("input[name=username]", lurah.username)
    page.fill("input[name=password]", "rahasia-uji-123")
    page.click("main button[type=submit]")
    page.goto("/lkk/")
    assert page.locator("table.tabel-cakupan").is_visible()
    # The wide table scrolls inside its container; the page itself does not overflow sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
