"""Issue 15, forms on a phone: the kasi Pemmas adds a cadre with a wrong NIK. After saving fails, the error
summary is on screen and has focus; its link takes her to the NIK field. The form's heading says what is
added and its selects ask "Pilih …"."""

import pytest

from tests.e2e.conftest import masuk_sebagai, tangkap
from tests.factories import RWFactory, make_user
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



def _di_layar(page, selector) -> bool:
    """The element lies wholly inside the viewport."""
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return r.top > -1 && r.bottom < window.innerHeight + 1; }""",  # whole, give or take a subpixel
        selector,
    )


def test_kasi_pemmas_di_ponsel_melihat_ringkasan_galat_nik(ponsel, dua_wilayah):
    page = ponsel
    kel_a = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel_a, nomor=3)
    pemmas = make_user(OPERATOR_KELURAHAN, kelurahan=kel_a, username="pemmas.kebonsari")  # the kasi Pemmas

    masuk_sebagai(page, pemmas)

    page.goto("/kader/tambah/")
    assert page.locator("h1").inner_text() == "Tambah kader KPM"
    assert page.title().startswith("Tambah kader KPM")
    assert page.locator("#id_jenis_kelamin option").first.inner_text() == "Pilih jenis kelamin…"
    assert "---------" not in page.content()

    page.fill("#id_nik", "3574046505900001")  # says born 25 May 1990
    page.fill("#id_nama", "Siti Aminah")
    page.select_option("#id_jenis_kelamin", "P")
    page.fill("#id_tempat_lahir", "Probolinggo")
    page.fill("#id_tanggal_lahir", "1990-05-26")
    page.fill("#id_alamat", "Jl. Suroyo 10")
    page.fill("#id_tanggal_mulai", "2024-01-02")
    page.check("input[name=peran_kpm][value=penggerak]")
    page.click("#form-kader button[type=submit]")
    page.wait_for_load_state("networkidle")

    ringkasan = page.locator("#ringkasan-galat")
    ringkasan.wait_for(state="visible")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ringkasan-galat'")
    assert _di_layar(page, "#ringkasan-galat"), "ringkasan galat harus terlihat di layar ponsel"
    assert "Tanggal lahir di NIK (25-05-90)" in ringkasan.inner_text()
    assert page.locator("#id_nama").input_value() == "Siti Aminah"  # nothing typed is lost

    tangkap(page, "formulir-nik-ringkasan")

    ringkasan.locator('a[href="#id_nik"]').click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_nik'")
    assert _di_layar(page, "#id_nik")
    tangkap(page, "formulir-nik-isian")
