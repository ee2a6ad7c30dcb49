"""A kasi Pemmas adds a cadre through the form, meets the NIK error, corrects it, and sees the progress bar move."""

import pytest

from tests.factories import RWFactory, make_user
from tests.kader.factories import banyak_kader
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_kasi_pemmas_adds_a_cadre_and_the_progress_bar_moves(page, masuk, dua_wilayah):
    kel_a = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel_a, nomor=3)
    banyak_kader(kel_a, 2)
    pemmas = make_user(OPERATOR_KELURAHAN, kelurahan=kel_a, username="pemmas.kebonsari")

    masuk(pemmas)
    bar = page.locator("#progres-kader .progress-bar")
    assert bar.get_attribute("data-aktif") == "2"
    assert "2 KPM aktif dari target 5-10" in page.locator("#progres-kader").inner_text()
    lebar_awal = bar.evaluate("el => el.getBoundingClientRect().width")

    page.click("#panel-kader >> text=Tambah kader")
    page.fill("#id_nik", "3574046505900001")
    page.fill("#id_nama", "Siti Aminah")
    page.select_option("#id_jenis_kelamin", "P")
    page.fill("#id_tempat_lahir", "Probolinggo")
    page.fill("#id_tanggal_lahir", "1990-05-26")  # the NIK says 25 May
    page.fill("#id_alamat", "Jl. Suroyo 10")
    page.select_option("#id_rw", label="RW 03 - Kebonsari Wetan")
    page.fill("#id_tanggal_mulai", "2024-01-02")
    page.check("input[name=peran_kpm][value=penggerak]")
    page.click("#form-kader button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert "Tanggal lahir di NIK (25-05-90) tidak sama dengan tanggal lahir yang diisi (26-05-90)" in page.content()
    assert page.locator("#id_nama").input_value() == "Siti Aminah"

    page.fill("#id_tanggal_lahir", "1990-05-25")
    page.click("#form-kader button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Siti Aminah"
    assert "3574046505900001" in page.locator("#nik").inner_text()
    assert "Penggerak" in page.content()

    page.goto(kel_a.get_absolute_url())
    bar = page.locator("#progres-kader .progress-bar")
    assert bar.get_attribute("data-aktif") == "3"
    assert "3 KPM aktif dari target 5-10" in page.locator("#progres-kader").inner_text()
    assert bar.evaluate("el => el.getBoundingClientRect().width") > lebar_awal
