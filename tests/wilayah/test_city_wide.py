"""City-wide reference rows (CityWideQuerySet): readable with any scope, nothing without one."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory
from wilayah.scoping import CityWideQuerySet


def test_reference_models_use_the_shared_queryset():
    labels = {m._meta.label for m in apps.get_models() if isinstance(m._default_manager.all(), CityWideQuerySet)}
    assert {"kader.PengaturanKader", "kader.BidangKerja", "lkk.JenisLembaga", "wisata.KategoriWisata"} <= labels


@pytest.mark.django_db
def test_city_wide_rows_follow_default_deny(operator_a, camat_a, walikota):
    Kategori = apps.get_model("wisata", "KategoriWisata")
    semua = Kategori.objects.count()
    assert semua > 0
    for user in (operator_a, camat_a, walikota, UserFactory(username="root", is_superuser=True)):
        assert Kategori.objects.for_user(user).count() == semua
    for user in (AnonymousUser(), UserFactory(username="tanpa_lingkup"), UserFactory(username="mati", is_active=False)):
        assert Kategori.objects.for_user(user).count() == 0
