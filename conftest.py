"""Project-wide pytest fixtures."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_kosong():
    """Each test starts with an empty cache: a page kept for anonymous visitors (``wilayah.publik.halaman_publik``)
    or a refresh guard of the stored city figures (``wilayah.angka``) left by an earlier test in the same
    process must not answer for this one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    from wilayah import angka

    angka._terbaca.clear()  # the stored figures' payloads this process has read


@pytest.fixture
def panel_tanpa_simpan(monkeypatch):
    """Home-page panels rendered on every request (``wilayah.panels`` keeps them a minute): for tests that
    count the queries of a page's second visit, the panels' own queries included."""
    monkeypatch.setattr("wilayah.panels.PANEL_SIMPAN_DETIK", 0)


@pytest.fixture
def hitung_selalu(monkeypatch):
    """Every paginated list runs its COUNT, even when its first page holds the whole list (``wilayah.daftar``
    then takes the count from that page's keys): for tests that compare a page's queries at two sizes,
    where a list fits on one page of the smaller only."""
    monkeypatch.setattr("wilayah.daftar.HALAMAN_PERTAMA_MENGHITUNG", False)


@pytest.fixture(autouse=True)
def _form_saring_tanpa_simpan(request, monkeypatch):
    """List pages render their filter form on every request in tests (``wilayah.daftar`` keeps it a minute
    otherwise): the suite's query-count tests pin a page's cold cost, choices included, whichever visit
    they count. ``tests/wilayah/test_form_saring_simpan.py`` (marked ``form_saring_disimpan``) tests the
    kept form itself."""
    if request.node.get_closest_marker("form_saring_disimpan") is None:
        monkeypatch.setattr("wilayah.daftar.FORM_SARING_SIMPAN_DETIK", 0)
