"""Issue 11 in a real browser: the Kantor Wali Kota logs in, lands on the mayor's page, reads the
month's city figures, downloads the city report's PDF, and the PDF's text (read with pypdf) holds
the figures the page showed."""

import io
import re

import pytest
from pypdf import PdfReader

from laporan import services, tasks
from laporan.models import LaporanBulanan, ProsesLaporan
from tests.factories import KecamatanFactory, KelurahanFactory, make_user
from tests.kader.factories import KaderFactory
from tests.wisata.factories import DestinasiFactory, rw_baru
from wilayah.roles import KANTOR_WALI_KOTA
from wisata.models import TargetProgram

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _bulan_mei(settings):
    kec = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kel_a = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kec)
    kel_b = KelurahanFactory(kode="35.74.04.1001", nama="Kanigaran", kecamatan=kec)
    for _i in range(7):
        KaderFactory(kelurahan=kel_a)
    for _i in range(3):
        KaderFactory(kelurahan=kel_b)
    DestinasiFactory(kelurahan=kel_a)  # one RW of kel_a with an active destination
    rw_baru(kel_a), rw_baru(kel_b), rw_baru(kel_b)
    TargetProgram.objects.create(tahun=2026, target_rw_persen=40)
    proses = services.laporan_mulai(tahun=2026, bulan=5, sumber="perintah")
    tasks.siapkan.delay(proses.pk)
    proses.refresh_from_db()
    assert proses.status == ProsesLaporan.Status.SELESAI, proses.pesan
    return LaporanBulanan.objects.get(kunci_wilayah="kota", tahun=2026, bulan=5, terbaru=True)


def test_kantor_wali_kota_membaca_angka_dan_pdf_yang_sama(page, masuk, settings):
    kota = _bulan_mei(settings)
    walikota = make_user(KANTOR_WALI_KOTA, username="kantor_walikota")
    masuk(walikota)
    # the mayor's office lands on its own page
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/laporan/wali-kota/")
    assert page.locator("#periode").inner_text() == "Mei 2026"

    kpm = page.locator('#angka-kota [data-program="kader"] tr[data-indikator="aktif"] .nilai').inner_text()
    rw = page.locator('#angka-kota [data-program="wisata"] tr[data-indikator="persen_rw"] .nilai').inner_text()
    assert kpm == "10"
    assert rw == "25,0%"  # 1 of 4 RW
    # the target card says the same value, against the target Bappeda set
    kartu = page.locator('.kartu-target[data-program="wisata"][data-indikator="persen_rw"]')
    assert kartu.locator(".nilai").inner_text() == rw and kartu.locator(".target").inner_text() == "40,0%"

    # the download button of the page, fetched with the browser's own session
    tautan = page.locator("#unduh-pdf")
    href = tautan.get_attribute("href")
    assert href == f"/laporan/{kota.pk}/pdf/"
    jawaban = page.request.get(href)
    assert jawaban.ok and jawaban.headers["content-type"] == "application/pdf"
    assert 'filename="laporan-kota-2026-05-v1.pdf"' in jawaban.headers["content-disposition"]
    teks = "\n".join(halaman.extract_text() for halaman in PdfReader(io.BytesIO(jawaban.body())).pages)
    teks_rata = re.sub(r"\s+", " ", teks)
    assert "Mei 2026" in teks_rata
    assert re.search(rf"KPM aktif {re.escape(kpm)}\b", teks_rata), teks_rata[:2000]
    assert re.search(rf"Cakupan RW {re.escape(rw)}", teks_rata), teks_rata[:2000]


def test_dasbor_dan_kelengkapan_tidak_melebar_di_ponsel(page, masuk, settings):
    """On a phone the heat table scrolls inside its box: the page itself is never wider than the screen
    (a visually-hidden label in a cell once widened it to 566 px)."""
    from wilayah.roles import BAPPEDA

    _bulan_mei(settings)
    masuk(make_user(BAPPEDA, username="bappeda_ponsel"))
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/laporan/dasbor/?bulan=2026-05", "/laporan/dasbor/?bulan=2026-05&kecamatan=35.74.04", "/wilayah/kelengkapan/?bulan=2026-05"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        if "dasbor" in path:
            assert page.locator(".tabel-panas td.sel-kurang, .tabel-panas td.sel-capai").count() > 0  # the heat table is there
