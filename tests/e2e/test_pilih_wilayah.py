"""A region picker at city size in a real browser, on a phone (390 px): the lembaga list's kelurahan
picker prints only "Semua kelurahan"; the user types in its search box, picks a kelurahan, and the RW
picker is filled with that kelurahan's RWs (static/js/pilih_wilayah.js, wilayah/pilih.py)."""


import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import pelanggaran_csp
from tests.factories import PASSWORD, make_user
from wilayah.models import RW, Kecamatan, Kelurahan
from wilayah.roles import BAPPEDA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_cari_kelurahan_lalu_rw_terisi(browser, live_server):
    kecamatan = Kecamatan.objects.bulk_create(Kecamatan(kode=f"35.74.{k + 1:02d}", nama=f"Kec {k + 1}") for k in range(3))
    Kelurahan.objects.bulk_create(
        Kelurahan(kecamatan=kec, kode=f"{kec.kode}.{1001 + i}", nama=f"Kel {kec.kode[-2:]}-{i:02d}") for kec in kecamatan for i in range(30)
    )  # fmt: skip
    RW.objects.bulk_create(RW(kelurahan=kel, nomor=n + 1) for kel in Kelurahan.objects.all() for n in range(3))
    dipilih = Kelurahan.objects.get(nama="Kel 02-07")
    bappeda = make_user(BAPPEDA, username="bappeda.pilih")

    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    ditolak = pelanggaran_csp(page)
    try:
        page.goto("/masuk/")
        page.fill("input[name=username]", bappeda.username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state("networkidle")

        page.goto("/lkk/lembaga/")
        page.locator(".tombol-saring").click()  # on a phone the filters wait behind "Saring"
        kelurahan = page.locator("select[name=kelurahan]")
        rw = page.locator("select[name=rw]")
        expect(kelurahan.locator("option")).to_have_count(1)  # 90 kelurahan: none printed
        cari = page.locator("input[data-pilih-cari=kelurahan]")
        expect(cari).to_be_visible()
        cari.fill("02-07")
        expect(kelurahan.locator("option")).to_have_count(2)
        kelurahan.select_option(str(dipilih.pk))
        expect(rw.locator("option")).to_have_count(4)  # "Semua RW" and its three RWs
        nilai = rw.locator("option").evaluate_all("os => os.map(o => o.value)")
        assert sorted(nilai[1:]) == sorted(str(pk) for pk in RW.objects.filter(kelurahan=dipilih).values_list("pk", flat=True))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

        page.get_by_role("search").get_by_role("button", name="Saring").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("select[name=kelurahan] option:checked")).to_have_text(str(dipilih))
    finally:
        context.close()
    assert ditolak == [], ditolak
