"""axe-core (npm, ``node_modules/axe-core``) over every page kind, as each role that uses it, at desktop
(1280x800) and phone (390x844) width: no violation of impact "serious" or "critical" (issue 15, point 8).

The CSP forbids inline scripts, so this test's browser contexts bypass it to inject axe; every other
browser test keeps the policy. One context per role and width; a failure names the rule, the page
and the first elements it found.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.conftest import masuk_sebagai

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
LEBAR = {"desktop": {"width": 1280, "height": 800}, "ponsel": {"width": 390, "height": 844}}
DAMPAK_DILARANG = {"serious", "critical"}

GALAT = "galat"  # after opening the page, submit its form with the browser's own checks off: the form re-rendered with errors


def halaman_per_peran(d) -> dict[str, list[tuple[str, int, str | None]]]:
    """{role: [(path, expected status, action)]}: the pages each role works with."""
    kel, kec = d["kel_a"].kode, d["kec_a"].kode
    kader, destinasi, diklat, pengajuan = d["kader"][0], d["destinasi"], d["diklat"], d["pengajuan"]
    from django.utils import timezone

    from laporan.models import LaporanBulanan
    from lkk.models import Lembaga
    from wisata.kalender import event_publik

    lembaga = Lembaga.objects.filter(kelurahan=d["kel_a"]).order_by("pk").first()
    laporan_kel = LaporanBulanan.objects.filter(kunci_wilayah=kel, terbaru=True).first()
    laporan_kota = LaporanBulanan.objects.filter(kunci_wilayah="kota", terbaru=True).first()
    return {
        "operator": [
            ("/", 200, None),  # the kelurahan page (the operator's home)
            ("/kader/", 200, None),
            ("/kader/daftar/", 200, None),
            ("/kader/daftar/?status=aktif&rw=1", 200, None),  # filters set: the form open on a phone
            (f"/kader/{kader.pk}/", 200, None),
            ("/kader/tambah/", 200, None),
            ("/kader/tambah/", 200, GALAT),
            ("/kader/impor/", 200, None),
            ("/kader/forkom/", 200, None),
            ("/lkk/", 200, None),
            ("/lkk/lembaga/", 200, None),
            (f"/lkk/lembaga/{lembaga.pk}/", 200, None),
            (f"/lkk/lembaga/{lembaga.pk}/pengurus/tambah/", 200, GALAT),
            ("/lkk/pengurus/", 200, None),
            ("/lkk/masa-bakti/", 200, None),
            ("/pud/", 200, None),
            (f"/pud/pengajuan/{pengajuan.pk}/", 200, None),
            ("/pud/umkm/", 200, None),
            ("/pud/umkm/tambah/", 200, GALAT),
            (f"/wisata/kelurahan/{kel}/", 200, None),
            ("/wisata/destinasi/", 200, None),
            (f"/wisata/destinasi/{destinasi.pk}/", 200, None),
            ("/wisata/destinasi/tambah/", 200, GALAT),
            ("/pelatihan/", 200, None),
            (f"/pelatihan/diklat/{diklat.pk}/", 200, None),
            ("/pelatihan/tindak-lanjut/", 200, None),
            ("/laporan/", 200, None),
            (f"/laporan/{laporan_kel.pk}/", 200, None),
            ("/wilayah/rw/", 200, None),
            ("/wilayah/kelengkapan/konfirmasi/", 200, None),
            ("/wilayah/target/", 404, None),  # the targets page is the city's
            (f"/lkk/lembaga/{lembaga.pk}/pengurus/susunan/", 200, None),
            ("/kader/999999/", 404, None),
        ],
        "camat": [
            ("/", 200, None),  # the kecamatan page
            ("/kader/daftar/", 200, None),
            ("/kader/target/", 200, None),
            (f"/pud/kecamatan/{kec}/", 200, None),
            ("/pud/pengajuan/", 200, None),
            ("/wisata/destinasi/", 200, None),
            ("/pelatihan/diklat/", 200, None),
            ("/wilayah/kelurahan/", 200, None),
            ("/laporan/", 200, None),
        ],
        "bappeda": [
            ("/", 200, None),  # the dashboard
            ("/laporan/dasbor/?bulan=2026-05", 200, None),
            ("/laporan/dasbor/?bulan=2026-05&kecamatan=" + kec, 200, None),
            (f"/laporan/{laporan_kota.pk}/", 200, None),
            ("/wilayah/kota/", 200, None),
            ("/wilayah/kelengkapan/?bulan=2026-05", 200, None),
            ("/wilayah/akun/", 200, None),
            ("/wilayah/akun/tambah/", 200, GALAT),
            ("/kader/target/", 200, None),
            ("/kader/berprestasi/", 200, None),
            ("/pud/kota/", 200, None),
            ("/pud/siklus/", 200, None),
            (f"/pud/siklus/{pengajuan.siklus_id}/", 200, None),
            ("/pud/usulan/", 200, None),
            ("/wisata/kota/", 200, None),
            ("/wisata/target/", 200, None),
            ("/wilayah/target/", 200, None),
            ("/pelatihan/diklat/", 200, None),
            ("/pelatihan/diklat/baru/", 200, GALAT),
            ("/pelatihan/peserta/", 200, None),
            ("/pelatihan/narasumber/", 200, None),
        ],
        "walikota": [
            ("/", 200, None),  # the mayor's page
            ("/laporan/wali-kota/?bulan=2026-05", 200, None),
            ("/laporan/dasbor/?bulan=2026-05", 200, None),
            ("/wisata/kota/", 200, None),
            ("/wilayah/target/", 200, None),  # read-only: the figures and their history, no form
            ("/kader/tambah/", 403, None),
        ],
        "anonim": [
            ("/", 200, None),  # the public home
            ("/wisata/jelajah/", 200, None),
            ("/wisata/jelajah/event/?bulan=2030-01", 200, None),  # an empty month pointing to the next event
            *[(f"/wisata/jelajah/event/{e.pk}/", 200, None) for e in event_publik(timezone.localdate())[:1]],
            (f"/wisata/jelajah/destinasi/{destinasi.pk}/", 200, None),
            ("/wisata/jelajah/event/?bulan=2026-05", 200, None),
            ("/pud/produk/", 200, None),
            (f"/pud/produk/{d['usulan'].pk}/", 200, None),
            ("/pelatihan/sertifikat/periksa/", 200, None),
            ("/pelatihan/sertifikat/periksa/ABCDEFGHJKMN/", 200, None),
            ("/masuk/", 200, None),
            ("/masuk/", 200, GALAT),
            ("/halaman-yang-tidak-ada/", 404, None),
        ],
    }


def jalankan_axe(page) -> list[dict]:
    return page.evaluate(
        """async () => {
            const hasil = await axe.run(document, {resultTypes: ["violations"]});
            return hasil.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )


def kirim_dengan_galat(page):
    """Submit the page's main form as the user would with fields left empty (the browser's own required
    checks off, so the server answers with its errors)."""
    form = page.locator("main form[method=post], main form[method=POST]").last
    form.evaluate("f => { f.noValidate = true; }")
    form.locator("button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_tanpa_pelanggaran_serius(browser, live_server, portal_berisi):
    """Every role's pages at both widths (the data built once: one flush instead of one per role)."""
    temuan = []
    for peran, halaman in halaman_per_peran(portal_berisi).items():
        for nama_lebar, ukuran in LEBAR.items():
            temuan += periksa(browser, live_server, portal_berisi.get(peran), peran, nama_lebar, ukuran, halaman)
    if temuan:
        pytest.fail(f"{len(temuan)} pelanggaran serius/kritis:\n" + "\n".join(temuan), pytrace=False)


def periksa(browser, live_server, user, peran, nama_lebar, ukuran, halaman) -> list[str]:
    """axe on each of ``halaman`` in one browser context (logged in as ``user`` unless None)."""
    temuan = []
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta", viewport=ukuran, bypass_csp=True)
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))  # in every page before its own scripts
    page = context.new_page()
    if user is not None:
        masuk_sebagai(page, user)
    for path, status, aksi in halaman:
        jawaban = page.goto(path)
        assert jawaban.status == status, f"{peran} {path}: {jawaban.status}"
        if aksi == GALAT:
            kirim_dengan_galat(page)
            assert page.locator(".is-invalid, .invalid-feedback, .errorlist, .alert-danger").count() > 0, f"{peran} {path}: tanpa galat"
        for v in jalankan_axe(page):
            if v["impact"] in DAMPAK_DILARANG:
                label = f"{path}{' (form dengan galat)' if aksi else ''}"
                temuan.append(f"[{v['impact']}] {v['id']} · {peran} {nama_lebar} {label} · {v['nodes']} elemen: {'; '.join(v['targets'])} · {v['help']}")
    context.close()
    return temuan
