import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from wilayah.models import RW, Kelurahan, Lingkup


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_gives_a_user_per_role():
    call_command("demo_data")
    counts = (get_user_model().objects.count(), RW.objects.count(), Lingkup.objects.count())
    call_command("demo_data")
    assert (get_user_model().objects.count(), RW.objects.count(), Lingkup.objects.count()) == counts
    assert Kelurahan.objects.count() == 29
    assert RW.objects.filter(kelurahan__kode="35.74.04.1004").exists()
    roles = set(get_user_model().objects.values_list("groups__name", flat=True))
    assert {"Operator Kelurahan", "Camat", "Bappeda", "Kantor Wali Kota"} <= roles
    assert get_user_model().objects.get(username="lurah.kebonsariwetan").check_password("Probolinggo-Demo-2026")
