"""Issue 9, finding 1 in a real browser: a kelurahan operator uploads a decree scan that is also an
HTML page with a script; when Bappeda opens it, nothing of that script runs, and the scan still shows.

The script (``tests.berkas.SKRIP``) would change the page title, fetch a sentinel URL and open an
alert; the browser context records every request and dialog. The last step runs the same script
as a page, to show that these watchers do see it when it runs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kader import services as kader_services
from lkk.models import Lembaga
from tests.berkas import SKRIP, pdf_dengan_komentar_skrip, png_dengan_skrip
from tests.factories import PASSWORD, make_user
from tests.kader.factories import KaderFactory
from tests.lkk.factories import jenis
from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def konteks_masuk(browser, live_server, user):
    """A browser context logged in as ``user`` through the login form, and what a script would leave."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    jejak = []
    context.on("request", lambda request: "xss-sentinel" in request.url and jejak.append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: (jejak.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto("/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return context, page, jejak


def buka_tautan(page, nama):
    page.get_by_role("link", name=nama).click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # room for a script (and its fetch) to run, were one to


def test_scan_with_a_script_never_runs_when_bappeda_opens_it(browser, live_server, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lurah = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="lurah.berkas")
    bappeda = make_user(BAPPEDA, username="bappeda.berkas")

    # The operator uploads the PNG+<script> polyglot, named x.html, through the portal's form.
    context, page, jejak_lurah = konteks_masuk(browser, live_server, lurah)
    page.goto("/lkk/lembaga/tambah/")
    page.select_option("select[name=jenis]", str(jenis("lpm").pk))
    page.fill("input[name=nama]", "LPM Kebonsari Wetan")
    page.set_input_files("input[name=berkas_sk]", files=[{"name": "x.html", "mimeType": "text/html", "buffer": png_dengan_skrip()}])
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("LPM Kebonsari Wetan")
    context.close()
    lembaga = Lembaga.objects.get()
    assert lembaga.berkas_sk.name.endswith(".png")
    # A cadre's SK scan: a PDF with a %<script> comment line, also named .html (through the service).
    kader = KaderFactory.build(kelurahan=kel, scan_sk=SimpleUploadedFile("sk.html", pdf_dengan_komentar_skrip(), "text/html"))
    kader_services.kader_simpan(acting_user=lurah, kader=kader)
    assert kader.scan_sk.name.endswith(".pdf")

    context, page, jejak = konteks_masuk(browser, live_server, bappeda)

    page.goto(lembaga.get_absolute_url())
    buka_tautan(page, "Lihat pindaian SK")
    assert page.url.endswith(f"/lkk/lembaga/{lembaga.pk}/sk/")
    assert "XSS" not in page.title() and jejak == []
    assert page.evaluate("document.contentType") == "image/png"
    assert page.evaluate("document.images.length === 1 && document.images[0].naturalWidth") == 40  # the scan shows

    page.goto(kader.get_absolute_url())
    buka_tautan(page, "lihat pindaian")
    assert page.url.endswith(f"/kader/{kader.pk}/sk/")
    assert "XSS" not in page.title() and jejak == []
    assert page.evaluate("document.contentType") == "application/pdf"
    assert any(frame.url.startswith("chrome-extension://") for frame in page.frames)  # Chromium's PDF viewer shows it
    assert jejak_lurah == []

    # The same script, run as a page of the portal's origin (served by the browser itself, so
    # without the portal's Content Security Policy), is seen by every watcher.
    page.route("**/uji-skrip/", lambda route: route.fulfill(body=SKRIP, content_type="text/html"))
    page.goto("/uji-skrip/")
    page.wait_for_timeout(300)
    assert page.title() == "XSS"
    assert any("xss-sentinel" in j for j in jejak) and "dialog: xss" in jejak
    context.close()
