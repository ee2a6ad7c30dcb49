"""The import preview on a phone: the same event file uploaded twice, the second preview marks every row skipped."""

import os

import pytest

from tests.factories import PASSWORD, RWFactory, make_user
from tests.wisata.test_impor_ulang import baris, xlsx
from wilayah.roles import OPERATOR_KELURAHAN
from wisata.models import Event

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_unggah_ulang_di_ponsel(browser, live_server, dua_wilayah, tmp_path):
    from tests.wisata.factories import pastikan_kategori

    pastikan_kategori()
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator.event")
    berkas = tmp_path / "event.xlsx"
    berkas.write_bytes(xlsx([baris(i) for i in range(1, 6)]))

    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID")
    page = context.new_page()
    page.goto("/masuk/")
    page.fill("input[name=username]", operator.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    for kali in (1, 2):
        page.goto("/wisata/event/impor/")
        page.set_input_files("input[name=berkas]", str(berkas))
        page.get_by_role("button", name="Periksa berkas").click()
        page.wait_for_load_state("networkidle")
        # The page does not scroll sideways; the preview table scrolls inside its wrapper.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        # The status is the first column: visible without scrolling the table.
        assert page.locator("#tabel-contoh tbody tr").first.locator("td").first.locator(".badge").is_visible()
        if kali == 1:
            assert page.locator("#tabel-contoh .badge", has_text="Baru").count() == 5
            page.get_by_role("button", name="Simpan").click()
            page.wait_for_load_state("networkidle")
    assert "sudah pernah diimpor" in page.locator("#status-impor").inner_text()
    assert page.locator("#tabel-contoh .badge", has_text="Dilewati").count() == 5
    assert page.get_by_role("button", name="Simpan").count() == 0
    if os.environ.get("SIMPAN_TANGKAPAN"):
        page.screenshot(path=os.environ["SIMPAN_TANGKAPAN"], full_page=True)
    assert Event.objects.count() == 5
    context.close()
