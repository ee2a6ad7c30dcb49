import datetime as dt

import pytest
from django.utils import timezone

from lkk.models import Lembaga, Pengurus
from tests.e2e.conftest import masuk_sebagai, tangkap
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


def test_kasi_pemmas_records_a_board_of_three_on_a_phone(ponsel, dua_wilayah):
    """Issue 15: at 390x844 the kasi Pemmas records a new decree (the term is proposed from the SK date), then
    the whole board in one go: one wrong NIK refuses all of it with the summary at the top, fixed it saves
    all three and lands on the institution page, whose board rows are one short line each."""
    kasi = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="kasi.pemmas")
    page = masuk_sebagai(ponsel, kasi)

    # A fresh decree: typing the SK date proposes the term (start = SK date, end by the type's 5 years).
    sk = timezone.localdate() - dt.timedelta(days=30)
    page.goto("/lkk/lembaga/tambah/")
    assert page.locator("h1").inner_text() == "Tambah lembaga LKK"
    page.select_option("select[name=jenis]", str(jenis("lpm").pk))
    page.fill("input[name=nama]", "LPM Kebonsari Wetan")
    page.fill("input[name=nomor_sk]", "188/12/425.103/2024")
    page.fill("input[name=tanggal_sk]", sk.isoformat())
    page.locator("input[name=tanggal_sk]").dispatch_event("change")
    akhir = sk.replace(year=sk.year + 5) - dt.timedelta(days=1)
    assert page.input_value("input[name=masa_bakti_mulai]") == sk.isoformat()
    assert page.input_value("input[name=masa_bakti_selesai]") == akhir.isoformat()
    tangkap(page, "lkk-0-lembaga-usulan-masa-bakti", full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("LPM Kebonsari Wetan")
    assert page.locator("dd .badge").first.inner_text() == "berlaku"
    assert "belum dicatat" not in page.content()

    page.click("text=Catat susunan pengurus")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Catat susunan pengurus LPM Kebonsari Wetan"
    page.fill("input[name=sk-nomor_sk_pengangkatan]", "188/20/425.103/2024")
    page.fill("input[name=sk-tanggal_sk_pengangkatan]", sk.isoformat())
    rows = [
        ("Sutrisno", "ketua", "357404120380001", "L"),  # 15 digits: refused
        ("Siti Aminah", "sekretaris", "3574045506850003", "P"),
        ("Bambang", "bendahara", "3574040101900004", "L"),
    ]
    for i, (nama, jabatan, nik, jk) in enumerate(rows):
        page.fill(f"input[name=baris-{i}-nama]", nama)
        page.select_option(f"select[name=baris-{i}-jabatan]", jabatan)
        page.fill(f"input[name=baris-{i}-nik]", nik)
        page.select_option(f"select[name=baris-{i}-jenis_kelamin]", jk)
        page.check(f"input[name=baris-{i}-pernyataan_nonpartai]")
    tangkap(page, "lkk-1-susunan-diisi", full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    ringkasan = page.locator("#ringkasan-galat")
    ringkasan.wait_for()
    assert "Baris 1: NIK" in ringkasan.inner_text()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ringkasan-galat'")
    kotak = ringkasan.bounding_box()
    assert kotak["y"] >= -1 and kotak["y"] < 844  # in view, at the top of the screen
    tangkap(page, "lkk-2-susunan-galat")
    assert Pengurus.objects.count() == 0
    # The SK typed once and the other rows are still there.
    assert page.input_value("input[name=sk-nomor_sk_pengangkatan]") == "188/20/425.103/2024"
    assert page.input_value("input[name=baris-2-nama]") == "Bambang"

    ringkasan.locator("a").first.click()
    assert page.evaluate("document.activeElement.name") == "baris-0-nik"
    page.fill("input[name=baris-0-nik]", "3574041203800012")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("LPM Kebonsari Wetan")
    assert sorted(Pengurus.objects.values_list("nama", flat=True)) == ["Bambang", "Siti Aminah", "Sutrisno"]
    assert "Susunan pengurus LPM Kebonsari Wetan tersimpan: 3 orang." in page.content()
    tabel = page.locator("table.tabel-pengurus").first
    tinggi = [tabel.locator("tbody tr").nth(i).bounding_box()["height"] for i in range(3)]
    assert max(tinggi) <= 70, tinggi  # was about 130 px: name (term folded under it) and post only
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    tangkap(page, "lkk-3-lembaga-pengurus", full_page=True)


def test_coverage_matrix_scrolls_with_the_kelurahan_in_view(ponsel, dua_wilayah):
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.cakupan")
    page = masuk_sebagai(ponsel, lurah)
    page.goto("/lkk/")
    wadah = page.locator(".gulir-cakupan")
    wadah.focus()
    assert page.evaluate("document.activeElement.classList.contains('gulir-cakupan')")
    page.keyboard.press("End")
    wadah.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.wait_for_timeout(100)
    sel = page.locator("table.tabel-cakupan tbody th.kolom-tetap").first
    kotak, batas = sel.bounding_box(), wadah.bounding_box()
    assert wadah.evaluate("w => w.scrollLeft") > 0 and abs(kotak["x"] - batas["x"]) <= 2
    tangkap(page, "lkk-4-cakupan-geser")
