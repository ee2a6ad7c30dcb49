"""Browser tests: a real headless Chromium (Debian's ``chromium``) driven by Playwright.

Nothing is downloaded at test time: Playwright launches the system browser by path
(``CHROMIUM``, default /usr/bin/chromium). A missing browser is a failure, never a skip:
``make test`` installs it from Debian's packages.
"""

import os
import shutil

import pytest

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are synchronous and safe (Django's own advice for this case).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return path if os.path.isabs(path) else (shutil.which(path) or path)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not os.access(path, os.X_OK):
        pytest.fail(f"Chromium tidak ditemukan di {path}. Pasang dengan 'apt-get install chromium' (make test melakukannya).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def pelanggaran_csp(page) -> list[str]:
    """Collects what the Content Security Policy refused on ``page`` (Chromium reports it on the console)."""
    ditolak = []
    page.on("console", lambda msg: ditolak.append(msg.text) if "Content Security Policy" in msg.text else None)
    return ditolak


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    ditolak = pelanggaran_csp(page)
    yield page
    context.close()
    # Every page a browser test opens runs under the policy without a refusal.
    assert ditolak == [], ditolak


def tangkap(page, nama: str, *, full_page: bool = False) -> None:
    """A screenshot for a person to look at, only when ``SCREENSHOT_DIR`` names a folder
    (``SCREENSHOT_DIR=/tmp/shots make test PYTEST_ARGS=tests/e2e``); a plain run writes nothing."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{nama}.png"), full_page=full_page)


#: a phone screen (the kasi Pemmas's): the width the issue-15 checks use
PONSEL = {"width": 390, "height": 844}


@pytest.fixture
def ponsel(browser, live_server):
    """A page on a phone-sized touch screen, under the policy like ``page``."""
    context = browser.new_context(base_url=live_server.url, viewport=PONSEL, is_mobile=True, has_touch=True, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    ditolak = pelanggaran_csp(page)
    yield page
    context.close()
    assert ditolak == [], ditolak


@pytest.fixture
def masuk(page):
    """Log in through the real login form: ``masuk(user)``."""

    def _masuk(user, password=PASSWORD):
        return masuk_sebagai(page, user, password)

    return _masuk


def masuk_sebagai(page, user, password=PASSWORD):
    """Log ``user`` in on ``page`` (any context: a phone's, a role's) through the real login form."""
    page.goto("/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


@pytest.fixture
def portal_berisi(dua_wilayah, settings, tmp_path):
    """A portal with something on every page (tests/e2e/test_aksesibilitas.py): in Kebonsari Wetan (kel_a)
    three RW, seven cadres (one inactive) against the KPM target, an LPM and a Pokmas with board members,
    a Forkom board, a determined PUD submission with its UMKM, an active destination and an event, a
    finished diklat with a certificate, a month's confirmation; the May 2026 reports made for the whole
    city (dashboard, mayor's page, report list and detail). A user per role: ``operator``, ``camat``,
    ``bappeda``, ``walikota``."""
    import datetime as dt

    from kader.models import Kader
    from laporan import services as laporan_services
    from laporan import tasks as laporan_tasks
    from pud.models import StatusPengajuan
    from tests.factories import RWFactory, make_user
    from tests.kader.factories import KaderFactory, kepengurusan_kelurahan
    from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
    from tests.pelatihan.factories import diklat_di, lulus_di, rencana_di, sertifikat_terbit
    from tests.pud.factories import pengajuan_berstatus
    from tests.wilayah.factories import konfirmasi
    from tests.wisata.factories import DestinasiFactory, EventFactory, pastikan_kategori
    from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
    from wisata.models import TargetProgram

    settings.MEDIA_ROOT = tmp_path
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    rw = [RWFactory(kelurahan=kel_a, nomor=n) for n in (1, 2, 3)]
    RWFactory(kelurahan=kel_b, nomor=1)
    kader = [KaderFactory(kelurahan=kel_a, rw=rw[i % 3], telepon="081234567890") for i in range(7)]
    Kader.objects.filter(pk=kader[-1].pk).update(status="nonaktif", alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2025, 6, 1))
    KaderFactory(kelurahan=kel_b), KaderFactory(kelurahan=kel_b)
    kepengurusan_kelurahan(kel_a)
    for kode in ("lpm", "pokmas"):
        lembaga = LembagaFactory(kelurahan=kel_a, jenis=jenis(kode), nama=f"{kode.upper()} Kebonsari Wetan")
        PengurusFactory(lembaga=lembaga), PengurusFactory(lembaga=lembaga)
    pengajuan = pengajuan_berstatus(kel_a, StatusPengajuan.DITETAPKAN)
    pastikan_kategori()
    destinasi = DestinasiFactory(kelurahan=kel_a, rw=rw[0], nama="Pasar Kuliner Malam")
    EventFactory(kelurahan=kel_a, nama="Festival Lampion", tanggal_mulai=dt.date(2026, 5, 17))
    TargetProgram.objects.create(tahun=2026, target_rw_persen=40)
    diklat = diklat_di(kel_a, judul="Pelatihan Kasi Pemmas")
    lulus = lulus_di(diklat, kel_a, jumlah=3)
    sertifikat_terbit(lulus[0], kode="ABCDEFGHJKMN")
    rencana_di(kel_a, peserta=lulus[1])
    konfirmasi(kel_a, tahun=2026, bulan=4)
    proses = laporan_services.laporan_mulai(tahun=2026, bulan=5, sumber="perintah")
    laporan_tasks.siapkan.delay(proses.pk)
    return {
        **dua_wilayah, "rw": rw, "kader": kader, "pengajuan": pengajuan, "destinasi": destinasi, "diklat": diklat,
        "peserta": lulus[0], "usulan": pengajuan.usulan_set.filter(utama=True).first(),
        "operator": make_user(OPERATOR_KELURAHAN, kelurahan=kel_a, username="kasi_pemmas"),
        "camat": make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_kanigaran"),
        "bappeda": make_user(BAPPEDA, username="bappeda_kota"),
        "walikota": make_user(KANTOR_WALI_KOTA, username="kantor_walikota"),
    }
