"""The region home pages with every programme's panel: how many queries one page costs (pinned, so a panel
that adds a query is seen). The city page's panels: tests/wilayah/test_angka.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import RWFactory

pytestmark = pytest.mark.django_db


def _kueri(client, url):
    client.get(url)  # the session and the stored figures are read once before
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return ctx.captured_queries


def test_halaman_kelurahan_operator(client, operator_a, dua_wilayah, panel_tanpa_simpan):
    """Session, user, scope, roles and permissions (one query), the kelurahan; panels: kader 2, lkk 6 (coverage
    5, the flagged terms listed and counted in one), pud 1, wisata 4 (no city targets), pelatihan 3, laporan 1;
    the month settings and confirmations, the RWs."""
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    client.force_login(operator_a)
    kueri = _kueri(client, dua_wilayah["kel_a"].get_absolute_url())
    assert len(kueri) == 25, "\n".join(q["sql"][:120] for q in kueri)
    assert not any('"wisata_targetprogram"' in q["sql"] for q in kueri)
    assert sum('FROM "lkk_lembaga"' in q["sql"] for q in kueri) == 2  # the coverage's count and the flagged terms

