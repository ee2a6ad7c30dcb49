import pytest

from lkk.demo import muat_demo
from lkk.models import Lembaga, Pengurus
from tests.factories import RWFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(dua_wilayah):
    for n in (1, 2, 3):
        RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=n)
    muat_demo()
    counts = (Lembaga.objects.count(), Pengurus.objects.count())
    assert counts[0] == 4 + 3 + 2 and Lembaga.objects.filter(nama="Pokmas Sinar Mulia").exists()
    muat_demo()
    assert (Lembaga.objects.count(), Pengurus.objects.count()) == counts
    assert Lembaga.objects.perlu_perhatian().count() >= 1
