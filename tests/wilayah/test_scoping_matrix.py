"""The scoping matrix: every role x every scoped model x list and detail, in scope and out.

The models come from ``wilayah.scoping.scoped_models()`` (every model whose manager has
``for_user``), so the matrix grows by itself as the apps add models. A scoped model
without a factory in some ``SCOPED_FACTORIES`` fails here.
"""

import importlib
import pkgutil

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

import tests
from tests.factories import UserFactory, make_user
from wilayah.admin import ScopedAdminMixin
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import scoped_models


def _collect_factories():
    found = {}
    modules = ["tests.factories"] + [
        f"tests.{m.name}.factories" for m in pkgutil.iter_modules(tests.__path__) if m.ispkg
    ]
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        found.update(getattr(module, "SCOPED_FACTORIES", {}))
    return found


SCOPED_FACTORIES = _collect_factories()
MODELS = sorted(scoped_models(), key=lambda m: m._meta.label)
ROLES = ["anonim", "tanpa_lingkup", OPERATOR_KELURAHAN, CAMAT, BAPPEDA, KANTOR_WALI_KOTA, "superuser"]

# Region-bound models without a list page of their own, and why. The matrix checks them at the
# queryset (``for_user``), the only door their rows are read through. A model listed here that
# declares ``list_url_name`` (its pages landed) is walked over HTTP like every other one.
TANPA_HALAMAN = {
    "laporan.AngkaBulanan": "angka beku dibaca lewat halaman laporannya, tidak punya daftar sendiri",
    "laporan.LaporanBulanan": "halaman laporan dibangun bersama dasbor (issue 11); sampai itu, hanya queryset",
    "wilayah.KonfirmasiBulan": "konfirmasi kelengkapan dibaca di dasbor dan laporan, tidak punya daftar sendiri",
    "wilayah.PengecualianKunci": "pengecualian kunci dikelola Bappeda di admin/dasbor, tidak punya daftar sendiri",
}


def _punya_halaman(model) -> bool:
    return bool(getattr(model, "list_url_name", None))


HTTP_MODELS = [m for m in MODELS if _punya_halaman(m)]
QUERYSET_MODELS = [m for m in MODELS if not _punya_halaman(m)]


def test_every_scoped_model_has_factory_and_urls():
    assert MODELS, "Tidak ada model berlingkup yang terdaftar."
    for model in MODELS:
        assert model._meta.label in SCOPED_FACTORIES, f"{model._meta.label}: tambahkan ke SCOPED_FACTORIES."
        if not _punya_halaman(model):
            assert model._meta.label in TANPA_HALAMAN, f"{model._meta.label}: nyatakan list_url_name (atau jelaskan di TANPA_HALAMAN)."
            continue
        assert hasattr(model, "get_absolute_url"), f"{model._meta.label}: perlu get_absolute_url()."


def _user_for(role, wilayah):
    if role == "anonim":
        return None
    if role == "tanpa_lingkup":
        return UserFactory(username="tanpa_lingkup")
    if role == "superuser":
        return UserFactory(username="super", is_superuser=True, is_staff=True)
    return make_user(role, kelurahan=wilayah["kel_a"], kecamatan=wilayah["kec_a"], username=f"u_{role.replace(' ', '_')}")


def _model_id(model):
    return model._meta.label


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", QUERYSET_MODELS, ids=_model_id)
def test_queryset_follows_scope(dua_wilayah, model, role):
    """A model without pages: ``for_user(user, "view")`` holds the row in scope and not the other."""
    make = SCOPED_FACTORIES[model._meta.label]
    di_dalam = make(dua_wilayah["kel_a"])
    di_luar = make(dua_wilayah["kel_b"])
    if role == "anonim":
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    else:
        user = _user_for(role, dua_wilayah)
    terlihat = set(model.objects.for_user(user, "view").filter(pk__in=[di_dalam.pk, di_luar.pk]).values_list("pk", flat=True))
    perm = f"{model._meta.app_label}.view_{model._meta.model_name}"
    if role in ("anonim", "tanpa_lingkup") or not user.has_perm(perm):
        assert terlihat == set()
    elif role in (BAPPEDA, KANTOR_WALI_KOTA, "superuser"):
        assert terlihat == {di_dalam.pk, di_luar.pk}
    else:
        assert terlihat == {di_dalam.pk}, "objek di luar lingkup bocor"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", HTTP_MODELS, ids=_model_id)
def test_list_and_detail_follow_scope(client, dua_wilayah, model, role):
    make = SCOPED_FACTORIES[model._meta.label]
    di_dalam = make(dua_wilayah["kel_a"])
    di_luar = make(dua_wilayah["kel_b"])
    user = _user_for(role, dua_wilayah)
    if user is not None:
        client.force_login(user)

    list_url = reverse(model.list_url_name)
    responses = {
        "list": client.get(list_url),
        "in": client.get(di_dalam.get_absolute_url()),
        "out": client.get(di_luar.get_absolute_url()),
    }

    if role == "anonim":
        for key, response in responses.items():
            assert response.status_code == 302, key
            assert response["Location"].startswith(reverse("login")), key
        return
    if role == "tanpa_lingkup":
        for key, response in responses.items():
            assert response.status_code == 403, key
            assert "Hubungi Bappeda" in response.content.decode() or "hubungi Bappeda" in response.content.decode(), key
        return

    perm = f"{model._meta.app_label}.view_{model._meta.model_name}"
    if not user.has_perm(perm):
        for key, response in responses.items():
            assert response.status_code == 403, key
        return

    whole_city = role in (BAPPEDA, KANTOR_WALI_KOTA, "superuser")
    assert responses["list"].status_code == 200
    body = responses["list"].content.decode()
    assert di_dalam.get_absolute_url() in body, "objek dalam lingkup harus tampil di daftar"
    assert responses["in"].status_code == 200
    if whole_city:
        assert di_luar.get_absolute_url() in body
        assert responses["out"].status_code == 200
    else:
        assert di_luar.get_absolute_url() not in body, "objek di luar lingkup bocor ke daftar"
        assert responses["out"].status_code == 404


ADMIN_MODELS = [m for m in MODELS if m in admin.site._registry]


def test_admin_of_every_scoped_model_is_scoped():
    for model in MODELS:
        model_admin = admin.site._registry.get(model)
        if model_admin is not None:
            assert isinstance(model_admin, ScopedAdminMixin), f"Admin {model._meta.label} harus memakai ScopedAdminMixin."


@pytest.mark.parametrize("role", ["anonim", OPERATOR_KELURAHAN, "camat_staf", BAPPEDA, "superuser"])
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=_model_id)
def test_admin_changelist_follows_scope(client, dua_wilayah, model, role):
    make = SCOPED_FACTORIES[model._meta.label]
    di_dalam = make(dua_wilayah["kel_a"])
    di_luar = make(dua_wilayah["kel_b"])
    info = (model._meta.app_label, model._meta.model_name)
    changelist = reverse("admin:%s_%s_changelist" % info)
    change_in = reverse("admin:%s_%s_change" % info, args=[di_dalam.pk])
    change_out = reverse("admin:%s_%s_change" % info, args=[di_luar.pk])

    if role == "camat_staf":
        # A staff camat proves that the admin's get_queryset goes through for_user.
        user = make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True)
    elif role == "superuser":
        user = UserFactory(username="super", is_superuser=True, is_staff=True)
    elif role == "anonim":
        user = None
    else:
        user = _user_for(role, dua_wilayah)
    if user is not None:
        client.force_login(user)

    response = client.get(changelist)
    if user is None or not user.is_staff:
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
        return
    if not user.has_perm(f"{info[0]}.view_{info[1]}"):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert change_in in body
    if role in (BAPPEDA, "superuser"):
        assert change_out in body
    else:
        assert change_out not in body
        # The admin answers an object outside its queryset as "does not exist" (redirect to index).
        out = client.get(change_out)
        assert out.status_code == 302 and out["Location"] == reverse("admin:index")


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=_model_id)
def test_admin_history_pages_follow_scope(client, dua_wilayah, model):
    """History pages (Django's and django-simple-history's) answer only for objects in scope."""
    make = SCOPED_FACTORIES[model._meta.label]
    di_dalam = make(dua_wilayah["kel_a"])
    di_luar = make(dua_wilayah["kel_b"])
    info = (model._meta.app_label, model._meta.model_name)
    client.force_login(make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True))
    assert client.get(reverse("admin:%s_%s_history" % info, args=[di_dalam.pk])).status_code == 200
    assert client.get(reverse("admin:%s_%s_history" % info, args=[di_luar.pk])).status_code == 404
    if isinstance(admin.site._registry[model], SimpleHistoryAdmin):
        versi = di_luar.history.first()
        url = reverse("admin:%s_%s_simple_history" % info, args=[di_luar.pk, versi.history_id])
        assert client.get(url).status_code == 404


def test_user_model_is_not_scoped_but_admin_only_for_superusers(client, bappeda):
    client.force_login(bappeda)
    model = get_user_model()
    response = client.get(reverse("admin:%s_%s_changelist" % (model._meta.app_label, model._meta.model_name)))
    assert response.status_code == 403
