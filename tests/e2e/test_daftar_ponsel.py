"""Lists on a phone (issue 15, point 6), in Chromium at 390x844: the filter form waits behind "Saring"
and opens on a tap, and opens by itself when a filter is set; the cadre list's name and status are on
screen without scrolling sideways; a wide matrix keeps its first column in view while it scrolls.
At 1280 px the form is open and the button gone."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 390, "height": 844}


def test_saring_terlipat_dan_terbuka_saat_diketuk(page, masuk, portal_berisi):
    masuk(portal_berisi["operator"])
    page.set_viewport_size(PONSEL)
    page.goto("/kader/daftar/")
    form = page.get_by_role("search", name="Saring daftar")
    tombol = page.locator(".tombol-saring")
    assert tombol.is_visible() and tombol.inner_text().strip() == "Saring"
    assert tombol.get_attribute("aria-expanded") == "false"
    assert not form.is_visible()
    # the list starts right under the button: the first cadre is on the first screen
    assert page.locator("#tabel-kader tbody tr").first.bounding_box()["y"] < 844

    tombol.click()
    form.wait_for(state="visible")
    page.locator("#saring-daftar.collapse.show").wait_for()  # the opening transition is over
    assert tombol.get_attribute("aria-expanded") == "true"
    page.select_option("select[name=status]", value="aktif")
    form.get_by_role("button", name="Saring").click()
    page.wait_for_load_state("networkidle")
    # a filter set: the form is open at once and the button counts it
    assert "status=aktif" in page.url
    assert page.get_by_role("search", name="Saring daftar").is_visible()
    assert page.locator(".tombol-saring").inner_text().strip() == "Saring (1)"


def test_nama_dan_status_kader_terlihat_tanpa_geser(page, masuk, portal_berisi):
    masuk(portal_berisi["operator"])
    page.set_viewport_size(PONSEL)
    page.goto("/kader/daftar/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
    kotak = page.locator(".table-responsive").filter(has=page.locator("#tabel-kader"))
    assert kotak.evaluate("el => el.scrollWidth <= el.clientWidth"), "the cadre table scrolls sideways on a phone"
    baris = page.locator("#tabel-kader tbody tr")
    assert baris.count() == 7
    for i in range(baris.count()):
        for sel in ("td.kolom-nama", "td.kolom-status"):
            box = baris.nth(i).locator(sel).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PONSEL["width"], (i, sel, box)
    assert baris.first.locator("td.kolom-nama a").is_visible() and baris.first.locator("td.kolom-status .badge").is_visible()
    # the secondary columns wait for a wider screen
    assert not page.locator("#tabel-kader thead th", has_text="NIK").is_visible()


def test_desktop_form_terbuka_tanpa_tombol(page, masuk, portal_berisi):
    masuk(portal_berisi["operator"])
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/kader/daftar/")
    assert page.get_by_role("search", name="Saring daftar").is_visible()
    assert not page.locator(".tombol-saring").is_visible()
    assert page.locator("#tabel-kader thead th", has_text="NIK").is_visible()


def test_matriks_lebar_kolom_pertama_tetap(page, masuk, portal_berisi):
    masuk(portal_berisi["bappeda"])
    page.set_viewport_size(PONSEL)
    page.goto("/laporan/dasbor/?bulan=2026-05")
    kotak = page.locator(".table-responsive").filter(has=page.locator("table.tabel-panas"))
    assert kotak.evaluate("el => el.scrollWidth > el.clientWidth"), "the heat table fits: nothing to test"
    # keyboard users reach the scrolling box (made a named region)
    assert kotak.get_attribute("tabindex") == "0" and kotak.get_attribute("aria-label")
    kotak.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    kiri = kotak.bounding_box()["x"]
    for sel in ("thead tr > :first-child", "tbody tr:first-child > :first-child"):
        sel_box = kotak.locator(f"table.tabel-panas {sel}").bounding_box()
        assert abs(sel_box["x"] - kiri) < 2, (sel, sel_box, kiri)
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
