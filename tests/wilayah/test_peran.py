"""Roles are groups with model permissions; each non-superuser has exactly one scope row."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction

from tests.factories import UserFactory
from wilayah.models import Lingkup, RW
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN, ROLES, role_actions_for
from wilayah.scoping import Tingkat


@pytest.mark.django_db
def test_groups_exist_with_expected_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)
    perms = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert {"view_rw", "add_rw", "change_rw"} <= perms[OPERATOR_KELURAHAN]
    assert "delete_rw" not in perms[OPERATOR_KELURAHAN]
    assert "change_kelurahan" not in perms[OPERATOR_KELURAHAN]
    # A camat reads; the one thing a kecamatan writes is the trainings it organises (seed 001: the
    # kecamatan's LKK pembinaan): its diklat, their participants and commitments, speakers and organisers.
    assert perms[CAMAT] >= {"view_rw", "view_kelurahan"}
    menulis = {p for p in perms[CAMAT] if p.startswith(("add_", "change_", "delete_"))}
    assert menulis == {
        "add_diklat", "change_diklat", "add_peserta", "change_peserta", "delete_peserta", "add_rencanatindaklanjut",
        "change_rencanatindaklanjut", "delete_rencanatindaklanjut", "add_instansi", "change_instansi", "add_narasumber", "change_narasumber",
    }  # fmt: skip
    assert all(Permission.objects.get(codename=p).content_type.app_label == "pelatihan" for p in menulis)
    assert not any(p.startswith(("add_", "change_", "delete_")) for p in perms[KANTOR_WALI_KOTA])
    assert {"delete_rw", "add_lingkup", "change_lingkup"} <= perms[BAPPEDA]


def test_scoped_model_defaults_are_applied():
    actions = role_actions_for(RW)
    assert actions[OPERATOR_KELURAHAN] == {"view", "add", "change"}
    assert actions[KANTOR_WALI_KOTA] == {"view"}


@pytest.mark.django_db
def test_one_scope_row_per_user(dua_wilayah):
    user = UserFactory()
    Lingkup.objects.create(user=user, tingkat=Tingkat.KELURAHAN, kelurahan=dua_wilayah["kel_a"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Lingkup.objects.create(user=user, tingkat=Tingkat.KOTA)


@pytest.mark.parametrize(
    "tingkat, kel, kec",
    [
        (Tingkat.KELURAHAN, False, False),
        (Tingkat.KELURAHAN, True, True),
        (Tingkat.KECAMATAN, True, False),
        (Tingkat.KOTA, False, True),
    ],
)
@pytest.mark.django_db
def test_scope_row_must_match_its_level(dua_wilayah, tingkat, kel, kec):
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lingkup.objects.create(
            user=user,
            tingkat=tingkat,
            kelurahan=dua_wilayah["kel_a"] if kel else None,
            kecamatan=dua_wilayah["kec_a"] if kec else None,
        )
