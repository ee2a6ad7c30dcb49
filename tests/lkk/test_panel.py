"""The LKK panel on the home pages: the lembaga whose term needs attention, listed and counted in one query."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from lkk.models import Lembaga
from lkk.panel import BATAS_DAFTAR, panel_context
from tests.lkk.factories import LembagaFactory
from wilayah.scoping import boleh

pytestmark = pytest.mark.django_db


def _konteks(user, wilayah, django_assert_num_queries, n):
    request = RequestFactory().get("/")
    request.user = user
    boleh(user, Lembaga)  # the scope and permissions are read once per request (cached on the user)
    with django_assert_num_queries(n):
        return panel_context(request, wilayah)


def _habis(kelurahan, nama, hari):
    return LembagaFactory(kelurahan=kelurahan, nama=nama, masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=timezone.localdate() + dt.timedelta(days=hari))


def test_kelurahan_daftar_dan_jumlah_satu_kueri(operator_a, dua_wilayah, django_assert_num_queries):
    """Six queries: the coverage (types, kelurahan, RW, RT, lembaga) and the flagged rows with their count."""
    kel = dua_wilayah["kel_a"]
    for i in range(BATAS_DAFTAR + 2):
        _habis(kel, f"Lembaga {i}", hari=i - 3)
    _habis(kel, "Masih lama", hari=91)
    _habis(dua_wilayah["kel_b"], "Kelurahan lain", hari=-1)
    ctx = _konteks(operator_a, kel, django_assert_num_queries, 6)
    assert [l.nama for l in ctx["perhatian"]] == [f"Lembaga {i}" for i in range(BATAS_DAFTAR)]  # ending first
    assert ctx["jumlah_perhatian"] == BATAS_DAFTAR + 2 and ctx["perhatian_lebih"] == 2


def test_kelurahan_tanpa_yang_perlu_diperhatikan(operator_a, dua_wilayah, django_assert_num_queries):
    _habis(dua_wilayah["kel_a"], "Masih lama", hari=91)
    ctx = _konteks(operator_a, dua_wilayah["kel_a"], django_assert_num_queries, 6)
    assert ctx["perhatian"] == [] and ctx["jumlah_perhatian"] == 0 and ctx["perhatian_lebih"] == 0


def test_kecamatan_menghitung_tanpa_daftar(camat_a, dua_wilayah, django_assert_num_queries):
    for i in range(3):
        _habis(dua_wilayah["kel_a"], f"Lembaga {i}", hari=-1)
    _habis(dua_wilayah["kel_b"], "Kecamatan lain", hari=-1)
    ctx = _konteks(camat_a, dua_wilayah["kec_a"], django_assert_num_queries, 6)
    assert ctx["perhatian"] == [] and ctx["jumlah_perhatian"] == 3
