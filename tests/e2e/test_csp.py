"""The browser enforces the portal's Content Security Policy, and the policy listener sees it."""

from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from tests.e2e.conftest import pelanggaran_csp
from wilayah.access import public_view


def _inline(request):
    return HttpResponse('<!doctype html><html><body><script>document.title = "jalan";</script></body></html>')


urlpatterns = [path("uji-csp/", public_view(_inline))]


@override_settings(ROOT_URLCONF=__name__)
def test_inline_script_is_refused_and_reported(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    ditolak = pelanggaran_csp(page)
    page.goto("/uji-csp/")
    page.wait_for_load_state("load")
    assert page.title() != "jalan"
    assert ditolak and "script-src" in ditolak[0]
    context.close()
