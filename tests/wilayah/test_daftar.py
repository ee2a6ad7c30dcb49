"""The one list idiom (wilayah.daftar): scoped choices, filters, bad input, the export, pagination, query counts."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import KecamatanFactory, KelurahanFactory, RTFactory, RWFactory
from wilayah.daftar import FilteredExportMixin, ordered_with_pk, teks_dari
from wilayah.filters import RWFilterSet
from wilayah.models import RT, RW, Kelurahan
from wilayah.views import RWListView

GARBAGE = [
    "?kelurahan=bukan-kode&kecamatan=%00&q=%00",
    "?kelurahan=99999999999999999999999&kecamatan=-1",
    "?page=abc",
    "?page=99999",
    "?page=-3&q=" + "x" * 3000,
    "?kelurahan[]=1&kelurahan=1&kelurahan=2",
]
LISTS = ["wilayah:rw-list", "wilayah:rt-list", "wilayah:kelurahan-list", "wilayah:kecamatan-list"]


@pytest.fixture
def rws(dua_wilayah):
    return {
        "a1": RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1, nama_ketua="Pak Slamet"),
        "a2": RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=2, nama_ketua="Bu Sri"),
        "b1": RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=1, nama_ketua="Pak Slamet Juga"),
    }


def _rw(client, query=""):
    return client.get(reverse("wilayah:rw-list") + query)


# --- ordering --------------------------------------------------------------------------------------


def test_ordered_with_pk_ends_every_order_with_a_unique_key(dua_wilayah):
    assert ordered_with_pk(RW.objects.order_by("nomor")).query.order_by == ("nomor", "pk")
    assert ordered_with_pk(RW.objects.all()).query.order_by == ("kelurahan__kode", "nomor", "pk")  # Meta.ordering
    assert ordered_with_pk(RW.objects.order_by()).query.order_by == ("pk",)
    assert ordered_with_pk(RW.objects.order_by("-nomor", "-pk")).query.order_by == ("-nomor", "-pk")
    assert ordered_with_pk(RW.objects.order_by("-id")).query.order_by == ("-id",)


# --- the filters filter, and choices follow the scope ------------------------------------------------


def test_filters_filter(client, bappeda, dua_wilayah, rws):
    client.force_login(bappeda)
    assert {rw.pk for rw in _rw(client).context["object_list"]} == {r.pk for r in rws.values()}
    assert [rw.pk for rw in _rw(client, f"?kelurahan={dua_wilayah['kel_a'].kode}").context["object_list"]] == [rws["a1"].pk, rws["a2"].pk]
    assert [rw.pk for rw in _rw(client, f"?kecamatan={dua_wilayah['kec_b'].kode}").context["object_list"]] == [rws["b1"].pk]
    assert {rw.pk for rw in _rw(client, "?q=slamet").context["object_list"]} == {rws["a1"].pk, rws["b1"].pk}
    kelurahan = client.get(reverse("wilayah:kelurahan-list") + f"?kecamatan={dua_wilayah['kec_a'].kode}").context["object_list"]
    assert list(kelurahan) == [dua_wilayah["kel_a"]]


def test_choice_outside_the_scope_is_neither_offered_nor_honoured(client, operator_a, dua_wilayah, rws):
    client.force_login(operator_a)
    response = _rw(client, f"?kelurahan={dua_wilayah['kel_b'].kode}")
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"]]
    assert list(form.fields["kecamatan"].queryset) == [dua_wilayah["kec_a"]]
    assert "kelurahan" in form.errors  # said, not silently dropped
    assert [rw.pk for rw in response.context["object_list"]] == [rws["a1"].pk, rws["a2"].pk]  # only the scope, bad value ignored
    body = response.content.decode()
    assert dua_wilayah["kel_b"].kode not in body.replace(f"kelurahan={dua_wilayah['kel_b'].kode}", "")  # no option for it
    assert "Ketapang" not in body and "Pak Slamet Juga" not in body


def test_the_other_filters_still_apply_beside_a_bad_one(client, bappeda, dua_wilayah, rws):
    client.force_login(bappeda)
    response = _rw(client, f"?kelurahan=35.99.99.9999&kecamatan={dua_wilayah['kec_a'].kode}")
    assert response.context["filter_form"].errors.keys() == {"kelurahan"}
    assert [rw.pk for rw in response.context["object_list"]] == [rws["a1"].pk, rws["a2"].pk]


def test_a_picker_follows_the_valid_choice_of_the_one_above(client, bappeda, camat_a, dua_wilayah):
    kel_a2 = KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode="35.74.04.1005")
    semua = {dua_wilayah["kel_a"], dua_wilayah["kel_b"], kel_a2}
    client.force_login(bappeda)
    for name in ("wilayah:rw-list", "wilayah:rt-list"):
        url = reverse(name)
        assert set(client.get(url).context["filter_form"].fields["kelurahan"].queryset) == semua
        form = client.get(url + f"?kecamatan={dua_wilayah['kec_a'].kode}").context["filter_form"]
        assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"], kel_a2]
        form = client.get(url + "?kecamatan=35.99.99").context["filter_form"]  # unknown: the picker is not narrowed by it
        assert set(form.fields["kelurahan"].queryset) == semua and set(form.errors) == {"kecamatan"}
        form = client.get(url + f"?kecamatan={dua_wilayah['kec_a'].kode}&kelurahan={dua_wilayah['kel_b'].kode}").context["filter_form"]
        assert set(form.errors) == {"kelurahan"}  # a kelurahan of another kecamatan is not a valid pair
    client.force_login(camat_a)
    form = client.get(reverse("wilayah:rw-list") + f"?kecamatan={dua_wilayah['kec_b'].kode}").context["filter_form"]
    assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"], kel_a2]  # an out-of-scope parent narrows nothing


def test_a_user_without_scope_gets_no_choices(rf, db, dua_wilayah):
    from tests.factories import UserFactory

    request = rf.get("/")
    request.user = UserFactory(username="tanpa_lingkup")
    filterset = RWFilterSet(request.GET, queryset=RW.objects.all(), request=request)
    assert not filterset.form.fields["kelurahan"].queryset.exists()
    assert Kelurahan.objects.exists()


def test_widgets_carry_bootstrap_classes(client, bappeda):
    client.force_login(bappeda)
    form = _rw(client).context["filter_form"]
    assert "form-select" in form.fields["kelurahan"].widget.attrs["class"]
    assert "form-control" in form.fields["q"].widget.attrs["class"]


@pytest.mark.parametrize("query", GARBAGE)
@pytest.mark.parametrize("name", LISTS)
def test_garbage_query_strings_give_200_and_stay_in_scope(client, operator_a, dua_wilayah, rws, name, query):
    RTFactory(rw=rws["b1"], nomor=9)
    client.force_login(operator_a)
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ketapang" not in body and "Kademangan" not in body


# --- pagination and the export keep the filters ----------------------------------------------------


def test_pagination_keeps_the_filters(client, bappeda, dua_wilayah):
    RW.objects.bulk_create([RW(kelurahan=dua_wilayah["kel_a"], nomor=n) for n in range(1, 61)])
    RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=1)
    client.force_login(bappeda)
    kode = dua_wilayah["kel_a"].kode
    response = _rw(client, f"?kelurahan={kode}")
    assert response.context["querystring"] == f"kelurahan={kode}"
    assert f'href="?kelurahan={kode}&amp;page=2"' in response.content.decode()
    halaman_2 = _rw(client, f"?kelurahan={kode}&page=2")
    assert halaman_2.context["querystring"] == f"kelurahan={kode}"
    assert [rw.nomor for rw in halaman_2.context["object_list"]] == list(range(51, 61))


class _RWEkspor(FilteredExportMixin, RWListView):
    def export_response(self, queryset):
        return HttpResponse(",".join(str(rw.pk) for rw in queryset))


def test_export_mixin_exports_the_same_filtered_scoped_rows_on_every_page(rf, operator_a, dua_wilayah, rws):
    RW.objects.bulk_create([RW(kelurahan=dua_wilayah["kel_a"], nomor=n) for n in range(3, 80)])
    for query, expected in (
        ({}, RW.objects.filter(kelurahan=dua_wilayah["kel_a"])),
        ({"q": "sri"}, [rws["a2"]]),
        ({"kelurahan": dua_wilayah["kel_b"].kode}, RW.objects.filter(kelurahan=dua_wilayah["kel_a"])),  # outside: ignored, still scoped
    ):
        request = rf.get("/", query)
        request.user = operator_a
        body = _RWEkspor.as_view()(request).content.decode()
        assert sorted(int(pk) for pk in body.split(",")) == sorted(rw.pk for rw in expected), query


# --- query counts ----------------------------------------------------------------------------------


def _isi(dua_wilayah, mulai, jumlah):
    for i in range(mulai, mulai + jumlah):
        kecamatan = KecamatanFactory(kode=f"35.{i // 90 + 10:02d}.{i % 90 + 10:02d}")
        kelurahan = KelurahanFactory(kecamatan=kecamatan, kode=f"{kecamatan.kode}.{1000 + i}")
        for kel in (kelurahan, dua_wilayah["kel_a"]):
            rw = RW.objects.create(kelurahan=kel, nomor=RW.objects.filter(kelurahan=kel).count() + 1)
            RT.objects.create(rw=rw, nomor=1)


@pytest.mark.parametrize("query", ["", "?kecamatan={kec}&q=a"])
@pytest.mark.parametrize("peran", ["bappeda", "operator_a"])
@pytest.mark.parametrize("name", LISTS)
def test_list_query_count_does_not_grow(client, request, dua_wilayah, hitung_selalu, name, peran, query):
    client.force_login(request.getfixturevalue(peran))
    url = reverse(name) + query.format(kec=dua_wilayah["kec_a"].kode)
    _isi(dua_wilayah, 0, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as kecil:
        assert client.get(url).status_code == 200
    _isi(dua_wilayah, 2, 40)
    with CaptureQueriesContext(connection) as besar:
        assert client.get(url).status_code == 200
    assert len(besar) == len(kecil), [q["sql"] for q in besar]


@pytest.mark.parametrize(
    "masuk,keluar",
    [(None, ""), ("  Siti   Aminah ", "Siti Aminah"), ("Siti\x00Aminah", "SitiAminah"), ("\x00", ""), ("a" * 500, "a" * 100), (12, "12")],
)
def test_teks_dari_membuang_nul_dan_membatasi_panjang(masuk, keluar):
    assert teks_dari(masuk) == keluar


@pytest.mark.django_db
def test_teks_dari_aman_untuk_kueri_basis_data():
    """PostgreSQL refuses a NUL in a query ("A string literal cannot contain NUL"): the cleaned text never has one."""
    assert list(Kelurahan.objects.filter(nama__icontains=teks_dari("Kebon\x00sari"))) == []
