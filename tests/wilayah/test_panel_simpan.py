"""Home-page panels kept a minute (wilayah.panels): the operator reloading their start page does not run
every programme's queries again, a write to what a panel reads renders it afresh at once, and a kept
panel is never another user's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.kader.factories import KaderFactory
from wilayah.panels import SUMBER_WILAYAH

pytestmark = pytest.mark.django_db


def _kunjungi(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def _panel(html, app_label):
    awal = html.index(f'id="panel-{app_label}"')
    return html[awal : html.index("</section>", awal)]


def _tanpa_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_second_visit_runs_no_panel_query_and_prints_the_same(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    url = dua_wilayah["kel_a"].get_absolute_url()
    pertama, kueri_pertama = _kunjungi(client, url)
    kedua, kueri_kedua = _kunjungi(client, url)
    assert any('"kader_kader"' in q for q in kueri_pertama)
    for tabel in ("kader_kader", "lkk_lembaga", "wisata_destinasi", "pelatihan_", "pud_"):
        assert not any(f'"{tabel}' in q for q in kueri_kedua), tabel
    assert len(kueri_kedua) < len(kueri_pertama) - 10
    assert _tanpa_token(kedua) == _tanpa_token(pertama)


def test_a_write_renders_the_panel_afresh(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    url = dua_wilayah["kel_a"].get_absolute_url()
    sebelum, _ = _kunjungi(client, url)
    KaderFactory(kelurahan=dua_wilayah["kel_a"])
    sesudah, kueri = _kunjungi(client, url)
    assert any('"kader_kader"' in q for q in kueri)
    assert _panel(sesudah, "kader") != _panel(sebelum, "kader")
    assert not any('"lkk_lembaga"' in q for q in kueri)  # the other panels stay kept


def test_a_kept_panel_is_never_another_users(client, operator_a, bappeda, dua_wilayah):
    url = dua_wilayah["kel_a"].get_absolute_url()
    client.force_login(operator_a)
    _kunjungi(client, url)
    client.force_login(bappeda)
    _, kueri = _kunjungi(client, url)
    assert any('"kader_kader"' in q for q in kueri)


def test_every_panel_reads_the_regions_and_scope_as_sources():
    assert {"wilayah.kelurahan", "wilayah.rw", "wilayah.lingkup", "auth"} <= set(SUMBER_WILAYAH)


def test_a_new_rw_renders_the_panels_that_count_rws_afresh(client, operator_a, dua_wilayah):
    from tests.factories import RWFactory

    client.force_login(operator_a)
    url = dua_wilayah["kel_a"].get_absolute_url()
    _kunjungi(client, url)
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=7)
    _, kueri = _kunjungi(client, url)
    assert any('"lkk_lembaga"' in q for q in kueri) and any('"wisata_destinasi"' in q for q in kueri)
