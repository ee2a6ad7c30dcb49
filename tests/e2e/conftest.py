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


@pytest.fixture
def masuk(page):
    """Log in through the real login form: ``masuk(user)``."""

    def _masuk(user, password=PASSWORD):
        page.goto("/masuk/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return _masuk
