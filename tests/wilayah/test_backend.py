"""``wilayah.backend.BackendPeran``: a user's roles and permissions in one query, the same answers as
Django's ``ModelBackend``."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user
from wilayah.backend import BackendPeran
from wilayah.roles import BAPPEDA, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN, lupakan_peran_dan_izin, peran_pengguna

User = get_user_model()


def _segar(user):
    return User.objects.get(pk=user.pk)


def _izin_tambahan(codename="view_aksesnik"):
    return Permission.objects.get(content_type__app_label="wilayah", codename=codename)


@pytest.fixture
def pengguna_aneka(dua_wilayah):
    """Users whose permissions come from every source: a role, a role and their own, their own only, a
    group without permissions, two roles, inactive, superuser."""
    tanpa_izin = Group.objects.create(name="Juri tanpa izin")
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op")
    operator_plus = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_plus")
    operator_plus.user_permissions.add(_izin_tambahan())
    sendiri = User.objects.create_user("sendiri", password="x")
    sendiri.user_permissions.add(_izin_tambahan(), _izin_tambahan("view_kelurahan"))
    juri = User.objects.create_user("juri", password="x")
    juri.groups.add(tanpa_izin)
    dua = make_user(BAPPEDA, username="dua")
    dua.groups.add(Group.objects.get(name=KANTOR_WALI_KOTA))
    nonaktif = make_user(BAPPEDA, username="nonaktif")
    nonaktif.is_active = False
    nonaktif.save()
    admin = User.objects.create_superuser("admin_uji", password="x")
    admin.user_permissions.add(_izin_tambahan())
    return [operator, operator_plus, sendiri, juri, dua, nonaktif, admin]


def test_the_portal_uses_the_backend():
    assert settings.AUTHENTICATION_BACKENDS[-1] == "wilayah.backend.BackendPeran"


def test_same_permissions_as_django_model_backend(pengguna_aneka):
    asli, kita = ModelBackend(), BackendPeran()
    for user in pengguna_aneka:
        for cara in ("get_user_permissions", "get_group_permissions", "get_all_permissions"):
            assert getattr(kita, cara)(_segar(user)) == getattr(asli, cara)(_segar(user)), (user.username, cara)
        assert peran_pengguna(_segar(user)) == set(user.groups.values_list("name", flat=True)), user.username
    operator_plus = _segar(pengguna_aneka[1])
    assert operator_plus.has_perm("wilayah.view_aksesnik") and operator_plus.has_perm("kader.add_kader")
    assert not operator_plus.has_perm("kader.delete_kader")
    assert not _segar(pengguna_aneka[5]).has_perm("kader.view_kader")  # inactive: nothing
    assert _segar(pengguna_aneka[6]).has_perm("kader.delete_kader")  # superuser: everything


def test_roles_and_every_permission_in_one_query(pengguna_aneka):
    operator_plus = _segar(pengguna_aneka[1])
    with CaptureQueriesContext(connection) as ctx:
        assert peran_pengguna(operator_plus) == {OPERATOR_KELURAHAN}
        assert operator_plus.has_perm("wilayah.view_aksesnik")  # its own permission
        assert operator_plus.has_perm("kader.change_kader")  # its group's
        assert not operator_plus.has_perm("kader.delete_kader")
        assert peran_pengguna(operator_plus) == {OPERATOR_KELURAHAN}
    assert len(ctx.captured_queries) == 1


def test_a_permission_check_first_also_caches_the_roles(pengguna_aneka):
    operator = _segar(pengguna_aneka[0])
    with CaptureQueriesContext(connection) as ctx:
        assert operator.has_perm("kader.view_kader")
        assert peran_pengguna(operator) == {OPERATOR_KELURAHAN}
    assert len(ctx.captured_queries) == 1


def test_forgetting_reads_a_changed_role(pengguna_aneka):
    juri = _segar(pengguna_aneka[3])
    assert peran_pengguna(juri) == {"Juri tanpa izin"} and not juri.has_perm("kader.view_kader")
    juri.groups.add(Group.objects.get(name=BAPPEDA))
    lupakan_peran_dan_izin(juri)
    assert peran_pengguna(juri) == {"Juri tanpa izin", BAPPEDA} and juri.has_perm("kader.delete_kader")
