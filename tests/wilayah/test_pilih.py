"""Region pickers that scale (``wilayah.pilih``, issue 14): a list filter or a form never prints every
region; the JSON endpoint fills the picker by search, scoped and bounded."""

import re

import pytest
from django.urls import reverse

from lkk.forms import LembagaForm
from tests.factories import make_user
from wilayah.models import RW, Kecamatan, Kelurahan
from wilayah.pilih import BATAS
from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

N_KECAMATAN, N_KELURAHAN, N_RW = 3, 30, 2


@pytest.fixture
def kota(db):
    """3 kecamatan x 30 kelurahan x 2 RW: 90 kelurahan and 180 RW, more than a picker may print."""
    kecamatan = Kecamatan.objects.bulk_create(Kecamatan(kode=f"35.74.{k + 1:02d}", nama=f"Kec {k + 1}") for k in range(N_KECAMATAN))
    kelurahan = Kelurahan.objects.bulk_create(
        Kelurahan(kecamatan=kec, kode=f"{kec.kode}.{1001 + i}", nama=f"Kel {kec.kode[-2:]}-{i:02d}") for kec in kecamatan for i in range(N_KELURAHAN)
    )  # fmt: skip
    RW.objects.bulk_create(RW(kelurahan=kel, nomor=n + 1) for kel in kelurahan for n in range(N_RW))
    return {"kecamatan": list(Kecamatan.objects.order_by("kode")), "kelurahan": list(Kelurahan.objects.order_by("kode"))}


@pytest.fixture
def bappeda_kota(kota):
    return make_user(BAPPEDA)


def _opsi(html: str, nama: str) -> list[str]:
    """The option values of the page's select named ``nama``."""
    cocok = re.search(rf'<select name="{nama}"[^>]*>(.*?)</select>', html, re.S)
    assert cocok, f"tidak ada select {nama}"
    return re.findall(r'<option value="([^"]*)"', cocok[1])


def _select(html: str, nama: str) -> str:
    return re.search(rf'<select name="{nama}"[^>]*>', html)[0]


@pytest.mark.parametrize("url_name", ["kader:kader-list", "lkk:lembaga-list", "wilayah:rw-list"])
def test_daftar_kota_tidak_mencetak_setiap_wilayah(client, bappeda_kota, url_name):
    client.force_login(bappeda_kota)
    html = client.get(reverse(url_name)).content.decode()
    assert len(re.findall(r"<option", html)) <= 60
    kelurahan = _opsi(html, "kelurahan")
    assert kelurahan == [""]  # 90 kelurahan: only "Semua kelurahan"; the search box fills it
    assert 'data-pilih-lengkap="0"' in _select(html, "kelurahan")
    assert 'data-pilih-url="/wilayah/pilih/kelurahan/' in _select(html, "kelurahan")


def test_kecamatan_dipilih_kelurahan_kecamatan_itu(client, bappeda_kota, kota):
    client.force_login(bappeda_kota)
    kec = kota["kecamatan"][1]
    html = client.get(reverse("wilayah:rw-list"), {"kecamatan": kec.kode}).content.decode()
    kelurahan = _opsi(html, "kelurahan")
    assert kelurahan[1:] == [k.kode for k in kota["kelurahan"] if k.kecamatan_id == kec.pk]
    assert 'data-pilih-lengkap="1"' in _select(html, "kelurahan")
    assert 'data-pilih-induk="kecamatan"' in _select(html, "kelurahan")
    assert len(_opsi(html, "kecamatan")) == N_KECAMATAN + 1  # a short list is printed whole


def test_daftar_kader_kecamatan_dipilih(client, bappeda_kota, kota):
    client.force_login(bappeda_kota)
    kec = kota["kecamatan"][0]
    html = client.get(reverse("kader:kader-list"), {"kecamatan": kec.kode}).content.decode()
    assert _opsi(html, "kelurahan")[1:] == [str(k.pk) for k in kota["kelurahan"] if k.kecamatan_id == kec.pk]


def test_kelurahan_terpilih_tetap_tercetak(client, bappeda_kota, kota):
    client.force_login(bappeda_kota)
    kel = kota["kelurahan"][45]
    html = client.get(reverse("wilayah:rw-list"), {"kelurahan": kel.kode}).content.decode()
    assert _opsi(html, "kelurahan") == ["", kel.kode]
    assert re.search(rf'<option value="{re.escape(kel.kode)}" selected>', html)


def test_lembaga_rw_mengikuti_kelurahan(client, bappeda_kota, kota):
    """The lembaga list's RW picker (cascade rw <- kelurahan) prints the chosen kelurahan's RWs."""
    client.force_login(bappeda_kota)
    kel = kota["kelurahan"][10]
    html = client.get(reverse("lkk:lembaga-list"), {"kelurahan": kel.pk}).content.decode()
    assert sorted(_opsi(html, "rw")[1:]) == sorted(str(pk) for pk in RW.objects.filter(kelurahan=kel).values_list("pk", flat=True))
    assert len(_opsi(html, "rw")) == N_RW + 1


@pytest.mark.parametrize("nilai", ["35.74.99.9999", "abc", "1\x002"])
def test_nilai_asing_galat_form(client, bappeda_kota, nilai):
    client.force_login(bappeda_kota)
    response = client.get(reverse("wilayah:rw-list"), {"kelurahan": nilai})
    assert response.status_code == 200
    assert "kelurahan" in response.context["filter_form"].errors


def test_kelurahan_lain_di_luar_lingkup_galat_form(client, kota):
    kel, lain = kota["kelurahan"][0], kota["kelurahan"][50]
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=kel)
    client.force_login(operator)
    response = client.get(reverse("wilayah:rw-list"), {"kelurahan": lain.kode})
    assert "kelurahan" in response.context["filter_form"].errors
    assert lain.kode not in response.content.decode()


def test_jumlah_kueri_pemilih_tetap(client, bappeda_kota, kota, django_assert_max_num_queries):
    """The picker fetches at most BATAS + 1 rows (never counts the table): one query each, whatever the size."""
    client.force_login(bappeda_kota)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        client.get(reverse("wilayah:rw-list"))
    Kelurahan.objects.bulk_create(Kelurahan(kecamatan=kota["kecamatan"][0], kode=f"35.74.01.{2001 + i}", nama=f"Tambah {i}") for i in range(40))
    with CaptureQueriesContext(connection) as banyak:
        client.get(reverse("wilayah:rw-list"))
    assert len(sedikit) == len(banyak)
    kelurahan_kueri = [q["sql"] for q in banyak.captured_queries if 'FROM "wilayah_kelurahan"' in q["sql"] and "LIMIT" in q["sql"]]
    assert kelurahan_kueri and all(f"LIMIT {BATAS + 1}" in q for q in kelurahan_kueri), kelurahan_kueri
    assert not any("COUNT(" in q["sql"] and 'FROM "wilayah_kelurahan"' in q["sql"] for q in banyak.captured_queries)


def _saringan_kader(user, data=None):
    from django.test import RequestFactory

    from kader.filters import KaderFilterSet

    request = RequestFactory().get("/", data or {})
    request.user = user
    return KaderFilterSet(data or {}, queryset=None, request=request).form


def test_operator_kelurahan_pemilih_tanpa_kueri(kota, django_assert_num_queries):
    """A kelurahan operator's kecamatan and kelurahan pickers print their own, read with their scope row:
    once the scope and permissions are read, rendering them asks the database nothing."""
    from wilayah.scoping import boleh, lingkup_of

    kel = kota["kelurahan"][31]
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=kel)
    lingkup_of(operator), boleh(operator, Kelurahan)
    form = _saringan_kader(operator)
    with django_assert_num_queries(0):
        html_kec, html_kel = str(form["kecamatan"]), str(form["kelurahan"])
    assert re.findall(r'<option value="([^"]*)"', html_kec) == ["", kel.kecamatan.kode]
    assert re.findall(r'<option value="([^"]*)"', html_kel) == ["", str(kel.pk)]
    assert f">{kel.kecamatan}</option>" in html_kec and f">{kel}</option>" in html_kel
    assert 'data-pilih-lengkap="1"' in html_kel


def test_operator_kelurahan_pemilih_sama_dengan_kueri(kota):
    """The shortcut prints what the scoped query prints, a chosen value outside the scope included."""
    from wilayah.pilih import PilihWilayahMixin

    kel, lain = kota["kelurahan"][31], kota["kelurahan"][80]
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=kel)
    for data in ({}, {"kelurahan": str(lain.pk), "kecamatan": lain.kecamatan.kode}, {"kelurahan": str(kel.pk)}):
        form = _saringan_kader(operator, data)
        cepat = str(form["kecamatan"]), str(form["kelurahan"])
        form = _saringan_kader(operator, data)
        for nama in ("kecamatan", "kelurahan"):
            assert isinstance(form.fields[nama].widget, PilihWilayahMixin)
            form.fields[nama].widget.tanpa_kueri = None
        assert cepat == (str(form["kecamatan"]), str(form["kelurahan"])), data


def test_pemilih_tanpa_kueri_hanya_queryset_polos(kota):
    """Only an unfiltered queryset narrowed by the usual rule is answered from the scope row."""
    from wilayah.pilih import baris_tanpa_kueri

    kel = kota["kelurahan"][31]
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=kel)
    assert baris_tanpa_kueri(Kelurahan.objects.all(), operator) == [kel]
    assert baris_tanpa_kueri(Kecamatan.objects.all(), operator) == [kel.kecamatan]
    assert baris_tanpa_kueri(Kelurahan.objects.filter(nama__startswith="Kel"), operator) is None
    assert baris_tanpa_kueri(Kelurahan.objects.only("nama"), operator) is None
    assert baris_tanpa_kueri(RW.objects.all(), operator) is None
    assert baris_tanpa_kueri(Kelurahan.objects.all(), make_user(BAPPEDA)) is None


# --------------------------------------------------------------------------- forms (POST): cascade rw <- kelurahan


def test_form_rw_mengikuti_kelurahan_dan_tetap_setelah_galat(bappeda_kota, kota):
    kel = kota["kelurahan"][20]
    rw = RW.objects.filter(kelurahan=kel).first()
    form = LembagaForm(data={"kelurahan": kel.pk, "rw": rw.pk}, user=bappeda_kota)
    assert not form.is_valid()  # name, type... missing: the form is re-rendered
    html_kel, html_rw = str(form["kelurahan"]), str(form["rw"])
    assert f'<option value="{kel.pk}" selected>' in html_kel
    assert f'<option value="{rw.pk}" selected>' in html_rw
    assert sorted(re.findall(r'<option value="(\d+)"', html_rw)) == sorted(str(p) for p in RW.objects.filter(kelurahan=kel).values_list("pk", flat=True))
    assert 'data-pilih-induk="kelurahan"' in html_rw


def test_form_tanpa_kelurahan_tidak_mencetak_setiap_rw(bappeda_kota, kota):
    form = LembagaForm(user=bappeda_kota)
    assert re.findall(r'<option value="([^"]*)"', str(form["rw"])) == [""]
    assert re.findall(r'<option value="([^"]*)"', str(form["kelurahan"])) == [""]


def test_form_validasi_tetap_seluruh_lingkup(bappeda_kota, kota):
    """The widget decides what is printed only: an RW of the whole scope is still a valid choice."""
    rw = RW.objects.order_by("-pk").first()
    form = LembagaForm(data={"rw": rw.pk}, user=bappeda_kota)
    form.is_valid()
    assert "rw" not in form.errors


# --------------------------------------------------------------------------- the JSON endpoint


def _hasil(client, tingkat, **param):
    response = client.get(reverse(f"wilayah:pilih-{tingkat}"), param)
    assert response.status_code == 200
    return response.json()["hasil"]


def test_endpoint_cari_dan_induk(client, bappeda_kota, kota):
    client.force_login(bappeda_kota)
    kec = kota["kecamatan"][2]
    hasil = _hasil(client, "kelurahan", induk=kec.kode, nilai="kode")
    assert [h["id"] for h in hasil] == [k.kode for k in kota["kelurahan"] if k.kecamatan_id == kec.pk]
    assert _hasil(client, "kelurahan", induk=kec.pk) == [{"id": k.pk, "teks": str(k)} for k in kota["kelurahan"] if k.kecamatan_id == kec.pk]
    assert [h["teks"] for h in _hasil(client, "kelurahan", q="Kel 02-07")] == ["Kelurahan Kel 02-07"]
    kel = kota["kelurahan"][5]
    assert [h["id"] for h in _hasil(client, "rw", induk=kel.kode)] == list(RW.objects.filter(kelurahan=kel).order_by("nomor").values_list("pk", flat=True))
    assert len(_hasil(client, "rw", q="2")) == BATAS


def test_endpoint_paling_banyak_batas(client, bappeda_kota):
    client.force_login(bappeda_kota)
    assert len(_hasil(client, "kelurahan")) == BATAS
    assert len(_hasil(client, "rw")) == BATAS


def test_endpoint_operator_kelurahan_hanya_kelurahannya(client, kota):
    kel = kota["kelurahan"][3]
    client.force_login(make_user(OPERATOR_KELURAHAN, kelurahan=kel))
    assert [h["id"] for h in _hasil(client, "kelurahan", nilai="kode")] == [kel.kode]
    assert _hasil(client, "kelurahan", q="Kel 03") == []
    assert {h["id"] for h in _hasil(client, "rw")} == set(RW.objects.filter(kelurahan=kel).values_list("pk", flat=True))
    lain = kota["kelurahan"][80]
    assert _hasil(client, "rw", induk=lain.pk) == []
    assert _hasil(client, "kecamatan") == [{"id": kel.kecamatan_id, "teks": str(kel.kecamatan)}]


def test_endpoint_tamu_dialihkan(client, kota):
    response = client.get(reverse("wilayah:pilih-kelurahan"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) if _ada_login() else "next=" in response.url


def _ada_login() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("login")
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("param", [{"q": "x" * 3000}, {"q": "a\x00b"}, {"induk": "abc"}, {"induk": "-1"}, {"induk": "99999999999999999999"}, {"nilai": "pk"}, {"induk": "\u00b2"}])
@pytest.mark.parametrize("tingkat", ["kecamatan", "kelurahan", "rw", "rt"])
def test_endpoint_parameter_buruk(client, bappeda_kota, tingkat, param):
    client.force_login(bappeda_kota)
    assert len(_hasil(client, tingkat, **param)) <= BATAS


@pytest.mark.parametrize("nilai", ["abc", "9999-12", "99999999999999999999", "\u00b2"])
def test_nilai_awal_buruk_di_form_bukan_500(client, bappeda_kota, nilai):
    """A form's picker preselected from the query string (``/wilayah/rt/tambah/?rw=``) ignores a bad value."""
    client.force_login(bappeda_kota)
    assert client.get(reverse("wilayah:rt-create"), {"rw": nilai}).status_code == 200
