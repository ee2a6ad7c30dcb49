"""The accounts page and the lock-out page on a phone (390 px): Bappeda creates an operator, the operator
logs in with the temporary password and must replace it first; five wrong passwords show the Indonesian
lock-out page."""

import os

import pytest

from tests.factories import PASSWORD, make_user
from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TIDAK_MELEBAR = "document.documentElement.scrollWidth <= window.innerWidth + 1"


@pytest.fixture
def ponsel(browser, live_server):
    konteks = []

    def _baru():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID")
        context.set_default_timeout(15_000)
        konteks.append(context)
        return context.new_page()

    yield _baru
    for context in konteks:
        context.close()


def _masuk(page, username, password):
    page.goto("/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def _foto(page, nama):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{nama}.png"), full_page=True)


def test_bappeda_membuat_akun_operator_di_ponsel(ponsel, dua_wilayah):
    make_user(BAPPEDA, username="bappeda.hp")
    make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="lurah.ketapang", first_name="Hadi Santoso")
    page = ponsel()
    _masuk(page, "bappeda.hp", PASSWORD)
    page.click(".navbar-toggler")
    page.locator("#navUtama").get_by_role("link", name="Akun", exact=True).click()
    page.wait_for_url("**/wilayah/akun/")  # the click starts a navigation; wait for it, not for the page left behind
    assert page.locator("h1").inner_text() == "Akun operator kelurahan dan kecamatan"
    assert "lurah.ketapang" in page.locator("table").inner_text()
    assert page.evaluate(TIDAK_MELEBAR)
    _foto(page, "akun_daftar")

    page.click("text=Tambah akun")
    page.fill("input[name=username]", "pemmas.kebonsari")
    page.fill("input[name=nama_lengkap]", "Siti Rahayu")
    page.check(f"input[name=peran][value='{OPERATOR_KELURAHAN}']")
    page.select_option("select[name=kelurahan]", str(dua_wilayah["kel_a"].pk))
    page.fill("input[name=jabatan]", "Kasi Pemmas")
    assert page.evaluate(TIDAK_MELEBAR)
    _foto(page, "akun_form")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    sandi = page.locator("#sandi-sementara").inner_text().strip()
    assert len(sandi) == 14 and page.evaluate(TIDAK_MELEBAR)
    _foto(page, "akun_sandi")

    page.click("text=Selesai, kembali ke akun")
    page.wait_for_load_state("networkidle")
    assert "Akun dibuat: Operator Kelurahan, Kelurahan Kebonsari Wetan" in page.locator("#riwayat").inner_text()
    assert page.evaluate(TIDAK_MELEBAR)
    _foto(page, "akun_detail")

    # The temporary password opens only the password page; replaced, the operator reaches their kelurahan.
    operator = ponsel()
    _masuk(operator, "pemmas.kebonsari", sandi)
    assert operator.url.endswith("/akun/kata-sandi/")
    assert "Ganti kata sandi sementara Anda sebelum melanjutkan." in operator.locator("main").inner_text()
    assert operator.evaluate(TIDAK_MELEBAR)
    _foto(operator, "ganti_sandi_sementara")
    operator.fill("input[name=old_password]", sandi)
    operator.fill("input[name=new_password1]", "Kebonsari-Wetan-2025")
    operator.fill("input[name=new_password2]", "Kebonsari-Wetan-2025")
    operator.click("main button[type=submit]")
    operator.wait_for_load_state("networkidle")
    assert operator.url.endswith(dua_wilayah["kel_a"].get_absolute_url())
    assert "Kata sandi Anda sudah diganti." in operator.locator("main").inner_text()


def test_halaman_terkunci_di_ponsel(ponsel, dua_wilayah):
    make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.lupa")
    page = ponsel()
    for i in range(5):
        _masuk(page, "lurah.lupa", f"salah-{i}")
    assert page.locator("h1").inner_text() == "Masuk dikunci sementara"
    assert "30 menit" in page.content() and "Hubungi Bappeda" in page.content()
    assert page.evaluate(TIDAK_MELEBAR)
    _foto(page, "terkunci")
    _masuk(page, "lurah.lupa", PASSWORD)
    assert page.locator("h1").inner_text() == "Masuk dikunci sementara"
