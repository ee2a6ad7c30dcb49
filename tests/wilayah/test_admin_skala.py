"""The admin at province size (issue 14): changelists in a constant number of queries, region filters
and region foreign keys that never print every region, no second count of the whole table."""

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lkk.models import Lembaga
from tests.factories import KecamatanFactory, KelurahanFactory, RWFactory, UserFactory, make_user
from tests.lkk.factories import LembagaFactory
from tests.wilayah.test_scoping_matrix import ADMIN_MODELS, SCOPED_FACTORIES, _model_id
from wilayah.admin import ScopedAdminMixin, WilayahListFilter
from wilayah.models import RW, Kecamatan, Kelurahan
from wilayah.roles import BAPPEDA, CAMAT

pytestmark = pytest.mark.django_db

#: the most region links (or options) a changelist or change form may print
MAKS_TAUTAN = 12


@pytest.fixture
def kota(db):
    """3 kecamatan x 30 kelurahan x 2 RW."""
    kecamatan = Kecamatan.objects.bulk_create(Kecamatan(kode=f"35.74.{k + 1:02d}", nama=f"Kec {k + 1}") for k in range(3))
    kelurahan = Kelurahan.objects.bulk_create(
        Kelurahan(kecamatan=kec, kode=f"{kec.kode}.{1001 + i}", nama=f"Kel {kec.kode[-2:]}-{i:02d}") for kec in kecamatan for i in range(30)
    )  # fmt: skip
    RW.objects.bulk_create(RW(kelurahan=kel, nomor=n + 1) for kel in kelurahan for n in range(2))
    return list(Kelurahan.objects.order_by("kode"))


@pytest.fixture
def superuser(db):
    return UserFactory(username="super", is_superuser=True, is_staff=True)


def _url(model, halaman="changelist", *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{halaman}", args=args)


def _jumlah_kueri(client, url) -> int:
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(kueri)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=_model_id)
def test_changelist_kueri_tetap_di_dua_ukuran(client, superuser, model):
    """One row, then five rows in five kelurahan of three kecamatan: the same number of queries
    (``list_select_related`` covers every relation ``__str__`` or ``list_display`` walks)."""
    make = SCOPED_FACTORIES[model._meta.label]
    kelurahan = [KelurahanFactory(kecamatan=KecamatanFactory(kode=f"35.74.{20 + i % 3}")) for i in range(5)]
    make(kelurahan[0])
    client.force_login(superuser)
    _jumlah_kueri(client, _url(model))  # warms the caches (content types) both sizes then share
    sedikit = _jumlah_kueri(client, _url(model))
    for kel in kelurahan[1:]:
        make(kel)
    assert _jumlah_kueri(client, _url(model)) == sedikit


def test_tidak_ada_hitungan_penuh_kedua():
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, ScopedAdminMixin):
            assert model_admin.show_full_result_count is False, model._meta.label


@pytest.mark.parametrize("model", [RW, Lembaga, Kelurahan], ids=_model_id)
def test_filter_wilayah_tidak_mencetak_setiap_wilayah(client, kota, model):
    client.force_login(make_user(BAPPEDA))
    LembagaFactory(kelurahan=kota[0])
    html = client.get(_url(model)).content.decode()
    tautan = re.findall(r'href="\?[^"]*(?:kelurahan|kecamatan)__id__exact=', html)
    assert len(tautan) <= MAKS_TAUTAN, len(tautan)
    assert 'name="cari_' in html  # the search box of WilayahListFilter


def test_filter_wilayah_cari_dan_pilih(client, kota):
    client.force_login(make_user(BAPPEDA))
    url = _url(RW)
    html = client.get(url, {"cari_kelurahan": "Kel 02-1"}).content.decode()
    tautan = re.findall(r'href="(\?[^"]*kelurahan__id__exact=(\d+)[^"]*)"', html)
    assert 1 <= len(tautan) <= WilayahListFilter.BATAS_CARI
    pilihan = Kelurahan.objects.get(pk=tautan[0][1])
    assert pilihan.nama.startswith("Kel 02-1")
    response = client.get(url, {"kelurahan__id__exact": pilihan.pk})
    assert response.status_code == 200
    assert {rw.kelurahan_id for rw in response.context["cl"].result_list} == {pilihan.pk}
    assert str(pilihan) in response.content.decode()


def test_filter_wilayah_nilai_buruk_bukan_500(client, kota):
    client.force_login(make_user(BAPPEDA))
    for nilai in ["abc", "0", "99999999999999999999", "1\x002"]:
        assert client.get(_url(RW), {"kelurahan__id__exact": nilai}).status_code < 500


def test_filter_wilayah_dalam_lingkup(client, kota):
    """A staff camat's search lists only the kelurahan of their kecamatan."""
    kec = kota[0].kecamatan
    client.force_login(make_user(CAMAT, kecamatan=kec, is_staff=True))
    html = client.get(_url(RW), {"cari_kelurahan": "Kel"}).content.decode()
    ids = {int(i) for i in re.findall(r"kelurahan__id__exact=(\d+)", html)}
    assert ids and ids <= set(Kelurahan.objects.filter(kecamatan=kec).values_list("pk", flat=True))


def test_form_admin_wilayah_autocomplete(client, kota, superuser):
    lembaga = LembagaFactory(kelurahan=kota[40], rw=RW.objects.filter(kelurahan=kota[40]).first())
    client.force_login(superuser)
    html = client.get(_url(Lembaga, "change", lembaga.pk)).content.decode()
    for nama in ("kelurahan", "rw", "rt"):
        select = re.search(rf'<select name="{nama}"[^>]*>(.*?)</select>', html, re.S)
        assert select and "admin-autocomplete" in select[0], nama
        assert len(re.findall(r"<option", select[1])) <= 2, nama
    html = client.get(_url(RW, "change", lembaga.rw.pk)).content.decode()
    assert len(re.findall(r"<option", re.search(r'<select name="kelurahan"[^>]*>(.*?)</select>', html, re.S)[1])) <= 2


def test_autocomplete_dalam_lingkup(client, kota):
    kec = kota[0].kecamatan
    client.force_login(make_user(CAMAT, kecamatan=kec, is_staff=True))
    response = client.get(reverse("admin:autocomplete"), {"app_label": "lkk", "model_name": "lembaga", "field_name": "kelurahan", "term": "Kel"})
    assert response.status_code == 200
    ids = {int(r["id"]) for r in response.json()["results"]}
    assert ids and ids <= set(Kelurahan.objects.filter(kecamatan=kec).values_list("pk", flat=True))
    response = client.get(reverse("admin:autocomplete"), {"app_label": "lkk", "model_name": "lembaga", "field_name": "rw", "term": "03-0"})
    assert response.status_code == 200 and response.json()["results"] == []


def test_rw_bukan_rw_lain_kelurahan(client, kota, superuser, django_assert_max_num_queries):
    """The RW changelist at two sizes as a city user: the same queries, no count of every RW a second time."""
    client.force_login(make_user(BAPPEDA))
    with CaptureQueriesContext(connection) as kueri:
        client.get(_url(RW))
    hitung = [q["sql"] for q in kueri.captured_queries if "COUNT(" in q["sql"] and "wilayah_rw" in q["sql"]]
    assert len(hitung) == 1, hitung
    RW.objects.bulk_create(RW(kelurahan=kel, nomor=9) for kel in kota)
    assert _jumlah_kueri(client, _url(RW)) == len(kueri)
    assert RWFactory  # the factory module stays importable for the fixtures above
