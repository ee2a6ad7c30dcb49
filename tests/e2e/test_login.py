import pytest

from tests.factories import RWFactory, make_user
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lurah_logs_in_and_sees_own_kelurahan_styled(page, masuk, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.kebonsari")
    css_requests = []
    page.on("request", lambda request: css_requests.append(request.url) if request.resource_type == "stylesheet" else None)

    masuk(lurah)

    assert page.url.endswith(dua_wilayah["kel_a"].get_absolute_url())
    assert page.locator("h1").inner_text() == "Kelurahan Kebonsari Wetan"
    assert "RW 03" in page.content()
    assert "Ketapang" not in page.content()
    # Bootstrap is loaded from this server (no CDN) and applied: the navbar is a flex container.
    assert css_requests and all(url.startswith(page.url.split("/wilayah/")[0]) for url in css_requests)
    assert page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).display") == "flex"
    assert page.evaluate(
        "[...document.styleSheets].some(s => s.href && s.href.includes('bootstrap.min.css') && s.cssRules.length > 100)"
    )


def test_phone_screen_collapses_navigation(browser, live_server, dua_wilayah):
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.hp")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto("/masuk/")
    page.fill("input[name=username]", lurah.username)
    page.fill("input[name=password]", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".navbar-toggler").is_visible()
    assert not page.locator("#navUtama").is_visible()
    page.click(".navbar-toggler")
    page.locator("#navUtama").wait_for(state="visible")
    assert page.locator("#navUtama").get_by_text("Kader (KPM)").is_visible()
    context.close()


def test_phone_screen_collapses_the_visitors_navigation(browser, live_server, db):
    """A visitor's menu folds on a phone like a user's (it wrapped onto three lines)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto("/wisata/jelajah/")
    nav = page.locator("nav.navbar")
    assert nav.bounding_box()["height"] < 80
    assert not page.locator("#navPublik").is_visible()
    page.click(".navbar-toggler")
    page.locator("#navPublik").wait_for(state="visible")
    assert page.locator("#navPublik").get_by_role("link", name="Cek sertifikat").is_visible()
    assert page.locator("#navPublik").get_by_role("link", name="Masuk").is_visible()
    context.close()
    wide = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = wide.new_page()
    page.goto("/wisata/jelajah/")
    assert page.locator("#navPublik").get_by_role("link", name="Masuk").is_visible()
    assert not page.locator(".navbar-toggler").is_visible()
    wide.close()
