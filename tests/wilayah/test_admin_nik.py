"""Issue 9, finding 5: the admin answers no question about a NIK it shows masked.

A Camat or Kantor Wali Kota user made staff sees every NIK as ``3574••••••••0012``; before the fix
``?nik__startswith=`` on the kader and pengurus lists gave the hidden digits back one at a time. Now
every lookup, search, list filter and sort that reads a NIK (also through relations) is refused for
whoever sees NIKs masked, and stays available to those who read them in full.
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Lower
from django.test import RequestFactory
from django.urls import reverse

from kader.models import Kader
from lkk.models import Lembaga, Pengurus
from tests.factories import make_user
from tests.kader.factories import KaderFactory, buat_nik
from tests.lkk.factories import LembagaFactory, PengurusFactory
from wilayah.admin import NikSamaranAdminMixin
from wilayah.models import AksesNIK, Kelurahan
from tests.wilayah.test_default_deny import ADMIN_UNSCOPED_ALLOWED
from wilayah.nik import KOLOM_NIK, jalur_menyentuh_nik
from wilayah.roles import CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN, PORTAL_APPS

pytestmark = pytest.mark.django_db

CHANGELIST_KADER = "admin:kader_kader_changelist"
CHANGELIST_PENGURUS = "admin:lkk_pengurus_changelist"


@pytest.fixture
def data(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    kader = KaderFactory(kelurahan=kel, nik=buat_nik(kel, dt.date(1990, 5, 25), "P", 12), tanggal_lahir=dt.date(1990, 5, 25), jenis_kelamin="P")
    pengurus = PengurusFactory(lembaga=LembagaFactory(kelurahan=kel), nik=buat_nik(kel, dt.date(1985, 3, 2), "L", 34))
    return {"kader": kader, "pengurus": pengurus}


@pytest.fixture
def camat_staf(dua_wilayah):
    return make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True)


@pytest.fixture
def walikota_staf(db):
    return make_user(KANTOR_WALI_KOTA, username="walikota_staf", is_staff=True)


def _awalan_benar(client, url, nik):
    """What the attack of the finding read: does ``?nik__startswith=<the true first 10 digits>`` list the row?"""
    return client.get(reverse(url), {"nik__startswith": nik[:10]})


@pytest.mark.parametrize("pengguna", ["camat_staf", "walikota_staf"])
@pytest.mark.parametrize("url, kunci", [(CHANGELIST_KADER, "kader"), (CHANGELIST_PENGURUS, "pengurus")])
def test_saringan_nik_ditolak_bagi_yang_melihat_nik_tersamar(client, data, request, pengguna, url, kunci):
    client.force_login(request.getfixturevalue(pengguna))
    nik = data[kunci].nik
    assert client.get(reverse(url)).status_code == 200
    response = _awalan_benar(client, url, nik)
    assert response.status_code == 400
    assert nik not in response.content.decode()
    # Every lookup form: exact, ranges, regex, a transform, a list.
    for kunci_kueri in ("nik", "nik__exact", "nik__gt", "nik__lte", "nik__regex", "nik__iregex", "nik__contains", "nik__in", "nik__length", "nik__isnull"):
        assert client.get(reverse(url), {kunci_kueri: nik[:6]}).status_code == 400, kunci_kueri


def test_saringan_nik_lewat_relasi_ditolak(client, data, camat_staf):
    """The same question asked from a related model's admin (the lembaga of a board member, a kelurahan's cadres)."""
    client.force_login(camat_staf)
    nik_pengurus, nik_kader = data["pengurus"].nik, data["kader"].nik
    assert client.get(reverse("admin:lkk_lembaga_changelist"), {"pengurus_set__nik__startswith": nik_pengurus[:10]}).status_code == 400
    assert client.get(reverse("admin:wilayah_kelurahan_changelist"), {"kader_set__nik__startswith": nik_kader[:10]}).status_code == 400
    assert client.get(reverse("admin:kader_nominasilomba_changelist"), {"kader__nik__startswith": nik_kader[:10]}).status_code == 400


def test_lookup_allowed_menolak_nik_walau_di_list_filter(data, camat_staf, bappeda):
    """The rule lives in ``lookup_allowed`` (Django passes the request): a list filter on a NIK path
    would otherwise make the lookup legal; it is also not offered to a masked user."""
    lembaga_admin = admin.site._registry[Lembaga]
    rf = RequestFactory().get("/")
    rf.user = camat_staf
    assert not lembaga_admin.lookup_allowed("pengurus_set__nik__startswith", "3574", rf)
    assert lembaga_admin.lookup_allowed("jenis__id__exact", "1", rf)
    rf.user = bappeda
    semula = lembaga_admin.list_filter
    lembaga_admin.list_filter = [*semula, "pengurus_set__nik"]
    try:
        assert lembaga_admin.lookup_allowed("pengurus_set__nik", "3574", rf)
        rf.user = camat_staf
        assert not lembaga_admin.lookup_allowed("pengurus_set__nik", "3574", rf)
        assert "pengurus_set__nik" not in lembaga_admin.get_list_filter(rf)
    finally:
        lembaga_admin.list_filter = semula


@pytest.mark.parametrize("url, kunci", [(CHANGELIST_KADER, "kader"), (CHANGELIST_PENGURUS, "pengurus")])
def test_yang_melihat_nik_penuh_tetap_boleh_menyaring_dan_mencari(client, data, bappeda, operator_a, url, kunci):
    obj = data[kunci]
    operator_a.is_staff = True
    operator_a.save()
    for pengguna in (bappeda, operator_a):
        client.force_login(pengguna)
        response = _awalan_benar(client, url, obj.nik)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1
        assert client.get(reverse(url), {"q": obj.nik[:10]}).context["cl"].result_count == 1


@pytest.mark.parametrize("url, kunci", [(CHANGELIST_KADER, "kader"), (CHANGELIST_PENGURUS, "pengurus")])
def test_pencarian_tidak_membaca_nik_bagi_yang_melihat_tersamar(client, data, camat_staf, url, kunci):
    client.force_login(camat_staf)
    response = client.get(reverse(url), {"q": data[kunci].nik[:10]})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    assert client.get(reverse(url), {"q": data[kunci].nama}).context["cl"].result_count == 1


def test_autocomplete_tidak_mencari_nik_bagi_yang_melihat_tersamar(client, data, camat_staf, bappeda):
    """The autocomplete of the Forkom member inline searches cadres with the cadre admin's search fields."""
    params = {"term": data["kader"].nik[:10], "app_label": "kader", "model_name": "anggotaforkom", "field_name": "kader"}
    client.force_login(camat_staf)
    assert client.get(reverse("admin:autocomplete"), params).json()["results"] == []
    client.force_login(bappeda)
    assert [r["id"] for r in client.get(reverse("admin:autocomplete"), params).json()["results"]] == [str(data["kader"].pk)]


def test_urutan_menurut_kolom_nik_diabaikan(data, dua_wilayah, camat_staf, bappeda):
    """``?o=<index>`` sorts by any list_display column with an ordering field, whatever sortable_by says:
    sorting masked NIKs tells their order. A NIK column is not sortable, nor the default order, for a masked user."""
    kel = dua_wilayah["kel_a"]
    KaderFactory(kelurahan=kel, nama="Aaa", nik=buat_nik(kel, dt.date(1999, 12, 31), "L", 9999), tanggal_lahir=dt.date(1999, 12, 31), jenis_kelamin="L")
    kader_admin = admin.site._registry[Kader]
    semula = kader_admin.list_display, kader_admin.ordering, kader_admin.get_list_display
    kader_admin.list_display = ["nama", "nik", "kelurahan"]
    kader_admin.get_list_display = lambda request: kader_admin.list_display
    kader_admin.ordering = ["-nik"]
    try:
        rf = RequestFactory().get("/", {"o": "1"})
        for pengguna, harap_nik in ((bappeda, True), (camat_staf, False)):
            rf.user = pengguna
            assert ("nik" in kader_admin.get_sortable_by(rf)) is harap_nik
            assert (kader_admin.get_ordering(rf) == ["-nik"]) is harap_nik
            cl = kader_admin.get_changelist_instance(rf)
            urutan = [o for o in cl.get_ordering(rf, cl.root_queryset) if isinstance(o, str)]
            assert any(o.lstrip("-") == "nik" for o in urutan) is harap_nik, (pengguna, urutan)
    finally:
        kader_admin.list_display, kader_admin.ordering, kader_admin.get_list_display = semula


def test_urutan_ekspresi_nik_dikenali():
    from wilayah.admin import _urutan_menyentuh_nik

    assert _urutan_menyentuh_nik(Kader, "-nik")
    assert _urutan_menyentuh_nik(Kader, F("nik").desc())
    assert _urutan_menyentuh_nik(Kader, Lower("nik"))
    assert not _urutan_menyentuh_nik(Kader, Lower("nama").asc())
    assert not _urutan_menyentuh_nik(Kader, "kelurahan__kode")


def test_jalur_menyentuh_nik():
    assert jalur_menyentuh_nik(Kader, "nik__startswith")
    assert jalur_menyentuh_nik(Kader, "nik")
    assert jalur_menyentuh_nik(Pengurus, "nik__length__gt")
    assert jalur_menyentuh_nik(Lembaga, "pengurus_set__nik__in")
    assert jalur_menyentuh_nik(Kelurahan, "kader_set__nik")
    assert jalur_menyentuh_nik(Kelurahan, "kecamatan__kelurahan__kader_set__nik")
    assert not jalur_menyentuh_nik(Kader, "nik_luar_wilayah")
    assert not jalur_menyentuh_nik(Kader, "nama__startswith")
    assert not jalur_menyentuh_nik(Kader, "kelurahan__kode")
    assert not jalur_menyentuh_nik(Kader, "tidak_ada__nik")


def test_setiap_admin_portal_memakai_mixin_nik():
    """Every admin of the portal's data has the rule (through ScopedAdminMixin), every model with a NIK
    in particular. (The scope rows' admin reaches a NIK only through relations, which Django's own
    ``lookup_allowed`` refuses unless they are list filters.)"""
    dengan_nik = set()
    for model, model_admin in admin.site._registry.items():
        punya_nik = any(f.name == KOLOM_NIK for f in model._meta.fields)
        if punya_nik:
            dengan_nik.add(model._meta.label)
        if punya_nik or (model._meta.app_label in PORTAL_APPS and model not in ADMIN_UNSCOPED_ALLOWED):
            assert isinstance(model_admin, NikSamaranAdminMixin), model._meta.label
    assert {"kader.Kader", "lkk.Pengurus"} <= dengan_nik


def test_riwayat_admin_menyamarkan_nik_yang_berubah(client, data, camat_staf, bappeda):
    """django-simple-history's list of versions shows old -> new values: a changed NIK is masked there too."""
    kader = data["kader"]
    lama = kader.nik
    kader.nik = buat_nik(kader.kelurahan, kader.tanggal_lahir, kader.jenis_kelamin, 77)
    kader.save()
    url = reverse("admin:kader_kader_history", args=[kader.pk])
    client.force_login(camat_staf)
    isi = client.get(url).content.decode()
    assert lama not in isi and kader.nik not in isi
    assert lama[:4] + "\u2022" in isi
    assert not AksesNIK.objects.exists()
    client.force_login(bappeda)
    isi = client.get(url).content.decode()
    assert lama in isi and kader.nik in isi
    assert AksesNIK.objects.get().jenis == AksesNIK.Jenis.ADMIN


def test_operator_kelurahan_lain_tidak_menemukan_nik_kelurahan_a(client, dua_wilayah, data):
    """An operator reads their own kelurahan's NIKs in full, so may filter by NIK (``boleh_cari_nik``),
    but only among their own rows (the admin's rows are scoped): a NIK of kelurahan A is not found."""
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b_staf", is_staff=True)
    client.force_login(operator_b)
    response = _awalan_benar(client, CHANGELIST_KADER, data["kader"].nik)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
